//! Dates written out in the reader's language ("15 December 2026", "15 декабря 2026 г.", "2026 жылғы 15 желтоқсан"), never as digits a reader must decode.

use super::Locale;

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
/// (a no-break space and a decimal comma in kk and ru), tenge shown as ₸, other units after.
pub fn format_value(locale: Locale, value: &str, unit: Option<&str>) -> String {
    let number = format_number(locale, value).unwrap_or_else(|| value.to_string());
    match unit.map(str::trim).filter(|u| !u.is_empty()) {
        Some("KZT") | Some("₸") => format!("{number}\u{a0}₸"),
        Some("%") => format!("{number}\u{a0}%"),
        Some(unit) => format!("{number}\u{a0}{unit}"),
        None => number,
    }
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
            format_value(Locale::Ru, "3", Some("persons")),
            "3\u{a0}persons"
        );
    }
}
