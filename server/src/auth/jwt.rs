//! What every token kind does alike: HS256 only, its own audience, our issuer, no leeway, and
//! the key id (`kid`) in the header, so a token is checked with the key that signed it while
//! the key ring still accepts that key (docs/security.md, "Keys").

use crate::keys::{KeyId, Keys, Purpose};
use jsonwebtoken::{
    decode, decode_header, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The issuer of every token the portal signs.
pub const ISSUER: &str = "redress";

/// Validation for tokens of `audience`: a token of any other kind is refused.
pub fn strict_validation(audience: &str) -> Validation {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_audience(&[audience]);
    validation.set_issuer(&[ISSUER]);
    validation.leeway = 0;
    validation.set_required_spec_claims(&["exp", "aud", "iss", "sub"]);
    validation
}

/// `claims` signed with the current key of `purpose`, naming it in `kid`.
pub fn sign<C: Serialize>(keys: &Keys, purpose: Purpose, claims: &C) -> anyhow::Result<String> {
    let key = keys.current(purpose);
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(key.id.to_string());
    Ok(encode(
        &header,
        claims,
        &EncodingKey::from_secret(key.secret()),
    )?)
}

/// The claims of `token` if the key its `kid` names is a key of `purpose` the ring accepts
/// now and the token is valid for `audience`. A token without `kid` was signed before tokens
/// carried one, with version 1.
pub fn verify<C: DeserializeOwned>(
    keys: &Keys,
    purpose: Purpose,
    audience: &str,
    token: &str,
) -> Option<C> {
    let header = decode_header(token).ok()?;
    let id = match header.kid {
        Some(kid) => KeyId::parse(&kid)?,
        None => KeyId::new(purpose, 1),
    };
    if id.purpose != purpose {
        return None;
    }
    let key = keys.verifying(id, chrono::Utc::now().naive_utc())?;
    decode::<C>(
        token,
        &DecodingKey::from_secret(key.secret()),
        &strict_validation(audience),
    )
    .ok()
    .map(|data| data.claims)
}
