//! Dutch decompounding. A compound is split into words of the site's own vocabulary (plus the words
//! editors add), allowing the linking `s` and `en` between parts (`samenwerking·s·overeenkomst`,
//! `stad·s·genoten`). Among the ways to split a word, the one with the fewest parts wins, then the one
//! whose parts are most frequent. A word that the site uses more often than its would-be parts (their
//! geometric mean: the frequency test of Koehn and Knight, 2003) stays whole when the split is doubtful:
//! it has a short part and no linking element (`verbeteren` is not `ver` + `beteren`, `belangrijke` not
//! `belang` + `rijke`), while `toegang·s·register` and `impact` + `meting` split however often they
//! occur.

use std::collections::HashMap;
use std::ops::Range;

/// Parts are at least this many characters long.
pub const MIN_PART_CHARS: usize = 3;
/// A split with a part this short (and no linking element) must pass the frequency test.
const SHORT_PART_CHARS: usize = 5;
/// Longer words are not split (they are not words).
const MAX_WORD_BYTES: usize = 80;
const MAX_PARTS: usize = 4;
const LINKING: [&str; 2] = ["s", "en"];
/// Endings a compound's last part may have beyond the word the site uses on its own
/// (`klimaatcoördinatoren` with only `coördinator` known).
const HEAD_ENDINGS: [&str; 4] = ["en", "s", "e", "n"];

/// Folded words and how often the site uses them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dictionary {
    counts: HashMap<String, u32>,
}

/// One part of a split compound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub text: String,
    /// Byte range in the compound, without a linking element.
    pub range: Range<usize>,
}

/// The best split found so far of a compound's first bytes.
#[derive(Clone, Copy)]
struct Best {
    parts: usize,
    log_frequency: f64,
    /// Linking elements between the parts so far.
    links: usize,
    /// Where the last part starts and ends (a linking element may follow it).
    last: (usize, usize),
    /// Where the split of what comes before the last part ends.
    previous: usize,
}

/// Keeps `candidate` as the split up to `at` if it is better: fewer parts, then more frequent ones.
fn offer(ends: &mut [Option<Best>], at: usize, candidate: Best) {
    let better = ends[at].is_none_or(|old| {
        (candidate.parts, -candidate.log_frequency) < (old.parts, -old.log_frequency)
    });
    if better {
        ends[at] = Some(candidate);
    }
}

impl Dictionary {
    pub fn new(counts: HashMap<String, u32>) -> Dictionary {
        Dictionary { counts }
    }

    pub fn count(&self, word: &str) -> u32 {
        self.counts.get(word).copied().unwrap_or(0)
    }

    pub fn contains(&self, word: &str) -> bool {
        self.counts.contains_key(word)
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Words and counts, sorted by word (for a stable index file).
    pub fn sorted(&self) -> Vec<(&str, u32)> {
        let mut words: Vec<(&str, u32)> = self
            .counts
            .iter()
            .map(|(word, &count)| (word.as_str(), count))
            .collect();
        words.sort_unstable();
        words
    }

    /// The parts of a folded compound, or `None` when it is not one.
    pub fn split(&self, word: &str) -> Option<Vec<Part>> {
        if word.len() > MAX_WORD_BYTES
            || word.chars().count() < 2 * MIN_PART_CHARS
            || !word.chars().all(char::is_alphabetic)
        {
            return None;
        }
        let ends = self.best_splits(word);
        let best = ends[word.len()]?;
        if best.parts < 2 {
            return None;
        }
        let parts = Self::walk_back(word, &ends);
        let geometric_mean = (best.log_frequency / best.parts as f64).exp();
        let doubtful = best.links == 0
            && parts
                .iter()
                .any(|part| part.text.chars().count() <= SHORT_PART_CHARS);
        if doubtful && geometric_mean < f64::from(self.count(word)) {
            return None;
        }
        Some(parts)
    }

    /// For every byte position, the best split of the word up to it.
    fn best_splits(&self, word: &str) -> Vec<Option<Best>> {
        let boundaries: Vec<usize> = word
            .char_indices()
            .map(|(offset, _)| offset)
            .chain([word.len()])
            .collect();
        let mut ends: Vec<Option<Best>> = vec![None; word.len() + 1];
        for (index, &start) in boundaries.iter().enumerate() {
            let reached = if start == 0 {
                Some((0, 0.0, 0))
            } else {
                ends[start].map(|best| (best.parts, best.log_frequency, best.links))
            };
            let Some((parts, log_frequency, links)) = reached else {
                continue;
            };
            if parts >= MAX_PARTS {
                continue;
            }
            for &end in boundaries.iter().skip(index + MIN_PART_CHARS) {
                let is_whole_word = start == 0 && end == word.len();
                let count = self.count(&word[start..end]);
                if count == 0 || is_whole_word {
                    continue;
                }
                let candidate = Best {
                    parts: parts + 1,
                    log_frequency: log_frequency + f64::from(count).ln(),
                    links,
                    last: (start, end),
                    previous: start,
                };
                let inflected_head = start > 0
                    && end - start > MIN_PART_CHARS
                    && HEAD_ENDINGS.contains(&&word[end..]);
                if inflected_head {
                    let head = Best {
                        last: (start, word.len()),
                        ..candidate
                    };
                    offer(&mut ends, word.len(), head);
                }
                // A linking element always has a part after it.
                let linked = LINKING
                    .iter()
                    .filter(|link| word[end..].starts_with(*link) && end + link.len() < word.len())
                    .map(|link| (end + link.len(), links + 1));
                for (next, links) in std::iter::once((end, links)).chain(linked) {
                    offer(&mut ends, next, Best { links, ..candidate });
                }
            }
        }
        ends
    }

    fn walk_back(word: &str, ends: &[Option<Best>]) -> Vec<Part> {
        let mut parts = Vec::new();
        let mut position = word.len();
        while position > 0 {
            let Some(best) = ends[position] else {
                break;
            };
            let (start, end) = best.last;
            parts.push(Part {
                text: word[start..end].to_owned(),
                range: start..end,
            });
            position = best.previous;
        }
        parts.reverse();
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dictionary(words: &[(&str, u32)]) -> Dictionary {
        Dictionary::new(words.iter().map(|(w, c)| (w.to_string(), *c)).collect())
    }

    fn texts(parts: Option<Vec<Part>>) -> Vec<String> {
        parts
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn compounds_split_with_linking_elements() {
        let words = dictionary(&[
            ("klimaat", 300),
            ("coordinator", 1),
            ("coordinatoren", 1),
            ("samenwerking", 80),
            ("overeenkomst", 5),
            ("samen", 40),
            ("werking", 20),
            ("stad", 60),
            ("genoten", 2),
            ("steden", 90),
            ("centrum", 30),
            ("beleid", 100),
        ]);
        assert_eq!(
            texts(words.split("klimaatcoordinator")),
            ["klimaat", "coordinator"]
        );
        let words_without_plural = dictionary(&[("klimaat", 300), ("coordinator", 1)]);
        assert_eq!(
            texts(words_without_plural.split("klimaatcoordinatoren")),
            ["klimaat", "coordinatoren"]
        );
        assert_eq!(
            texts(words.split("samenwerkingsovereenkomst")),
            ["samenwerking", "overeenkomst"]
        );
        assert_eq!(texts(words.split("centrumsteden")), ["centrum", "steden"]);
        assert_eq!(texts(words.split("stedenbeleid")), ["steden", "beleid"]);
        let parts = words.split("stadsgenoten").unwrap();
        assert_eq!(parts[1].range, 5..12);
    }

    #[test]
    fn frequent_words_stay_whole_and_unknown_parts_do_not_split() {
        let words = dictionary(&[
            ("verkeer", 40),
            ("ver", 2),
            ("keer", 10),
            ("klimaat", 300),
            ("toegang", 6),
            ("register", 1),
            ("toegangsregister", 5),
            ("bouw", 1),
            ("stenen", 2),
            ("bouwstenen", 49),
            ("ten", 12),
        ]);
        assert_eq!(words.split("verkeer"), None);
        assert_eq!(
            words.split("bouwstenen"),
            None,
            "no part ends in a linking element"
        );
        assert_eq!(
            texts(words.split("toegangsregister")),
            ["toegang", "register"]
        );
        assert_eq!(words.split("klimaatgovernance"), None);
        assert_eq!(words.split("klimaat"), None);
    }
}
