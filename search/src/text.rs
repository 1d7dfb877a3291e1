//! The text rules the whole project shares, kept in the search core because the browser needs them
//! too: the one fold (the comparable form of a word, for search terms, URL slugs and heading ids) and
//! the one escape of text for HTML and XML. Folding is Unicode NFKC (`km²` → `km2`, ligatures and
//! full-width forms become plain letters), lowercase, diacritics removed (`coördinator` →
//! `coordinator`, `één` → `een`), letters without a decomposition spelled out in Latin (`ß` → `ss`,
//! `ø` → `o`) and invisible characters (soft hyphens, zero-width joiners) dropped. Indexing and
//! querying both fold, so readers never need to type accents.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `text` folded: NFKC, lowercase, without diacritics or invisible characters.
pub fn fold(text: &str) -> String {
    // Most words are plain ASCII, which normalisation leaves as it is.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let compatible: String = text
        .nfkc()
        .filter(|&c| !is_invisible(c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut folded = String::with_capacity(compatible.len());
    for c in compatible.nfd().filter(|&c| !is_combining_mark(c)).nfc() {
        match latin_spelling(c) {
            Some(spelled) => folded.push_str(spelled),
            None => folded.push(c),
        }
    }
    folded
}

/// Lowercase letters that Unicode does not decompose into a base letter and a mark.
fn latin_spelling(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' => "d",
        'þ' => "th",
        _ => return None,
    })
}

/// Text as an attribute value or XML character data: `& < > "` escaped.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    escape_into(&mut escaped, text);
    escaped
}

/// Appends `text` escaped as by [`escape`].
pub fn escape_into(escaped: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _infallible = pulldown_cmark_escape::escape_html(escaped, text);
}

/// Text as HTML element content: `& < >` escaped, quotes kept.
pub fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let _infallible = pulldown_cmark_escape::escape_html_body_text(&mut escaped, text);
    escaped
}

/// Characters that may sit inside a word without being part of it.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_text, fold};

    #[test]
    fn diacritics_case_and_compatibility_forms_fold() {
        assert_eq!(fold("Klimaatcoördinatoren"), "klimaatcoordinatoren");
        assert_eq!(fold("financiële"), "financiele");
        assert_eq!(fold("geïntegreerd"), "geintegreerd");
        assert_eq!(fold("één"), "een");
        assert_eq!(fold("km²"), "km2");
        assert_eq!(fold("CO₂"), "co2");
        assert_eq!(fold("ﬁnanciering"), "financiering");
        assert_eq!(fold("samen\u{00AD}werking"), "samenwerking");
        assert_eq!(fold("Straße Øresund Æsop"), "strasse oresund aesop");
    }

    #[test]
    fn escapes_what_each_place_needs() {
        assert_eq!(escape("a & \"b\" <c>"), "a &amp; &quot;b&quot; &lt;c&gt;");
        assert_eq!(escape_text("a & \"b\" <c>"), "a &amp; \"b\" &lt;c&gt;");
    }
}
