//! What a reader needs to cite a publication or one of its chapters, taken from front matter only:
//! title, authors (a chapter without its own takes the publication's), publisher (the language's
//! site title), date, language and the canonical URL. A field the front matter lacks stays empty and
//! every format leaves it out. From it come the `citation_*` meta tags, the JSON-LD of publications,
//! the "Cite this publication" block and the BibTeX, RIS and CSL-JSON files at the places the routes
//! gave them.

mod bibtex;
mod block;
mod csl_json;
mod ris;

use super::context::Contexts;
use crate::content::DocId;
use crate::site::{Date, OutputFile};

pub use block::CiteBlock;

/// What kind of work a publication is, by its terms of the publication taxonomy and `report_types`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkKind {
    /// schema.org `Report`, BibTeX `@techreport`, RIS `RPRT`, CSL `report`.
    Report,
    /// schema.org `CreativeWork`, BibTeX `@misc`, RIS `GEN`, CSL `document`.
    Work,
}

impl WorkKind {
    pub fn schema_type(self) -> &'static str {
        match self {
            WorkKind::Report => "Report",
            WorkKind::Work => "CreativeWork",
        }
    }
}

/// A publication, or a chapter of one, as a work to cite.
#[derive(Debug, Clone)]
pub struct Citation<'a> {
    pub kind: WorkKind,
    pub title: &'a str,
    pub authors: &'a [String],
    pub publisher: &'a str,
    pub date: Option<Date>,
    pub description: Option<&'a str>,
    /// The BCP 47 locale of its language (`nl-BE`).
    pub locale: &'a str,
    /// Absolute and canonical, also in a copy for disk.
    pub url: String,
}

impl<'a> Citation<'a> {
    /// `doc` as a work to cite, when it is a publication or lies in one.
    pub fn of(contexts: &Contexts<'a>, doc: DocId) -> Option<Citation<'a>> {
        let content = contexts.content;
        let publication = &content.documents[content.publication_of(doc)?];
        let document = &content.documents[doc];
        let language = contexts.config.language(&document.lang)?;
        let kind = if contexts.config.is_report(publication.publication_types()) {
            WorkKind::Report
        } else {
            WorkKind::Work
        };
        let authors = if document.front().authors.is_empty() {
            &publication.front().authors
        } else {
            &document.front().authors
        };
        Some(Citation {
            kind,
            title: &document.front().title,
            authors,
            publisher: &language.title,
            date: document.front().date.or(publication.front().date),
            description: document.front().description.as_deref(),
            locale: &language.locale,
            url: contexts.permalink(doc),
        })
    }

    /// The language part of the locale (`nl`), as ISO 639-1 wants it.
    pub fn language(&self) -> &'a str {
        self.locale.split(['-', '_']).next().unwrap_or(self.locale)
    }
}

/// The BibTeX, RIS and CSL-JSON file of every language version of every publication.
pub fn files(contexts: &Contexts<'_>) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for doc in 0..contexts.content.documents.len() {
        let (Some(paths), Some(citation)) = (
            contexts.routes.citation_files(doc),
            Citation::of(contexts, doc),
        ) else {
            continue;
        };
        let key = citation_key(
            paths.bibtex.file_name(),
            &contexts.content.documents[doc].lang,
        );
        files.push(OutputFile::generated(
            paths.bibtex.clone(),
            bibtex::entry(&citation, &key).into_bytes(),
        ));
        files.push(OutputFile::generated(
            paths.ris.clone(),
            ris::record(&citation).into_bytes(),
        ));
        files.push(OutputFile::generated(
            paths.csl_json.clone(),
            csl_json::items(&citation, &key).into_bytes(),
        ));
    }
    files
}

/// A key that stays the same from build to build and differs between the language versions:
/// the file's name without extension and the language (`klimaatgovernance-nl`), in the characters
/// every BibTeX tool accepts.
fn citation_key(file_name: &str, lang: &str) -> String {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let key: String = format!("{stem}-{lang}")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    key.trim_start_matches('-').to_owned()
}

#[cfg(test)]
mod tests;
