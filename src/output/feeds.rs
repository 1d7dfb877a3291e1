//! An Atom feed per language (`/nl/atom.xml`) with the newest dated pages and sections of that
//! language. Its `updated` is the newest entry's date, so that equal input gives an equal feed.

use super::xml_escape;
use crate::config::{Language, SiteConfig};
use crate::content::Content;

const MAX_ENTRIES: usize = 100;

pub fn atom(config: &SiteConfig, content: &Content, language: &Language) -> String {
    let mut entries: Vec<usize> = content
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| d.lang == language.code && d.front.date.is_some())
        .map(|(doc, _)| doc)
        .collect();
    entries.sort_by(|&a, &b| {
        let (a, b) = (&content.documents[a], &content.documents[b]);
        let newest = |d: &crate::content::Document| d.front.updated.or(d.front.date);
        newest(b)
            .cmp(&newest(a))
            .then_with(|| a.site_path.cmp(&b.site_path))
    });
    entries.truncate(MAX_ENTRIES);
    let home = config.base_url.join(&format!("{}/", language.prefix));
    let self_url = config
        .base_url
        .join(&format!("{}/atom.xml", language.prefix));
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
        lang = xml_escape(&language.code),
        title = xml_escape(&language.title),
        description = xml_escape(&language.description),
        self_url = xml_escape(&self_url),
        home = xml_escape(&home),
        updated = updated,
    );
    for doc in entries {
        let document = &content.documents[doc];
        let url = config.base_url.join(document.site_path.as_str());
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
            title = xml_escape(&document.front.title),
            url = xml_escape(&url),
            published = published,
            updated = updated,
        ));
        if let Some(description) = &document.front.description {
            xml.push_str(&format!(
                "    <summary>{}</summary>\n",
                xml_escape(description)
            ));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
