//! The index as the browser loads it: a small start file and chunks of at most [`CHUNK_SIZE`] bytes,
//! fetched only when a query reads them. The chunks are the bytes of the packed index
//! ([`container`]) cut in order; the start file lists the container's files with their place in
//! those bytes, carries a *hot cache* (the byte ranges that opening the index and every query read:
//! tantivy's metadata, footers, term dictionaries, fast fields and field norms) and names every
//! chunk with its CRC-32. A reader ([`ChunkedIndex`]) serves tantivy from the hot cache and the chunks
//! it was given ([`ChunkStore`], opened by `SearchIndex::open_chunked`); when tantivy reads bytes of a
//! chunk it does not have, the query fails with [`SearchError::NeedChunks`], the host loads those
//! chunks and asks again. Start file layout, all
//! integers little-endian:
//!
//! ```text
//! "KENNISST" magic, 8 bytes; version u32 (1); total u64 (the container's length); chunk_size u32
//! files u32 × { name_len u16, name, offset u64, len u64 }
//! hot u32 × { offset u64, len u32, bytes }
//! chunks u32 × { crc32 u32, name_len u8, name }
//! crc32 u32 of everything before it
//! ```
//!
//! This module owns the format and the reader's directory; it never reads files or the network.

pub(crate) mod directory;
mod index;
#[cfg(feature = "writer")]
mod split;

pub use directory::ChunkStore;
pub use index::ChunkedIndex;
#[cfg(feature = "writer")]
pub use split::{Split, split};

use std::ops::Range;

use crate::container::{self, Reader};
use crate::error::{Damage, Result, SearchError};

/// The largest chunk: small enough that a query loads little it does not need, large enough that a
/// posting list seldom spans many. On the real site a judged query reads on average 175 kB of
/// chunks at 16 KiB, 319 kB at 64 KiB and 130 kB at 8 KiB (twice the requests): `tests/search.rs`.
pub const CHUNK_SIZE: usize = 16 * 1024;

const MAGIC: &[u8; 8] = b"KENNISST";
const VERSION: u32 = 1;

/// A file of the container and where its bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    pub name: String,
    pub range: Range<usize>,
}

/// A chunk: its place is its number × `chunk_size`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkEntry {
    /// The chunk's file name without extension (content-hashed by the build).
    pub name: String,
    pub crc32: u32,
}

/// What the start file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartFile {
    pub total: usize,
    pub chunk_size: usize,
    pub files: Vec<FileEntry>,
    /// Sorted, not overlapping: `(offset, bytes)`.
    pub hot: Vec<(usize, Vec<u8>)>,
    pub chunks: Vec<ChunkEntry>,
}

impl StartFile {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.total as u64).to_le_bytes());
        out.extend_from_slice(&(self.chunk_size as u32).to_le_bytes());
        out.extend_from_slice(&(self.files.len() as u32).to_le_bytes());
        for file in &self.files {
            out.extend_from_slice(&(file.name.len() as u16).to_le_bytes());
            out.extend_from_slice(file.name.as_bytes());
            out.extend_from_slice(&(file.range.start as u64).to_le_bytes());
            out.extend_from_slice(&(file.range.len() as u64).to_le_bytes());
        }
        out.extend_from_slice(&(self.hot.len() as u32).to_le_bytes());
        for (offset, bytes) in &self.hot {
            out.extend_from_slice(&(*offset as u64).to_le_bytes());
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            out.extend_from_slice(bytes);
        }
        out.extend_from_slice(&(self.chunks.len() as u32).to_le_bytes());
        for chunk in &self.chunks {
            out.extend_from_slice(&chunk.crc32.to_le_bytes());
            out.push(chunk.name.len() as u8);
            out.extend_from_slice(chunk.name.as_bytes());
        }
        let crc = crc32fast::hash(&out);
        out.extend_from_slice(&crc.to_le_bytes());
        out
    }

    /// Reads a start file, checking every byte: its checksum first, then every length and name.
    pub fn decode(bytes: &[u8]) -> Result<StartFile> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(Damage::NotAnIndex.into());
        }
        let start = || "the start file".to_owned();
        let (body, crc) = bytes
            .split_last_chunk::<4>()
            .ok_or_else(|| Damage::Truncated(start()))?;
        if crc32fast::hash(body) != u32::from_le_bytes(*crc) {
            return Err(Damage::Checksum("the start file".to_owned()).into());
        }
        let mut reader = Reader::new(&body[MAGIC.len()..]);
        let version = reader.u32(start)?;
        if version != VERSION {
            return Err(SearchError::Format {
                found: version,
                expected: VERSION,
            });
        }
        let total = size(reader.u64(start)?)?;
        let chunk_size = size(u64::from(reader.u32(start)?))?;
        let mut files = Vec::new();
        for _ in 0..reader.u32(start)? {
            let name_len = usize::from(reader.u16(start)?);
            let name = plain_name(reader.take(name_len, start)?)?;
            let offset = size(reader.u64(start)?)?;
            let len = size(reader.u64(start)?)?;
            let range = offset
                ..offset
                    .checked_add(len)
                    .filter(|end| *end <= total)
                    .ok_or_else(|| Damage::Unreadable {
                        part: format!("file {name:?}"),
                        reason: "it lies outside the index".to_owned(),
                    })?;
            files.push(FileEntry { name, range });
        }
        let mut hot = Vec::new();
        for _ in 0..reader.u32(start)? {
            let offset = size(reader.u64(start)?)?;
            let len = size(u64::from(reader.u32(start)?))?;
            hot.push((offset, reader.take(len, start)?.to_vec()));
        }
        let mut chunks = Vec::new();
        for _ in 0..reader.u32(start)? {
            let crc32 = reader.u32(start)?;
            let name_len = usize::from(reader.take(1, start)?[0]);
            let name = plain_name(reader.take(name_len, start)?)?;
            chunks.push(ChunkEntry { name, crc32 });
        }
        if !reader.is_empty() {
            return Err(Damage::TrailingBytes(reader.remaining()).into());
        }
        let expected_chunks = total.div_ceil(chunk_size.max(1));
        if chunk_size == 0 || chunks.len() != expected_chunks {
            return Err(Damage::Unreadable {
                part: "the start file".to_owned(),
                reason: format!("it names {} chunks for {total} bytes", chunks.len()),
            }
            .into());
        }
        Ok(StartFile {
            total,
            chunk_size,
            files,
            hot,
            chunks,
        })
    }

    /// The byte range of chunk `number` in the container.
    pub fn chunk_range(&self, number: usize) -> Range<usize> {
        let start = number * self.chunk_size;
        start..(start + self.chunk_size).min(self.total)
    }
}

fn size(value: u64) -> Result<usize> {
    usize::try_from(value).map_err(|_| Damage::Truncated("the start file".to_owned()).into())
}

fn plain_name(bytes: &[u8]) -> Result<String> {
    let name = String::from_utf8_lossy(bytes).into_owned();
    let reason = match std::str::from_utf8(bytes) {
        Err(_) => Some("is not UTF-8"),
        Ok(name) => container::name_problem(name),
    };
    match reason {
        None => Ok(name),
        Some(reason) => Err(Damage::BadName {
            owner: "the file name",
            name,
            reason,
        }
        .into()),
    }
}

#[cfg(all(test, feature = "writer"))]
mod tests;
