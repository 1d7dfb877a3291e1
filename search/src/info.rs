//! What an index says about itself, besides tantivy's files: its language, facets with their labels,
//! the synonyms and the decompounding dictionary. The reader needs all of it to analyse queries exactly
//! as the writer analysed the text. Also the stable names of the start files that name the rest.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::analysis::Dictionary;

/// The description's file name inside the index container.
pub const INFO_FILE: &str = "kennis.json";
/// The start file of a language's index in its folder (`<language prefix>/search/start.bin`): a
/// stable name, which pages carry (see [`crate::lazy`]).
pub const START_FILE: &str = "start.bin";
/// The start file as a classic script, in copies for reading from disk, where `fetch` is refused.
pub const START_SCRIPT: &str = "start.js";
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
