//! The raw-HTML policy on a built site: under the default, hostile HTML and link schemes in Markdown
//! never reach a page and every removal is a warning naming file and line; `raw_html = "allow"`
//! writes them as typed; every page carries the site's Content-Security-Policy.

mod common;

use common::{Site, fixture};

/// Line 4 onwards of the page: one hostile construct per line (blank lines between blocks).
const HOSTILE_PAGE: &str = "+++
title = \"Gevaarlijk\"
+++
Tekst \"><img src=x onerror=alert(1)> na.

<script>alert(2)</script>

<iframe src=\"https://evil.example/\"></iframe>

<style>body { display: none }</style>

[Zottegem](javascript:alert(3)) en [data](data:text/html;base64,PHNjcmlwdD4=)

<a href=\"JaVaScRiPt:alert(4)\" onclick=\"alert(5)\">a</a>

## Kop {onclick=alert(6)}

<table><tr><td>Oudenaarde</td><td>m<sup>2</sup> <abbr title=\"Algemene verordening\">AVG</abbr></td></tr></table>

![kaart](https://example.org/kaart.png)
";

fn hostile_site(policy: Option<&str>) -> Site {
    let site = fixture();
    site.write("content/gevaarlijk.md", HOSTILE_PAGE);
    if let Some(policy) = policy {
        let config = std::fs::read_to_string(site.root().join("site.toml")).expect("site.toml");
        site.write("site.toml", &format!("raw_html = \"{policy}\"\n{config}"));
    }
    site
}

#[test]
fn hostile_html_and_links_are_removed_with_a_warning_at_their_line() {
    let site = hostile_site(None);
    let report = site.build_ok();
    let page = site.read_output("nl/gevaarlijk/index.html");
    let body = page
        .split("<main")
        .nth(1)
        .and_then(|main| main.split("</main>").next())
        .expect("the page has a <main>");
    for gone in [
        "onerror",
        "alert(",
        "<script",
        "<iframe",
        "<style",
        "display: none",
        "javascript:",
        "JaVaScRiPt",
        "data:text",
        "onclick",
    ] {
        assert!(!body.contains(gone), "{gone} reached the page:\n{body}");
    }
    for kept in [
        "<td>Oudenaarde</td>",
        "m<sup>2</sup>",
        "<abbr title=\"Algemene verordening\">AVG</abbr>",
        "<img src=\"x\">",
        "<img src=\"https://example.org/kaart.png\" alt=\"kaart\"",
        "Zottegem en data",
        ">a</a>",
    ] {
        assert!(body.contains(kept), "{kept} is missing:\n{body}");
    }
    let warnings: Vec<&str> = report
        .warnings
        .iter()
        .map(String::as_str)
        .filter(|warning| warning.starts_with("content/gevaarlijk.md:"))
        .collect();
    let expected = [
        "content/gevaarlijk.md:4: removed `onerror=\"alert(1)\"` from <img> in raw HTML",
        "content/gevaarlijk.md:6: removed <script> from raw HTML",
        "content/gevaarlijk.md:8: removed <iframe> from raw HTML",
        "content/gevaarlijk.md:10: removed <style> from raw HTML",
        "content/gevaarlijk.md:12: removed the link to `javascript:alert(3)` (links may not use `javascript:`)",
        "content/gevaarlijk.md:12: removed the link to `data:text/html;base64,PHNjcmlwdD4=` (links may not use `data:`)",
        "content/gevaarlijk.md:14: removed `href=\"JaVaScRiPt:alert(4)\"` from <a> in raw HTML",
        "content/gevaarlijk.md:14: removed `onclick=\"alert(5)\"` from <a> in raw HTML",
        "content/gevaarlijk.md:16: removed the attribute `onclick=alert(6)` from a heading",
    ];
    assert_eq!(warnings, expected);
    let searched = |query: &str| {
        let options = kennis::search_command::SearchOptions {
            root: site.root().to_path_buf(),
            output: site.output(),
            lang: Some("nl".to_owned()),
            filters: Vec::new(),
            limit: 10,
            query: query.to_owned(),
        };
        let response = kennis::search_command::search(&options).expect("searches");
        response
            .hits
            .into_iter()
            .map(|hit| hit.url)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        searched("Zottegem"),
        ["nl/gevaarlijk/"],
        "the kept text is indexed"
    );
    assert_eq!(
        searched("alert"),
        Vec::<String>::new(),
        "removed script text is not"
    );
}

#[test]
fn allow_writes_raw_html_as_typed_without_warnings() {
    let site = hostile_site(Some("allow"));
    let report = site.build_ok();
    let page = site.read_output("nl/gevaarlijk/index.html");
    for kept in [
        "<script>alert(2)</script>",
        "onerror=alert(1)",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "href=\"javascript:alert(3)\"",
    ] {
        assert!(page.contains(kept), "{kept} is missing under allow");
    }
    assert!(
        !report.warnings.iter().any(|w| w.contains("gevaarlijk")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn every_page_carries_the_content_security_policy_first_in_its_head() {
    let site = fixture();
    site.build_ok();
    let pages: Vec<(String, String)> = site
        .snapshot_output()
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("UTF-8 pages")))
        .collect();
    assert!(pages.len() > 10, "{} pages", pages.len());
    for (path, html) in pages {
        let head = html.split("</head>").next().unwrap_or_default();
        let policy = head
            .find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;self&#39;;")
            .unwrap_or_else(|| panic!("{path} has no policy"));
        for later in ["<script", "<link", "<style"] {
            assert!(
                head.find(later).is_none_or(|at| at > policy),
                "{path}: {later} comes before the policy"
            );
        }
        assert!(
            !head.contains("frame-ancestors"),
            "{path}: header-only directive in <meta>"
        );
    }
}
