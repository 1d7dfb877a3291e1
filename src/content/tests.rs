//! The content model on a small site of its own: what sections list and in which order, the path up
//! to the home page, the neighbours of a page, translations, and which page owns each asset.

use std::fs;
use std::path::Path;

use super::*;

/// The site: a home page, a page beside it, the section `publicaties` (in both languages) holding the
/// Dutch-only section `rapport` with three pages (one translated and an attachment) and a page bundle
/// with a photo.
const FILES: &[(&str, &str)] = &[
    ("_index.md", "+++\ntitle = \"Home\"\n+++\n"),
    ("over.md", "+++\ntitle = \"Over\"\n+++\n"),
    (
        "publicaties/_index.md",
        "+++\ntitle = \"Publicaties\"\n+++\n",
    ),
    (
        "publicaties/_index.en.md",
        "+++\ntitle = \"Publications\"\n+++\n",
    ),
    (
        "publicaties/rapport/_index.md",
        "+++\ntitle = \"Rapport\"\n+++\n",
    ),
    (
        "publicaties/rapport/b.md",
        "+++\ntitle = \"B\"\nweight = 2\n+++\n",
    ),
    (
        "publicaties/rapport/a.md",
        "+++\ntitle = \"A\"\nweight = 1\n+++\n",
    ),
    (
        "publicaties/rapport/a.en.md",
        "+++\ntitle = \"A (en)\"\nweight = 1\n+++\n",
    ),
    (
        "publicaties/rapport/oud.md",
        "+++\ntitle = \"Oud\"\ndate = 2020-01-01\n+++\n",
    ),
    (
        "publicaties/rapport/nieuw.md",
        "+++\ntitle = \"Nieuw\"\ndate = 2024-01-01\n+++\n",
    ),
    ("publicaties/rapport/bijlage.pdf", "%PDF"),
    (
        "publicaties/bundel/index.md",
        "+++\ntitle = \"Bundel\"\n+++\n",
    ),
    ("publicaties/bundel/img/foto.png", "png"),
];

fn load() -> Content {
    let dir = tempfile::tempdir().expect("temporary folder");
    fs::write(dir.path().join("site.toml"), crate::config::TEST_SITE).expect("write site.toml");
    for (path, text) in FILES {
        let path = dir.path().join("content").join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        fs::write(path, text).expect("write content");
    }
    let config = SiteConfig::load(dir.path(), None).expect("valid configuration");
    Content::load(&config, LoadOptions::default())
        .unwrap_or_else(|error| panic!("{}", crate::error::render(&error)))
}

/// The document read from `content/<path>`.
fn doc(content: &Content, path: &str) -> DocId {
    let wanted = Path::new(CONTENT_DIR).join(path);
    content
        .documents
        .iter()
        .position(|document| document.source_path == wanted)
        .unwrap_or_else(|| panic!("no document content/{path}"))
}

fn titles(content: &Content, docs: &[DocId]) -> Vec<String> {
    docs.iter()
        .map(|&d| content.documents[d].front.title.clone())
        .collect()
}

#[test]
fn sections_list_their_subsections_and_pages() {
    let content = load();
    let (sections, pages) = content.children(doc(&content, "_index.md"));
    assert_eq!(titles(&content, &sections), ["Publicaties"]);
    assert_eq!(titles(&content, &pages), ["Over"]);
    let (sections, pages) = content.children(doc(&content, "publicaties/_index.md"));
    assert_eq!(titles(&content, &sections), ["Rapport"]);
    assert_eq!(titles(&content, &pages), ["Bundel"], "a bundle is a page");
}

#[test]
fn listings_sort_by_weight_then_newest_first() {
    let content = load();
    let (_, pages) = content.children(doc(&content, "publicaties/rapport/_index.md"));
    assert_eq!(titles(&content, &pages), ["A", "B", "Nieuw", "Oud"]);
}

#[test]
fn listings_in_another_language_fall_back_to_untranslated_documents() {
    let content = load();
    let (sections, _) = content.children(doc(&content, "publicaties/_index.en.md"));
    assert_eq!(
        titles(&content, &sections),
        ["Rapport"],
        "the Dutch section"
    );
    let home_en = content.home("en");
    assert_eq!(
        content.documents[home_en].lang, "en",
        "a missing home is added"
    );
    assert_eq!(content.documents[home_en].front.title, "Test");
}

#[test]
fn ancestors_run_from_the_home_page_down_in_the_document_language() {
    let content = load();
    let a = doc(&content, "publicaties/rapport/a.md");
    assert_eq!(
        titles(&content, &content.ancestors(a)),
        ["Home", "Publicaties", "Rapport"]
    );
    let a_en = doc(&content, "publicaties/rapport/a.en.md");
    assert_eq!(
        titles(&content, &content.ancestors(a_en)),
        ["Test", "Publications", "Rapport"]
    );
    assert_eq!(
        content.nearest_ancestor_in(a, "en"),
        doc(&content, "publicaties/_index.en.md"),
        "rapport has no English version"
    );
    assert!(content.ancestors(doc(&content, "_index.md")).is_empty());
}

#[test]
fn neighbours_are_the_same_language_pages_of_the_listing() {
    let content = load();
    let page = |path| doc(&content, path);
    let neighbours = |path| content.neighbours(page(path));
    assert_eq!(
        neighbours("publicaties/rapport/a.md"),
        (None, Some(page("publicaties/rapport/b.md")))
    );
    assert_eq!(
        neighbours("publicaties/rapport/b.md"),
        (
            Some(page("publicaties/rapport/a.md")),
            Some(page("publicaties/rapport/nieuw.md"))
        )
    );
    assert_eq!(neighbours("publicaties/rapport/oud.md").1, None);
    assert_eq!(neighbours("publicaties/rapport/a.en.md"), (None, None));
    assert_eq!(
        neighbours("publicaties/rapport/_index.md"),
        (None, None),
        "sections have none"
    );
}

#[test]
fn translations_share_a_group_and_links_resolve_either_name() {
    let content = load();
    let a = doc(&content, "publicaties/rapport/a.md");
    let a_en = doc(&content, "publicaties/rapport/a.en.md");
    let group = content.documents[a].group;
    assert_eq!(content.documents[a_en].group, group);
    assert_eq!(
        content.groups[group].members,
        [a, a_en],
        "in configured language order"
    );
    assert_eq!(content.resolve("publicaties/rapport/a.en.md"), Some(group));
    assert_eq!(
        content.resolve("publicaties/bundel/index.md"),
        Some(content.documents[doc(&content, "publicaties/bundel/index.md")].group)
    );
    assert_eq!(
        content.best_member(content.documents[doc(&content, "over.md")].group, "en"),
        doc(&content, "over.md")
    );
    assert_eq!(content.resolve("publicaties/ontbreekt.md"), None);
}

#[test]
fn assets_belong_to_their_bundle_or_nearest_section() {
    let content = load();
    let owner = |relative: &str| {
        let asset = content
            .assets
            .iter()
            .find(|asset| asset.relative == relative)
            .unwrap_or_else(|| panic!("no asset {relative}"));
        (asset.owner, asset.within.clone())
    };
    let group_of = |path| content.documents[doc(&content, path)].group;
    assert_eq!(
        owner("publicaties/rapport/bijlage.pdf"),
        (
            group_of("publicaties/rapport/_index.md"),
            "bijlage.pdf".to_owned()
        )
    );
    assert_eq!(
        owner("publicaties/bundel/img/foto.png"),
        (
            group_of("publicaties/bundel/index.md"),
            "img/foto.png".to_owned()
        )
    );
}
