//! Readable, accent-folded identifiers for URLs and heading anchors. A helper shared by the stages;
//! it holds no state and knows nothing about the site.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `Coördinatie & één Stad-in-cijfers` → `coordinatie-een-stad-in-cijfers`. Letters keep their base
/// form, everything that is not a letter or digit separates words, and words are joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_separator = false;
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if pending_separator && !slug.is_empty() {
                slug.push('-');
            }
            pending_separator = false;
            push_folded(&mut slug, c);
        } else if c == '\'' || c == '\u{2019}' {
            // `thema's` reads as one word.
        } else {
            pending_separator = true;
        }
    }
    slug
}

fn push_folded(slug: &mut String, c: char) {
    match c {
        'ß' => slug.push_str("ss"),
        'æ' | 'Æ' => slug.push_str("ae"),
        'œ' | 'Œ' => slug.push_str("oe"),
        'ø' | 'Ø' => slug.push('o'),
        'ł' | 'Ł' => slug.push('l'),
        'đ' | 'Đ' => slug.push('d'),
        'þ' | 'Þ' => slug.push_str("th"),
        _ => slug.extend(c.to_lowercase()),
    }
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
