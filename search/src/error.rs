//! What can go wrong when writing, opening or querying an index. A reader's failures that come from the
//! bytes of the index are [`Damage`]: the index must be rebuilt, and readers are told so.

use thiserror::Error;

/// An error of the search core.
#[derive(Debug, Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),

    #[error("the search index is damaged: {0}; rebuild the site")]
    Damaged(#[from] Damage),

    #[error(
        "the search index was written in format {found}; this version reads format {expected}. Rebuild the site"
    )]
    Format { found: u32, expected: u32 },

    #[error("the search index description: {0}")]
    Info(#[from] serde_json::Error),

    /// Not a failure of the index: a chunked index read chunks (by number) that it has not been
    /// given; load them and ask again.
    #[error("the search index needs chunks {0:?}")]
    NeedChunks(Vec<usize>),
}

impl SearchError {
    /// Whether the index itself cannot be used, so that only rebuilding the site helps.
    pub fn is_damaged(&self) -> bool {
        matches!(self, SearchError::Damaged(_) | SearchError::Format { .. })
    }
}

/// What is wrong with the bytes of an index (or the manifest naming it). Names are shown with Rust's
/// string escapes, so that a damaged name cannot send control characters to a terminal.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Damage {
    #[error("it is not a kennis search index")]
    NotAnIndex,

    #[error("it ends inside {0}")]
    Truncated(String),

    #[error("{0} bytes follow the last file")]
    TrailingBytes(usize),

    #[error("file {0:?} does not match its checksum")]
    Checksum(String),

    #[error("{owner} {name:?} {reason}")]
    BadName {
        /// Whose name it is: `the file name`, `the index file name in manifest.json`.
        owner: &'static str,
        name: String,
        reason: &'static str,
    },

    #[error("file {0:?} appears twice")]
    Duplicate(String),

    #[error("file {0:?} is missing")]
    Missing(String),

    #[error("{part} cannot be read: {reason}")]
    Unreadable { part: String, reason: String },

    #[error("the search engine stopped while {during}: {reason}")]
    Panicked {
        during: &'static str,
        reason: String,
    },
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;
