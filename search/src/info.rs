//! What an index says about itself, besides tantivy's files: its language, facets with their labels,
//! the synonyms and the decompounding dictionary. The reader needs all of it to analyse queries exactly
//! as the writer analysed the text. Also the small manifest that names the content-hashed index file.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::analysis::Dictionary;
use crate::container;
use crate::error::Damage;

/// The description's file name inside the index container.
pub const INFO_FILE: &str = "kennis.json";
/// The manifest's file name in the index folder (`<language prefix>/search/manifest.json`).
pub const MANIFEST_FILE: &str = "manifest.json";
/// The manifest as a classic script beside it, for pages opened from disk, where `fetch` is refused.
pub const MANIFEST_SCRIPT: &str = "manifest.js";
/// The folder of a language's index, below the language prefix.
pub const SEARCH_DIR: &str = "search";
/// The version of what this crate writes; readers refuse other versions.
pub const FORMAT: u32 = 1;

/// The kennis description of an index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexInfo {
    pub format: u32,
    /// The site's language code (`nl`).
    pub language: String,
    /// Number of search documents (sections).
    pub sections: u64,
    pub facets: Vec<FacetInfo>,
    /// Words or phrases that mean the same, as editors wrote them.
    pub synonyms: Vec<Vec<String>>,
    /// The decompounding dictionary, see [`encode_dictionary`].
    pub dictionary: String,
}

/// A facet and the labels of its values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacetInfo {
    /// The name used in filters and facet paths (`type`).
    pub name: String,
    /// Shown to readers (`Soort publicatie`).
    pub title: String,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    pub id: String,
    pub label: String,
}

/// Points from a stable URL to the current, content-hashed index file of a language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub language: String,
    /// The index file's name, relative to the manifest (`index.3f2a91c04b.bin`).
    pub index: String,
    /// The same bytes as a payload script, for pages opened from disk (`index.3f2a91c04b.js`).
    pub script: String,
    pub bytes: u64,
    pub sections: u64,
}

impl Manifest {
    /// The index file's name, checked to be a plain file name, so that a reader joining it to the
    /// manifest's folder never opens a file elsewhere.
    pub fn index_file(&self) -> Result<&str, Damage> {
        match container::name_problem(&self.index) {
            None => Ok(&self.index),
            Some(reason) => Err(Damage::BadName {
                owner: "the index file name in manifest.json",
                name: self.index.clone(),
                reason,
            }),
        }
    }
}

/// One line per word, sorted: `word count`, or just `word` when it occurs once.
pub fn encode_dictionary(dictionary: &Dictionary) -> String {
    let mut encoded = String::new();
    for (word, count) in dictionary.sorted() {
        encoded.push_str(word);
        if count != 1 {
            encoded.push(' ');
            encoded.push_str(&count.to_string());
        }
        encoded.push('\n');
    }
    encoded
}

/// The dictionary of [`encode_dictionary`]; unreadable counts count as one.
pub fn decode_dictionary(encoded: &str) -> Dictionary {
    let counts: HashMap<String, u32> = encoded
        .lines()
        .filter(|line| !line.is_empty())
        .map(|line| match line.split_once(' ') {
            Some((word, count)) => (word.to_owned(), count.parse().unwrap_or(1)),
            None => (line.to_owned(), 1),
        })
        .collect();
    Dictionary::new(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_name_a_file_beside_them() {
        let mut manifest = Manifest {
            format: FORMAT,
            language: "nl".to_owned(),
            index: "index.3f2a91c04b.bin".to_owned(),
            script: "index.3f2a91c04b.js".to_owned(),
            bytes: 1,
            sections: 1,
        };
        assert_eq!(manifest.index_file(), Ok("index.3f2a91c04b.bin"));
        manifest.index = "../../../../etc/passwd".to_owned();
        assert_eq!(
            manifest.index_file().expect_err("refused").to_string(),
            "the index file name in manifest.json \"../../../../etc/passwd\" contains a path separator"
        );
    }

    #[test]
    fn dictionaries_round_trip() {
        let dictionary = Dictionary::new(HashMap::from([
            ("klimaat".to_owned(), 312),
            ("coordinator".to_owned(), 1),
        ]));
        let encoded = encode_dictionary(&dictionary);
        assert_eq!(encoded, "coordinator\nklimaat 312\n");
        assert_eq!(decode_dictionary(&encoded), dictionary);
    }
}
