//! A damaged search index is an error, never a panic. The real site is built once; its Dutch index
//! (the bytes of its chunks in order, the packed container) is then damaged in seeded ways (bytes
//! changed, the file cut short) and read by the reader that `kennis search` and the browser use; and
//! its start file and chunks are damaged on disk (changed, cut short, missing, a chunk named
//! elsewhere) and read by the real binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

mod common;

use common::Random;
use kennis::build::{BuildOptions, build};
use kennis_search::container::{pack, unpack};
use kennis_search::lazy::StartFile;
use kennis_search::{ChunkedIndex, Request, Response, START_FILE, SearchError, SearchIndex};

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

    fn start(&self) -> Vec<u8> {
        fs::read(self.search_folder().join(START_FILE)).expect("the start file")
    }

    /// The file names of the chunks, in order.
    fn chunk_files(&self) -> Vec<String> {
        let index = ChunkedIndex::open(&self.start()).expect("the start file opens");
        (0..index.chunk_count())
            .map(|number| format!("{}.bin", index.chunk_name(number).expect("a name")))
            .collect()
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
        for name in site.chunk_files() {
            let chunk = fs::read(site.search_folder().join(name)).expect("a chunk");
            site.index.extend_from_slice(&chunk);
        }
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

/// `kennis search` on a copy of the site's Dutch search folder, changed by `change` first.
fn search_damaged(change: impl FnOnce(&Path)) -> (Option<i32>, String) {
    let site = site();
    let copy = BuiltSite {
        dir: tempfile::tempdir().expect("temporary folder"),
        index: Vec::new(),
    };
    fs::write(copy.dir.path().join("elsewhere.bin"), &site.index).expect("a file elsewhere");
    fs::create_dir_all(copy.search_folder()).expect("search folder");
    for entry in fs::read_dir(site.search_folder()).expect("the search folder") {
        let entry = entry.expect("an entry");
        fs::copy(entry.path(), copy.search_folder().join(entry.file_name())).expect("copied");
    }
    change(&copy.search_folder());
    let output = kennis_search(&copy);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn assert_refused(code: Option<i32>, error: &str, names: &str, what: &str) {
    assert_eq!(code, Some(1), "{what}: {error}");
    assert!(
        error.contains(names) && error.to_lowercase().contains("rebuild the site"),
        "{what}: {error}"
    );
    assert!(error.contains("kennis build"), "{what}: {error}");
    assert!(!error.contains("panicked"), "{what}: {error}");
}

#[test]
fn kennis_search_exits_with_1_and_says_to_rebuild() {
    let site = site();
    let chunks = site.chunk_files();
    let mut random = Random(0x6b65_6e6e_6973);
    for number in 0..8 {
        let start = damage(&mut random, &site.start(), number);
        let (code, error) = search_damaged(|folder| {
            fs::write(folder.join(START_FILE), &start).expect("damaged start file");
        });
        assert_refused(code, &error, START_FILE, &format!("start file {number}"));
    }
    // Every chunk damaged, so that whichever the query reads is.
    for number in 0..4 {
        let (code, error) = search_damaged(|folder| {
            for name in &chunks {
                let chunk = fs::read(folder.join(name)).expect("a chunk");
                let damaged = damage(&mut random, &chunk, number);
                fs::write(folder.join(name), damaged).expect("damaged chunk");
            }
        });
        assert_refused(code, &error, "chunk.", &format!("chunks {number}"));
    }
    let (code, error) = search_damaged(|folder| {
        for name in &chunks {
            fs::remove_file(folder.join(name)).expect("removed");
        }
    });
    assert_refused(code, &error, "is missing", "missing chunks");
}

#[test]
fn kennis_search_opens_no_file_outside_the_index_folder() {
    let site = site();
    // Reading the intact container outside the folder would find nothing, but must not be tried.
    for name in ["../../../elsewhere", "..", "", "/etc/passwd"] {
        let mut start = StartFile::decode(&site.start()).expect("the start file");
        for chunk in &mut start.chunks {
            chunk.name = name.to_owned();
        }
        let (code, error) = search_damaged(|folder| {
            fs::write(folder.join(START_FILE), start.encode()).expect("start file");
        });
        assert_refused(code, &error, START_FILE, &format!("{name:?}"));
        assert!(
            error.contains("the search index is damaged"),
            "{name:?}: {error}"
        );
    }
    assert!(kennis_search(site).status.success());
    let (code, error) = search_damaged(|_| {});
    assert_eq!(code, Some(0), "the intact index in a copy answers: {error}");
}
