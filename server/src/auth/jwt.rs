//! What every token kind checks alike: HS256 only, its own audience, our issuer, no leeway.

use jsonwebtoken::{Algorithm, Validation};

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
