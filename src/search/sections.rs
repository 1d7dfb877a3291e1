//! Cuts a document's rendered HTML into sections at its `h2` and `h3` headings and takes their plain
//! text. The part before the first heading is a section too, without a heading. Elements carrying
//! `data-noindex` (the `::: noindex` block) are left out with everything inside them, and so are
//! footnote reference numbers and back-links (`werking¹`, `↩`), which would glue to words; block
//! elements separate words, inline ones do not.

use super::html_text::{Node, attribute, has_attribute, nodes};
use crate::markdown::NOINDEX_ATTRIBUTE;

/// Headings that start a new section.
const SECTION_HEADINGS: [&str; 2] = ["h2", "h3"];
/// Elements inside running text: no word break around them.
const INLINE: [&str; 24] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "u",
];

/// A part of a document, as plain text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// The heading's id; `None` for the part before the first heading.
    pub anchor: Option<String>,
    pub heading: String,
    pub text: String,
}

/// The sections of `html`, in order. Whitespace is collapsed.
pub fn split(html: &str) -> Vec<Section> {
    let mut sections = vec![Section::default()];
    let mut open: Vec<String> = Vec::new();
    let mut skip_from: Option<usize> = None;
    let mut heading_depth: Option<usize> = None;
    for node in nodes(html) {
        match node {
            Node::Open {
                name,
                attributes,
                void,
            } => {
                if skip_from.is_none() && is_left_out(attributes) && !void {
                    skip_from = Some(open.len());
                }
                let skipping = skip_from.is_some();
                let current = sections.last_mut().map(|s| &mut s.text);
                if let Some(text) = current.filter(|_| !INLINE.contains(&name.as_str())) {
                    text.push(' ');
                }
                if SECTION_HEADINGS.contains(&name.as_str()) && !skipping && !void {
                    sections.push(Section {
                        anchor: attribute(attributes, "id").map(|id| id.into_owned()),
                        ..Section::default()
                    });
                    heading_depth = Some(open.len());
                }
                if !void {
                    open.push(name);
                }
            }
            Node::Close { name } => {
                let Some(position) = open.iter().rposition(|open| *open == name) else {
                    continue;
                };
                open.truncate(position);
                if skip_from.is_some_and(|depth| depth >= open.len()) {
                    skip_from = None;
                }
                if heading_depth.is_some_and(|depth| depth >= open.len()) {
                    heading_depth = None;
                }
                if let Some(section) = sections.last_mut()
                    && !INLINE.contains(&name.as_str())
                {
                    section.text.push(' ');
                }
            }
            Node::Text(text) => {
                if skip_from.is_some() {
                    continue;
                }
                if let Some(section) = sections.last_mut() {
                    match heading_depth {
                        Some(_) => section.heading.push_str(&text),
                        None => section.text.push_str(&text),
                    }
                }
            }
        }
    }
    for section in &mut sections {
        section.heading = collapse_whitespace(&section.heading);
        section.text = collapse_whitespace(&section.text);
    }
    sections
}

/// Not-for-search content and footnote links.
fn is_left_out(attributes: &str) -> bool {
    has_attribute(attributes, NOINDEX_ATTRIBUTE)
        || attribute(attributes, "role")
            .is_some_and(|role| role == "doc-noteref" || role == "doc-backlink")
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_start_sections_with_their_anchors() {
        let html = "<p>Intro <em>tekst</em>.</p>\n<h2 id=\"sterke-punten\">Sterke <code>punten</code></h2>\n<ul><li>een</li><li>twee</li></ul>\n<h4 id=\"detail\">Detail</h4><p>meer</p>\n<h3 id=\"goede-praktijken-1\">Goede praktijken</h3><p>Gent</p>";
        let sections = split(html);
        assert_eq!(sections.len(), 3);
        assert_eq!(sections[0].anchor, None);
        assert_eq!(sections[0].text, "Intro tekst.");
        assert_eq!(sections[1].anchor.as_deref(), Some("sterke-punten"));
        assert_eq!(sections[1].heading, "Sterke punten");
        assert_eq!(sections[1].text, "een twee Detail meer");
        assert_eq!(sections[2].heading, "Goede praktijken");
        assert_eq!(sections[2].text, "Gent");
    }

    #[test]
    fn noindex_content_is_left_out() {
        let html = "<p>Auteurs:</p><div class=\"noindex\" data-noindex>\n<ul><li><a href=\"mailto:femke@example.be\">femke@example.be</a></li></ul><div>nested</div></div><p><em>Bij vragen</em> kan u terecht.</p>";
        let sections = split(html);
        assert_eq!(sections[0].text, "Auteurs: Bij vragen kan u terecht.");
    }

    #[test]
    fn footnote_links_are_left_out() {
        let html = "<p>werking<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" role=\"doc-noteref\">1</a></sup>.</p><section class=\"footnotes\" role=\"doc-endnotes\"><ol><li id=\"fn-1\"><p>https://example.be <a href=\"#fnref-1\" class=\"footnote-backref\" role=\"doc-backlink\">↩︎</a></p></li></ol></section>";
        assert_eq!(split(html)[0].text, "werking. https://example.be");
    }

    #[test]
    fn headings_inside_noindex_do_not_start_sections() {
        let html =
            "<p>a</p><div data-noindex=\"\"><h2 id=\"x\">Verborgen</h2><p>b</p></div><p>c</p>";
        let sections = split(html);
        assert_eq!(sections.len(), 1);
        assert_eq!(sections[0].text, "a c");
    }
}
