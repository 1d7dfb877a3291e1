//! `kennis new` on a small site of its own: the files it writes, their front matter and URLs, and
//! what it refuses.

use std::fs;

use super::*;

const SITE: &str = r#"
base_url = "https://example.org/kennis/"
theme = "none"

[[languages]]
code = "nl"
title = "Test"
locale = "nl-BE"

[[languages]]
code = "en"
title = "Test"
locale = "en-GB"

[[taxonomies]]
name = "type"
title = { nl = "Soort", en = "Kind" }
slug = { nl = "type", en = "type" }

[taxonomies.terms]
rapport = { nl = "Rapport", en = "Report" }
jaarplan = { nl = "Jaarplan", en = "Annual plan" }

[[taxonomies]]
name = "thema"
title = { nl = "Thema's", en = "Themes" }
slug = { nl = "thema", en = "theme" }

[taxonomies.terms]
klimaat = { nl = "Klimaat", en = "Climate" }
"#;

/// The home page, the section of publications in both languages (its English slug differs) and
/// one publication with two chapters.
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
        "publicaties/rapport/_index.md",
        "+++\ntitle = \"Rapport\"\nweight = 20\n[taxonomies]\ntype = [\"rapport\"]\nthema = [\"klimaat\"]\n+++\n",
    ),
    (
        "publicaties/rapport/inleiding.md",
        "+++\ntitle = \"Inleiding\"\nweight = 10\n+++\n",
    ),
    (
        "publicaties/rapport/besluit.md",
        "+++\ntitle = \"Besluit\"\nweight = 30\n+++\n",
    ),
];

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    fs::write(dir.path().join("site.toml"), SITE).expect("site.toml");
    for (path, text) in FILES {
        let path = dir.path().join("content").join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        fs::write(path, text).expect("write");
    }
    dir
}

fn options(root: &Path, document: NewDocument, translation: Option<&str>) -> NewOptions {
    NewOptions {
        root: root.to_path_buf(),
        document,
        translation: translation.map(str::to_owned),
    }
}

fn publication(slug: &str) -> NewDocument {
    NewDocument::Publication {
        slug: slug.to_owned(),
    }
}

fn page(section: &str, slug: &str) -> NewDocument {
    NewDocument::Page {
        section: section.to_owned(),
        slug: slug.to_owned(),
    }
}

fn run(options: &NewOptions) -> Vec<Written> {
    new_document(options).unwrap_or_else(|error| panic!("{}", crate::error::render(&error)))
}

fn message(error: Error) -> String {
    format!("{error} {}", crate::error::render(&error))
}

fn loaded(root: &Path) -> Content {
    let config = SiteConfig::load(root, None).expect("config");
    Content::load(&config, LoadOptions::default()).expect("the site loads")
}

fn document<'a>(content: &'a Content, path: &str) -> &'a crate::content::Document {
    content
        .documents
        .iter()
        .find(|document| document.source_path == Path::new(path))
        .unwrap_or_else(|| panic!("{path} is not loaded"))
}

fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

#[test]
fn a_publication_and_its_translation_are_written_as_a_pair_with_their_urls() {
    let site = site();
    let written = run(&options(
        site.path(),
        publication("jaarplan-2026"),
        Some("en"),
    ));

    let paths: Vec<&Path> = written.iter().map(|w| w.path.as_path()).collect();
    assert_eq!(
        paths,
        [
            Path::new("content/publicaties/jaarplan-2026/_index.md"),
            Path::new("content/publicaties/jaarplan-2026/_index.en.md"),
        ]
    );
    assert_eq!(
        written[0].url,
        "https://example.org/kennis/nl/publicaties/jaarplan-2026/"
    );
    assert_eq!(
        written[1].url,
        "https://example.org/kennis/en/publications/jaarplan-2026/"
    );
    let content = loaded(site.path());
    let dutch = document(&content, "content/publicaties/jaarplan-2026/_index.md");
    let english = document(&content, "content/publicaties/jaarplan-2026/_index.en.md");
    assert_eq!(dutch.group, english.group, "a translation pair");
    assert_eq!(dutch.front().title, "Jaarplan 2026");
    assert_eq!(dutch.front().date.map(|d| d.to_string()), Some(today()));
    assert_eq!(
        dutch.front().weight,
        Some(10),
        "before the publication at weight 20"
    );
    assert!(!dutch.front().draft);
    let text = fs::read_to_string(site.path().join(&written[0].path)).expect("written");
    assert!(
        text.contains("type = []  # a publication needs one of: rapport, jaarplan\n"),
        "{text}"
    );
    assert!(text.contains("thema = []  # klimaat\n"), "{text}");
}

#[test]
fn a_page_starts_from_its_sections_terms_and_goes_last() {
    let site = site();
    let written = run(&options(
        site.path(),
        page("publicaties/rapport", "bijlage"),
        None,
    ));

    assert_eq!(written.len(), 1);
    assert_eq!(
        written[0].path,
        Path::new("content/publicaties/rapport/bijlage.md")
    );
    assert_eq!(
        written[0].url,
        "https://example.org/kennis/nl/publicaties/rapport/bijlage/"
    );
    let content = loaded(site.path());
    let page = document(&content, "content/publicaties/rapport/bijlage.md");
    assert_eq!(
        page.front().weight,
        Some(40),
        "after the chapter at weight 30"
    );
    assert_eq!(page.front().taxonomies["type"], ["rapport"]);
    assert_eq!(page.front().taxonomies["thema"], ["klimaat"]);
}

#[test]
fn nothing_is_overwritten_and_nothing_half_written() {
    let site = site();
    let folder = site.path().join("content/publicaties/rapport");
    let mine = "+++\ntitle = \"Mine\"\n+++\n";
    fs::write(folder.join("nieuw.en.md"), mine).expect("write");

    let error = new_document(&options(
        site.path(),
        page("publicaties/rapport", "nieuw"),
        Some("en"),
    ))
    .expect_err("the translation exists");
    assert!(message(error).contains("nieuw.en.md already exists"));
    assert!(
        !folder.join("nieuw.md").exists(),
        "the source is not written alone"
    );
    assert_eq!(
        fs::read_to_string(folder.join("nieuw.en.md")).expect("read"),
        mine
    );

    let before = fs::read_to_string(folder.join("besluit.md")).expect("read");
    let error = new_document(&options(
        site.path(),
        page("publicaties/rapport", "besluit"),
        None,
    ))
    .expect_err("the page exists");
    assert!(message(error).contains("besluit.md already exists"));
    assert_eq!(
        fs::read_to_string(folder.join("besluit.md")).expect("read"),
        before
    );
}

#[test]
fn an_unknown_section_is_refused_with_the_list_of_sections() {
    let site = site();
    let error = new_document(&options(site.path(), page("publicatie", "x"), None))
        .expect_err("no such section");
    let text = message(error);
    assert!(
        text.contains("content/publicatie/ is not a section"),
        "{text}"
    );
    assert!(text.contains("publicaties, publicaties/rapport"), "{text}");
    assert!(!site.path().join("content/publicatie").exists());
}

#[test]
fn slugs_and_languages_are_checked_before_anything_is_written() {
    let site = site();
    let error = new_document(&options(site.path(), publication("Jaarplan 2026"), None))
        .expect_err("not a slug");
    assert!(message(error).contains("use `jaarplan-2026`"));
    let error = new_document(&options(site.path(), publication("x"), Some("nl")))
        .expect_err("nl is the default language");
    assert!(message(error).contains("--lang adds one of: en"));
    assert!(!site.path().join("content/publicaties/x").exists());
}
