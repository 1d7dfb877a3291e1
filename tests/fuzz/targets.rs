//! The fuzz targets, shared by the coverage-guided fuzzer (`fuzz/`, run with `cargo +nightly fuzz
//! run <target>`) and the stable test `tests/fuzz.rs`, which replays the saved corpus and a bounded
//! number of seeded mutations of it on every test run. A target fails by panicking: a damaged input
//! must give an error value (that names the file where there is one), never a panic.

use std::fs;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use kennis::config::search::SearchSettings;
use kennis::config::{RawHtml, SiteConfig};
use kennis::content::{Content, LoadOptions, front_matter};
use kennis::markdown::{self, BlockInput, BlockRenderer};
use kennis::routes::Routes;
use kennis_search::{
    FacetInfo, FacetValue, IndexSpec, Request, SearchDocument, SearchIndex, write_index,
};

/// A fuzz target: fails by panicking.
pub type Target = fn(&[u8]);

/// The targets by name, as `fuzz/fuzz_targets/<name>.rs` and `fuzz/corpus/<name>/` call them.
pub const TARGETS: [(&str, Target); 4] = [
    ("front_matter", front_matter_target),
    ("markdown", markdown_target),
    ("query", query_target),
    ("container", container_target),
];

const SITE_TOML: &str = r#"base_url = "https://example.org/"
theme = "fuzz"

[[languages]]
code = "nl"
title = "Fuzz"
description = "Fuzz"
locale = "nl-BE"

[[languages]]
code = "en"
title = "Fuzz"
description = "Fuzz"
locale = "en-GB"

[[taxonomies]]
name = "type"
title = { nl = "Soort", en = "Type" }
slug = { nl = "type", en = "type" }

[taxonomies.terms]
jaarplan = { nl = "Jaarplan", en = "Annual plan" }
"#;
const PAGE_PATH: &str = "content/fuzz.md";
const LINKED_PAGE: &str = "+++\ntitle = \"Andere\"\n+++\n## Doel {#doel}\n\nTekst.\n";

/// A site folder with its configuration, made once per process.
struct FuzzSite {
    folder: tempfile::TempDir,
    config: SiteConfig,
}

fn site() -> &'static Mutex<FuzzSite> {
    static SITE: OnceLock<Mutex<FuzzSite>> = OnceLock::new();
    SITE.get_or_init(|| {
        let folder = tempfile::tempdir().expect("temporary folder");
        fs::write(folder.path().join("site.toml"), SITE_TOML).expect("site.toml");
        fs::create_dir_all(folder.path().join("content")).expect("content folder");
        fs::write(folder.path().join("content/andere.md"), LINKED_PAGE).expect("linked page");
        let config = SiteConfig::load(folder.path(), None).expect("the fuzz site.toml is valid");
        Mutex::new(FuzzSite { folder, config })
    })
}

/// An error must say which file it is about.
fn assert_names_the_page(error: &kennis::error::Error) {
    let shown = kennis::error::render(error);
    assert!(
        shown.contains("fuzz.md"),
        "an error about the page does not name it: {shown}"
    );
}

/// A whole Markdown file: front matter splitting and checking.
pub fn front_matter_target(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let site = site()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let path = Path::new(PAGE_PATH);
    match front_matter::split(path, &text) {
        Ok(split) => {
            if let Err(error) = front_matter::parse(path, &text, &split, &site.config) {
                assert_names_the_page(&error.into());
            }
        }
        Err(error) => assert_names_the_page(&error.into()),
    }
}

/// Blocks drawn as plain `<div>`s, so that the target needs no theme.
struct PlainBlocks;

impl BlockRenderer for PlainBlocks {
    fn block_names(&self) -> Vec<String> {
        vec!["callout".into(), "demands".into()]
    }

    fn frame_ids(&self) -> Vec<String> {
        vec!["main".into()]
    }

    fn render_block(&self, block: &BlockInput<'_>) -> Result<String, String> {
        Ok(format!(
            "<div class=\"{}\">{}</div>",
            block.name, block.body
        ))
    }
}

/// A page body (after valid front matter) through content loading, routes and Markdown.
pub fn markdown_target(data: &[u8]) {
    let body = String::from_utf8_lossy(data);
    let site = site()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let page = site.folder.path().join(PAGE_PATH);
    fs::write(&page, format!("+++\ntitle = \"Fuzz\"\n+++\n{body}")).expect("write the page");
    let rendered = Content::load(&site.config, LoadOptions::default()).and_then(|content| {
        let routes = Routes::plan(&site.config, &content, &SearchSettings::default())?;
        markdown::render_all(&content, &routes, &PlainBlocks, RawHtml::Sanitise)
    });
    if let Err(error) = rendered {
        assert_names_the_page(&error);
    }
}

/// A small index, written once, that every query runs against.
fn index() -> &'static Mutex<SearchIndex> {
    static INDEX: OnceLock<Mutex<SearchIndex>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let spec = IndexSpec {
            language: "nl".into(),
            facets: vec![FacetInfo {
                name: "type".into(),
                title: "Soort".into(),
                values: vec![FacetValue {
                    id: "jaarplan".into(),
                    label: "Jaarplan".into(),
                }],
            }],
            synonyms: vec![vec!["AVG".into(), "GDPR".into()]],
            editor_words: vec!["parkeer".into()],
        };
        let documents: Vec<SearchDocument> = [
            "De centrumsteden vragen een sterk stedenbeleid en klimaatcoördinatie.",
            "Het jaarplan 2025 beschrijft de parkeerbeleidsplannen van Gent en Antwerpen.",
            "Data en AVG: privacy in de digitale transitie van steden.",
        ]
        .iter()
        .enumerate()
        .map(|(number, body)| SearchDocument {
            url: format!("nl/{number}/"),
            title: format!("Pagina {number}"),
            section: "Sectie".into(),
            publication: "Jaarplan".into(),
            body: (*body).into(),
            facets: vec![("type".into(), "jaarplan".into())],
        })
        .collect();
        let packed = write_index(&spec, &documents).expect("the fuzz index builds");
        Mutex::new(SearchIndex::open(&packed).expect("the fuzz index opens"))
    })
}

/// A query, with filters taken from its first bytes, as readers and `kennis search` send them.
pub fn query_target(data: &[u8]) {
    let (filter_byte, query) = data.split_first().unwrap_or((&0, &[]));
    let filters = match filter_byte % 4 {
        0 => Vec::new(),
        1 => vec![("type".to_owned(), "jaarplan".to_owned())],
        2 => vec![(
            "type".to_owned(),
            String::from_utf8_lossy(query).into_owned(),
        )],
        _ => vec![(String::from_utf8_lossy(query).into_owned(), "x".to_owned())],
    };
    let request = Request {
        query: String::from_utf8_lossy(query).into_owned(),
        filters,
        limit: usize::from(*filter_byte),
    };
    let mut index = index()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // Any answer or error is fine; a panic is not.
    let _answer = index.search(&request);
}

/// Bytes read as an index file.
pub fn container_target(data: &[u8]) {
    let _files = kennis_search::container::unpack(data);
    let _index = SearchIndex::open(data);
}
