//! `kennis check --translations` on the fixture site in a real git repository (written with gix)
//! and outside one, and `kennis new` followed by a build of the site with the new files.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use gix::ObjectId;
use gix::object::tree::EntryKind;

use common::{Site, fixture};

fn kennis(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kennis"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Commits every file below the site's root as it is now, on 2024-03-`day` at noon UTC, on top
/// of `parent`.
fn commit_all(repo: &gix::Repository, site: &Site, day: i64, parent: Option<ObjectId>) -> ObjectId {
    let mut editor = repo
        .edit_tree(ObjectId::empty_tree(repo.object_hash()))
        .expect("tree editor");
    for entry in walkdir::WalkDir::new(site.root()) {
        let entry = entry.expect("readable");
        let relative = entry
            .path()
            .strip_prefix(site.root())
            .expect("below the root");
        if !entry.file_type().is_file() || relative.starts_with(".git") {
            continue;
        }
        let blob = repo
            .write_blob(fs::read(entry.path()).expect("readable file"))
            .expect("blob");
        let path = relative.to_string_lossy().replace('\\', "/");
        editor
            .upsert(path.as_str(), EntryKind::Blob, blob)
            .expect("tree entry");
    }
    let tree = editor.write().expect("tree").detach();
    let time = format!("{} +0000", 1_709_294_400 + (day - 1) * 86_400);
    let signature: gix::actor::Signature = gix::actor::SignatureRef {
        name: "Redactie".into(),
        email: "redactie@example.org".into(),
        time: &time,
    }
    .into();
    let commit = gix::objs::Commit {
        message: format!("day {day}").into(),
        tree,
        author: signature.clone(),
        committer: signature,
        encoding: None,
        parents: parent.into_iter().collect(),
        extra_headers: Vec::new(),
    };
    let id = repo.write_object(&commit).expect("commit").detach();
    let git = site.root().join(".git");
    fs::create_dir_all(git.join("refs/heads")).expect("refs");
    fs::write(git.join("refs/heads/main"), format!("{id}\n")).expect("branch");
    fs::write(git.join("HEAD"), "ref: refs/heads/main\n").expect("HEAD");
    id
}

fn row<'a>(json: &'a serde_json::Value, page: &str) -> &'a serde_json::Value {
    json["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|section| section["rows"].as_array().expect("rows"))
        .find(|row| row["page"] == page)
        .unwrap_or_else(|| panic!("no row for {page} in {json}"))
}

#[test]
fn translation_status_comes_from_the_history_and_fails_the_check_when_asked() {
    let site = fixture();
    let repo = gix::init(site.root()).expect("git init");
    let first = commit_all(&repo, &site, 1, None);
    site.write(
        "content/publicaties/rapport/klimaat.md",
        "+++\ntitle = \"Klimaat, herzien\"\n+++\nNieuwe tekst.\n",
    );
    commit_all(&repo, &site, 2, Some(first));
    site.write("content/nieuw.md", "+++\ntitle = \"Nieuw\"\n+++\n");
    site.write("content/nieuw.en.md", "+++\ntitle = \"New\"\n+++\n");

    let output = kennis(&["check", "--translations"], site.root());
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}{}", stderr(&output));
    let klimaat = text
        .lines()
        .find(|line| line.trim_start().starts_with("klimaat.md"))
        .unwrap_or_else(|| panic!("{text}"));
    let cells: Vec<&str> = klimaat.split_whitespace().collect();
    assert_eq!(
        cells,
        ["klimaat.md", "en", "outdated", "2024-03-02", "2024-03-01"]
    );
    assert!(
        text.contains("Rapport over klimaat (content/publicaties/rapport/)"),
        "{text}"
    );

    let output = kennis(
        &["check", "--translations", "--format", "json"],
        site.root(),
    );
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(json["in_git"], true);
    let missing = row(&json, "content/publicaties/rapport/alleen-nl.md");
    assert_eq!(missing["status"], "missing");
    assert_eq!(missing["source_changed"], "2024-03-01");
    assert_eq!(
        row(&json, "content/publicaties/rapport/data.md")["status"],
        "up-to-date"
    );
    assert_eq!(row(&json, "content/nieuw.md")["status"], "unknown");
    assert_eq!(
        row(&json, "content/over-ons.md")["translation"],
        "content/about.en.md"
    );

    let output = kennis(&["check"], site.root());
    assert!(
        output.status.success(),
        "only reported without --translations"
    );
    assert!(stdout(&output).contains("outdated"));
}

#[test]
fn outside_git_translations_are_unknown_but_missing_ones_still_fail() {
    let site = fixture();
    let output = kennis(
        &["check", "--translations", "--format", "json"],
        site.root(),
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(json["in_git"], false);
    assert_eq!(json["summary"]["outdated"], 0);
    assert_eq!(json["summary"]["up-to-date"], 0);
    assert_eq!(
        row(&json, "content/publicaties/rapport/data.md")["status"],
        "unknown"
    );
    assert_eq!(
        row(&json, "content/publicaties/rapport/alleen-nl.md")["status"],
        "missing"
    );
}

#[test]
fn new_files_build_and_are_never_overwritten() {
    let site = fixture();
    let output = kennis(
        &["new", "publication", "jaarplan-2026", "--lang", "en"],
        site.root(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "content/publicaties/jaarplan-2026/_index.md → https://example.org/kennis/nl/publicaties/jaarplan-2026/\n\
         content/publicaties/jaarplan-2026/_index.en.md → https://example.org/kennis/en/publications/jaarplan-2026/\n"
    );
    let output = kennis(&["new", "page", "publicaties/rapport/bijlage"], site.root());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).ends_with("/nl/publicaties/rapport/bijlage/\n"));

    site.build_ok();
    assert!(
        site.read_output("nl/publicaties/jaarplan-2026/index.html")
            .contains("Jaarplan 2026")
    );
    assert!(
        site.read_output("en/publications/jaarplan-2026/index.html")
            .contains("Jaarplan 2026")
    );
    assert!(
        site.read_output("nl/publicaties/rapport/bijlage/index.html")
            .contains("Bijlage")
    );

    let landing = site
        .root()
        .join("content/publicaties/jaarplan-2026/_index.md");
    let before = fs::read_to_string(&landing).expect("written");
    let output = kennis(&["new", "publication", "jaarplan-2026"], site.root());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("already exists"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&landing).expect("still there"), before);

    let output = kennis(&["new", "page", "rapporten/x"], site.root());
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("content/rapporten/ is not a section"),
        "{message}"
    );
    assert!(message.contains("publicaties/rapport"), "{message}");
}
