//! From text to index terms. Every chunk of text gives whole-word terms (each hyphen piece, the pieces
//! written together, and the compounds that an elision leaves out) for the whole-word fields, and the
//! parts of its compounds for the parts field. Terms are stemmed. [`Analyzer`] caches what it learns
//! about each word, because the same words recur throughout a site.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::Language;
use super::chunks::{Chunk, chunks};
use super::compounds::Dictionary;
use super::stem::WordStemmer;

/// Words that connect the halves of an elided compound: `Parkeer- en Toegangsregister`.
const ELISION_CONNECTORS: [&str; 7] = ["en", "of", "tot", "noch", "and", "or", "to"];
/// The cache is emptied when it grows past this many words.
const CACHE_LIMIT: usize = 200_000;

/// What the analyzer knows about one folded word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordInfo {
    pub stem: String,
    /// Stems of the compound's parts; empty when the word is not a compound.
    pub part_stems: Vec<String>,
    /// Where the compound's last part (its head) starts in the word.
    pub head_start: Option<usize>,
    pub is_stop_word: bool,
}

/// How a term came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// A word, or one piece of a hyphenated word.
    Word,
    /// Hyphenated pieces written together (`15-minutenstad` → `15minutenstad`).
    Joined,
    /// A compound the text elides (`Parkeer- en Toegangsregister` → `parkeerregister`).
    Elided,
    /// A part of a compound (`klimaatcoördinator` → `klimaat`, `coordinator`).
    Part,
}

/// A stemmed term with its position (in words) and byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub kind: TermKind,
    pub position: usize,
    pub start: usize,
    pub end: usize,
}

/// An elided compound, completed: the text of chunk `chunk` also stands for `compound`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elided {
    pub chunk: usize,
    pub compound: String,
}

/// The language's analysis: vocabulary, stemmer and a cache of analysed words.
#[derive(Clone)]
pub struct Analyzer {
    dictionary: Arc<Dictionary>,
    stemmer: WordStemmer,
    cache: FxHashMap<String, Arc<WordInfo>>,
}

impl Analyzer {
    pub fn new(language: Language, dictionary: Arc<Dictionary>) -> Analyzer {
        Analyzer {
            dictionary,
            stemmer: WordStemmer::new(language),
            cache: FxHashMap::default(),
        }
    }

    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// Stem, compound parts and stop-word status of a folded word.
    pub fn word(&mut self, word: &str) -> Arc<WordInfo> {
        if let Some(info) = self.cache.get(word) {
            return Arc::clone(info);
        }
        let info = Arc::new(self.analyse_word(word));
        if self.cache.len() >= CACHE_LIMIT {
            self.cache.clear();
        }
        self.cache.insert(word.to_owned(), Arc::clone(&info));
        info
    }

    fn analyse_word(&mut self, word: &str) -> WordInfo {
        let is_stop_word = self.stemmer.is_stop_word(word);
        let parts = if is_stop_word {
            None
        } else {
            self.dictionary.split(word)
        };
        let Some(parts) = parts else {
            return WordInfo {
                stem: self.stemmer.stem(word),
                part_stems: Vec::new(),
                head_start: None,
                is_stop_word,
            };
        };
        let head = &parts[parts.len() - 1];
        let stem = self.stemmer.stem(word);
        let part_stems = parts
            .iter()
            .map(|part| self.stemmer.stem(&part.text))
            .collect();
        WordInfo {
            stem,
            part_stems,
            head_start: Some(head.range.start),
            is_stop_word,
        }
    }

    /// Compounds left out by elisions: `Parkeer- en Toegangsregister` also means `parkeerregister`,
    /// `klimaatadaptatie en -mitigatie` also means `klimaatmitigatie`.
    pub fn elided(&mut self, chunks: &[Chunk]) -> Vec<Elided> {
        let mut found = Vec::new();
        let mut open_prefixes: Vec<String> = Vec::new();
        let mut previous_word: Option<usize> = None;
        let mut connected = false;
        for (index, chunk) in chunks.iter().enumerate() {
            let text = chunk.joined();
            if chunk.open_end {
                open_prefixes.push(text.into_owned());
                previous_word = None;
                continue;
            }
            if ELISION_CONNECTORS.contains(&text.as_ref()) {
                connected = true;
                continue;
            }
            if chunk.open_start {
                let previous = previous_word
                    .filter(|_| connected)
                    .map(|previous| chunks[previous].joined());
                if let Some(previous) = previous
                    && let Some(head_start) = self.word(&previous).head_start
                {
                    let compound = format!("{}{text}", &previous[..head_start]);
                    found.push(Elided {
                        chunk: index,
                        compound,
                    });
                }
                connected = false;
                continue;
            }
            if !open_prefixes.is_empty() {
                if let Some(head_start) = self.word(&text).head_start {
                    for prefix in open_prefixes.drain(..) {
                        let compound = format!("{prefix}{}", &text[head_start..]);
                        found.push(Elided {
                            chunk: index,
                            compound,
                        });
                    }
                }
                open_prefixes.clear();
            }
            previous_word = Some(index);
            connected = false;
        }
        found
    }

    /// Terms for the whole-word fields.
    pub fn whole_terms(&mut self, text: &str) -> Vec<Term> {
        self.terms(text).whole
    }

    /// Terms for the parts field: the parts of every compound, the written and the elided ones.
    pub fn part_terms(&mut self, text: &str) -> Vec<Term> {
        self.terms(text).parts
    }

    /// Both kinds of terms of `text`, from one pass over it.
    pub fn terms(&mut self, text: &str) -> Terms {
        let chunks = chunks(text);
        let elided = self.elided(&chunks);
        let mut elided = elided.into_iter().peekable();
        let mut terms = Terms::default();
        let mut position = 0;
        for (index, chunk) in chunks.iter().enumerate() {
            let last_position = position + chunk.pieces.len() - 1;
            for (offset, piece) in chunk.pieces.iter().enumerate() {
                let info = self.word(&piece.text);
                let at = |text: &String, kind| Term {
                    text: text.clone(),
                    kind,
                    position: position + offset,
                    start: piece.start,
                    end: piece.end,
                };
                terms.whole.push(at(&info.stem, TermKind::Word));
                terms
                    .parts
                    .extend(info.part_stems.iter().map(|stem| at(stem, TermKind::Part)));
            }
            let mut extra = Vec::new();
            if chunk.pieces.len() > 1 {
                extra.push((chunk.joined(), TermKind::Joined));
            }
            while let Some(completed) = elided.next_if(|e| e.chunk == index) {
                extra.push((completed.compound.into(), TermKind::Elided));
            }
            for (word, kind) in extra {
                let info = self.word(&word);
                let at = |text: &String, kind| Term {
                    text: text.clone(),
                    kind,
                    position: last_position,
                    start: chunk.start,
                    end: chunk.end,
                };
                terms.whole.push(at(&info.stem, kind));
                if kind == TermKind::Elided {
                    terms
                        .parts
                        .extend(info.part_stems.iter().map(|stem| at(stem, TermKind::Part)));
                }
            }
            position = last_position + 1;
        }
        terms
    }
}

/// The terms of a text for both kinds of fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    /// For the whole-word fields.
    pub whole: Vec<Term>,
    /// For the parts field.
    pub parts: Vec<Term>,
}
