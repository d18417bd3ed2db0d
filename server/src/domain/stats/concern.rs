//! Systems of concern: automated systems whose appeals are overturned, or answered late, more
//! often than those of the other systems.
//!
//! The method, for each system and each measure separately:
//!
//! 1. The measures are the overturn rate (appeals overturned or partially overturned, out of
//!    appeals decided) and the breach rate (appeals that missed their decide-by deadline, out
//!    of appeals whose deadline fell due); see [`super::rates`].
//! 2. The system's rate `p1 = x1 / n1` is set against the rate of all the other systems taken
//!    together, `p2 = x2 / n2`, where `x2` and `n2` are the sums of the other systems' counts
//!    (the system itself is left out, so a large system is not compared with itself).
//! 3. Two-proportion z-test with the pooled rate `p = (x1 + x2) / (n1 + n2)`:
//!    `z = (p1 − p2) / √(p × (1 − p) × (1/n1 + 1/n2))`.
//! 4. The system is flagged on that measure when `z` is greater than 1.6449 (one-sided test
//!    at the 95 % level: a higher rate than the others, by more than chance would give once
//!    in twenty times; often rounded to 1.645) and the system has at least the minimum number
//!    of appeals in that measure's own denominator (appeals decided for overturns, appeals due
//!    for breaches; 20 unless configured).
//!
//! Only rates higher than the others' are flagged: a system doing better is no concern. No z
//! is given when it cannot be computed: the other systems have no appeals in the measure, or
//! nobody or everybody had the outcome (`p` is 0 or 1).
//!
//! A flag is a reason to look, not a finding. Each test allows a one-in-twenty chance of a
//! flag when nothing is wrong, and the tests are not corrected for their number: among 20
//! systems that all behave alike, about one is flagged on each measure by chance.

use super::normal::Z_95_ONE_SIDED;
use super::rates::Rate;
use serde::{Deserialize, Serialize};

/// The fewest appeals in a measure's denominator for a system to be flagged on it, unless
/// configured otherwise.
pub const DEFAULT_MIN_APPEALS: u64 = 20;

/// One system's counts for the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemCounts<K> {
    pub system: K,
    /// Overturned and partially overturned over decided; see [`super::rates::overturn_rate`].
    pub overturns: Rate,
    /// Breached over due; see [`super::rates::breach_rate`].
    pub breaches: Rate,
}

/// Which measure a system stands out on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Overturn,
    Breach,
}

/// The figures behind one flag.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Standout {
    pub measure: Measure,
    /// The system's own counts.
    pub own: Rate,
    /// The other systems' counts, summed.
    pub others: Rate,
    /// The system's rate, `own` as a fraction.
    pub rate: f64,
    /// The other systems' pooled rate, as a fraction.
    pub others_rate: f64,
    pub z: f64,
}

/// A flagged system with the measures it stands out on, overturns before breaches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Concern<K> {
    pub system: K,
    pub standouts: Vec<Standout>,
}

/// The flagged systems, in the order given; systems not flagged are left out.
pub fn systems_of_concern<K: Clone>(
    systems: &[SystemCounts<K>],
    min_appeals: u64,
) -> Vec<Concern<K>> {
    systems
        .iter()
        .enumerate()
        .filter_map(|(index, counts)| {
            let others = |measure: fn(&SystemCounts<K>) -> Rate| {
                systems
                    .iter()
                    .enumerate()
                    .filter(|(other, _)| *other != index)
                    .map(|(_, other)| measure(other))
                    .fold(Rate::new(0, 0), |sum, rate| {
                        Rate::new(
                            sum.numerator.saturating_add(rate.numerator),
                            sum.denominator.saturating_add(rate.denominator),
                        )
                    })
            };
            let standouts: Vec<Standout> = [
                (Measure::Overturn, counts.overturns, others(|s| s.overturns)),
                (Measure::Breach, counts.breaches, others(|s| s.breaches)),
            ]
            .into_iter()
            .filter_map(|(measure, own, others)| stands_out(measure, own, others, min_appeals))
            .collect();
            (!standouts.is_empty()).then(|| Concern {
                system: counts.system.clone(),
                standouts,
            })
        })
        .collect()
}

/// The flag for one measure, when the system's rate stands out above the others' and it has
/// at least `min_appeals` in the measure's denominator.
pub fn stands_out(measure: Measure, own: Rate, others: Rate, min_appeals: u64) -> Option<Standout> {
    if own.denominator < min_appeals {
        return None;
    }
    let z = z_score(own, others)?;
    (z > Z_95_ONE_SIDED).then_some(Standout {
        measure,
        own,
        others,
        rate: own.value()?,
        others_rate: others.value()?,
        z,
    })
}

/// The pooled two-proportion z score of `own` against `others` (positive when `own` is
/// higher); `None` when either has no denominator, either count exceeds its denominator, or
/// the pooled rate is 0 or 1.
pub fn z_score(own: Rate, others: Rate) -> Option<f64> {
    if own.numerator > own.denominator || others.numerator > others.denominator {
        return None;
    }
    let p1 = own.value()?;
    let p2 = others.value()?;
    let n1 = own.denominator as f64;
    let n2 = others.denominator as f64;
    let pooled = (own.numerator as f64 + others.numerator as f64) / (n1 + n2);
    let variance = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2);
    if variance <= 0.0 {
        return None;
    }
    Some((p1 - p2) / variance.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn system(
        name: &'static str,
        overturned: u64,
        decided: u64,
        breached: u64,
        due: u64,
    ) -> SystemCounts<&'static str> {
        SystemCounts {
            system: name,
            overturns: Rate::new(overturned, decided),
            breaches: Rate::new(breached, due),
        }
    }

    fn close(actual: f64, expected: f64) -> bool {
        (actual - expected).abs() < 1e-6
    }

    /// Five systems; expected z scores computed independently with Python 3's `math` module
    /// from the formula in the module comment:
    ///
    /// | system | overturns | others  | z         | breaches | others | z         |
    /// |--------|-----------|---------|-----------|----------|--------|-----------|
    /// | S1     | 30/100    | 119/939 | 4.699746  | 5/100    | 81/939 | −1.251113 |
    /// | S2     | 60/500    | 89/539  | −2.073356 | 40/500   | 46/539 | −0.312317 |
    /// | S3     | 40/400    | 109/639 | −3.158463 | 30/400   | 56/639 | −0.719340 |
    /// | S4     | 10/19     | 139/1020| 4.806258  | 2/19     | 84/1020| 0.359102  |
    /// | S5     | 9/20      | 140/1019| 3.950255  | 9/20     | 77/1019| 6.018544  |
    fn five_systems() -> Vec<SystemCounts<&'static str>> {
        vec![
            system("S1", 30, 100, 5, 100),
            system("S2", 60, 500, 40, 500),
            system("S3", 40, 400, 30, 400),
            system("S4", 10, 19, 2, 19),
            system("S5", 9, 20, 9, 20),
        ]
    }

    #[test]
    fn systems_standing_out_are_flagged_with_their_figures() {
        let concerns = systems_of_concern(&five_systems(), DEFAULT_MIN_APPEALS);
        let flagged: Vec<&str> = concerns.iter().map(|concern| concern.system).collect();
        // S4 has the highest overturn rate but only 19 appeals decided.
        assert_eq!(flagged, vec!["S1", "S5"]);

        let s1 = &concerns[0].standouts;
        assert_eq!(s1.len(), 1);
        assert_eq!(s1[0].measure, Measure::Overturn);
        assert_eq!(s1[0].own, Rate::new(30, 100));
        assert_eq!(s1[0].others, Rate::new(119, 939));
        assert!(close(s1[0].rate, 0.3));
        assert!(close(s1[0].others_rate, 0.126_731));
        assert!(close(s1[0].z, 4.699_746));

        let s5 = &concerns[1].standouts;
        let measures: Vec<Measure> = s5.iter().map(|standout| standout.measure).collect();
        assert_eq!(measures, vec![Measure::Overturn, Measure::Breach]);
        assert!(close(s5[0].z, 3.950_255));
        assert!(close(s5[1].z, 6.018_544));
        assert!(close(s5[1].others_rate, 0.075_564));
    }

    #[test]
    fn the_minimum_of_appeals_is_the_callers() {
        let concerns = systems_of_concern(&five_systems(), 19);
        let flagged: Vec<&str> = concerns.iter().map(|concern| concern.system).collect();
        assert_eq!(flagged, vec!["S1", "S4", "S5"]);
        assert!(close(concerns[1].standouts[0].z, 4.806_258));
        // With 21 required, S5's 20 are too few.
        let flagged: Vec<&str> = systems_of_concern(&five_systems(), 21)
            .iter()
            .map(|concern| concern.system)
            .collect();
        assert_eq!(flagged, vec!["S1"]);
    }

    #[test]
    fn lower_rates_are_no_concern() {
        let z = z_score(Rate::new(40, 400), Rate::new(109, 639)).unwrap();
        assert!(close(z, -3.158_463));
        assert_eq!(
            stands_out(
                Measure::Overturn,
                Rate::new(40, 400),
                Rate::new(109, 639),
                20
            ),
            None
        );
    }

    /// z scores either side of the one-sided 95 % point (1.644854), against 100 of 1,000,
    /// from Python 3's `math` module: 10 of 60 gives 1.644671, 27 of 193 gives 1.645326.
    #[test]
    fn the_flag_starts_just_above_the_critical_value() {
        let others = Rate::new(100, 1000);
        let below = z_score(Rate::new(10, 60), others).unwrap();
        assert!(close(below, 1.644_671));
        assert_eq!(
            stands_out(Measure::Breach, Rate::new(10, 60), others, 20),
            None
        );
        let above = stands_out(Measure::Breach, Rate::new(27, 193), others, 20).unwrap();
        assert!(close(above.z, 1.645_326));
    }

    #[test]
    fn by_hand_the_z_score_of_a_simple_case() {
        // 20 of 100 against 10 of 100: pooled 0.15, se = √(0.15 × 0.85 × 0.02) = 0.0504975,
        // z = 0.1 / 0.0504975 = 1.980295.
        let z = z_score(Rate::new(20, 100), Rate::new(10, 100)).unwrap();
        assert!(close(z, 1.980_295));
    }

    #[test]
    fn no_z_without_counts_to_compare() {
        assert_eq!(z_score(Rate::new(0, 0), Rate::new(10, 100)), None);
        assert_eq!(z_score(Rate::new(5, 50), Rate::new(0, 0)), None);
        assert_eq!(z_score(Rate::new(0, 50), Rate::new(0, 500)), None);
        assert_eq!(z_score(Rate::new(50, 50), Rate::new(500, 500)), None);
        assert_eq!(z_score(Rate::new(60, 50), Rate::new(5, 500)), None);
    }

    #[test]
    fn all_zero_and_lone_systems_raise_no_concern() {
        let zeros = vec![system("A", 0, 0, 0, 0), system("B", 0, 0, 0, 0)];
        assert!(systems_of_concern(&zeros, DEFAULT_MIN_APPEALS).is_empty());
        let lone = vec![system("A", 90, 100, 90, 100)];
        assert!(systems_of_concern(&lone, DEFAULT_MIN_APPEALS).is_empty());
        assert!(systems_of_concern::<&str>(&[], DEFAULT_MIN_APPEALS).is_empty());
    }

    #[test]
    fn a_system_with_none_against_others_with_none_raises_nothing() {
        let systems = vec![system("A", 0, 50, 0, 50), system("B", 0, 500, 0, 500)];
        assert!(systems_of_concern(&systems, DEFAULT_MIN_APPEALS).is_empty());
    }

    #[test]
    fn a_concern_serialises_with_snake_case_measures() {
        let concerns = systems_of_concern(&five_systems(), DEFAULT_MIN_APPEALS);
        let json = serde_json::to_value(&concerns[0]).unwrap();
        assert_eq!(json["system"], "S1");
        assert_eq!(json["standouts"][0]["measure"], "overturn");
        assert_eq!(json["standouts"][0]["own"]["numerator"], 30);
    }
}
