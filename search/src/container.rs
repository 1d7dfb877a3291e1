//! The index file: one file holding every file of a tantivy index directory plus the kennis
//! description, so that a browser fetches one URL. Layout, all integers little-endian:
//!
//! ```text
//! "KENNISIX"                      8 bytes, magic
//! version: u32                    the container version, 1
//! count: u32                      number of files
//! count × { name_len: u16, name: UTF-8 bytes, data_len: u64, data }
//! ```

use crate::error::{Result, SearchError};

const MAGIC: &[u8; 8] = b"KENNISIX";
const VERSION: u32 = 1;

/// Files by name, packed into one byte string.
pub fn pack(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let size: usize = files
        .iter()
        .map(|(name, data)| 10 + name.len() + data.len())
        .sum();
    let mut packed = Vec::with_capacity(16 + size);
    packed.extend_from_slice(MAGIC);
    packed.extend_from_slice(&VERSION.to_le_bytes());
    packed.extend_from_slice(&(files.len() as u32).to_le_bytes());
    for (name, data) in files {
        packed.extend_from_slice(&(name.len() as u16).to_le_bytes());
        packed.extend_from_slice(name.as_bytes());
        packed.extend_from_slice(&(data.len() as u64).to_le_bytes());
        packed.extend_from_slice(data);
    }
    packed
}

/// The files of a packed byte string, in order.
pub fn unpack(packed: &[u8]) -> Result<Vec<(String, &[u8])>> {
    let mut reader = Reader { bytes: packed };
    if reader.take(MAGIC.len())? != MAGIC {
        return Err(damaged("it is not a kennis search index"));
    }
    let version = reader.u32()?;
    if version != VERSION {
        return Err(SearchError::Format {
            found: version,
            expected: VERSION,
        });
    }
    let count = reader.u32()?;
    let mut files = Vec::new();
    for _ in 0..count {
        let name_len = usize::from(reader.u16()?);
        let name = std::str::from_utf8(reader.take(name_len)?)
            .map_err(|_| damaged("a file name is not UTF-8"))?
            .to_owned();
        let data_len =
            usize::try_from(reader.u64()?).map_err(|_| damaged("a file is too large"))?;
        files.push((name, reader.take(data_len)?));
    }
    if !reader.bytes.is_empty() {
        return Err(damaged("bytes follow the last file"));
    }
    Ok(files)
}

fn damaged(message: &str) -> SearchError {
    SearchError::Damaged(message.to_owned())
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.bytes.len() < n {
            return Err(damaged("it ends too early"));
        }
        let (taken, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(taken)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut array = [0; N];
        array.copy_from_slice(self.take(N)?);
        Ok(array)
    }

    fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.array()?))
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
        for cut in [0, 7, 12, 15, 20, packed.len() - 1] {
            assert!(unpack(&packed[..cut]).is_err(), "cut at {cut}");
        }
        let mut wrong_version = packed.clone();
        wrong_version[8] = 9;
        assert!(matches!(
            unpack(&wrong_version),
            Err(SearchError::Format { found: 9, .. })
        ));
        assert!(unpack(b"not an index at all").is_err());
    }
}
