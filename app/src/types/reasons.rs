//! Which of a decision's factors the citizen reads as its main reasons, which way each one
//! counted and how much, in words. The rules and the bands are in docs/explanations.md.

use super::FactorView;

/// At most this many principal reasons, as adverse-action notices give.
pub const PRINCIPAL_REASONS: usize = 4;

/// Which way a factor pushed the decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Towards the outcome the citizen asked for (a positive weight).
    Towards,
    /// Against it (a negative weight).
    Against,
}

/// How much a reason counted, relative to the largest reason of the same decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Importance {
    /// The reason with the largest absolute weight (and any reason tied with it).
    Largest,
    /// At least two thirds of the largest.
    Major,
    /// At least one third of the largest.
    Moderate,
    /// Less than one third of the largest.
    Smaller,
}

impl Importance {
    /// The band of a reason whose absolute weight is `share` of the largest (0 to 1).
    pub fn of_share(share: f64) -> Importance {
        // A weight equal to the largest can come out a hair under 1 after the division.
        if share >= 1.0 - 1e-9 {
            Importance::Largest
        } else if share >= 2.0 / 3.0 {
            Importance::Major
        } else if share >= 1.0 / 3.0 {
            Importance::Moderate
        } else {
            Importance::Smaller
        }
    }
}

/// One principal reason: the factor, which way it counted and how much.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    pub factor: FactorView,
    pub direction: Direction,
    pub importance: Importance,
    /// The absolute weight as a share of the largest, from just above 0 to 1: the bar's length.
    pub share: f64,
}

/// A decision's factors split into the principal reasons and everything else it considered.
#[derive(Clone, Debug, PartialEq)]
pub struct Reasons {
    /// The factors that moved the outcome (non-zero weight), largest first, at most
    /// [`PRINCIPAL_REASONS`].
    pub principal: Vec<Reason>,
    /// Every other factor (no weight, or beyond the fourth), largest first; the page claims no
    /// direction for them.
    pub also_considered: Vec<FactorView>,
}

impl Reasons {
    /// Splits `factors` (in any order) into principal reasons and the rest.
    pub fn of(factors: &[FactorView]) -> Reasons {
        let mut ordered: Vec<FactorView> = factors.to_vec();
        // Stable: factors of equal weight keep the document's order.
        ordered.sort_by(|a, b| weight(b).total_cmp(&weight(a)));
        let moved = ordered
            .iter()
            .take_while(|f| weight(f) > 0.0)
            .count()
            .min(PRINCIPAL_REASONS);
        let also_considered = ordered.split_off(moved);
        let largest = ordered.first().map(weight).unwrap_or(0.0);
        let principal = ordered
            .into_iter()
            .map(|factor| {
                let share = weight(&factor) / largest;
                Reason {
                    direction: if factor.contribution > 0.0 {
                        Direction::Towards
                    } else {
                        Direction::Against
                    },
                    importance: Importance::of_share(share),
                    share,
                    factor,
                }
            })
            .collect();
        Reasons {
            principal,
            also_considered,
        }
    }
}

/// The absolute weight; a weight that is not a number counts as none.
fn weight(factor: &FactorView) -> f64 {
    if factor.contribution.is_finite() {
        factor.contribution.abs()
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::LocalizedText;

    fn factor(key: &str, contribution: f64) -> FactorView {
        FactorView {
            key: key.into(),
            label: LocalizedText::default(),
            value: "1".into(),
            unit: None,
            contribution,
            citizen_can_change: false,
        }
    }

    fn keys(factors: &[FactorView]) -> Vec<&str> {
        factors.iter().map(|f| f.key.as_str()).collect()
    }

    #[test]
    fn the_principal_reasons_are_the_four_largest_weights_of_either_sign() {
        let reasons = Reasons::of(&[
            factor("small", 0.2),
            factor("income", -0.7),
            factor("zero", 0.0),
            factor("household", 3.58),
            factor("region", -1.2),
            factor("age", 0.9),
        ]);
        let principal: Vec<_> = reasons
            .principal
            .iter()
            .map(|r| r.factor.key.as_str())
            .collect();
        assert_eq!(principal, ["household", "region", "age", "income"]);
        assert_eq!(keys(&reasons.also_considered), ["small", "zero"]);
    }

    #[test]
    fn factors_without_weight_are_never_principal_reasons() {
        let reasons = Reasons::of(&[
            factor("zero", 0.0),
            factor("negative_zero", -0.0),
            factor("not_a_number", f64::NAN),
            factor("moved", -0.4),
        ]);
        assert_eq!(reasons.principal.len(), 1);
        assert_eq!(reasons.principal[0].factor.key, "moved");
        assert_eq!(reasons.principal[0].direction, Direction::Against);
        assert_eq!(reasons.also_considered.len(), 3);

        let nothing_moved = Reasons::of(&[factor("a", 0.0), factor("b", 0.0)]);
        assert!(nothing_moved.principal.is_empty());
        assert_eq!(keys(&nothing_moved.also_considered), ["a", "b"]);
    }

    #[test]
    fn fewer_than_four_moving_factors_give_fewer_reasons() {
        let reasons = Reasons::of(&[factor("a", 1.0), factor("b", 0.0), factor("c", -2.0)]);
        assert_eq!(reasons.principal.len(), 2);
        assert_eq!(reasons.principal[0].factor.key, "c");
        assert_eq!(reasons.principal[1].direction, Direction::Towards);
    }

    #[test]
    fn importance_is_banded_against_the_largest_reason() {
        let reasons = Reasons::of(&[
            factor("largest", -3.0),
            factor("tied", 3.0),
            factor("major", 2.0),
            factor("moderate", -1.0),
        ]);
        let bands: Vec<_> = reasons.principal.iter().map(|r| r.importance).collect();
        assert_eq!(
            bands,
            [
                Importance::Largest,
                Importance::Largest,
                Importance::Major,
                Importance::Moderate
            ]
        );
        assert_eq!(Importance::of_share(0.33), Importance::Smaller);
        assert_eq!(Importance::of_share(0.5), Importance::Moderate);
        assert_eq!(Importance::of_share(0.7), Importance::Major);
        let smaller = Reasons::of(&[factor("big", 10.0), factor("tiny", 0.1)]);
        assert_eq!(smaller.principal[1].importance, Importance::Smaller);
        assert!((smaller.principal[1].share - 0.01).abs() < 1e-12);
        assert_eq!(smaller.principal[0].share, 1.0);
    }
}
