//! What can go wrong when writing, opening or querying an index.

use thiserror::Error;

/// An error of the search core.
#[derive(Debug, Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),

    #[error("the search index file is damaged: {0}")]
    Damaged(String),

    #[error(
        "the search index was written in format {found}; this version reads format {expected}. Rebuild the site"
    )]
    Format { found: u32, expected: u32 },

    #[error("the search index description cannot be read: {0}")]
    Info(#[from] serde_json::Error),
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;
