//! Stage 7: output. Writes the files the earlier stages produce, atomically: each into a fresh
//! folder beside the output folder as soon as a stage hands it over (so that no build keeps the
//! site's bytes), swapped in only when every stage succeeded. A failed build leaves the
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
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::config::SiteConfig;
use crate::error::{Error, Result};
use crate::site::{FileSink, OutputFile, Source};

pub use update::{Change, Pending};

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
    /// Runs `stages`, writing every file they hand to the sink at once (each at the URL the routes
    /// gave it) into a staging folder, which replaces the folder's previous content in one step
    /// when they succeed; when they fail, the folder stays as it was.
    pub fn write_site<T>(
        &self,
        stages: impl FnOnce(&dyn FileSink) -> Result<T>,
    ) -> Result<(T, WriteSummary)> {
        swap::replace_dir(&self.real, |staging| {
            let sink = Staging {
                folder: staging,
                files: AtomicUsize::new(0),
                bytes: AtomicU64::new(0),
            };
            let made = stages(&sink)?;
            sink.finish().map(|summary| (made, summary))
        })
    }

    /// Brings the folder, which a build of the same site wrote, up to date in place with `changes`
    /// (see [`changes`]): for rebuilds while previewing, where readers keep their pages open.
    pub fn update(&self, changes: &[Change]) -> Result<()> {
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

/// The staging folder, taking files as the stages make them.
struct Staging<'a> {
    folder: &'a Path,
    files: AtomicUsize,
    bytes: AtomicU64,
}

impl FileSink for Staging<'_> {
    fn accept(&self, file: OutputFile) -> Result<()> {
        let target = self.folder.join(file.path.output_file());
        if let Some(folder) = target.parent() {
            // Tolerates another thread creating the same folder at the same time.
            fs::create_dir_all(folder)
                .map_err(|error| Error::io("cannot create", folder, error))?;
        }
        let bytes = match &file.source {
            Source::Bytes(bytes) => fs::write(&target, bytes)
                .map(|()| bytes.len() as u64)
                .map_err(|error| Error::io("cannot write", &target, error)),
            Source::File(source) => {
                fs::copy(source, &target).map_err(|error| Error::io("cannot copy", source, error))
            }
        }?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        Ok(())
    }
}

impl Staging<'_> {
    fn finish(self) -> Result<WriteSummary> {
        let marker = self.folder.join(MARKER_FILE);
        fs::write(
            &marker,
            "Written by kennis; the whole folder is replaced on every build.\n",
        )
        .map_err(|error| Error::io("cannot write", &marker, error))?;
        Ok(WriteSummary {
            files: self.files.into_inner(),
            bytes: self.bytes.into_inner(),
        })
    }
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
