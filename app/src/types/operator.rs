//! Who runs the portal, as the privacy notice and the accessibility statement name them. Set
//! by the operator in the server's configuration (`[operator]` in `redress.toml`, README.md);
//! the pages show nothing invented when a detail is not set.

use super::LocalizedText;
use serde::{Deserialize, Serialize};

/// The data controller, where people write to it, and where they turn if its answer does not
/// satisfy them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OperatorDetails {
    /// The body responsible for the portal and the personal data it holds, in each language.
    pub controller: LocalizedText,
    /// Its postal address, in each language.
    pub address: LocalizedText,
    /// Where people write about their personal data.
    pub email: String,
    /// Where people report accessibility problems; `email` when empty.
    pub accessibility_email: String,
    /// The body that hears complaints when the operator's answer does not satisfy: by default
    /// the Commissioner for Human Rights in the Republic of Kazakhstan.
    pub complaints_body: LocalizedText,
    /// That body's website.
    pub complaints_url: String,
}

impl OperatorDetails {
    /// Where accessibility problems are reported, if any address is set.
    pub fn accessibility_contact(&self) -> Option<&str> {
        [self.accessibility_email.trim(), self.email.trim()]
            .into_iter()
            .find(|address| !address.is_empty())
    }

    /// Where people write about their data, if set.
    pub fn data_contact(&self) -> Option<&str> {
        Some(self.email.trim()).filter(|address| !address.is_empty())
    }
}

impl Default for OperatorDetails {
    fn default() -> Self {
        use crate::i18n::Locale;
        OperatorDetails {
            controller: LocalizedText::default(),
            address: LocalizedText::default(),
            email: String::new(),
            accessibility_email: String::new(),
            complaints_body: LocalizedText::from_pairs([
                (
                    Locale::Kk,
                    "Қазақстан Республикасындағы Адам құқықтары жөніндегі уәкіл",
                ),
                (
                    Locale::Ru,
                    "Уполномоченный по правам человека в Республике Казахстан",
                ),
                (
                    Locale::En,
                    "the Commissioner for Human Rights in the Republic of Kazakhstan",
                ),
            ]),
            complaints_url: "https://ombudsman.gov.kz".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::OperatorDetails;

    #[test]
    fn accessibility_reports_go_to_the_data_address_unless_another_is_set() {
        let mut details = OperatorDetails::default();
        assert_eq!(details.accessibility_contact(), None);
        assert_eq!(details.data_contact(), None);
        details.email = "privacy@portal.kz".into();
        assert_eq!(details.accessibility_contact(), Some("privacy@portal.kz"));
        details.accessibility_email = " access@portal.kz ".into();
        assert_eq!(details.accessibility_contact(), Some("access@portal.kz"));
        assert_eq!(details.data_contact(), Some("privacy@portal.kz"));
    }
}
