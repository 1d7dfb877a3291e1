//! Text inside HTML and XML, for every stage that writes or reads it: the one escape for text and
//! attribute values (the search core's, which the browser shares), the escape of JSON inside a
//! `<script>` element, the one decoder of character references, and which characters neither can
//! carry. It knows no stage and no page.

use std::borrow::Cow;

pub use kennis_search::text::{escape, escape_text};

/// JSON text made safe inside a `<script>` element (JSON-LD): `<`, `>` and `&` as `\u` escapes,
/// which mean the same inside JSON strings, the only place JSON holds them, so that `</script>` or
/// `<!--` in a value cannot end or confuse the element.
pub fn escape_script_json(json: &str) -> String {
    let mut escaped = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => escaped.push_str("\\u003c"),
            '>' => escaped.push_str("\\u003e"),
            '&' => escaped.push_str("\\u0026"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// Text with character references decoded: the named ones pulldown-cmark and editors use, and all
/// numeric ones.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        decoded.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let reference = rest[1..]
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| Some((character(&rest[1..=end])?, end + 2)));
        match reference {
            Some((c, consumed)) => {
                decoded.push(c);
                rest = &rest[consumed..];
            }
            None => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    Cow::Owned(decoded)
}

/// The first character of `text` that no escape makes acceptable in HTML or well-formed XML, with
/// its byte offset: C0 controls other than tab, line feed and carriage return, DEL, C1 controls and
/// the noncharacters U+FFFE and U+FFFF.
pub fn first_unwritable_character(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| is_unwritable(c))
}

fn is_unwritable(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

fn character(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "shy" => '\u{ad}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "euro" => '€',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_and_numeric_references() {
        assert_eq!(
            decode_entities("A &amp; B&#8217;s &#x27;x&#39; &unknown; &"),
            "A & B’s 'x' &unknown; &"
        );
        assert_eq!(decode_entities(&escape("<\"&\">")), "<\"&\">");
    }

    #[test]
    fn finds_controls_but_not_line_breaks_or_tabs() {
        assert_eq!(first_unwritable_character("a\tb\r\nc é 🏙️ \u{feff}"), None);
        assert_eq!(first_unwritable_character("aé\u{b}"), Some((3, '\u{b}')));
        for c in ['\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}', '\u{ffff}'] {
            assert_eq!(first_unwritable_character(&format!("x{c}")), Some((1, c)));
        }
    }
}
