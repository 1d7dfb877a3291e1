//! The browser search as templates see it: the URL of the search page and the configuration the
//! theme's search script reads (where the engine, the indexes and the worker are, relative to the page,
//! and the script's UI strings in the page's language).

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::context::Linker;
use super::i18n::Translations;
use super::static_files::StaticFiles;
use crate::search::BrowserSearch;
use crate::site_path::SitePath;

/// Static files of the theme that run the search in the browser.
const GLUE: &str = "js/search-engine.js";
const WORKER: &str = "js/search-worker.js";
/// UI strings whose keys start with this go to the search script.
const STRING_PREFIX: &str = "search_";

#[derive(Serialize)]
pub struct SearchContext {
    /// The search page in the page's language.
    pub page: String,
    /// JSON for the search form's `data-search` attribute.
    pub config: String,
}

/// Everything the pages of a build share; the per-page parts are made by [`SearchBox::context`].
pub struct SearchBox<'a> {
    browser: &'a BrowserSearch,
    glue: &'a SitePath,
    worker: &'a SitePath,
    translations: &'a Translations,
}

impl<'a> SearchBox<'a> {
    /// `None` when the theme has no search scripts.
    pub fn new(
        browser: &'a BrowserSearch,
        static_files: &'a StaticFiles,
        translations: &'a Translations,
    ) -> Option<Self> {
        Some(SearchBox {
            browser,
            glue: static_files.path_of(GLUE)?,
            worker: static_files.path_of(WORKER)?,
            translations,
        })
    }

    pub fn page(&self, lang: &str) -> Option<&SitePath> {
        self.browser
            .pages
            .iter()
            .find(|(code, _)| code == lang)
            .map(|(_, page)| page)
    }

    pub fn context(&self, lang: &str, linker: &Linker<'_>) -> Option<SearchContext> {
        let page = self.page(lang)?;
        let site_path = |path: &SitePath| Value::String(path.as_str().to_owned());
        let indexes: Map<String, Value> = self
            .browser
            .indexes
            .iter()
            .map(|(code, payload)| {
                let files = json!({ "bin": site_path(&payload.binary), "script": site_path(&payload.script) });
                (code.clone(), files)
            })
            .collect();
        let pages: Map<String, Value> = self
            .browser
            .pages
            .iter()
            .map(|(code, page)| (code.clone(), site_path(page)))
            .collect();
        let strings: Map<String, Value> = self
            .translations
            .keys_with_prefix(STRING_PREFIX)
            .into_iter()
            .filter_map(|key| {
                Some((
                    key.clone(),
                    Value::String(self.translations.get(lang, &key)?.to_owned()),
                ))
            })
            .collect();
        let config = json!({
            "lang": lang,
            "root": linker.url(&SitePath::root()),
            "glue": site_path(self.glue),
            "worker": site_path(self.worker),
            "engine": { "wasm": site_path(&self.browser.engine.binary), "script": site_path(&self.browser.engine.script) },
            "indexes": indexes,
            "page": pages,
            "strings": strings,
        });
        Some(SearchContext {
            page: linker.url(page),
            config: config.to_string(),
        })
    }
}
