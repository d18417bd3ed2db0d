//! The closed vocabularies of the register and of decisions (docs/api.md): each value an
//! integrator may send is a variant, so a page can never meet a value it has no words for.

use serde::{Deserialize, Serialize};

/// Declares a string-valued enum with its wire names, its list and its parser.
#[macro_export]
#[doc(hidden)]
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
        // Every wire name is the variant's name in snake_case (a unit test holds them equal):
        // an enum-wide rule is what the schema generator reads reliably inside a macro.
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in the order forms and filters list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire name, as the API and the database write it.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// Parses a wire name exactly.
            pub fn parse(value: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == value)
            }

            /// The wire names joined for an error message ("one of: a, b, c").
            pub fn choices() -> String {
                $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// Risk level of an AI system, as the Law on Artificial Intelligence sorts them.
    RiskLevel { Minimal = "minimal", Medium = "medium", High = "high" }
}

vocabulary! {
    /// Whether a register entry's system is in use.
    SystemStatus { Active = "active", Suspended = "suspended", Retired = "retired" }
}

vocabulary! {
    /// Where an error report on a register entry stands: the owning agency's supervisor moves
    /// it on and may reply; the public sees both on the entry page.
    FlagStatus {
        Open = "open",
        Acknowledged = "acknowledged",
        Answered = "answered",
        Resolved = "resolved",
    }
}

vocabulary! {
    /// How a person took part in one decision.
    HumanInvolvement { None = "none", Reviewed = "reviewed", HumanFinal = "human_final" }
}

vocabulary! {
    /// How a system's explanations are produced.
    ExplanationMethod {
        Shap = "shap",
        Lime = "lime",
        Rules = "rules",
        Counterfactual = "counterfactual",
        Other = "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_through_serde_and_parse() {
        for level in RiskLevel::ALL {
            let json = serde_json::to_string(level).unwrap();
            assert_eq!(json, format!("\"{}\"", level.as_str()));
            assert_eq!(RiskLevel::parse(level.as_str()), Some(*level));
        }
        assert_eq!(
            serde_json::from_str::<HumanInvolvement>("\"human_final\"").unwrap(),
            HumanInvolvement::HumanFinal
        );
        assert_eq!(SystemStatus::parse("Active"), None);
        assert_eq!(
            ExplanationMethod::choices(),
            "shap, lime, rules, counterfactual, other"
        );
    }
}
