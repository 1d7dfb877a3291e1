//! Readable, accent-folded identifiers for URLs and heading anchors. A helper shared by the stages;
//! it holds no state and knows nothing about the site.

use kennis_search::text::fold;

/// `Coördinatie & één Stad-in-cijfers` → `coordinatie-een-stad-in-cijfers`. Letters are folded as
/// search folds them, everything that is not a letter or digit separates words, and words are joined
/// by `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_separator = false;
    for c in fold(text).chars() {
        if c.is_alphanumeric() {
            if pending_separator && !slug.is_empty() {
                slug.push('-');
            }
            pending_separator = false;
            slug.push(c);
        } else if c == '\'' || c == '\u{2019}' {
            // `thema's` reads as one word.
        } else {
            pending_separator = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn folds_accents_and_punctuation() {
        assert_eq!(slugify("Sterke punten"), "sterke-punten");
        assert_eq!(
            slugify("Coördinatie & één   Stad-in-cijfers!"),
            "coordinatie-een-stad-in-cijfers"
        );
        assert_eq!(
            slugify("DOELSTELLING 1: Het nieuwe webplatform"),
            "doelstelling-1-het-nieuwe-webplatform"
        );
        assert_eq!(slugify("Thema’s en OCMW's"), "themas-en-ocmws");
        assert_eq!(slugify("CO2 per km²"), "co2-per-km2");
        assert_eq!(slugify("Straße"), "strasse");
    }

    #[test]
    fn never_produces_path_syntax() {
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("/"), "");
    }
}
