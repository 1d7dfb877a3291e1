//! The list page of every taxonomy with terms, and the page of every term some document carries, in
//! every language, its documents grouped by the publication they belong to.

use serde::Serialize;

use super::context::{Common, Contexts, Linker, ListItem, TermLink};
use super::metadata::{GeneratedPage, PageMetadata};
use super::taxonomy_index::TaxonomyIndex;
use crate::config::SiteConfig;
use crate::content::DocId;
use crate::error::Result;
use crate::site::{OutputFile, PageRecord, SitePath};
use crate::theme::Theme;

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
    /// `items` by publication, in the order of their first item; documents of no publication last.
    groups: Vec<TermGroup>,
    /// How many of `groups` are publications.
    publication_count: usize,
}

/// The documents of a term page that belong to one publication, or to none.
#[derive(Serialize)]
struct TermGroup {
    /// The publication; `None` for the documents outside every publication.
    publication: Option<ListItem>,
    /// The chapters carrying the term, without the publication itself.
    items: Vec<ListItem>,
}

#[derive(Serialize)]
struct TaxonomySummary {
    name: String,
    title: String,
    /// The title for one term ("Thema").
    singular: String,
    url: String,
    terms: Vec<TermLink>,
}

/// A taxonomy list page (`term` is `None`) or a term page, in one language.
pub struct TaxonomyJob {
    taxonomy: String,
    term: Option<String>,
    lang: String,
}

pub fn jobs(config: &SiteConfig, index: &TaxonomyIndex) -> Vec<TaxonomyJob> {
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

pub fn render(
    contexts: &Contexts<'_>,
    theme: &Theme,
    job: &TaxonomyJob,
) -> Result<(OutputFile, PageRecord)> {
    let routes = contexts.routes;
    let path_in = |lang: &str| {
        let path = match &job.term {
            Some(term) => routes.term(&job.taxonomy, term, lang),
            None => routes.taxonomy_list(&job.taxonomy, lang),
        };
        path.cloned().unwrap_or_else(SitePath::root)
    };
    let path = path_in(&job.lang);
    let versions: Vec<(String, SitePath)> = contexts
        .config
        .languages
        .iter()
        .map(|language| (language.code.clone(), path_in(&language.code)))
        .collect();
    let linker = contexts.linker(&path);
    let version_refs: Vec<(String, &SitePath)> = versions
        .iter()
        .map(|(lang, path)| (lang.clone(), path))
        .collect();
    let alternates = contexts.alternates(&version_refs);
    let translations = contexts.every_version(&version_refs, &job.lang, &linker);
    let metadata = PageMetadata::generated(
        contexts,
        &GeneratedPage {
            lang: &job.lang,
            path: &path,
            title: page_title(contexts, job),
            schema_type: "CollectionPage",
            languages: versions.iter().map(|(lang, _)| lang.as_str()).collect(),
        },
    );
    let common = contexts.common(
        &job.lang,
        &linker,
        &path,
        alternates.clone(),
        translations,
        metadata,
    );
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
            let page = term_page(contexts, job, term, common, summary, &linker);
            theme.render("taxonomy_term.html", &page, None)?
        }
    };
    let record = PageRecord {
        path: path.clone(),
        alternates,
        updated: None,
    };
    Ok((OutputFile::generated(path, html.into_bytes()), record))
}

/// `Gent · Steden` for a term, `Steden` for the list of a taxonomy.
fn page_title(contexts: &Contexts<'_>, job: &TaxonomyJob) -> String {
    let Some(taxonomy) = contexts.config.taxonomy(&job.taxonomy) else {
        return job.taxonomy.clone();
    };
    let title = taxonomy.title.get(&job.lang).cloned().unwrap_or_default();
    let label = job
        .term
        .as_ref()
        .and_then(|term| taxonomy.terms.get(term)?.labels.get(&job.lang));
    match label {
        Some(label) => format!("{label} · {title}"),
        None => title,
    }
}

fn term_page<'a>(
    contexts: &Contexts<'_>,
    job: &TaxonomyJob,
    term: &str,
    common: Common<'a>,
    summary: TaxonomySummary,
    linker: &Linker<'_>,
) -> TermPage<'a> {
    let term_link = summary
        .terms
        .iter()
        .find(|link| link.id == term)
        .map(|link| TermLink {
            id: link.id.clone(),
            label: link.label.clone(),
            url: link.url.clone(),
            count: link.count,
        })
        .unwrap_or(TermLink {
            id: term.to_owned(),
            label: term.to_owned(),
            url: String::new(),
            count: 0,
        });
    let docs = contexts.taxonomies.items(&job.taxonomy, term, &job.lang);
    let items = docs
        .iter()
        .map(|&doc| contexts.list_item(doc, &job.lang, linker))
        .collect();
    let groups = groups(contexts, docs, &job.lang, linker);
    TermPage {
        common,
        taxonomy: summary,
        term: term_link,
        items,
        publication_count: groups
            .iter()
            .filter(|group| group.publication.is_some())
            .count(),
        groups,
    }
}

/// `docs` by the publication each belongs to (a landing page to its own), so that a term page
/// says which report a "Foreword" is from.
fn groups(
    contexts: &Contexts<'_>,
    docs: &[DocId],
    lang: &str,
    linker: &Linker<'_>,
) -> Vec<TermGroup> {
    let mut keys: Vec<Option<DocId>> = Vec::new();
    let mut members: Vec<Vec<DocId>> = Vec::new();
    for &doc in docs {
        let publication = contexts
            .chapter_of(doc)
            .or_else(|| contexts.content.is_publication(doc).then_some(doc));
        let index = keys
            .iter()
            .position(|key| *key == publication)
            .unwrap_or_else(|| {
                keys.push(publication);
                members.push(Vec::new());
                keys.len() - 1
            });
        if publication != Some(doc) {
            members[index].push(doc);
        }
    }
    let mut groups: Vec<TermGroup> = keys
        .into_iter()
        .zip(members)
        .map(|(publication, members)| TermGroup {
            publication: publication.map(|doc| contexts.list_item(doc, lang, linker)),
            items: members
                .into_iter()
                .map(|doc| contexts.list_item(doc, lang, linker))
                .collect(),
        })
        .collect();
    groups.sort_by_key(|group| group.publication.is_none());
    groups
}

fn taxonomy_summary(
    contexts: &Contexts<'_>,
    name: &str,
    lang: &str,
    linker: &Linker<'_>,
) -> TaxonomySummary {
    let index = contexts.taxonomies;
    let routes = contexts.routes;
    let taxonomy = contexts.config.taxonomy(name);
    let terms = index
        .used_terms(name)
        .iter()
        .filter_map(|id| {
            let term = taxonomy?.terms.get(id)?;
            Some(TermLink {
                id: term.id.clone(),
                label: term.labels[lang].clone(),
                url: linker.url(routes.term(name, id, lang)?),
                count: index.count(name, id, lang),
            })
        })
        .collect();
    TaxonomySummary {
        name: name.to_owned(),
        title: taxonomy.map_or_else(|| name.to_owned(), |t| t.title[lang].clone()),
        singular: taxonomy.map_or_else(|| name.to_owned(), |t| t.singular[lang].clone()),
        url: routes
            .taxonomy_list(name, lang)
            .map(|path| linker.url(path))
            .unwrap_or_default(),
        terms,
    }
}
