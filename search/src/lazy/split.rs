//! Cuts a packed index into a start file and chunks (native, at build time). The hot cache is found
//! by opening the index through a recording [`ChunkStore`] with every chunk present: what opening
//! and [`SearchIndex::warm`] read, plus every file that queries read throughout (all but posting
//! lists, positions and stored documents, which queries read by term and by result).

use std::ops::Range;
use std::sync::Arc;

use super::{CHUNK_SIZE, ChunkEntry, ChunkStore, FileEntry, StartFile};
use crate::container;
use crate::error::Result;
use crate::reader::SearchIndex;

/// Files that queries read in parts: only their parts that opening reads go into the hot cache.
const READ_BY_PART: [&str; 3] = [".idx", ".pos", ".store"];
/// Hot ranges closer than this are joined: one range costs more than these bytes.
const JOIN_GAP: usize = 64;

/// A start file and the chunks it names, in order.
pub struct Split {
    pub start: Vec<u8>,
    pub chunks: Vec<Vec<u8>>,
}

/// Cuts `packed` (a checked container) into chunks named by `name_of` (a content hash, without
/// extension) and the start file that names them.
pub fn split(packed: &[u8], name_of: impl Fn(&[u8]) -> String) -> Result<Split> {
    let files: Vec<FileEntry> = container::entries(packed)?
        .into_iter()
        .map(|(name, range)| FileEntry { name, range })
        .collect();
    let chunks: Vec<Vec<u8>> = packed.chunks(CHUNK_SIZE).map(<[u8]>::to_vec).collect();
    let mut start = StartFile {
        total: packed.len(),
        chunk_size: CHUNK_SIZE,
        files,
        hot: Vec::new(),
        chunks: chunks
            .iter()
            .map(|chunk| ChunkEntry {
                name: name_of(chunk),
                crc32: crc32fast::hash(chunk),
            })
            .collect(),
    };
    let mut ranges = opening_reads(&start, &chunks)?;
    for file in &start.files {
        if !READ_BY_PART
            .iter()
            .any(|extension| file.name.ends_with(extension))
        {
            ranges.push(file.range.clone());
        }
    }
    start.hot = joined(ranges)
        .into_iter()
        .map(|range| (range.start, packed[range].to_vec()))
        .collect();
    Ok(Split {
        start: start.encode(),
        chunks,
    })
}

/// The ranges that opening the index and warming it read.
fn opening_reads(start: &StartFile, chunks: &[Vec<u8>]) -> Result<Vec<Range<usize>>> {
    let store = Arc::new(ChunkStore::new(start.clone(), true));
    for (number, chunk) in chunks.iter().enumerate() {
        store.add(number, chunk.clone())?;
    }
    let index = SearchIndex::open_chunked(Arc::clone(&store))?;
    index.warm()?;
    Ok(store.recorded())
}

/// Sorted ranges with overlapping and nearly touching ones joined.
fn joined(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|range| !range.is_empty());
    ranges.sort_by_key(|range| range.start);
    let mut joined: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match joined.last_mut() {
            Some(last) if range.start <= last.end + JOIN_GAP => last.end = last.end.max(range.end),
            _ => joined.push(range),
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_ranges_join() {
        assert_eq!(
            joined(vec![10..20, 0..5, 15..30, 200..210, 5..5]),
            vec![0..30, 200..210]
        );
    }
}
