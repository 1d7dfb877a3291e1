//! URL schemes of the links and images written in Markdown. A destination is read the way a browser
//! reads it (spaces and control characters around it dropped, tabs and line breaks inside it
//! ignored, the scheme compared without case; pulldown-cmark has already decoded entities and
//! backslash escapes), so that `JaVaScRiPt:`, ` javascript:`, `java&#9;script:` and
//! `&#106;avascript:` are all `javascript:`. Under `raw_html = "sanitise"` a link or image whose
//! scheme is not allowed is removed and its text kept. This module only judges and removes links;
//! resolving the ones that stay is `links`' work, and raw HTML is `raw_html`'s.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::raw_html::Finding;

/// What a link may use besides relative URLs, `#anchors` and kennis's `@/` links (which have no
/// scheme): `javascript:`, `data:`, `vbscript:` and every scheme not named here are removed.
const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The longest part of a removed destination that a warning quotes.
const QUOTED_CHARS: usize = 60;

/// The lowercase scheme of `destination` as a browser parses it, or `None` for a relative URL.
pub fn scheme(destination: &str) -> Option<String> {
    let cleaned: String = destination
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (candidate, _) = cleaned.split_once(':')?;
    let mut chars = candidate.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_is_scheme = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (starts_with_letter && rest_is_scheme).then(|| candidate.to_ascii_lowercase())
}

/// The scheme of `destination` if it is one a link must not use.
pub fn forbidden_scheme(destination: &str) -> Option<String> {
    scheme(destination).filter(|scheme| !ALLOWED_SCHEMES.contains(&scheme.as_str()))
}

/// Removes every link and image whose destination has a forbidden scheme, keeping what is inside
/// (the link's text, the image's alt text); one finding per removal, at the link's offset.
pub fn remove_forbidden<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
) -> (Vec<(Event<'a>, Range<usize>)>, Vec<Finding>) {
    let mut kept = Vec::with_capacity(events.len());
    let mut findings = Vec::new();
    // One entry per open link or image: whether it was removed. Images nest inside links.
    let mut open: Vec<bool> = Vec::new();
    for (event, range) in events {
        let removed = match &event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let forbidden = forbidden_scheme(dest_url);
                if let Some(scheme) = &forbidden {
                    let what = if matches!(event, Event::Start(Tag::Image { .. })) {
                        "image"
                    } else {
                        "link"
                    };
                    findings.push(Finding {
                        offset: range.start,
                        message: format!(
                            "removed the {what} to {} (links may not use `{scheme}:`)",
                            quoted(dest_url)
                        ),
                    });
                }
                open.push(forbidden.is_some());
                forbidden.is_some()
            }
            Event::End(TagEnd::Link | TagEnd::Image) => open.pop().unwrap_or(false),
            _ => false,
        };
        if !removed {
            kept.push((event, range));
        }
    }
    (kept, findings)
}

/// `text` for a warning: on one line, and cut short.
pub fn quoted(text: &str) -> String {
    let mut quoted: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(QUOTED_CHARS)
        .collect();
    if text.chars().count() > QUOTED_CHARS {
        quoted.push('…');
    }
    format!("`{quoted}`")
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    #[test]
    fn schemes_are_read_like_a_browser_reads_them() {
        assert_eq!(scheme("https://example.org").as_deref(), Some("https"));
        assert_eq!(scheme("mailto:a@b.be").as_deref(), Some("mailto"));
        assert_eq!(scheme("JaVaScRiPt:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme(" \u{1}javascript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("java\tscript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("java\nscr\ript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("bijlage.pdf"), None);
        assert_eq!(scheme("img/a:b.png"), None);
        assert_eq!(scheme("@/publicaties/a.md#x"), None);
        assert_eq!(scheme("#anker"), None);
        assert_eq!(scheme("1abc:x"), None);
        assert_eq!(scheme("//example.org/a"), None);
    }

    #[test]
    fn only_web_mail_and_phone_schemes_are_allowed() {
        for allowed in [
            "http://a",
            "HTTPS://a",
            "mailto:a@b",
            "tel:+32",
            "a.pdf",
            "#x",
        ] {
            assert_eq!(forbidden_scheme(allowed), None, "{allowed}");
        }
        for forbidden in [
            "javascript:x",
            "data:text/html,x",
            "VBScript:x",
            "ftp://a",
            "c:/x",
        ] {
            assert!(forbidden_scheme(forbidden).is_some(), "{forbidden}");
        }
    }

    fn removed(markdown: &str) -> (String, Vec<String>) {
        let events = Parser::new_ext(markdown, super::super::options())
            .into_offset_iter()
            .collect();
        let (events, findings) = remove_forbidden(events);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
        (html, findings.into_iter().map(|f| f.message).collect())
    }

    #[test]
    fn forbidden_links_lose_their_link_and_keep_their_text() {
        let markdown = "[a](javascript:alert(1)) [b](&#106;avascript:x) [c](<java\tscript:x>) \
            [d](< javascript:x>) [e](JaVaScRiPt:x) <vbscript:x> ![f](data:image/png;base64,AA) \
            [g](https://example.org/) [h](mailto:a@b.be) [![i](data:x)](https://example.org/)";
        let (html, findings) = removed(markdown);
        assert_eq!(
            html,
            "<p>a b c d e vbscript:x f <a href=\"https://example.org/\">g</a> \
             <a href=\"mailto:a@b.be\">h</a> <a href=\"https://example.org/\">i</a></p>\n"
        );
        assert_eq!(findings.len(), 8, "{findings:#?}");
        assert_eq!(
            findings[0],
            "removed the link to `javascript:alert(1)` (links may not use `javascript:`)"
        );
        assert!(findings[6].starts_with("removed the image to `data:image/png"));
    }
}
