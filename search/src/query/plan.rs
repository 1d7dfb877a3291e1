//! What a query asks for, analysed exactly like the text: a list of concepts, each a word, a hyphenated
//! word, a phrase or a synonym, with the alternative ways a section can match it. A compound matches as
//! a whole word or by all of its parts; the last word also matches as a prefix (search as you type);
//! words of five letters or more also match with one typo.

use crate::analysis::chunks::{Chunk, chunks};
use crate::analysis::{Analyzer, TermKind};
use crate::synonyms::{Synonyms, stems_of_chunks};

use super::parse::{Item, items};

/// Typo tolerance starts at this many letters.
pub const FUZZY_MIN_CHARS: usize = 5;
/// Prefixes shorter than this would match too much.
const PREFIX_MIN_CHARS: usize = 3;

/// One way a section matches a concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alternative {
    /// A stem as a whole word (and, weaker, as a compound part).
    Word(String),
    /// All of these stems, as words or compound parts.
    Parts(Vec<String>),
    /// Stems at these relative positions.
    Phrase(Vec<(usize, String)>),
    /// A word starting with this text.
    Prefix(String),
}

impl Alternative {
    /// Whether a match is a whole-word match (ranked above part and prefix matches).
    pub fn is_whole(&self) -> bool {
        matches!(self, Alternative::Word(_) | Alternative::Phrase(_))
    }
}

/// Something the reader asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Concept {
    pub alternatives: Vec<Alternative>,
    /// A stop word: it helps ranking but need not match.
    pub optional: bool,
    /// Terms that also match with one edit: the word as typed (folded) and its stem.
    pub fuzzy: Vec<String>,
}

/// The analysed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    pub concepts: Vec<Concept>,
}

/// Analyses `query`.
pub fn plan(query: &str, analyzer: &mut Analyzer, synonyms: &Synonyms) -> Plan {
    let items = items(query);
    let mut concepts = Vec::new();
    let last_item = items.len().saturating_sub(1);
    for (item_index, item) in items.iter().enumerate() {
        match item {
            Item::Phrase(text) => concepts.push(phrase_concept(text, analyzer)),
            Item::Words(text) => {
                let ends_query = item_index == last_item && !text.ends_with(char::is_whitespace);
                words_concepts(text, ends_query, analyzer, synonyms, &mut concepts);
            }
        }
    }
    if concepts.iter().all(|concept| concept.optional) {
        for concept in &mut concepts {
            concept.optional = false;
        }
    }
    Plan { concepts }
}

fn phrase_concept(text: &str, analyzer: &mut Analyzer) -> Concept {
    let terms: Vec<(usize, String)> = analyzer
        .whole_terms(text)
        .into_iter()
        .filter(|term| term.kind == TermKind::Word)
        .map(|term| (term.position, term.text))
        .collect();
    let alternative = match terms.len() {
        1 => Alternative::Word(terms[0].1.clone()),
        _ => Alternative::Phrase(terms),
    };
    Concept {
        alternatives: vec![alternative],
        ..Concept::default()
    }
}

fn words_concepts(
    text: &str,
    ends_query: bool,
    analyzer: &mut Analyzer,
    synonyms: &Synonyms,
    concepts: &mut Vec<Concept>,
) {
    let chunks = chunks(text);
    let elided = analyzer.elided(&chunks);
    let query_stems: Vec<Vec<String>> = stems_of_chunks(&chunks, analyzer);
    let mut index = 0;
    while index < chunks.len() {
        let found = synonyms.find(&query_stems, index);
        let mut concept = match &found {
            Some(found) if found.chunks > 1 => Concept {
                alternatives: vec![member_alternative(
                    &query_stems[index..index + found.chunks],
                )],
                ..Concept::default()
            },
            _ => {
                let is_last = ends_query && index + 1 == chunks.len();
                chunk_concept(&chunks[index], is_last, analyzer)
            }
        };
        for completed in elided.iter().filter(|e| e.chunk == index) {
            let stem = analyzer.word(&completed.compound).stem.clone();
            concept.alternatives.push(Alternative::Word(stem));
        }
        if let Some(found) = found {
            concept.optional = false;
            concept
                .alternatives
                .extend(found.others.iter().map(|member| member_alternative(member)));
            index += found.chunks;
        } else {
            index += 1;
        }
        concepts.push(concept);
    }
}

/// A synonym member as a word or a phrase.
fn member_alternative(member: &[Vec<String>]) -> Alternative {
    let stems: Vec<String> = member.iter().flatten().cloned().collect();
    match stems.len() {
        1 => Alternative::Word(stems[0].clone()),
        _ => Alternative::Phrase(stems.into_iter().enumerate().collect()),
    }
}

fn chunk_concept(chunk: &Chunk, is_last: bool, analyzer: &mut Analyzer) -> Concept {
    let mut alternatives = Vec::new();
    let infos: Vec<_> = chunk
        .pieces
        .iter()
        .map(|piece| analyzer.word(&piece.text))
        .collect();
    let joined = chunk.joined().into_owned();
    let joined_info = analyzer.word(&joined);
    alternatives.push(Alternative::Word(joined_info.stem.clone()));
    if infos.len() > 1 {
        let stems = infos
            .iter()
            .map(|info| info.stem.clone())
            .enumerate()
            .collect();
        alternatives.push(Alternative::Phrase(stems));
        let parts = infos
            .iter()
            .flat_map(|info| match info.part_stems.is_empty() {
                true => vec![info.stem.clone()],
                false => info.part_stems.clone(),
            })
            .collect();
        alternatives.push(Alternative::Parts(parts));
    } else if !joined_info.part_stems.is_empty() {
        alternatives.push(Alternative::Parts(joined_info.part_stems.clone()));
    }
    if is_last && joined.chars().count() >= PREFIX_MIN_CHARS {
        alternatives.push(Alternative::Prefix(joined.clone()));
        if joined_info.stem != joined && joined_info.stem.chars().count() >= PREFIX_MIN_CHARS {
            alternatives.push(Alternative::Prefix(joined_info.stem.clone()));
        }
    }
    let mut fuzzy = Vec::new();
    if joined.chars().count() >= FUZZY_MIN_CHARS && joined.chars().all(char::is_alphabetic) {
        fuzzy.push(joined.clone());
        // The stem is a word of its own: below five letters it is too short for a typo, too
        // (`fiets` stems to `fiet`, which one edit would turn into `niet`).
        if joined_info.stem != joined && joined_info.stem.chars().count() >= FUZZY_MIN_CHARS {
            fuzzy.push(joined_info.stem.clone());
        }
    }
    Concept {
        alternatives,
        optional: infos.len() == 1 && joined_info.is_stop_word,
        fuzzy,
    }
}
