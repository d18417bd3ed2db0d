//! Messages with a count, whose words change with the number by each language's plural rules
//! (CLDR, through ICU): Russian has one, few and many forms (1 день, 2 дня, 5 дней), Kazakh and
//! English one and other.

use super::Locale;
use crate::tr;

/// "5 working days", "5 рабочих дней", "5 жұмыс күні": a deadline counted in working days.
pub fn working_days(locale: Locale, count: u32) -> String {
    tr!(locale, working_days, count = count).to_string()
}

/// "This is 3 months from the date of the decision…": how the challenge deadline was counted.
pub fn challenge_window(locale: Locale, months: i32) -> String {
    tr!(locale, challenge_how_computed, count = months).to_string()
}

/// "5 years", "18 months": how long a state body keeps a case's personal data, in whole years
/// when the months make them.
pub fn retention_period(locale: Locale, months: i32) -> String {
    if months % 12 == 0 {
        tr!(locale, retention_years, count = months / 12).to_string()
    } else {
        tr!(locale, deadline_months, count = months).to_string()
    }
}

/// "fewer than 10 decisions": a figure suppressed so that nobody can be identified.
pub fn fewer_than(locale: Locale, count: i64) -> String {
    tr!(locale, fewer_than, count = count).to_string()
}

/// "12 decisions found", under the staff's decision search.
pub fn decisions_found(locale: Locale, count: i64) -> String {
    tr!(locale, decisions_count, count = count).to_string()
}

/// "6 systems", above the public register's list.
pub fn systems_found(locale: Locale, count: usize) -> String {
    tr!(locale, register_count, count = count).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_working_days_take_the_form_the_number_asks_for() {
        let days = |n| working_days(Locale::Ru, n);
        assert_eq!(days(1), "1 рабочий день");
        assert_eq!(days(2), "2 рабочих дня");
        assert_eq!(days(5), "5 рабочих дней");
        assert_eq!(days(11), "11 рабочих дней");
        assert_eq!(days(21), "21 рабочий день");
        assert_eq!(days(22), "22 рабочих дня");
        assert_eq!(days(25), "25 рабочих дней");
        assert_eq!(days(12), "12 рабочих дней", "12 to 14 are many, not few");
        assert_eq!(days(111), "111 рабочих дней");
    }

    #[test]
    fn kazakh_working_days_keep_the_noun_singular_after_a_number() {
        assert_eq!(working_days(Locale::Kk, 1), "1 жұмыс күні");
        assert_eq!(working_days(Locale::Kk, 2), "2 жұмыс күні");
        assert_eq!(working_days(Locale::Kk, 5), "5 жұмыс күні");
        assert_eq!(working_days(Locale::Kk, 21), "21 жұмыс күні");
    }

    #[test]
    fn english_working_days_are_singular_for_one_only() {
        assert_eq!(working_days(Locale::En, 1), "1 working day");
        assert_eq!(working_days(Locale::En, 0), "0 working days");
        assert_eq!(working_days(Locale::En, 2), "2 working days");
        assert_eq!(working_days(Locale::En, 21), "21 working days");
    }

    #[test]
    fn retention_periods_read_in_years_when_they_are_whole_years() {
        assert_eq!(retention_period(Locale::En, 60), "5 years");
        assert_eq!(retention_period(Locale::En, 12), "1 year");
        assert_eq!(retention_period(Locale::En, 18), "18 months");
        assert_eq!(retention_period(Locale::Ru, 60), "5 лет");
        assert_eq!(retention_period(Locale::Ru, 24), "2 года");
        assert_eq!(retention_period(Locale::Ru, 252), "21 год");
        assert_eq!(retention_period(Locale::Ru, 30), "30 месяцев");
        assert_eq!(retention_period(Locale::Kk, 60), "5 жыл");
        assert_eq!(retention_period(Locale::Kk, 18), "18 ай");
    }

    #[test]
    fn the_pages_counts_agree_with_their_number() {
        assert!(challenge_window(Locale::Ru, 3).starts_with("Это 3 месяца со дня"));
        assert!(challenge_window(Locale::Ru, 1).starts_with("Это 1 месяц со дня"));
        assert!(challenge_window(Locale::Ru, 6).starts_with("Это 6 месяцев со дня"));
        assert!(challenge_window(Locale::En, 1).starts_with("This is 1 month from"));
        assert!(challenge_window(Locale::En, 3).starts_with("This is 3 months from"));
        assert!(challenge_window(Locale::Kk, 3).contains("бастап 3 ай,"));
        assert_eq!(fewer_than(Locale::Ru, 10), "менее 10 решений");
        assert_eq!(fewer_than(Locale::En, 10), "fewer than 10 decisions");
        assert_eq!(fewer_than(Locale::Kk, 10), "10 шешімнен аз");
        assert_eq!(decisions_found(Locale::Ru, 21), "Найдено 21 решение");
        assert_eq!(decisions_found(Locale::Ru, 3), "Найдено 3 решения");
        assert_eq!(decisions_found(Locale::Ru, 2000), "Найдено 2000 решений");
        assert_eq!(decisions_found(Locale::En, 1), "1 decision found");
        assert_eq!(systems_found(Locale::Ru, 1), "Найдена 1 система");
        assert_eq!(systems_found(Locale::Ru, 6), "Найдено 6 систем");
        assert_eq!(systems_found(Locale::Kk, 6), "6 жүйе");
        assert_eq!(systems_found(Locale::En, 6), "6 systems");
    }
}
