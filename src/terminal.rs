//! Text from the site on its way to a terminal. Titles, snippets and labels come from content that
//! anyone with commit access wrote, and a terminal obeys the control sequences in what it prints
//! (colours, cursor moves, window titles, on some terminals even pasting into the shell). This module
//! only makes such text inert; it never decides what is printed.

use std::borrow::Cow;

const ESCAPE: char = '\u{1b}';
const BELL: char = '\u{7}';
/// The single-character form of `ESC [` that some terminals still honour.
const C1_CONTROL_SEQUENCE: char = '\u{9b}';

/// `text` without control characters and without the escape sequences they introduce; line breaks
/// and tabs become spaces, so one value stays on one line.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut clean = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' | '\r' => clean.push(' '),
            ESCAPE => skip_escape_sequence(&mut chars),
            C1_CONTROL_SEQUENCE => skip_parameters(&mut chars),
            c if c.is_control() => {}
            c => clean.push(c),
        }
    }
    Cow::Owned(clean)
}

/// Skips what follows an ESC: a control sequence (`ESC [ … final`), an operating-system command
/// (`ESC ] … BEL` or `ESC ] … ESC \`), or the one character of a short sequence.
fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_parameters(chars),
        Some(']' | 'P' | '_' | '^') => {
            while let Some(c) = chars.next() {
                if c == BELL || (c == ESCAPE && chars.next_if_eq(&'\\').is_some()) {
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Skips the parameter and intermediate bytes and the final byte of a control sequence; a sequence
/// cut short ends at the first character that cannot belong to it, which stays text.
fn skip_parameters(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while chars
        .next_if(|c| ('\u{20}'..='\u{3f}').contains(c))
        .is_some()
    {}
    chars.next_if(|c| ('\u{40}'..='\u{7e}').contains(c));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            printable("Jaarplan 2025 — ‘GDPR’"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn colours_cursor_moves_and_titles_are_removed_whole() {
        assert_eq!(printable("a\u{1b}[31;1mred\u{1b}[0m b"), "ared b");
        assert_eq!(printable("\u{1b}[2J\u{1b}[Hcleared"), "cleared");
        assert_eq!(printable("\u{1b}]0;owned\u{7}title"), "title");
        assert_eq!(printable("\u{1b}]8;;http://x\u{1b}\\link"), "link");
        assert_eq!(printable("x\u{9b}31my"), "xy");
    }

    #[test]
    fn other_controls_go_and_breaks_become_spaces() {
        assert_eq!(printable("a\u{0}b\u{7}c\u{7f}d\u{85}e"), "abcde");
        assert_eq!(printable("one\nline\tonly"), "one line only");
        assert_eq!(printable("cut \u{1b}["), "cut ");
        assert_eq!(printable("\u{1b}[é"), "é");
    }
}
