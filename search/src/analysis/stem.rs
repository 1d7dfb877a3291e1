//! Stemming with the Snowball stemmers of `frostem` (the crate tantivy uses, built with Dutch and
//! English only, so the engine carries no other language), plus three Dutch corrections found on the
//! site's own words. Snowball Dutch strips a `ge-` prefix or infix (`gezondheid` → `zon`, `gemeente` → `meen`,
//! `burgemeestersoverleg` → `burmeestersoverleg`), which conflates unrelated words and makes a
//! compound stem differently from its parts: the removed `ge` is put back. It lengthens vowels
//! (`coördinatoren` → `coordinatoor`) and keeps adjective endings (`financieel` but `financiële` →
//! `financiel`) inconsistently: a doubled vowel in the last syllable of a long stem is made single, so
//! both forms meet. Irregular plurals that no rule finds (`steden`) map to their singular first.

use frostem::{Algorithm, Stemmer};

use super::Language;

/// Dutch words too common to need matching (folded), sorted: articles, pronouns, prepositions,
/// conjunctions and auxiliary verbs. None is a usual first part of a compound beyond the prepositions
/// (which the decompounding dictionary leaves out with every stop word).
const DUTCH_STOP_WORDS: [&str; 86] = [
    "aan", "al", "als", "ben", "bent", "bij", "dan", "dat", "de", "deze", "die", "dit", "door",
    "dus", "een", "en", "er", "geen", "haar", "had", "hadden", "heb", "hebben", "heeft", "hem",
    "het", "hier", "hij", "hun", "ik", "in", "is", "je", "jij", "jullie", "kan", "kon", "kunnen",
    "maar", "me", "met", "mij", "mijn", "moet", "na", "naar", "niet", "nog", "nu", "of", "om",
    "omdat", "onder", "ons", "onze", "ook", "op", "over", "te", "tegen", "tot", "u", "uit", "uw",
    "van", "voor", "want", "waren", "was", "wat", "we", "wel", "werd", "werden", "wie", "wij",
    "worden", "wordt", "zal", "ze", "zich", "zij", "zijn", "zo", "zou", "zouden",
];

/// English words too common to need matching, sorted.
const ENGLISH_STOP_WORDS: [&str; 51] = [
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "not", "of", "on",
    "or", "our", "she", "so", "than", "that", "the", "their", "them", "there", "these", "they",
    "this", "those", "to", "was", "we", "were", "which", "who", "will", "with", "you",
];

/// Plurals whose stem does not meet the singular's, also at the end of compounds
/// (`centrumsteden` → `centrumstad`, `bestuursleden` → `bestuurslid`). Not `schepen`: in Flanders it
/// is an alderman far more often than the plural of `schip`.
pub const DUTCH_IRREGULAR_PLURALS: [(&str, &str); 3] = [
    ("steden", "stad"),
    ("leden", "lid"),
    ("gelegenheden", "gelegenheid"),
];
/// A compound ending in an irregular plural has at least this long a first part, so that `besteden`,
/// `geleden` and `verleden` stay what they are.
const MIN_FIRST_PART: usize = 4;

/// Stems single folded words and knows the language's stop words.
#[derive(Clone)]
pub struct WordStemmer {
    language: Language,
    stemmer: Stemmer,
    stop_words: &'static [&'static str],
}

impl WordStemmer {
    pub fn new(language: Language) -> WordStemmer {
        let (algorithm, stop_words): (Algorithm, &'static [&'static str]) = match language {
            Language::Dutch => (Algorithm::Dutch, &DUTCH_STOP_WORDS),
            Language::English => (Algorithm::English, &ENGLISH_STOP_WORDS),
        };
        WordStemmer {
            language,
            stemmer: Stemmer::new(algorithm),
            stop_words,
        }
    }

    /// The stem of a folded word.
    pub fn stem(&mut self, word: &str) -> String {
        match self.language {
            Language::Dutch => {
                let singular = singular_of_irregular(word);
                let word = singular.as_deref().unwrap_or(word);
                let stem = self.snowball(word);
                single_final_vowel(restore_ge(word, stem))
            }
            Language::English => self.snowball(word),
        }
    }

    /// Whether the folded word is a stop word (`de`, `van`, `the`).
    pub fn is_stop_word(&mut self, word: &str) -> bool {
        self.stop_words.binary_search(&word).is_ok()
    }

    fn snowball(&mut self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }
}

/// The singular of an irregular Dutch plural, or of a compound ending in one.
pub fn singular_of_irregular(word: &str) -> Option<String> {
    DUTCH_IRREGULAR_PLURALS
        .iter()
        .find_map(|(plural, singular)| {
            let first = word.strip_suffix(plural)?;
            let fits = first.is_empty() || first.chars().count() >= MIN_FIRST_PART;
            fits.then(|| format!("{first}{singular}"))
        })
}

/// Puts back a `ge` that Snowball Dutch removed from the start or the middle of `word`.
fn restore_ge(word: &str, stem: String) -> String {
    let common = word
        .bytes()
        .zip(stem.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let rest = &word[common..];
    let stem_rest = &stem[common..];
    let removed_ge = rest.starts_with("ge")
        && !stem_rest.starts_with("ge")
        && !stem_rest.is_empty()
        && rest[2..].starts_with(&stem_rest[..1]);
    if removed_ge && word.is_char_boundary(common) {
        format!("{}ge{}", &word[..common], stem_rest)
    } else {
        stem
    }
}

/// `coordinatoor` → `coordinator`, `financieel` → `financiel`: a doubled vowel before the final
/// consonant of a stem of six letters or more becomes single.
fn single_final_vowel(stem: String) -> String {
    let bytes = stem.as_bytes();
    let n = bytes.len();
    if n < 6 {
        return stem;
    }
    let (a, b, last) = (bytes[n - 3], bytes[n - 2], bytes[n - 1]);
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'o' | b'u');
    if a == b && is_vowel(a) && last.is_ascii_alphabetic() && !is_vowel(last) && last != b'i' {
        let mut single = stem[..n - 2].to_owned();
        single.push(last as char);
        single
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meet(stemmer: &mut WordStemmer, a: &str, b: &str) -> bool {
        stemmer.stem(a) == stemmer.stem(b)
    }

    #[test]
    fn dutch_inflections_meet() {
        let mut dutch = WordStemmer::new(Language::Dutch);
        for (a, b) in [
            ("klimaatcoordinator", "klimaatcoordinatoren"),
            ("coordinator", "coordinatoren"),
            ("gemeente", "gemeenten"),
            ("gemeente", "gemeentes"),
            ("laadpaal", "laadpalen"),
            ("financieel", "financiele"),
            ("structureel", "structurele"),
            ("lokaal", "lokale"),
            ("stad", "steden"),
            ("centrumstad", "centrumsteden"),
            ("bestuurslid", "bestuursleden"),
            ("burgemeester", "burgemeesters"),
            ("mogelijkheid", "mogelijkheden"),
            ("transitie", "transities"),
            ("woning", "woningen"),
        ] {
            assert!(
                meet(&mut dutch, a, b),
                "{a} / {b}: {} / {}",
                dutch.stem(a),
                dutch.stem(b)
            );
        }
    }

    #[test]
    fn removing_ge_does_not_conflate_unrelated_words() {
        let mut dutch = WordStemmer::new(Language::Dutch);
        assert!(!meet(&mut dutch, "gezondheid", "zon"));
        assert!(!meet(&mut dutch, "gemeente", "menen"));
        assert!(dutch.stem("gemeente").starts_with("gem"));
        assert!(
            dutch
                .stem("burgemeestersoverleg")
                .starts_with("burgemeesters")
        );
    }

    #[test]
    fn words_that_only_end_like_irregular_plurals_keep_their_meaning() {
        let mut dutch = WordStemmer::new(Language::Dutch);
        assert!(!meet(&mut dutch, "besteden", "bestad"));
        assert!(!meet(&mut dutch, "geleden", "gelid"));
        assert!(!meet(&mut dutch, "schepen", "schip"));
    }

    #[test]
    fn stop_words_are_known() {
        let mut dutch = WordStemmer::new(Language::Dutch);
        assert!(dutch.is_stop_word("van") && dutch.is_stop_word("de"));
        assert!(!dutch.is_stop_word("klimaat"));
        let mut english = WordStemmer::new(Language::English);
        assert!(english.is_stop_word("the"));
        for list in [&DUTCH_STOP_WORDS[..], &ENGLISH_STOP_WORDS[..]] {
            assert!(
                list.windows(2).all(|pair| pair[0] < pair[1]),
                "sorted, once each"
            );
        }
        assert_eq!(english.stem("cities"), english.stem("city"));
    }
}
