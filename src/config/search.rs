//! `search.toml`, the site's optional search settings: synonyms applied to queries, words added to
//! the decompounding dictionary, the facets that readers filter by, and the search page's URL. Every
//! problem is reported with the file and line.
//!
//! ```toml
//! words = ["parkeer", "toegang"]
//! facets = ["type", "programma", "year"]
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

use super::SiteConfig;
use crate::error::{Error, Result, SourceError};

pub const SETTINGS_FILE: &str = "search.toml";
/// The facet every index has besides the taxonomies: the year of a document's date.
pub const YEAR_FACET: &str = "year";

/// The validated search settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchSettings {
    /// Groups of words or phrases that mean the same; the key first.
    pub synonyms: Vec<Vec<String>>,
    /// Words that compounds are split on, besides the site's own.
    pub words: Vec<String>,
    /// The URL segment of the search page per language code (`zoeken`); `search` where not given.
    pub pages: Vec<(String, String)>,
    /// The facets the search UI offers as filters, in order; every facet when not given.
    pub facets: Option<Vec<String>>,
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
    facets: Option<Vec<Spanned<String>>>,
}

impl SearchSettings {
    /// Reads `search.toml` from the site's root; no file means no settings.
    pub fn load(config: &SiteConfig) -> Result<SearchSettings> {
        let path = config.root.join(SETTINGS_FILE);
        let text = match fs::read(&path) {
            Ok(bytes) => crate::walk::decode_text(bytes, Path::new(SETTINGS_FILE))?,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(SearchSettings::default());
            }
            Err(error) => return Err(Error::io("cannot read", path, error)),
        };
        parse(&text, Path::new(SETTINGS_FILE), &facet_names(config))
    }
}

/// Every facet an index of the site has: its taxonomies, then the year.
pub fn facet_names(config: &SiteConfig) -> Vec<String> {
    config
        .taxonomies
        .iter()
        .map(|taxonomy| taxonomy.name.clone())
        .chain(std::iter::once(YEAR_FACET.to_owned()))
        .collect()
}

/// Parses and checks the text of `search.toml`; `path` is shown in errors, `known_facets` are the
/// facets its `facets` may name.
pub fn parse(text: &str, path: &Path, known_facets: &[String]) -> Result<SearchSettings> {
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
            let normal = kennis_search::text::fold(&value);
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
    let facets = match &raw.facets {
        Some(names) => Some(checked_facets(names, known_facets, path, text)?),
        None => None,
    };
    Ok(SearchSettings {
        synonyms,
        words,
        pages,
        facets,
    })
}

fn checked_facets(
    names: &[Spanned<String>],
    known: &[String],
    path: &Path,
    text: &str,
) -> Result<Vec<String>> {
    let mut facets: Vec<String> = Vec::new();
    for name in names {
        let value = name.get_ref();
        let error = |message: String| SourceError::at(path, text, name.span(), message);
        if !known.contains(value) {
            let help = format!(
                "facets are the taxonomies of site.toml and `{YEAR_FACET}`: {}",
                known.join(", ")
            );
            return Err(error(format!("the site has no facet `{value}`"))
                .with_help(help)
                .into());
        }
        if facets.contains(value) {
            return Err(error(format!("the facet `{value}` is listed twice")).into());
        }
        facets.push(value.clone());
    }
    Ok(facets)
}

impl SearchSettings {
    /// The facets the search UI offers, in order.
    pub fn offered_facets(&self, config: &SiteConfig) -> Vec<String> {
        self.facets.clone().unwrap_or_else(|| facet_names(config))
    }

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
        let settings = parse(text, Path::new("search.toml"), &known()).unwrap();
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
            let error = parse(text, Path::new("search.toml"), &known())
                .unwrap_err()
                .to_string();
            assert!(
                error.starts_with(location) && error.contains(message),
                "{error}"
            );
        }
    }

    fn known() -> Vec<String> {
        ["type", "programma", "year"].map(str::to_owned).to_vec()
    }

    #[test]
    fn facets_are_offered_in_the_order_given() {
        let settings = parse(
            "facets = [\"year\", \"type\"]\n",
            Path::new("search.toml"),
            &known(),
        )
        .expect("valid");
        assert_eq!(
            settings.facets,
            Some(vec!["year".to_owned(), "type".to_owned()])
        );
    }

    #[test]
    fn an_unknown_or_repeated_facet_is_an_error_at_its_line() {
        for (text, expected) in [
            (
                "words = []\nfacets = [\"stad\"]\n",
                "the site has no facet `stad`",
            ),
            (
                "facets = [\"type\", \"type\"]\n",
                "the facet `type` is listed twice",
            ),
        ] {
            let error = parse(text, Path::new("search.toml"), &known()).expect_err(text);
            let shown = crate::error::render(&error);
            assert!(shown.contains(expected), "{shown}");
            assert!(shown.contains("search.toml"), "{shown}");
        }
        let error = parse("facets = [\"stad\"]\n", Path::new("search.toml"), &known())
            .expect_err("unknown facet");
        assert!(crate::error::render(&error).contains("type, programma, year"));
    }
}
