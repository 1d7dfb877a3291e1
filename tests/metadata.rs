//! The metadata every page carries, read back from a built fixture site: the schema.org JSON-LD
//! parsed with serde_json and checked per type against a table of the properties each type must
//! have (and the links between publications, chapters and translations followed both ways), the
//! Open Graph, Twitter card and `citation_*` tags, the cite block, and the citation files read by
//! the parsers of their formats: bibtexparser and rispy (Python; CI installs them and fails without
//! them), serde_json for CSL-JSON. One publication's title holds `</script>`, `{`, `%` and `&`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use kennis::html::decode_entities;
use regex::Regex;
use serde_json::Value;

/// A publication whose title tries to break out of every format, with authors and a chapter.
const TRICKY_TITLE: &str = "Lastig </script> {x} 100% & co";
const TRICKY: &str = r#"+++
title = "Lastig </script> {x} 100% & co"
date = 2024-03-09
description = "Een rapport met een lastige titel."
authors = ["An Peeters", "Bo Claes"]
[taxonomies]
type = ["rapport"]
+++
Een publicatie met auteurs.
"#;
const TRICKY_CHAPTER: &str = "+++\ntitle = \"Hoofdstuk\"\nweight = 1\n+++\nTekst.\n";

/// The properties a node of each schema.org type must carry on this site.
const REQUIRED: &[(&str, &[&str])] = &[
    (
        "Report",
        &[
            "name",
            "url",
            "inLanguage",
            "publisher",
            "datePublished",
            "hasPart",
        ],
    ),
    (
        "CreativeWork",
        &["name", "url", "inLanguage", "publisher", "hasPart"],
    ),
    (
        "Chapter",
        &["name", "url", "inLanguage", "publisher", "isPartOf"],
    ),
    ("WebSite", &["name", "url", "inLanguage", "publisher"]),
    (
        "CollectionPage",
        &["name", "url", "inLanguage", "publisher", "isPartOf"],
    ),
    (
        "WebPage",
        &["name", "url", "inLanguage", "publisher", "isPartOf"],
    ),
    (
        "SearchResultsPage",
        &["name", "url", "inLanguage", "publisher", "isPartOf"],
    ),
];

/// What the test reads from one HTML page.
struct Page {
    canonical: String,
    locale: String,
    json_ld: Value,
    /// `property` or `name` of every `<meta>` → its contents, in order.
    meta: BTreeMap<String, Vec<String>>,
    html: String,
}

fn built_site() -> common::Site {
    let site = common::fixture();
    site.write("content/publicaties/lastig/_index.md", TRICKY);
    site.write("content/publicaties/lastig/hoofdstuk.md", TRICKY_CHAPTER);
    site.build_ok();
    site
}

fn read_pages(output: &Path) -> BTreeMap<String, Page> {
    let script = Regex::new(r#"(?s)<script type="application/ld\+json">(.*?)</script>"#).unwrap();
    let meta = Regex::new(r#"<meta (?:property|name)="([^"]+)" content="([^"]*)">"#).unwrap();
    let canonical = Regex::new(r#"<link rel="canonical" href="([^"]+)">"#).unwrap();
    let lang = Regex::new(r#"<html lang="([^"]+)">"#).unwrap();
    let mut pages = BTreeMap::new();
    for (relative, bytes) in common::files_below(output) {
        if !relative.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).expect("UTF-8 page");
        let scripts: Vec<&str> = script
            .captures_iter(&html)
            .map(|c| c.get(1).unwrap().as_str())
            .collect();
        assert_eq!(scripts.len(), 1, "{relative}: one JSON-LD script");
        let json_ld: Value = serde_json::from_str(scripts[0]).unwrap_or_else(|error| {
            panic!("{relative}: JSON-LD is not JSON: {error}\n{}", scripts[0])
        });
        let mut tags: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for capture in meta.captures_iter(&html) {
            tags.entry(capture[1].to_owned())
                .or_default()
                .push(decode_entities(&capture[2]).into_owned());
        }
        let canonical = canonical.captures(&html).map(|c| c[1].to_owned());
        let code = lang.captures(&html).map(|c| c[1].to_owned()).unwrap();
        let locale = if code == "nl" { "nl-BE" } else { "en-GB" };
        pages.insert(
            relative.clone(),
            Page {
                canonical: canonical.unwrap_or_else(|| panic!("{relative}: no canonical link")),
                locale: locale.to_owned(),
                json_ld,
                meta: tags,
                html,
            },
        );
    }
    pages
}

fn text<'a>(node: &'a Value, property: &str) -> &'a str {
    node[property]
        .as_str()
        .unwrap_or_else(|| panic!("{property} is not text in {node}"))
}

/// The page a canonical URL of the fixture (`https://example.org/kennis/…/`) is written to.
fn page_at<'a>(pages: &'a BTreeMap<String, Page>, url: &str) -> &'a Page {
    let relative = url
        .strip_prefix("https://example.org/kennis/")
        .unwrap_or_else(|| panic!("{url} is not on the site"));
    let file = if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_owned()
    };
    pages
        .get(&file)
        .unwrap_or_else(|| panic!("{url}: no page {file}"))
}

#[test]
fn every_page_has_json_ld_with_the_properties_of_its_type() {
    let site = built_site();
    let pages = read_pages(&site.output());
    assert!(pages.len() > 20, "{} pages", pages.len());
    let iso_date = Regex::new(r"^\d{4}-\d{2}-\d{2}$").unwrap();
    for (relative, page) in &pages {
        let node = &page.json_ld;
        assert_eq!(node["@context"], "https://schema.org", "{relative}");
        let kind = text(node, "@type");
        let required = REQUIRED
            .iter()
            .find(|(name, _)| *name == kind)
            .unwrap_or_else(|| panic!("{relative}: unexpected type {kind}"))
            .1;
        for property in required {
            assert!(
                node.get(*property).is_some(),
                "{relative}: {kind} without {property}"
            );
        }
        assert_eq!(text(node, "url"), page.canonical, "{relative}");
        assert_eq!(text(node, "inLanguage"), page.locale, "{relative}");
        assert_eq!(node["publisher"]["@type"], "Organization", "{relative}");
        let publisher = text(&node["publisher"], "name");
        assert!(["Testsite", "Test site"].contains(&publisher), "{relative}");
        for date in ["datePublished", "dateModified"] {
            if let Some(date) = node.get(date) {
                let date = date.as_str().unwrap();
                assert!(iso_date.is_match(date), "{relative}: {date}");
            }
        }
        check_links(&pages, relative, node);
    }
}

/// Every reference names a page that exists and whose own node points back.
fn check_links(pages: &BTreeMap<String, Page>, relative: &str, node: &Value) {
    let url = text(node, "url");
    if let Some(publication) = node.get("isPartOf").filter(|_| node["@type"] == "Chapter") {
        let landing = &page_at(pages, text(publication, "url")).json_ld;
        assert_eq!(landing["@type"], publication["@type"], "{relative}");
        let parts = landing["hasPart"].as_array().expect("hasPart");
        assert!(
            parts.iter().any(|part| part["url"] == url),
            "{relative}: not a part of its publication"
        );
    }
    for part in node
        .get("hasPart")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let chapter = &page_at(pages, text(part, "url")).json_ld;
        assert_eq!(chapter["@type"], "Chapter", "{relative}");
        assert_eq!(chapter["isPartOf"]["url"], url, "{relative}");
    }
    for translation in node
        .get("workTranslation")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let version = &page_at(pages, text(translation, "url")).json_ld;
        assert_eq!(version["translationOfWork"]["url"], url, "{relative}");
        assert_eq!(version["@type"], node["@type"], "{relative}");
        assert_eq!(
            translation["inLanguage"], version["inLanguage"],
            "{relative}"
        );
    }
    if let Some(original) = node.get("translationOfWork") {
        let work = &page_at(pages, text(original, "url")).json_ld;
        let versions = work["workTranslation"].as_array().expect("workTranslation");
        assert!(
            versions.iter().any(|version| version["url"] == url),
            "{relative}"
        );
    }
}

#[test]
fn publications_chapters_and_translations_are_described_as_such() {
    let site = built_site();
    let pages = read_pages(&site.output());
    let report = &pages["nl/publicaties/rapport/index.html"].json_ld;
    assert_eq!(report["@type"], "Report");
    assert_eq!(report["name"], "Rapport over klimaat");
    assert_eq!(report["datePublished"], "2025-06-01");
    assert!(
        report.get("author").is_none(),
        "no authors in its front matter"
    );
    assert_eq!(
        report["workTranslation"][0]["url"],
        "https://example.org/kennis/en/publications/report/"
    );
    let chapters: Vec<&str> = report["hasPart"]
        .as_array()
        .unwrap()
        .iter()
        .map(|part| text(part, "name"))
        .collect();
    assert_eq!(
        chapters,
        ["Klimaat in Gent", "Data", "Alleen in het Nederlands"]
    );
    let english = &pages["en/publications/report/index.html"].json_ld;
    assert_eq!(
        english["translationOfWork"]["url"],
        "https://example.org/kennis/nl/publicaties/rapport/"
    );
    let chapter = &pages["nl/publicaties/rapport/klimaat/index.html"].json_ld;
    assert_eq!(chapter["isPartOf"]["name"], "Rapport over klimaat");
    assert_eq!(pages["nl/index.html"].json_ld["@type"], "WebSite");
    assert_eq!(pages["nl/over-ons/index.html"].json_ld["@type"], "WebPage");
    assert_eq!(
        pages["nl/publicaties/index.html"].json_ld["@type"],
        "CollectionPage"
    );
}

#[test]
fn a_title_that_ends_scripts_and_breaks_latex_survives_every_format() {
    let site = built_site();
    let pages = read_pages(&site.output());
    let landing = &pages["nl/publicaties/lastig/index.html"];
    assert_eq!(landing.json_ld["name"], TRICKY_TITLE);
    assert_eq!(landing.json_ld["@type"], "Report");
    let authors: Vec<&Value> = landing.json_ld["author"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(
        authors[0],
        &serde_json::json!({"@type": "Person", "name": "An Peeters"})
    );
    assert_eq!(authors[1]["name"], "Bo Claes");
    assert_eq!(landing.meta["citation_title"], [TRICKY_TITLE]);
    assert_eq!(landing.meta["citation_author"], ["An Peeters", "Bo Claes"]);
    let chapter = &pages["nl/publicaties/lastig/hoofdstuk/index.html"];
    assert_eq!(
        chapter.meta["citation_author"],
        ["An Peeters", "Bo Claes"],
        "taken from the publication"
    );
    assert_eq!(chapter.json_ld["isPartOf"]["name"], TRICKY_TITLE);

    let bib = site.output().join("nl/publicaties/lastig/lastig.bib");
    let parsed = parse_citation_files(std::slice::from_ref(&bib));
    let Some(parsed) = parsed else { return };
    let entry = &parsed[bib.to_str().unwrap()];
    assert_eq!(entry["failed_blocks"], serde_json::json!([]));
    let fields = &entry["entries"][0]["fields"];
    assert_eq!(
        fields["title"],
        "Lastig \\textless{}/script\\textgreater{} \\{x\\} 100\\% \\& co"
    );
    assert_eq!(fields["author"], "An Peeters and Bo Claes");
}

#[test]
fn every_page_has_open_graph_and_twitter_tags_and_publications_have_citation_tags() {
    let site = built_site();
    let pages = read_pages(&site.output());
    let slashed_date = Regex::new(r"^\d{4}/\d{2}/\d{2}$").unwrap();
    for (relative, page) in &pages {
        let one = |name: &str| -> &str {
            match page.meta.get(name).map(Vec::as_slice) {
                Some([value]) => value,
                other => panic!("{relative}: {name} is {other:?}"),
            }
        };
        assert!(!one("og:title").is_empty(), "{relative}");
        assert!(!one("og:description").is_empty(), "{relative}");
        assert!(
            ["article", "website"].contains(&one("og:type")),
            "{relative}"
        );
        assert_eq!(one("og:url"), page.canonical, "{relative}");
        assert_eq!(
            one("og:locale"),
            page.locale.replace('-', "_"),
            "{relative}"
        );
        assert!(!one("og:site_name").is_empty(), "{relative}");
        assert_eq!(one("twitter:card"), "summary", "{relative}");
        assert!(
            !page.meta.contains_key("citation_pdf_url"),
            "{relative}: there is no PDF"
        );
        let in_publication =
            page.json_ld["@type"] == "Report" || page.json_ld["@type"] == "Chapter";
        assert_eq!(
            page.meta.contains_key("citation_title"),
            in_publication,
            "{relative}"
        );
        if in_publication {
            assert_eq!(
                one("citation_title"),
                text(&page.json_ld, "name"),
                "{relative}"
            );
            let date = one("citation_publication_date");
            assert!(slashed_date.is_match(date), "{relative}: {date}");
            assert!(!one("citation_publisher").is_empty(), "{relative}");
            assert_eq!(one("citation_language"), &page.locale[..2], "{relative}");
            assert_eq!(one("citation_public_url"), page.canonical, "{relative}");
        }
    }
    let chapter = &pages["en/publications/report/climate/index.html"];
    assert_eq!(chapter.meta["og:type"], ["article"]);
    assert_eq!(chapter.meta["og:locale:alternate"], ["nl_BE"]);
    assert_eq!(chapter.meta["citation_publication_date"], ["2025/06/01"]);
    assert_eq!(pages["nl/index.html"].meta["og:type"], ["website"]);
    assert!(
        !pages["nl/publicaties/rapport/alleen-nl/index.html"]
            .meta
            .contains_key("og:locale:alternate")
    );
}

#[test]
fn the_cite_block_links_to_citation_files_that_their_parsers_read() {
    let site = built_site();
    let output = site.output();
    let pages = read_pages(&output);
    let link =
        Regex::new(r#"<a href="([^"]+)" download="([^"]+)" type="[^"]+">([^<]+)</a>"#).unwrap();
    let mut bib_and_ris = Vec::new();
    let mut publications = 0;
    for (relative, page) in &pages {
        let is_publication =
            page.json_ld["@type"] == "Report" || page.json_ld["@type"] == "CreativeWork";
        let Some(block) = page
            .html
            .split(r#"<section class="section-list cite""#)
            .nth(1)
        else {
            assert!(
                !is_publication,
                "{relative}: a publication without a cite block"
            );
            continue;
        };
        assert!(
            is_publication,
            "{relative}: a cite block outside a publication"
        );
        publications += 1;
        let block = block.split("</section>").next().unwrap();
        let heading = if relative.starts_with("nl/") {
            "Deze publicatie citeren"
        } else {
            "Cite this publication"
        };
        assert!(
            block.contains(&format!(r#"<h2 id="cite-title">{heading}</h2>"#)),
            "{relative}"
        );
        assert!(
            block.contains(&format!(
                "<cite>{}</cite>",
                kennis::html::escape(text(&page.json_ld, "name"))
            )),
            "{relative}"
        );
        let folder = Path::new(relative).parent().unwrap();
        let links: Vec<(String, String, String)> = link
            .captures_iter(block)
            .map(|c| (c[1].to_owned(), c[2].to_owned(), c[3].to_owned()))
            .collect();
        let formats: Vec<&str> = links.iter().map(|(_, _, format)| format.as_str()).collect();
        assert_eq!(formats, ["BibTeX", "RIS", "CSL-JSON"], "{relative}");
        for (href, download, _) in &links {
            assert!(
                !href.contains('/') && href == download,
                "{relative}: {href} lies beside the page"
            );
            let file = output.join(folder).join(href);
            assert!(file.is_file(), "{relative}: {href} does not exist");
            match file.extension().and_then(|e| e.to_str()) {
                Some("json") => check_csl_json(&file, &page.json_ld),
                _ => bib_and_ris.push(file),
            }
        }
    }
    assert_eq!(publications, 3, "rapport in two languages and lastig");
    let Some(parsed) = parse_citation_files(&bib_and_ris) else {
        return;
    };
    for file in &bib_and_ris {
        let result = &parsed[file.to_str().unwrap()];
        let entries = result["entries"].as_array().expect("entries");
        assert_eq!(entries.len(), 1, "{}", file.display());
        if file.extension().is_some_and(|e| e == "bib") {
            assert_eq!(
                result["failed_blocks"],
                serde_json::json!([]),
                "{}",
                file.display()
            );
            assert_eq!(entries[0]["entry_type"], "techreport");
            let fields = &entries[0]["fields"];
            for field in ["title", "institution", "year", "url", "language"] {
                assert!(
                    fields.get(field).is_some(),
                    "{}: no {field}",
                    file.display()
                );
            }
        } else {
            assert_eq!(
                result["line_endings"],
                serde_json::json!(["crlf"]),
                "{}",
                file.display()
            );
            assert_eq!(entries[0]["type_of_reference"], "RPRT");
            assert!(
                entries[0]["urls"][0]
                    .as_str()
                    .is_some_and(|url| url.starts_with("https://example.org/kennis/"))
            );
            assert!(entries[0].get("title").is_some() && entries[0].get("publisher").is_some());
        }
    }
    let rapport = &parsed[output
        .join("nl/publicaties/rapport/rapport.ris")
        .to_str()
        .unwrap()]["entries"][0];
    assert_eq!(rapport["title"], "Rapport over klimaat");
    assert_eq!(rapport["date"], "2025/06/01");
    assert!(
        rapport.get("authors").is_none(),
        "no authors in its front matter"
    );
    let lastig = &parsed[output
        .join("nl/publicaties/lastig/lastig.ris")
        .to_str()
        .unwrap()]["entries"][0];
    assert_eq!(
        lastig["authors"],
        serde_json::json!(["An Peeters", "Bo Claes"])
    );
    assert_eq!(lastig["title"], TRICKY_TITLE);
}

/// CSL-JSON: an array of one item with an id, a type, a title and the page's date.
fn check_csl_json(file: &Path, landing: &Value) {
    let text = std::fs::read_to_string(file).expect("readable");
    let items: Value = serde_json::from_str(&text).expect("CSL-JSON is JSON");
    let items = items.as_array().expect("an array");
    assert_eq!(items.len(), 1, "{}", file.display());
    let item = &items[0];
    assert!(
        item["id"].as_str().is_some_and(|id| !id.is_empty()),
        "{}",
        file.display()
    );
    assert_eq!(item["type"], "report", "{}", file.display());
    assert_eq!(item["title"], landing["name"], "{}", file.display());
    assert_eq!(item["URL"], landing["url"], "{}", file.display());
    let published = text_date_parts(landing);
    assert_eq!(
        item["issued"]["date-parts"],
        serde_json::json!([published]),
        "{}",
        file.display()
    );
}

fn text_date_parts(node: &Value) -> Vec<u32> {
    text(node, "datePublished")
        .split('-')
        .map(|part| part.parse().expect("a number"))
        .collect()
}

/// What `tests/citation_parsers.py` makes of `files`, or `None` outside CI when Python lacks
/// bibtexparser or rispy (CI installs them; there their absence fails the test).
fn parse_citation_files(files: &[PathBuf]) -> Option<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/citation_parsers.py");
    let output = Command::new("python3").arg(&script).args(files).output();
    let in_ci = std::env::var("CI").is_ok_and(|value| value == "true");
    match output {
        Ok(output) if output.status.success() => {
            Some(serde_json::from_slice(&output.stdout).expect("the reader prints JSON"))
        }
        Ok(output) => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let missing = stderr.contains("ModuleNotFoundError");
            if missing && !in_ci {
                eprintln!(
                    "SKIPPED the citation parsers: {stderr}run `python3 -m pip install bibtexparser==2.1.0 rispy==0.10.0`"
                );
                return None;
            }
            panic!("the citation parsers failed:\n{stderr}");
        }
        Err(error) if !in_ci => {
            eprintln!("SKIPPED the citation parsers: python3 does not run ({error})");
            None
        }
        Err(error) => panic!("python3 does not run: {error}"),
    }
}
