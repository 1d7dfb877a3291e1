//! The offline copy as one zip archive: every file of the written output folder below one top folder
//! named like the archive, in path order, with fixed timestamps and permissions, so that the same
//! site gives the same bytes. The archive is written beside its final name and renamed into place,
//! so that a failed write leaves no half archive behind.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use super::MARKER_FILE;
use crate::error::{Error, Result};
use crate::walk;

/// Packs `output_dir` into the zip file `archive`; returns its size in bytes.
pub fn write_archive(output_dir: &Path, archive: &Path) -> Result<u64> {
    let top = archive
        .file_stem()
        .map_or_else(|| "kennis-offline".into(), |stem| stem.to_string_lossy());
    // The output holds only what the build wrote: no links.
    let files = walk::files_below(output_dir, |name| name == MARKER_FILE)?.files;
    let partial = archive.with_extension("zip.partial");
    let written = pack(&files, &top, &partial);
    let size = written.and_then(|()| {
        fs::rename(&partial, archive).map_err(|error| Error::io("cannot write", archive, error))?;
        fs::metadata(archive)
            .map(|metadata| metadata.len())
            .map_err(|error| Error::io("cannot read", archive, error))
    });
    if size.is_err() {
        // Leaves nothing half-written behind; the error says what went wrong.
        let _removed = fs::remove_file(&partial);
    }
    size
}

fn pack(files: &[(String, std::path::PathBuf)], top: &str, target: &Path) -> Result<()> {
    let file =
        fs::File::create(target).map_err(|error| Error::io("cannot create", target, error))?;
    let zip_error = |error: zip::result::ZipError| {
        Error::usage(format!("cannot write {}: {error}", target.display()), None)
    };
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .system(System::Unix)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(file);
    let mut sorted: Vec<&(String, std::path::PathBuf)> = files.iter().collect();
    sorted.sort();
    for (name, path) in sorted {
        let bytes = fs::read(path).map_err(|error| Error::io("cannot read", path, error))?;
        zip.start_file(format!("{top}/{name}"), options)
            .map_err(zip_error)?;
        zip.write_all(&bytes)
            .map_err(|error| Error::io("cannot write", target, error))?;
    }
    zip.finish().map_err(zip_error)?;
    Ok(())
}
