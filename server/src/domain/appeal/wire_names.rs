//! The stored and API names of the workflow's closed sets of values: one name per variant, so a
//! page or a translation file can never meet a value it has no words for.

/// Gives a field-less enum its list of values, its wire names and a parser that accepts
/// exactly those names. The names must equal serde's `snake_case` names (a unit test holds
/// them equal), so the database, the API and the forms all write one spelling.
macro_rules! wire_names {
    ($name:ident { $($variant:ident => $wire:literal),+ $(,)? }) => {
        impl $name {
            /// Every value, in the order pages list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire name, as the API and the database write it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire),+
                }
            }

            /// Parses a wire name exactly (no trimming, no case folding).
            pub fn parse(value: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == value)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
