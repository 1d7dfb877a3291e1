//! Stage 4: templates. Loads the theme (Tera templates, site-level overrides by name, UI strings,
//! static files) and renders every page of the site: documents, taxonomy lists and terms, the language
//! chooser at the root and the 404 page. It reads the configuration, the content and the rendered
//! Markdown, and hands a list of output files to the output stage; it writes nothing itself.

mod context;
mod dates;
pub mod i18n;
mod search_box;
pub mod static_files;
mod taxonomy_index;
mod theme;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::SiteConfig;
use crate::content::{Content, Date, DocId, Kind};
use crate::error::Result;
use crate::markdown::Rendered;
use crate::output::{OutputFile, Source};
use crate::search::BrowserSearch;
use crate::site_path::SitePath;

pub use context::{Alternate, feed_path};
use context::{Common, Contexts, DocumentContext, Linker, ListItem, TermLink};
pub use dates::long_date;
use search_box::SearchBox;
use taxonomy_index::TaxonomyIndex;
pub use theme::Theme;

/// An HTML page of the site, for the sitemap.
#[derive(Debug, Clone)]
pub struct PageRecord {
    pub path: SitePath,
    pub alternates: Vec<Alternate>,
    pub updated: Option<Date>,
}

/// Everything the templates produced.
pub struct RenderedSite {
    pub files: Vec<OutputFile>,
    pub pages: Vec<PageRecord>,
}

#[derive(Serialize)]
struct DocumentPage<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    page: DocumentContext<'a>,
    subsections: Vec<ListItem>,
    pages: Vec<ListItem>,
    breadcrumbs: Vec<ListItem>,
    previous: Option<ListItem>,
    next: Option<ListItem>,
}

#[derive(Serialize)]
struct TaxonomyPage<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    taxonomy: TaxonomySummary,
}

#[derive(Serialize)]
struct TermPage<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    taxonomy: TaxonomySummary,
    term: TermLink,
    items: Vec<ListItem>,
}

#[derive(Serialize)]
struct TaxonomySummary {
    name: String,
    title: String,
    url: String,
    terms: Vec<TermLink>,
}

/// Renders every page. `search` says where the browser search finds its engine and indexes; without it
/// pages get no search box.
pub fn render_site(
    config: &SiteConfig,
    content: &Content,
    rendered: &[Rendered],
    theme: &Theme,
    search: Option<&BrowserSearch>,
) -> Result<RenderedSite> {
    let taxonomies = TaxonomyIndex::build(config, content);
    let contexts = Contexts {
        config,
        content,
        rendered,
        translations: theme.translations(),
        taxonomies: &taxonomies,
        search: search.and_then(|browser| {
            SearchBox::new(browser, theme.static_files(), theme.translations())
        }),
    };
    let documents: Vec<(OutputFile, PageRecord)> = (0..content.documents.len())
        .into_par_iter()
        .map(|doc| render_document(&contexts, theme, doc))
        .collect::<Result<_>>()?;
    let taxonomy_pages = taxonomy_jobs(config, &taxonomies)
        .into_par_iter()
        .map(|job| render_taxonomy_job(&contexts, theme, &job))
        .collect::<Result<Vec<_>>>()?;

    let mut files = Vec::new();
    let mut pages = Vec::new();
    for (file, record) in documents.into_iter().chain(taxonomy_pages) {
        files.push(file);
        pages.push(record);
    }
    for (file, record) in search_pages(&contexts, theme)? {
        files.push(file);
        pages.push(record);
    }
    files.push(theme.render_language_chooser(&contexts)?);
    files.push(theme.render_not_found(&contexts)?);
    files.extend(theme.static_files().files().map(|file| OutputFile {
        path: file.target.clone(),
        source: file.source.clone(),
    }));
    files.extend(content.assets.iter().map(|asset| OutputFile {
        path: asset.target.clone(),
        source: Source::File(asset.source.clone()),
    }));
    Ok(RenderedSite { files, pages })
}

fn render_document(
    contexts: &Contexts<'_>,
    theme: &Theme,
    doc: DocId,
) -> Result<(OutputFile, PageRecord)> {
    let content = contexts.content;
    let document = &content.documents[doc];
    let linker = Linker::RelativeTo(document.site_path.clone());
    let (subsections, pages) = match document.kind {
        Kind::Section => {
            let (sections, pages) = content.children(doc);
            let item = |child: DocId| contexts.list_item(child, &document.lang, &linker);
            let sections = sections
                .into_iter()
                .map(|section| {
                    let mut listed = item(section);
                    if document.dir.is_empty() {
                        // The home page shows what its sections hold (the publications in "Publications").
                        listed.sections =
                            content.children(section).0.into_iter().map(item).collect();
                    }
                    listed
                })
                .collect();
            (sections, pages.into_iter().map(item).collect())
        }
        Kind::Page => (Vec::new(), Vec::new()),
    };
    let (previous, next) = content.neighbours(doc);
    let alternates = contexts.document_alternates(doc);
    let record = PageRecord {
        path: document.site_path.clone(),
        alternates: alternates.clone(),
        updated: document.front.updated.or(document.front.date),
    };
    let context = DocumentPage {
        common: contexts.common(
            &document.lang,
            &linker,
            &document.site_path,
            alternates,
            contexts.document_translations(doc, &linker),
        ),
        page: contexts.document(doc, &linker),
        subsections,
        pages,
        breadcrumbs: contexts.breadcrumbs(doc, &linker),
        previous: previous.map(|d| contexts.list_item(d, &document.lang, &linker)),
        next: next.map(|d| contexts.list_item(d, &document.lang, &linker)),
    };
    let template = match (&document.front.template, document.kind) {
        (Some(template), _) => template.as_str(),
        (None, Kind::Section) if document.dir.is_empty() => "index.html",
        (None, Kind::Section) => "section.html",
        (None, Kind::Page) => "page.html",
    };
    let html = theme.render(template, &context, Some(&document.source_path))?;
    let file = OutputFile {
        path: document.site_path.clone(),
        source: Source::Bytes(html.into_bytes()),
    };
    Ok((file, record))
}

/// The search page of every language, when the theme has a `search.html` template.
fn search_pages(contexts: &Contexts<'_>, theme: &Theme) -> Result<Vec<(OutputFile, PageRecord)>> {
    let Some(search) = contexts
        .search
        .as_ref()
        .filter(|_| theme.has_template(SEARCH_TEMPLATE))
    else {
        return Ok(Vec::new());
    };
    let versions: Vec<(String, &SitePath)> = contexts
        .config
        .languages
        .iter()
        .filter_map(|language| Some((language.code.clone(), search.page(&language.code)?)))
        .collect();
    let alternates = contexts.alternates(&versions);
    let mut pages = Vec::new();
    for (lang, path) in &versions {
        let linker = Linker::RelativeTo((*path).clone());
        let translations = contexts.every_version(&versions, lang, &linker);
        let common = contexts.common(lang, &linker, path, alternates.clone(), translations);
        #[derive(Serialize)]
        struct SearchPage<'a> {
            #[serde(flatten)]
            common: Common<'a>,
        }
        let html = theme.render(SEARCH_TEMPLATE, &SearchPage { common }, None)?;
        let record = PageRecord {
            path: (*path).clone(),
            alternates: alternates.clone(),
            updated: None,
        };
        pages.push((
            OutputFile {
                path: (*path).clone(),
                source: Source::Bytes(html.into_bytes()),
            },
            record,
        ));
    }
    Ok(pages)
}

const SEARCH_TEMPLATE: &str = "search.html";

/// A taxonomy list page (`term` is `None`) or a term page, in one language.
struct TaxonomyJob {
    taxonomy: String,
    term: Option<String>,
    lang: String,
}

fn taxonomy_jobs(config: &SiteConfig, index: &TaxonomyIndex) -> Vec<TaxonomyJob> {
    let mut jobs = Vec::new();
    for taxonomy in config
        .taxonomies
        .iter()
        .filter(|t| index.has_terms(&t.name))
    {
        for language in &config.languages {
            let job = |term: Option<&String>| TaxonomyJob {
                taxonomy: taxonomy.name.clone(),
                term: term.cloned(),
                lang: language.code.clone(),
            };
            jobs.push(job(None));
            jobs.extend(
                index
                    .used_terms(&taxonomy.name)
                    .iter()
                    .map(|term| job(Some(term))),
            );
        }
    }
    jobs
}

fn render_taxonomy_job(
    contexts: &Contexts<'_>,
    theme: &Theme,
    job: &TaxonomyJob,
) -> Result<(OutputFile, PageRecord)> {
    let config = contexts.config;
    let index = contexts.taxonomies;
    let path_in = |lang: &str| {
        let path = match &job.term {
            Some(term) => index.term_path(&job.taxonomy, term, lang),
            None => index.list_path(&job.taxonomy, lang),
        };
        path.cloned().unwrap_or_else(SitePath::root)
    };
    let path = path_in(&job.lang);
    let versions: Vec<(String, SitePath)> = config
        .languages
        .iter()
        .map(|language| (language.code.clone(), path_in(&language.code)))
        .collect();
    let linker = Linker::RelativeTo(path.clone());
    let version_refs: Vec<(String, &SitePath)> = versions
        .iter()
        .map(|(lang, path)| (lang.clone(), path))
        .collect();
    let alternates = contexts.alternates(&version_refs);
    let translations = contexts.every_version(&version_refs, &job.lang, &linker);
    let common = contexts.common(&job.lang, &linker, &path, alternates.clone(), translations);
    let summary = taxonomy_summary(contexts, &job.taxonomy, &job.lang, &linker);
    let html = match &job.term {
        None => theme.render(
            "taxonomy_list.html",
            &TaxonomyPage {
                common,
                taxonomy: summary,
            },
            None,
        )?,
        Some(term) => {
            let term_link = summary
                .terms
                .iter()
                .find(|link| &link.id == term)
                .map(|link| TermLink {
                    id: link.id.clone(),
                    label: link.label.clone(),
                    url: link.url.clone(),
                    count: link.count,
                })
                .unwrap_or(TermLink {
                    id: term.clone(),
                    label: term.clone(),
                    url: String::new(),
                    count: 0,
                });
            let items = index
                .items(&job.taxonomy, term, &job.lang)
                .iter()
                .map(|&doc| contexts.list_item(doc, &job.lang, &linker))
                .collect();
            let page = TermPage {
                common,
                taxonomy: summary,
                term: term_link,
                items,
            };
            theme.render("taxonomy_term.html", &page, None)?
        }
    };
    let record = PageRecord {
        path: path.clone(),
        alternates,
        updated: None,
    };
    Ok((
        OutputFile {
            path,
            source: Source::Bytes(html.into_bytes()),
        },
        record,
    ))
}

fn taxonomy_summary(
    contexts: &Contexts<'_>,
    name: &str,
    lang: &str,
    linker: &Linker<'_>,
) -> TaxonomySummary {
    let config = contexts.config;
    let index = contexts.taxonomies;
    let taxonomy = config.taxonomy(name);
    let terms = index
        .used_terms(name)
        .iter()
        .filter_map(|id| {
            let term = taxonomy?.terms.get(id)?;
            Some(TermLink {
                id: term.id.clone(),
                label: term.labels[lang].clone(),
                url: linker.url(index.term_path(name, id, lang)?),
                count: index.items(name, id, lang).len(),
            })
        })
        .collect();
    TaxonomySummary {
        name: name.to_owned(),
        title: taxonomy.map_or_else(|| name.to_owned(), |t| t.title[lang].clone()),
        url: index
            .list_path(name, lang)
            .map(|path| linker.url(path))
            .unwrap_or_default(),
        terms,
    }
}
