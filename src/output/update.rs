//! Bringing an output folder that an earlier build of the same site wrote up to date in place, for
//! rebuilds while previewing: only the files that differ are written, each replaced in one step
//! (written beside itself, then renamed), and files the site no longer has are removed with the
//! folders they leave empty. The result is the folder a whole build would write.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use crate::error::{Error, Result};
use crate::site::{FileRecord, FileSink, OutputFile, SitePath, Source};

/// What must happen to one file of the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Write(OutputFile),
    Remove(SitePath),
}

/// A sink for a build of a site into a folder that holds the files `old`: it keeps only the files
/// handed to it that the folder does not hold yet, so that what stayed the same is never in memory.
/// A generated file is kept when its bytes differ; a copied one always, since its source may have
/// changed under the same name.
pub struct Pending {
    old: Vec<FileRecord>,
    positions: HashMap<SitePath, usize>,
    writes: Mutex<Vec<OutputFile>>,
}

impl Pending {
    pub fn against(old: &[FileRecord]) -> Pending {
        let positions = old
            .iter()
            .enumerate()
            .map(|(position, file)| (file.path.clone(), position))
            .collect();
        Pending {
            old: old.to_vec(),
            positions,
            writes: Mutex::new(Vec::new()),
        }
    }

    /// The files to write, in the order of `order` (the records of the files handed over).
    pub fn writes(self, order: &[FileRecord]) -> Vec<OutputFile> {
        let rank: HashMap<&SitePath, usize> = order
            .iter()
            .enumerate()
            .map(|(rank, file)| (&file.path, rank))
            .collect();
        let mut writes = self
            .writes
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        writes.sort_by_key(|file| rank.get(&file.path).copied());
        writes
    }

    /// The changes that turn the folder into one holding `new`, every file of which was handed to
    /// this sink: the writes in the order of `new`, then the removals of what `new` no longer has.
    pub fn changes(self, new: &[FileRecord]) -> Vec<Change> {
        let kept: HashSet<&SitePath> = new.iter().map(|file| &file.path).collect();
        let removals: Vec<Change> = self
            .old
            .iter()
            .filter(|file| !kept.contains(&file.path))
            .map(|file| Change::Remove(file.path.clone()))
            .collect();
        let writes = self.writes(new).into_iter().map(Change::Write);
        writes.chain(removals).collect()
    }
}

impl FileSink for Pending {
    fn accept(&self, file: OutputFile) -> Result<()> {
        let before = self.positions.get(&file.path).map(|&at| &self.old[at]);
        let unchanged = before.is_some_and(|before| {
            let after = file.record();
            before.fingerprint.is_same(&after.fingerprint)
        });
        if !unchanged {
            let mut writes = self.writes.lock().unwrap_or_else(PoisonError::into_inner);
            writes.push(file);
        }
        Ok(())
    }
}

/// Carries out `changes` in the folder `root`.
pub fn apply(root: &Path, changes: &[Change]) -> Result<()> {
    for change in changes {
        match change {
            Change::Write(file) => write_in_place(root, file)?,
            Change::Remove(path) => remove(root, path)?,
        }
    }
    Ok(())
}

fn write_in_place(root: &Path, file: &OutputFile) -> Result<()> {
    let target = root.join(file.path.output_file());
    let folder = target.parent().unwrap_or(root);
    fs::create_dir_all(folder).map_err(|error| Error::io("cannot create", folder, error))?;
    let name = target
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    let beside = folder.join(format!(".{name}.kennis-new"));
    match &file.source {
        Source::Bytes(bytes) => {
            fs::write(&beside, bytes).map_err(|error| Error::io("cannot write", &beside, error))?
        }
        Source::File(source) => {
            fs::copy(source, &beside).map_err(|error| Error::io("cannot copy", source, error))?;
        }
    }
    fs::rename(&beside, &target).map_err(|error| Error::io("cannot write", &target, error))
}

fn remove(root: &Path, path: &SitePath) -> Result<()> {
    let target = root.join(path.output_file());
    match fs::remove_file(&target) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(Error::io("cannot remove", &target, error)),
    }
    let mut folder = target.parent();
    while let Some(current) = folder.filter(|folder| *folder != root) {
        // Fails, and stops the climb, at the first folder that still holds something.
        if fs::remove_dir(current).is_err() {
            break;
        }
        folder = current.parent();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(path: &str, bytes: &str) -> OutputFile {
        OutputFile::generated(SitePath::file(path).unwrap(), bytes.as_bytes().to_vec())
    }

    /// Hands `files` to a sink against `old`, as a build does, and returns its changes.
    fn changes(old: &[OutputFile], new: &[OutputFile]) -> Vec<Change> {
        let old: Vec<FileRecord> = old.iter().map(OutputFile::record).collect();
        let pending = Pending::against(&old);
        // Handed over last to first, as stages running side by side may.
        let mut records: Vec<FileRecord> = new
            .iter()
            .rev()
            .map(|file| file.clone().hand_to(&pending).unwrap())
            .collect();
        records.reverse();
        pending.changes(&records)
    }

    #[test]
    fn only_differing_and_vanished_files_change() {
        let old = [
            generated("a.txt", "a"),
            generated("b/c.txt", "c"),
            generated("d.txt", "d"),
        ];
        let new = [
            generated("a.txt", "a"),
            generated("d.txt", "D"),
            generated("e.txt", "e"),
        ];
        let found = changes(&old, &new);
        assert_eq!(
            found,
            vec![
                Change::Write(new[1].clone()),
                Change::Write(new[2].clone()),
                Change::Remove(old[1].path.clone())
            ],
            "writes come in the order of the new files, whatever order they were handed over in"
        );
    }

    #[test]
    fn a_copied_file_is_always_written_again() {
        let copied = OutputFile {
            path: SitePath::file("style.css").unwrap(),
            source: Source::File("static/style.css".into()),
        };
        let found = changes(std::slice::from_ref(&copied), std::slice::from_ref(&copied));
        assert_eq!(found, vec![Change::Write(copied)]);
    }

    #[test]
    fn applying_changes_leaves_the_folder_a_whole_write_would_make() {
        let folder = tempfile::tempdir().unwrap();
        let old = [generated("a.txt", "a"), generated("b/c/d.txt", "d")];
        apply(folder.path(), &changes(&[], &old)).unwrap();
        let new = [generated("a.txt", "A")];
        apply(folder.path(), &changes(&old, &new)).unwrap();
        assert_eq!(
            fs::read_to_string(folder.path().join("a.txt")).unwrap(),
            "A"
        );
        let left: Vec<String> = fs::read_dir(folder.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            left,
            ["a.txt"],
            "no empty folder and no half-written file is left"
        );
    }
}
