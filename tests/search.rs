//! Search on the real site: the repository's own `site.toml`, `search.toml`, `content/` and theme are
//! built into a temporary folder, and the judged queries of `tests/search/judged.toml` run through the
//! reader that `kennis search` and the browser use. Prints hit@3 and MRR@10; fails below hit@3 = 0.90.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

use kennis::build::{BuildOptions, build};
use kennis::search_command::{SearchOptions, SiteIndex, open_index, search};
use kennis_search::Request;

const MIN_HIT_AT_3: f64 = 0.90;

#[derive(Deserialize)]
struct Judged {
    query: Vec<JudgedQuery>,
}

#[derive(Deserialize)]
struct JudgedQuery {
    q: String,
    expect: String,
    /// Why exact word matching fails for this query, if it does.
    hard: Option<String>,
}

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The real site, built into a temporary folder.
struct BuiltSite {
    dir: tempfile::TempDir,
}

impl BuiltSite {
    fn build() -> BuiltSite {
        let dir = tempfile::tempdir().expect("temporary folder");
        let options = BuildOptions {
            root: repository().to_path_buf(),
            output: dir.path().join("public"),
            base_url: None,
            drafts: false,
            offline: false,
            archive: None,
        };
        let report = build(&options, &|_| {})
            .unwrap_or_else(|error| panic!("{}", kennis::error::render(&error)));
        assert!(
            report.summary().contains("search index"),
            "{}",
            report.summary()
        );
        assert!(report.search_indexes.iter().all(|index| index.bytes > 0));
        BuiltSite { dir }
    }

    fn output(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    fn options(&self, query: &str) -> SearchOptions {
        SearchOptions {
            root: repository().to_path_buf(),
            output: self.output(),
            lang: None,
            filters: Vec::new(),
            limit: 10,
            query: query.to_owned(),
        }
    }

    fn index(&self) -> SiteIndex {
        open_index(&self.options("")).unwrap_or_else(|error| panic!("{error}"))
    }

    /// Whether the built site has the page and anchor that `url` names.
    fn has_section(&self, url: &str) -> bool {
        let (page, anchor) = url.split_once('#').unwrap_or((url, ""));
        let html = std::fs::read_to_string(self.output().join(page).join("index.html"));
        html.is_ok_and(|html| anchor.is_empty() || html.contains(&format!("id=\"{anchor}\"")))
    }
}

fn judged(file: &str) -> Vec<JudgedQuery> {
    let text = std::fs::read_to_string(repository().join("tests/search").join(file))
        .unwrap_or_else(|error| panic!("tests/search/{file}: {error}"));
    toml::from_str::<Judged>(&text)
        .unwrap_or_else(|error| panic!("tests/search/{file}: {error}"))
        .query
}

/// Runs the judged queries of `file` against the index of `lang`; returns hit@3.
fn evaluate(site: &BuiltSite, lang: &str, file: &str) -> f64 {
    let mut options = site.options("");
    options.lang = Some(lang.to_owned());
    let mut index = open_index(&options).unwrap_or_else(|error| panic!("{error}"));
    let queries = judged(file);
    let hard = queries.iter().filter(|query| query.hard.is_some()).count();
    let (mut hits, mut reciprocal_ranks) = (0, 0.0);
    for query in &queries {
        assert!(
            query.expect.starts_with(&format!("{lang}/")) && site.has_section(&query.expect),
            "{file}: {} does not exist in {lang}",
            query.expect
        );
        let request = Request {
            query: query.q.clone(),
            filters: Vec::new(),
            limit: 10,
        };
        let response = index.search(&request).expect("search");
        let rank = response
            .hits
            .iter()
            .position(|hit| hit.url == query.expect)
            .map(|position| position + 1);
        match rank {
            Some(rank) if rank <= 3 => hits += 1,
            _ => {
                let top: Vec<&str> = response
                    .hits
                    .iter()
                    .take(3)
                    .map(|hit| hit.url.as_str())
                    .collect();
                println!("miss: {:?} (rank {rank:?}); top 3: {top:?}", query.q);
            }
        }
        reciprocal_ranks += rank.map_or(0.0, |rank| 1.0 / rank as f64);
    }
    let count = queries.len() as f64;
    let (hit_at_3, mrr_at_10) = (f64::from(hits) / count, reciprocal_ranks / count);
    println!(
        "{file}: {} queries ({hard} hard); hit@3 = {hit_at_3:.3}; MRR@10 = {mrr_at_10:.3}",
        queries.len()
    );
    hit_at_3
}

#[test]
fn judged_queries_find_their_sections() {
    let site = BuiltSite::build();
    let queries = judged("judged.toml");
    let hard = queries.iter().filter(|query| query.hard.is_some()).count();
    assert!(queries.len() >= 40, "at least 40 judged queries");
    assert!(
        2 * hard >= queries.len(),
        "at least half are hard for exact matching"
    );
    let hit_at_3 = evaluate(&site, "nl", "judged.toml");
    assert!(
        hit_at_3 >= MIN_HIT_AT_3,
        "hit@3 = {hit_at_3:.3} < {MIN_HIT_AT_3}"
    );
}

#[test]
fn judged_english_queries_find_their_sections() {
    let site = BuiltSite::build();
    assert!(
        judged("judged-en.toml").len() >= 30,
        "at least 30 judged English queries"
    );
    let hit_at_3 = evaluate(&site, "en", "judged-en.toml");
    assert!(
        hit_at_3 >= MIN_HIT_AT_3,
        "English hit@3 = {hit_at_3:.3} < {MIN_HIT_AT_3}"
    );
}

/// Each judged query, asked of a freshly opened index, reads only some of its chunks: the start file
/// and what the query touches, not the whole index.
#[test]
fn a_query_reads_a_part_of_the_index() {
    let site = BuiltSite::build();
    let start = std::fs::metadata(site.output().join("nl/search/start.bin")).expect("start file");
    let mut most = 0;
    let mut total = 0;
    let queries = judged("judged.toml");
    let mut chunk_count = 0;
    for query in &queries {
        let mut index = site.index();
        chunk_count = index.chunk_count();
        let request = Request {
            query: query.q.clone(),
            filters: Vec::new(),
            limit: 10,
        };
        index.search(&request).expect("search");
        let (chunks, bytes) = index.loaded();
        assert!(
            chunks < chunk_count,
            "{}: {chunks} of {chunk_count} chunks",
            query.q
        );
        most = most.max(bytes);
        total += bytes;
    }
    println!(
        "start file {} bytes; per judged query: mean {} bytes of chunks, at most {most}, of {chunk_count} chunks",
        start.len(),
        total / queries.len(),
    );
}

#[test]
fn noindex_content_cannot_be_found() {
    let site = BuiltSite::build();
    let mut index = site.index();
    // The authors' names and e-mail addresses in the Klimaatgovernance annex are `::: noindex`; the
    // names also occur, visibly, elsewhere.
    let contact = "nl/publicaties/klimaatgovernance/bijlagen/#contact";
    for query in ["deproost", "Femke De Proost", "Annik Bogaert", "Glasner"] {
        let request = Request {
            query: query.to_owned(),
            filters: Vec::new(),
            limit: 100,
        };
        let response = index.search(&request).expect("search");
        assert!(
            response.hits.iter().all(|hit| hit.url != contact),
            "{query} finds {contact}"
        );
    }
    for unique in ["deproost", "Glasner"] {
        let request = Request {
            query: unique.to_owned(),
            filters: Vec::new(),
            limit: 10,
        };
        assert_eq!(index.search(&request).expect("search").total, 0, "{unique}");
    }
    let visible = search(&site.options("Bij vragen kan u steeds bij hen terecht")).expect("search");
    assert_eq!(
        visible.hits[0].url,
        "nl/publicaties/klimaatgovernance/bijlagen/#contact"
    );
}

#[test]
fn facet_filters_keep_only_matching_sections() {
    let site = BuiltSite::build();
    let mut options = site.options("klimaat");
    let all = search(&options).expect("search");
    options.filters = vec![("type".to_owned(), "jaarplan".to_owned())];
    let jaarplan = search(&options).expect("search");
    assert!(jaarplan.total > 0 && jaarplan.total < all.total);
    assert!(
        jaarplan
            .hits
            .iter()
            .all(|hit| hit.url.contains("/jaarplan-2025/"))
    );
    let types = &all.facets[0];
    assert_eq!(types.name, "type");
    let counted = types.values.iter().find(|value| value.id == "jaarplan");
    assert_eq!(
        counted.map(|value| value.count),
        Some(jaarplan.total as u64)
    );
    assert_eq!(counted.map(|value| value.label.as_str()), Some("Jaarplan"));
}

fn kennis() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kennis"))
}

#[test]
fn the_command_line_prints_json_and_text() {
    let site = BuiltSite::build();
    let output = kennis()
        .args(["search", "--root"])
        .arg(repository())
        .arg("--output")
        .arg(site.output())
        .args(["--json", "--limit", "3", "klimaatcoördinator"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(hits.len(), 3);
    for hit in &hits {
        for key in ["url", "title", "section", "snippet", "score", "lang"] {
            assert!(hit.get(key).is_some(), "{key} missing from {hit}");
        }
        assert_eq!(hit["lang"], "nl");
        assert!(
            hit["snippet"]
                .as_str()
                .is_some_and(|s| s.contains("<mark>")),
            "{hit}"
        );
    }
    let exact = "nl/publicaties/klimaatgovernance/thema-2-klimaataanpak/#sterke-punten";
    assert!(hits.iter().any(|hit| hit["url"] == exact), "{hits:?}");

    let output = kennis()
        .args(["search", "--root"])
        .arg(repository())
        .arg("--output")
        .arg(site.output())
        .args([
            "--filter",
            "type=jaarplan",
            "--filter",
            "programma=obmi",
            "GDPR",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(
        text.contains("nl/publicaties/jaarplan-2025/obmi/#gdpr"),
        "{text}"
    );
    assert!(!text.contains("jaarverslag-2023"), "{text}");
}

#[test]
fn a_filter_the_index_does_not_know_is_refused_with_what_it_knows() {
    let site = BuiltSite::build();
    let search = |filter: &str| {
        kennis()
            .args(["search", "--root"])
            .arg(repository())
            .arg("--output")
            .arg(site.output())
            .args(["--filter", filter, "klimaat"])
            .output()
            .expect("runs")
    };
    let year = search("year=2025");
    assert!(
        year.status.success(),
        "{}",
        String::from_utf8_lossy(&year.stderr)
    );
    let facet = search("soort=jaarplan");
    let error = String::from_utf8_lossy(&facet.stderr);
    assert_eq!(facet.status.code(), Some(1));
    assert!(error.contains("the index has no facet `soort`"), "{error}");
    assert!(
        error.contains("facets: type, programma, thema, stad, year"),
        "{error}"
    );
    let value = search("programma=klimaatt");
    let error = String::from_utf8_lossy(&value.stderr);
    assert_eq!(value.status.code(), Some(1));
    assert!(
        error.contains("the facet `programma` has no value `klimaatt`") && error.contains("obmi"),
        "{error}"
    );
    let shape = search("programma");
    assert_eq!(shape.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&shape.stderr).contains("NAME=VALUE"));
}

#[test]
fn searching_an_unbuilt_site_explains_what_to_do() {
    let empty = tempfile::tempdir().expect("temporary folder");
    let output = kennis()
        .args(["search", "--root"])
        .arg(repository())
        .arg("--output")
        .arg(empty.path())
        .arg("klimaat")
        .output()
        .expect("runs");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        error.contains("no search index") && error.contains("kennis build"),
        "{error}"
    );
    let unknown = kennis()
        .args(["search", "--root"])
        .arg(repository())
        .args(["--lang", "fr", "klimaat"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no language `fr`"));
}

#[test]
fn a_reader_that_stops_early_ends_the_search_quietly() {
    let site = BuiltSite::build();
    let mut child = kennis()
        .args(["search", "--root"])
        .arg(repository())
        .arg("--output")
        .arg(site.output())
        .args(["--limit", "50", "klimaat"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    // As `| head -0` does: the reader is gone before anything is written.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
