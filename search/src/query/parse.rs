//! The query language readers use: words, and phrases between double quotes (straight or curly).
//! Nothing else is special, so no input is a syntax error.

/// A part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// Text between quotes: its words must follow each other.
    Phrase(String),
    /// Words that may occur anywhere.
    Words(String),
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

/// The items of a query, in order; an unclosed quote runs to the end.
pub fn items(query: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut in_phrase = false;
    for (index, part) in query.split(is_quote).enumerate() {
        if index > 0 {
            in_phrase = !in_phrase;
        }
        if part.trim().is_empty() {
            continue;
        }
        items.push(if in_phrase {
            Item::Phrase(part.to_owned())
        } else {
            Item::Words(part.to_owned())
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_make_phrases() {
        assert_eq!(
            items("klimaat \"lokaal bestuur\" gent"),
            [
                Item::Words("klimaat ".into()),
                Item::Phrase("lokaal bestuur".into()),
                Item::Words(" gent".into())
            ]
        );
        assert_eq!(
            items("„wervend verhaal” en meer \"open"),
            [
                Item::Phrase("wervend verhaal".into()),
                Item::Words(" en meer ".into()),
                Item::Phrase("open".into())
            ]
        );
        assert!(items("  \"\" ").is_empty());
    }
}
