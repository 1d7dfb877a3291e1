//! Dates as readers of each locale write them: "31 mei 2022", "31 May 2022".

use crate::site::Date;

const DUTCH_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const ENGLISH_MONTHS: [&str; 12] = [
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

/// The long date format of `locale` (`nl-BE`, `en-GB`); the configuration allows only these languages.
pub fn long_date(date: Date, locale: &str) -> String {
    let months = if locale.starts_with("nl") {
        &DUTCH_MONTHS
    } else {
        &ENGLISH_MONTHS
    };
    format!(
        "{} {} {}",
        date.day,
        months[usize::from(date.month - 1)],
        date.year
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_per_locale() {
        let date = Date::new(2022, 5, 31).unwrap();
        assert_eq!(long_date(date, "nl-BE"), "31 mei 2022");
        assert_eq!(long_date(date, "en-GB"), "31 May 2022");
        assert_eq!(
            long_date(Date::new(2025, 1, 1).unwrap(), "nl"),
            "1 januari 2025"
        );
    }
}
