//! `kennis search`: answers a query from the search index that `kennis build` wrote into the output
//! folder, with the reader of the search core — the same code path the browser uses. It reads the
//! site configuration only to know the languages and their URL prefixes; it never builds. A damaged
//! index, or a manifest naming a file outside its folder, is an error that says to rebuild the site.

use std::fs;
use std::path::PathBuf;

use kennis_search::{MANIFEST_FILE, Manifest, Request, Response, SearchError, SearchIndex};

use crate::config::SiteConfig;
use crate::error::{Error, Result};
use crate::html;
use crate::routes::Routes;

const REBUILD: &str = "build the site again: kennis build (with the same --root and --output)";

/// What `kennis search` was asked.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// The site's root folder (holding `site.toml`).
    pub root: PathBuf,
    /// The built site.
    pub output: PathBuf,
    /// Language code; the site's default language when absent.
    pub lang: Option<String>,
    /// `(facet, value id)` filters.
    pub filters: Vec<(String, String)>,
    pub limit: usize,
    pub query: String,
}

/// Opens the index of the requested language and runs the query.
pub fn search(options: &SearchOptions) -> Result<Response> {
    let mut index = open_index(options)?;
    index
        .search(&Request {
            query: options.query.clone(),
            filters: options.filters.clone(),
            limit: options.limit,
        })
        .map_err(|error| {
            let help = error.is_damaged().then(|| REBUILD.to_owned());
            Error::usage(format!("the search failed: {error}"), help)
        })
}

/// The index of the requested language in the output folder.
pub fn open_index(options: &SearchOptions) -> Result<SearchIndex> {
    let config = SiteConfig::load(&options.root, None)?;
    let language = match &options.lang {
        None => config.default_language(),
        Some(code) => config.language(code).ok_or_else(|| {
            let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            Error::usage(
                format!("the site has no language `{code}`"),
                Some(format!("languages: {}", known.join(", "))),
            )
        })?,
    };
    let folder = options
        .output
        .join(Routes::search_folder_below(&language.prefix));
    let manifest_path = folder.join(MANIFEST_FILE);
    let not_built = || {
        Error::usage(
            format!(
                "{} has no search index for `{}`",
                options.output.display(),
                language.code
            ),
            Some(
                "build the site first: kennis build (with the same --root and --output)".to_owned(),
            ),
        )
    };
    let manifest_text = fs::read_to_string(&manifest_path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => not_built(),
        _ => Error::io("cannot read", &manifest_path, error),
    })?;
    let manifest: Manifest = serde_json::from_str(&manifest_text).map_err(|error| {
        Error::usage(
            format!("{} cannot be read: {error}", manifest_path.display()),
            Some(REBUILD.to_owned()),
        )
    })?;
    let index_name = manifest.index_file().map_err(|damage| {
        Error::usage(
            format!(
                "{}: {}",
                manifest_path.display(),
                SearchError::Damaged(damage)
            ),
            Some(REBUILD.to_owned()),
        )
    })?;
    let index_path = folder.join(index_name);
    let bytes = fs::read(&index_path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => not_built(),
        _ => Error::io("cannot read", &index_path, error),
    })?;
    SearchIndex::open(&bytes).map_err(|error| {
        Error::usage(
            format!("{}: {error}", index_path.display()),
            Some(REBUILD.to_owned()),
        )
    })
}

/// Results as a JSON array of hits.
pub fn to_json(response: &Response) -> String {
    serde_json::to_string_pretty(&response.hits).unwrap_or_else(|_| "[]".to_owned())
}

/// Results for people: title and section, URL, snippet; then the facet counts.
pub fn to_text(response: &Response, emphasis: (&str, &str)) -> String {
    let mut text = String::new();
    if response.hits.is_empty() {
        text.push_str("no results\n");
        return text;
    }
    for (rank, hit) in response.hits.iter().enumerate() {
        let mut heading = hit.title.clone();
        if !hit.section.is_empty() {
            heading.push_str(" › ");
            heading.push_str(&hit.section);
        }
        if !hit.publication.is_empty() && hit.publication != hit.title {
            heading = format!("{} › {heading}", hit.publication);
        }
        text.push_str(&format!("{:>2}. {heading}\n    {}\n", rank + 1, hit.url));
        let snippet = plain_snippet(&hit.snippet, emphasis);
        if !snippet.is_empty() {
            text.push_str(&format!("    {snippet}\n"));
        }
    }
    text.push_str(&format!(
        "\n{} of {} matching sections\n",
        response.hits.len(),
        response.total
    ));
    for facet in &response.facets {
        if facet.values.is_empty() {
            continue;
        }
        let values: Vec<String> = facet
            .values
            .iter()
            .map(|value| format!("{} ({}) {}", value.label, value.id, value.count))
            .collect();
        text.push_str(&format!("{}: {}\n", facet.title, values.join(", ")));
    }
    text
}

/// A snippet's HTML as text, with marked words between `emphasis`.
fn plain_snippet(html: &str, (open, close): (&str, &str)) -> String {
    let marked = html.replace("<mark>", open).replace("</mark>", close);
    html::decode_entities(&marked).into_owned()
}
