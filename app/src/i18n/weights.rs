//! A factor's weight and its place among the reasons, in the reader's language: signed numbers
//! with the locale's decimal comma, and the words for direction and importance
//! (docs/explanations.md).

use super::{format_value, Locale};
use crate::tr;
use crate::types::reasons::{Direction, Importance};

/// A weight as a signed number in the reader's language: "+3.58", "−0,70" (a true minus sign),
/// and "0.00" with no sign for no weight at all. A weight too small for two decimals keeps the
/// digits it has ("+0.004"), so a weight that counted never reads as zero.
pub fn signed_weight(locale: Locale, weight: f64) -> String {
    if !weight.is_finite() || weight == 0.0 {
        return format_value(locale, "0.00", None);
    }
    let size = weight.abs();
    let two_places = format!("{size:.2}");
    let digits = if two_places == "0.00" {
        // Display of an f64 is the shortest exact form and never uses an exponent.
        size.to_string()
    } else {
        two_places
    };
    let sign = if weight > 0.0 { "+" } else { "\u{2212}" };
    format!("{sign}{}", format_value(locale, &digits, None))
}

/// "Counted in your favour" or "Counted against you".
pub fn direction(locale: Locale, direction: Direction) -> &'static str {
    match direction {
        Direction::Towards => tr!(locale, reason_for),
        Direction::Against => tr!(locale, reason_against),
    }
}

/// "The largest reason", "A major reason", "A moderate reason", "A smaller reason".
pub fn importance(locale: Locale, importance: Importance) -> &'static str {
    match importance {
        Importance::Largest => tr!(locale, reason_importance_largest),
        Importance::Major => tr!(locale, reason_importance_major),
        Importance::Moderate => tr!(locale, reason_importance_moderate),
        Importance::Smaller => tr!(locale, reason_importance_smaller),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_carry_one_sign_and_the_locale_decimal_mark() {
        assert_eq!(signed_weight(Locale::En, 3.58), "+3.58");
        assert_eq!(signed_weight(Locale::En, -0.7), "\u{2212}0.70");
        assert_eq!(signed_weight(Locale::Ru, -0.7), "\u{2212}0,70");
        assert_eq!(signed_weight(Locale::Kk, 3.58), "+3,58");
        assert_eq!(signed_weight(Locale::En, 12345.5), "+12,345.50");
    }

    #[test]
    fn no_weight_reads_as_a_plain_zero_and_a_tiny_weight_keeps_its_digits() {
        for zero in [0.0, -0.0, f64::NAN] {
            assert_eq!(signed_weight(Locale::En, zero), "0.00");
            assert_eq!(signed_weight(Locale::Ru, zero), "0,00");
        }
        assert_eq!(signed_weight(Locale::En, -0.004), "\u{2212}0.004");
        assert_eq!(signed_weight(Locale::Kk, 0.0001), "+0,0001");
        assert!(!signed_weight(Locale::En, -0.001).contains("+-"));
    }

    #[test]
    fn every_band_and_direction_has_words_in_every_language() {
        for locale in Locale::ALL {
            let bands = [
                Importance::Largest,
                Importance::Major,
                Importance::Moderate,
                Importance::Smaller,
            ]
            .map(|band| importance(locale, band));
            for (i, words) in bands.iter().enumerate() {
                assert!(!words.is_empty());
                assert!(!bands[..i].contains(words), "{locale:?}: {words} twice");
            }
            assert_ne!(
                direction(locale, Direction::Towards),
                direction(locale, Direction::Against)
            );
        }
        assert_eq!(
            importance(Locale::En, Importance::Largest),
            "The largest reason"
        );
    }
}
