//! Link destinations in Markdown: `@/path.md#anchor` to another document in the linking page's
//! language, `#anchor` on the same page, relative paths to files copied beside a page, and everything
//! else (web addresses, `mailto:`) left as written; web addresses are collected for `kennis check`.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Tag};

use crate::content::{Content, DocId};
use crate::routes::Routes;
use crate::suggest;

/// A link to an anchor on another page, checked once every page is rendered.
#[derive(Debug, Clone)]
pub struct CrossPageAnchor {
    pub source: DocId,
    /// 0-based line of the link in the body.
    pub line: usize,
    pub target: DocId,
    pub anchor: String,
    pub written: String,
}

/// A link to a web address, as written, and the 0-based line of the body it is on.
pub struct WebLink {
    pub url: String,
    pub line: usize,
}

pub struct LinkResolver<'a> {
    content: &'a Content,
    routes: &'a Routes,
    doc: DocId,
    own_anchors: &'a HashSet<String>,
    pending: Vec<CrossPageAnchor>,
    web: Vec<WebLink>,
}

impl<'a> LinkResolver<'a> {
    pub fn new(
        content: &'a Content,
        routes: &'a Routes,
        doc: DocId,
        own_anchors: &'a HashSet<String>,
    ) -> Self {
        LinkResolver {
            content,
            routes,
            doc,
            own_anchors,
            pending: Vec::new(),
            web: Vec::new(),
        }
    }

    /// Rewrites the destination of a link or image event; `line` tells where it is written.
    pub fn rewrite(
        &mut self,
        event: &mut Event<'_>,
        line: impl FnOnce() -> usize,
    ) -> Result<(), String> {
        let destination = match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => return Ok(()),
        };
        if let Some(resolved) = self.resolve(destination, line)? {
            *destination = CowStr::from(resolved);
        }
        Ok(())
    }

    /// The links to anchors on other pages, and the links to web addresses.
    pub fn into_found(self) -> (Vec<CrossPageAnchor>, Vec<WebLink>) {
        (self.pending, self.web)
    }

    /// The new destination, `None` to keep it, or why it is broken.
    fn resolve(
        &mut self,
        destination: &str,
        line: impl FnOnce() -> usize,
    ) -> Result<Option<String>, String> {
        if let Some(internal) = destination.strip_prefix("@/") {
            return self.internal(internal, destination, line).map(Some);
        }
        if let Some(anchor) = destination.strip_prefix('#') {
            return if anchor.is_empty() || self.own_anchors.contains(anchor) {
                Ok(None)
            } else {
                Err(self.missing_own_anchor(anchor))
            };
        }
        if is_web_address(destination) {
            self.web.push(WebLink {
                url: destination.to_owned(),
                line: line(),
            });
            return Ok(None);
        }
        if super::urls::scheme(destination).is_some()
            || destination.starts_with('/')
            || destination.is_empty()
        {
            return Ok(None);
        }
        self.relative_file(destination).map(Some)
    }

    fn internal(
        &mut self,
        path_and_anchor: &str,
        written: &str,
        line: impl FnOnce() -> usize,
    ) -> Result<String, String> {
        let (path, anchor) = match path_and_anchor.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (path_and_anchor, None),
        };
        let group = self
            .content
            .resolve(path)
            .ok_or_else(|| self.missing_page(path, written))?;
        let document = &self.content.documents[self.doc];
        let target = self.content.best_member(group, &document.lang);
        let mut url = self
            .routes
            .link(self.routes.document(self.doc), self.routes.document(target));
        if let Some(anchor) = anchor.filter(|anchor| !anchor.is_empty()) {
            if target == self.doc {
                if !self.own_anchors.contains(anchor) {
                    return Err(self.missing_own_anchor(anchor));
                }
            } else {
                self.pending.push(CrossPageAnchor {
                    source: self.doc,
                    line: line(),
                    target,
                    anchor: anchor.to_owned(),
                    written: written.to_owned(),
                });
            }
            if target == self.doc {
                url.clear();
            }
            url.push('#');
            url.push_str(anchor);
        }
        Ok(url)
    }

    fn missing_own_anchor(&self, anchor: &str) -> String {
        let message = format!("there is no heading or footnote `#{anchor}` on this page");
        let ids = self.own_anchors.iter().map(String::as_str);
        match suggest::closest(anchor, ids) {
            Some(id) => format!("{message}; did you mean `#{id}`?"),
            None => message,
        }
    }

    fn missing_page(&self, path: &str, written: &str) -> String {
        let message =
            format!("`{written}` links to content/{path}, which does not exist (or is a draft)");
        match suggest::closest(path, self.content.link_paths()) {
            Some(existing) => format!("{message}; did you mean `@/{existing}`?"),
            None => message,
        }
    }

    fn relative_file(&self, destination: &str) -> Result<String, String> {
        let split_at = destination.find(['#', '?']).unwrap_or(destination.len());
        let (path, suffix) = destination.split_at(split_at);
        let document = &self.content.documents[self.doc];
        let relative = normalise(document.source_dir(), path)
            .ok_or_else(|| format!("`{destination}` points outside content/"))?;
        if relative.ends_with(".md") {
            return Err(format!(
                "`{destination}` links to a Markdown file; write the link as `@/{relative}` so it goes to the published page"
            ));
        }
        let target = self
            .routes
            .asset(&relative, &document.lang)
            .ok_or_else(|| {
                format!("`{destination}` links to content/{relative}, which does not exist")
            })?;
        Ok(format!(
            "{}{suffix}",
            target.relative_from(self.routes.document(self.doc))
        ))
    }
}

/// An `http:` or `https:` address, whatever the case of its scheme.
fn is_web_address(destination: &str) -> bool {
    destination.split_once("://").is_some_and(|(scheme, _)| {
        scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
    })
}

/// `dir` joined with the relative `path`, with `.` and `..` applied; `None` if it leaves `content/`.
fn normalise(dir: &str, path: &str) -> Option<String> {
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            segment => segments.push(segment),
        }
    }
    Some(segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_recognised() {
        assert!(is_web_address("HTTPS://example.org/a"));
        assert!(is_web_address("http://127.0.0.1:8080/"));
        assert!(!is_web_address("mailto:a@b.be"));
        assert!(!is_web_address("ftp://example.org/"));
        assert!(!is_web_address("docs/http://x"));
    }

    #[test]
    fn relative_paths_are_normalised_inside_content() {
        assert_eq!(normalise("a/b", "../c.pdf").as_deref(), Some("a/c.pdf"));
        assert_eq!(
            normalise("a", "./img/x.png").as_deref(),
            Some("a/img/x.png")
        );
        assert_eq!(normalise("a", "../../x.png"), None);
    }
}
