//! The URL of every document: the language prefix, the localised slug of every folder above it, and
//! its own slug.

use std::collections::HashMap;

use crate::config::SiteConfig;
use crate::content::{Content, Document, Kind};
use crate::site::SitePath;
use crate::slug::slugify;

/// The page of every document, indexed like `content.documents`.
pub fn document_paths(content: &Content, config: &SiteConfig) -> Vec<SitePath> {
    // A folder's segment in one language is the same for every document below it.
    let mut segments: HashMap<(String, String), String> = HashMap::new();
    content
        .documents
        .iter()
        .map(|document| {
            let prefix = config
                .language(&document.lang)
                .map_or(document.lang.as_str(), |language| language.prefix.as_str());
            let mut path = vec![prefix.to_owned()];
            let mut dir_prefix = String::new();
            for component in document.dir.split('/').filter(|c| !c.is_empty()) {
                if !dir_prefix.is_empty() {
                    dir_prefix.push('/');
                }
                dir_prefix.push_str(component);
                let key = (dir_prefix.clone(), document.lang.clone());
                let segment = segments
                    .entry(key)
                    .or_insert_with(|| folder_segment(content, &dir_prefix, &document.lang));
                path.push(segment.clone());
            }
            if document.kind == Kind::Page {
                path.push(own_segment(document));
            }
            SitePath::page(path.iter().map(|s| fallback_segment(s)))
        })
        .collect()
}

/// The print view of every publication, one folder below its landing page, indexed like
/// `content.documents`.
pub fn print_view_paths(
    content: &Content,
    config: &SiteConfig,
    documents: &[SitePath],
) -> Vec<Option<SitePath>> {
    documents
        .iter()
        .enumerate()
        .map(|(doc, path)| {
            let language = config.language(&content.documents[doc].lang)?;
            content
                .is_publication(doc)
                .then(|| path.subpage(&language.print_slug))
        })
        .collect()
}

/// A folder's segment: its section's own segment in `lang`, or its slugified name without a section.
fn folder_segment(content: &Content, dir: &str, lang: &str) -> String {
    match content.section_at(dir) {
        Some(group) => own_segment(&content.documents[content.best_member(group, lang)]),
        None => slugify(dir.rsplit('/').next().unwrap_or(dir)),
    }
}

/// The URL segment of a document's own folder or file.
fn own_segment(document: &Document) -> String {
    if let Some(slug) = &document.front().slug {
        return slug.clone();
    }
    let name = match (&document.kind, &document.bundle_dir) {
        (Kind::Section, _) => document.dir.rsplit('/').next().unwrap_or_default(),
        (Kind::Page, Some(bundle)) => bundle.rsplit('/').next().unwrap_or_default(),
        (Kind::Page, None) => document
            .neutral_path
            .rsplit('/')
            .next()
            .and_then(|name| name.strip_suffix(".md"))
            .unwrap_or_default(),
    };
    slugify(name)
}

/// A name without letters or digits still needs a safe URL segment.
fn fallback_segment(segment: &str) -> &str {
    if segment.is_empty() { "-" } else { segment }
}
