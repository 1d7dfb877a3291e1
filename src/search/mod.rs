//! Stage 5: search, after Markdown and before templates (every page names the index files). Takes
//! the plain-text sections that the Markdown stage found in every document, joins them at its
//! `h2`/`h3` headings (each links to `page-url#anchor`, the opening part to the page itself), and
//! writes one search index per language with the search core (`kennis-search`), cut into the
//! stable start file `<prefix>/search/start.bin` and chunks `<prefix>/search/chunk.<hash>.bin` that
//! browsers load as queries need them (as `.js` scripts in a copy for reading from disk, one form per
//! build); pages name only the start file, so they need not change when the index does; plus the
//! browser engine. It reads
//! the configuration, the content, the routes (for the folders and pages), the rendered Markdown
//! and `search.toml`, and hands output files to the output stage; it writes nothing itself and
//! renders no templates.

mod browser;
mod sections;

use rayon::prelude::*;

use kennis_search::lazy::{Split, split};
use kennis_search::{FacetInfo, FacetValue, IndexSpec, SearchDocument, write_index};

use crate::config::SiteConfig;
use crate::config::search::{SearchSettings, YEAR_FACET};
use crate::content::{Content, DocId, Document};
use crate::error::{Error, Result};
use crate::markdown::Rendered;
use crate::routes::Routes;
use crate::site::{OutputFile, SitePath};

pub use browser::{BrowserSearch, Form, payload_bytes};
use sections::search_sections;

/// What the stage produced for one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexSummary {
    pub lang: String,
    pub sections: usize,
    pub bytes: u64,
    /// The index's start file, site-relative.
    pub path: SitePath,
}

/// The stage's result.
#[derive(Debug, Clone)]
pub struct SearchOutput {
    /// Index files and manifests, to be written with the rest of the site.
    pub files: Vec<OutputFile>,
    pub indexes: Vec<IndexSummary>,
    /// The engine, the indexes and the search pages, for the templates.
    pub browser: BrowserSearch,
}

/// Builds the search index of every language.
pub fn build_indexes(
    config: &SiteConfig,
    content: &Content,
    routes: &Routes,
    rendered: &[Rendered],
    settings: &SearchSettings,
    year_title: &(dyn Fn(&str) -> String + Sync),
) -> Result<SearchOutput> {
    let mut files = Vec::new();
    let mut indexes = Vec::new();
    let form = browser::Form::for_links(routes.link_style());
    let engine = browser::engine_files(&mut files, form)?;
    let mut starts = Vec::new();
    // Languages are indexed side by side: each index ends in a single-threaded tantivy phase.
    let packed_indexes: Vec<(Split, u64, usize)> = config
        .languages
        .par_iter()
        .map(|language| {
            let failed = |error: kennis_search::SearchError| {
                Error::usage(
                    format!("cannot build the `{}` search index: {error}", language.code),
                    None,
                )
            };
            let documents = search_documents(config, content, routes, rendered, &language.code);
            let spec = IndexSpec {
                language: language.code.clone(),
                facets: facets(
                    config,
                    &language.code,
                    &documents,
                    year_title(&language.code),
                ),
                synonyms: settings.synonyms.clone(),
                editor_words: settings.words.clone(),
            };
            let packed = write_index(&spec, &documents).map_err(failed)?;
            let split = split(&packed, browser::chunk_name).map_err(failed)?;
            Ok((split, packed.len() as u64, documents.len()))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<Result<_>>()?;
    for (language, (split, bytes, section_count)) in config.languages.iter().zip(packed_indexes) {
        let start = routes.search_start(&language.code)?;
        let start = browser::index_files(&mut files, form, &start, &language.code, split)?;
        indexes.push(IndexSummary {
            lang: language.code.clone(),
            sections: section_count,
            bytes,
            path: start.clone(),
        });
        starts.push((language.code.clone(), start));
    }
    let pages = routes.search_pages();
    let browser = BrowserSearch {
        engine,
        form,
        starts,
        pages,
        facets: settings.offered_facets(config),
    };
    Ok(SearchOutput {
        files,
        indexes,
        browser,
    })
}

fn site_file(path: &str) -> Result<SitePath> {
    SitePath::file(path)
        .ok_or_else(|| Error::usage(format!("`{path}` is not a usable output path"), None))
}

/// The search documents of every document in `lang`, in content order.
pub fn search_documents(
    config: &SiteConfig,
    content: &Content,
    routes: &Routes,
    rendered: &[Rendered],
    lang: &str,
) -> Vec<SearchDocument> {
    let per_document: Vec<Vec<SearchDocument>> = (0..content.documents.len())
        .into_par_iter()
        .filter(|&doc| content.documents[doc].lang == lang)
        .map(|doc| document_sections(config, content, routes.document(doc), doc, &rendered[doc]))
        .collect();
    per_document.into_iter().flatten().collect()
}

fn document_sections(
    config: &SiteConfig,
    content: &Content,
    page: &SitePath,
    doc: DocId,
    rendered: &Rendered,
) -> Vec<SearchDocument> {
    let document = &content.documents[doc];
    let publication = content.publication_of(doc).map(|p| &content.documents[p]);
    let facets = document_facets(config, document, publication);
    search_sections(&rendered.sections)
        .into_iter()
        .map(|section| {
            let mut url = page.as_str().to_owned();
            if let Some(anchor) = &section.anchor {
                url.push('#');
                url.push_str(anchor);
            }
            SearchDocument {
                url,
                title: document.front().title.clone(),
                section: section.heading,
                publication: publication.map_or_else(String::new, |p| p.front().title.clone()),
                body: section.text,
                facets: facets.clone(),
            }
        })
        .collect()
}

/// The document's taxonomy terms (each taxonomy it does not set taken from its publication) and year.
fn document_facets(
    config: &SiteConfig,
    document: &Document,
    publication: Option<&Document>,
) -> Vec<(String, String)> {
    let mut facets = Vec::new();
    for taxonomy in &config.taxonomies {
        let own = document.front().taxonomies.get(&taxonomy.name);
        let inherited = publication.and_then(|p| p.front().taxonomies.get(&taxonomy.name));
        for term in own.or(inherited).into_iter().flatten() {
            facets.push((taxonomy.name.clone(), term.clone()));
        }
    }
    let date = document
        .front()
        .date
        .or_else(|| publication.and_then(|p| p.front().date));
    if let Some(date) = date {
        facets.push((YEAR_FACET.to_owned(), date.year.to_string()));
    }
    facets
}

/// Every taxonomy with its labels in `lang`, and the years that occur (titled `year_title`).
fn facets(
    config: &SiteConfig,
    lang: &str,
    documents: &[SearchDocument],
    year_title: String,
) -> Vec<FacetInfo> {
    let mut facets: Vec<FacetInfo> = config
        .taxonomies
        .iter()
        .map(|taxonomy| FacetInfo {
            name: taxonomy.name.clone(),
            title: taxonomy.title.get(lang).cloned().unwrap_or_default(),
            values: taxonomy
                .terms
                .values()
                .map(|term| FacetValue {
                    id: term.id.clone(),
                    label: term.labels.get(lang).cloned().unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    let mut years: Vec<&str> = documents
        .iter()
        .flat_map(|document| &document.facets)
        .filter(|(name, _)| name == YEAR_FACET)
        .map(|(_, year)| year.as_str())
        .collect();
    years.sort_unstable();
    years.dedup();
    facets.push(FacetInfo {
        name: YEAR_FACET.to_owned(),
        title: year_title,
        values: years
            .into_iter()
            .map(|year| FacetValue {
                id: year.to_owned(),
                label: year.to_owned(),
            })
            .collect(),
    });
    facets
}
