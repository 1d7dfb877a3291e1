//! Writes the index of one language (native only: tantivy's writer needs threads). The dictionary is
//! taken from the documents' own words first, because the analyzers need it to index them. Documents
//! are then analysed in parallel, in batches, and handed in order to a single tantivy indexing thread
//! ([`replay`]), so that document order, and with it the index, does not depend on thread timing. The index is merged into one segment whose files get a fixed name, so
//! that the same content always gives the same bytes (and the same content-hashed file name), and is
//! packed with its description into one file ([`crate::container`]).

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use tantivy::directory::RamDirectory;
use tantivy::schema::Facet;
use tantivy::tokenizer::Token;
use tantivy::{Directory, Index, IndexSettings, TantivyDocument, TantivyError};

use crate::analysis::{
    self, Analyzer, Dictionary, Language, PARTS_TOKENIZER, Vocabulary, WHOLE_TOKENIZER,
};
use crate::container;
use crate::error::Result;
use crate::info::{FORMAT, FacetInfo, INFO_FILE, IndexInfo, encode_dictionary};
use crate::schema::{Fields, schema};

mod replay;

use replay::{Prepared, Replay};

/// The writer's memory budget; documents beyond it go into further segments that are merged.
const WRITER_MEMORY: usize = 200_000_000;
/// Documents analysed at a time, before they are handed to the indexing thread in order.
const BATCH: usize = 2_000;
/// The name every index's single segment gets.
const SEGMENT_ID: &str = "00000000000000000000000000000000";

/// A section of a page as search sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchDocument {
    /// Site-relative URL, with `#anchor` for sections after the first.
    pub url: String,
    pub title: String,
    /// Empty for the part of a page before its first heading.
    pub section: String,
    pub publication: String,
    pub body: String,
    /// `(facet name, value id)` pairs: `("type", "jaarplan")`, `("year", "2025")`.
    pub facets: Vec<(String, String)>,
}

/// Everything about a language's index except its documents.
#[derive(Debug, Clone, Default)]
pub struct IndexSpec {
    /// Site language code.
    pub language: String,
    pub facets: Vec<FacetInfo>,
    pub synonyms: Vec<Vec<String>>,
    /// Words editors add to the decompounding dictionary.
    pub editor_words: Vec<String>,
}

/// The packed index of `documents`.
pub fn write_index(spec: &IndexSpec, documents: &[SearchDocument]) -> Result<Vec<u8>> {
    let language = Language::from_code(&spec.language);
    let dictionary = Arc::new(dictionary_of(language, documents, &spec.editor_words));
    let (schema, fields) = schema();
    let directory = RamDirectory::create();
    let index = Index::create(directory.clone(), schema, IndexSettings::default())?;
    let prepared = Prepared::default();
    for name in [WHOLE_TOKENIZER, PARTS_TOKENIZER] {
        index.tokenizers().register(name, Replay(prepared.clone()));
    }
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, WRITER_MEMORY)?;
    // One analyzer per worker thread, so that each keeps what it learnt about words across batches.
    let analyzers: Vec<Mutex<Analyzer>> = (0..rayon::current_num_threads().max(1))
        .map(|_| Mutex::new(Analyzer::new(language, Arc::clone(&dictionary))))
        .collect();
    for batch in documents.chunks(BATCH) {
        let analysed: Vec<Analysed> = batch
            .par_iter()
            .map(|document| {
                let worker = rayon::current_thread_index().unwrap_or(0) % analyzers.len();
                let mut analyzer = analyzers[worker]
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                Analysed::new(document, &mut analyzer)
            })
            .collect();
        for (document, analysed) in batch.iter().zip(analysed) {
            writer.add_document(tantivy_document(&fields, document, analysed, &prepared))?;
        }
    }
    writer.commit()?;
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;

    let mut files = segment_files(&index, &directory)?;
    let info = IndexInfo {
        format: FORMAT,
        language: spec.language.clone(),
        sections: documents.len() as u64,
        facets: spec.facets.clone(),
        synonyms: spec.synonyms.clone(),
        dictionary: encode_dictionary(&dictionary),
    };
    files.push((INFO_FILE.to_owned(), serde_json::to_vec(&info)?));
    Ok(container::pack(&files))
}

fn dictionary_of(
    language: Language,
    documents: &[SearchDocument],
    editor_words: &[String],
) -> Dictionary {
    let counts = documents
        .par_iter()
        .fold(
            || Vocabulary::new(language),
            |mut vocabulary, document| {
                for text in [&document.title, &document.section, &document.body] {
                    vocabulary.add_text(text);
                }
                vocabulary
            },
        )
        .reduce(|| Vocabulary::new(language), Vocabulary::merge);
    counts.into_dictionary(editor_words)
}

/// The tokens of a document's indexed fields.
struct Analysed {
    /// Page title, heading, publication title, body.
    whole: [Vec<Token>; 4],
    /// The compound parts of all four.
    parts: Vec<Token>,
}

impl Analysed {
    fn new(document: &SearchDocument, analyzer: &mut Analyzer) -> Analysed {
        let mut parts = Vec::new();
        let texts = [
            &document.title,
            &document.section,
            &document.publication,
            &document.body,
        ];
        let whole = texts.map(|text| {
            let terms = analyzer.terms(text);
            parts.extend(terms.parts);
            analysis::tokens(terms.whole)
        });
        Analysed {
            whole,
            parts: analysis::tokens(parts),
        }
    }
}

/// The tantivy document: indexed fields refer to their prepared tokens, shown fields hold the text.
fn tantivy_document(
    fields: &Fields,
    document: &SearchDocument,
    analysed: Analysed,
    prepared: &Prepared,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.url, &document.url);
    let indexed = [
        fields.title,
        fields.section,
        fields.publication,
        fields.body,
    ];
    let shown = [
        (fields.shown.title, &document.title),
        (fields.shown.section, &document.section),
        (fields.shown.publication, &document.publication),
        (fields.shown.body, &document.body),
    ];
    for ((field, tokens), (shown_field, text)) in indexed.into_iter().zip(analysed.whole).zip(shown)
    {
        doc.add_text(field, prepared.put(tokens));
        doc.add_text(shown_field, text);
    }
    doc.add_text(fields.parts, prepared.put(analysed.parts));
    for (facet, value) in &document.facets {
        doc.add_facet(fields.facets, Facet::from_path([facet, value]));
    }
    doc
}

/// `meta.json` and the files of the index's segment, renamed to [`SEGMENT_ID`].
fn segment_files(index: &Index, directory: &RamDirectory) -> Result<Vec<(String, Vec<u8>)>> {
    let read = |name: &str| -> Result<Vec<u8>> {
        let slice = directory
            .open_read(Path::new(name))
            .map_err(TantivyError::from)?;
        Ok(slice
            .read_bytes()
            .map_err(TantivyError::from)?
            .as_slice()
            .to_vec())
    };
    let mut meta = String::from_utf8(read("meta.json")?).map_err(|_| {
        TantivyError::InternalError("tantivy wrote a meta.json that is not UTF-8".to_owned())
    })?;
    let mut files = Vec::new();
    let mut names: Vec<String> = index
        .directory()
        .list_managed_files()
        .into_iter()
        .filter_map(|path| path.to_str().map(str::to_owned))
        .collect();
    names.sort();
    let segments = index.searchable_segment_ids()?;
    let rename = segments.len() == 1;
    for segment in segments {
        let id = segment.uuid_string();
        let hyphenated = format!(
            "{}-{}-{}-{}-{}",
            &id[..8],
            &id[8..12],
            &id[12..16],
            &id[16..20],
            &id[20..]
        );
        let fixed = format!(
            "{}-{}-{}-{}-{}",
            &SEGMENT_ID[..8],
            &SEGMENT_ID[8..12],
            &SEGMENT_ID[12..16],
            &SEGMENT_ID[16..20],
            &SEGMENT_ID[20..]
        );
        let new_id = if rename { SEGMENT_ID } else { id.as_str() };
        if rename {
            meta = meta.replace(&hyphenated, &fixed).replace(&id, SEGMENT_ID);
        }
        for name in names.iter().filter(|name| name.starts_with(&id)) {
            if name.ends_with(".temp") || !directory.exists(Path::new(name)).unwrap_or(false) {
                continue;
            }
            files.push((name.replacen(&id, new_id, 1), read(name)?));
        }
    }
    files.push(("meta.json".to_owned(), meta.into_bytes()));
    Ok(files)
}
