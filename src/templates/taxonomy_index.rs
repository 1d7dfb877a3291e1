//! Which documents carry each taxonomy term, per language, and the URLs of the taxonomy pages. A term
//! page in one language lists that language's documents and, for documents without a translation,
//! their version in another language. Built once per build; lookups by `&str` allocate nothing, as
//! every listing asks for the links and counts of every term it shows.

use std::collections::HashMap;

use crate::config::{SiteConfig, Taxonomy};
use crate::content::{Content, DocId};
use crate::site_path::SitePath;

#[derive(Debug, Default)]
pub struct TaxonomyIndex {
    taxonomies: HashMap<String, TaxonomyEntry>,
}

#[derive(Debug, Default)]
struct TaxonomyEntry {
    /// Language → `/nl/programma/`.
    list_paths: HashMap<String, SitePath>,
    /// The terms some document carries, in `site.toml` order.
    used: Vec<String>,
    /// Term → language → its page and documents.
    terms: HashMap<String, HashMap<String, TermEntry>>,
}

#[derive(Debug)]
struct TermEntry {
    path: SitePath,
    /// Newest first.
    documents: Vec<DocId>,
}

impl TaxonomyIndex {
    pub fn build(config: &SiteConfig, content: &Content) -> TaxonomyIndex {
        let mut carriers: HashMap<(&str, &str), Vec<DocId>> = HashMap::new();
        for (doc, document) in content.documents.iter().enumerate() {
            for (taxonomy, terms) in &document.front.taxonomies {
                for term in terms {
                    carriers
                        .entry((taxonomy.as_str(), term.as_str()))
                        .or_default()
                        .push(doc);
                }
            }
        }
        let taxonomies = config
            .taxonomies
            .iter()
            .map(|taxonomy| {
                (
                    taxonomy.name.clone(),
                    taxonomy_entry(config, content, taxonomy, &carriers),
                )
            })
            .collect();
        TaxonomyIndex { taxonomies }
    }

    pub fn items(&self, taxonomy: &str, term: &str, lang: &str) -> &[DocId] {
        self.term(taxonomy, term, lang)
            .map_or(&[], |entry| entry.documents.as_slice())
    }

    pub fn has_terms(&self, taxonomy: &str) -> bool {
        !self.used_terms(taxonomy).is_empty()
    }

    /// The terms of `taxonomy` that some document carries, in `site.toml` order.
    pub fn used_terms(&self, taxonomy: &str) -> &[String] {
        self.taxonomies
            .get(taxonomy)
            .map_or(&[], |entry| entry.used.as_slice())
    }

    pub fn list_path(&self, taxonomy: &str, lang: &str) -> Option<&SitePath> {
        self.taxonomies.get(taxonomy)?.list_paths.get(lang)
    }

    /// The page of a term that some document carries.
    pub fn term_path(&self, taxonomy: &str, term: &str, lang: &str) -> Option<&SitePath> {
        self.term(taxonomy, term, lang).map(|entry| &entry.path)
    }

    fn term(&self, taxonomy: &str, term: &str, lang: &str) -> Option<&TermEntry> {
        self.taxonomies.get(taxonomy)?.terms.get(term)?.get(lang)
    }
}

fn taxonomy_entry(
    config: &SiteConfig,
    content: &Content,
    taxonomy: &Taxonomy,
    carriers: &HashMap<(&str, &str), Vec<DocId>>,
) -> TaxonomyEntry {
    let mut entry = TaxonomyEntry::default();
    for language in &config.languages {
        let slug = taxonomy.slug[&language.code].as_str();
        entry.list_paths.insert(
            language.code.clone(),
            SitePath::page([language.prefix.as_str(), slug]),
        );
    }
    for (id, term) in &taxonomy.terms {
        let Some(documents) = carriers.get(&(taxonomy.name.as_str(), id.as_str())) else {
            continue;
        };
        entry.used.push(id.clone());
        let per_language = config
            .languages
            .iter()
            .map(|language| {
                let path = SitePath::page([
                    language.prefix.as_str(),
                    taxonomy.slug[&language.code].as_str(),
                    term.slugs[&language.code].as_str(),
                ]);
                let documents = listed_in(content, documents, &language.code);
                (language.code.clone(), TermEntry { path, documents })
            })
            .collect();
        entry.terms.insert(id.clone(), per_language);
    }
    entry
}

/// One version of each document, in `lang` where it exists; newest first.
fn listed_in(content: &Content, documents: &[DocId], lang: &str) -> Vec<DocId> {
    let mut listed: Vec<DocId> = documents
        .iter()
        .copied()
        .filter(|&doc| content.best_member(content.documents[doc].group, lang) == doc)
        .collect();
    listed.sort_by(|&a, &b| {
        let (a, b) = (&content.documents[a], &content.documents[b]);
        b.front
            .date
            .cmp(&a.front.date)
            .then_with(|| a.front.weight.cmp(&b.front.weight))
            .then_with(|| a.front.title.cmp(&b.front.title))
            .then_with(|| a.source_path.cmp(&b.source_path))
    });
    listed
}
