//! `kennis search`: answers a query from the search index that `kennis build` wrote into the output
//! folder, with the reader of the search core — the same code path the browser uses. It reads the
//! site configuration only to know the languages and their URL prefixes; it never builds. It opens
//! the language's start file and reads the chunks a query needs, as the browser does. A damaged or
//! missing start file or chunk is an error that says to rebuild the site.

use std::fs;
use std::path::{Path, PathBuf};

use kennis_search::error::Damage;
use kennis_search::{
    ChunkedIndex, FacetInfo, Request, Response, START_FILE, START_SCRIPT, SearchError,
};

use crate::config::SiteConfig;
use crate::error::{Error, Result};
use crate::html;
use crate::routes::Routes;
use crate::search::{Form, payload_bytes};
use crate::terminal::printable;

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
    /// `(facet, value id)` filters, checked against the facets of the index.
    pub filters: Vec<(String, String)>,
    pub limit: usize,
    pub query: String,
}

/// Opens the index of the requested language and runs the query, reading the chunks it needs.
pub fn search(options: &SearchOptions) -> Result<Response> {
    let mut opened = open_index(options)?;
    let request = Request {
        query: options.query.clone(),
        filters: options.filters.clone(),
        limit: options.limit,
    };
    let facets = opened.facets()?;
    check_filters(&options.filters, &facets)?;
    opened.search(&request)
}

fn failed(error: SearchError) -> Error {
    let help = error.is_damaged().then(|| REBUILD.to_owned());
    Error::usage(format!("the search failed: {error}"), help)
}

/// Reads `NAME=VALUE` from the command line (`type=jaarplan`).
pub fn parse_filter(text: &str) -> std::result::Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() && !value.trim().is_empty() => {
            Ok((name.trim().to_owned(), value.trim().to_owned()))
        }
        _ => Err("write a filter as NAME=VALUE, e.g. type=jaarplan".to_owned()),
    }
}

/// Every filter must name a facet of the index and one of its values: a mistyped filter would
/// otherwise silently find nothing.
fn check_filters(filters: &[(String, String)], facets: &[FacetInfo]) -> Result<()> {
    for (name, value) in filters {
        let Some(facet) = facets.iter().find(|facet| &facet.name == name) else {
            let names: Vec<&str> = facets.iter().map(|facet| facet.name.as_str()).collect();
            return Err(Error::usage(
                format!("the index has no facet `{name}`"),
                Some(format!("facets: {}", names.join(", "))),
            ));
        };
        if !facet.values.iter().any(|known| &known.id == value) {
            let ids: Vec<&str> = facet.values.iter().map(|known| known.id.as_str()).collect();
            return Err(Error::usage(
                format!("the facet `{name}` has no value `{value}`"),
                Some(format!("values of `{name}`: {}", ids.join(", "))),
            ));
        }
    }
    Ok(())
}

/// A language's index in a built site, and where its chunks are.
pub struct SiteIndex {
    folder: PathBuf,
    form: Form,
    index: ChunkedIndex,
}

impl SiteIndex {
    /// The facets of the index, with the ids and labels of their values.
    pub fn facets(&mut self) -> Result<Vec<FacetInfo>> {
        let (folder, form) = (&self.folder, self.form);
        let load = |name: &str| read_chunk(folder, form, name);
        self.index
            .with_chunks(load, failed, |index| Ok(index.facets()?.to_vec()))
    }

    /// Answers `request`, reading the chunks it needs from the output folder.
    pub fn search(&mut self, request: &Request) -> Result<Response> {
        let (folder, form) = (&self.folder, self.form);
        let load = |name: &str| read_chunk(folder, form, name);
        self.index
            .with_chunks(load, failed, |index| index.search(request))
    }

    /// How many of the index's chunks were read, and their bytes.
    pub fn loaded(&self) -> (usize, usize) {
        self.index.loaded()
    }

    pub fn chunk_count(&self) -> usize {
        self.index.chunk_count()
    }
}

/// The index of the requested language in the output folder: its start file (`start.bin`, or
/// `start.js` in a copy for reading from disk); chunks are read as searches need them.
pub fn open_index(options: &SearchOptions) -> Result<SiteIndex> {
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
    let (form, start_path) = [(Form::Binary, START_FILE), (Form::Script, START_SCRIPT)]
        .into_iter()
        .map(|(form, name)| (form, folder.join(name)))
        .find(|(_, path)| path.is_file())
        .ok_or_else(|| {
            Error::usage(
                format!(
                    "{} has no search index for `{}`",
                    options.output.display(),
                    language.code
                ),
                Some(
                    "build the site first: kennis build (with the same --root and --output)"
                        .to_owned(),
                ),
            )
        })?;
    let start = read_payload(&start_path, form)?;
    let index = ChunkedIndex::open(&start).map_err(|error| damaged(&start_path, &error))?;
    Ok(SiteIndex {
        folder,
        form,
        index,
    })
}

/// The bytes of a file of the index in `form`: as they are, or carried by a payload script.
fn read_payload(path: &Path, form: Form) -> Result<Vec<u8>> {
    let bytes = fs::read(path).map_err(|error| Error::io("cannot read", path, error))?;
    match form {
        Form::Binary => Ok(bytes),
        Form::Script => String::from_utf8(bytes)
            .ok()
            .and_then(|script| payload_bytes(&script))
            .ok_or_else(|| {
                damaged(
                    path,
                    &SearchError::Damaged(Damage::Unreadable {
                        part: "the script".to_owned(),
                        reason: "it carries no bytes".to_owned(),
                    }),
                )
            }),
    }
}

/// A chunk the index asks for; a missing one is damage of the index as much as a changed one.
fn read_chunk(folder: &Path, form: Form, name: &str) -> Result<Vec<u8>> {
    let extension = match form {
        Form::Binary => "bin",
        Form::Script => "js",
    };
    let path = folder.join(format!("{name}.{extension}"));
    if !path.is_file() {
        let missing = SearchError::Damaged(Damage::Missing(name.to_owned()));
        return Err(damaged(&path, &missing));
    }
    read_payload(&path, form)
}

fn damaged(path: &Path, error: &SearchError) -> Error {
    Error::usage(
        format!("{}: {error}", path.display()),
        Some(REBUILD.to_owned()),
    )
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
        let mut heading = printable(&hit.title).into_owned();
        if !hit.section.is_empty() {
            heading.push_str(" › ");
            heading.push_str(&printable(&hit.section));
        }
        if !hit.publication.is_empty() && hit.publication != hit.title {
            heading = format!("{} › {heading}", printable(&hit.publication));
        }
        let url = printable(&hit.url);
        text.push_str(&format!("{:>2}. {heading}\n    {url}\n", rank + 1));
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
            .map(|value| {
                let (label, id) = (printable(&value.label), printable(&value.id));
                format!("{label} ({id}) {}", value.count)
            })
            .collect();
        let title = printable(&facet.title);
        text.push_str(&format!("{title}: {}\n", values.join(", ")));
    }
    text
}

/// A snippet's HTML as text, with marked words between `emphasis`.
fn plain_snippet(html: &str, (open, close): (&str, &str)) -> String {
    // Each piece is decoded before it is cleaned (an escape character may arrive as `&#27;`), and the
    // emphasis, itself an escape sequence on a terminal, is added after cleaning.
    let plain = |piece: &str| printable(&html::decode_entities(piece)).into_owned();
    html.split("</mark>")
        .map(|part| {
            let pieces: Vec<String> = part.split("<mark>").map(plain).collect();
            pieces.join(open)
        })
        .collect::<Vec<_>>()
        .join(close)
}

#[cfg(test)]
mod tests {
    use kennis_search::{FacetCount, FacetValue, FacetValueCount, Hit};

    use super::*;

    fn facets() -> Vec<FacetInfo> {
        let value = |id: &str| FacetValue {
            id: id.to_owned(),
            label: id.to_uppercase(),
        };
        vec![FacetInfo {
            name: "type".to_owned(),
            title: "Soort".to_owned(),
            values: vec![value("jaarplan"), value("memorandum")],
        }]
    }

    #[test]
    fn filters_are_name_equals_value() {
        assert_eq!(
            parse_filter("type=jaarplan"),
            Ok(("type".to_owned(), "jaarplan".to_owned()))
        );
        for wrong in ["type", "=jaarplan", "type=", " = "] {
            assert!(parse_filter(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn a_filter_must_name_a_facet_and_a_value_of_the_index() {
        let filter = |name: &str, value: &str| vec![(name.to_owned(), value.to_owned())];
        assert!(check_filters(&filter("type", "memorandum"), &facets()).is_ok());
        let unknown_facet = check_filters(&filter("soort", "jaarplan"), &facets()).unwrap_err();
        assert!(format!("{unknown_facet:?}").contains("facets: type"));
        let unknown_value = check_filters(&filter("type", "jaarplannen"), &facets()).unwrap_err();
        assert_eq!(
            unknown_value.to_string(),
            "the facet `type` has no value `jaarplannen`"
        );
        assert!(format!("{unknown_value:?}").contains("jaarplan, memorandum"));
    }

    #[test]
    fn what_comes_from_content_reaches_the_terminal_inert() {
        let hostile = "Klimaat\u{1b}]0;owned\u{7}\u{1b}[2J";
        let response = Response {
            total: 1,
            hits: vec![Hit {
                url: "nl/a/#b".to_owned(),
                title: hostile.to_owned(),
                section: "Doel\nen".to_owned(),
                publication: String::new(),
                snippet: "een &#27;[31m<mark>klimaat</mark>plan &lt;mark&gt;".to_owned(),
                score: 1.0,
                lang: "nl".to_owned(),
            }],
            facets: vec![FacetCount {
                name: "type".to_owned(),
                title: "Soort\u{1b}[5m".to_owned(),
                values: vec![FacetValueCount {
                    id: "jaarplan".to_owned(),
                    label: "Jaar\u{9b}1mplan".to_owned(),
                    count: 1,
                }],
            }],
        };
        let text = to_text(&response, ("\u{1b}[1m", "\u{1b}[0m"));
        assert_eq!(
            text,
            " 1. Klimaat › Doel en\n    nl/a/#b\n    een \u{1b}[1mklimaat\u{1b}[0mplan <mark>\n\
             \n1 of 1 matching sections\nSoort: Jaarplan (jaarplan) 1\n"
        );
    }
}
