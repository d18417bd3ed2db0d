//! Sealing what two-factor sign-in keeps in the database: the TOTP secret and the recovery
//! codes waiting to be written down are encrypted with ChaCha20-Poly1305 under the two-factor
//! key (derived from the master secret, which never enters the database), with the account id
//! as associated data, so a sealed value copied to another account does not open. Recovery codes
//! themselves are kept as keyed hashes.

use base64::Engine;
use rand::RngCore;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305, NONCE_LEN};

/// Why a sealed value would not open.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("a sealed two-factor value does not open: tampered with, of another account, or under another key")]
pub struct Unsealable;

fn key(two_factor_key: &[u8]) -> LessSafeKey {
    // The derived keys are 32 bytes, exactly ChaCha20-Poly1305's key length.
    let unbound = UnboundKey::new(&CHACHA20_POLY1305, &two_factor_key[..32])
        .unwrap_or_else(|_| unreachable!("a 32-byte key is valid for ChaCha20-Poly1305"));
    LessSafeKey::new(unbound)
}

fn associated(user_id: i64) -> String {
    format!("redress/two-factor/user/{user_id}")
}

/// `plain` sealed for `user_id`: base64 of a random nonce, the ciphertext and its tag.
pub fn seal(two_factor_key: &[u8], user_id: i64, plain: &[u8]) -> String {
    let mut nonce = [0u8; NONCE_LEN];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let mut in_out = plain.to_vec();
    key(two_factor_key)
        .seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(associated(user_id).as_bytes()),
            &mut in_out,
        )
        .unwrap_or_else(|_| unreachable!("sealing fails only past 256 GiB"));
    let mut sealed = nonce.to_vec();
    sealed.extend_from_slice(&in_out);
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(sealed)
}

/// The plain bytes of a value [`seal`]ed for `user_id`.
pub fn open(two_factor_key: &[u8], user_id: i64, sealed: &str) -> Result<Vec<u8>, Unsealable> {
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(sealed)
        .map_err(|_| Unsealable)?;
    if bytes.len() < NONCE_LEN {
        return Err(Unsealable);
    }
    let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
    let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| Unsealable)?;
    let mut in_out = ciphertext.to_vec();
    let plain = key(two_factor_key)
        .open_in_place(
            nonce,
            Aad::from(associated(user_id).as_bytes()),
            &mut in_out,
        )
        .map_err(|_| Unsealable)?;
    Ok(plain.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: [u8; 32] = [7; 32];

    #[test]
    fn a_sealed_value_opens_for_its_account_only() {
        let sealed = seal(&KEY, 12, b"secret");
        assert_eq!(open(&KEY, 12, &sealed), Ok(b"secret".to_vec()));
        assert_eq!(open(&KEY, 13, &sealed), Err(Unsealable));
        assert_eq!(open(&[8; 32], 12, &sealed), Err(Unsealable));
        assert!(!sealed.contains("secret"));
    }

    #[test]
    fn sealing_twice_gives_different_text_and_tampering_is_caught() {
        let one = seal(&KEY, 1, b"same");
        let two = seal(&KEY, 1, b"same");
        assert_ne!(one, two);
        let mut bytes = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(&one)
            .expect("base64");
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let tampered = base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes);
        assert_eq!(open(&KEY, 1, &tampered), Err(Unsealable));
        assert_eq!(open(&KEY, 1, "not base64 !"), Err(Unsealable));
    }
}
