//! The pages of the taxonomies: a list page per taxonomy and language (`/nl/programma/`), and a page
//! per term that some document carries, in every language (`/nl/programma/klimaat/`).

use std::collections::{HashMap, HashSet};

use crate::config::SiteConfig;
use crate::content::Content;
use crate::site::SitePath;

#[derive(Debug, Default)]
pub struct TaxonomyRoutes {
    /// Taxonomy → language → list page.
    lists: HashMap<String, HashMap<String, SitePath>>,
    /// Taxonomy → term → language → term page. Lookups by `&str` allocate nothing, as every listing
    /// asks for the link of every term it shows.
    terms: HashMap<String, HashMap<String, HashMap<String, SitePath>>>,
}

impl TaxonomyRoutes {
    pub fn plan(config: &SiteConfig, content: &Content) -> TaxonomyRoutes {
        let carried: HashSet<(&str, &str)> = content
            .documents
            .iter()
            .flat_map(|document| &document.front().taxonomies)
            .flat_map(|(taxonomy, terms)| {
                terms
                    .iter()
                    .map(move |term| (taxonomy.as_str(), term.as_str()))
            })
            .collect();
        let mut routes = TaxonomyRoutes::default();
        for taxonomy in &config.taxonomies {
            let lists = routes.lists.entry(taxonomy.name.clone()).or_default();
            for language in &config.languages {
                let slug = taxonomy.slug[&language.code].as_str();
                let path = SitePath::page([language.prefix.as_str(), slug]);
                lists.insert(language.code.clone(), path);
            }
            let terms = routes.terms.entry(taxonomy.name.clone()).or_default();
            for (id, term) in &taxonomy.terms {
                if !carried.contains(&(taxonomy.name.as_str(), id.as_str())) {
                    continue;
                }
                let per_language = config
                    .languages
                    .iter()
                    .map(|language| {
                        let path = SitePath::page([
                            language.prefix.as_str(),
                            taxonomy.slug[&language.code].as_str(),
                            term.slugs[&language.code].as_str(),
                        ]);
                        (language.code.clone(), path)
                    })
                    .collect();
                terms.insert(id.clone(), per_language);
            }
        }
        routes
    }

    pub fn list(&self, taxonomy: &str, lang: &str) -> Option<&SitePath> {
        self.lists.get(taxonomy)?.get(lang)
    }

    /// The page of a term that some document carries.
    pub fn term(&self, taxonomy: &str, term: &str, lang: &str) -> Option<&SitePath> {
        self.terms.get(taxonomy)?.get(term)?.get(lang)
    }
}
