//! Listing the files below a folder, for the stages that read folders (content, theme templates,
//! static files). A helper shared by the stages; it only reads directory entries.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};

/// Every file below `dir` as (`/`-separated name relative to `dir`, path), sorted by name. Entries
/// whose file name `skip` accepts are left out, with everything below them. A missing folder has no
/// files.
pub fn files_below(dir: &Path, skip: impl Fn(&str) -> bool) -> Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !skip(&entry.file_name().to_string_lossy()));
    let mut files = Vec::new();
    for entry in walker {
        let entry = entry.map_err(|error| {
            let path = error.path().unwrap_or(dir).to_path_buf();
            Error::io("cannot read", path, error.into())
        })?;
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            files.push((slash_name(relative), entry.into_path()));
        }
    }
    Ok(files)
}

/// Dot-files are never part of a site or theme.
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

fn slash_name(relative: &Path) -> String {
    relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_nested_files_by_relative_name_without_skipped_entries() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("b/c")).unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        for file in ["b/c/d.txt", "a.txt", ".git/config", "b/.hidden"] {
            std::fs::write(dir.path().join(file), "x").unwrap();
        }
        let names: Vec<String> = files_below(dir.path(), is_hidden)
            .unwrap()
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert_eq!(names, ["a.txt", "b/c/d.txt"]);
        assert!(
            files_below(&dir.path().join("missing"), is_hidden)
                .unwrap()
                .is_empty()
        );
    }
}
