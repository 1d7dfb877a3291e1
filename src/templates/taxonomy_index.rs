//! Which documents carry each taxonomy term, per language. A term page in one language lists that
//! language's documents and, for documents without a translation, their version in another language.

use std::collections::HashMap;

use crate::config::SiteConfig;
use crate::content::{Content, DocId};
use crate::site_path::SitePath;

#[derive(Debug, Default)]
pub struct TaxonomyIndex {
    /// (taxonomy, term, language) → documents, newest first.
    items: HashMap<(String, String, String), Vec<DocId>>,
    /// Taxonomy → the terms some document carries, in `site.toml` order.
    used: HashMap<String, Vec<String>>,
}

impl TaxonomyIndex {
    pub fn build(config: &SiteConfig, content: &Content) -> TaxonomyIndex {
        let mut by_term: HashMap<(String, String), Vec<DocId>> = HashMap::new();
        for (doc, document) in content.documents.iter().enumerate() {
            for (taxonomy, terms) in &document.front.taxonomies {
                for term in terms {
                    by_term
                        .entry((taxonomy.clone(), term.clone()))
                        .or_default()
                        .push(doc);
                }
            }
        }
        let by_term_keys: std::collections::HashSet<(String, String)> =
            by_term.keys().cloned().collect();
        let mut items = HashMap::new();
        for ((taxonomy, term), docs) in by_term {
            for language in &config.languages {
                let mut listed: Vec<DocId> = docs
                    .iter()
                    .copied()
                    .filter(|&doc| {
                        content.best_member(content.documents[doc].group, &language.code) == doc
                    })
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
                items.insert(
                    (taxonomy.clone(), term.clone(), language.code.clone()),
                    listed,
                );
            }
        }
        let used = config
            .taxonomies
            .iter()
            .map(|taxonomy| {
                let terms = taxonomy
                    .terms
                    .keys()
                    .filter(|term| by_term_keys.contains(&(taxonomy.name.clone(), (*term).clone())))
                    .cloned()
                    .collect();
                (taxonomy.name.clone(), terms)
            })
            .collect();
        TaxonomyIndex { items, used }
    }

    pub fn items(&self, taxonomy: &str, term: &str, lang: &str) -> &[DocId] {
        self.items
            .get(&(taxonomy.to_owned(), term.to_owned(), lang.to_owned()))
            .map_or(&[], Vec::as_slice)
    }

    pub fn has_terms(&self, taxonomy: &str) -> bool {
        !self.used_terms(taxonomy).is_empty()
    }

    /// The terms of `taxonomy` that some document carries, in `site.toml` order.
    pub fn used_terms(&self, taxonomy: &str) -> &[String] {
        self.used.get(taxonomy).map_or(&[], Vec::as_slice)
    }

    pub fn list_path(&self, config: &SiteConfig, taxonomy: &str, lang: &str) -> SitePath {
        let prefix = config
            .language(lang)
            .map_or(lang, |language| language.prefix.as_str());
        let slug = config
            .taxonomy(taxonomy)
            .map_or(taxonomy, |t| t.slug[lang].as_str());
        SitePath::page([prefix, slug])
    }

    pub fn term_path(
        &self,
        config: &SiteConfig,
        taxonomy: &str,
        term: &str,
        lang: &str,
    ) -> SitePath {
        let prefix = config
            .language(lang)
            .map_or(lang, |language| language.prefix.as_str());
        let Some(definition) = config.taxonomy(taxonomy) else {
            return SitePath::page([prefix]);
        };
        let term_slug = definition
            .terms
            .get(term)
            .map_or(term, |t| t.slugs[lang].as_str());
        SitePath::page([prefix, definition.slug[lang].as_str(), term_slug])
    }
}
