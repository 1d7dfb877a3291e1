//! Stage 4: Markdown. Renders every document's body to HTML with pulldown-cmark: readable unique
//! heading ids and a table of contents, `@/` links resolved to the linking page's language at the URLs
//! the routes decided (a missing page or anchor stops the build), highlighted code, footnotes
//! collected at the end, and structured `:::` blocks; and, from the same event walk, the body's plain
//! text in sections, its word count and the web addresses it links to, so that no later stage reads the HTML back. Blocks are drawn by a [`BlockRenderer`] the
//! caller provides (the theme), so this stage does not know templates; it reads the loaded content and
//! the routes and changes neither.

mod blocks;
mod characters;
mod footnotes;
mod headings;
mod links;
mod plain_text;
mod raw_html;
mod urls;

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Alignment, CowStr, Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;

use crate::config::RawHtml;
use crate::content::{Content, DocId, Document};
use crate::error::{Error, Result, SourceError};
use crate::highlight;
use crate::html;
use crate::routes::Routes;

pub use blocks::{NOINDEX_ATTRIBUTE, NOINDEX_BLOCK};
pub use headings::{IdClash, TocEntry};
use links::{CrossPageAnchor, LinkResolver};
pub use plain_text::Section;

/// A document's rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Every id a link may point at: headings and footnotes.
    pub anchors: HashSet<String>,
    /// The body as plain text, cut at every heading.
    pub sections: Vec<Section>,
    pub word_count: usize,
    /// What the raw-HTML policy removed, each as `file:line: what`.
    pub warnings: Vec<String>,
    /// Every `http:` and `https:` link and image of the body, in order.
    pub external_links: Vec<ExternalLink>,
    /// Links to anchors on other pages, checked once every page is rendered.
    cross_page_anchors: Vec<CrossPageAnchor>,
}

/// A link to a web address, for `kennis check` to request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    /// As written, anchor included.
    pub url: String,
    /// The 1-based line of the source file it is on.
    pub line: usize,
}

/// What a structured block receives to draw itself.
pub struct BlockInput<'a> {
    pub name: &'a str,
    /// The opening line's title, rendered inline HTML.
    pub title: Option<&'a str>,
    /// The block's content, rendered HTML.
    pub body: &'a str,
    pub lang: &'a str,
}

/// Draws structured blocks; implemented by the theme.
pub trait BlockRenderer: Sync {
    /// The block names it can draw, for checking and for error messages.
    fn block_names(&self) -> Vec<String>;
    /// The ids the page around the body uses (`main`), which headings must not take.
    fn frame_ids(&self) -> Vec<String>;
    fn render_block(&self, block: &BlockInput<'_>) -> std::result::Result<String, String>;
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders all documents in parallel, raw HTML treated as `raw_html` says; the result is indexed
/// like `content.documents`.
pub fn render_all(
    content: &Content,
    routes: &Routes,
    renderer: &dyn BlockRenderer,
    raw_html: RawHtml,
) -> Result<Vec<Rendered>> {
    let all: Vec<DocId> = (0..content.documents.len()).collect();
    let rendered = render_documents(content, routes, renderer, raw_html, &all)?;
    check_cross_page_anchors(content, &|doc| &rendered[doc])?;
    Ok(rendered)
}

/// Renders `changed` again after their bodies changed (nothing else), and checks every link to an
/// anchor against the new bodies; `previous` is the rendering of the same content before. Returns
/// the new renderings in the order of `changed`, or the errors a whole build would report.
pub fn render_again(
    content: &Content,
    routes: &Routes,
    renderer: &dyn BlockRenderer,
    raw_html: RawHtml,
    previous: &[Rendered],
    changed: &[DocId],
) -> Result<Vec<Rendered>> {
    let rendered = render_documents(content, routes, renderer, raw_html, changed)?;
    let current = |doc: DocId| match changed.iter().position(|&changed| changed == doc) {
        Some(position) => &rendered[position],
        None => &previous[doc],
    };
    check_cross_page_anchors(content, &current)?;
    Ok(rendered)
}

fn render_documents(
    content: &Content,
    routes: &Routes,
    renderer: &dyn BlockRenderer,
    raw_html: RawHtml,
    docs: &[DocId],
) -> Result<Vec<Rendered>> {
    let block_names: HashSet<String> = renderer.block_names().into_iter().collect();
    let frame_ids: HashSet<String> = renderer.frame_ids().into_iter().collect();
    let known = Known {
        block_names: &block_names,
        frame_ids: &frame_ids,
        raw_html,
    };
    let results: Vec<Result<Rendered>> = docs
        .par_iter()
        .map(|&doc| render_document(content, routes, doc, renderer, known))
        .collect();
    let mut rendered = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(document) => rendered.push(document),
            Err(error) => errors.push(error),
        }
    }
    Error::collect(errors)?;
    Ok(rendered)
}

/// Every link to an anchor on another page must find a heading or footnote with that id there.
fn check_cross_page_anchors<'r>(
    content: &Content,
    rendered: &(dyn Fn(DocId) -> &'r Rendered + Sync),
) -> Result<()> {
    let broken: Vec<Error> = (0..content.documents.len())
        .flat_map(|doc| &rendered(doc).cross_page_anchors)
        .filter(|link| !rendered(link.target).anchors.contains(&link.anchor))
        .map(|link| {
            let target = &content.documents[link.target];
            let message = format!(
                "`{}` links to #{} in {}, which has no heading or footnote with that id",
                link.written,
                link.anchor,
                target.source_path.display()
            );
            let ids: Vec<String> = rendered(link.target).anchors.iter().map(|id| format!("#{id}")).collect();
            let help = crate::suggest::help_with(
                &format!("#{}", link.anchor),
                ids.iter().map(String::as_str),
                "check the heading's id; for a translated page, give the heading the same explicit id `{#…}` in both languages",
            );
            line_error(&content.documents[link.source], link.line, message)
                .with_help(help)
                .into()
        })
        .collect();
    Error::collect(broken)
}

/// An error on a (0-based) line of a document's body. The prepared Markdown keeps every line of the
/// body (only block lines change), so line numbers carry over from it.
fn line_error(document: &Document, line_index: usize, message: String) -> SourceError {
    let body = document.body();
    let line_start: usize = body
        .split_inclusive('\n')
        .take(line_index)
        .map(str::len)
        .sum();
    let line_start = line_start.min(body.len());
    let line_len = body[line_start..]
        .find('\n')
        .unwrap_or(body.len() - line_start);
    let start = document.body_start + line_start;
    SourceError::at(
        &document.source_path,
        &document.text,
        start..start + line_len,
        message,
    )
}

/// 0-based line numbers of byte offsets, by binary search over the line starts.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(index, _)| index + 1))
            .collect();
        Lines { starts }
    }

    fn index_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }
}

/// What the theme provides that every document is checked against.
#[derive(Clone, Copy)]
struct Known<'a> {
    block_names: &'a HashSet<String>,
    frame_ids: &'a HashSet<String>,
    raw_html: RawHtml,
}

fn render_document(
    content: &Content,
    routes: &Routes,
    doc: DocId,
    renderer: &dyn BlockRenderer,
    known: Known<'_>,
) -> Result<Rendered> {
    let document = &content.documents[doc];
    let body_error = |range: Range<usize>, message: String| {
        let start = document.body_start + range.start;
        SourceError::at(
            &document.source_path,
            &document.text,
            start..document.body_start + range.end,
            message,
        )
    };
    let prepared =
        blocks::prepare(document.body()).map_err(|error| body_error(error.range, error.message))?;
    for block in &prepared.blocks {
        if block.name != NOINDEX_BLOCK && !known.block_names.contains(&block.name) {
            let mut known: Vec<&str> = known.block_names.iter().map(String::as_str).collect();
            known.push(NOINDEX_BLOCK);
            known.sort_unstable();
            let message = format!("unknown block `{}`", block.name);
            let help = format!("use one of the known blocks: {}", known.join(", "));
            let help = crate::suggest::help_with(&block.name, known, help);
            return Err(body_error(block.opening.clone(), message)
                .with_help(help)
                .into());
        }
    }
    let markdown = prepared.markdown.as_str();
    let (mut events, findings) = raw_html::apply(known.raw_html, parse(markdown));
    let lines = Lines::new(markdown);
    let mut warnings: Vec<String> = findings
        .into_iter()
        .map(|finding| warning_at(document, lines.index_of(finding.offset), &finding.message))
        .collect();

    let footnote_ids = footnotes::ids(&events);
    let reserved: HashSet<String> = footnote_ids.values().cloned().collect();
    let error_at = |range: Range<usize>, message: String| {
        line_error(document, lines.index_of(range.start), message)
    };
    if let Some((range, c)) = characters::first_unwritable(&events) {
        let (message, help) = characters::refusal(c);
        return Err(error_at(range, message).with_help(help).into());
    }
    let toc = assign_heading_ids(&mut events, &reserved, known.frame_ids, error_at)?;
    let mut anchors: HashSet<String> = reserved;
    anchors.extend(heading_ids(&events));

    let mut resolver = LinkResolver::new(content, routes, doc, &anchors);
    let mut errors = Vec::new();
    for (event, range) in &mut events {
        if let Err(message) = resolver.rewrite(event, || lines.index_of(range.start)) {
            errors.push(error_at(range.clone(), message).into());
        }
    }
    let titles: Vec<Option<String>> = prepared
        .blocks
        .iter()
        .map(|block| {
            block.title.as_deref().map(|title| {
                let line = document.body()[..block.opening.start].matches('\n').count();
                let (events, findings) = raw_html::apply(known.raw_html, parse(title));
                let titled = |finding: raw_html::Finding| {
                    let message = format!("{} (in the block's title)", finding.message);
                    warning_at(document, line, &message)
                };
                warnings.extend(findings.into_iter().map(titled));
                render_inline(events, &mut resolver, line).unwrap_or_else(|message| {
                    errors.push(body_error(block.opening.clone(), message).into());
                    String::new()
                })
            })
        })
        .collect();
    Error::collect(errors)?;
    let (cross_page_anchors, web_links) = resolver.into_found();
    let external_links = web_links
        .into_iter()
        .map(|link| ExternalLink {
            url: link.url,
            line: file_line(document, link.line),
        })
        .collect();

    let note_order = footnotes::order(&events, &footnote_ids);
    let plain = plain_text::extract(&events, &prepared.blocks, &note_order);
    let events: Vec<(Event<'_>, Range<usize>)> = highlight_code(events);
    let (events, notes) = footnotes::extract(events, &footnote_ids, &note_order);
    let events: Vec<Event<'_>> = render_tables(events.into_iter().map(|(event, _)| event));
    let drawer = BlockDrawer {
        renderer,
        blocks: &prepared.blocks,
        titles: &titles,
        lang: &document.lang,
    };
    let mut html = drawer.draw(&events).map_err(|(block, message)| {
        let opening = prepared.blocks.get(block).map(|b| b.opening.clone());
        body_error(opening.unwrap_or(0..0), message)
    })?;
    html.push_str(&notes);
    let rendered = Rendered {
        html,
        toc,
        anchors,
        sections: plain.sections,
        word_count: plain.word_count,
        warnings,
        external_links,
        cross_page_anchors,
    };
    Ok(rendered)
}

fn sorted(ids: &HashSet<String>) -> Vec<&str> {
    let mut ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    ids.sort_unstable();
    ids
}

fn assign_heading_ids(
    events: &mut [(Event<'_>, Range<usize>)],
    reserved: &HashSet<String>,
    frame: &HashSet<String>,
    error_at: impl Fn(Range<usize>, String) -> SourceError,
) -> Result<Vec<TocEntry>> {
    let mut found = Vec::new();
    let mut positions = Vec::new();
    let mut index = 0;
    while index < events.len() {
        if let (Event::Start(Tag::Heading { level, id, .. }), range) = &events[index] {
            let mut text = String::new();
            let mut end = index + 1;
            while end < events.len() && !matches!(events[end].0, Event::End(TagEnd::Heading(_))) {
                if let Event::Text(part) | Event::Code(part) = &events[end].0 {
                    text.push_str(part);
                }
                end += 1;
            }
            found.push(headings::Heading {
                level: *level as u8,
                text: text.trim().to_owned(),
                explicit_id: id.as_ref().map(|id| id.to_string()),
            });
            positions.push((index, range.clone()));
            index = end;
        }
        index += 1;
    }
    let ids = headings::assign_ids(&found, reserved, frame).map_err(|clash| {
        let (id, occurrence) = match &clash {
            IdClash::Twice(id) => (id, 1),
            IdClash::Frame(id) => (id, 0),
        };
        let range = positions
            .iter()
            .zip(&found)
            .filter(|(_, heading)| heading.explicit_id.as_deref() == Some(id.as_str()))
            .nth(occurrence)
            .map_or(0..0, |((_, range), _)| range.clone());
        match clash {
            IdClash::Twice(id) => error_at(
                range,
                format!("the heading id `{id}` is used twice on this page"),
            ),
            IdClash::Frame(id) => error_at(
                range,
                format!("the heading id `{id}` is taken by the theme's page frame"),
            )
            .with_help(format!(
                "choose another id; the theme uses {}",
                sorted(frame).join(", ")
            )),
        }
    })?;
    for ((position, _), id) in positions.iter().zip(&ids) {
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[*position].0 {
            *slot = Some(CowStr::from(id.clone()));
        }
    }
    Ok(headings::table_of_contents(&found, &ids))
}

fn heading_ids<'a>(events: &'a [(Event<'_>, Range<usize>)]) -> impl Iterator<Item = String> + 'a {
    events.iter().filter_map(|(event, _)| match event {
        Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
        _ => None,
    })
}

/// Markdown as events with their byte ranges, without the HTML-block wrappers (the raw HTML inside
/// them stays).
fn parse(markdown: &str) -> Vec<(Event<'_>, Range<usize>)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter(|(event, _)| {
            !matches!(
                event,
                Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock)
            )
        })
        .collect()
}

/// A warning on a (0-based) line of a document's body, as `file:line: message`.
fn warning_at(document: &Document, line_index: usize, message: &str) -> String {
    format!(
        "{}:{}: {message}",
        document.source_path.display(),
        file_line(document, line_index)
    )
}

/// The 1-based line of the source file that a (0-based) line of the body is.
fn file_line(document: &Document, line_index: usize) -> usize {
    let lines_before_body = document
        .text
        .get(..document.body_start)
        .map_or(0, |front| front.matches('\n').count());
    lines_before_body + line_index + 1
}

/// Block titles: one line of inline Markdown, links resolved like the body's.
fn render_inline(
    title: Vec<(Event<'_>, Range<usize>)>,
    resolver: &mut LinkResolver<'_>,
    line: usize,
) -> std::result::Result<String, String> {
    let mut events = Vec::new();
    for (mut event, _) in title {
        if matches!(
            event,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
        ) {
            continue;
        }
        resolver.rewrite(&mut event, || line)?;
        events.push(event);
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok(html)
}

/// Replaces each fenced or indented code block by its highlighted HTML.
fn highlight_code(events: Vec<(Event<'_>, Range<usize>)>) -> Vec<(Event<'_>, Range<usize>)> {
    let mut output = Vec::with_capacity(events.len());
    let mut code: Option<(String, String, Range<usize>)> = None;
    for (event, range) in events {
        match (event, &mut code) {
            (Event::Start(Tag::CodeBlock(kind)), None) => {
                let language = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => info.to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new(), range));
            }
            (Event::Text(text), Some((_, buffer, _))) => buffer.push_str(&text),
            (Event::End(TagEnd::CodeBlock), Some(_)) => {
                if let Some((language, buffer, range)) = code.take() {
                    output.push((
                        Event::Html(highlight::code_block(&buffer, &language).into()),
                        range,
                    ));
                }
            }
            (event, _) => output.push((event, range)),
        }
    }
    output
}

/// From this many columns on, a table is marked wide, so that themes can give it a page on its
/// side when printed.
const WIDE_TABLE_COLUMNS: usize = 7;

/// Tables scroll sideways on narrow screens instead of breaking the layout, and column alignment is
/// a class rather than an inline style, so that a strict Content-Security-Policy holds. The scrolling
/// wrapper is a named, focusable region, so that keyboard users can scroll it too: named after the
/// heading the table stands under, or after its column headers when none is above it.
fn render_tables<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let events: Vec<Event<'a>> = events.collect();
    let mut output = Vec::with_capacity(events.len());
    let mut alignments: Vec<Alignment> = Vec::new();
    let mut in_head = false;
    let mut column = 0;
    let mut heading: Option<String> = None;
    for (index, event) in events.iter().enumerate() {
        let html = match event {
            Event::Start(Tag::Heading { id, .. }) => {
                heading = id.as_ref().map(|id| id.to_string());
                output.push(event.clone());
                continue;
            }
            Event::Start(Tag::Table(columns)) => {
                alignments = columns.clone();
                let wide = if columns.len() >= WIDE_TABLE_COLUMNS {
                    " table-scroll--wide"
                } else {
                    ""
                };
                let name = match &heading {
                    Some(id) => format!("aria-labelledby=\"{}\"", html::escape(id)),
                    None => format!(
                        "aria-label=\"{}\"",
                        html::escape(&column_headers(&events[index..]))
                    ),
                };
                format!(
                    "<div class=\"table-scroll{wide}\" role=\"region\" tabindex=\"0\" {name}><table>"
                )
            }
            Event::End(TagEnd::Table) => "</tbody></table></div>\n".to_owned(),
            Event::Start(Tag::TableHead) => {
                in_head = true;
                column = 0;
                "<thead><tr>".to_owned()
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                "</tr></thead><tbody>\n".to_owned()
            }
            Event::Start(Tag::TableRow) => {
                column = 0;
                "<tr>".to_owned()
            }
            Event::End(TagEnd::TableRow) => "</tr>\n".to_owned(),
            Event::Start(Tag::TableCell) => {
                let cell = if in_head { "th" } else { "td" };
                let class = match alignments.get(column) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                format!("<{cell}{class}>")
            }
            Event::End(TagEnd::TableCell) => {
                column += 1;
                if in_head { "</th>" } else { "</td>" }.to_owned()
            }
            _ => {
                output.push(event.clone());
                continue;
            }
        };
        output.push(Event::Html(html.into()));
    }
    output
}

/// The text of a table's header cells, joined by commas; `events` start at the table.
fn column_headers(events: &[Event<'_>]) -> String {
    let mut headers: Vec<String> = vec![String::new()];
    for event in events
        .iter()
        .take_while(|event| !matches!(event, Event::End(TagEnd::TableHead)))
    {
        match event {
            Event::Text(text) | Event::Code(text) => {
                if let Some(cell) = headers.last_mut() {
                    cell.push_str(text);
                }
            }
            Event::End(TagEnd::TableCell) => headers.push(String::new()),
            _ => {}
        }
    }
    headers.retain(|cell| !cell.trim().is_empty());
    headers.join(", ")
}

/// Turns the events between block markers into blocks drawn by the theme.
struct BlockDrawer<'a> {
    renderer: &'a dyn BlockRenderer,
    blocks: &'a [blocks::Block],
    titles: &'a [Option<String>],
    lang: &'a str,
}

impl BlockDrawer<'_> {
    /// HTML for `events`, or the index of the block that failed and why.
    fn draw(&self, events: &[Event<'_>]) -> std::result::Result<String, (usize, String)> {
        let mut html = String::new();
        let mut drawn = vec![false; self.blocks.len()];
        self.draw_into(&mut html, events, &mut drawn)?;
        if let Some(lost) = drawn.iter().position(|done| !done) {
            let message = "this block could not be recognised: leave a blank line between it and raw HTML above";
            return Err((lost, message.into()));
        }
        Ok(html)
    }

    fn draw_into(
        &self,
        html: &mut String,
        events: &[Event<'_>],
        drawn: &mut [bool],
    ) -> std::result::Result<(), (usize, String)> {
        let mut start = 0;
        let mut index = 0;
        while index < events.len() {
            let Some(blocks::Marker::Open(block)) = block_marker(&events[index]) else {
                index += 1;
                continue;
            };
            let close = events[index..]
                .iter()
                .position(|event| block_marker(event) == Some(blocks::Marker::Close(block)))
                .map(|offset| index + offset)
                .ok_or((
                    block,
                    "this block's closing `:::` was not found at the top level".to_owned(),
                ))?;
            pulldown_cmark::html::push_html(html, events[start..index].iter().cloned());
            let mut body = String::new();
            self.draw_into(&mut body, &events[index + 1..close], drawn)?;
            html.push_str(&self.draw_block(block, &body)?);
            drawn[block] = true;
            index = close + 1;
            start = index;
        }
        pulldown_cmark::html::push_html(html, events[start..].iter().cloned());
        Ok(())
    }

    fn draw_block(&self, block: usize, body: &str) -> std::result::Result<String, (usize, String)> {
        let name = self.blocks[block].name.as_str();
        if name == NOINDEX_BLOCK {
            return Ok(format!(
                "<div class=\"noindex\" {NOINDEX_ATTRIBUTE}>\n{body}</div>\n"
            ));
        }
        let input = BlockInput {
            name,
            title: self.titles[block].as_deref(),
            body,
            lang: self.lang,
        };
        self.renderer
            .render_block(&input)
            .map_err(|message| (block, message))
    }
}

fn block_marker(event: &Event<'_>) -> Option<blocks::Marker> {
    match event {
        Event::Html(html) => blocks::marker(html),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
