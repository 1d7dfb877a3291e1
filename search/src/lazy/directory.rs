//! A read-only tantivy [`Directory`] over a start file's hot cache and the chunks loaded so far. A
//! read of bytes that neither holds fails, and the chunks it needed are noted, so that the host can
//! load them and the query can be asked again. Natively it can also note every range read, which is
//! how the build finds the hot cache.

use std::collections::BTreeSet;
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::Directory;
use tantivy::HasLen;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};

use super::StartFile;
use crate::error::{Damage, Result};

/// The bytes a reader has: the hot cache and the chunks given so far. Shared by every handle.
pub struct ChunkStore {
    start: StartFile,
    hot: Vec<(usize, OwnedBytes)>,
    chunks: Mutex<Vec<Option<OwnedBytes>>>,
    /// Chunks that reads needed and did not find, since the last [`ChunkStore::take_missing`].
    missing: Mutex<BTreeSet<usize>>,
    /// When set, every range read (for finding the hot cache).
    recorded: Option<Mutex<Vec<Range<usize>>>>,
}

impl fmt::Debug for ChunkStore {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "ChunkStore({} chunks)", self.start.chunks.len())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // The data stays consistent whatever panicked while holding the lock: it is only ever replaced whole.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl ChunkStore {
    pub fn new(start: StartFile, record: bool) -> ChunkStore {
        let hot = start
            .hot
            .iter()
            .map(|(offset, bytes)| (*offset, OwnedBytes::new(bytes.clone())))
            .collect();
        let chunks = vec![None; start.chunks.len()];
        ChunkStore {
            start,
            hot,
            chunks: Mutex::new(chunks),
            missing: Mutex::new(BTreeSet::new()),
            recorded: record.then(|| Mutex::new(Vec::new())),
        }
    }

    /// The store of a start file's bytes, with no chunk yet.
    pub fn open(start: &[u8]) -> Result<Arc<ChunkStore>> {
        Ok(Arc::new(ChunkStore::new(StartFile::decode(start)?, false)))
    }

    pub fn start(&self) -> &StartFile {
        &self.start
    }

    /// Adds chunk `number`, refused as damaged unless it has the length and checksum the start file
    /// names.
    pub fn add(&self, number: usize, bytes: Vec<u8>) -> Result<()> {
        let entry = self
            .start
            .chunks
            .get(number)
            .ok_or_else(|| Damage::Unreadable {
                part: format!("chunk {number}"),
                reason: "the start file names no such chunk".to_owned(),
            })?;
        let expected = self.start.chunk_range(number).len();
        if bytes.len() != expected || crc32fast::hash(&bytes) != entry.crc32 {
            return Err(Damage::Checksum(entry.name.clone()).into());
        }
        lock(&self.chunks)[number] = Some(OwnedBytes::new(bytes));
        Ok(())
    }

    /// How many chunks have been given (and how many bytes they hold).
    pub fn loaded(&self) -> (usize, usize) {
        let chunks = lock(&self.chunks);
        let loaded = chunks.iter().flatten();
        (loaded.clone().count(), loaded.map(OwnedBytes::len).sum())
    }

    /// The chunks that reads needed since the last call, by number.
    pub fn take_missing(&self) -> Vec<usize> {
        std::mem::take(&mut *lock(&self.missing))
            .into_iter()
            .collect()
    }

    /// Every range read so far, when recording.
    pub fn recorded(&self) -> Vec<Range<usize>> {
        self.recorded
            .as_ref()
            .map(|recorded| lock(recorded).clone())
            .unwrap_or_default()
    }

    /// The bytes of `range` (of the container), or the note of the chunks it needs.
    fn read(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if let Some(recorded) = &self.recorded {
            lock(recorded).push(range.clone());
        }
        if range.is_empty() {
            return Ok(OwnedBytes::empty());
        }
        let position = self
            .hot
            .partition_point(|(offset, _)| *offset <= range.start);
        if let Some((offset, bytes)) = position.checked_sub(1).and_then(|at| self.hot.get(at))
            && range.end <= offset + bytes.len()
        {
            return Ok(bytes.slice(range.start - offset..range.end - offset));
        }
        let size = self.start.chunk_size;
        let numbers = range.start / size..(range.end - 1) / size + 1;
        let chunks = lock(&self.chunks);
        let absent: Vec<usize> = numbers
            .clone()
            .filter(|&number| chunks.get(number).is_none_or(Option::is_none))
            .collect();
        if !absent.is_empty() {
            lock(&self.missing).extend(absent);
            return Err(io::Error::other("the search index needs more chunks"));
        }
        if numbers.len() == 1 {
            let base = numbers.start * size;
            if let Some(Some(chunk)) = chunks.get(numbers.start) {
                return Ok(chunk.slice(range.start - base..range.end - base));
            }
        }
        let mut joined = Vec::with_capacity(range.len());
        for number in numbers {
            if let Some(Some(chunk)) = chunks.get(number) {
                let base = number * size;
                let from = range.start.max(base) - base;
                let to = range.end.min(base + chunk.len()) - base;
                joined.extend_from_slice(&chunk.as_slice()[from..to]);
            }
        }
        Ok(OwnedBytes::new(joined))
    }
}

/// One file of the container, read through the store.
#[derive(Debug)]
struct ChunkFile {
    store: Arc<ChunkStore>,
    range: Range<usize>,
}

impl HasLen for ChunkFile {
    fn len(&self) -> usize {
        self.range.len()
    }
}

impl FileHandle for ChunkFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        let start = self.range.start + range.start;
        let end = self.range.start + range.end;
        if range.start > range.end || end > self.range.end {
            return Err(io::Error::other(
                "a read beyond the end of a file of the index",
            ));
        }
        self.store.read(start..end)
    }
}

/// The directory tantivy opens; it never writes.
#[derive(Debug, Clone)]
pub struct ChunkDirectory {
    store: Arc<ChunkStore>,
}

impl ChunkDirectory {
    pub fn new(store: Arc<ChunkStore>) -> ChunkDirectory {
        ChunkDirectory { store }
    }

    fn range_of(&self, path: &Path) -> Option<Range<usize>> {
        let name = path.to_str()?;
        let file = self
            .store
            .start
            .files
            .iter()
            .find(|file| file.name == name)?;
        Some(file.range.clone())
    }
}

fn read_only() -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        "the search index is read-only",
    )
}

impl Directory for ChunkDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let range = self
            .range_of(path)
            .ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))?;
        Ok(Arc::new(ChunkFile {
            store: Arc::clone(&self.store),
            range,
        }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(read_only()),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        Ok(self.range_of(path).is_some())
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::IoError {
            io_error: Arc::new(read_only()),
            filepath: PathBuf::from(path),
        })
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let file = self.get_file_handle(path)?;
        file.read_bytes(0..file.len())
            .map(|bytes| bytes.as_slice().to_vec())
            .map_err(|io_error| OpenReadError::IoError {
                io_error: Arc::new(io_error),
                filepath: path.to_path_buf(),
            })
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(read_only())
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}
