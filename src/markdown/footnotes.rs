//! Footnotes: references become numbered superscript links (numbered in order of first reference) and
//! the definitions move to a list at the end of the page, each with a link back to its reference.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::slug::slugify;

/// Footnote label → the id of its note (`fn-…`), unique on the page.
pub fn ids(events: &[(Event<'_>, Range<usize>)]) -> HashMap<String, String> {
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut taken = std::collections::HashSet::new();
    for (event, _) in events {
        if let Event::Start(Tag::FootnoteDefinition(label)) = event {
            let base = format!("fn-{}", slugify(label));
            let mut id = base.clone();
            let mut counter = 0;
            while !taken.insert(id.clone()) {
                counter += 1;
                id = format!("{base}-{counter}");
            }
            ids.entry(label.to_string()).or_insert(id);
        }
    }
    ids
}

/// The labels of the notes in the order of the list: by first reference, then the unreferenced
/// definitions alphabetically. A reference inside a note does not number it.
pub fn order(events: &[(Event<'_>, Range<usize>)], ids: &HashMap<String, String>) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    let mut in_note = false;
    for (event, _) in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_note = true,
            Event::End(TagEnd::FootnoteDefinition) => in_note = false,
            _ => {}
        }
        if let Event::FootnoteReference(label) = event
            && !in_note
            && ids.contains_key(label.as_ref())
            && !order.iter().any(|known| known == label.as_ref())
        {
            order.push(label.to_string());
        }
    }
    let mut unreferenced: Vec<&String> =
        ids.keys().filter(|label| !order.contains(label)).collect();
    unreferenced.sort();
    let unreferenced: Vec<String> = unreferenced.into_iter().cloned().collect();
    order.extend(unreferenced);
    order
}

/// Removes the definitions from the event stream, numbers the references (by `order`) and returns
/// the notes list.
pub fn extract<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    ids: &HashMap<String, String>,
    order: &[String],
) -> (Vec<(Event<'a>, Range<usize>)>, String) {
    let mut output = Vec::with_capacity(events.len());
    let mut definitions: HashMap<String, Vec<Event<'a>>> = HashMap::new();
    let mut current: Option<(String, Vec<Event<'a>>)> = None;
    let mut reference_counts: HashMap<String, usize> = HashMap::new();

    for (event, range) in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                current = Some((label.to_string(), Vec::new()))
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, body)) = current.take() {
                    definitions.entry(label).or_insert(body);
                }
            }
            event if current.is_some() => {
                if let Some((_, body)) = current.as_mut() {
                    body.push(event);
                }
            }
            Event::FootnoteReference(label) => {
                let Some(id) = ids.get(label.as_ref()) else {
                    output.push((Event::Text(format!("[^{label}]").into()), range));
                    continue;
                };
                let number = order.iter().position(|l| l == label.as_ref()).unwrap_or(0) + 1;
                let count = reference_counts.entry(label.to_string()).or_insert(0);
                *count += 1;
                let reference_id = reference_id(id, *count);
                let html = format!(
                    "<sup class=\"footnote-ref\"><a href=\"#{id}\" id=\"{reference_id}\" role=\"doc-noteref\">{number}</a></sup>"
                );
                output.push((Event::InlineHtml(html.into()), range));
            }
            event => output.push((event, range)),
        }
    }

    if order.is_empty() {
        return (output, String::new());
    }
    let mut notes = String::from("<section class=\"footnotes\" role=\"doc-endnotes\">\n<ol>\n");
    for label in order {
        let (Some(id), Some(body)) = (ids.get(label), definitions.remove(label)) else {
            continue;
        };
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, body.into_iter());
        let back = if reference_counts.contains_key(label) {
            format!(
                " <a href=\"#{}\" class=\"footnote-backref\" role=\"doc-backlink\">↩\u{FE0E}</a>",
                reference_id(id, 1)
            )
        } else {
            String::new()
        };
        let html = match html.trim_end().strip_suffix("</p>") {
            Some(before) => format!("{before}{back}</p>"),
            None => format!("{}{back}", html.trim_end()),
        };
        notes.push_str(&format!("<li id=\"{id}\">{html}</li>\n"));
    }
    notes.push_str("</ol>\n</section>\n");
    (output, notes)
}

fn reference_id(note_id: &str, occurrence: usize) -> String {
    let base = note_id.replacen("fn-", "fnref-", 1);
    if occurrence == 1 {
        base
    } else {
        format!("{base}-{occurrence}")
    }
}
