//! Time-based one-time codes (RFC 6238) for staff two-factor sign-in: six digits, a 30-second
//! step, HMAC-SHA1 (what every authenticator app reads from a QR code), and one step of clock
//! drift either way. A code's step must be later than the last one accepted, so a code seen over
//! a shoulder cannot be used again.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use rand::RngCore;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, TOTP};

/// Digits in a code.
const DIGITS: usize = 6;
/// Seconds in a step.
const STEP_SECS: u64 = 30;
/// Steps of clock drift accepted either side of now.
const SKEW: u8 = 1;
/// 160 bits: the length RFC 4226 recommends for the shared secret.
pub const SECRET_BYTES: usize = 20;

/// A fresh random secret.
pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; SECRET_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    secret
}

/// The generator for `secret`, labelled for the app as `issuer: account`.
fn generator(secret: &[u8], issuer: &str, account: &str) -> Option<TOTP> {
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        SKEW,
        STEP_SECS,
        secret.to_vec(),
        Some(issuer.to_string()),
        account.to_string(),
    )
    .ok()
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn provisioning_url(secret: &[u8], issuer: &str, account: &str) -> Option<String> {
    // The otpauth label must not contain a colon; an issuer with one would be unreadable.
    let issuer = issuer.replace(':', " ");
    generator(secret, &issuer, account).map(|totp| totp.get_url())
}

/// The secret as the app's "enter a key" field wants it: base32, in groups of four.
pub fn secret_for_typing(secret: &[u8]) -> String {
    let encoded = base32::encode(base32::Alphabet::Rfc4648 { padding: false }, secret);
    encoded
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The secret back from its typed form (spaces and case ignored): `None` if it is not base32.
pub fn secret_from_typed(typed: &str) -> Option<Vec<u8>> {
    let compact: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    base32::decode(base32::Alphabet::Rfc4648 { padding: false }, &compact)
}

/// The QR code of `url` as an SVG document (no script, no external reference).
pub fn qr_svg(url: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build(),
    )
}

/// What a person typed, as digits only ("123 456" and "123-456" are "123456").
pub fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// Whether `typed` looks like a one-time code (six digits) rather than a recovery code.
pub fn looks_like_code(typed: &str) -> bool {
    let code = normalise(typed);
    code.len() == DIGITS && code.chars().all(|c| c.is_ascii_digit())
}

/// The step `typed` is the code of, within the drift window around `now_unix`, if it is later
/// than `last_step` (the last accepted); `None` otherwise.
pub fn accepted_step(
    secret: &[u8],
    typed: &str,
    now_unix: u64,
    last_step: Option<u64>,
) -> Option<u64> {
    let code = normalise(typed);
    if !looks_like_code(&code) {
        return None;
    }
    let totp = generator(secret, "", "")?;
    let current = now_unix / STEP_SECS;
    let mut accepted = None;
    // Every candidate is compared, in constant time, so the timing says nothing of which matched.
    for step in current.saturating_sub(SKEW as u64)..=current + SKEW as u64 {
        let expected = totp.generate(step * STEP_SECS);
        let matches: bool = expected.as_bytes().ct_eq(code.as_bytes()).into();
        if matches && last_step.is_none_or(|last| step > last) {
            accepted = Some(step);
        }
    }
    accepted
}

/// The code for `now_unix` (for tests and for the operator's own checks).
pub fn code_at(secret: &[u8], now_unix: u64) -> String {
    generator(secret, "", "")
        .map(|totp| totp.generate(now_unix))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 secret.
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        // The RFC's eight-digit values, of which an app shows the last six.
        assert_eq!(code_at(RFC_SECRET, 59), "287082");
        assert_eq!(code_at(RFC_SECRET, 1_111_111_109), "081804");
        assert_eq!(code_at(RFC_SECRET, 2_000_000_000), "279037");
    }

    #[test]
    fn a_code_is_accepted_in_its_step_and_one_either_side_only() {
        let now = 1_111_111_109;
        let code = code_at(RFC_SECRET, now);
        let step = now / STEP_SECS;
        assert_eq!(accepted_step(RFC_SECRET, &code, now, None), Some(step));
        assert_eq!(accepted_step(RFC_SECRET, &code, now + 30, None), Some(step));
        assert_eq!(accepted_step(RFC_SECRET, &code, now - 30, None), Some(step));
        assert_eq!(accepted_step(RFC_SECRET, &code, now + 90, None), None);
        assert_eq!(accepted_step(RFC_SECRET, "000000", now, None), None);
    }

    #[test]
    fn a_code_is_accepted_once() {
        let now = 1_111_111_109;
        let code = code_at(RFC_SECRET, now);
        let step = accepted_step(RFC_SECRET, &code, now, None).expect("accepted");
        assert_eq!(accepted_step(RFC_SECRET, &code, now, Some(step)), None);
        let next = code_at(RFC_SECRET, now + 30);
        assert_eq!(
            accepted_step(RFC_SECRET, &next, now + 30, Some(step)),
            Some(step + 1)
        );
    }

    #[test]
    fn typed_codes_may_carry_spaces_and_dashes() {
        let now = 59;
        assert!(accepted_step(RFC_SECRET, "287 082", now, None).is_some());
        assert!(accepted_step(RFC_SECRET, " 287-082 ", now, None).is_some());
        assert!(!looks_like_code("28708"));
        assert!(!looks_like_code("ABCDE-FGHJK"));
    }

    #[test]
    fn the_provisioning_url_and_qr_code_name_the_account() {
        let url = provisioning_url(RFC_SECRET, "Redress: KZ", "a@agency.kz").expect("url");
        assert!(url.starts_with("otpauth://totp/"), "{url}");
        assert!(
            url.contains("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
            "{url}"
        );
        assert!(!url.contains("Redress:%20KZ"), "{url}");
        let svg = qr_svg(&url).expect("svg");
        assert!(svg.contains("<svg") && !svg.contains("<script"));
        assert_eq!(secret_for_typing(&RFC_SECRET[..5]), "GEZD GNBV");
        let typed = secret_for_typing(RFC_SECRET).to_lowercase();
        assert_eq!(secret_from_typed(&typed).as_deref(), Some(RFC_SECRET));
    }
}
