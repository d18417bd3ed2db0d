//! The names of the groups the disparity monitor compares: Kazakhstan's regions (the oblasts
//! and the cities of republican significance, by the KATO code decisions carry) and the
//! languages a decision can be sent in. The names themselves live in the translation files.

use super::Locale;
use crate::tr;

/// A region's name from its KATO code ("750000000" is Almaty); an unknown code as it is, so a
/// region added to the classifier later still shows rather than vanishing.
pub fn region_name(locale: Locale, code: &str) -> String {
    let name = match code {
        "100000000" => tr!(locale, region_abai),
        "110000000" => tr!(locale, region_akmola),
        "150000000" => tr!(locale, region_aktobe),
        "190000000" => tr!(locale, region_almaty_oblast),
        "230000000" => tr!(locale, region_atyrau),
        "270000000" => tr!(locale, region_west_kazakhstan),
        "310000000" => tr!(locale, region_zhambyl),
        "330000000" => tr!(locale, region_zhetysu),
        "350000000" => tr!(locale, region_karaganda),
        "390000000" => tr!(locale, region_kostanay),
        "430000000" => tr!(locale, region_kyzylorda),
        "470000000" => tr!(locale, region_mangystau),
        "550000000" => tr!(locale, region_pavlodar),
        "590000000" => tr!(locale, region_north_kazakhstan),
        "610000000" => tr!(locale, region_turkistan),
        "620000000" => tr!(locale, region_ulytau),
        "630000000" => tr!(locale, region_east_kazakhstan),
        "710000000" => tr!(locale, region_astana),
        "750000000" => tr!(locale, region_almaty),
        "790000000" => tr!(locale, region_shymkent),
        other => return other.to_string(),
    };
    name.to_string()
}

/// A language's name by its code ("ru" is "Russian", "Русский", "Орыс тілі").
pub fn language_name(locale: Locale, code: &str) -> String {
    match Locale::parse(code) {
        Some(Locale::Kk) => tr!(locale, stats_language_kk).to_string(),
        Some(Locale::Ru) => tr!(locale, stats_language_ru).to_string(),
        Some(Locale::En) => tr!(locale, stats_language_en).to_string(),
        None => code.to_string(),
    }
}

/// The people of a language group as a sentence names them ("applicants addressed in
/// Russian"), in the grammatical case each language's sentence needs.
pub fn language_group(locale: Locale, code: &str) -> String {
    match Locale::parse(code) {
        Some(Locale::Kk) => tr!(locale, stats_group_language_kk).to_string(),
        Some(Locale::Ru) => tr!(locale, stats_group_language_ru).to_string(),
        Some(Locale::En) => tr!(locale, stats_group_language_en).to_string(),
        None => tr!(
            locale,
            stats_group_language_other,
            language = code.to_string()
        ),
    }
}

/// The people of a region as a sentence names them ("applicants living in Almaty").
pub fn region_group(locale: Locale, code: &str) -> String {
    tr!(
        locale,
        stats_group_region,
        region = region_name(locale, code)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes the demo spreads its people over: every oblast and city of the classifier.
    const CODES: [&str; 20] = [
        "750000000",
        "710000000",
        "790000000",
        "610000000",
        "350000000",
        "190000000",
        "630000000",
        "310000000",
        "150000000",
        "550000000",
        "390000000",
        "110000000",
        "230000000",
        "270000000",
        "430000000",
        "470000000",
        "590000000",
        "100000000",
        "330000000",
        "620000000",
    ];

    #[test]
    fn every_region_has_a_name_in_each_language() {
        for locale in Locale::ALL {
            let mut names: Vec<String> = CODES.iter().map(|c| region_name(locale, c)).collect();
            assert!(names.iter().all(|n| !n.chars().any(|c| c.is_ascii_digit())));
            names.sort();
            names.dedup();
            assert_eq!(names.len(), 20, "{locale:?}: names are distinct");
        }
        assert_eq!(region_name(Locale::En, "750000000"), "Almaty");
        assert_eq!(region_name(Locale::Ru, "190000000"), "Алматинская область");
        assert_eq!(region_name(Locale::Kk, "620000000"), "Ұлытау облысы");
        assert_eq!(region_name(Locale::En, "990000000"), "990000000");
    }

    #[test]
    fn languages_read_as_words() {
        assert_eq!(language_name(Locale::En, "ru"), "Russian");
        assert_eq!(language_name(Locale::Ru, "kk"), "Казахский");
        assert_eq!(
            language_group(Locale::En, "ru"),
            "applicants addressed in Russian"
        );
        assert_eq!(language_name(Locale::En, "de"), "de");
    }
}
