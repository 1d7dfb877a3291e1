//! Characters that pages and feeds cannot carry. A control character (a vertical tab pasted from a
//! word processor, a NUL, an escape sequence) is invisible to the editor, makes an Atom feed
//! malformed XML and has no meaning in a page, so a content file holding one is refused with the
//! line it is on rather than cleaned silently: the editor sees exactly what was wrong, and nothing
//! written is changed behind their back. The same holds for `site.toml`, whose titles and labels
//! reach every page and feed. Shared by the configuration and the content stage; it only reads.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::SourceError;
use crate::html;

/// Refuses a control character written literally anywhere in the file (front matter or body).
pub fn check_file(path: &Path, text: &str) -> Result<(), SourceError> {
    let Some((at, c)) = html::first_unwritable_character(text) else {
        return Ok(());
    };
    // Without the line's text: shown on a terminal, an escape character would act on it.
    let line = crate::error::line_of(text, at);
    Err(with_help(
        SourceError::line(path, line, message("the text", c)),
        c,
    ))
}

/// Refuses a control character that a TOML escape (`\u000B`) puts into a key or string value of
/// the TOML `toml` (front matter, `site.toml`), at the line of that value. `offset` is where `toml`
/// starts in `text`.
pub fn check_toml(path: &Path, text: &str, toml: &str, offset: usize) -> Result<(), SourceError> {
    // Unparsable TOML is reported by its own parse, with its message.
    let Ok(table) = DeTable::parse(toml) else {
        return Ok(());
    };
    match first_in_table(table.get_ref(), "") {
        Some((name, span, c)) => {
            let range = offset + span.start..offset + span.end;
            Err(refused(path, text, range, &format!("`{name}`"), c))
        }
        None => Ok(()),
    }
}

type Found = (String, std::ops::Range<usize>, char);

fn first_in_table(table: &DeTable<'_>, prefix: &str) -> Option<Found> {
    table.iter().find_map(|(key, value)| {
        // Escaped, so that the message itself carries no control character.
        let name = format!("{prefix}{}", key.get_ref().escape_debug());
        if let Some((_, c)) = html::first_unwritable_character(key.get_ref()) {
            return Some((name, key.span(), c));
        }
        first_in_value(value, &name)
    })
}

fn first_in_value(value: &Spanned<DeValue<'_>>, name: &str) -> Option<Found> {
    match value.get_ref() {
        DeValue::String(text) => {
            html::first_unwritable_character(text).map(|(_, c)| (name.to_owned(), value.span(), c))
        }
        DeValue::Array(items) => items.iter().find_map(|item| first_in_value(item, name)),
        DeValue::Table(table) => first_in_table(table, &format!("{name}.")),
        _ => None,
    }
}

fn refused(
    path: &Path,
    text: &str,
    range: std::ops::Range<usize>,
    what: &str,
    c: char,
) -> SourceError {
    with_help(SourceError::at(path, text, range, message(what, c)), c)
}

fn message(what: &str, c: char) -> String {
    format!(
        "{what} holds the invisible control character {}",
        code_point(c)
    )
}

fn with_help(error: SourceError, c: char) -> SourceError {
    let code = code_point(c);
    error.with_help(format!(
        "delete the character {code}: pages and feeds cannot carry control characters (a word \
         processor may have pasted it in place of a line break or a space)"
    ))
}

fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &str = "content/a.md";

    fn front_matter_error(text: &str) -> Option<String> {
        let start = text.find('\n').map_or(0, |end| end + 1);
        let end = text.rfind("+++").unwrap_or(text.len());
        check_toml(Path::new(PATH), text, &text[start..end], start)
            .err()
            .map(|error| format!("{error} / {}", error.help.as_deref().unwrap_or_default()))
    }

    #[test]
    fn an_escaped_control_character_names_the_line_of_its_value_and_the_character() {
        let text = "+++\ntitle = \"Goed\"\ndescription = \"twee\\u000Bregels\"\n+++\n";
        let message = front_matter_error(text).expect("refused");
        assert!(
            message.starts_with(
                "content/a.md:3: `description` holds the invisible control character U+000B / delete the character U+000B"
            ),
            "{message}"
        );
    }

    #[test]
    fn every_string_of_the_front_matter_is_checked() {
        let cases = [
            ("title = \"\\u0000\"", "`title`", "U+0000"),
            (
                "translation_key = \"k\\u007F\"",
                "`translation_key`",
                "U+007F",
            ),
            (
                "[taxonomies]\nstad = [\"gent\", \"\\u001B[31m\"]",
                "`taxonomies.stad`",
                "U+001B",
            ),
            (
                "[extra]\nlinks = [{ label = \"x\\u0085\" }]",
                "`extra.links.label`",
                "U+0085",
            ),
            (
                "[extra]\n\"sle\\u0007utel\" = 1",
                r"`extra.sle\u{7}utel`",
                "U+0007",
            ),
        ];
        for (line, name, code) in cases {
            let text = format!("+++\nweight = 1\n{line}\n+++\n");
            let message = front_matter_error(&text).unwrap_or_default();
            assert!(
                message.contains(&format!(
                    "{name} holds the invisible control character {code}"
                )),
                "{line}: {message}"
            );
        }
        assert_eq!(
            front_matter_error("+++\ntitle = \"tab\\tand\\nline\"\nweight = 1\n+++\n"),
            None
        );
    }

    #[test]
    fn a_literal_control_character_in_the_body_names_its_line() {
        let text = "+++\ntitle = \"a\"\n+++\nEen\nTwee\u{1b}[2J\n";
        let error = check_file(Path::new(PATH), text).expect_err("refused");
        assert_eq!(
            error.to_string(),
            "content/a.md:5: the text holds the invisible control character U+001B"
        );
        assert!(check_file(Path::new(PATH), "+++\ntitle = \"a\"\n+++\n\tgoed\r\n").is_ok());
    }
}
