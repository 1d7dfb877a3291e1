//! Stage 7: output. Writes the files the earlier stages produced, atomically: into a fresh folder
//! beside the output folder, swapped in only when everything was written. A failed build leaves the
//! previous output untouched. Nothing is written outside the output folder, and no URL is decided
//! here.

mod archive;
mod swap;

pub use archive::write_archive;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::error::{Error, Result};
use crate::site::{OutputFile, Source};

/// Present in every output folder kennis wrote, so that it never replaces a folder it did not write.
pub const MARKER_FILE: &str = ".kennis-output";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteSummary {
    pub files: usize,
    pub bytes: u64,
}

/// Writes `files` (each at a URL the routes gave it) into `output_dir`, replacing its previous
/// content in one step. The configuration says where the site's sources are, which the output
/// folder must not hold.
pub fn write_site(
    config: &SiteConfig,
    files: &[OutputFile],
    output_dir: &Path,
) -> Result<WriteSummary> {
    check_output_dir(config, output_dir)?;
    swap::replace_dir(output_dir, |staging| write_all(staging, files))
}

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<WriteSummary> {
    let bytes = files
        .par_iter()
        .map(|file| {
            let target = staging.join(file.path.output_file());
            if let Some(folder) = target.parent() {
                // Tolerates a sibling's thread creating the same folder at the same time.
                fs::create_dir_all(folder)
                    .map_err(|error| Error::io("cannot create", folder, error))?;
            }
            match &file.source {
                Source::Bytes(bytes) => fs::write(&target, bytes)
                    .map(|()| bytes.len() as u64)
                    .map_err(|error| Error::io("cannot write", &target, error)),
                Source::File(source) => fs::copy(source, &target)
                    .map_err(|error| Error::io("cannot copy", source, error)),
            }
        })
        .collect::<Result<Vec<u64>>>()?
        .into_iter()
        .sum();
    fs::write(
        staging.join(MARKER_FILE),
        "Written by kennis; the whole folder is replaced on every build.\n",
    )
    .map_err(|error| Error::io("cannot write", staging.join(MARKER_FILE), error))?;
    Ok(WriteSummary {
        files: files.len(),
        bytes,
    })
}

/// The output folder must not hold the site's sources, and must be a folder kennis wrote (or absent
/// or empty).
fn check_output_dir(config: &SiteConfig, output_dir: &Path) -> Result<()> {
    let output = absolute(output_dir);
    let root = absolute(&config.root);
    if root.starts_with(&output) {
        return Err(Error::usage(
            format!(
                "the output folder {} contains the site itself",
                output_dir.display()
            ),
            Some("choose an output folder inside or beside the site, such as public/".to_owned()),
        ));
    }
    for source in ["content", "themes", "templates", "static"] {
        if output.starts_with(root.join(source)) {
            return Err(Error::usage(
                format!(
                    "the output folder {} is inside the site's {source}/ folder",
                    output_dir.display()
                ),
                None,
            ));
        }
    }
    let written_by_us = output.join(MARKER_FILE).is_file();
    let empty = fs::read_dir(&output).map_or(true, |mut entries| entries.next().is_none());
    if output.exists() && !written_by_us && !empty {
        return Err(Error::usage(
            format!(
                "{} exists and was not written by kennis; it is left alone",
                output_dir.display()
            ),
            Some("remove it yourself or choose another --output folder".to_owned()),
        ));
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    normal
}
