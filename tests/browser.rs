//! Browser tests: scripts in `tests/browser/` drive Debian's Chromium through Playwright against the
//! built site, over http (a `kennis serve` preview) and from disk. `.ci/run` installs Chromium and the
//! Playwright package (`npm ci --prefix tests/browser`).

mod common;

use std::path::Path;
use std::process::Command;

use common::{fixture, start_server};

/// Runs one browser test script against a served copy of the fixture site.
fn run_script(script: &str) {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = repository.join("tests/browser");
    assert!(
        browser_dir.join("node_modules/playwright-core").is_dir(),
        "Playwright is not installed: run `npm ci --prefix tests/browser` (and `apt-get install chromium`), as .ci/run does"
    );
    let site = fixture();
    let server = start_server(site.root());
    let output = Command::new("node")
        .arg(browser_dir.join(script))
        .env("SITE_URL", format!("http://127.0.0.1:{}/", server.port))
        .env("SITE_DIR", site.root().join(".kennis-serve"))
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
    run_script("language.test.mjs");
}
