//! Where the citation files of a publication go: beside its landing page in each language, named
//! after the page (`nl/publicaties/klimaat/klimaat.bib`, `.ris`, `.json`), so that a download keeps
//! a name that says what it is.

use std::collections::HashMap;

use crate::content::{Content, DocId};
use crate::site::SitePath;

/// The citation files of one language version of a publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationFiles {
    pub bibtex: SitePath,
    pub ris: SitePath,
    pub csl_json: SitePath,
}

impl CitationFiles {
    /// Every file, with a word saying which it is, for the check that each has one owner.
    pub fn all(&self) -> [(&SitePath, &'static str); 3] {
        [
            (&self.bibtex, "BibTeX"),
            (&self.ris, "RIS"),
            (&self.csl_json, "CSL-JSON"),
        ]
    }
}

/// The citation files of every publication's landing page, by document.
pub fn place(content: &Content, documents: &[SitePath]) -> HashMap<DocId, CitationFiles> {
    (0..content.documents.len())
        .filter(|&doc| content.is_publication(doc))
        .filter_map(|doc| Some((doc, files_beside(&documents[doc])?)))
        .collect()
}

fn files_beside(page: &SitePath) -> Option<CitationFiles> {
    let name = page.file_name();
    Some(CitationFiles {
        bibtex: page.join_file(&format!("{name}.bib"))?,
        ris: page.join_file(&format!("{name}.ris"))?,
        csl_json: page.join_file(&format!("{name}.json"))?,
    })
}
