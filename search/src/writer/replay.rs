//! Terms analysed ahead of tantivy's indexing thread. The writer analyses documents in parallel, puts
//! each indexed field's tokens here and gives tantivy the slot number as the field's text; the
//! tokenizer registered for writing hands the tokens back. tantivy's own way in, pre-tokenized text,
//! serialises every token to JSON and back, which took more than half of the indexing time on a
//! 10,000-page site. What readers see is stored in separate fields, so the indexed text is never shown.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::tokenizer::{Token, Tokenizer};

use crate::analysis::TermStream;

/// Tokens waiting for the indexing thread, by slot.
#[derive(Clone, Default)]
pub struct Prepared {
    slots: Arc<Mutex<HashMap<u64, Vec<Token>>>>,
    next: Arc<AtomicU64>,
}

impl Prepared {
    /// Keeps `tokens` for the indexing thread; returns the text to index in their place.
    pub fn put(&self, tokens: Vec<Token>) -> String {
        let slot = self.next.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(slot, tokens);
        slot.to_string()
    }

    /// The tokens kept under `slot`; none for an unknown slot.
    fn take(&self, slot: &str) -> Vec<Token> {
        let slot = slot.parse::<u64>().ok();
        slot.and_then(|slot| self.lock().remove(&slot))
            .unwrap_or_default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Vec<Token>>> {
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The tokenizer of the indexed fields while writing: it replays prepared tokens.
#[derive(Clone)]
pub struct Replay(pub Prepared);

impl Tokenizer for Replay {
    type TokenStream<'a> = TermStream;

    fn token_stream<'a>(&'a mut self, slot: &'a str) -> TermStream {
        TermStream::new(self.0.take(slot))
    }
}
