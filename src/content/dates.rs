//! `date` and `updated` as editors write them: a TOML date or date-time, or a string holding
//! `YYYY-MM-DD` or an RFC 3339 date-time, and nothing else. Other spellings are refused rather than
//! guessed at, since `01-02-2025` means a different day in different countries; the refusal suggests
//! the day kennis would guess, for the editor to confirm.

use std::ops::Range;

use toml::Spanned;
use toml::value::Datetime;

use crate::error::SourceError;
use crate::site::Date;

pub type ErrorAt<'a> = dyn Fn(Range<usize>, String) -> SourceError + 'a;

/// The calendar day of the front-matter value of `key`.
pub fn parse(
    key: &str,
    value: Spanned<toml::Value>,
    error_at: &ErrorAt<'_>,
) -> Result<Date, SourceError> {
    let span = value.span();
    let written = match value.into_inner() {
        toml::Value::Datetime(datetime) => Written::Datetime(datetime),
        toml::Value::String(text) => match text.parse::<Datetime>() {
            Ok(datetime) => Written::Datetime(datetime),
            Err(_) if looks_like_iso_date(&text) => Written::Impossible(text),
            Err(_) => Written::Other(text),
        },
        other => Written::Other(other.to_string()),
    };
    let refusal = match written {
        Written::Datetime(datetime) => {
            let Some(day) = datetime.date else {
                return Err(error_at(
                    span,
                    format!("`{key}` is a time of day without a date"),
                ));
            };
            match Date::new(day.year, day.month, day.day) {
                Some(date) => return Ok(date),
                None => impossible(key, &day.to_string()),
            }
        }
        Written::Impossible(text) => impossible(key, &text),
        Written::Other(text) => {
            let error = error_at(
                span,
                format!(
                    "`{key}` = {text:?} is not a date; write it as YYYY-MM-DD (2025-02-01) or as \
                     an RFC 3339 date and time (2025-02-01T09:30:00+01:00)"
                ),
            );
            return Err(match guess(&text) {
                Some(date) => error.with_help(format!("did you mean {date}?")),
                None => error,
            });
        }
    };
    Err(error_at(span, refusal))
}

enum Written {
    Datetime(Datetime),
    /// Written as `YYYY-MM-DD`, but no such day exists (`2025-02-30`).
    Impossible(String),
    Other(String),
}

fn impossible(key: &str, text: &str) -> String {
    format!("`{key}` = {text} is not a day of the calendar")
}

/// Four digits, a `-`, two digits, a `-`, two digits.
fn looks_like_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, &byte)| match index {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        })
}

/// The day a date written another common way most likely means: `YYYY/MM/DD` (or with `.` or
/// unpadded), else day first as written in Belgium and the Netherlands (`01-02-2025`, `1/2/2025`,
/// `01.02.2025`), else month first when only that makes a day (`02/15/2025`).
fn guess(text: &str) -> Option<Date> {
    let separator = text.trim().chars().find(|c| !c.is_ascii_digit())?;
    if !['-', '/', '.'].contains(&separator) {
        return None;
    }
    let parts: Vec<&str> = text.trim().split(separator).collect();
    let [first, second, third] = parts[..] else {
        return None;
    };
    let valid = |part: &str, lengths: Range<usize>| {
        lengths.contains(&part.len()) && part.bytes().all(|byte| byte.is_ascii_digit())
    };
    if !(valid(first, 1..5) && valid(second, 1..3) && valid(third, 1..5)) {
        return None;
    }
    let number = |part: &str| part.parse::<u16>().ok();
    let (a, b, c) = (number(first)?, number(second)?, number(third)?);
    let day = |year: u16, month: u16, day: u16| {
        Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    };
    match (first.len(), third.len()) {
        (4, 1..=2) => day(a, b, c),
        (1..=2, 4) => day(c, b, a).or_else(|| day(c, a, b)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse_value(text: &str) -> Result<Date, String> {
        let value: toml::Table = toml::from_str(&format!("date = {text}")).expect("TOML");
        let value = Spanned::new(0..text.len(), value["date"].clone());
        let error_at = |span: Range<usize>, message: String| {
            SourceError::at(Path::new("a.md"), text, span, message)
        };
        parse("date", value, &error_at)
            .map_err(|error| format!("{} / {}", error.message, error.help.unwrap_or_default()))
    }

    #[test]
    fn dates_and_date_times_are_read_as_their_day() {
        for written in [
            "2025-02-01",
            "\"2025-02-01\"",
            "2025-02-01T09:30:00+01:00",
            "\"2025-02-01T09:30:00Z\"",
            "2025-02-01T09:30:00",
        ] {
            assert_eq!(
                parse_value(written),
                Ok(Date::new(2025, 2, 1).unwrap()),
                "{written}"
            );
        }
        assert_eq!(
            parse_value("\"2024-02-29\""),
            Ok(Date::new(2024, 2, 29).unwrap())
        );
    }

    #[test]
    fn other_spellings_are_refused_with_the_likely_day() {
        let cases = [
            ("\"01-02-2025\"", " / did you mean 2025-02-01?"),
            ("\"1/2/2025\"", " / did you mean 2025-02-01?"),
            ("\"01.02.2025\"", " / did you mean 2025-02-01?"),
            ("\"2025/02/01\"", " / did you mean 2025-02-01?"),
            ("\"2025-2-1\"", " / did you mean 2025-02-01?"),
            ("\"02/15/2025\"", " / did you mean 2025-02-15?"),
            ("\"31/31/2025\"", " / "),
            ("\"1 februari 2025\"", " / "),
            ("\"2025\"", " / "),
            ("20250201", " / "),
        ];
        for (written, help) in cases {
            let message = parse_value(written).expect_err(written);
            assert!(
                message.contains("is not a date; write it as YYYY-MM-DD")
                    && message.ends_with(help),
                "{written}: {message}"
            );
        }
    }

    #[test]
    fn impossible_days_and_bare_times_are_refused() {
        for written in ["\"2025-02-30\"", "\"2023-02-29\"", "\"2025-13-01\""] {
            let message = parse_value(written).expect_err(written);
            assert!(
                message.contains("is not a day of the calendar"),
                "{written}: {message}"
            );
        }
        let message = parse_value("09:30:00").expect_err("a time");
        assert!(
            message.contains("a time of day without a date"),
            "{message}"
        );
    }
}
