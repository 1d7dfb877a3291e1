//! Synonyms and aliases that editors define (`AVG` = `GDPR`, `Antwerpen` = `Antwerp`, `OCMW` =
//! `openbaar centrum voor maatschappelijk welzijn`). They are applied when querying, so changing them
//! needs no new analysis of the text: a query word or phrase that is a member of a group also finds the
//! other members. Members are compared as analysed terms, so `OCMW's` finds the group of `OCMW`.

use crate::analysis::Analyzer;
use crate::analysis::chunks::{Chunk, chunks};

/// A member as the stems of its chunks' pieces: `openbaar centrum` → `[[openbar], [centrum]]`.
pub type Member = Vec<Vec<String>>;

/// Synonym groups, analysed.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    groups: Vec<Vec<Member>>,
}

/// A synonym group member found in a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// How many query chunks it covers.
    pub chunks: usize,
    /// The other members of its group.
    pub others: Vec<Member>,
}

impl Synonyms {
    pub fn new(groups: &[Vec<String>], analyzer: &mut Analyzer) -> Synonyms {
        let groups = groups
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|member| stems_of(member, analyzer))
                    .filter(|member| !member.is_empty())
                    .collect()
            })
            .collect();
        Synonyms { groups }
    }

    /// The longest member that the query's chunks (as piece stems) start with at `start`.
    pub fn find(&self, query: &[Vec<String>], start: usize) -> Option<Found> {
        let mut best: Option<(usize, usize, usize)> = None;
        for (group_index, group) in self.groups.iter().enumerate() {
            for (member_index, member) in group.iter().enumerate() {
                let fits = query.len() >= start + member.len()
                    && query[start..start + member.len()] == member[..];
                if fits && best.is_none_or(|(length, _, _)| member.len() > length) {
                    best = Some((member.len(), group_index, member_index));
                }
            }
        }
        best.map(|(chunks, group, member)| Found {
            chunks,
            others: self.groups[group]
                .iter()
                .enumerate()
                .filter(|(index, _)| *index != member)
                .map(|(_, other)| other.clone())
                .collect(),
        })
    }
}

/// The stems of each chunk's pieces of `text`.
pub fn stems_of(text: &str, analyzer: &mut Analyzer) -> Member {
    stems_of_chunks(&chunks(text), analyzer)
}

/// The stems of each chunk's pieces.
pub fn stems_of_chunks(chunks: &[Chunk], analyzer: &mut Analyzer) -> Member {
    chunks
        .iter()
        .map(|chunk| {
            chunk
                .pieces
                .iter()
                .map(|piece| analyzer.word(&piece.text).stem.clone())
                .collect()
        })
        .collect()
}
