//! Dates written out in the reader's language ("15 December 2026", "15 декабря 2026 г.", "2026 жылғы 15 желтоқсан"), never as digits a reader must decode.

use super::Locale;
use crate::tr;

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
// Russian needs the genitive case after a day number.
const RU_MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const KK_MONTHS: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];

// A month on its own is in the nominative in Russian ("март 2026 г.").
const RU_MONTHS_ALONE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// A `YYYY-MM` month by name ("March 2026", "март 2026 г.", "2026 жылғы наурыз"); any other
/// text as it is.
pub fn month_name(locale: Locale, key: &str) -> String {
    let parsed = key
        .split_once('-')
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<usize>().ok()?)))
        .filter(|(_, m)| (1..=12).contains(m));
    let Some((year, month)) = parsed else {
        return key.to_string();
    };
    match locale {
        Locale::En => format!("{} {year}", EN_MONTHS[month - 1]),
        Locale::Ru => format!("{} {year} г.", RU_MONTHS_ALONE[month - 1]),
        Locale::Kk => format!("{year} жылғы {}", KK_MONTHS[month - 1]),
    }
}

/// "15 December 2026", "15 декабря 2026 г.", "2026 жылғы 15 желтоқсан". `month` is 1-based.
pub fn format_date(locale: Locale, year: i32, month: u32, day: u32) -> String {
    let index = (month.clamp(1, 12) - 1) as usize;
    match locale {
        Locale::En => format!("{day} {} {year}", EN_MONTHS[index]),
        Locale::Ru => format!("{day} {} {year} г.", RU_MONTHS[index]),
        Locale::Kk => format!("{year} жылғы {day} {}", KK_MONTHS[index]),
    }
}

/// A day or a run of days, with the year only when asked or when the run crosses a year:
/// "8 March", "21–23 March", "30 March – 2 April"; "21–23 марта"; "21–23 наурыз". Each end is
/// `(year, month, day)`, `month` 1-based.
pub fn format_day_range(
    locale: Locale,
    first: (i32, u32, u32),
    last: (i32, u32, u32),
    with_year: bool,
) -> String {
    let with_year = with_year || first.0 != last.0;
    let write = |(year, month, _): (i32, u32, u32), days: &str| {
        let index = (month.clamp(1, 12) - 1) as usize;
        match (locale, with_year) {
            (Locale::En, true) => format!("{days} {} {year}", EN_MONTHS[index]),
            (Locale::En, false) => format!("{days} {}", EN_MONTHS[index]),
            (Locale::Ru, true) => format!("{days} {} {year} г.", RU_MONTHS[index]),
            (Locale::Ru, false) => format!("{days} {}", RU_MONTHS[index]),
            (Locale::Kk, true) => format!("{year} жылғы {days} {}", KK_MONTHS[index]),
            (Locale::Kk, false) => format!("{days} {}", KK_MONTHS[index]),
        }
    };
    if first == last {
        write(first, &first.2.to_string())
    } else if (first.0, first.1) == (last.0, last.1) {
        write(first, &format!("{}\u{2013}{}", first.2, last.2))
    } else {
        format!(
            "{} \u{2013} {}",
            write(first, &first.2.to_string()),
            write(last, &last.2.to_string())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_the_glossary_writes_them() {
        assert_eq!(format_date(Locale::En, 2026, 12, 15), "15 December 2026");
        assert_eq!(format_date(Locale::Ru, 2026, 12, 15), "15 декабря 2026 г.");
        assert_eq!(
            format_date(Locale::Kk, 2026, 12, 15),
            "2026 жылғы 15 желтоқсан"
        );
    }

    #[test]
    fn runs_of_days_name_the_month_once() {
        let range = |locale, a, b, year| format_day_range(locale, a, b, year);
        assert_eq!(
            range(Locale::En, (2026, 3, 8), (2026, 3, 8), false),
            "8 March"
        );
        assert_eq!(
            range(Locale::En, (2026, 3, 21), (2026, 3, 23), false),
            "21\u{2013}23 March"
        );
        assert_eq!(
            range(Locale::Ru, (2026, 3, 21), (2026, 3, 23), false),
            "21\u{2013}23 марта"
        );
        assert_eq!(
            range(Locale::Kk, (2026, 3, 21), (2026, 3, 23), true),
            "2026 жылғы 21\u{2013}23 наурыз"
        );
        assert_eq!(
            range(Locale::En, (2026, 3, 30), (2026, 4, 2), false),
            "30 March \u{2013} 2 April"
        );
        assert_eq!(
            range(Locale::Ru, (2026, 12, 31), (2027, 1, 2), false),
            "31 декабря 2026 г. \u{2013} 2 января 2027 г."
        );
    }
}

/// A value as the reader expects it: numbers grouped by thousands in the locale's way
/// (a no-break space and a decimal comma in kk and ru), tenge shown as ₸, the units the portal
/// knows (people, years, months, days, children) in the reader's language with the plural form
/// the number takes ("4 человека", "10 лет", "2,5 года"), any other unit after as given.
pub fn format_value(locale: Locale, value: &str, unit: Option<&str>) -> String {
    let number = format_number(locale, value).unwrap_or_else(|| value.to_string());
    match unit.map(str::trim).filter(|u| !u.is_empty()) {
        Some("KZT") | Some("₸") => format!("{number}\u{a0}₸"),
        Some("%") => format!("{number}\u{a0}%"),
        Some(unit) => {
            let words = KnownUnit::parse(unit)
                .zip(plural_operands(value))
                .map(|(known, operands)| known.words(locale, operands));
            format!("{number}\u{a0}{}", words.as_deref().unwrap_or(unit))
        }
        None => number,
    }
}

/// Units agencies send in English that the portal says in each language. Agencies write the
/// unit as free text (docs/api.md); anything else is shown as they wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KnownUnit {
    Persons,
    Years,
    Months,
    Days,
    Children,
}

impl KnownUnit {
    fn parse(unit: &str) -> Option<KnownUnit> {
        match unit.to_lowercase().as_str() {
            "person" | "persons" | "people" => Some(KnownUnit::Persons),
            "year" | "years" => Some(KnownUnit::Years),
            "month" | "months" => Some(KnownUnit::Months),
            "day" | "days" => Some(KnownUnit::Days),
            "child" | "children" => Some(KnownUnit::Children),
            _ => None,
        }
    }

    /// The unit's word in `locale`, in the plural form the number asks for.
    fn words(self, locale: Locale, count: icu_plurals::PluralOperands) -> String {
        match self {
            KnownUnit::Persons => tr!(locale, unit_persons, count = count).to_string(),
            KnownUnit::Years => tr!(locale, unit_years, count = count).to_string(),
            KnownUnit::Months => tr!(locale, unit_months, count = count).to_string(),
            KnownUnit::Days => tr!(locale, unit_days, count = count).to_string(),
            KnownUnit::Children => tr!(locale, unit_children, count = count).to_string(),
        }
    }
}

/// The plural operands of a value written with a decimal point ("4", "2.5", "-3"), which
/// decide the plural form; `None` for anything that is not such a number.
fn plural_operands(value: &str) -> Option<icu_plurals::PluralOperands> {
    let trimmed = value.trim();
    let digits = trimmed.strip_prefix('-').unwrap_or(trimmed);
    let decimal: fixed_decimal::Decimal = digits.parse().ok()?;
    Some(icu_plurals::PluralOperands::from(&decimal))
}

fn format_number(locale: Locale, value: &str) -> Option<String> {
    let trimmed = value.trim();
    let (sign, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", trimmed),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (group, decimal) = match locale {
        Locale::En => (",", "."),
        Locale::Kk | Locale::Ru => ("\u{a0}", ","),
    };
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 && whole.len() > 4 {
            grouped.push_str(group);
        }
        grouped.push(ch);
    }
    Some(match fraction {
        Some(f) => format!("{sign}{grouped}{decimal}{f}"),
        None => format!("{sign}{grouped}"),
    })
}

#[cfg(test)]
mod value_tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_as_the_glossary_writes_them() {
        assert_eq!(
            format_value(Locale::Ru, "412000", Some("KZT")),
            "412\u{a0}000\u{a0}₸"
        );
        assert_eq!(
            format_value(Locale::En, "412000", Some("KZT")),
            "412,000\u{a0}₸"
        );
        assert_eq!(
            format_value(Locale::Kk, "1234567.5", None),
            "1\u{a0}234\u{a0}567,5"
        );
        assert_eq!(
            format_value(Locale::En, "2024", None),
            "2024",
            "four digits stay ungrouped"
        );
        assert_eq!(format_value(Locale::En, "Astana", None), "Astana");
        assert_eq!(
            format_value(Locale::Ru, "3", Some("m²")),
            "3\u{a0}m²",
            "a unit the portal does not know is shown as the agency wrote it"
        );
    }

    #[test]
    fn russian_units_take_the_form_the_number_asks_for() {
        let people = |n| format_value(Locale::Ru, n, Some("persons"));
        assert_eq!(people("1"), "1\u{a0}человек");
        assert_eq!(people("3"), "3\u{a0}человека");
        assert_eq!(people("5"), "5\u{a0}человек");
        assert_eq!(people("21"), "21\u{a0}человек");
        let years = |n| format_value(Locale::Ru, n, Some("years"));
        assert_eq!(years("1"), "1\u{a0}год");
        assert_eq!(years("2"), "2\u{a0}года");
        assert_eq!(years("10"), "10\u{a0}лет");
        assert_eq!(
            years("11"),
            "11\u{a0}лет",
            "11 to 14 are many, not one or few"
        );
        assert_eq!(years("22"), "22\u{a0}года");
        assert_eq!(
            years("2.5"),
            "2,5\u{a0}года",
            "a fraction takes the other form"
        );
        assert_eq!(
            format_value(Locale::Ru, "1", Some("Children")),
            "1\u{a0}ребёнок"
        );
        assert_eq!(format_value(Locale::Ru, "5", Some("days")), "5\u{a0}дней");
        assert_eq!(
            format_value(Locale::Ru, "3", Some("months")),
            "3\u{a0}месяца"
        );
    }

    #[test]
    fn kazakh_units_keep_the_noun_singular_after_a_number() {
        let years = |n| format_value(Locale::Kk, n, Some("years"));
        assert_eq!(years("1"), "1\u{a0}жыл");
        assert_eq!(years("10"), "10\u{a0}жыл");
        assert_eq!(
            format_value(Locale::Kk, "4", Some("persons")),
            "4\u{a0}адам"
        );
        assert_eq!(
            format_value(Locale::Kk, "2", Some("children")),
            "2\u{a0}бала"
        );
    }

    #[test]
    fn english_units_are_singular_for_one_only() {
        let people = |n| format_value(Locale::En, n, Some("persons"));
        assert_eq!(people("1"), "1\u{a0}person");
        assert_eq!(people("4"), "4\u{a0}people");
        assert_eq!(format_value(Locale::En, "1", Some("years")), "1\u{a0}year");
        assert_eq!(
            format_value(Locale::En, "10", Some("years")),
            "10\u{a0}years"
        );
        assert_eq!(
            format_value(Locale::En, "1.5", Some("years")),
            "1.5\u{a0}years"
        );
        assert_eq!(
            format_value(Locale::En, "two", Some("years")),
            "two\u{a0}years",
            "words that are not a number keep the unit as given"
        );
    }
}

#[cfg(test)]
mod sentence_tests {
    use super::*;

    /// A Russian date ends with "г.", so a sentence that ends with one must not add its own
    /// point ("15 декабря 2026 г.." is a typo a reader notices).
    #[test]
    fn sentences_with_a_date_end_with_one_point_in_every_language() {
        for locale in Locale::ALL {
            let date = format_date(locale, 2026, 12, 15);
            let sentences = [
                tr!(locale, challenge_until, date = date.clone()).to_string(),
                tr!(locale, challenge_closed, date = date.clone()).to_string(),
                tr!(
                    locale,
                    explanation_decided_on,
                    date = date.clone(),
                    agency = "X"
                )
                .to_string(),
            ];
            for sentence in sentences {
                assert!(!sentence.contains(".."), "{locale:?}: {sentence}");
                assert!(sentence.contains(&date), "{locale:?}: {sentence}");
            }
        }
        assert_eq!(
            tr!(
                Locale::Ru,
                challenge_until,
                date = format_date(Locale::Ru, 2026, 12, 15)
            )
            .to_string(),
            "Вы можете обжаловать это решение до 15 декабря 2026 г."
        );
        assert_eq!(
            tr!(
                Locale::En,
                challenge_until,
                date = format_date(Locale::En, 2026, 12, 15)
            )
            .to_string(),
            "You can challenge this decision until 15 December 2026."
        );
    }
}
