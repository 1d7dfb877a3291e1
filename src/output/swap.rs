//! Replacing a folder in one step: fill a staging folder beside it, then exchange the two. Every
//! build stages under its own name, and removes what killed builds left beside the folder; the
//! caller holds the output's lock, so no other build is staging at the same time.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Fills a fresh staging folder with `fill`, then puts it in the place of `target`. When `fill` fails,
/// the staging folder is removed and `target` is untouched.
pub fn replace_dir<T>(target: &Path, fill: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    remove_leftovers(target)?;
    let staging = sibling(target, &format!("{STAGING}-{}", build_id()));
    fs::create_dir_all(&staging).map_err(|error| Error::io("cannot create", &staging, error))?;
    let result = fill(&staging).and_then(|value| {
        swap_in(&staging, target)?;
        Ok(value)
    });
    if staging.exists() {
        // After a swap the staging path holds the previous output; after a failure, the partial one.
        fs::remove_dir_all(&staging)
            .map_err(|error| Error::io("cannot remove", &staging, error))?;
    }
    result
}

/// The purpose in the names of the folders a build fills or moves aside beside the output.
const STAGING: &str = "staging";

/// Unique to this build among those that may meet at one output: the process id, and the time for
/// builds of one process (`kennis serve`, tests).
fn build_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos());
    format!("{}-{nanos}", std::process::id())
}

/// Removes the staging folders beside `target` that builds killed before their end left behind.
/// Only the lock holder stages, so every one found is a leftover.
fn remove_leftovers(target: &Path) -> Result<()> {
    let (Some(parent), Some(prefix)) = (target.parent(), staging_prefix(target)) else {
        return Ok(());
    };
    let entries = fs::read_dir(parent).map_err(|error| Error::io("cannot read", parent, error))?;
    for entry in entries.flatten() {
        let is_leftover = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(&prefix));
        if is_leftover && entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            let path = entry.path();
            fs::remove_dir_all(&path).map_err(|error| Error::io("cannot remove", &path, error))?;
        }
    }
    Ok(())
}

fn staging_prefix(target: &Path) -> Option<String> {
    let name = sibling(target, STAGING).file_name()?.to_str()?.to_owned();
    Some(format!("{name}-"))
}

/// A hidden path beside `target` (`public` → `.public.kennis-staging`).
pub fn sibling(target: &Path, purpose: &str) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.kennis-{purpose}"))
}

fn swap_in(staging: &Path, target: &Path) -> Result<()> {
    if !target.exists() {
        return fs::rename(staging, target)
            .map_err(|error| Error::io("cannot move the new output to", target, error));
    }
    if exchange(staging, target).is_ok() {
        return Ok(());
    }
    // Without an atomic exchange: move the old output aside, the new one in, and the old one to staging.
    let previous = sibling(target, &format!("{STAGING}-{}-previous", build_id()));
    fs::rename(target, &previous).map_err(|error| Error::io("cannot move aside", target, error))?;
    if let Err(error) = fs::rename(staging, target) {
        let _restored = fs::rename(&previous, target);
        return Err(Error::io("cannot move the new output to", target, error));
    }
    fs::rename(&previous, staging).map_err(|error| Error::io("cannot move", &previous, error))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_folder_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();
        replace_dir(&target, |staging| {
            fs::write(staging.join("new.html"), "new").map_err(|e| Error::io("write", staging, e))
        })
        .unwrap();
        assert!(target.join("new.html").exists());
        assert!(!target.join("old.html").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only the output folder remains");
    }

    #[test]
    fn a_failure_leaves_the_previous_folder_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();
        let result: Result<()> = replace_dir(&target, |staging| {
            fs::write(staging.join("half.html"), "x").unwrap();
            Err(Error::usage("boom", None))
        });
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(target.join("old.html")).unwrap(), "old");
        assert!(!target.join("half.html").exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn staging_folders_of_killed_builds_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let killed = dir.path().join(".public.kennis-staging-4242-1");
        fs::create_dir_all(killed.join("nl")).unwrap();
        let unrelated = dir.path().join(".other.kennis-staging-4242-1");
        fs::create_dir(&unrelated).unwrap();
        replace_dir(&target, |_| Ok(())).unwrap();
        assert!(!killed.exists());
        assert!(unrelated.exists(), "another output's folders stay");
        assert!(target.is_dir());
    }
}
