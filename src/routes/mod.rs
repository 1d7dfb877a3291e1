//! Stage 2: routes. Right after content loading, decides every URL of the site — documents, the files
//! copied beside them, the citation files of publications, taxonomy lists and terms, feeds, search
//! pages and search files, the 404 page, the language chooser at the root, the sitemap, robots.txt
//! and the static files (with their content-hashed names) — and checks once that no two of them
//! claim one output file. Later stages ask [`Routes`] for a URL and never compute one. It reads the
//! configuration and the content; it renders nothing and writes nothing.

mod assets;
mod citations;
mod claims;
mod documents;
pub mod static_files;
mod taxonomies;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::config::SiteConfig;
use crate::config::search::SearchSettings;
use crate::content::{Content, DocId};
use crate::error::{Error, Result};
use crate::site::{LinkStyle, SitePath};

pub use assets::AssetCopy;
use assets::AssetRoutes;
pub use citations::CitationFiles;
use claims::{Claims, Owner};
use static_files::StaticFiles;
use taxonomies::TaxonomyRoutes;

/// The folder of a language's search files below its prefix (`nl/search/`).
const SEARCH_DIR: &str = kennis_search::SEARCH_DIR;

/// Every URL of the site.
#[derive(Debug)]
pub struct Routes {
    /// The page of every document, indexed like `content.documents`.
    documents: Vec<SitePath>,
    /// The print view of every publication, indexed like `content.documents`.
    print_views: Vec<Option<SitePath>>,
    assets: AssetRoutes,
    /// The citation files of every publication's landing page.
    citations: HashMap<DocId, CitationFiles>,
    taxonomies: TaxonomyRoutes,
    /// Per language in configured order: its code, Atom feed and search page.
    languages: Vec<LanguageRoutes>,
    static_files: Arc<StaticFiles>,
    link_style: LinkStyle,
}

#[derive(Debug)]
struct LanguageRoutes {
    code: String,
    prefix: String,
    feed: SitePath,
    search_page: SitePath,
}

impl Routes {
    /// Decides every URL, for a site on a web server, and checks that each output file has one owner.
    pub fn plan(config: &SiteConfig, content: &Content, search: &SearchSettings) -> Result<Routes> {
        Routes::plan_for(config, content, search, LinkStyle::Folders)
    }

    /// Decides every URL with links to pages written in `link_style` (`Files` for a copy opened
    /// from disk, which also gets a start page, `README.txt`).
    pub fn plan_for(
        config: &SiteConfig,
        content: &Content,
        search: &SearchSettings,
        link_style: LinkStyle,
    ) -> Result<Routes> {
        let documents = documents::document_paths(content, config);
        let languages = config
            .languages
            .iter()
            .map(|language| {
                Ok(LanguageRoutes {
                    code: language.code.clone(),
                    prefix: language.prefix.clone(),
                    feed: site_file(&format!("{}/atom.xml", language.prefix))?,
                    search_page: SitePath::page([
                        language.prefix.as_str(),
                        search.page_slug(&language.code),
                    ]),
                })
            })
            .collect::<Result<_>>()?;
        let static_files = StaticFiles::collect(
            &config.theme_dir().join("static"),
            &config.root.join("static"),
            &config.root,
        )?;
        let print_views = documents::print_view_paths(content, config, &documents);
        let routes = Routes {
            assets: AssetRoutes::place(content, &documents),
            print_views,
            citations: citations::place(content, &documents),
            documents,
            taxonomies: TaxonomyRoutes::plan(config, content),
            languages,
            static_files: Arc::new(static_files),
            link_style,
        };
        routes.check_unique(config, content)?;
        Ok(routes)
    }

    pub fn link_style(&self) -> LinkStyle {
        self.link_style
    }

    /// The link from the page or file at `from` to `to`.
    pub fn link(&self, from: &SitePath, to: &SitePath) -> String {
        to.link_from(from, self.link_style)
    }

    /// Claims every URL in a fixed order, so that the first claimant of a clash is always the same.
    fn check_unique(&self, config: &SiteConfig, content: &Content) -> Result<()> {
        let mut claims = Claims::default();
        for (document, path) in content.documents.iter().zip(&self.documents) {
            claims.claim(path, Owner::Document(document.source_path.clone()));
        }
        for (doc, path) in self.print_views.iter().enumerate() {
            if let Some(path) = path {
                let what = format!(
                    "the print view of {}",
                    content.documents[doc].source_path.display()
                );
                claims.claim(path, Owner::Generated(what));
            }
        }
        for (doc, document) in content.documents.iter().enumerate() {
            for (path, format) in self
                .citations
                .get(&doc)
                .iter()
                .flat_map(|files| files.all())
            {
                let what = format!(
                    "the {format} citation of {}",
                    document.source_path.display()
                );
                claims.claim(path, Owner::Generated(what));
            }
        }
        for language in &config.languages {
            for taxonomy in &config.taxonomies {
                let taxonomy_page = format!("the taxonomy `{}`", taxonomy.name);
                if let Some(path) = self.taxonomy_list(&taxonomy.name, &language.code) {
                    claims.claim(path, Owner::Generated(taxonomy_page.clone()));
                }
                for term in taxonomy.terms.keys() {
                    if let Some(path) = self.term(&taxonomy.name, term, &language.code) {
                        let what = format!("the page of the term `{term}` of {taxonomy_page}");
                        claims.claim(path, Owner::Generated(what));
                    }
                }
            }
        }
        for language in &self.languages {
            let what = format!("the search page of `{}` (search.toml)", language.code);
            claims.claim(&language.search_page, Owner::Generated(what));
            let what = format!("the Atom feed of `{}`", language.code);
            claims.claim(&language.feed, Owner::Generated(what));
        }
        let fixed = [
            (Routes::language_chooser(), "the language chooser"),
            (Routes::not_found(), "the 404 page"),
            (Routes::sitemap(), "the sitemap"),
            (Routes::robots(), "robots.txt"),
        ];
        for (path, what) in fixed {
            claims.claim(&path, Owner::Generated(what.to_owned()));
        }
        if let Some(readme) = self.offline_readme() {
            claims.claim(
                &readme,
                Owner::Generated("the start page of the offline copy".into()),
            );
        }
        // Files read from the site are named as editors see them, relative to the site's root.
        let shown = |path: &Path| {
            path.strip_prefix(&config.root)
                .unwrap_or(path)
                .to_path_buf()
        };
        for file in self.static_files.files() {
            let origin = file.origin().map(|path| shown(path));
            claims.claim(&file.target, Owner::StaticFile(origin));
        }
        for copy in &self.assets.copies {
            claims.claim(&copy.target, Owner::Asset(shown(&copy.source)));
        }
        claims.finish()
    }

    /// The page of a document.
    pub fn document(&self, doc: DocId) -> &SitePath {
        &self.documents[doc]
    }

    /// The print view of a publication (`/nl/publicaties/jaarplan-2025/afdrukken/`): its landing
    /// text and every chapter on one page; `None` for documents that are not publications.
    pub fn print_view(&self, doc: DocId) -> Option<&SitePath> {
        self.print_views.get(doc).and_then(Option::as_ref)
    }

    /// The citation files of a publication's landing page; other documents have none.
    pub fn citation_files(&self, doc: DocId) -> Option<&CitationFiles> {
        self.citations.get(&doc)
    }

    /// Every copy of a file beside a page.
    pub fn asset_copies(&self) -> &[AssetCopy] {
        &self.assets.copies
    }

    /// Where the file at `relative` (below `content/`) is copied for `lang`, or for another language
    /// when its owner has no `lang` version.
    pub fn asset(&self, relative: &str, lang: &str) -> Option<&SitePath> {
        self.assets.target(relative, lang)
    }

    /// The list page of a taxonomy (`/nl/programma/`).
    pub fn taxonomy_list(&self, taxonomy: &str, lang: &str) -> Option<&SitePath> {
        self.taxonomies.list(taxonomy, lang)
    }

    /// The page of a term that some document carries (`/nl/programma/klimaat/`).
    pub fn term(&self, taxonomy: &str, term: &str, lang: &str) -> Option<&SitePath> {
        self.taxonomies.term(taxonomy, term, lang)
    }

    /// The Atom feed of a language (`/nl/atom.xml`).
    pub fn feed(&self, lang: &str) -> Option<&SitePath> {
        self.language(lang).map(|language| &language.feed)
    }

    /// The search page of a language (`/nl/zoeken/`).
    pub fn search_page(&self, lang: &str) -> Option<&SitePath> {
        self.language(lang).map(|language| &language.search_page)
    }

    /// The search page of every language, in configured order.
    pub fn search_pages(&self) -> Vec<(String, SitePath)> {
        self.languages
            .iter()
            .map(|language| (language.code.clone(), language.search_page.clone()))
            .collect()
    }

    /// The folder of a language's search index files (`nl/search`), without the trailing `/`.
    pub fn search_folder(&self, lang: &str) -> Option<String> {
        let language = self.language(lang)?;
        Some(Routes::search_folder_below(&language.prefix))
    }

    /// The folder of the search files below a language prefix, for readers of a built site that
    /// know the prefix but plan no routes (`kennis search`).
    pub fn search_folder_below(prefix: &str) -> String {
        format!("{prefix}/{SEARCH_DIR}")
    }

    /// The stable start file of a language's index (`nl/search/start.bin`, or `start.js` in a copy
    /// for reading from disk).
    pub fn search_start(&self, lang: &str) -> Result<SitePath> {
        let folder = self.search_folder(lang).unwrap_or_default();
        let name = match self.link_style {
            LinkStyle::Folders => kennis_search::START_FILE,
            LinkStyle::Files => kennis_search::START_SCRIPT,
        };
        site_file(&format!("{folder}/{name}"))
    }

    /// The theme's and the site's static files with their published names.
    pub fn static_files(&self) -> &Arc<StaticFiles> {
        &self.static_files
    }

    /// `/index.html`, which sends readers to their language.
    pub fn language_chooser() -> SitePath {
        SitePath::root()
    }

    /// `/404.html`, served by hosts at any missing URL.
    pub fn not_found() -> SitePath {
        fixed_file("404.html")
    }

    /// The text file that tells a reader of a copy on disk to open `index.html`; only such copies
    /// have one.
    pub fn offline_readme(&self) -> Option<SitePath> {
        (self.link_style == LinkStyle::Files).then(|| fixed_file("README.txt"))
    }

    pub fn sitemap() -> SitePath {
        fixed_file("sitemap.xml")
    }

    pub fn robots() -> SitePath {
        fixed_file("robots.txt")
    }

    fn language(&self, lang: &str) -> Option<&LanguageRoutes> {
        self.languages.iter().find(|language| language.code == lang)
    }
}

/// A file at a name this module spells out, which is always a safe path.
fn fixed_file(name: &str) -> SitePath {
    SitePath::file(name).unwrap_or_else(SitePath::root)
}

/// A file below a language prefix from `site.toml`.
fn site_file(path: &str) -> Result<SitePath> {
    SitePath::file(path)
        .ok_or_else(|| Error::usage(format!("`{path}` is not a usable output path"), None))
}

#[cfg(test)]
mod tests;
