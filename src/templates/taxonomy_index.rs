//! Which documents carry each taxonomy term, per language. A term page in one language lists that
//! language's documents and, for documents without a translation, their version in another language.
//! Built once per build; lookups by `&str` allocate nothing, as every listing asks for the counts of
//! every term it shows. The pages' URLs come from the routes.

use std::collections::HashMap;

use crate::config::{SiteConfig, Taxonomy};
use crate::content::reads::{self, Read, TermKey};
use crate::content::{Content, DocId};

#[derive(Debug, Default)]
pub struct TaxonomyIndex {
    taxonomies: HashMap<String, TaxonomyEntry>,
}

#[derive(Debug, Default)]
struct TaxonomyEntry {
    /// The terms some document carries, in `site.toml` order.
    used: Vec<String>,
    /// Term → its documents.
    terms: HashMap<String, TermEntry>,
}

#[derive(Debug)]
struct TermEntry {
    /// What reading the term notes.
    key: TermKey,
    /// Language → the term's documents, newest first.
    per_language: HashMap<String, Vec<DocId>>,
}

impl TaxonomyIndex {
    pub fn build(config: &SiteConfig, content: &Content) -> TaxonomyIndex {
        let mut carriers: HashMap<(&str, &str), Vec<DocId>> = HashMap::new();
        for (doc, document) in content.documents.iter().enumerate() {
            for (taxonomy, terms) in &document.front().taxonomies {
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

    /// The documents in `lang` that carry `term`, newest first.
    pub fn items(&self, taxonomy: &str, term: &str, lang: &str) -> &[DocId] {
        self.listing(taxonomy, term, lang, Read::TermItems)
    }

    /// How many documents in `lang` carry `term`: unlike [`TaxonomyIndex::items`], this does not
    /// depend on their order.
    pub fn count(&self, taxonomy: &str, term: &str, lang: &str) -> usize {
        self.listing(taxonomy, term, lang, Read::TermCount).len()
    }

    fn listing(
        &self,
        taxonomy: &str,
        term: &str,
        lang: &str,
        read: fn(TermKey) -> Read,
    ) -> &[DocId] {
        let Some(entry) = self
            .taxonomies
            .get(taxonomy)
            .and_then(|entry| entry.terms.get(term))
        else {
            return &[];
        };
        reads::note(read(entry.key));
        entry.per_language.get(lang).map_or(&[], Vec::as_slice)
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
}

fn taxonomy_entry(
    config: &SiteConfig,
    content: &Content,
    taxonomy: &Taxonomy,
    carriers: &HashMap<(&str, &str), Vec<DocId>>,
) -> TaxonomyEntry {
    let mut entry = TaxonomyEntry::default();
    for id in taxonomy.terms.keys() {
        let Some(documents) = carriers.get(&(taxonomy.name.as_str(), id.as_str())) else {
            continue;
        };
        let Some(key) = TermKey::of(config, &taxonomy.name, id) else {
            continue;
        };
        entry.used.push(id.clone());
        let per_language = config
            .languages
            .iter()
            .map(|language| {
                let listed = listed_in(content, documents, &language.code);
                (language.code.clone(), listed)
            })
            .collect();
        entry
            .terms
            .insert(id.clone(), TermEntry { key, per_language });
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
        b.front()
            .date
            .cmp(&a.front().date)
            .then_with(|| a.front().weight.cmp(&b.front().weight))
            .then_with(|| a.front().title.cmp(&b.front().title))
            .then_with(|| a.source_path.cmp(&b.source_path))
    });
    listed
}
