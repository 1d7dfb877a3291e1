//! A file of the finished site and where its bytes come from: what the stages hand to the output
//! stage, which writes them and nothing else.

use std::path::PathBuf;

use super::SitePath;

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

impl OutputFile {
    /// A file generated during the build.
    pub fn generated(path: SitePath, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            path,
            source: Source::Bytes(bytes),
        }
    }
}
