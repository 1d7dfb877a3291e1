//! The browser scripts — the search crate's `search/js/` (engine glue, worker, client), the
//! themes' `static/js/` and the live-preview script of `src/serve/` — are linted by ESLint and
//! type-checked by TypeScript. Both tools are pinned in `tests/browser/package.json` and its lock
//! file (installed by `npm ci --prefix tests/browser`, as `.ci/run` does) and configured there:
//! `eslint.config.js`, `tsconfig.page.json` (scripts that run in pages) and `tsconfig.worker.json`
//! (the worker and the glue it imports).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a tool from `tests/browser/node_modules/.bin` with node in the repository and fails with
/// its output unless it succeeds.
fn run_tool(tool: &str, args: &[&str]) {
    let program = repository()
        .join("tests/browser/node_modules/.bin")
        .join(tool);
    assert!(
        program.is_file(),
        "{tool} is not installed: run `npm ci --prefix tests/browser`, as .ci/run does"
    );
    let output = Command::new("node")
        .arg(&program)
        .args(args)
        .current_dir(repository())
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{tool} {} found problems:\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every `.js` file of the search crate's scripts, of every theme's `static/js/` and of the preview.
fn browser_scripts() -> Vec<PathBuf> {
    let mut folders = vec![
        repository().join("search/js"),
        repository().join("src/serve"),
    ];
    for theme in fs::read_dir(repository().join("themes")).expect("themes") {
        folders.push(theme.expect("theme").path().join("static/js"));
    }
    let mut scripts = Vec::new();
    while let Some(folder) = folders.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|extension| extension == "js") {
                scripts.push(path);
            }
        }
    }
    scripts.sort();
    scripts
}

#[test]
fn browser_scripts_pass_eslint() {
    run_tool(
        "eslint",
        &[
            "--config",
            "tests/browser/eslint.config.js",
            "--max-warnings",
            "0",
            "search/js",
            "themes",
            "src/serve",
        ],
    );
}

#[test]
fn page_scripts_pass_the_type_check() {
    run_tool("tsc", &["--project", "tests/browser/tsconfig.page.json"]);
}

#[test]
fn the_worker_passes_the_type_check() {
    run_tool("tsc", &["--project", "tests/browser/tsconfig.worker.json"]);
}

#[test]
fn every_browser_script_is_type_checked_in_editors_too() {
    let scripts = browser_scripts();
    assert!(
        scripts.len() >= 7,
        "the search crate's and the theme's scripts: {scripts:?}"
    );
    let unchecked: Vec<String> = scripts
        .iter()
        .filter(|path| {
            !fs::read_to_string(path)
                .expect("script")
                .starts_with("// @ts-check\n")
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        unchecked.is_empty(),
        "these scripts do not start with `// @ts-check`: {unchecked:?}"
    );
}
