//! The routes of a small site of its own: localised folder slugs, slugs from front matter, bundles,
//! the copies of assets, taxonomy pages, and clashes named by their files.

use std::fs;

use super::*;
use crate::content::LoadOptions;

/// Added to the shared test site: one taxonomy with two terms.
const TAXONOMY: &str = r#"
[[taxonomies]]
name = "stad"
title = { nl = "Steden", en = "Cities" }
slug = { nl = "stad", en = "city" }

[taxonomies.terms]
gent = { nl = "Gent", en = "Ghent" }
aalst = { nl = "Aalst", en = "Aalst" }

[[taxonomies]]
name = "type"
title = { nl = "Soort", en = "Kind" }
slug = { nl = "soort", en = "kind" }

[taxonomies.terms]
rapport = { nl = "Rapport", en = "Report" }
"#;

const FILES: &[(&str, &str)] = &[
    ("_index.md", "+++\ntitle = \"Home\"\n+++\n"),
    (
        "publicaties/_index.md",
        "+++\ntitle = \"Publicaties\"\n+++\n",
    ),
    (
        "publicaties/_index.en.md",
        "+++\ntitle = \"Publications\"\nslug = \"publications\"\n+++\n",
    ),
    (
        "publicaties/Jaar Plan.md",
        "+++\ntitle = \"Jaarplan\"\n[taxonomies]\nstad = [\"gent\"]\n+++\n",
    ),
    (
        "publicaties/Jaar Plan.en.md",
        "+++\ntitle = \"Plan\"\nslug = \"annual-plan\"\n+++\n",
    ),
    (
        "publicaties/bundel/index.md",
        "+++\ntitle = \"Bundel\"\n+++\n",
    ),
    ("publicaties/bundel/foto.png", "png"),
];

/// Plans the routes of `FILES` plus `extra`, with `search` as the text of `search.toml`.
fn plan(extra: &[(&str, &str)], search: &str) -> (Content, Result<Routes>) {
    let dir = tempfile::tempdir().expect("temporary folder");
    fs::write(
        dir.path().join("site.toml"),
        format!("{}{TAXONOMY}", crate::config::TEST_SITE),
    )
    .expect("write site.toml");
    for (path, text) in FILES.iter().chain(extra) {
        let path = dir.path().join("content").join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        fs::write(path, text).expect("write content");
    }
    let config = SiteConfig::load(dir.path(), None).expect("valid configuration");
    let settings = crate::config::search::parse(search, Path::new("search.toml"), &[])
        .expect("valid search.toml");
    let content = Content::load(&config, LoadOptions::default()).expect("content loads");
    let routes = Routes::plan(&config, &content, &settings);
    (content, routes)
}

fn path_of(content: &Content, routes: &Routes, source: &str) -> String {
    let wanted = Path::new("content").join(source);
    let doc = content
        .documents
        .iter()
        .position(|document| document.source_path == wanted)
        .unwrap_or_else(|| panic!("no document {source}"));
    routes.document(doc).as_str().to_owned()
}

#[test]
fn documents_get_localised_slugs_below_their_language() {
    let (content, routes) = plan(&[], "");
    let routes = routes.expect("no clash");
    let path = |source| path_of(&content, &routes, source);
    assert_eq!(path("_index.md"), "nl/");
    assert_eq!(
        path("publicaties/Jaar Plan.md"),
        "nl/publicaties/jaar-plan/"
    );
    assert_eq!(
        path("publicaties/Jaar Plan.en.md"),
        "en/publications/annual-plan/"
    );
    assert_eq!(
        path("publicaties/bundel/index.md"),
        "nl/publicaties/bundel/"
    );
    assert_eq!(path("_index.en.md"), "en/", "the added home page");
}

#[test]
fn assets_are_copied_beside_their_page_in_each_language() {
    let (_, routes) = plan(
        &[(
            "publicaties/bundel/index.en.md",
            "+++\ntitle = \"Bundle\"\n+++\n",
        )],
        "",
    );
    let routes = routes.expect("no clash");
    let target = |lang| {
        routes
            .asset("publicaties/bundel/foto.png", lang)
            .map(SitePath::as_str)
    };
    assert_eq!(target("nl"), Some("nl/publicaties/bundel/foto.png"));
    assert_eq!(target("en"), Some("en/publications/bundel/foto.png"));
    assert_eq!(routes.asset_copies().len(), 2);
    assert_eq!(routes.asset("publicaties/ontbreekt.png", "nl"), None);
}

#[test]
fn untranslated_assets_fall_back_to_the_other_language() {
    let (_, routes) = plan(&[], "");
    let routes = routes.expect("no clash");
    let target = routes.asset("publicaties/bundel/foto.png", "en");
    assert_eq!(
        target.map(SitePath::as_str),
        Some("nl/publicaties/bundel/foto.png")
    );
}

#[test]
fn taxonomies_have_list_pages_and_pages_for_carried_terms_only() {
    let (_, routes) = plan(&[], "");
    let routes = routes.expect("no clash");
    let list = routes.taxonomy_list("stad", "en").map(SitePath::as_str);
    assert_eq!(list, Some("en/city/"));
    let term = routes.term("stad", "gent", "en").map(SitePath::as_str);
    assert_eq!(term, Some("en/city/ghent/"));
    assert_eq!(
        routes.term("stad", "aalst", "nl"),
        None,
        "no document carries aalst"
    );
}

#[test]
fn site_pages_and_files_have_fixed_places() {
    let (_, routes) = plan(&[], "[page]\nnl = \"zoeken\"\n");
    let routes = routes.expect("no clash");
    assert_eq!(
        routes.search_page("nl").map(SitePath::as_str),
        Some("nl/zoeken/")
    );
    assert_eq!(
        routes.search_page("en").map(SitePath::as_str),
        Some("en/search/")
    );
    assert_eq!(routes.feed("en").map(SitePath::as_str), Some("en/atom.xml"));
    assert_eq!(routes.search_folder("nl").as_deref(), Some("nl/search"));
    assert_eq!(
        routes
            .search_start("nl")
            .map(|path| path.as_str().to_owned())
            .ok()
            .as_deref(),
        Some("nl/search/start.bin")
    );
    assert_eq!(Routes::not_found().output_file(), "404.html");
    assert_eq!(Routes::language_chooser().output_file(), "index.html");
    assert!(
        routes
            .static_files()
            .path_of("css/syntax-light.css")
            .is_some()
    );
}

#[test]
fn a_clash_names_both_files() {
    let extra = [(
        "publicaties/dubbel.md",
        "+++\ntitle = \"D\"\nslug = \"jaar-plan\"\n+++\n",
    )];
    let (_, routes) = plan(&extra, "");
    let message = routes.expect_err("two documents, one URL").to_string();
    assert_eq!(
        message,
        "content/publicaties/dubbel.md: content/publicaties/Jaar Plan.md and content/publicaties/dubbel.md both want the URL /nl/publicaties/jaar-plan/"
    );
}

#[test]
fn a_document_at_a_generated_page_names_the_document_and_the_page() {
    let (_, routes) = plan(
        &[("zoeken.md", "+++\ntitle = \"Z\"\n+++\n")],
        "[page]\nnl = \"zoeken\"\n",
    );
    let message = routes.expect_err("the search page's URL").to_string();
    assert_eq!(
        message,
        "content/zoeken.md: the URL /nl/zoeken/ belongs to the search page of `nl` (search.toml); give this file another `slug`"
    );
    let (_, routes) = plan(&[("stad.md", "+++\ntitle = \"S\"\n+++\n")], "");
    let message = routes.expect_err("the taxonomy's URL").to_string();
    assert!(
        message.contains("belongs to the taxonomy `stad`"),
        "{message}"
    );
}

#[test]
fn publications_get_citation_files_beside_their_landing_page() {
    let report = "+++\ntitle = \"Klimaat\"\n[taxonomies]\ntype = [\"rapport\"]\n+++\n";
    let (content, routes) = plan(
        &[
            ("publicaties/klimaat/_index.md", report),
            ("publicaties/klimaat/h1.md", "+++\ntitle = \"H1\"\n+++\n"),
        ],
        "",
    );
    let routes = routes.expect("no clash");
    let doc = |source: &str| {
        let wanted = Path::new("content").join(source);
        content
            .documents
            .iter()
            .position(|document| document.source_path == wanted)
            .expect("document")
    };
    let files = routes
        .citation_files(doc("publicaties/klimaat/_index.md"))
        .expect("a publication has citation files");
    assert_eq!(files.bibtex.as_str(), "nl/publicaties/klimaat/klimaat.bib");
    assert_eq!(files.ris.as_str(), "nl/publicaties/klimaat/klimaat.ris");
    assert_eq!(
        files.csl_json.as_str(),
        "nl/publicaties/klimaat/klimaat.json"
    );
    assert_eq!(
        routes.citation_files(doc("publicaties/klimaat/h1.md")),
        None
    );
    assert_eq!(routes.citation_files(doc("publicaties/_index.md")), None);
}

#[test]
fn a_file_beside_a_publication_cannot_take_its_citation_files_name() {
    let report = "+++\ntitle = \"Klimaat\"\n[taxonomies]\ntype = [\"rapport\"]\n+++\n";
    let (_, routes) = plan(
        &[
            ("publicaties/klimaat/_index.md", report),
            ("publicaties/klimaat/klimaat.bib", "@misc{x}"),
        ],
        "",
    );
    let message = routes.expect_err("two files, one name").to_string();
    assert!(
        message.contains("nl/publicaties/klimaat/klimaat.bib")
            && message.contains("the BibTeX citation of content/publicaties/klimaat/_index.md"),
        "{message}"
    );
}
