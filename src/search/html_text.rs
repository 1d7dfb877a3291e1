//! A small reader for the HTML that the Markdown stage renders: tags with their attributes and decoded
//! text, in document order. It is forgiving (unknown entities stay as written, stray `<` is text) and
//! skips comments, `<script>` and `<style>`. It is not a general HTML parser and need not be: the input
//! is pulldown-cmark's output, theme blocks and the occasional raw tag an editor wrote.

use std::borrow::Cow;

use crate::html::decode_entities;

/// A piece of HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node<'a> {
    /// Text, entities decoded.
    Text(Cow<'a, str>),
    /// An opening tag; `name` is lowercase, `attributes` is the raw text after the name.
    Open {
        name: String,
        attributes: &'a str,
        void: bool,
    },
    Close {
        name: String,
    },
}

/// Elements that never have content or a closing tag.
const VOID: [&str; 13] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];
/// Elements whose content is not text for readers.
const RAW: [&str; 2] = ["script", "style"];

/// The nodes of `html`, in order.
pub fn nodes(html: &str) -> Vec<Node<'_>> {
    let mut found = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            found.push(Node::Text(decode_entities(rest)));
            break;
        };
        if open > 0 {
            found.push(Node::Text(decode_entities(&rest[..open])));
        }
        rest = &rest[open..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some((node, consumed)) = tag(rest) else {
            found.push(Node::Text(Cow::Borrowed("<")));
            rest = &rest[1..];
            continue;
        };
        rest = &rest[consumed..];
        if let Node::Open { name, .. } = &node
            && RAW.contains(&name.as_str())
        {
            let closing = format!("</{name}");
            rest = find_ignoring_case(rest, &closing).map_or("", |end| &rest[end..]);
        }
        found.push(node);
    }
    found
}

/// A tag at the start of `text` and how many bytes it takes.
fn tag(text: &str) -> Option<(Node<'_>, usize)> {
    let end = text.find('>')?;
    let inner = &text[1..end];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name_len = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    if name_len == 0 || !inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = inner[..name_len].to_ascii_lowercase();
    let node = if closing {
        Node::Close { name }
    } else {
        let attributes = inner[name_len..].trim_end_matches('/');
        let void = VOID.contains(&name.as_str()) || inner.ends_with('/');
        Node::Open {
            name,
            attributes,
            void,
        }
    };
    Some((node, end + 1))
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .to_ascii_lowercase()
        .find(&needle.to_ascii_lowercase())
}

/// Whether the attribute text has attribute `name` (with or without a value).
pub fn has_attribute(attributes: &str, name: &str) -> bool {
    attribute_values(attributes).any(|(found, _)| found.eq_ignore_ascii_case(name))
}

/// The decoded value of attribute `name`.
pub fn attribute<'a>(attributes: &'a str, name: &str) -> Option<Cow<'a, str>> {
    attribute_values(attributes)
        .find(|(found, _)| found.eq_ignore_ascii_case(name))
        .map(|(_, value)| decode_entities(value))
}

/// `(name, raw value)` pairs; a value-less attribute has an empty value.
fn attribute_values(attributes: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = attributes;
    std::iter::from_fn(move || {
        rest = rest.trim_start();
        if rest.is_empty() {
            return None;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let Some(after_equals) = rest.strip_prefix('=') else {
            return Some((name, ""));
        };
        let after_equals = after_equals.trim_start();
        let (value, remaining) = match after_equals.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let body = &after_equals[1..];
                let end = body.find(quote).unwrap_or(body.len());
                (&body[..end], body.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after_equals
                    .find(char::is_whitespace)
                    .unwrap_or(after_equals.len());
                (&after_equals[..end], &after_equals[end..])
            }
        };
        rest = remaining;
        if name.is_empty() {
            rest = "";
            return None;
        }
        Some((name, value))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_text_and_entities() {
        let html = "<p class=\"x\">A &amp; B&#8217;s <em>C</em><br></p><!-- note --><script>x<y</script>&unknown;";
        let found = nodes(html);
        assert_eq!(
            found,
            [
                Node::Open {
                    name: "p".into(),
                    attributes: " class=\"x\"",
                    void: false
                },
                Node::Text("A & B’s ".into()),
                Node::Open {
                    name: "em".into(),
                    attributes: "",
                    void: false
                },
                Node::Text("C".into()),
                Node::Close { name: "em".into() },
                Node::Open {
                    name: "br".into(),
                    attributes: "",
                    void: true
                },
                Node::Close { name: "p".into() },
                Node::Open {
                    name: "script".into(),
                    attributes: "",
                    void: false
                },
                Node::Close {
                    name: "script".into()
                },
                Node::Text("&unknown;".into()),
            ]
        );
    }

    #[test]
    fn attributes_with_and_without_values() {
        let attributes = " class=\"noindex\" data-noindex id='a&amp;b' hidden";
        assert!(has_attribute(attributes, "data-noindex"));
        assert!(has_attribute(attributes, "hidden"));
        assert!(!has_attribute(attributes, "noindex"));
        assert_eq!(attribute(attributes, "id").as_deref(), Some("a&b"));
        assert_eq!(attribute(attributes, "class").as_deref(), Some("noindex"));
    }

    #[test]
    fn a_stray_less_than_is_text() {
        let found = nodes("1 < 2");
        let text: String = found
            .iter()
            .map(|node| match node {
                Node::Text(text) => text.to_string(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(text, "1 < 2");
    }
}
