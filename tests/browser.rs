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
    let browser_dir = repository().join("tests/browser");
    assert!(
        browser_dir.join("node_modules/playwright-core").is_dir(),
        "Playwright is not installed: run `npm ci --prefix tests/browser` (and `apt-get install chromium`), as .ci/run does"
    );
    let output_dir = tempfile::tempdir().expect("temporary folder");
    let server = start_server(root, Some(output_dir.path()));
    let artifacts: PathBuf = repository().join("target/browser-artifacts");
    std::fs::create_dir_all(&artifacts).expect("artifact folder");
    let output = Command::new("node")
        .arg(browser_dir.join(script))
        .env("SITE_URL", format!("http://127.0.0.1:{}/", server.port))
        .env("SITE_DIR", output_dir.path())
        .env("ARTIFACT_DIR", &artifacts)
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
fn the_root_sends_readers_to_their_language() {
    let site = fixture();
    run_script("language.test.mjs", site.root());
}

#[test]
fn readers_search_the_real_site_online_and_from_disk() {
    run_script("search.test.mjs", repository());
}
