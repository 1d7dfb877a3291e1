//! Turns a [`Plan`] into a tantivy query whose score ranks in tiers. Each concept adds a constant for
//! being matched at all, even with a typo ([`MATCHED`]), more for matching without a typo ([`EXACT`]),
//! as a whole word or phrase rather than by compound parts or a prefix ([`WHOLE`]), and in a title,
//! heading or publication title ([`HEADING`]); BM25 over the weighted fields (title and heading above
//! body, compound parts well below whole words) orders sections within a tier. So sections that match
//! every concept rank first, exact matches above typos, whole words above parts and prefixes.

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};

use super::plan::{Alternative, Concept, Plan};
use crate::schema::Fields;

/// Score for every concept a section matches in any way (also with a typo).
pub const MATCHED: f32 = 1000.0;
/// Added when the match needs no typo.
pub const EXACT: f32 = 150.0;
/// Added when the match is a whole word or phrase.
pub const WHOLE: f32 = 100.0;
/// Added when the whole word or phrase is in a title, heading or publication title.
pub const HEADING: f32 = 40.0;
/// Weight of compound parts relative to whole words.
const PARTS_WEIGHT: f32 = 0.3;
/// Weight of a match by all parts of a query compound.
const ALL_PARTS_WEIGHT: f32 = 0.5;

/// The query for `plan`, restricted to sections carrying every facet in `filters` (values of one
/// facet are alternatives).
pub fn build(plan: &Plan, fields: &Fields, filters: &[(String, String)]) -> Box<dyn Query> {
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for concept in &plan.concepts {
        if concept.optional {
            optional.push((Occur::Should, exact(concept, fields)));
        } else {
            required.push((Occur::Should, concept_query(concept, fields)));
        }
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    clauses.push((Occur::Must, Box::new(BooleanQuery::new(required))));
    clauses.extend(optional);
    clauses.extend(
        facet_filters(fields.facets, filters)
            .into_iter()
            .map(|filter| (Occur::Must, filter)),
    );
    Box::new(BooleanQuery::new(clauses))
}

fn facet_filters(field: Field, filters: &[(String, String)]) -> Vec<Box<dyn Query>> {
    let mut names: Vec<&str> = filters.iter().map(|(name, _)| name.as_str()).collect();
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let values = filters
                .iter()
                .filter(|(facet, _)| facet == name)
                .map(|(facet, value)| {
                    let term = Term::from_facet(field, &Facet::from_path([facet, value]));
                    let query: Box<dyn Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                    (Occur::Should, query)
                })
                .collect();
            Box::new(BooleanQuery::new(values)) as Box<dyn Query>
        })
        .collect()
}

fn concept_query(concept: &Concept, fields: &Fields) -> Box<dyn Query> {
    let mut matched = vec![(Occur::Should, exact(concept, fields))];
    for typed in &concept.fuzzy {
        matched.extend(fields.text_fields().into_iter().map(|field| {
            let term = Term::from_field_text(field, typed);
            let query: Box<dyn Query> = Box::new(FuzzyTermQuery::new(term, 1, true));
            (Occur::Should, query)
        }));
    }
    let whole: Vec<&Alternative> = concept
        .alternatives
        .iter()
        .filter(|alternative| alternative.is_whole())
        .collect();
    let whole_in = |weighted: &[(Field, f32)]| {
        any(whole.iter().flat_map(|alternative| {
            weighted
                .iter()
                .map(|&(field, _)| whole_in_field(alternative, field))
        }))
    };
    let tiers = vec![
        constant(Box::new(BooleanQuery::new(matched)), MATCHED),
        constant(exact(concept, fields), EXACT),
        constant(whole_in(&fields.weighted_whole()), WHOLE),
        constant(whole_in(&fields.weighted_headings()), HEADING),
        exact(concept, fields),
    ];
    any(tiers)
}

fn constant(query: Box<dyn Query>, score: f32) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, score))
}

/// Any exact way of matching the concept, scored with BM25.
fn exact(concept: &Concept, fields: &Fields) -> Box<dyn Query> {
    let clauses = concept
        .alternatives
        .iter()
        .map(|alternative| (Occur::Should, alternative_query(alternative, fields)))
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

fn alternative_query(alternative: &Alternative, fields: &Fields) -> Box<dyn Query> {
    match alternative {
        Alternative::Word(stem) => {
            let as_part = boosted(term(fields.parts, stem), PARTS_WEIGHT);
            any([whole_words(alternative, fields), as_part])
        }
        Alternative::Parts(stems) => {
            let all = stems
                .iter()
                .map(|stem| (Occur::Must, word_or_part(stem, fields)))
                .collect();
            boosted(Box::new(BooleanQuery::new(all)), ALL_PARTS_WEIGHT)
        }
        Alternative::Phrase(_) => whole_words(alternative, fields),
        Alternative::Prefix(prefix) => {
            let prefixes = fields.text_fields().into_iter().map(|field| {
                let term = Term::from_field_text(field, prefix);
                constant(Box::new(FuzzyTermQuery::new_prefix(term, 0, false)), 0.0)
            });
            any(prefixes)
        }
    }
}

/// A word or a phrase in the whole-word fields, with their weights.
fn whole_words(alternative: &Alternative, fields: &Fields) -> Box<dyn Query> {
    any(fields
        .weighted_whole()
        .into_iter()
        .map(|(field, weight)| boosted(whole_in_field(alternative, field), weight)))
}

/// A word or a phrase in one field; nothing for other alternatives.
fn whole_in_field(alternative: &Alternative, field: Field) -> Box<dyn Query> {
    match alternative {
        // tantivy's phrase query panics on fewer than two terms; a quoted single word is a word.
        Alternative::Phrase(stems) => match stems.as_slice() {
            [] => any([]),
            [(_, stem)] => term(field, stem),
            _ => {
                let terms = stems
                    .iter()
                    .map(|(offset, stem)| (*offset, Term::from_field_text(field, stem)))
                    .collect();
                Box::new(PhraseQuery::new_with_offset(terms))
            }
        },
        Alternative::Word(stem) => term(field, stem),
        Alternative::Parts(_) | Alternative::Prefix(_) => any([]),
    }
}

fn word_or_part(stem: &str, fields: &Fields) -> Box<dyn Query> {
    let whole = fields
        .weighted_whole()
        .into_iter()
        .map(|(field, weight)| boosted(term(field, stem), weight));
    any(whole.chain([boosted(term(fields.parts, stem), PARTS_WEIGHT)]))
}

fn term(field: Field, stem: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, stem),
        IndexRecordOption::WithFreqs,
    ))
}

fn boosted(query: Box<dyn Query>, weight: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, weight))
}

fn any(queries: impl IntoIterator<Item = Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        queries
            .into_iter()
            .map(|query| (Occur::Should, query))
            .collect(),
    ))
}
