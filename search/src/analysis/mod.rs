//! Language analysis, shared by indexing and querying so that both see the same terms. Text is cut
//! into chunks ([`chunks`]), folded ([`crate::text::fold`]: NFKC, lowercase, no diacritics), stemmed with Snowball
//! ([`stem`], with Dutch corrections) and, in Dutch, compounds are split into parts found in the site's
//! vocabulary ([`compounds`]). [`terms`] puts it together; this module registers the result with
//! tantivy under the names the schema uses. Nothing here knows about fields or queries.

pub mod chunks;
pub mod compounds;
pub mod stem;
pub mod terms;
pub mod vocabulary;

use std::sync::Arc;

use tantivy::Index;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

pub use compounds::Dictionary;
pub use terms::{Analyzer, Term, TermKind, Terms, WordInfo};
pub use vocabulary::Vocabulary;

/// Tokenizer of the whole-word fields (title, section, publication, body).
pub const WHOLE_TOKENIZER: &str = "kennis_whole";
/// Tokenizer of the parts field (the parts of compounds).
pub const PARTS_TOKENIZER: &str = "kennis_parts";

/// The languages kennis analyses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    Dutch,
    English,
}

impl Language {
    /// The language of a site language code (`nl`, `en`, `nl-BE`); others are analysed as English
    /// without decompounding, which at least folds and stems plausibly.
    pub fn from_code(code: &str) -> Language {
        match code.split(['-', '_']).next().unwrap_or_default() {
            "nl" => Language::Dutch,
            _ => Language::English,
        }
    }

    /// Whether compounds are split.
    pub fn decompounds(self) -> bool {
        self == Language::Dutch
    }
}

/// Registers the analyzers of `language` with `index`, by the names its schema uses.
pub fn register(index: &Index, language: Language, dictionary: Arc<Dictionary>) {
    let analyzer = Analyzer::new(language, dictionary);
    let manager = index.tokenizers();
    manager.register(
        WHOLE_TOKENIZER,
        FieldTokenizer {
            analyzer: analyzer.clone(),
            parts: false,
        },
    );
    manager.register(
        PARTS_TOKENIZER,
        FieldTokenizer {
            analyzer,
            parts: true,
        },
    );
}

/// Terms as tantivy tokens (for pre-tokenized fields and the tokenizers).
pub fn tokens(terms: Vec<Term>) -> Vec<Token> {
    terms
        .into_iter()
        .map(|term| Token {
            offset_from: term.start,
            offset_to: term.end,
            position: term.position,
            text: term.text,
            position_length: 1,
        })
        .collect()
}

/// [`Analyzer`] as a tantivy tokenizer for one kind of field.
#[derive(Clone)]
struct FieldTokenizer {
    analyzer: Analyzer,
    parts: bool,
}

impl Tokenizer for FieldTokenizer {
    type TokenStream<'a> = TermStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TermStream {
        let terms = if self.parts {
            self.analyzer.part_terms(text)
        } else {
            self.analyzer.whole_terms(text)
        };
        TermStream::new(tokens(terms))
    }
}

/// Terms computed up front, handed out one by one.
pub struct TermStream {
    tokens: Vec<Token>,
    next: usize,
    current: Token,
}

impl TermStream {
    pub fn new(tokens: Vec<Token>) -> TermStream {
        TermStream {
            tokens,
            next: 0,
            current: Token::default(),
        }
    }
}

impl TokenStream for TermStream {
    fn advance(&mut self) -> bool {
        match self.tokens.get_mut(self.next) {
            Some(token) => {
                self.current = std::mem::take(token);
                self.next += 1;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests;
