//! Snippets: the passage of a section's text that best shows why it matched, with the matching words
//! in `<mark>`. Words match when they are query words, share a stem, contain a query word as a
//! compound part, start with the typed prefix or are one typo away. Everything else is HTML-escaped,
//! so no content can inject markup into results.

use std::collections::HashMap;

use crate::analysis::Analyzer;
use crate::analysis::chunks::{Chunk, chunks};
use crate::query::{Alternative, Plan};
use crate::text::escape_into;

/// Roughly how long a snippet is, in characters.
pub const SNIPPET_CHARS: usize = 220;
/// Context kept before the first match.
const LEAD_CHARS: usize = 50;

/// What makes a word of the text a match, and for which concept of the query.
#[derive(Debug, Default)]
pub struct Highlighter {
    /// Stem → (concept, whether it is a whole query word rather than a part of one).
    stems: HashMap<String, (usize, bool)>,
    prefixes: Vec<(String, usize)>,
    fuzzy: Vec<(String, usize)>,
}

impl Highlighter {
    pub fn new(plan: &Plan) -> Highlighter {
        let mut highlighter = Highlighter::default();
        for (index, concept) in plan.concepts.iter().enumerate() {
            if concept.optional {
                continue;
            }
            for alternative in &concept.alternatives {
                match alternative {
                    Alternative::Word(stem) => {
                        highlighter.stems.insert(stem.clone(), (index, true));
                    }
                    Alternative::Parts(stems) => {
                        for stem in stems {
                            highlighter
                                .stems
                                .entry(stem.clone())
                                .or_insert((index, false));
                        }
                    }
                    Alternative::Phrase(stems) => {
                        for (_, stem) in stems {
                            highlighter
                                .stems
                                .entry(stem.clone())
                                .or_insert((index, true));
                        }
                    }
                    Alternative::Prefix(prefix) => {
                        highlighter.prefixes.push((prefix.clone(), index))
                    }
                }
            }
            for typed in &concept.fuzzy {
                highlighter.fuzzy.push((typed.clone(), index));
            }
        }
        highlighter
    }

    /// The concept a chunk of text matches, if any, and whether it matches a whole query word.
    fn concept_of(&self, chunk: &Chunk, analyzer: &mut Analyzer) -> Option<Match> {
        let mut words: Vec<String> = chunk
            .pieces
            .iter()
            .map(|piece| piece.text.clone())
            .collect();
        if chunk.pieces.len() > 1 {
            words.push(chunk.joined().into_owned());
        }
        for word in &words {
            let info = analyzer.word(word);
            if let Some(&(concept, whole)) = self.stems.get(&info.stem) {
                return Some(Match { concept, whole });
            }
            for stem in &info.part_stems {
                if let Some(&(concept, _)) = self.stems.get(stem) {
                    return Some(Match {
                        concept,
                        whole: false,
                    });
                }
            }
            for (prefix, concept) in &self.prefixes {
                if word.starts_with(prefix.as_str()) || info.stem.starts_with(prefix.as_str()) {
                    return Some(Match {
                        concept: *concept,
                        whole: false,
                    });
                }
            }
            for (typed, concept) in &self.fuzzy {
                if within_one_edit(word, typed) || within_one_edit(&info.stem, typed) {
                    return Some(Match {
                        concept: *concept,
                        whole: false,
                    });
                }
            }
        }
        None
    }
}

/// A word of the text that matches a concept of the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Match {
    concept: usize,
    /// A whole query word (or its stem) rather than a part, prefix or typo.
    whole: bool,
}

/// The best passage of `text` for `highlighter`, as HTML.
pub fn snippet(text: &str, highlighter: &Highlighter, analyzer: &mut Analyzer) -> String {
    let chunks = chunks(text);
    if chunks.is_empty() {
        return String::new();
    }
    let mut matches: Vec<Option<Match>> = chunks
        .iter()
        .map(|chunk| highlighter.concept_of(chunk, analyzer))
        .collect();
    for completed in analyzer.elided(&chunks) {
        let stem = analyzer.word(&completed.compound).stem.clone();
        if let Some(&(concept, whole)) = highlighter.stems.get(&stem) {
            matches[completed.chunk].get_or_insert(Match { concept, whole });
        }
    }
    let first = best_window_start(&chunks, &matches);
    let mut start = first;
    while start > 0 && chunks[first].start - chunks[start - 1].start <= LEAD_CHARS {
        start -= 1;
    }
    let from = if start == 0 { 0 } else { chunks[start].start };
    let mut end = start;
    while end < chunks.len() && chunks[end].end - from <= SNIPPET_CHARS {
        end += 1;
    }
    let to = if end == chunks.len() {
        text.len()
    } else {
        chunks[end.max(start + 1) - 1].end
    };
    let mut html = String::new();
    if from > 0 {
        html.push_str("… ");
    }
    let mut position = from;
    for (chunk, matched) in chunks[start..end].iter().zip(&matches[start..end]) {
        if matched.is_some() {
            escape_into(&mut html, &text[position..chunk.start]);
            html.push_str("<mark>");
            escape_into(&mut html, &text[chunk.start..chunk.end]);
            html.push_str("</mark>");
            position = chunk.end;
        }
    }
    escape_into(&mut html, text[position..to].trim_end());
    if to < text.len() {
        html.push_str(" …");
    }
    html
}

/// The chunk where the window with the most distinct concepts (then most whole-word matches, then
/// most matches) starts.
fn best_window_start(chunks: &[Chunk], matches: &[Option<Match>]) -> usize {
    let mut best = (0, 0, 0, usize::MAX);
    for (start, chunk) in chunks.iter().enumerate() {
        if matches[start].is_none() {
            continue;
        }
        let mut concepts = Vec::new();
        let (mut whole, mut count) = (0, 0);
        for (other, matched) in chunks[start..].iter().zip(&matches[start..]) {
            if other.end - chunk.start > SNIPPET_CHARS - LEAD_CHARS {
                break;
            }
            if let Some(matched) = matched {
                count += 1;
                whole += usize::from(matched.whole);
                if !concepts.contains(&matched.concept) {
                    concepts.push(matched.concept);
                }
            }
        }
        let score = (concepts.len(), whole, count, usize::MAX - start);
        if score > best {
            best = score;
        }
    }
    if best.0 == 0 { 0 } else { usize::MAX - best.3 }
}

/// Whether `a` and `b` differ by at most one insertion, deletion or substitution.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(&long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[prefix..]
            .iter()
            .skip(1)
            .eq(long[prefix..].iter().skip(1))
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::within_one_edit;

    #[test]
    fn one_edit_apart() {
        assert!(within_one_edit("klimaat", "klimat"));
        assert!(within_one_edit("klimaat", "klimaaf"));
        assert!(within_one_edit("klimaat", "klimaat"));
        assert!(!within_one_edit("klimaat", "kilmat"));
        assert!(!within_one_edit("stad", "steden"));
    }
}
