//! A damaged search index is an error, never a panic. The real site is built once; its Dutch index is
//! then damaged in seeded ways (bytes changed, the file cut short, a manifest naming a file elsewhere)
//! and read by the reader that `kennis search` and the browser use, and by the real binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

mod common;

use common::Random;
use kennis::build::{BuildOptions, build};
use kennis_search::container::{pack, unpack};
use kennis_search::{MANIFEST_FILE, Manifest, Request, Response, SearchError, SearchIndex};

const DAMAGED_INDEXES: usize = 500;
/// Indexes whose tantivy files are changed and repacked with fresh checksums.
const REPACKED_INDEXES: usize = 200;
const QUERIES: &[(&str, &[(&str, &str)])] = &[
    ("klimaat", &[]),
    ("gent stedenbeleid", &[("type", "jaarplan")]),
    ("\"lokaal bestuur\"", &[]),
    ("toegangsreg", &[("programma", "obmi")]),
];

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The real site, built once for all tests of this file.
struct BuiltSite {
    dir: tempfile::TempDir,
    index: Vec<u8>,
}

impl BuiltSite {
    fn output(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    fn search_folder(&self) -> PathBuf {
        self.output().join("nl/search")
    }

    fn manifest(&self) -> Manifest {
        let text = fs::read_to_string(self.search_folder().join(MANIFEST_FILE)).expect("manifest");
        serde_json::from_str(&text).expect("a valid manifest")
    }
}

fn site() -> &'static BuiltSite {
    static SITE: OnceLock<BuiltSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let options = BuildOptions {
            root: repository().to_path_buf(),
            output: dir.path().join("public"),
            base_url: None,
            drafts: false,
            offline: false,
            archive: None,
        };
        build(&options, &|_| {})
            .unwrap_or_else(|error| panic!("{}", kennis::error::render(&error)));
        let mut site = BuiltSite {
            dir,
            index: Vec::new(),
        };
        let name = site.manifest().index;
        site.index = fs::read(site.search_folder().join(name)).expect("the index");
        site
    })
}

/// Every query's answer, or the first error.
fn answers(index: &mut SearchIndex) -> Result<Vec<Response>, SearchError> {
    QUERIES
        .iter()
        .map(|(query, filters)| {
            index.search(&Request {
                query: (*query).to_owned(),
                filters: filters
                    .iter()
                    .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                    .collect(),
                limit: 10,
            })
        })
        .collect()
}

/// 1 to 3 bytes of `bytes` changed to other values, or every fourth time the bytes cut short.
fn damage(random: &mut Random, bytes: &[u8], number: usize) -> Vec<u8> {
    if number % 4 == 3 {
        return bytes[..random.below(bytes.len())].to_vec();
    }
    let mut damaged = bytes.to_vec();
    for _ in 0..=random.below(3) {
        let at = random.below(damaged.len());
        damaged[at] ^= 1 + random.below(255) as u8;
    }
    damaged
}

#[test]
fn every_damaged_index_is_refused_with_a_clear_error() {
    let site = site();
    let mut random = Random(0x6461_6d61_6765);
    for number in 0..DAMAGED_INDEXES {
        let damaged = damage(&mut random, &site.index, number);
        // A change that no checksum covers would have to leave every answer as it was; there is none.
        match SearchIndex::open(&damaged) {
            Err(error) => {
                assert!(error.is_damaged(), "index {number}: {error}");
                let shown = error.to_string();
                assert!(
                    shown.starts_with("the search index is damaged: ")
                        || shown.starts_with("the search index was written in format "),
                    "index {number}: {shown}"
                );
                assert!(
                    shown.contains("Rebuild the site") || shown.ends_with("; rebuild the site")
                );
            }
            Ok(_) => panic!("damaged index {number} was opened"),
        }
    }
}

#[test]
fn tantivy_failing_on_odd_data_is_damage_not_a_panic() {
    let site = site();
    let mut intact = SearchIndex::open(&site.index).expect("the built index opens");
    let expected = answers(&mut intact).expect("the built index answers");
    let files: Vec<(String, Vec<u8>)> = unpack(&site.index)
        .expect("the built index unpacks")
        .into_iter()
        .map(|(name, data)| (name, data.to_vec()))
        .collect();
    let mut random = Random(0x7461_6e74_6976);
    let (mut refused, mut stopped, mut changed) = (0, 0, 0);
    for number in 0..REPACKED_INDEXES {
        let mut repacked = files.clone();
        // Only tantivy's files: kennis.json is read by serde, which never panics.
        let victim = random.below(repacked.len() - 1);
        let (name, data) = &mut repacked[victim];
        assert_ne!(name, "kennis.json");
        *data = damage(&mut random, data, number);
        let outcome = SearchIndex::open(&pack(&repacked)).and_then(|mut index| answers(&mut index));
        match outcome {
            Ok(answers) => changed += usize::from(answers != expected),
            Err(error) => {
                assert!(error.is_damaged(), "index {number}: {error}");
                if error.to_string().contains("the search engine stopped") {
                    stopped += 1;
                } else {
                    refused += 1;
                }
            }
        }
    }
    println!(
        "{REPACKED_INDEXES} repacked indexes: {refused} refused, {stopped} stopped tantivy (caught), {changed} answered differently"
    );
}

fn kennis_search(site: &BuiltSite) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kennis"))
        .args(["search", "--root"])
        .arg(repository())
        .arg("--output")
        .arg(site.output())
        .arg("klimaat")
        .output()
        .expect("kennis runs")
}

/// `kennis search` on a copy of the site whose index file is `index` and whose manifest names `name`.
/// Beside the copy's `public/` lies the intact index as `elsewhere.bin`, where a manifest may point.
fn search_damaged(index: &[u8], name: &str) -> (Option<i32>, String) {
    let site = site();
    let copy = BuiltSite {
        dir: tempfile::tempdir().expect("temporary folder"),
        index: index.to_vec(),
    };
    fs::write(copy.dir.path().join("elsewhere.bin"), &site.index).expect("an index elsewhere");
    fs::create_dir_all(copy.search_folder()).expect("search folder");
    let manifest = Manifest {
        index: name.to_owned(),
        ..site.manifest()
    };
    fs::write(
        copy.search_folder().join(MANIFEST_FILE),
        serde_json::to_vec(&manifest).expect("JSON"),
    )
    .expect("manifest");
    fs::write(copy.search_folder().join("index.damaged.bin"), index).expect("index");
    let output = kennis_search(&copy);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn kennis_search_exits_with_1_and_says_to_rebuild() {
    let site = site();
    let mut random = Random(0x6b65_6e6e_6973);
    for number in 0..8 {
        let damaged = damage(&mut random, &site.index, number);
        let (code, error) = search_damaged(&damaged, "index.damaged.bin");
        assert_eq!(code, Some(1), "index {number}: {error}");
        assert!(
            error.contains("index.damaged.bin")
                && error.to_lowercase().contains("rebuild the site"),
            "index {number}: {error}"
        );
        assert!(error.contains("kennis build"), "index {number}: {error}");
        assert!(!error.contains("panicked"), "index {number}: {error}");
    }
}

#[test]
fn kennis_search_opens_no_file_outside_the_index_folder() {
    let site = site();
    // Reading the intact index outside the folder would answer the query.
    for name in [
        "../../../elsewhere.bin".to_owned(),
        site.search_folder()
            .join(site.manifest().index)
            .display()
            .to_string(),
        String::new(),
        "..".to_owned(),
    ] {
        let (code, error) = search_damaged(&site.index, &name);
        assert_eq!(code, Some(1), "{name:?}: {error}");
        assert!(
            error.contains("manifest.json") && error.contains("the search index is damaged"),
            "{name:?}: {error}"
        );
    }
    assert!(kennis_search(site).status.success());
    let (code, error) = search_damaged(&site.index, "index.damaged.bin");
    assert_eq!(code, Some(0), "the intact index in a copy answers: {error}");
}
