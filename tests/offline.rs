//! `kennis build --offline` and `--zip`: links that name files, a start page, and an archive that is
//! the same for the same site. The browser crawl of the offline copy is in `tests/browser.rs`.

mod common;

use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::process::Command;

use common::fixture;

fn kennis(root: &Path, arguments: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kennis"))
        .current_dir(root)
        .args(["build", "--quiet"])
        .args(arguments)
        .output()
        .expect("kennis runs")
}

fn entries(archive: &Path) -> Vec<(String, Vec<u8>)> {
    let file = fs::File::open(archive).expect("the archive exists");
    let mut zip = zip::ZipArchive::new(file).expect("a zip archive");
    (0..zip.len())
        .map(|index| {
            let mut entry = zip.by_index(index).expect("an entry");
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("readable");
            (entry.name().expect("a UTF-8 name").into_owned(), bytes)
        })
        .collect()
}

#[test]
fn offline_pages_link_to_files_and_the_web_build_to_folders() {
    let site = fixture();
    let output = kennis(site.root(), &["--offline"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = fs::read_to_string(
        site.root()
            .join("offline/nl/publicaties/rapport/klimaat/index.html"),
    )
    .expect("the offline page");
    assert!(
        page.contains(r#"href="../data/index.html#vraag-1""#),
        "{page}"
    );
    assert!(!page.contains(r#"href="../""#), "no folder links: {page}");
    let readme = fs::read_to_string(site.root().join("offline/README.txt")).expect("a start page");
    assert!(readme.contains("open index.html"), "{readme}");

    let output = kennis(site.root(), &[]);
    assert!(output.status.success());
    let web = site.read_output("nl/publicaties/rapport/klimaat/index.html");
    assert!(web.contains(r#"href="../data/#vraag-1""#));
    assert!(
        !site.output().join("README.txt").exists(),
        "only the offline copy has a start page"
    );
}

#[test]
fn the_archive_is_named_by_the_newest_date_and_the_same_on_every_build() {
    let site = fixture();
    let output = kennis(site.root(), &["--zip"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let named: Vec<String> = fs::read_dir(site.root())
        .expect("the root")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".zip"))
        .collect();
    assert_eq!(named, ["kennis-offline-2025-06-02.zip"]);
    let archive = site.root().join(&named[0]);
    let first = fs::read(&archive).expect("the archive");
    let listed = entries(&archive);
    let names: Vec<&str> = listed.iter().map(|(name, _)| name.as_str()).collect();
    assert!(names.contains(&"kennis-offline-2025-06-02/index.html"));
    assert!(names.contains(&"kennis-offline-2025-06-02/README.txt"));
    assert!(
        names
            .iter()
            .all(|name| name.starts_with("kennis-offline-2025-06-02/"))
    );
    assert!(
        !names.iter().any(|name| name.contains(".kennis")),
        "{names:?}"
    );
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "entries in path order");
    let on_disk = fs::read(site.root().join("offline/index.html")).expect("the offline copy");
    let packed = listed
        .iter()
        .find(|(name, _)| name == "kennis-offline-2025-06-02/index.html")
        .expect("the root page is packed");
    assert!(packed.1 == on_disk, "the archive holds the written files");

    let output = kennis(site.root(), &["--zip"]);
    assert!(output.status.success());
    assert!(
        fs::read(&archive).expect("the archive") == first,
        "two builds give byte-identical archives"
    );
}

#[test]
fn a_named_archive_goes_where_it_is_asked() {
    let site = fixture();
    let target = site.root().join("copy.zip");
    let output = kennis(site.root(), &["--zip", "copy.zip", "--output", "elsewhere"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(target.is_file());
    assert!(site.root().join("elsewhere/README.txt").is_file());
    let summary = String::from_utf8_lossy(&output.stderr);
    assert!(summary.contains("packed into"), "{summary}");
}

/// The search files (engine, start files, chunks) of a built site, by name.
fn search_payloads(output: &Path) -> Vec<String> {
    common::files_below(output)
        .into_keys()
        .filter(|name| {
            let file = name.rsplit('/').next().unwrap_or_default();
            name.contains("search/")
                && (file.starts_with("engine.")
                    || file.starts_with("start.")
                    || file.starts_with("chunk."))
        })
        .collect()
}

#[test]
fn search_comes_as_scripts_offline_and_as_binaries_on_the_web_never_both() {
    let site = fixture();
    site.build_ok();
    let web = search_payloads(&site.output());
    let output = kennis(site.root(), &["--offline"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let offline = search_payloads(&site.root().join("offline"));
    for (names, extension, other) in [(&web, ".bin", ".js"), (&offline, ".js", ".bin")] {
        assert!(
            names
                .iter()
                .any(|name| name.ends_with(&format!("/start{extension}"))),
            "{names:?}"
        );
        assert!(
            names.iter().any(|name| name.contains("/chunk.")),
            "{names:?}"
        );
        assert!(
            !names
                .iter()
                .any(|name| name.ends_with(other) && !name.contains("engine.")),
            "{names:?}"
        );
    }
    assert!(
        web.iter().any(|name| name.ends_with(".wasm"))
            && !web
                .iter()
                .any(|name| name.contains("engine.") && name.ends_with(".js"))
    );
    assert!(!offline.iter().any(|name| name.ends_with(".wasm")));
    assert_eq!(
        web.len(),
        offline.len(),
        "one form of every file: {web:?} {offline:?}"
    );
}
