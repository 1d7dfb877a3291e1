//! Reading the site's folders and text files, for the stages that read them (configuration,
//! content, theme templates and UI strings, static files): listing the files below a folder, and
//! the one decoding of a text file (UTF-8, without the byte-order mark some editors write). A
//! helper shared by the stages; it reads and never writes.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result, SourceError};

const BYTE_ORDER_MARK: char = '\u{feff}';

/// The text of the file at `path`; `shown` names it in messages.
pub fn read_text(path: &Path, shown: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|error| Error::io("cannot read", shown, error))?;
    Ok(decode_text(bytes, shown)?)
}

/// `bytes` as UTF-8 text without a leading byte-order mark, or an error naming the first line that
/// is not UTF-8.
pub fn decode_text(bytes: Vec<u8>, shown: &Path) -> Result<String, SourceError> {
    let mut text = String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let line = crate::error::line_of(&String::from_utf8_lossy(error.as_bytes()), valid);
        SourceError::line(shown, line, "the file is not UTF-8 text")
            .with_help("save the file with UTF-8 encoding")
    })?;
    if text.starts_with(BYTE_ORDER_MARK) {
        text.drain(..BYTE_ORDER_MARK.len_utf8());
    }
    Ok(text)
}

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
    fn text_loses_its_byte_order_mark_and_must_be_utf8() {
        let shown = Path::new("content/a.md");
        let text = decode_text(b"\xEF\xBB\xBF+++\n\xEF\xBB\xBFx".to_vec(), shown).unwrap();
        assert_eq!(text, "+++\n\u{feff}x", "only the leading mark goes");
        let error = decode_text(b"+++\ntitle = \"Caf\xE9\"\n".to_vec(), shown).unwrap_err();
        assert_eq!(
            error.to_string(),
            "content/a.md:2: the file is not UTF-8 text"
        );
    }

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
