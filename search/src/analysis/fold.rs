//! The searchable form of a word: Unicode NFKC (`km²` → `km2`, ligatures and full-width forms become
//! plain letters), lowercase, diacritics removed (`coördinator` → `coordinator`, `één` → `een`) and
//! invisible characters (soft hyphens, zero-width joiners) dropped. Indexing and querying both fold,
//! so readers never need to type accents.

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
    compatible
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .nfc()
        .collect()
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
    use super::fold;

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
    }
}
