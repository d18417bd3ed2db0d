//! Dates written out in the reader's language, as UX.md and GLOSSARY.md ask.

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

/// "15 December 2026", "15 декабря 2026 г.", "2026 жылғы 15 желтоқсан". `month` is 1-based.
pub fn format_date(locale: Locale, year: i32, month: u32, day: u32) -> String {
    let index = (month.clamp(1, 12) - 1) as usize;
    match locale {
        Locale::En => format!("{day} {} {year}", EN_MONTHS[index]),
        Locale::Ru => format!("{day} {} {year} г.", RU_MONTHS[index]),
        Locale::Kk => format!("{year} жылғы {day} {}", KK_MONTHS[index]),
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
}
