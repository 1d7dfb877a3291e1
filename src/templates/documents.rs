//! The page of a document: its body, what a section lists, breadcrumbs, the neighbouring pages, its
//! metadata, on a publication's landing page how to cite it, and on a chapter its place in the
//! publication.

use serde::Serialize;

use super::citation::CiteBlock;
use super::context::{Common, Contexts, DocumentContext, Linker, ListItem};
use super::metadata::PageMetadata;
use crate::content::{DocId, Kind};
use crate::error::{Result, SourceError};
use crate::site::{OutputFile, PageRecord};
use crate::theme::Theme;

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
    /// The publication's print view, on its landing page.
    #[serde(skip_serializing_if = "Option::is_none")]
    print_view: Option<String>,
    /// The "Cite this publication" block of a publication's landing page.
    #[serde(skip_serializing_if = "Option::is_none")]
    cite: Option<CiteBlock>,
    /// On a chapter: the publication it belongs to and its place there.
    #[serde(skip_serializing_if = "Option::is_none")]
    publication: Option<ChapterPlace>,
}

/// Where a chapter stands in its publication ("chapter 3 of 16").
#[derive(Serialize)]
struct ChapterPlace {
    title: String,
    url: String,
    /// From 1; absent when the publication lists the chapter only in another language.
    position: Option<usize>,
    count: usize,
    chapters: Vec<ListItem>,
}

pub fn render(
    contexts: &Contexts<'_>,
    theme: &Theme,
    doc: DocId,
) -> Result<(OutputFile, PageRecord)> {
    let content = contexts.content;
    let document = &content.documents[doc];
    let path = contexts.routes.document(doc);
    let linker = contexts.linker(path);
    let (subsections, pages) = match document.kind {
        Kind::Section => listing(contexts, doc, &linker),
        Kind::Page => (Vec::new(), Vec::new()),
    };
    let (previous, next) = content.neighbours(doc);
    let alternates = contexts.document_alternates(doc);
    let record = PageRecord {
        path: path.clone(),
        alternates: alternates.clone(),
        updated: document.front().updated.or(document.front().date),
    };
    let context = DocumentPage {
        common: contexts.common(
            &document.lang,
            &linker,
            path,
            alternates,
            contexts.document_translations(doc, &linker),
            PageMetadata::document(contexts, doc),
        ),
        page: contexts.document(doc, &linker),
        subsections,
        pages,
        breadcrumbs: contexts.breadcrumbs(doc, &linker),
        cite: CiteBlock::of(contexts, doc, &linker),
        previous: previous.map(|d| contexts.list_item(d, &document.lang, &linker)),
        next: next.map(|d| contexts.list_item(d, &document.lang, &linker)),
        print_view: contexts.routes.print_view(doc).map(|view| linker.url(view)),
        publication: chapter_place(contexts, doc, &linker),
    };
    if let (Some(template), Some(at)) = (&document.front().template, &document.front().template_at)
        && !theme.has_template(template)
    {
        let (message, help) = theme.unknown_template(template);
        let error = SourceError::at(&document.source_path, &document.text, at.clone(), message);
        return Err(error.with_help(help).into());
    }
    let template = match (&document.front().template, document.kind) {
        (Some(template), _) => template.as_str(),
        (None, Kind::Section) if document.dir.is_empty() => "index.html",
        (None, Kind::Section) => "section.html",
        (None, Kind::Page) => "page.html",
    };
    let html = theme.render(template, &context, Some(&document.source_path))?;
    Ok((
        OutputFile::generated(path.clone(), html.into_bytes()),
        record,
    ))
}

/// The sub-sections and pages a section lists.
fn listing(
    contexts: &Contexts<'_>,
    section: DocId,
    linker: &Linker<'_>,
) -> (Vec<ListItem>, Vec<ListItem>) {
    let content = contexts.content;
    let document = &content.documents[section];
    let (sections, pages) = content.children(section);
    let item = |child: DocId| contexts.list_item(child, &document.lang, linker);
    let sections = sections
        .into_iter()
        .map(|child| {
            let mut listed = item(child);
            if document.dir.is_empty() {
                // The home page shows what its sections hold (the publications in "Publications").
                listed.sections = content.children(child).0.into_iter().map(item).collect();
            }
            listed
        })
        .collect();
    let pages = pages
        .into_iter()
        .map(|page| ListItem {
            reading_minutes: Some(contexts.reading_minutes(page)),
            ..item(page)
        })
        .collect();
    (sections, pages)
}

/// The publication of the chapter `doc` with all its chapters, `doc` marked as the current one.
fn chapter_place(contexts: &Contexts<'_>, doc: DocId, linker: &Linker<'_>) -> Option<ChapterPlace> {
    let publication = contexts.chapter_of(doc)?;
    let lang = &contexts.content.documents[doc].lang;
    let (_, pages) = contexts.content.children(publication);
    let position = pages.iter().position(|&page| page == doc);
    let chapters = pages
        .iter()
        .map(|&page| ListItem {
            current: page == doc,
            ..contexts.list_item(page, lang, linker)
        })
        .collect();
    Some(ChapterPlace {
        title: contexts.content.documents[publication]
            .front()
            .title
            .clone(),
        url: linker.url(contexts.routes.document(publication)),
        position: position.map(|index| index + 1),
        count: pages.len(),
        chapters,
    })
}
