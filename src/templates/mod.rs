//! Stage 6: templates. Renders every page of the site with the theme: documents, taxonomy lists and
//! terms, the search page of every language, the language chooser at the root and the 404 page, each
//! with its metadata (Open Graph, schema.org JSON-LD, citation tags); the citation files of every
//! publication; and the site-wide files (sitemap, Atom feeds, robots.txt), each at the URL the routes
//! gave it, and collects the static files and the files beside pages. It reads the configuration,
//! the content, the routes, the rendered Markdown and the browser search, hands each output file to
//! a [`FileSink`] as soon as it is rendered (keeping only its record) and returns the page records;
//! it writes nothing itself, knows nothing of the output stage and computes no URL.

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

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::content::{Content, DocId};
use crate::error::Result;
use crate::markdown::Rendered;
use crate::routes::Routes;
use crate::search::BrowserSearch;
use crate::site::{FileRecord, FileSink, OutputFile, PageRecord, Source};
use crate::theme::{Theme, i18n};

use crate::content::reads::{self, Read};
use context::Contexts;
pub use taxonomy_index::TaxonomyIndex;

/// Everything the templates produced, but the files' bytes, which went to the sink.
pub struct RenderedSite {
    /// Every file of the site, in a fixed order.
    pub files: Vec<FileRecord>,
    pub pages: Vec<PageRecord>,
    /// What each part of the site produced and read, for rendering parts again.
    pub parts: Vec<PartRecord>,
    /// The taxonomies' listings the parts were rendered with, for rendering parts again while no
    /// front matter changes.
    pub taxonomies: TaxonomyIndex,
}

/// A part of the site that renders on its own: a rebuild renders again only the parts that read
/// what changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Document(DocId),
    /// The taxonomy page at this position of [`taxonomy_pages::jobs`].
    TaxonomyPage(usize),
    SearchPages,
    PrintView(DocId),
    LanguageChooser,
    NotFound,
    Citations,
}

/// One part as rendered.
#[derive(Debug, Clone)]
pub struct RenderedPart {
    pub part: Part,
    pub files: Vec<FileRecord>,
    pub pages: Vec<PageRecord>,
    /// What the part read of the content: front matter, bodies, taxonomy listings.
    pub reads: Vec<Read>,
}

/// A part without its files: what a rebuild compares against.
#[derive(Debug, Clone)]
pub struct PartRecord {
    pub part: Part,
    pub pages: Vec<PageRecord>,
    /// In order, each once (as [`reads::noting`] gives them), so a rebuild can look reads up.
    pub reads: Vec<Read>,
}

impl PartRecord {
    /// Whether the part read any of `changed`.
    pub fn read_any(&self, changed: &BTreeSet<Read>) -> bool {
        changed
            .iter()
            .any(|read| self.reads.binary_search(read).is_ok())
    }
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

/// Every part of the site, in the order of its files.
fn all_parts(inputs: &SiteInputs<'_>, taxonomy_pages: usize) -> Vec<Part> {
    let documents = 0..inputs.content.documents.len();
    documents
        .clone()
        .map(Part::Document)
        .chain((0..taxonomy_pages).map(Part::TaxonomyPage))
        .chain([Part::SearchPages])
        .chain(documents.map(Part::PrintView))
        .chain([Part::LanguageChooser, Part::NotFound, Part::Citations])
        .collect()
}

/// Renders every page and hands every file of the site to `sink`.
pub fn render_site(inputs: &SiteInputs<'_>, sink: &dyn FileSink) -> Result<RenderedSite> {
    let taxonomies = TaxonomyIndex::build(inputs.config, inputs.content);
    let jobs = taxonomy_pages::jobs(inputs.config, &taxonomies);
    let parts = render_parts(inputs, &taxonomies, &all_parts(inputs, jobs.len()), sink)?;
    let mut files = Vec::new();
    let mut pages = Vec::new();
    let mut records = Vec::new();
    let mut citations = Vec::new();
    for rendered in parts {
        if rendered.part == Part::Citations {
            citations = rendered.files;
        } else {
            files.extend(rendered.files);
        }
        pages.extend(rendered.pages.iter().cloned());
        records.push(PartRecord {
            part: rendered.part,
            pages: rendered.pages,
            reads: rendered.reads,
        });
    }
    let site_files = render_site_files(inputs, &pages, sink)?;
    let routes = inputs.routes;
    let static_files = routes.static_files().files().map(|file| OutputFile {
        path: file.target.clone(),
        source: file.source.clone(),
    });
    let asset_copies = routes.asset_copies().iter().map(|copy| OutputFile {
        path: copy.target.clone(),
        source: Source::File(copy.source.clone()),
    });
    files.extend(site_files);
    files.extend(citations);
    files.extend(hand_all(static_files.chain(asset_copies).collect(), sink)?);
    Ok(RenderedSite {
        files,
        pages,
        parts: records,
        taxonomies,
    })
}

/// Renders the files made from every page's record (the sitemap, the feeds, `robots.txt`) and hands
/// them to `sink`.
pub fn render_site_files(
    inputs: &SiteInputs<'_>,
    pages: &[PageRecord],
    sink: &dyn FileSink,
) -> Result<Vec<FileRecord>> {
    let files = site_files::render(
        inputs.config,
        inputs.content,
        inputs.routes,
        inputs.theme,
        pages,
    )?;
    hand_all(files, sink)
}

/// Hands `files` to `sink` side by side; the first error in their order.
fn hand_all(files: Vec<OutputFile>, sink: &dyn FileSink) -> Result<Vec<FileRecord>> {
    let handed: Vec<Result<FileRecord>> = files
        .into_par_iter()
        .map(|file| file.hand_to(sink))
        .collect();
    handed.into_iter().collect()
}

/// Renders `parts` side by side, handing each file to `sink` as soon as it is rendered; the first
/// error in the order of `parts`, so that a broken template is reported the same every run.
pub fn render_parts(
    inputs: &SiteInputs<'_>,
    taxonomies: &TaxonomyIndex,
    parts: &[Part],
    sink: &dyn FileSink,
) -> Result<Vec<RenderedPart>> {
    let theme = inputs.theme;
    let jobs = taxonomy_pages::jobs(inputs.config, taxonomies);
    let footer = footer::FooterLinks::resolve(inputs.config, inputs.content)?;
    let contexts = Contexts::new(inputs, taxonomies, &footer);
    parts
        .par_iter()
        .map(|&part| {
            let (rendered, reads) = reads::noting(|| render_part(&contexts, theme, &jobs, part));
            let (files, pages) = rendered?;
            let files = files
                .into_iter()
                .map(|file| file.hand_to(sink))
                .collect::<Result<_>>()?;
            Ok(RenderedPart {
                part,
                files,
                pages,
                reads,
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

type PartOutput = (Vec<OutputFile>, Vec<PageRecord>);

fn render_part(
    contexts: &Contexts<'_>,
    theme: &Theme,
    jobs: &[taxonomy_pages::TaxonomyJob],
    part: Part,
) -> Result<PartOutput> {
    let page = |(file, record): (OutputFile, PageRecord)| (vec![file], vec![record]);
    Ok(match part {
        Part::Document(doc) => page(documents::render(contexts, theme, doc)?),
        Part::TaxonomyPage(job) => match jobs.get(job) {
            Some(job) => page(taxonomy_pages::render(contexts, theme, job)?),
            None => (Vec::new(), Vec::new()),
        },
        Part::SearchPages => site_pages::search_pages(contexts, theme)?
            .into_iter()
            .unzip(),
        Part::PrintView(doc) => (
            print_view::render(contexts, theme, doc)?
                .into_iter()
                .collect(),
            Vec::new(),
        ),
        Part::LanguageChooser => (
            vec![site_pages::language_chooser(contexts, theme)?],
            Vec::new(),
        ),
        Part::NotFound => (vec![site_pages::not_found(contexts, theme)?], Vec::new()),
        Part::Citations => (citation::files(contexts), Vec::new()),
    })
}
