//! The "Cite this publication" block of a landing page: the citation in an APA-like style
//! (authors or publisher, year, title, publisher when authors come first, URL) and links to the
//! citation files, relative to the page like every other link.

use serde::Serialize;

use super::Citation;
use crate::content::DocId;
use crate::templates::context::{Contexts, Linker};

#[derive(Debug, Serialize)]
pub struct CiteBlock {
    /// Who the citation names first: the authors, or the publisher when the front matter names none.
    pub creators: String,
    pub year: Option<u16>,
    pub title: String,
    /// Named after the title when authors come first.
    pub publisher: Option<String>,
    pub url: String,
    pub downloads: Vec<Download>,
}

/// A link to one citation file.
#[derive(Debug, Serialize)]
pub struct Download {
    pub format: &'static str,
    pub url: String,
    /// The name the browser saves it under.
    pub file_name: String,
    pub media_type: &'static str,
}

impl CiteBlock {
    /// The block of a publication's landing page; other documents have none.
    pub fn of(contexts: &Contexts<'_>, doc: DocId, linker: &Linker<'_>) -> Option<CiteBlock> {
        let files = contexts.routes.citation_files(doc)?;
        let citation = Citation::of(contexts, doc)?;
        let download = |format, path: &crate::site::SitePath, media_type| Download {
            format,
            url: linker.url(path),
            file_name: path.file_name().to_owned(),
            media_type,
        };
        let (creators, publisher) = match citation.authors {
            [] => (citation.publisher.to_owned(), None),
            authors => (
                list_of_authors(authors),
                Some(citation.publisher.to_owned()),
            ),
        };
        Some(CiteBlock {
            creators,
            year: citation.date.map(|date| date.year),
            title: citation.title.to_owned(),
            publisher,
            url: citation.url.clone(),
            downloads: vec![
                download("BibTeX", &files.bibtex, "application/x-bibtex"),
                download("RIS", &files.ris, "application/x-research-info-systems"),
                download(
                    "CSL-JSON",
                    &files.csl_json,
                    "application/vnd.citationstyles.csl+json",
                ),
            ],
        })
    }
}

/// `A`, `A & B`, `A, B, & C`, as APA joins names.
fn list_of_authors(authors: &[String]) -> String {
    match authors {
        [] => String::new(),
        [only] => only.clone(),
        [first, second] => format!("{first} & {second}"),
        [all_but_last @ .., last] => format!("{}, & {last}", all_but_last.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::list_of_authors;

    #[test]
    fn authors_are_joined_as_apa_does() {
        let names = |list: &[&str]| {
            list.iter()
                .map(|name| (*name).to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(list_of_authors(&names(&["An"])), "An");
        assert_eq!(list_of_authors(&names(&["An", "Bo"])), "An & Bo");
        assert_eq!(
            list_of_authors(&names(&["An", "Bo", "Cis"])),
            "An, Bo, & Cis"
        );
    }
}
