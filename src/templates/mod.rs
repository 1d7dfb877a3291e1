//! Stage 6: templates. Renders every page of the site with the theme: documents, taxonomy lists and
//! terms, the search page of every language, the language chooser at the root and the 404 page, each
//! with its metadata (Open Graph, schema.org JSON-LD, citation tags); the citation files of every
//! publication; and the site-wide files (sitemap, Atom feeds, robots.txt), each at the URL the routes
//! gave it, and collects the static files and the files beside pages. It reads the configuration,
//! the content, the routes, the rendered Markdown and the browser search, and hands output files and
//! page records to the output stage; it writes nothing itself and computes no URL.

mod blocks;
mod citation;
mod context;
mod dates;
mod documents;
mod footer;
mod metadata;
mod print_view;
mod search_box;
mod site_files;
mod site_pages;
mod taxonomy_index;
mod taxonomy_pages;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::content::Content;
use crate::error::Result;
use crate::markdown::Rendered;
use crate::routes::Routes;
use crate::search::BrowserSearch;
use crate::site::{OutputFile, PageRecord, Source};
use crate::theme::{Theme, i18n};

use context::Contexts;
use search_box::SearchBox;
use taxonomy_index::TaxonomyIndex;

/// Everything the templates produced.
pub struct RenderedSite {
    pub files: Vec<OutputFile>,
    pub pages: Vec<PageRecord>,
}

/// What the stage reads.
pub struct SiteInputs<'a> {
    pub config: &'a SiteConfig,
    pub content: &'a Content,
    pub routes: &'a Routes,
    pub rendered: &'a [Rendered],
    pub theme: &'a Theme,
    /// Where the browser search finds its engine and indexes; without it pages get no search box.
    pub search: Option<&'a BrowserSearch>,
}

/// Renders every page.
pub fn render_site(inputs: &SiteInputs<'_>) -> Result<RenderedSite> {
    let SiteInputs {
        config,
        content,
        routes,
        rendered,
        theme,
        search,
    } = *inputs;
    let taxonomies = TaxonomyIndex::build(config, content);
    let footer = footer::FooterLinks::resolve(config, content)?;
    let contexts = Contexts {
        config,
        content,
        rendered,
        routes,
        translations: theme.translations(),
        taxonomies: &taxonomies,
        footer: &footer,
        search: search.map(|browser| SearchBox::new(browser, theme.translations())),
    };
    let documents: Vec<(OutputFile, PageRecord)> = (0..content.documents.len())
        .into_par_iter()
        .map(|doc| documents::render(&contexts, theme, doc))
        .collect::<Vec<_>>()
        .into_iter()
        // The first error in page order, so that a broken template is reported the same every run.
        .collect::<Result<_>>()?;
    let taxonomy_pages = taxonomy_pages::jobs(config, &taxonomies)
        .into_par_iter()
        .map(|job| taxonomy_pages::render(&contexts, theme, &job))
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<Result<Vec<_>>>()?;

    let mut files = Vec::new();
    let mut pages = Vec::new();
    let search_pages = site_pages::search_pages(&contexts, theme)?;
    for (file, record) in documents
        .into_iter()
        .chain(taxonomy_pages)
        .chain(search_pages)
    {
        files.push(file);
        pages.push(record);
    }
    files.extend(print_view::render_all(&contexts, theme)?);
    files.push(site_pages::language_chooser(&contexts, theme)?);
    files.push(site_pages::not_found(&contexts, theme)?);
    files.extend(site_files::render(config, content, routes, theme, &pages)?);
    files.extend(citation::files(&contexts));
    files.extend(routes.static_files().files().map(|file| OutputFile {
        path: file.target.clone(),
        source: file.source.clone(),
    }));
    files.extend(routes.asset_copies().iter().map(|copy| OutputFile {
        path: copy.target.clone(),
        source: Source::File(copy.source.clone()),
    }));
    Ok(RenderedSite { files, pages })
}
