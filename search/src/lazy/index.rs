//! A chunked index as hosts use it: opened from its start file, given chunks as it asks for them,
//! and opened in tantivy on the first search (which may itself ask for chunks).

use std::sync::Arc;

use super::ChunkStore;
use crate::error::{Result, SearchError};
use crate::info::FacetInfo;
use crate::reader::{Request, Response, SearchIndex};

/// A start file's index and the chunks it has been given.
pub struct ChunkedIndex {
    store: Arc<ChunkStore>,
    index: Option<SearchIndex>,
}

impl ChunkedIndex {
    /// Reads a start file (checked whole); loads nothing else.
    pub fn open(start: &[u8]) -> Result<ChunkedIndex> {
        Ok(ChunkedIndex {
            store: ChunkStore::open(start)?,
            index: None,
        })
    }

    /// The file name (without extension) of chunk `number`.
    pub fn chunk_name(&self, number: usize) -> Option<&str> {
        let chunks = &self.store.start().chunks;
        chunks.get(number).map(|chunk| chunk.name.as_str())
    }

    /// How many chunks the index has.
    pub fn chunk_count(&self) -> usize {
        self.store.start().chunks.len()
    }

    /// Gives the index chunk `number`; refused as damaged unless it is the chunk the start file names.
    pub fn add_chunk(&self, number: usize, bytes: Vec<u8>) -> Result<()> {
        self.store.add(number, bytes)
    }

    /// How many chunks were given, and their bytes.
    pub fn loaded(&self) -> (usize, usize) {
        self.store.loaded()
    }

    fn opened(&mut self) -> Result<&mut SearchIndex> {
        match &mut self.index {
            Some(index) => Ok(index),
            slot => Ok(slot.insert(SearchIndex::open_chunked(Arc::clone(&self.store))?)),
        }
    }

    /// The facets of the index (opening it may need chunks).
    pub fn facets(&mut self) -> Result<&[FacetInfo]> {
        Ok(self.opened()?.facets())
    }

    /// Answers `request`, or fails with [`SearchError::NeedChunks`]: add them and ask again.
    pub fn search(&mut self, request: &Request) -> Result<Response> {
        self.opened()?.search(request)
    }

    /// For hosts that can read chunks synchronously (the command line): `work` is retried after
    /// every chunk it needs is loaded with `load` (given the chunk's name); `failed` turns the
    /// index's errors into the host's.
    pub fn with_chunks<T, E>(
        &mut self,
        mut load: impl FnMut(&str) -> std::result::Result<Vec<u8>, E>,
        failed: impl Fn(SearchError) -> E,
        mut work: impl FnMut(&mut ChunkedIndex) -> Result<T>,
    ) -> std::result::Result<T, E> {
        loop {
            match work(self) {
                Err(SearchError::NeedChunks(numbers)) => {
                    for number in numbers {
                        let name = self.chunk_name(number).unwrap_or_default().to_owned();
                        let bytes = load(&name)?;
                        self.add_chunk(number, bytes).map_err(&failed)?;
                    }
                }
                outcome => return outcome.map_err(failed),
            }
        }
    }
}
