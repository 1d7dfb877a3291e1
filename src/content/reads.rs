//! Noting what a piece of work reads of the content, so that a rebuild can tell which work a change
//! concerns. Reads are noted only inside [`noting`], on the thread that runs it, and cost a
//! thread-local lookup elsewhere. This module only keeps the notes: the readers (documents'
//! front matter here, rendered bodies and taxonomy listings in the templates) report their reads, and
//! the rebuild compares them with what changed.

use std::cell::RefCell;
use std::collections::BTreeSet;

use super::DocId;
use crate::config::SiteConfig;

/// One thing that work can depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Read {
    /// A document's front matter.
    Front(DocId),
    /// A document's rendered body.
    Body(DocId),
    /// How many documents carry a taxonomy term.
    TermCount(TermKey),
    /// Which documents carry a taxonomy term, in their order.
    TermItems(TermKey),
}

/// A term by its position in `site.toml`: the taxonomy's, then the term's within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermKey {
    taxonomy: u32,
    term: u32,
}

impl TermKey {
    /// The key of a term that `site.toml` defines.
    pub fn of(config: &SiteConfig, taxonomy: &str, term: &str) -> Option<TermKey> {
        let position = config
            .taxonomies
            .iter()
            .position(|candidate| candidate.name == taxonomy)?;
        let term = config.taxonomies[position].terms.get_index_of(term)?;
        Some(TermKey {
            taxonomy: u32::try_from(position).ok()?,
            term: u32::try_from(term).ok()?,
        })
    }
}

thread_local! {
    static READS: RefCell<Option<BTreeSet<Read>>> = const { RefCell::new(None) };
}

/// Runs `work` and tells what it read of the content. `work` must not hand work to other threads,
/// whose reads would go unnoticed.
pub fn noting<T>(work: impl FnOnce() -> T) -> (T, Vec<Read>) {
    let outer = READS.with(|reads| reads.borrow_mut().replace(BTreeSet::new()));
    let value = work();
    let reads = READS.with(|reads| std::mem::replace(&mut *reads.borrow_mut(), outer));
    (value, reads.unwrap_or_default().into_iter().collect())
}

/// Notes `read` for the work running on this thread, if it is being noted.
pub fn note(read: Read) {
    READS.with(|reads| {
        if let Some(reads) = reads.borrow_mut().as_mut() {
            reads.insert(read);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_noted_only_inside_noting_and_each_once() {
        note(Read::Front(7));
        let ((), reads) = noting(|| {
            note(Read::Body(2));
            note(Read::Front(1));
            note(Read::Body(2));
        });
        assert_eq!(reads, vec![Read::Front(1), Read::Body(2)]);
        let ((), after) = noting(|| {});
        assert!(after.is_empty(), "{after:?}");
    }

    #[test]
    fn nested_noting_keeps_the_outer_reads_apart() {
        let (inner, outer) = noting(|| {
            note(Read::Front(1));
            let ((), inner) = noting(|| note(Read::Front(2)));
            note(Read::Front(3));
            inner
        });
        assert_eq!(inner, vec![Read::Front(2)]);
        assert_eq!(outer, vec![Read::Front(1), Read::Front(3)]);
    }
}
