//! The browser search as templates see it: the URL of the search page, the URL of the search client
//! (the search crate's script that a theme's search script talks to) and the configuration the
//! theme's search script reads (where the engine, its glue and worker, and the indexes' stable start
//! files are, and in which form, relative
//! to the site root, the facets it offers as filters, and the script's UI strings in the page's
//! language, plural forms included). Every script file comes from
//! the search stage ([`BrowserSearch`]); only the theme's own UI scripts are static files.

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::context::Linker;
use super::i18n::{Text, Translations};
use crate::search::BrowserSearch;
use crate::site::SitePath;

/// UI strings whose keys start with this go to the search script.
const STRING_PREFIX: &str = "search_";

#[derive(Serialize)]
pub struct SearchContext {
    /// The search page in the page's language.
    pub page: String,
    /// The search client's script, for a script element before the theme's search script.
    pub client: String,
    /// JSON for the search form's `data-search` attribute.
    pub config: String,
}

/// A UI string as the search script reads it: a string, or an object of plural forms by CLDR
/// category (`{"one": …, "other": …}`) that it chooses from with `Intl.PluralRules`.
fn script_text(text: &Text) -> Value {
    match text {
        Text::Plain(text) => Value::String(text.clone()),
        Text::Plural(forms) => forms
            .iter()
            .map(|(category, form)| (category.name().to_owned(), Value::String(form.clone())))
            .collect(),
    }
}

/// Everything the pages of a build share; the per-page parts are made by [`SearchBox::context`].
pub struct SearchBox<'a> {
    browser: &'a BrowserSearch,
    translations: &'a Translations,
}

impl<'a> SearchBox<'a> {
    pub fn new(browser: &'a BrowserSearch, translations: &'a Translations) -> Self {
        SearchBox {
            browser,
            translations,
        }
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
        let engine = &self.browser.engine;
        let site_path = |path: &SitePath| Value::String(path.as_str().to_owned());
        let indexes: Map<String, Value> = self
            .browser
            .starts
            .iter()
            .map(|(code, start)| (code.clone(), json!({ "start": site_path(start) })))
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
                let (_, text) = self.translations.entry(lang, &key)?;
                Some((key, script_text(text)))
            })
            .collect();
        let config = json!({
            "lang": lang,
            "root": linker.root(),
            "glue": site_path(&engine.glue),
            "worker": site_path(&engine.worker),
            "form": self.browser.form.name(),
            "engine": site_path(&engine.module),
            "indexes": indexes,
            "facets": self.browser.facets,
            "page": pages,
            "strings": strings,
        });
        Some(SearchContext {
            page: linker.url(page),
            client: linker.url(&engine.client),
            config: config.to_string(),
        })
    }
}
