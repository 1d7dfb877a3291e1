//! What the output path may be, decided before anything moves: absent, an empty folder, or a folder
//! kennis wrote (it holds the marker file). A file, a device, a link to nothing or a folder of someone
//! else is refused and left exactly as it is. This module only looks at the path; the one thing it
//! creates is a missing parent folder, and it never writes into the output folder or beside it.
//!
//! A symbolic link to a folder is followed: deployments often point `public` at a folder elsewhere
//! (`/srv/www/site`), and replacing the link by a real folder would silently stop publishing there.
//! The build replaces the folder the link points to, beside that folder, and the link stays a link.

use std::fs;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

use super::MARKER_FILE;
use crate::error::{Error, Result};

/// Checks `output` (see [`check`]), creates its missing parent folders, and returns the real path of
/// the folder to replace: absolute, with every symbolic link resolved.
pub fn prepare(output: &Path) -> Result<PathBuf> {
    check(output)?;
    let real = real_path(output)?;
    let Some(parent) = real.parent().filter(|_| real.file_name().is_some()) else {
        return Err(Error::usage(
            format!("{} cannot be an output folder", output.display()),
            Some("choose a folder such as public/".to_owned()),
        ));
    };
    // Creating the parents is friendlier than refusing: `--output build/site` in a fresh checkout
    // is what people type, and nothing that exists is touched.
    fs::create_dir_all(parent).map_err(|error| Error::io("cannot create", parent, error))?;
    Ok(real)
}

/// Fails unless `output` is absent, an empty folder, or a folder kennis wrote, following a symbolic
/// link to a folder. Reads only.
pub fn check(output: &Path) -> Result<()> {
    let link = match fs::symlink_metadata(output) {
        Ok(link) => link,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(unreadable(output, error)),
    };
    let metadata = match fs::metadata(output) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == ErrorKind::NotFound => return Err(dangling(output)),
        Err(error) => return Err(unreadable(output, error)),
    };
    if !metadata.is_dir() {
        return Err(not_a_folder(output, &metadata, link.is_symlink()));
    }
    let mut entries =
        fs::read_dir(output).map_err(|error| Error::io("cannot read", output, error))?;
    if entries.next().is_none() || output.join(MARKER_FILE).is_file() {
        return Ok(());
    }
    Err(Error::usage(
        format!(
            "{} exists and was not written by kennis (it has no {MARKER_FILE} file); it is left alone",
            output.display()
        ),
        Some("remove it yourself or choose another --output folder".to_owned()),
    ))
}

/// `path` made absolute with every symbolic link of its existing part resolved, so that two spellings
/// of one folder (`public`, `./public`, a link to it) give the same path. The missing part is
/// appended as written, without `.` and `..`.
pub fn real_path(path: &Path) -> Result<PathBuf> {
    let absolute =
        std::path::absolute(path).map_err(|error| Error::io("cannot resolve", path, error))?;
    for existing in absolute.ancestors() {
        let Ok(mut real) = fs::canonicalize(existing) else {
            continue;
        };
        let missing = absolute.strip_prefix(existing).unwrap_or(Path::new(""));
        for component in missing.components() {
            match component {
                Component::ParentDir => {
                    real.pop();
                }
                Component::Normal(name) => real.push(name),
                Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
            }
        }
        return Ok(real);
    }
    // Only reached when not even the file-system root can be resolved.
    Ok(absolute)
}

fn unreadable(output: &Path, error: std::io::Error) -> Error {
    if error.kind() == ErrorKind::NotADirectory {
        return Error::usage(
            format!(
                "{} cannot be an output folder: a part of the path above it is a file",
                output.display()
            ),
            Some("choose another --output folder".to_owned()),
        );
    }
    Error::io("cannot inspect", output, error)
}

fn dangling(output: &Path) -> Error {
    let destination = fs::read_link(output)
        .map_or_else(|_| "a missing path".to_owned(), |d| d.display().to_string());
    Error::usage(
        format!(
            "{} is a symbolic link to {destination}, which does not exist; it is left alone",
            output.display()
        ),
        Some("create the folder the link points to, or remove the link".to_owned()),
    )
}

fn not_a_folder(output: &Path, metadata: &fs::Metadata, via_link: bool) -> Error {
    let what = kind(metadata);
    let is = if via_link {
        format!("is a symbolic link to {what}")
    } else {
        format!("is {what}")
    };
    Error::usage(
        format!(
            "{} {is}, not a folder; kennis writes the site into a folder and left it alone",
            output.display()
        ),
        Some("choose another --output folder, or move it away yourself".to_owned()),
    )
}

fn kind(metadata: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let file_type = metadata.file_type();
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if metadata.is_file() {
        "a file"
    } else {
        "something other than a folder"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(result: Result<()>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn absent_empty_and_kennis_folders_may_be_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        assert!(check(&output).is_ok());
        fs::create_dir(&output).unwrap();
        assert!(check(&output).is_ok());
        fs::write(output.join(MARKER_FILE), "").unwrap();
        fs::write(output.join("index.html"), "").unwrap();
        assert!(check(&output).is_ok());
    }

    #[test]
    fn files_devices_and_foreign_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        fs::write(&file, "data").unwrap();
        assert!(message(check(&file)).contains("is a file, not a folder"));
        assert!(message(check(Path::new("/dev/null"))).contains("is a device"));
        assert!(message(check(&file.join("below"))).contains("above it is a file"));
        let foreign = dir.path().join("docs");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("notes.txt"), "mine").unwrap();
        assert!(message(check(&foreign)).contains("was not written by kennis"));
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_to_folders_and_refused_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("site");
        fs::create_dir(&real).unwrap();
        let link = dir.path().join("public");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(prepare(&link).unwrap(), fs::canonicalize(&real).unwrap());
        let dangling_link = dir.path().join("gone");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling_link).unwrap();
        assert!(message(check(&dangling_link)).contains("which does not exist"));
        let file = dir.path().join("f");
        fs::write(&file, "data").unwrap();
        let file_link = dir.path().join("to-file");
        std::os::unix::fs::symlink(&file, &file_link).unwrap();
        assert!(message(check(&file_link)).contains("is a symbolic link to a file"));
    }

    #[test]
    fn missing_parents_are_created_and_the_path_is_resolved() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("a/b/../c/public");
        let real = prepare(&output).unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        assert_eq!(real, base.join("a/c/public"));
        assert!(base.join("a/c").is_dir());
        assert!(!real.exists());
    }
}
