//! Bringing an output folder that an earlier build of the same site wrote up to date in place, for
//! rebuilds while previewing: only the files that differ are written, each replaced in one step
//! (written beside itself, then renamed), and files the site no longer has are removed with the
//! folders they leave empty. The result is the folder a whole build would write.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::error::{Error, Result};
use crate::site::{OutputFile, SitePath, Source};

/// What must happen to one file of the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change<'a> {
    Write(&'a OutputFile),
    Remove(&'a SitePath),
}

/// The changes that turn a folder holding `old` into one holding `new`. A generated file is
/// written when its bytes differ; a copied one whenever it is listed, since its source may have
/// changed under the same name.
pub fn changes<'a>(old: &'a [OutputFile], new: &'a [OutputFile]) -> Vec<Change<'a>> {
    let old_files: HashMap<&SitePath, &Source> =
        old.iter().map(|file| (&file.path, &file.source)).collect();
    let new_paths: std::collections::HashSet<&SitePath> =
        new.iter().map(|file| &file.path).collect();
    let writes = new
        .iter()
        .filter(|file| match (old_files.get(&file.path), &file.source) {
            (Some(Source::Bytes(before)), Source::Bytes(after)) => before != after,
            _ => true,
        });
    let removals = old
        .iter()
        .filter(|file| !new_paths.contains(&file.path))
        .map(|file| Change::Remove(&file.path));
    writes.map(Change::Write).chain(removals).collect()
}

/// Carries out `changes` in the folder `root`.
pub fn apply(root: &Path, changes: &[Change<'_>]) -> Result<()> {
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
                Change::Write(&new[1]),
                Change::Write(&new[2]),
                Change::Remove(&old[1].path)
            ]
        );
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
