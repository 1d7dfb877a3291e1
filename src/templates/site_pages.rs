//! The pages that belong to no document: the search page of every language, the language chooser at
//! the root and the 404 page.

use serde::Serialize;

use super::context::{Common, Contexts, Linker};
use super::metadata::{GeneratedPage, PageMetadata};
use crate::error::Result;
use crate::routes::Routes;
use crate::site::{LinkStyle, OutputFile, PageRecord, SitePath};
use crate::theme::Theme;

const SEARCH_TEMPLATE: &str = "search.html";

/// A page whose template needs only what every page gets.
#[derive(Serialize)]
struct OnlyCommon<'a> {
    #[serde(flatten)]
    common: Common<'a>,
}

/// The search page of every language, when the site has a browser search and the theme a
/// `search.html` template.
pub fn search_pages(
    contexts: &Contexts<'_>,
    theme: &Theme,
) -> Result<Vec<(OutputFile, PageRecord)>> {
    if contexts.search.is_none() || !theme.has_template(SEARCH_TEMPLATE) {
        return Ok(Vec::new());
    }
    let versions: Vec<(String, SitePath)> = contexts.routes.search_pages();
    let version_refs: Vec<(String, &SitePath)> = versions
        .iter()
        .map(|(lang, path)| (lang.clone(), path))
        .collect();
    let alternates = contexts.alternates(&version_refs);
    let mut pages = Vec::new();
    for (lang, path) in &versions {
        let linker = contexts.linker(path);
        let translations = contexts.every_version(&version_refs, lang, &linker);
        let metadata = PageMetadata::generated(
            contexts,
            &GeneratedPage {
                lang,
                path,
                title: ui_string(contexts, lang, "search_title"),
                schema_type: "SearchResultsPage",
                languages: versions.iter().map(|(lang, _)| lang.as_str()).collect(),
            },
        );
        let common = contexts.common(
            lang,
            &linker,
            path,
            alternates.clone(),
            translations,
            metadata,
        );
        let html = theme.render(SEARCH_TEMPLATE, &OnlyCommon { common }, None)?;
        let record = PageRecord {
            path: path.clone(),
            alternates: alternates.clone(),
            updated: None,
        };
        pages.push((
            OutputFile::generated(path.clone(), html.into_bytes()),
            record,
        ));
    }
    Ok(pages)
}

/// `/index.html`: sends readers to their language, with plain links for readers without scripts.
pub fn language_chooser(contexts: &Contexts<'_>, theme: &Theme) -> Result<OutputFile> {
    let root = Routes::language_chooser();
    let linker = contexts.linker(&root);
    let homes: Vec<(String, &SitePath)> = contexts
        .config
        .languages
        .iter()
        .map(|language| {
            let home = contexts.content.home(&language.code);
            (language.code.clone(), contexts.routes.document(home))
        })
        .collect();
    let default = contexts.config.default_language().code.as_str();
    let alternates = contexts.alternates(&homes);
    let metadata = PageMetadata::generated(
        contexts,
        &GeneratedPage {
            lang: default,
            path: &root,
            title: contexts.config.default_language().title.clone(),
            schema_type: "WebPage",
            languages: homes.iter().map(|(lang, _)| lang.as_str()).collect(),
        },
    );
    let common = contexts.common(default, &linker, &root, alternates, Vec::new(), metadata);
    let html = theme.render("language_chooser.html", &OnlyCommon { common }, None)?;
    Ok(OutputFile::generated(root, html.into_bytes()))
}

/// `/404.html`, which hosts serve in place of any missing URL (`/a/b/c/missing`), so that links
/// relative to `/404.html` would miss: its links and stylesheets start at the host's root and go
/// through the base URL's path (`/kennis/nl/`), which holds on every host that serves the site at that
/// path (previews get theirs from `--base-url`), where absolute links would lead previews and mirrors
/// back to the main host. In a copy for disk, where nothing serves it in another page's place, they are
/// relative like every other page's.
pub fn not_found(contexts: &Contexts<'_>, theme: &Theme) -> Result<OutputFile> {
    let path = Routes::not_found();
    let linker = match contexts.routes.link_style() {
        LinkStyle::Folders => Linker::FromHostRoot(&contexts.config.base_url),
        LinkStyle::Files => contexts.linker(&path),
    };
    let default = contexts.config.default_language().code.as_str();
    let metadata = PageMetadata::generated(
        contexts,
        &GeneratedPage {
            lang: default,
            path: &path,
            title: ui_string(contexts, default, "not_found_title"),
            schema_type: "WebPage",
            languages: vec![default],
        },
    );
    let common = contexts.common(default, &linker, &path, Vec::new(), Vec::new(), metadata);
    let html = theme.render("404.html", &OnlyCommon { common }, None)?;
    Ok(OutputFile::generated(path, html.into_bytes()))
}

/// A UI string of the theme, or its key when the theme lacks it (the template reports that).
fn ui_string(contexts: &Contexts<'_>, lang: &str, key: &str) -> String {
    contexts
        .translations
        .get(lang, key)
        .unwrap_or(key)
        .to_owned()
}
