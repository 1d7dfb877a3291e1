//! The decompounding dictionary of a site: every word its texts use on their own (folded, three
//! letters or more, no digits, no stop words) with how often, plus the words editors list. Editors'
//! words count as often as the site's most frequent word, so that compounds always split on them.

use std::collections::HashMap;

use super::Language;
use super::chunks::chunks;
use super::compounds::{Dictionary, MIN_PART_CHARS};
use super::stem::WordStemmer;
use crate::text::fold;

/// Counts the words of texts in one language.
pub struct Vocabulary {
    stemmer: WordStemmer,
    counts: HashMap<String, u32>,
    decompounds: bool,
}

impl Vocabulary {
    pub fn new(language: Language) -> Vocabulary {
        Vocabulary {
            stemmer: WordStemmer::new(language),
            counts: HashMap::new(),
            decompounds: language.decompounds(),
        }
    }

    /// Counts the words of `text`.
    pub fn add_text(&mut self, text: &str) {
        if !self.decompounds {
            return;
        }
        for chunk in chunks(text) {
            for piece in chunk.pieces {
                if piece.text.chars().count() >= MIN_PART_CHARS
                    && piece.text.chars().all(char::is_alphabetic)
                {
                    *self.counts.entry(piece.text).or_insert(0) += 1;
                }
            }
        }
    }

    /// Both vocabularies' counts together.
    pub fn merge(mut self, other: Vocabulary) -> Vocabulary {
        for (word, count) in other.counts {
            *self.counts.entry(word).or_insert(0) += count;
        }
        self
    }

    /// The dictionary, with `editor_words` (as editors write them) added.
    pub fn into_dictionary(mut self, editor_words: &[String]) -> Dictionary {
        let stemmer = &mut self.stemmer;
        self.counts.retain(|word, _| !stemmer.is_stop_word(word));
        if !self.decompounds {
            return Dictionary::default();
        }
        let most = self.counts.values().copied().max().unwrap_or(1);
        for word in editor_words {
            let word = fold(word.trim());
            if !word.is_empty() {
                self.counts.insert(word, most);
            }
        }
        Dictionary::new(self.counts)
    }
}
