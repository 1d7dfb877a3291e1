//! What a page says about itself to machines, in its `<head>`: Open Graph and Twitter card values for
//! link previews, schema.org JSON-LD for search engines ([`json_ld`]), and for publications and their
//! chapters the `citation_*` tags scholarly indexers read. Everything comes from front matter, the
//! configuration and the routes; nothing is invented, and the JSON-LD is made safe to stand inside a
//! `<script>` element.

mod json_ld;

use serde::Serialize;

use super::citation::{Citation, WorkKind};
use super::context::Contexts;
use crate::config::Language;
use crate::content::{DocId, Kind};
use crate::site::{Date, SitePath};

/// The metadata of one page, ready for the theme's `partials/metadata.html`.
#[derive(Debug, Serialize)]
pub struct PageMetadata {
    pub title: String,
    pub description: String,
    /// Open Graph's `og:type`: `article` for publications and pages, `website` for the rest.
    pub og_type: &'static str,
    /// The canonical, absolute URL.
    pub url: String,
    /// The locale as Open Graph writes it (`nl_BE`).
    pub locale: String,
    /// The locales of the page's versions in other languages.
    pub locale_alternates: Vec<String>,
    pub site_name: String,
    /// schema.org JSON-LD, with `<`, `>` and `&` escaped so that no text can end the script.
    pub json_ld: String,
    /// `citation_*` tags, in order; empty outside publications.
    pub citation: Vec<MetaTag>,
}

/// One `<meta name content>` element.
#[derive(Debug, Serialize)]
pub struct MetaTag {
    pub name: &'static str,
    pub content: String,
}

/// A page no document stands behind: a taxonomy page, a search page, the chooser, the 404 page.
pub struct GeneratedPage<'a> {
    pub lang: &'a str,
    pub path: &'a SitePath,
    pub title: String,
    /// Its schema.org type (`CollectionPage`, `SearchResultsPage`, `WebPage`).
    pub schema_type: &'static str,
    /// The languages it exists in, its own included.
    pub languages: Vec<&'a str>,
}

impl PageMetadata {
    pub fn document(contexts: &Contexts<'_>, doc: DocId) -> PageMetadata {
        let document = &contexts.content.documents[doc];
        let language = language(contexts, &document.lang);
        let citation = Citation::of(contexts, doc);
        let other_languages = contexts.content.groups[document.group]
            .members
            .iter()
            .map(|&member| contexts.content.documents[member].lang.as_str())
            .filter(|lang| *lang != document.lang);
        let in_publication = citation.is_some();
        let is_article = in_publication || document.kind == Kind::Page;
        PageMetadata {
            title: document.front().title.clone(),
            description: document
                .front()
                .description
                .clone()
                .unwrap_or_else(|| language.description.clone()),
            og_type: if is_article { "article" } else { "website" },
            url: contexts.permalink(doc),
            locale: open_graph_locale(&language.locale),
            locale_alternates: alternate_locales(contexts, other_languages),
            site_name: language.title.clone(),
            json_ld: script_json(&json_ld::document(contexts, doc, citation.as_ref())),
            citation: citation.as_ref().map(citation_tags).unwrap_or_default(),
        }
    }

    pub fn generated(contexts: &Contexts<'_>, page: &GeneratedPage<'_>) -> PageMetadata {
        let language = language(contexts, page.lang);
        let other_languages = page.languages.iter().copied().filter(|l| *l != page.lang);
        PageMetadata {
            title: page.title.clone(),
            description: language.description.clone(),
            og_type: "website",
            url: contexts.config.base_url.join(page.path.as_str()),
            locale: open_graph_locale(&language.locale),
            locale_alternates: alternate_locales(contexts, other_languages),
            site_name: language.title.clone(),
            json_ld: script_json(&json_ld::generated(contexts, page, language)),
            citation: Vec::new(),
        }
    }
}

fn language<'a>(contexts: &Contexts<'a>, lang: &str) -> &'a Language {
    contexts
        .config
        .language(lang)
        .unwrap_or(contexts.config.default_language())
}

fn alternate_locales<'a>(
    contexts: &Contexts<'_>,
    languages: impl Iterator<Item = &'a str>,
) -> Vec<String> {
    languages
        .filter_map(|lang| contexts.config.language(lang))
        .map(|language| open_graph_locale(&language.locale))
        .collect()
}

/// `nl-BE` → `nl_BE`, the form Open Graph asks for.
fn open_graph_locale(locale: &str) -> String {
    locale.replace('-', "_")
}

/// JSON that can stand inside `<script>`: `<`, `>` and `&` only occur inside JSON strings, where
/// their `\u` escapes mean the same, so `</script>` or `<!--` in a title cannot end the element.
fn script_json(value: &serde_json::Value) -> String {
    crate::html::escape_script_json(&value.to_string())
}

/// The tags Google Scholar and other indexers read (Highwire Press names).
fn citation_tags(citation: &Citation<'_>) -> Vec<MetaTag> {
    let tag = |name, content: &str| MetaTag {
        name,
        content: content.to_owned(),
    };
    let mut tags = vec![tag("citation_title", citation.title)];
    tags.extend(
        citation
            .authors
            .iter()
            .map(|author| tag("citation_author", author)),
    );
    if let Some(date) = citation.date {
        tags.push(tag("citation_publication_date", &slashed(date)));
    }
    tags.push(tag("citation_publisher", citation.publisher));
    if citation.kind == WorkKind::Report {
        tags.push(tag(
            "citation_technical_report_institution",
            citation.publisher,
        ));
    }
    tags.push(tag("citation_language", citation.language()));
    tags.push(tag("citation_public_url", &citation.url));
    tags
}

/// `2025/06/01`, as `citation_publication_date` wants it.
fn slashed(date: Date) -> String {
    format!("{:04}/{:02}/{:02}", date.year, date.month, date.day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_end_its_element() {
        let value = serde_json::json!({ "name": "</script><!-- & \"x\"" });
        let json = script_json(&value);
        assert!(
            !json.contains('<') && !json.contains('>') && !json.contains('&'),
            "{json}"
        );
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed, value);
    }

    #[test]
    fn locales_and_dates_take_the_forms_their_readers_want() {
        assert_eq!(open_graph_locale("nl-BE"), "nl_BE");
        assert_eq!(slashed(Date::new(2025, 6, 1).unwrap()), "2025/06/01");
    }
}
