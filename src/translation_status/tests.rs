//! Translation status on small sites in real git repositories, written with gix in a temporary
//! folder: commits in both orders, a merge, a missing and an uncommitted translation, a site in a
//! folder of its repository, and a site outside any repository.

use std::fs;
use std::path::{Path, PathBuf};

use gix::ObjectId;
use gix::object::tree::EntryKind;

use super::*;

/// Midnight UTC at the start of 2024-01-01; commits are made at noon in UTC+2.
const NEW_YEAR_2024: i64 = 1_704_067_200;

fn page(title: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n+++\nText.\n")
}

/// A git repository whose commits write files into its working tree as well.
struct Repository {
    dir: tempfile::TempDir,
    repo: gix::Repository,
    head: Option<ObjectId>,
}

impl Repository {
    fn new() -> Repository {
        let dir = tempfile::tempdir().expect("temporary folder");
        let repo = gix::init(dir.path()).expect("git init");
        Repository {
            dir,
            repo,
            head: None,
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `files` (paths relative to the repository) without committing them.
    fn write(&self, files: &[(&str, &str)]) {
        for (relative, text) in files {
            let path = self.path().join(relative);
            fs::create_dir_all(path.parent().expect("has a parent")).expect("folders");
            fs::write(path, text).expect("write file");
        }
    }

    /// Writes `files` and commits them on 2024-01-`day` (12:00 UTC+2), on top of `parents` or,
    /// when empty, of the current head.
    fn commit_on(&mut self, day: i64, files: &[(&str, &str)], parents: &[ObjectId]) -> ObjectId {
        self.write(files);
        let parents: Vec<ObjectId> = match parents {
            [] => self.head.into_iter().collect(),
            given => given.to_vec(),
        };
        let base = match parents.first() {
            Some(parent) => self.tree_of(*parent),
            None => ObjectId::empty_tree(self.repo.object_hash()),
        };
        let mut editor = self.repo.edit_tree(base).expect("tree editor");
        for (relative, text) in files {
            let blob = self.repo.write_blob(text.as_bytes()).expect("blob");
            editor
                .upsert(*relative, EntryKind::Blob, blob)
                .expect("tree entry");
        }
        let tree = editor.write().expect("tree").detach();
        self.commit_tree(day, tree, parents)
    }

    fn commit_tree(&mut self, day: i64, tree: ObjectId, parents: Vec<ObjectId>) -> ObjectId {
        let commit = gix::objs::Commit {
            message: format!("day {day}").into(),
            tree,
            author: signature(day),
            committer: signature(day),
            encoding: None,
            parents: parents.into_iter().collect(),
            extra_headers: Vec::new(),
        };
        let id = self.repo.write_object(&commit).expect("commit").detach();
        self.head = Some(id);
        self.point_head_at(id);
        id
    }

    fn commit(&mut self, day: i64, files: &[(&str, &str)]) -> ObjectId {
        self.commit_on(day, files, &[])
    }

    fn tree_of(&self, commit: ObjectId) -> ObjectId {
        let commit = self.repo.find_commit(commit).expect("commit");
        commit.tree_id().expect("tree").detach()
    }

    fn point_head_at(&self, id: ObjectId) {
        let branch = self.path().join(".git/refs/heads/main");
        fs::create_dir_all(branch.parent().expect("refs/heads")).expect("refs folder");
        fs::write(branch, format!("{id}\n")).expect("branch ref");
        fs::write(self.path().join(".git/HEAD"), "ref: refs/heads/main\n").expect("HEAD");
    }
}

fn signature(day: i64) -> gix::actor::Signature {
    let time = format!("{} +0200", NEW_YEAR_2024 + (day - 1) * 86_400 + 10 * 3600);
    gix::actor::SignatureRef {
        name: "Redactie".into(),
        email: "redactie@example.org".into(),
        time: &time,
    }
    .into()
}

fn site_files(folder: &str) -> Vec<(String, String)> {
    let at = |path: &str| format!("{folder}{path}");
    vec![
        (at("site.toml"), crate::config::TEST_SITE.to_owned()),
        (at("content/_index.md"), page("Home")),
        (at("content/_index.en.md"), page("Home")),
    ]
}

fn as_refs(files: &[(String, String)]) -> Vec<(&str, &str)> {
    files
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_str()))
        .collect()
}

fn load(root: &Path) -> TranslationReport {
    translation_status(root).unwrap_or_else(|error| panic!("{}", crate::error::render(&error)))
}

fn row<'a>(report: &'a TranslationReport, page: &str) -> &'a Row {
    report
        .rows()
        .find(|row| row.page == Path::new(page))
        .unwrap_or_else(|| panic!("no row for {page} in {report:#?}"))
}

fn date(day: u8) -> Option<Date> {
    Date::new(2024, 1, day)
}

#[test]
fn commit_order_decides_between_outdated_and_up_to_date() {
    let mut repo = Repository::new();
    repo.commit(1, &as_refs(&site_files("")));
    repo.commit(
        2,
        &[
            ("content/eerst-bron.md", &page("Eerst bron")),
            ("content/eerst-vertaling.en.md", &page("Translation first")),
            ("content/samen.md", &page("Samen")),
            ("content/samen.en.md", &page("Together")),
        ],
    );
    repo.commit(3, &[("content/eerst-bron.en.md", &page("Source first"))]);
    repo.commit(
        4,
        &[("content/eerst-vertaling.md", &page("Eerst vertaling"))],
    );
    repo.commit(5, &[("content/alleen-nl.md", &page("Alleen Nederlands"))]);

    let report = load(repo.path());
    assert!(report.in_git);
    let up_to_date = row(&report, "content/eerst-bron.md");
    assert_eq!(up_to_date.status, Status::UpToDate);
    assert_eq!(up_to_date.language, "en");
    assert_eq!(up_to_date.source_changed, date(2));
    assert_eq!(up_to_date.translation_changed, date(3));
    let outdated = row(&report, "content/eerst-vertaling.md");
    assert_eq!(outdated.status, Status::Outdated);
    assert_eq!(outdated.source_changed, date(4));
    assert_eq!(outdated.translation_changed, date(2));
    assert_eq!(row(&report, "content/samen.md").status, Status::UpToDate);
    let missing = row(&report, "content/alleen-nl.md");
    assert_eq!(missing.status, Status::Missing);
    assert_eq!(missing.translation, None);
    assert_eq!(missing.source_changed, date(5));
    assert!(report.has_problems());
    assert_eq!(report.count(Status::UpToDate), 3, "{report:#?}");
}

#[test]
fn files_not_committed_are_unknown_and_an_untranslated_source_is_missing() {
    let mut repo = Repository::new();
    repo.commit(1, &as_refs(&site_files("")));
    repo.commit(2, &[("content/bron.md", &page("Bron"))]);
    repo.write(&[
        ("content/bron.en.md", &page("Source")),
        ("content/nieuw.md", &page("Nieuw")),
        ("content/nieuw.en.md", &page("New")),
        ("content/only-english.en.md", &page("Only English")),
    ]);

    let report = load(repo.path());
    let uncommitted_translation = row(&report, "content/bron.md");
    assert_eq!(uncommitted_translation.status, Status::Unknown);
    assert_eq!(uncommitted_translation.source_changed, date(2));
    assert_eq!(uncommitted_translation.translation_changed, None);
    assert_eq!(row(&report, "content/nieuw.md").status, Status::Unknown);
    let dutch_missing = row(&report, "content/only-english.en.md");
    assert_eq!(
        (dutch_missing.language.as_str(), dutch_missing.status),
        ("nl", Status::Missing)
    );
}

#[test]
fn a_merge_that_takes_a_file_from_one_side_does_not_change_it() {
    let mut repo = Repository::new();
    repo.commit(1, &as_refs(&site_files("")));
    let base = repo.commit(
        2,
        &[
            ("content/a.md", &page("A")),
            ("content/a.en.md", &page("A")),
        ],
    );
    let source_side = repo.commit_on(3, &[("content/a.md", &page("A, herzien"))], &[base]);
    let other_side = repo.commit_on(4, &[("content/b.md", &page("B"))], &[base]);
    let source_tree = repo.tree_of(source_side);
    let mut editor = repo.repo.edit_tree(source_tree).expect("editor");
    let b = repo.repo.write_blob(page("B").as_bytes()).expect("blob");
    editor
        .upsert("content/b.md", EntryKind::Blob, b)
        .expect("entry");
    let merged_tree = editor.write().expect("tree").detach();
    repo.commit_tree(5, merged_tree, vec![other_side, source_side]);

    let report = load(repo.path());
    let a = row(&report, "content/a.md");
    assert_eq!(a.status, Status::Outdated);
    assert_eq!(a.source_changed, date(3), "the side commit, not the merge");
    assert_eq!(a.translation_changed, date(2));
}

#[test]
fn a_site_in_a_folder_of_its_repository_is_found() {
    let mut repo = Repository::new();
    repo.commit(1, &as_refs(&site_files("site/")));
    repo.commit(2, &[("site/content/a.md", &page("A"))]);
    repo.commit(3, &[("site/content/a.en.md", &page("A"))]);

    let report = load(&repo.path().join("site"));
    assert_eq!(row(&report, "content/a.md").status, Status::UpToDate);
    assert_eq!(row(&report, "content/a.md").translation_changed, date(3));
}

#[test]
fn outside_git_every_translation_is_unknown_and_missing_ones_are_still_missing() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (relative, text) in site_files("")
        .into_iter()
        .chain([("content/a.md".to_owned(), page("A"))])
        .chain([("content/a.en.md".to_owned(), page("A"))])
        .chain([("content/b.md".to_owned(), page("B"))])
    {
        let path: PathBuf = dir.path().join(relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        fs::write(path, text).expect("write");
    }

    let report = load(dir.path());
    assert!(!report.in_git);
    assert_eq!(row(&report, "content/a.md").status, Status::Unknown);
    assert_eq!(row(&report, "content/b.md").status, Status::Missing);
    assert!(to_text(&report).contains("not in a git repository"));
}

#[test]
fn the_table_and_the_json_carry_the_same_rows() {
    let mut repo = Repository::new();
    repo.commit(1, &as_refs(&site_files("")));
    repo.commit(
        2,
        &[
            ("content/publicaties/_index.md", &page("Publicaties")),
            ("content/publicaties/x.md", &page("X")),
        ],
    );

    let report = load(repo.path());
    let text = to_text(&report);
    assert!(
        text.contains("Publicaties (content/publicaties/)"),
        "{text}"
    );
    let x_line = text
        .lines()
        .find(|line| line.trim_start().starts_with("x.md"))
        .unwrap_or_else(|| panic!("{text}"));
    let cells: Vec<&str> = x_line.split_whitespace().collect();
    assert_eq!(cells, ["x.md", "en", "missing", "2024-01-02", "-"]);
    assert!(
        text.ends_with("translations: 2 missing, 0 outdated, 1 up to date, 0 unknown\n"),
        "{text}"
    );

    let json: serde_json::Value = serde_json::from_str(&to_json(&report)).expect("JSON");
    assert_eq!(json["in_git"], true);
    assert_eq!(json["summary"]["missing"], 2);
    assert_eq!(json["summary"]["up-to-date"], 1);
    let section = json["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|section| section["folder"] == "publicaties")
        .expect("the section publicaties");
    let x = section["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| row["page"] == "content/publicaties/x.md")
        .expect("the row of x.md");
    assert_eq!(x["status"], "missing");
    assert_eq!(x["language"], "en");
    assert_eq!(x["source_changed"], "2024-01-02");
    assert_eq!(x["translation_changed"], serde_json::Value::Null);
}
