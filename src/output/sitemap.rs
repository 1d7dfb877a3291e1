//! `sitemap.xml`: every page with its language versions as `xhtml:link` alternates and `x-default`.

use crate::config::BaseUrl;
use crate::html;
use crate::site::PageRecord;

pub fn sitemap(base_url: &BaseUrl, pages: &[PageRecord]) -> String {
    let mut pages: Vec<&PageRecord> = pages.iter().collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let mut xml = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    ));
    for page in pages {
        let loc = base_url.join(page.path.as_str());
        xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", html::escape(&loc)));
        if let Some(date) = page.updated {
            xml.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
        }
        let translated = page
            .alternates
            .iter()
            .filter(|a| a.hreflang != "x-default")
            .count()
            > 1;
        if translated {
            for alternate in &page.alternates {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    html::escape(&alternate.hreflang),
                    html::escape(&alternate.href)
                ));
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
