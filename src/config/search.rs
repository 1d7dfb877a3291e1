//! `search.toml`, the site's optional search settings: synonyms applied to queries and words added to
//! the decompounding dictionary. Every problem is reported with the file and line.
//!
//! ```toml
//! words = ["parkeer", "toegang"]
//!
//! [synonyms]
//! AVG = ["GDPR"]
//! "Vlaamse Gemeenschapscommissie" = ["VGC"]
//! ```

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Result, SourceError};

pub const SETTINGS_FILE: &str = "search.toml";

/// The validated search settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchSettings {
    /// Groups of words or phrases that mean the same; the key first.
    pub synonyms: Vec<Vec<String>>,
    /// Words that compounds are split on, besides the site's own.
    pub words: Vec<String>,
    /// The URL segment of the search page per language code (`zoeken`); `search` where not given.
    pub pages: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    #[serde(default)]
    words: Vec<Spanned<String>>,
    #[serde(default)]
    synonyms: IndexMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    page: IndexMap<String, Spanned<String>>,
}

impl SearchSettings {
    /// Reads `search.toml` from the site's root; no file means no settings.
    pub fn load(root: &Path) -> Result<SearchSettings> {
        let path = root.join(SETTINGS_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(SearchSettings::default());
            }
            Err(error) => return Err(Error::io("cannot read", path, error)),
        };
        parse(&text, Path::new(SETTINGS_FILE))
    }
}

/// Parses and checks the text of `search.toml`; `path` is shown in errors.
pub fn parse(text: &str, path: &Path) -> Result<SearchSettings> {
    let raw: RawSettings = toml::from_str(text).map_err(|error| {
        let range = error.span().unwrap_or(0..0);
        SourceError::at(path, text, range, error.message().trim().to_owned())
    })?;
    let at = |spanned: &Spanned<String>, message: String| -> Error {
        SourceError::at(path, text, spanned.span(), message).into()
    };
    let mut words = Vec::new();
    for word in &raw.words {
        let value = word.get_ref().trim();
        if value.is_empty() || !value.chars().all(char::is_alphabetic) {
            return Err(at(
                word,
                format!("`{value}` is not a single word of letters"),
            ));
        }
        words.push(value.to_owned());
    }
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut synonyms = Vec::new();
    for (key, values) in &raw.synonyms {
        if values.is_empty() {
            return Err(at(
                key,
                format!("`{}` has no synonyms; list at least one", key.get_ref()),
            ));
        }
        let mut group = Vec::new();
        for member in std::iter::once(key).chain(values) {
            let value = member
                .get_ref()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if !value.chars().any(char::is_alphanumeric) {
                return Err(at(member, "a synonym must contain a word".to_owned()));
            }
            let normal = value.to_lowercase();
            if let Some(other) = seen.insert(normal, key.get_ref().clone()) {
                let message = format!(
                    "`{value}` already belongs to the synonyms of `{other}`; merge the two groups"
                );
                return Err(at(member, message));
            }
            group.push(value);
        }
        synonyms.push(group);
    }
    let mut pages = Vec::new();
    for (lang, slug) in &raw.page {
        if !crate::site::is_safe_segment(slug.get_ref())
            || crate::slug::slugify(slug.get_ref()) != *slug.get_ref()
        {
            let message = format!(
                "the search page's URL segment `{}` must be a lowercase slug",
                slug.get_ref()
            );
            return Err(at(slug, message));
        }
        pages.push((lang.clone(), slug.get_ref().clone()));
    }
    Ok(SearchSettings {
        synonyms,
        words,
        pages,
    })
}

impl SearchSettings {
    /// The search page's URL segment for `lang`.
    pub fn page_slug(&self, lang: &str) -> &str {
        self.pages
            .iter()
            .find(|(code, _)| code == lang)
            .map_or("search", |(_, slug)| slug.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_and_words_are_read() {
        let text = "words = [\"parkeer\"]\n\n[synonyms]\nAVG = [\"GDPR\"]\n\"Vlaamse Gemeenschapscommissie\" = [\"VGC\", \"Brussel\"]\n";
        let settings = parse(text, Path::new("search.toml")).unwrap();
        assert_eq!(settings.words, ["parkeer"]);
        assert_eq!(
            settings.synonyms,
            [
                vec!["AVG".to_owned(), "GDPR".to_owned()],
                vec![
                    "Vlaamse Gemeenschapscommissie".to_owned(),
                    "VGC".to_owned(),
                    "Brussel".to_owned()
                ]
            ]
        );
    }

    #[test]
    fn problems_name_the_line() {
        let cases = [
            (
                "[synonyms]\nAVG = [\"GDPR\"]\nGDPR = [\"AVG\"]\n",
                "search.toml:3:",
                "already belongs",
            ),
            (
                "words = [\"ok\", \"twee woorden\"]\n",
                "search.toml:1:",
                "single word",
            ),
            ("\n[synonyms]\nAVG = []\n", "search.toml:3:", "no synonyms"),
            ("synoniemen = 1\n", "search.toml:1:", "unknown field"),
        ];
        for (text, location, message) in cases {
            let error = parse(text, Path::new("search.toml"))
                .unwrap_err()
                .to_string();
            assert!(
                error.starts_with(location) && error.contains(message),
                "{error}"
            );
        }
    }
}
