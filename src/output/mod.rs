//! Stage 7: output. Writes the files the earlier stages produced, atomically: into a fresh folder
//! beside the output folder, swapped in only when everything was written. A failed build leaves the
//! previous output untouched, and builds writing to the same folder take turns (see the `lock` module).
//! While previewing, a rebuild may instead bring the folder up to date in place (`update`).
//! Nothing is written outside the output folder and its hidden siblings, and no URL is decided here.

mod archive;
mod lock;
mod swap;
mod target;
mod update;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::error::{Error, Result};
use crate::site::{OutputFile, Source};

pub use update::{Change, changes};

/// Present in every output folder kennis wrote, so that it never replaces a folder it did not write.
pub const MARKER_FILE: &str = ".kennis-output";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteSummary {
    pub files: usize,
    pub bytes: u64,
}

/// The output folder while this build holds its lock: no other build writes to it until this is
/// dropped.
#[derive(Debug)]
pub struct LockedOutput {
    /// The folder as the editor named it, for messages.
    named: PathBuf,
    /// The folder itself, every symbolic link resolved.
    real: PathBuf,
    _lock: lock::Lock,
}

/// Fails, touching nothing, unless `output_dir` may be replaced by the site: it must not hold the
/// site's sources, and must be absent, empty, or a folder kennis wrote (a symbolic link to such a
/// folder is followed).
fn check(config: &SiteConfig, output_dir: &Path) -> Result<()> {
    check_not_sources(config, output_dir)?;
    target::check(output_dir)
}

/// Takes the lock of `output_dir`, waiting for another build that holds it (`waiting` hears once
/// that it waits), and checks the folder again once it is ours.
pub fn lock(
    config: &SiteConfig,
    output_dir: &Path,
    waiting: &dyn Fn(&str),
) -> Result<LockedOutput> {
    check(config, output_dir)?;
    let real = target::prepare(output_dir)?;
    let lock = lock::acquire(
        &swap::sibling(&real, "lock"),
        output_dir,
        lock::WAIT,
        waiting,
    )?;
    // The build that held the lock may have just created or replaced the folder.
    target::check(&real)?;
    Ok(LockedOutput {
        named: output_dir.to_path_buf(),
        real,
        _lock: lock,
    })
}

impl LockedOutput {
    /// Writes `files` (each at a URL the routes gave it) into the folder, replacing its previous
    /// content in one step.
    pub fn write_site(&self, files: &[OutputFile]) -> Result<WriteSummary> {
        swap::replace_dir(&self.real, |staging| write_all(staging, files))
    }

    /// Brings the folder, which a build of the same site wrote, up to date in place with `changes`
    /// (see [`changes`]): for rebuilds while previewing, where readers keep their pages open.
    pub fn update(&self, changes: &[Change<'_>]) -> Result<()> {
        update::apply(&self.real, changes)
    }

    /// Packs the written folder into the zip file `archive`; returns its size in bytes.
    pub fn write_archive(&self, archive: &Path) -> Result<u64> {
        archive::write_archive(&self.real, archive)
    }

    /// The folder as the editor named it.
    pub fn path(&self) -> &Path {
        &self.named
    }
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

/// The output folder must not hold the site's sources.
fn check_not_sources(config: &SiteConfig, output_dir: &Path) -> Result<()> {
    let output = target::real_path(output_dir)?;
    let root = target::real_path(&config.root)?;
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
    Ok(())
}
