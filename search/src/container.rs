//! The index file: one file holding every file of a tantivy index directory plus the kennis
//! description, so that a browser fetches one URL. Layout, all integers little-endian:
//!
//! ```text
//! "KENNISIX"                      8 bytes, magic
//! version: u32                    the container version, 2
//! count: u32                      number of files
//! count × { name_len: u16, name: UTF-8 bytes, data_len: u64, crc32: u32, data }
//! ```
//!
//! The CRC-32 (IEEE, the one of zip and PNG; tantivy already links it) covers a file's name and data.
//! [`unpack`] checks every byte before anything reads the files: the header, each name (one plain file
//! name, never a path), each length and each checksum, so that damage is reported here and tantivy
//! only ever sees the bytes the writer packed.

use rustc_hash::FxHashSet;

use crate::error::{Damage, Result, SearchError};

const MAGIC: &[u8; 8] = b"KENNISIX";
/// Version 1 had no checksums.
const VERSION: u32 = 2;

/// Files by name, packed into one byte string.
pub fn pack(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let size: usize = files
        .iter()
        .map(|(name, data)| 14 + name.len() + data.len())
        .sum();
    let mut packed = Vec::with_capacity(16 + size);
    packed.extend_from_slice(MAGIC);
    packed.extend_from_slice(&VERSION.to_le_bytes());
    packed.extend_from_slice(&(files.len() as u32).to_le_bytes());
    for (name, data) in files {
        packed.extend_from_slice(&(name.len() as u16).to_le_bytes());
        packed.extend_from_slice(name.as_bytes());
        packed.extend_from_slice(&(data.len() as u64).to_le_bytes());
        packed.extend_from_slice(&checksum(name, data).to_le_bytes());
        packed.extend_from_slice(data);
    }
    packed
}

/// The files of a packed byte string, in order, each checked against its checksum.
pub fn unpack(packed: &[u8]) -> Result<Vec<(String, &[u8])>> {
    let mut reader = Reader { bytes: packed };
    let header = || "the header".to_owned();
    if reader.take(MAGIC.len(), header)? != MAGIC {
        return Err(Damage::NotAnIndex.into());
    }
    let version = reader.u32(header)?;
    if version != VERSION {
        return Err(SearchError::Format {
            found: version,
            expected: VERSION,
        });
    }
    let count = reader.u32(header)?;
    let mut files = Vec::new();
    let mut names = FxHashSet::default();
    for number in 1..=count {
        let (name, data) = unpack_file(&mut reader, number)?;
        if !names.insert(name.clone()) {
            return Err(Damage::Duplicate(name).into());
        }
        files.push((name, data));
    }
    if !reader.bytes.is_empty() {
        return Err(Damage::TrailingBytes(reader.bytes.len()).into());
    }
    Ok(files)
}

/// The files of a packed byte string with the place of each one's data in it, checked as by [`unpack`].
pub fn entries(packed: &[u8]) -> Result<Vec<(String, std::ops::Range<usize>)>> {
    let base = packed.as_ptr() as usize;
    Ok(unpack(packed)?
        .into_iter()
        .map(|(name, data)| {
            // `unpack` hands out slices of `packed`, so their distance from its start is their place.
            let start = data.as_ptr() as usize - base;
            (name, start..start + data.len())
        })
        .collect())
}

/// Why `name` cannot name a file of an index folder, if it cannot: it must be one plain file name, so
/// that joining it to a folder never leaves that folder, on any system.
pub fn name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("is empty")
    } else if name == "." || name == ".." {
        Some("names a folder")
    } else if name.contains(['/', '\\', ':']) {
        Some("contains a path separator")
    } else if name.chars().any(char::is_control) {
        Some("contains a control character")
    } else {
        None
    }
}

fn unpack_file<'a>(reader: &mut Reader<'a>, number: u32) -> Result<(String, &'a [u8])> {
    let entry = || format!("the entry of file {number}");
    let name_len = usize::from(reader.u16(entry)?);
    let name_bytes = reader.take(name_len, entry)?;
    let name = std::str::from_utf8(name_bytes)
        .map_err(|_| Damage::BadName {
            owner: "the file name",
            name: String::from_utf8_lossy(name_bytes).into_owned(),
            reason: "is not UTF-8",
        })?
        .to_owned();
    if let Some(reason) = name_problem(&name) {
        return Err(Damage::BadName {
            owner: "the file name",
            name,
            reason,
        }
        .into());
    }
    let in_file = || format!("file {name:?}");
    let data_len =
        usize::try_from(reader.u64(in_file)?).map_err(|_| Damage::Truncated(in_file()))?;
    let expected = reader.u32(in_file)?;
    let data = reader.take(data_len, in_file)?;
    if checksum(&name, data) != expected {
        return Err(Damage::Checksum(name).into());
    }
    Ok((name, data))
}

fn checksum(name: &str, data: &[u8]) -> u32 {
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(name.as_bytes());
    hasher.update(data);
    hasher.finalize()
}

/// Reads little-endian integers and byte strings, reporting a short input as damage.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len()
    }

    /// The next `n` bytes; `part` names what they belong to when there are fewer.
    pub(crate) fn take(&mut self, n: usize, part: impl Fn() -> String) -> Result<&'a [u8]> {
        if self.bytes.len() < n {
            return Err(Damage::Truncated(part()).into());
        }
        let (taken, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(taken)
    }

    fn array<const N: usize>(&mut self, part: impl Fn() -> String) -> Result<[u8; N]> {
        let mut array = [0; N];
        array.copy_from_slice(self.take(N, part)?);
        Ok(array)
    }

    pub(crate) fn u16(&mut self, part: impl Fn() -> String) -> Result<u16> {
        Ok(u16::from_le_bytes(self.array(part)?))
    }

    pub(crate) fn u32(&mut self, part: impl Fn() -> String) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array(part)?))
    }

    pub(crate) fn u64(&mut self, part: impl Fn() -> String) -> Result<u64> {
        Ok(u64::from_le_bytes(self.array(part)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_survive_packing() {
        let files = vec![
            ("meta.json".to_owned(), b"{}".to_vec()),
            ("a.idx".to_owned(), vec![0, 1, 2, 255]),
            ("empty".to_owned(), Vec::new()),
        ];
        let packed = pack(&files);
        let unpacked = unpack(&packed).unwrap();
        assert_eq!(unpacked.len(), 3);
        for ((name, data), (unpacked_name, unpacked_data)) in files.iter().zip(&unpacked) {
            assert_eq!(name, unpacked_name);
            assert_eq!(data.as_slice(), *unpacked_data);
        }
    }

    #[test]
    fn damage_is_reported_not_panicked_on() {
        let packed = pack(&[("a".to_owned(), vec![1; 100])]);
        for cut in [0, 7, 12, 15, 20, 30, packed.len() - 1] {
            assert!(
                matches!(
                    unpack(&packed[..cut]),
                    Err(SearchError::Damaged(Damage::Truncated(_)))
                ),
                "cut at {cut}"
            );
        }
        let mut wrong_version = packed.clone();
        wrong_version[8] = 9;
        assert!(matches!(
            unpack(&wrong_version),
            Err(SearchError::Format { found: 9, .. })
        ));
        assert!(matches!(
            unpack(b"not an index at all"),
            Err(SearchError::Damaged(Damage::NotAnIndex))
        ));
        let mut longer = packed.clone();
        longer.push(0);
        assert!(matches!(
            unpack(&longer),
            Err(SearchError::Damaged(Damage::TrailingBytes(1)))
        ));
    }

    #[test]
    fn every_changed_byte_of_a_file_is_caught() {
        let packed = pack(&[("meta.json".to_owned(), b"{\"segments\": []}".to_vec())]);
        for at in 0..packed.len() {
            for flip in [1, 0x80, 0xff] {
                let mut damaged = packed.clone();
                damaged[at] ^= flip;
                let error = unpack(&damaged).expect_err("damage is found");
                assert!(error.is_damaged(), "byte {at}: {error}");
            }
        }
        let mut in_data = packed.clone();
        *in_data.last_mut().expect("data") ^= 4;
        assert_eq!(
            unpack(&in_data).expect_err("damaged").to_string(),
            "the search index is damaged: file \"meta.json\" does not match its checksum; rebuild the site"
        );
    }

    #[test]
    fn names_must_be_plain_file_names() {
        for (name, reason) in [
            ("", "is empty"),
            ("..", "names a folder"),
            ("../../etc/passwd", "contains a path separator"),
            ("a\\b", "contains a path separator"),
            ("C:x", "contains a path separator"),
            ("a\u{1b}[2J", "contains a control character"),
        ] {
            assert_eq!(name_problem(name), Some(reason), "{name:?}");
            let packed = pack(&[(name.to_owned(), vec![1])]);
            let shown = unpack(&packed).expect_err("refused").to_string();
            assert!(shown.contains(reason), "{shown}");
            assert!(!shown.contains('\u{1b}'), "{shown}");
        }
        assert_eq!(name_problem("index.3f2a91c04b.bin"), None);
        let twice = pack(&[("a".to_owned(), vec![1]), ("a".to_owned(), vec![2])]);
        assert!(matches!(
            unpack(&twice),
            Err(SearchError::Damaged(Damage::Duplicate(_)))
        ));
    }
}
