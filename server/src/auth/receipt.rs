//! Signed filing receipts: a compact JWS (EdDSA over Ed25519) a citizen keeps as proof of what
//! they filed and when. Anyone can check one against the public key published at
//! `/.well-known/redress-receipt-key`, without trusting the portal's database
//! (docs/receipts.md).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The JWS `typ` of a receipt, so no other token of the portal passes for one.
pub const RECEIPT_TYPE: &str = "redress-receipt+jwt";

/// The PKCS #8 v1 prefix of an Ed25519 private key (RFC 8410): the key is these 16 bytes and
/// then its 32-byte seed, which is how the JWT library takes an Ed25519 key.
const PKCS8_ED25519_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/// One attachment as the receipt states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptAttachment {
    pub name: String,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// What a receipt states about a filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The appeal's reference.
    pub appeal: String,
    /// The reference of the decision challenged.
    pub decision: String,
    /// The grounds, by code.
    pub grounds: Vec<String>,
    /// Hex SHA-256 of the statement as filed (UTF-8).
    pub statement_sha256: String,
    pub attachments: Vec<ReceiptAttachment>,
    /// When the portal received the filing, seconds since 1970 (UTC).
    pub filed_at: i64,
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    iat: i64,
    #[serde(flatten)]
    receipt: Receipt,
}

/// Why a pasted receipt is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceiptProblem {
    /// Not a receipt at all (not three dot-separated parts, not JSON, another token type).
    Malformed,
    /// Signed by another key: not issued by this portal, or by a key it no longer uses.
    UnknownKey,
    /// The signature does not match: the receipt was changed after it was signed.
    Altered,
}

/// Signs and checks receipts with the portal's receipt key.
#[derive(Clone)]
pub struct ReceiptSigner {
    encoding: EncodingKey,
    decoding: DecodingKey,
    public_key: Vec<u8>,
    key_id: String,
}

impl ReceiptSigner {
    /// The signer whose Ed25519 key is derived from `seed` (32 bytes, from the master secret).
    pub fn from_seed(seed: &[u8; 32]) -> anyhow::Result<ReceiptSigner> {
        let pair = Ed25519KeyPair::from_seed_unchecked(seed)
            .map_err(|_| anyhow::anyhow!("the receipt key seed is not usable"))?;
        let public_key = pair.public_key().as_ref().to_vec();
        let mut pkcs8 = PKCS8_ED25519_PREFIX.to_vec();
        pkcs8.extend_from_slice(seed);
        let key_id = hex::encode(&Sha256::digest(&public_key)[..8]);
        Ok(ReceiptSigner {
            encoding: EncodingKey::from_ed_der(&pkcs8),
            decoding: DecodingKey::from_ed_der(&public_key),
            public_key,
            key_id,
        })
    }

    /// The key's id, carried in each receipt's header and in the published key.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The public key as a JWK Set (RFC 7517, RFC 8037), as `/.well-known/redress-receipt-key`
    /// publishes it.
    pub fn public_jwks(&self) -> serde_json::Value {
        serde_json::json!({
            "keys": [{
                "kty": "OKP",
                "crv": "Ed25519",
                "x": URL_SAFE_NO_PAD.encode(&self.public_key),
                "kid": self.key_id,
                "alg": "EdDSA",
                "use": "sig",
            }]
        })
    }

    /// The receipt as a compact JWS.
    pub fn sign(&self, receipt: &Receipt) -> anyhow::Result<String> {
        let mut header = Header::new(Algorithm::EdDSA);
        header.typ = Some(RECEIPT_TYPE.to_string());
        header.kid = Some(self.key_id.clone());
        let claims = Claims {
            iss: super::jwt::ISSUER.to_string(),
            iat: receipt.filed_at,
            receipt: receipt.clone(),
        };
        Ok(encode(&header, &claims, &self.encoding)?)
    }

    /// What a pasted receipt states, if this portal's key signed it and nothing was changed.
    pub fn verify(&self, token: &str) -> Result<Receipt, ReceiptProblem> {
        let token: String = token.split_whitespace().collect();
        let header = jsonwebtoken::decode_header(&token).map_err(|_| ReceiptProblem::Malformed)?;
        if header.alg != Algorithm::EdDSA || header.typ.as_deref() != Some(RECEIPT_TYPE) {
            return Err(ReceiptProblem::Malformed);
        }
        if header.kid.as_deref() != Some(self.key_id.as_str()) {
            return Err(ReceiptProblem::UnknownKey);
        }
        let mut validation = Validation::new(Algorithm::EdDSA);
        validation.required_spec_claims.clear();
        validation.validate_exp = false;
        validation.set_issuer(&[super::jwt::ISSUER]);
        match decode::<Claims>(&token, &self.decoding, &validation) {
            Ok(data) => Ok(data.claims.receipt),
            Err(error) => match error.kind() {
                jsonwebtoken::errors::ErrorKind::InvalidSignature => Err(ReceiptProblem::Altered),
                _ => Err(ReceiptProblem::Malformed),
            },
        }
    }
}

/// Hex SHA-256 of `bytes`, as receipts state statements and attachments.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receipt() -> Receipt {
        Receipt {
            appeal: "RA-7F3K-9QXD".into(),
            decision: "RD-DEM0-0001".into(),
            grounds: vec!["data_error".into()],
            statement_sha256: sha256_hex("Моя зарплата указана неверно".as_bytes()),
            attachments: vec![ReceiptAttachment {
                name: "payslip.pdf".into(),
                sha256: sha256_hex(b"%PDF-1.7"),
            }],
            filed_at: 1_796_000_000,
        }
    }

    fn signer(byte: u8) -> ReceiptSigner {
        ReceiptSigner::from_seed(&[byte; 32]).unwrap()
    }

    #[test]
    fn a_signed_receipt_verifies_and_states_what_was_filed() {
        let token = signer(7).sign(&receipt()).unwrap();
        assert_eq!(token.split('.').count(), 3, "a compact JWS");
        assert_eq!(signer(7).verify(&token), Ok(receipt()));
        let wrapped = format!("  {}\n{}  ", &token[..40], &token[40..]);
        assert_eq!(
            signer(7).verify(&wrapped),
            Ok(receipt()),
            "line breaks from copying are ignored"
        );
    }

    #[test]
    fn a_changed_receipt_is_caught() {
        let token = signer(7).sign(&receipt()).unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        let mut claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        claims["filed_at"] = serde_json::json!(1_795_000_000);
        let forged = format!(
            "{}.{}.{}",
            parts[0],
            URL_SAFE_NO_PAD.encode(claims.to_string()),
            parts[2]
        );
        assert_eq!(signer(7).verify(&forged), Err(ReceiptProblem::Altered));
    }

    #[test]
    fn another_key_or_another_token_is_not_a_receipt_of_this_portal() {
        let token = signer(8).sign(&receipt()).unwrap();
        assert_eq!(signer(7).verify(&token), Err(ReceiptProblem::UnknownKey));
        assert_eq!(
            signer(7).verify("not a receipt"),
            Err(ReceiptProblem::Malformed)
        );
        let hmac = encode(
            &Header::default(),
            &serde_json::json!({"sub": "x"}),
            &EncodingKey::from_secret(b"k"),
        )
        .unwrap();
        assert_eq!(signer(7).verify(&hmac), Err(ReceiptProblem::Malformed));
    }

    #[test]
    fn the_published_key_is_the_signing_key() {
        let signer = signer(7);
        let jwks = signer.public_jwks();
        let key = &jwks["keys"][0];
        assert_eq!(
            (key["kty"].as_str(), key["crv"].as_str()),
            (Some("OKP"), Some("Ed25519"))
        );
        assert_eq!(key["kid"].as_str(), Some(signer.key_id()));
        let x = key["x"].as_str().unwrap();
        let decoding = DecodingKey::from_ed_components(x).unwrap();
        let token = signer.sign(&receipt()).unwrap();
        let mut validation = Validation::new(Algorithm::EdDSA);
        validation.required_spec_claims.clear();
        validation.validate_exp = false;
        assert!(decode::<serde_json::Value>(&token, &decoding, &validation).is_ok());
    }
}
