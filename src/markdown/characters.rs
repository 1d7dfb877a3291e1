//! Control characters that character references (`&#11;`, `&#x1B;`) decode to in text, link titles
//! and image descriptions. The content stage refuses those written literally; these appear only
//! once Markdown is parsed, and are refused the same way, since a page cannot carry them either.

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use crate::html;

/// The first decoded control character and the range of the event that holds it.
pub fn first_unwritable(events: &[(Event<'_>, Range<usize>)]) -> Option<(Range<usize>, char)> {
    events.iter().find_map(|(event, range)| {
        let text = match event {
            Event::Text(text) | Event::Code(text) => text,
            Event::Start(Tag::Link { title, .. } | Tag::Image { title, .. }) => title,
            _ => return None,
        };
        html::first_unwritable_character(text).map(|(_, c)| (range.clone(), c))
    })
}

/// The message and help for a decoded control character.
pub fn refusal(c: char) -> (String, String) {
    let code = format!("U+{:04X}", u32::from(c));
    (
        format!("a character reference here stands for the invisible control character {code}"),
        format!("delete the reference to {code}: pages cannot carry control characters"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn found(markdown: &str) -> Option<char> {
        let events: Vec<_> = Parser::new_ext(markdown, crate::markdown::options())
            .into_offset_iter()
            .collect();
        first_unwritable(&events).map(|(_, c)| c)
    }

    #[test]
    fn references_to_control_characters_are_found_wherever_text_is() {
        assert_eq!(found("Een &#11; twee"), Some('\u{b}'));
        assert_eq!(
            found("[x](https://example.org \"a&#x1B;b\")"),
            Some('\u{1b}')
        );
        assert_eq!(found("![a&#127;b](foto.png)"), Some('\u{7f}'));
        assert_eq!(found("Tab&#9;, &amp; en &#8217;"), None);
    }
}
