//! Browser tests: scripts in `tests/browser/` drive Debian's Chromium through Playwright against a
//! built site, over http (a `kennis serve` preview, which also enforces the documented
//! Content-Security-Policy) and from disk. `.ci/run` installs Chromium and the Playwright package
//! (`npm ci --prefix tests/browser`). Screenshots land in `target/browser-artifacts/`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{fixture, start_server};

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs one browser test script against the site at `root`, served and opened from disk.
fn run_script(script: &str, root: &Path) {
    run_script_with(script, root, |_| Vec::new());
}

/// Like [`run_script`]; `environment` adds variables, given the folder the site was built into.
fn run_script_with(
    script: &str,
    root: &Path,
    environment: impl FnOnce(&Path) -> Vec<(String, PathBuf)>,
) {
    let output_dir = tempfile::tempdir().expect("temporary folder");
    let server = start_server(root, Some(output_dir.path()));
    let mut variables = vec![
        (
            "SITE_URL".to_owned(),
            PathBuf::from(format!("http://127.0.0.1:{}/", server.port)),
        ),
        ("SITE_DIR".to_owned(), output_dir.path().to_path_buf()),
    ];
    variables.extend(environment(output_dir.path()));
    run_node(script, &variables);
}

/// Runs one browser test script with `variables` and fails the test if it fails.
fn run_node(script: &str, variables: &[(String, PathBuf)]) {
    let browser_dir = repository().join("tests/browser");
    assert!(
        browser_dir.join("node_modules/playwright-core").is_dir(),
        "Playwright is not installed: run `npm ci --prefix tests/browser` (and `apt-get install chromium`), as .ci/run does"
    );
    let artifacts: PathBuf = repository().join("target/browser-artifacts");
    std::fs::create_dir_all(&artifacts).expect("artifact folder");
    let output = Command::new("node")
        .arg(browser_dir.join(script))
        .env("ARTIFACT_DIR", &artifacts)
        .envs(variables.iter().map(|(name, value)| (name, value)))
        .output()
        .expect("node runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{report}");
    assert!(output.status.success(), "{script} failed:\n{report}");
}

#[test]
fn the_offline_copy_of_the_real_site_works_from_disk() {
    let copy = offline_copy(repository());
    run_node(
        "offline.test.mjs",
        &[("SITE_DIR".to_owned(), copy.path().to_path_buf())],
    );
}

#[test]
fn the_root_sends_readers_to_their_language() {
    let site = fixture();
    run_script("language.test.mjs", site.root());
}

/// `kennis build --offline` of the site at `root` into a new temporary folder: the copy for reading
/// from disk, whose search has script chunks (the web build has binary ones).
fn offline_copy(root: &Path) -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("temporary folder");
    let output = Command::new(env!("CARGO_BIN_EXE_kennis"))
        .args(["build", "--quiet", "--offline", "--root"])
        .arg(root)
        .arg("--output")
        .arg(copy.path())
        .output()
        .expect("kennis runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    copy
}

/// Like [`run_script`], with `OFFLINE_DIR` naming an offline copy of the site.
fn run_script_online_and_from_disk(script: &str, root: &Path) {
    let copy = offline_copy(root);
    run_script_with(script, root, |_| {
        vec![("OFFLINE_DIR".to_owned(), copy.path().to_path_buf())]
    });
}

#[test]
fn a_damaged_index_tells_readers_that_the_site_must_be_rebuilt() {
    let site = fixture();
    run_script_online_and_from_disk("damaged.test.mjs", site.root());
}

#[test]
fn readers_search_the_real_site_online_and_from_disk() {
    run_script_online_and_from_disk("search.test.mjs", repository());
}

#[test]
fn the_browser_engine_answers_like_the_command_line() {
    let judged: toml::Table = toml::from_str(
        &std::fs::read_to_string(repository().join("tests/search/judged.toml"))
            .expect("judged queries"),
    )
    .expect("valid judged queries");
    let queries: Vec<String> = judged["query"]
        .as_array()
        .expect("a list of queries")
        .iter()
        .filter_map(|entry| {
            entry
                .get("q")
                .and_then(toml::Value::as_str)
                .map(str::to_owned)
        })
        .collect();
    assert!(queries.len() >= 40);
    let expected_file = tempfile::NamedTempFile::new().expect("temporary file");
    let expected_path = expected_file.path().to_path_buf();
    let copy = offline_copy(repository());
    run_script_with("parity.test.mjs", repository(), |built| {
        let answers: Vec<serde_json::Value> = queries
            .iter()
            .map(|query| {
                let output = Command::new(env!("CARGO_BIN_EXE_kennis"))
                    .args(["search", "--json", "--limit", "10", "--output"])
                    .arg(built)
                    .arg("--root")
                    .arg(repository())
                    .arg(query)
                    .output()
                    .expect("kennis search runs");
                assert!(
                    output.status.success(),
                    "{}",
                    String::from_utf8_lossy(&output.stderr)
                );
                let hits: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
                serde_json::json!({ "query": query, "hits": hits })
            })
            .collect();
        std::fs::write(&expected_path, serde_json::to_vec(&answers).expect("JSON")).expect("write");
        vec![
            ("EXPECTED".to_owned(), expected_path.clone()),
            ("OFFLINE_DIR".to_owned(), copy.path().to_path_buf()),
        ]
    });
}

#[test]
fn every_page_meets_wcag_2_1_aa_in_both_colour_schemes_and_while_searching() {
    run_script("accessibility.test.mjs", repository());
}

#[test]
fn every_publication_prints_whole_with_every_heading_and_table_column() {
    run_script("print.test.mjs", repository());
}

#[test]
fn the_preview_reloads_saved_pages_and_shows_failed_builds() {
    let site = fixture();
    let page = std::fs::read_to_string(site.root().join("content/over-ons.md")).expect("read");
    let long_page = format!("{page}\n{}", "Een alinea om te scrollen.\n\n".repeat(80));
    site.write("content/over-ons.md", &long_page);
    run_script_with("live.test.mjs", site.root(), |_| {
        vec![("SITE_ROOT".to_owned(), site.root().to_path_buf())]
    });
}

/// Screenshots of every page type in both languages at 375 and 1280 px land in
/// `target/browser-artifacts/layout/`.
#[test]
fn every_page_type_reads_well_on_a_phone_and_a_wide_screen() {
    run_script("layout.test.mjs", repository());
}
