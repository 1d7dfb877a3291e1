//! The site-wide files, drawn with the theme's templates like pages (kennis brings built-in ones that
//! a theme or site may override): `sitemap.xml` with every page and its language versions as
//! `xhtml:link` alternates, an Atom feed per language with its newest dated documents, and
//! `robots.txt`; and for a copy opened from disk, `README.txt`, which tells readers to open
//! `index.html`. A feed's `updated` is its newest entry's date, so that equal input gives an equal
//! feed.

use serde::Serialize;

use crate::config::{Language, SiteConfig};
use crate::content::{Content, DocId, Document};
use crate::error::Result;
use crate::routes::Routes;
use crate::site::{Alternate, OutputFile, PageRecord, uri};
use crate::theme::Theme;

const SITEMAP_TEMPLATE: &str = "sitemap.xml";
const FEED_TEMPLATE: &str = "atom.xml";
const ROBOTS_TEMPLATE: &str = "robots.txt";
const OFFLINE_README_TEMPLATE: &str = "offline_readme.txt";
const MAX_FEED_ENTRIES: usize = 100;
/// A feed without dated documents still needs an `updated`; a fixed one keeps builds reproducible.
const EPOCH: &str = "1970-01-01";

#[derive(Serialize)]
struct Sitemap {
    pages: Vec<SitemapPage>,
}

#[derive(Serialize)]
struct SitemapPage {
    loc: String,
    lastmod: Option<String>,
    /// Empty for a page that exists in one language only.
    alternates: Vec<Alternate>,
}

#[derive(Serialize)]
struct Feed<'a> {
    lang: &'a str,
    title: &'a str,
    description: &'a str,
    self_url: String,
    home: String,
    updated: String,
    entries: Vec<FeedEntry<'a>>,
}

#[derive(Serialize)]
struct FeedEntry<'a> {
    title: &'a str,
    url: String,
    published: String,
    updated: String,
    summary: Option<&'a str>,
}

/// The sitemap, the feeds and robots.txt, at the URLs the routes gave them.
pub fn render(
    config: &SiteConfig,
    content: &Content,
    routes: &Routes,
    theme: &Theme,
    pages: &[PageRecord],
) -> Result<Vec<OutputFile>> {
    let mut files = vec![OutputFile::generated(
        Routes::sitemap(),
        theme
            .render(SITEMAP_TEMPLATE, &sitemap(config, pages), None)?
            .into_bytes(),
    )];
    for language in &config.languages {
        if let Some(path) = routes.feed(&language.code) {
            let feed = feed(config, content, routes, language);
            let xml = theme.render(FEED_TEMPLATE, &feed, None)?;
            files.push(OutputFile::generated(path.clone(), xml.into_bytes()));
        }
    }
    let robots = serde_json::json!({
        "sitemap": config.base_url.join(Routes::sitemap().as_str()),
    });
    files.push(OutputFile::generated(
        Routes::robots(),
        theme.render(ROBOTS_TEMPLATE, &robots, None)?.into_bytes(),
    ));
    if let Some(path) = routes.offline_readme() {
        let titles: Vec<_> = config
            .languages
            .iter()
            .map(|language| serde_json::json!({ "code": language.code, "title": language.title }))
            .collect();
        let readme = theme.render(
            OFFLINE_README_TEMPLATE,
            &serde_json::json!({ "languages": titles }),
            None,
        )?;
        files.push(OutputFile::generated(path, readme.into_bytes()));
    }
    Ok(files)
}

/// The sitemap protocol wants URIs: every URL is percent-encoded.
fn sitemap(config: &SiteConfig, pages: &[PageRecord]) -> Sitemap {
    let mut pages: Vec<&PageRecord> = pages.iter().collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let pages = pages
        .into_iter()
        .map(|page| {
            let languages = page
                .alternates
                .iter()
                .filter(|alternate| alternate.hreflang != "x-default")
                .count();
            let alternates = if languages > 1 {
                page.alternates
                    .iter()
                    .map(|alternate| Alternate {
                        hreflang: alternate.hreflang.clone(),
                        href: uri(&alternate.href),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            SitemapPage {
                loc: uri(&config.base_url.join(page.path.as_str())),
                lastmod: page.updated.map(|date| date.to_string()),
                alternates,
            }
        })
        .collect();
    Sitemap { pages }
}

fn feed<'a>(
    config: &SiteConfig,
    content: &'a Content,
    routes: &Routes,
    language: &'a Language,
) -> Feed<'a> {
    let entries = newest_documents(content, routes, &language.code);
    let newest = |doc: DocId| {
        let front = &content.documents[doc].front();
        front.updated.or(front.date)
    };
    let updated = entries
        .first()
        .and_then(|&doc| newest(doc))
        .map_or_else(|| EPOCH.to_owned(), |date| date.to_string());
    let home = routes.document(content.home(&language.code));
    Feed {
        lang: &language.code,
        title: &language.title,
        description: &language.description,
        self_url: routes
            .feed(&language.code)
            .map(|feed| config.base_url.join(feed.as_str()))
            .unwrap_or_default(),
        home: config.base_url.join(home.as_str()),
        updated,
        entries: entries
            .into_iter()
            .map(|doc| feed_entry(config, routes, doc, &content.documents[doc]))
            .collect(),
    }
}

/// The dated documents of `lang`, newest first (by `updated`, else `date`), then by URL.
fn newest_documents(content: &Content, routes: &Routes, lang: &str) -> Vec<DocId> {
    let mut entries: Vec<DocId> = (0..content.documents.len())
        .filter(|&doc| {
            let document = &content.documents[doc];
            document.lang == lang && document.front().date.is_some()
        })
        .collect();
    entries.sort_by(|&a, &b| {
        let newest = |d: &Document| d.front().updated.or(d.front().date);
        newest(&content.documents[b])
            .cmp(&newest(&content.documents[a]))
            .then_with(|| routes.document(a).cmp(routes.document(b)))
    });
    entries.truncate(MAX_FEED_ENTRIES);
    entries
}

fn feed_entry<'a>(
    config: &SiteConfig,
    routes: &Routes,
    doc: DocId,
    document: &'a Document,
) -> FeedEntry<'a> {
    let date_text =
        |date: Option<crate::site::Date>| date.map(|d| d.to_string()).unwrap_or_default();
    FeedEntry {
        title: &document.front().title,
        url: config.base_url.join(routes.document(doc).as_str()),
        published: date_text(document.front().date),
        updated: date_text(document.front().updated.or(document.front().date)),
        summary: document.front().description.as_deref(),
    }
}
