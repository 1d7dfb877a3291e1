//! Raw HTML in Markdown under `raw_html = "sanitise"`: every `Event::Html` and `Event::InlineHtml`
//! the editor wrote is cleaned with ammonia, and so are heading attributes (`{onclick=…}`); what was
//! removed comes back as [`Finding`]s, which the stage turns into build warnings.
//!
//! Raw HTML arrives in pieces (`<span class="x">`, a text event, `</span>`; an HTML block line by
//! line; `<details>` in one block and `</details>` after Markdown), and ammonia balances what it
//! gets, so cleaning the pieces one by one would break every pair. Instead the whole body is cleaned
//! as one fragment: raw HTML as written, and every other event as a placeholder that the HTML parser
//! sees as plain text. The placeholders are then swapped back for their events, so the Markdown's own
//! structure (paragraphs, headings, links, footnotes, kennis's block markers) never passes through
//! the sanitiser and cannot be removed or forged by it. Only when the editor's HTML swallows that
//! structure (an unclosed `<style>`, an open attribute quote) is each piece of raw HTML cleaned on its
//! own instead, with a warning.
//!
//! This module cleans and reports; it does not decide the policy (the configuration does), resolve
//! links (`links`) or judge Markdown link schemes (`urls`).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Tag};

use super::blocks;
use super::urls;
use crate::config::RawHtml;

/// Something the sanitiser removed, at a byte offset of the Markdown it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub offset: usize,
    pub message: String,
}

/// Elements a publication needs. Everything else (`<script>`, `<style>`, `<iframe>`, `<object>`,
/// `<embed>`, `<form>`, `<base>`, `<meta>`, `<link>`, SVG …) is removed; its text stays, except in
/// `<script>` and `<style>`, whose content goes too.
const ALLOWED_TAGS: [&str; 61] = [
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
];

/// Attributes any allowed element may carry. No `style`: the site's policy forbids inline styles.
const GENERIC_ATTRIBUTES: [&str; 5] = ["class", "id", "lang", "title", "dir"];

/// Attributes particular elements may carry besides the generic ones.
const TAG_ATTRIBUTES: [(&str, &[&str]); 15] = [
    ("a", &["href", "hreflang"]),
    ("img", &["src", "alt", "width", "height"]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("details", &["open"]),
];

/// Schemes an `href` may use; `src` allows only the web ones (see [`builder`]).
const URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];
const IMAGE_SCHEMES: [&str; 2] = ["http", "https"];

/// Heading attributes (`## Titel {lang=en}`) that stay; ids and classes are not attributes here.
const HEADING_ATTRIBUTES: [&str; 3] = ["lang", "title", "dir"];

/// Elements whose content the HTML parser reads as text, so tags inside them are not tags.
const RAW_TEXT_ELEMENTS: [&str; 9] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Placeholders are `\u{E000}<event index>\u{E001}`: private-use characters that the parser keeps
/// as text. The editor's HTML never contains them (they are replaced before cleaning).
const PLACEHOLDER_OPEN: char = '\u{E000}';
const PLACEHOLDER_CLOSE: char = '\u{E001}';

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(builder);

fn builder() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(ALLOWED_TAGS.into_iter().collect())
        .clean_content_tags(["script", "style"].into_iter().collect())
        .generic_attributes(GENERIC_ATTRIBUTES.into_iter().collect())
        .tag_attributes(
            TAG_ATTRIBUTES
                .into_iter()
                .map(|(tag, attributes)| (tag, attributes.iter().copied().collect()))
                .collect(),
        )
        .url_schemes(URL_SCHEMES.into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        // No `target` is allowed, so `rel="noopener"` is not needed; the HTML stays as written.
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(|element, attribute, value| {
            let web_or_relative =
                urls::scheme(value).is_none_or(|scheme| IMAGE_SCHEMES.contains(&scheme.as_str()));
            (element != "img" || attribute != "src" || web_or_relative).then_some(value.into())
        });
    builder
}

type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// The body's events made safe under `policy`: under `Sanitise`, links and images with a forbidden
/// scheme lose their link and raw HTML is cleaned; under `Allow`, nothing changes.
pub fn apply(policy: RawHtml, events: Events<'_>) -> (Events<'_>, Vec<Finding>) {
    match policy {
        RawHtml::Allow => (events, Vec::new()),
        RawHtml::Sanitise => {
            let (events, mut findings) = urls::remove_forbidden(events);
            let (events, cleaned) = sanitise(events);
            findings.extend(cleaned);
            findings.sort_by_key(|finding| finding.offset);
            (events, findings)
        }
    }
}

/// Cleans the raw HTML and heading attributes of a body's events (block markers included, before
/// any other kennis HTML is added).
fn sanitise(mut events: Events<'_>) -> (Events<'_>, Vec<Finding>) {
    let mut findings = clean_heading_attributes(&mut events);
    if !events.iter().any(|(event, _)| is_raw(event)) {
        return (events, findings);
    }
    let input = Assembled::new(&events);
    let cleaned = CLEANER.clean(&input.text).to_string();
    match input.rebuild(&events, &cleaned) {
        Some(rebuilt) => {
            findings.extend(removals(&input, &cleaned));
            (rebuilt, findings)
        }
        None => {
            let offset = events
                .iter()
                .find(|(event, _)| is_raw(event))
                .map_or(0, |(_, range)| range.start);
            findings.push(Finding {
                offset,
                message: "raw HTML on this page is left open (an element such as <style> or an attribute quote is never closed), so each piece of it was cleaned on its own".into(),
            });
            let (events, piecewise) = sanitise_piecewise(events);
            findings.extend(piecewise);
            (events, findings)
        }
    }
}

/// HTML the editor wrote; kennis's block markers are Markdown structure, not raw HTML.
fn is_raw(event: &Event<'_>) -> bool {
    match event {
        Event::Html(html) => blocks::marker(html).is_none(),
        Event::InlineHtml(_) => true,
        _ => false,
    }
}

fn raw_text<'e>(event: &'e Event<'_>) -> &'e str {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => html,
        _ => "",
    }
}

/// Events that may disappear with the element around them (the text inside `<script>`); losing any
/// other event would break the Markdown's structure.
fn may_vanish(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak
    )
}

fn clean_heading_attributes(events: &mut Events<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (event, range) in events.iter_mut() {
        let Event::Start(Tag::Heading { attrs, .. }) = event else {
            continue;
        };
        attrs.retain(|(name, value)| {
            let keep = HEADING_ATTRIBUTES.contains(&name.to_ascii_lowercase().as_str());
            if !keep {
                let written = match value {
                    Some(value) => format!("{name}={value}"),
                    None => name.to_string(),
                };
                findings.push(Finding {
                    offset: range.start,
                    message: format!(
                        "removed the attribute {} from a heading",
                        urls::quoted(&written)
                    ),
                });
            }
            keep
        });
    }
    findings
}

/// The body as one HTML fragment: raw HTML as written, every other event as a placeholder.
struct Assembled {
    text: String,
    /// Where each raw event's HTML starts in `text`, and where the event starts in the Markdown.
    raw_starts: Vec<(usize, usize)>,
}

impl Assembled {
    fn new(events: &Events<'_>) -> Assembled {
        let mut text = String::new();
        let mut raw_starts = Vec::new();
        for (index, (event, range)) in events.iter().enumerate() {
            if is_raw(event) {
                raw_starts.push((text.len(), range.start));
                text.extend(raw_text(event).chars().map(|c| match c {
                    PLACEHOLDER_OPEN | PLACEHOLDER_CLOSE => char::REPLACEMENT_CHARACTER,
                    c => c,
                }));
            } else {
                text.push(PLACEHOLDER_OPEN);
                text.push_str(&index.to_string());
                text.push(PLACEHOLDER_CLOSE);
            }
        }
        Assembled { text, raw_starts }
    }

    /// The Markdown offset of the raw event that wrote `text[at]`.
    fn source_offset(&self, at: usize) -> usize {
        let index = self.raw_starts.partition_point(|&(start, _)| start <= at);
        index
            .checked_sub(1)
            .map_or(0, |index| self.raw_starts[index].1)
    }

    /// The events again, raw HTML replaced by the cleaned HTML between the placeholders; `None` when
    /// the cleaning lost or moved a structural event.
    fn rebuild<'a>(&self, events: &Events<'a>, cleaned: &str) -> Option<Events<'a>> {
        let parts = split_at_placeholders(cleaned)?;
        let mut rebuilt = Vec::with_capacity(events.len());
        let mut next = 0;
        for part in parts {
            match part {
                Part::Html("") => {}
                Part::Html(html) => {
                    // Raw HTML between two paragraphs separates words for the plain text; inside
                    // one it does not. The cleaned HTML keeps the kind of the first raw event it
                    // replaces.
                    let (event, range) = events[next.min(events.len() - 1)..]
                        .iter()
                        .find(|(event, _)| is_raw(event))
                        .map_or((None, 0..0), |(event, range)| (Some(event), range.clone()));
                    let html = CowStr::from(html.to_owned());
                    let event = match event {
                        Some(Event::InlineHtml(_)) => Event::InlineHtml(html),
                        _ => Event::Html(html),
                    };
                    rebuilt.push((event, range));
                }
                Part::Placeholder(index) => {
                    let skipped = events.get(next..index)?;
                    if index < next
                        || skipped
                            .iter()
                            .any(|(event, _)| !is_raw(event) && !may_vanish(event))
                    {
                        return None;
                    }
                    rebuilt.push(events.get(index)?.clone());
                    next = index + 1;
                }
            }
        }
        let lost_structure = events[next.min(events.len())..]
            .iter()
            .any(|(event, _)| !is_raw(event) && !may_vanish(event));
        (!lost_structure).then_some(rebuilt)
    }
}

enum Part<'s> {
    Html(&'s str),
    Placeholder(usize),
}

/// Splits cleaned HTML at the placeholders; `None` if one stands inside a tag (an attribute value
/// swallowed it), where its event cannot go back. Cleaned HTML is serialised by html5ever: `<` in
/// text is escaped and attribute values are double-quoted with `"` escaped, so tags are easy to find.
fn split_at_placeholders(cleaned: &str) -> Option<Vec<Part<'_>>> {
    let mut parts = Vec::new();
    let mut in_tag = false;
    let mut in_quote = false;
    let mut start = 0;
    let mut chars = cleaned.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '<' if !in_tag => in_tag = true,
            '"' if in_tag => in_quote = !in_quote,
            '>' if in_tag && !in_quote => in_tag = false,
            PLACEHOLDER_OPEN if in_tag => return None,
            PLACEHOLDER_OPEN => {
                let close = cleaned[at..].find(PLACEHOLDER_CLOSE)? + at;
                let index = cleaned[at + PLACEHOLDER_OPEN.len_utf8()..close]
                    .parse()
                    .ok()?;
                parts.push(Part::Html(&cleaned[start..at]));
                parts.push(Part::Placeholder(index));
                start = close + PLACEHOLDER_CLOSE.len_utf8();
                // Skip the digits and the closing character.
                for _ in cleaned[at..start].chars().skip(1) {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    parts.push(Part::Html(&cleaned[start..]));
    Some(parts)
}

/// The fallback: every run of consecutive raw events cleaned on its own, the rest left alone.
fn sanitise_piecewise(events: Events<'_>) -> (Events<'_>, Vec<Finding>) {
    let mut output: Events<'_> = Vec::with_capacity(events.len());
    let mut findings = Vec::new();
    let mut run: Vec<(Event<'_>, Range<usize>)> = Vec::new();
    let flush = |run: &mut Events<'_>, output: &mut Events<'_>, findings: &mut Vec<Finding>| {
        if run.is_empty() {
            return;
        }
        let input = Assembled::new(run);
        let cleaned = CLEANER.clean(&input.text).to_string();
        findings.extend(removals(&input, &cleaned));
        let (first, range) = &run[0];
        let event = match first {
            Event::InlineHtml(_) => Event::InlineHtml(cleaned.into()),
            _ => Event::Html(cleaned.into()),
        };
        output.push((event, range.clone()));
        run.clear();
    };
    for (event, range) in events {
        if is_raw(&event) {
            run.push((event, range));
        } else {
            flush(&mut run, &mut output, &mut findings);
            output.push((event, range));
        }
    }
    flush(&mut run, &mut output, &mut findings);
    (output, findings)
}

/// What cleaning removed: elements, attributes and comments of the input that the cleaned HTML
/// lacks. The sanitiser does not say what it removed, so both sides are scanned and compared: the
/// n-th `<span>` of the input is the n-th `<span>` of the output. The scan is simpler than an HTML
/// parser, which can only make a warning imprecise: what reaches the page is ammonia's output.
fn removals(input: &Assembled, cleaned: &str) -> Vec<Finding> {
    let mut kept: HashMap<String, Vec<HashSet<String>>> = HashMap::new();
    for token in scan(cleaned).into_iter().rev() {
        if let Token::Start(tag) = token {
            let names = tag.attributes.into_iter().map(|(name, _)| name).collect();
            kept.entry(tag.name).or_default().push(names);
        }
    }
    let mut findings = Vec::new();
    for token in scan(&input.text) {
        let (at, message) = match token {
            Token::Comment(at) => (at, "removed an HTML comment from raw HTML".to_owned()),
            Token::Start(tag) => match kept.get_mut(&tag.name).and_then(Vec::pop) {
                None => (tag.at, format!("removed <{}> from raw HTML", tag.name)),
                Some(kept_attributes) => {
                    let offset = input.source_offset(tag.at);
                    let mut seen = HashSet::new();
                    for (name, value) in &tag.attributes {
                        if seen.insert(name.as_str()) && !kept_attributes.contains(name) {
                            findings.push(Finding {
                                offset,
                                message: format!(
                                    "removed {} from <{}> in raw HTML",
                                    urls::quoted(&format!("{name}=\"{value}\"")),
                                    tag.name
                                ),
                            });
                        }
                    }
                    continue;
                }
            },
        };
        findings.push(Finding {
            offset: input.source_offset(at),
            message,
        });
    }
    findings
}

#[derive(Debug, PartialEq)]
enum Token {
    Start(StartTag),
    /// A comment, or what the parser treats as one (`<!DOCTYPE>`, `<![CDATA[`, `<?php`).
    Comment(usize),
}

#[derive(Debug, PartialEq)]
struct StartTag {
    at: usize,
    name: String,
    attributes: Vec<(String, String)>,
}

/// The start tags and comments of `html`, following the HTML tokenizer's main rules.
fn scan(html: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut position = 0;
    while let Some(found) = html[position..].find('<') {
        let at = position + found;
        let rest = &html[at + 1..];
        position = if let Some(comment) = rest.strip_prefix("!--") {
            tokens.push(Token::Comment(at));
            comment
                .find("-->")
                .map_or(html.len(), |end| at + 4 + end + 3)
        } else if rest.starts_with(['!', '?']) {
            tokens.push(Token::Comment(at));
            tag_end(html, at)
        } else if rest.starts_with('/') {
            tag_end(html, at)
        } else if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let (tag, end) = start_tag(html, at);
            let end = if RAW_TEXT_ELEMENTS.contains(&tag.name.as_str()) {
                closing_tag(html, end, &tag.name)
            } else {
                end
            };
            tokens.push(Token::Start(tag));
            end
        } else {
            at + 1
        };
    }
    tokens
}

/// Just past the `>` that ends the tag starting at `at`, or the end of `html`.
fn tag_end(html: &str, at: usize) -> usize {
    html[at..].find('>').map_or(html.len(), |end| at + end + 1)
}

/// Where `</name` next starts (any case), or the end of `html`.
fn closing_tag(html: &str, from: usize, name: &str) -> usize {
    let wanted = format!("</{name}");
    html[from..]
        .to_ascii_lowercase()
        .find(&wanted)
        .map_or(html.len(), |found| from + found)
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The start tag at `at` (`<name attr="value" …>`) and the offset just past it. Every delimiter is
/// ASCII, so each slice falls on character boundaries.
fn start_tag(html: &str, at: usize) -> (StartTag, usize) {
    let bytes = html.as_bytes();
    let stops_name = |byte: u8| is_space(byte) || matches!(byte, b'/' | b'>');
    let mut i = at + 1;
    while i < bytes.len() && !stops_name(bytes[i]) {
        i += 1;
    }
    let name = html[at + 1..i].to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            break;
        }
        let name_start = i;
        i += 1;
        while i < bytes.len() && !stops_name(bytes[i]) && bytes[i] != b'=' {
            i += 1;
        }
        let attribute = html[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        let mut value = "";
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            if i < bytes.len() && matches!(bytes[i], b'"' | b'\'') {
                let quote = char::from(bytes[i]);
                let start = i + 1;
                let end = html[start..].find(quote).map_or(html.len(), |e| start + e);
                value = &html[start..end];
                i = (end + 1).min(bytes.len());
            } else {
                let start = i;
                while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                    i += 1;
                }
                value = &html[start..i];
            }
        }
        attributes.push((attribute, value.to_owned()));
    }
    let end = (i + 1).min(html.len());
    let tag = StartTag {
        at,
        name,
        attributes,
    };
    (tag, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Parser, TagEnd};

    /// The Markdown rendered with its raw HTML cleaned, and what was removed, with 1-based lines.
    fn clean(markdown: &str) -> (String, Vec<String>) {
        let events: Events<'_> = Parser::new_ext(markdown, super::super::options())
            .into_offset_iter()
            .filter(|(event, _)| {
                !matches!(
                    event,
                    Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock)
                )
            })
            .collect();
        let (events, findings) = sanitise(events);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
        let findings = findings
            .into_iter()
            .map(|finding| {
                let line = markdown[..finding.offset].matches('\n').count() + 1;
                format!("{line}: {}", finding.message)
            })
            .collect();
        (html, findings)
    }

    #[test]
    fn inline_pairs_survive_being_split_into_events() {
        let (html, findings) = clean(
            "De <abbr title=\"Algemene verordening gegevensbescherming\">AVG</abbr> en m<sup>2</sup>, \
             <span class=\"x\" lang=\"en\">*so*</span>, <kbd>Ctrl</kbd> en <mark>dit</mark>.<br>\n",
        );
        assert_eq!(
            html,
            "<p>De <abbr title=\"Algemene verordening gegevensbescherming\">AVG</abbr> en \
             m<sup>2</sup>, <span class=\"x\" lang=\"en\"><em>so</em></span>, <kbd>Ctrl</kbd> en \
             <mark>dit</mark>.<br></p>\n"
        );
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn the_reported_line_runs_no_script() {
        let (html, findings) = clean("Hallo \"><img src=x onerror=alert(1)> daar\n");
        assert_eq!(html, "<p>Hallo “&gt;<img src=\"x\"> daar</p>\n");
        assert_eq!(
            findings,
            ["1: removed `onerror=\"alert(1)\"` from <img> in raw HTML"]
        );
    }

    #[test]
    fn html_blocks_keep_tables_details_and_figures() {
        let markdown = "<table>\n<thead><tr><th scope=\"col\">Stad</th></tr></thead>\n\
            <tbody><tr><td colspan=\"2\">Gent</td></tr></tbody>\n</table>\n\n\
            <details>\n<summary>Meer</summary>\n\nTekst met **nadruk**.\n\n</details>\n\n\
            <figure><img src=\"kaart.png\" alt=\"Kaart\" width=\"300\" height=\"200\">\
            <figcaption>Kaart</figcaption></figure>\n\n\
            <dl><dt>AVG</dt><dd>wet</dd></dl>\n\n<div class=\"kader\" id=\"k\" lang=\"en\">x</div>\n";
        let (html, findings) = clean(markdown);
        assert!(findings.is_empty(), "{findings:?}");
        for kept in [
            "<th scope=\"col\">Stad</th>",
            "<td colspan=\"2\">Gent</td>",
            "<details>\n<summary>Meer</summary>\n<p>Tekst met <strong>nadruk</strong>.</p>\n</details>",
            "<img src=\"kaart.png\" alt=\"Kaart\" width=\"300\" height=\"200\">",
            "<figcaption>Kaart</figcaption></figure>",
            "<dl><dt>AVG</dt><dd>wet</dd></dl>",
            "<div class=\"kader\" id=\"k\" lang=\"en\">x</div>",
        ] {
            assert!(html.contains(kept), "{kept} missing from\n{html}");
        }
    }

    #[test]
    fn scripts_handlers_and_foreign_urls_go_with_a_finding_each() {
        let markdown = "Tekst <script>alert(1)</script> na.\n\n\
            <script>\nalert(2)\n</script>\n\n\
            <iframe src=\"https://evil.example\"></iframe>\n\n\
            <style>p { color: red }</style>\n\n\
            <a href=\"javascript:alert(3)\" onclick=\"x()\">klik</a> <img src=\"data:image/png;base64,AA\">\n\n\
            <object data=\"x.swf\"></object><embed src=\"x\"><form action=\"x\"><input></form>\n\n\
            <base href=\"https://evil.example/\"><meta http-equiv=\"refresh\" content=\"0\"><link rel=\"stylesheet\" href=\"x\">\n\n\
            <!-- notitie -->\n\n<img src=\"mailto:a@b\"> <a href=\"vbscript:x\">v</a>\n";
        let (html, findings) = clean(markdown);
        for gone in [
            "<script",
            "alert(",
            "<iframe",
            "<style",
            "color: red",
            "javascript:",
            "onclick",
            "data:",
            "<object",
            "<embed",
            "<form",
            "<input",
            "<base",
            "<meta",
            "<link",
            "notitie",
            "mailto:",
            "vbscript:",
        ] {
            assert!(!html.contains(gone), "{gone} left in\n{html}");
        }
        assert!(html.contains("<p>Tekst  na.</p>"), "{html}");
        assert!(html.contains("<a>klik</a>"), "{html}");
        assert_eq!(
            findings,
            [
                "1: removed <script> from raw HTML",
                "3: removed <script> from raw HTML",
                "7: removed <iframe> from raw HTML",
                "9: removed <style> from raw HTML",
                "11: removed `href=\"javascript:alert(3)\"` from <a> in raw HTML",
                "11: removed `onclick=\"x()\"` from <a> in raw HTML",
                "11: removed `src=\"data:image/png;base64,AA\"` from <img> in raw HTML",
                "13: removed <object> from raw HTML",
                "13: removed <embed> from raw HTML",
                "13: removed <form> from raw HTML",
                "13: removed <input> from raw HTML",
                "15: removed <base> from raw HTML",
                "15: removed <meta> from raw HTML",
                "15: removed <link> from raw HTML",
                "17: removed an HTML comment from raw HTML",
                "19: removed `src=\"mailto:a@b\"` from <img> in raw HTML",
                "19: removed `href=\"vbscript:x\"` from <a> in raw HTML",
            ]
        );
    }

    #[test]
    fn obfuscated_urls_are_caught_by_the_parser() {
        let (html, findings) = clean(
            "<a href=\" JaVaScRiPt:x\">a</a> <a href=\"java&#9;script:x\">b</a> \
             <a href=\"&#106;avascript:x\">c</a> <a href=\"java\tscript:x\">d</a>\n",
        );
        assert_eq!(html, "<p><a>a</a> <a>b</a> <a>c</a> <a>d</a></p>\n");
        assert_eq!(findings.len(), 4, "{findings:?}");
    }

    #[test]
    fn block_markers_and_markdown_structure_pass_untouched() {
        let markdown = "<div class=\"kader\">\n\n<!--kennis-block-open:0-->\n\n# Titel\n\n\
            <!--kennis-block-close:0-->\n\n</div>\n";
        let (html, findings) = clean(markdown);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(
            html,
            "<div class=\"kader\">\n<!--kennis-block-open:0-->\n<h1>Titel</h1>\n\
             <!--kennis-block-close:0-->\n</div>\n"
        );
    }

    #[test]
    fn unclosed_raw_text_falls_back_to_cleaning_piece_by_piece() {
        let (html, findings) = clean("Een <style> die nooit sluit.\n\n## Kop\n\nTekst.\n");
        assert_eq!(
            html,
            "<p>Een  die nooit sluit.</p>\n<h2>Kop</h2>\n<p>Tekst.</p>\n"
        );
        assert_eq!(findings.len(), 2, "{findings:?}");
        assert!(findings[0].contains("cleaned on its own"), "{findings:?}");
        assert_eq!(findings[1], "1: removed <style> from raw HTML");
    }

    #[test]
    fn heading_attributes_other_than_language_and_title_go() {
        let (html, findings) = clean("## Kop {#kop .k lang=en onclick=alert(1)}\n");
        assert_eq!(html, "<h2 id=\"kop\" class=\"k\" lang=\"en\">Kop</h2>\n");
        assert_eq!(
            findings,
            ["1: removed the attribute `onclick=alert(1)` from a heading"]
        );
    }

    #[test]
    fn the_scan_finds_tags_attributes_and_comments() {
        let tokens = scan("a <img SRC='x' alt=y hidden><!-- c --><script><b></script><!x>");
        assert_eq!(
            tokens,
            [
                Token::Start(StartTag {
                    at: 2,
                    name: "img".into(),
                    attributes: vec![
                        ("src".into(), "x".into()),
                        ("alt".into(), "y".into()),
                        ("hidden".into(), String::new()),
                    ],
                }),
                Token::Comment(28),
                Token::Start(StartTag {
                    at: 38,
                    name: "script".into(),
                    attributes: vec![],
                }),
                Token::Comment(58),
            ]
        );
    }
}
