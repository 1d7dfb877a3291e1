//! A file of the finished site and where its bytes come from: what the stages hand to the output
//! stage, which writes them and nothing else. The stages hand each file to a [`FileSink`] as soon as
//! it is made and keep only its [`FileRecord`], so that no build holds the whole site in memory.

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::SitePath;
use crate::error::Result;

/// A file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: SitePath,
    pub source: Source,
}

/// Where the bytes of an output file come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Copied as it is from the site's sources.
    File(PathBuf),
    /// Generated during the build.
    Bytes(Vec<u8>),
}

/// What a build remembers of an output file once it was handed on: its path, and enough of its
/// content to tell whether a later build made the same file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    pub path: SitePath,
    pub fingerprint: Fingerprint,
}

/// The content of an output file, in brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fingerprint {
    /// Copied from this source.
    Copied(PathBuf),
    /// Generated: the first 128 bits of the SHA-256 of its bytes.
    Generated([u8; 16]),
}

/// Where the stages hand every output file as soon as they made it, from several threads at once.
/// What happens to it (written into the output, compared with an earlier build, or nothing) is the
/// caller's choice; an error stops the build.
pub trait FileSink: Sync {
    fn accept(&self, file: OutputFile) -> Result<()>;
}

impl OutputFile {
    /// A file generated during the build.
    pub fn generated(path: SitePath, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            path,
            source: Source::Bytes(bytes),
        }
    }

    /// What a build keeps of this file.
    pub fn record(&self) -> FileRecord {
        FileRecord {
            path: self.path.clone(),
            fingerprint: match &self.source {
                Source::File(source) => Fingerprint::Copied(source.clone()),
                Source::Bytes(bytes) => Fingerprint::Generated(digest(bytes)),
            },
        }
    }

    /// Hands this file to `sink` and returns what the build keeps of it.
    pub fn hand_to(self, sink: &dyn FileSink) -> Result<FileRecord> {
        let record = self.record();
        sink.accept(self)?;
        Ok(record)
    }
}

impl Fingerprint {
    /// Whether a folder holding a file with this fingerprint already holds one with `other`. A
    /// copied file never does, since its source may have changed under the same name.
    pub fn is_same(&self, other: &Fingerprint) -> bool {
        matches!((self, other), (Fingerprint::Generated(a), Fingerprint::Generated(b)) if a == b)
    }
}

fn digest(bytes: &[u8]) -> [u8; 16] {
    let mut short = [0; 16];
    short.copy_from_slice(&Sha256::digest(bytes)[..16]);
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(bytes: &str) -> Fingerprint {
        let path = SitePath::file("a.txt").unwrap();
        OutputFile::generated(path, bytes.as_bytes().to_vec())
            .record()
            .fingerprint
    }

    #[test]
    fn generated_files_are_the_same_exactly_when_their_bytes_are() {
        assert!(generated("abc").is_same(&generated("abc")));
        assert!(!generated("abc").is_same(&generated("abd")));
    }

    #[test]
    fn a_copied_file_is_never_the_same() {
        let copied = Fingerprint::Copied(PathBuf::from("static/a.css"));
        assert!(!copied.is_same(&copied.clone()));
    }
}
