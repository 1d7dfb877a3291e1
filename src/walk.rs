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

/// What a folder holds: its files, and the symbolic links below it, which are left out.
#[derive(Debug, Default)]
pub struct Listing {
    /// Every file as (`/`-separated name relative to the folder, path), sorted by name.
    pub files: Vec<(String, PathBuf)>,
    /// Symbolic links to files or folders. They are not followed: a link can point outside the
    /// site and publish what was never meant to be, or loop back into its own folder.
    pub links: Vec<PathBuf>,
}

impl Listing {
    /// A warning for each link left out, naming it relative to the site's `root`.
    pub fn link_warnings(&self, root: &Path) -> Vec<String> {
        self.links
            .iter()
            .map(|link| {
                format!(
                    "{}: a symbolic link, left out; kennis does not follow links (they can lead \
                     outside the site or in circles), so copy the file or folder here instead",
                    link.strip_prefix(root).unwrap_or(link).display()
                )
            })
            .collect()
    }
}

/// Everything below `dir` (which itself may be a link). Entries whose file name `skip` accepts are
/// left out, with everything below them. A missing folder has no files.
pub fn files_below(dir: &Path, skip: impl Fn(&str) -> bool) -> Result<Listing> {
    let mut listing = Listing::default();
    if !dir.is_dir() {
        return Ok(listing);
    }
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !skip(&entry.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(|error| {
            let path = error.path().unwrap_or(dir).to_path_buf();
            Error::io("cannot read", path, error.into())
        })?;
        if entry.path_is_symlink() && entry.depth() > 0 {
            listing.links.push(entry.into_path());
        } else if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            listing
                .files
                .push((slash_name(relative), entry.into_path()));
        }
    }
    Ok(listing)
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

    #[cfg(unix)]
    #[test]
    fn links_are_listed_apart_and_never_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("static");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.join("sub/elsewhere")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.join("b.txt")).unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(dir.join("gone"), dir.join(".hidden")).unwrap();
        let listing = files_below(&dir, is_hidden).unwrap();
        let names: Vec<&str> = listing
            .files
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        assert_eq!(names, ["a.txt"]);
        let warnings = listing.link_warnings(site.path());
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(
            warnings[0].starts_with("static/b.txt: a symbolic link, left out;"),
            "{warnings:?}"
        );
        assert!(warnings[1].starts_with("static/sub/elsewhere: "));
        assert!(warnings[2].starts_with("static/sub/loop: "));
    }

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
            .files
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert_eq!(names, ["a.txt", "b/c/d.txt"]);
        assert!(
            files_below(&dir.path().join("missing"), is_hidden)
                .unwrap()
                .files
                .is_empty()
        );
    }
}
