//! When each content file last changed in git: one walk of the history from `HEAD`, newest commit
//! first, comparing every commit's tree with its parents' trees only along the paths asked about.
//! A path is followed as it is named now; a rename starts its history anew.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use gix::ObjectId;
use gix::revision::walk::Sorting;
use gix::traverse::commit::simple::CommitTimeOrder;

use crate::error::{Error, Result};
use crate::site::Date;

/// Trees read during the walk are read again for the next commit, which is their child's parent.
const OBJECT_CACHE_BYTES: usize = 8 * 1024 * 1024;

/// The newest commit that changed a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// Position in the walk: 0 is the newest commit, higher numbers are older.
    pub age: usize,
    /// The commit's date, in the committer's time zone (`None` for a date no calendar holds).
    pub date: Option<Date>,
}

/// What the history says about the files asked for.
#[derive(Debug)]
pub enum History {
    /// No git repository holds the site (or it has no working tree).
    Outside,
    /// The newest change of every asked-for file that `HEAD` holds; files not committed are absent.
    Changes(HashMap<PathBuf, Change>),
}

/// The newest change of every file in `files` (paths relative to `root`, the site's folder).
pub fn last_changes(root: &Path, files: &[PathBuf]) -> Result<History> {
    let Ok(mut repo) = gix::discover(root) else {
        return Ok(History::Outside);
    };
    let Some(prefix) = site_prefix(&repo, root) else {
        return Ok(History::Outside);
    };
    repo.object_cache_size_if_unset(OBJECT_CACHE_BYTES);
    let failed = |error: gix::Error| {
        Error::usage(
            format!(
                "could not read the git history of {}: {error}",
                root.display()
            ),
            Some("check the repository with `git fsck`".to_owned()),
        )
    };
    let head = repo.head().map_err(failed)?;
    let Some(head) = head.id() else {
        return Ok(History::Changes(HashMap::new()));
    };
    let paths: HashMap<PathBuf, Vec<String>> = files
        .iter()
        .map(|file| (file.clone(), repo_path(&prefix, file)))
        .collect();
    let changes = walk(&repo, head.detach(), &paths).map_err(failed)?;
    Ok(History::Changes(changes))
}

/// The site's folder below the repository's working tree, as `/`-separated components.
fn site_prefix(repo: &gix::Repository, root: &Path) -> Option<Vec<String>> {
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    let relative = root.strip_prefix(workdir).ok()?;
    Some(components(relative))
}

fn components(path: &Path) -> Vec<String> {
    path.components()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect()
}

fn repo_path(prefix: &[String], file: &Path) -> Vec<String> {
    prefix.iter().cloned().chain(components(file)).collect()
}

/// The paths still looked for, as a tree of names so that a commit's tree is only read where a
/// wanted path runs through it.
#[derive(Debug, Default)]
struct Wanted {
    files: BTreeMap<String, PathBuf>,
    folders: BTreeMap<String, Wanted>,
}

impl Wanted {
    fn insert(&mut self, path: &[String], file: PathBuf) {
        match path {
            [] => {}
            [name] => {
                self.files.insert(name.clone(), file);
            }
            [folder, rest @ ..] => self
                .folders
                .entry(folder.clone())
                .or_default()
                .insert(rest, file),
        }
    }

    fn remove(&mut self, path: &[String]) {
        match path {
            [] => {}
            [name] => {
                self.files.remove(name);
            }
            [folder, rest @ ..] => {
                if let Some(below) = self.folders.get_mut(folder) {
                    below.remove(rest);
                    if below.is_empty() {
                        self.folders.remove(folder);
                    }
                }
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.files.is_empty() && self.folders.is_empty()
    }
}

/// `paths` maps each file asked about to its path in the repository.
fn walk(
    repo: &gix::Repository,
    head: ObjectId,
    paths: &HashMap<PathBuf, Vec<String>>,
) -> gix::Result<HashMap<PathBuf, Change>> {
    let mut asked = Wanted::default();
    for (file, path) in paths {
        asked.insert(path, file.clone());
    }
    // A file that `HEAD` does not hold was never committed under its name: looking for it would
    // walk the whole history for nothing.
    let head_tree = repo.find_commit(head)?.tree_id()?.detach();
    let mut in_head = Vec::new();
    changed_between(repo, Some(head_tree), None, &asked, &mut in_head)?;
    let mut wanted = Wanted::default();
    for file in in_head {
        wanted.insert(&paths[&file], file);
    }

    let mut changes = HashMap::new();
    let commits = repo
        .rev_walk([head])
        .sorting(Sorting::ByCommitTime(CommitTimeOrder::NewestFirst))
        .all()?;
    for (age, info) in commits.enumerate() {
        if wanted.is_empty() {
            break;
        }
        let info = info?;
        let commit = info.object()?;
        let tree = commit.tree_id()?.detach();
        let changed = changed_in_commit(repo, tree, &info.parent_ids, &wanted)?;
        if changed.is_empty() {
            continue;
        }
        let date = commit_date(commit.time()?);
        for file in changed {
            wanted.remove(&paths[&file]);
            changes.insert(file, Change { age, date });
        }
    }
    Ok(changes)
}

/// The wanted files a commit changed: those that differ from every parent (a merge that takes a
/// file from one side did not change it), or that a root commit holds.
fn changed_in_commit(
    repo: &gix::Repository,
    tree: ObjectId,
    parents: &[ObjectId],
    wanted: &Wanted,
) -> gix::Result<Vec<PathBuf>> {
    let mut changed: Option<Vec<PathBuf>> = None;
    if parents.is_empty() {
        let mut files = Vec::new();
        changed_between(repo, Some(tree), None, wanted, &mut files)?;
        return Ok(files);
    }
    for parent in parents {
        let parent_tree = repo.find_commit(*parent)?.tree_id()?.detach();
        let mut files = Vec::new();
        changed_between(repo, Some(tree), Some(parent_tree), wanted, &mut files)?;
        changed = Some(match changed {
            None => files,
            Some(earlier) => earlier.into_iter().filter(|f| files.contains(f)).collect(),
        });
    }
    Ok(changed.unwrap_or_default())
}

/// Adds to `changed` the wanted files whose content differs between two trees (a missing tree
/// holds nothing).
fn changed_between(
    repo: &gix::Repository,
    ours: Option<ObjectId>,
    theirs: Option<ObjectId>,
    wanted: &Wanted,
    changed: &mut Vec<PathBuf>,
) -> gix::Result<()> {
    if ours == theirs {
        return Ok(());
    }
    let ours = entries(repo, ours, wanted)?;
    let theirs = entries(repo, theirs, wanted)?;
    for (name, file) in &wanted.files {
        if ours.blob(name) != theirs.blob(name) {
            changed.push(file.clone());
        }
    }
    for (folder, below) in &wanted.folders {
        changed_between(repo, ours.tree(folder), theirs.tree(folder), below, changed)?;
    }
    Ok(())
}

/// The entries of one tree that a wanted path runs through.
#[derive(Default)]
struct Entries {
    blobs: HashMap<String, ObjectId>,
    trees: HashMap<String, ObjectId>,
}

impl Entries {
    fn blob(&self, name: &str) -> Option<ObjectId> {
        self.blobs.get(name).copied()
    }

    fn tree(&self, name: &str) -> Option<ObjectId> {
        self.trees.get(name).copied()
    }
}

fn entries(
    repo: &gix::Repository,
    tree: Option<ObjectId>,
    wanted: &Wanted,
) -> gix::Result<Entries> {
    let mut found = Entries::default();
    let Some(tree) = tree else {
        return Ok(found);
    };
    let tree = repo.find_tree(tree)?;
    for entry in tree.iter() {
        let entry = entry?;
        let name = entry.filename().to_string();
        let mode = entry.mode();
        if mode.is_tree() && wanted.folders.contains_key(&name) {
            found.trees.insert(name, entry.object_id());
        } else if mode.is_blob_or_symlink() && wanted.files.contains_key(&name) {
            found.blobs.insert(name, entry.object_id());
        }
    }
    Ok(found)
}

/// The calendar date of a commit where it was made.
fn commit_date(time: gix::date::Time) -> Option<Date> {
    let offset = jiff::tz::Offset::from_seconds(time.offset).unwrap_or(jiff::tz::Offset::UTC);
    let moment = jiff::Timestamp::from_second(time.seconds).ok()?;
    let date = offset.to_datetime(moment).date();
    Date::new(
        u16::try_from(date.year()).ok()?,
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    )
}
