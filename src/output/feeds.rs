//! An Atom feed per language (`/nl/atom.xml`) with the newest dated pages and sections of that
//! language. Its `updated` is the newest entry's date, so that equal input gives an equal feed.

use crate::config::{Language, SiteConfig};
use crate::content::{Content, Document};
use crate::html;
use crate::routes::Routes;

const MAX_ENTRIES: usize = 100;

pub fn atom(
    config: &SiteConfig,
    content: &Content,
    routes: &Routes,
    language: &Language,
) -> String {
    let mut entries: Vec<usize> = content
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| d.lang == language.code && d.front.date.is_some())
        .map(|(doc, _)| doc)
        .collect();
    entries.sort_by(|&a, &b| {
        let newest = |d: &Document| d.front.updated.or(d.front.date);
        newest(&content.documents[b])
            .cmp(&newest(&content.documents[a]))
            .then_with(|| routes.document(a).cmp(routes.document(b)))
    });
    entries.truncate(MAX_ENTRIES);
    let home = config
        .base_url
        .join(routes.document(content.home(&language.code)).as_str());
    let self_url = routes
        .feed(&language.code)
        .map(|feed| config.base_url.join(feed.as_str()))
        .unwrap_or_default();
    let updated = entries
        .first()
        .and_then(|&doc| {
            content.documents[doc]
                .front
                .updated
                .or(content.documents[doc].front.date)
        })
        .map_or_else(|| "1970-01-01".to_owned(), |date| date.to_string());
    let mut xml = format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n",
            "  <title>{title}</title>\n",
            "  <subtitle>{description}</subtitle>\n",
            "  <link href=\"{self_url}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
            "  <link href=\"{home}\" rel=\"alternate\" type=\"text/html\"/>\n",
            "  <id>{home}</id>\n",
            "  <updated>{updated}T00:00:00Z</updated>\n",
            "  <author><name>{title}</name></author>\n"
        ),
        lang = html::escape(&language.code),
        title = html::escape(&language.title),
        description = html::escape(&language.description),
        self_url = html::escape(&self_url),
        home = html::escape(&home),
        updated = updated,
    );
    for doc in entries {
        let document = &content.documents[doc];
        let url = config.base_url.join(routes.document(doc).as_str());
        let published = document
            .front
            .date
            .map(|d| d.to_string())
            .unwrap_or_default();
        let updated = document
            .front
            .updated
            .or(document.front.date)
            .map(|d| d.to_string())
            .unwrap_or_default();
        xml.push_str(&format!(
            concat!(
                "  <entry>\n",
                "    <title>{title}</title>\n",
                "    <link href=\"{url}\" rel=\"alternate\" type=\"text/html\"/>\n",
                "    <id>{url}</id>\n",
                "    <published>{published}T00:00:00Z</published>\n",
                "    <updated>{updated}T00:00:00Z</updated>\n"
            ),
            title = html::escape(&document.front.title),
            url = html::escape(&url),
            published = published,
            updated = updated,
        ));
        if let Some(description) = &document.front.description {
            xml.push_str(&format!(
                "    <summary>{}</summary>\n",
                html::escape(description)
            ));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
