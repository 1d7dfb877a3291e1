//! Opens a packed index from bytes and answers queries: the one code path of the command line and the
//! browser. Files go into a [`RamDirectory`] (no memory mapping, no file system), the analyzers are
//! registered under the schema's names with the index's own dictionary, and the reader never reloads.
//! Whatever goes wrong with the bytes of an index, here or in tantivy, is reported as [`Damage`].

use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::directory::RamDirectory;
use tantivy::schema::{Facet, Field, Value};
use tantivy::{Directory, Index, IndexReader, ReloadPolicy, TantivyDocument};

use crate::analysis::{self, Analyzer, Language};
use crate::container;
use crate::error::{Damage, Result, SearchError};
use crate::info::{FORMAT, FacetInfo, INFO_FILE, IndexInfo, decode_dictionary};
use crate::lazy::ChunkStore;
use crate::lazy::directory::ChunkDirectory;
use crate::query;
use crate::schema::{Fields, fields_of};
use crate::snippet::{Highlighter, snippet};
use crate::synonyms::Synonyms;

/// What a reader asks; the browser sends it as JSON (`filters` and `limit` may be left out).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Request {
    pub query: String,
    /// `(facet, value id)`: only sections carrying them; several values of one facet are alternatives.
    #[serde(default)]
    pub filters: Vec<(String, String)>,
    #[serde(default = "default_limit")]
    pub limit: usize,
}

fn default_limit() -> usize {
    10
}

/// One result: a section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Site-relative URL with `#anchor` (`nl/publicaties/x/#doelstelling-2`).
    pub url: String,
    /// The page title.
    pub title: String,
    /// The section heading; empty for the opening of a page.
    pub section: String,
    pub publication: String,
    /// HTML: escaped text with `<mark>` around matches.
    pub snippet: String,
    pub score: f32,
    pub lang: String,
}

/// How many matching sections carry each value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub name: String,
    pub title: String,
    pub values: Vec<FacetValueCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetValueCount {
    pub id: String,
    pub label: String,
    pub count: u64,
}

/// The answer to a [`Request`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    /// All matching sections, of which `hits` are the best.
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Vec<FacetCount>,
}

/// An opened index.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    info: IndexInfo,
    analyzer: Analyzer,
    synonyms: Synonyms,
    /// Set when tantivy panicked on this index's data: every later search reports it.
    damage: Option<Damage>,
    /// Where a chunked index's bytes are, to tell a failed read of a missing chunk from damage.
    chunks: Option<Arc<ChunkStore>>,
}

impl SearchIndex {
    /// Opens a packed index (the bytes of an `index.<hash>.bin` file). Every failure is damage of the
    /// index: [`container::unpack`] checks all bytes before tantivy sees them.
    pub fn open(packed: &[u8]) -> Result<SearchIndex> {
        guarded("opening the index", || SearchIndex::open_checked(packed))
    }

    fn open_checked(packed: &[u8]) -> Result<SearchIndex> {
        let directory = RamDirectory::create();
        let mut info: Option<IndexInfo> = None;
        for (name, data) in container::unpack(packed)? {
            if name == INFO_FILE {
                info = Some(read_info(data)?);
            } else {
                directory
                    .atomic_write(Path::new(&name), data)
                    .map_err(|error| unreadable(&name, error))?;
            }
        }
        let info = info.ok_or_else(|| Damage::Missing(INFO_FILE.to_owned()))?;
        SearchIndex::open_directory(directory, info, None)
    }

    /// Opens the index of a start file with the chunks in `store` (see [`crate::lazy`]); fails with
    /// [`SearchError::NeedChunks`] when opening reads chunks the store does not have.
    pub fn open_chunked(store: Arc<ChunkStore>) -> Result<SearchIndex> {
        let opened = guarded("opening the index", || {
            let directory = ChunkDirectory::new(Arc::clone(&store));
            let info = directory
                .atomic_read(Path::new(INFO_FILE))
                .map_err(|error| unreadable(INFO_FILE, error))?;
            let info = read_info(&info)?;
            SearchIndex::open_directory(directory, info, Some(Arc::clone(&store)))
        });
        needed_chunks(opened, &store)
    }

    fn open_directory(
        directory: impl Directory,
        info: IndexInfo,
        chunks: Option<Arc<ChunkStore>>,
    ) -> Result<SearchIndex> {
        if info.format != FORMAT {
            return Err(SearchError::Format {
                found: info.format,
                expected: FORMAT,
            });
        }
        let index =
            Index::open(directory).map_err(|error| unreadable("the tantivy index", error))?;
        let fields = fields_of(&index.schema())?;
        let language = Language::from_code(&info.language);
        let dictionary = Arc::new(decode_dictionary(&info.dictionary));
        analysis::register(&index, language, Arc::clone(&dictionary));
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|error| unreadable("the tantivy index", error))?;
        let mut analyzer = Analyzer::new(language, dictionary);
        let synonyms = Synonyms::new(&info.synonyms, &mut analyzer);
        Ok(SearchIndex {
            reader,
            fields,
            info,
            analyzer,
            synonyms,
            damage: None,
            chunks,
        })
    }

    /// Reads what every open of the index reads besides tantivy's own opening: the term dictionary
    /// of every indexed field and the facet column (the build records these reads as the hot cache).
    pub fn warm(&self) -> Result<()> {
        let searcher = self.reader.searcher();
        let schema = searcher.schema();
        for segment in searcher.segment_readers() {
            for (field, entry) in schema.fields() {
                if entry.is_indexed() {
                    segment
                        .inverted_index(field)
                        .map_err(|error| unreadable("the tantivy index", error))?;
                }
            }
            segment
                .facet_reader(schema.get_field_name(self.fields.facets))
                .map_err(|error| unreadable("the facets", error))?;
        }
        Ok(())
    }

    /// The facets readers can filter on, with the ids and labels of their values.
    pub fn facets(&self) -> &[FacetInfo] {
        &self.info.facets
    }

    /// The analyzer the index was written with (for tests and diagnostics).
    pub fn analyzer(&mut self) -> &mut Analyzer {
        &mut self.analyzer
    }

    /// The best sections for `request`, with facet counts over all matching sections.
    pub fn search(&mut self, request: &Request) -> Result<Response> {
        if let Some(damage) = &self.damage {
            return Err(damage.clone().into());
        }
        let answer = guarded("searching", || self.search_checked(request));
        let answer = match &self.chunks {
            Some(store) => needed_chunks(answer, &Arc::clone(store)),
            None => answer,
        };
        if let Err(SearchError::Damaged(damage @ Damage::Panicked { .. })) = &answer {
            self.damage = Some(damage.clone());
        }
        answer
    }

    fn search_checked(&mut self, request: &Request) -> Result<Response> {
        let plan = query::plan(&request.query, &mut self.analyzer, &self.synonyms);
        if plan.concepts.is_empty() {
            return Ok(Response {
                total: 0,
                hits: Vec::new(),
                facets: Vec::new(),
            });
        }
        let query = query::build(&plan, &self.fields, &request.filters);
        let mut facet_collector = FacetCollector::for_field(self.field_name(self.fields.facets));
        for facet in &self.info.facets {
            facet_collector.add_facet(Facet::from_path([&facet.name]));
        }
        let top = TopDocs::with_limit(request.limit.max(1)).order_by_score();
        let searcher = self.reader.searcher();
        if self.chunks.is_some() {
            prefetch_postings(&searcher, query.as_ref());
        }
        let (top, total, facet_counts) = searcher
            .search(&query, &(top, Count, facet_collector))
            .map_err(|error| unreadable("the tantivy index", error))?;
        let highlighter = Highlighter::new(&plan);
        let top: Vec<_> = top.into_iter().take(request.limit).collect();
        // Every document is read before the first failure is reported, so that a chunked index
        // asks for the chunks of all results at once.
        let documents: Vec<tantivy::Result<TantivyDocument>> = top
            .iter()
            .map(|(_, address)| searcher.doc(*address))
            .collect();
        let mut hits = Vec::new();
        for ((score, _), document) in top.into_iter().zip(documents) {
            let document = document.map_err(|error| unreadable("the document store", error))?;
            let text = |field: Field| {
                document
                    .get_first(field)
                    .and_then(|value| value.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            let shown = self.fields.shown;
            let body = text(shown.body);
            hits.push(Hit {
                url: text(self.fields.url),
                title: text(shown.title),
                section: text(shown.section),
                publication: text(shown.publication),
                snippet: snippet(&body, &highlighter, &mut self.analyzer),
                score,
                lang: self.info.language.clone(),
            });
        }
        let facets = self
            .info
            .facets
            .iter()
            .map(|facet| {
                let mut values: Vec<FacetValueCount> = facet_counts
                    .get(Facet::from_path([&facet.name]))
                    .filter_map(|(value, count)| {
                        let id = value.to_path().last()?.to_string();
                        let label = facet
                            .values
                            .iter()
                            .find(|known| known.id == id)
                            .map_or_else(|| id.clone(), |known| known.label.clone());
                        Some(FacetValueCount { id, label, count })
                    })
                    .collect();
                values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
                FacetCount {
                    name: facet.name.clone(),
                    title: facet.title.clone(),
                    values,
                }
            })
            .collect();
        Ok(Response {
            total,
            hits,
            facets,
        })
    }

    fn field_name(&self, field: Field) -> String {
        self.reader
            .searcher()
            .schema()
            .get_field_name(field)
            .to_owned()
    }
}

/// Reads the posting lists (and positions, where the query needs them) of every term the query
/// names, ignoring failures: a chunked index then notes all the chunks they need in one go, instead
/// of one per attempt as tantivy stops at its first failed read. Terms that fuzzy and prefix queries
/// expand to are not named, and are still loaded one attempt at a time.
fn prefetch_postings(searcher: &tantivy::Searcher, query: &dyn tantivy::query::Query) {
    let mut terms: Vec<(tantivy::Term, bool)> = Vec::new();
    query.query_terms(&mut |term, positions| terms.push((term.clone(), positions)));
    for segment in searcher.segment_readers() {
        for (term, positions) in &terms {
            let option = if *positions {
                tantivy::schema::IndexRecordOption::WithFreqsAndPositions
            } else {
                tantivy::schema::IndexRecordOption::WithFreqs
            };
            if let Ok(inverted) = segment.inverted_index(term.field()) {
                // Only the reads matter: what they find is read again by the query.
                let _ = inverted.read_postings(term, option);
            }
        }
    }
}

fn read_info(bytes: &[u8]) -> Result<IndexInfo> {
    Ok(serde_json::from_slice(bytes).map_err(|error| unreadable(INFO_FILE, error))?)
}

/// A failure of a chunked index that read chunks it does not have is a request for them, not damage.
fn needed_chunks<T>(outcome: Result<T>, store: &ChunkStore) -> Result<T> {
    let missing = store.take_missing();
    match outcome {
        Err(_) if !missing.is_empty() => Err(SearchError::NeedChunks(missing)),
        outcome => outcome,
    }
}

fn unreadable(part: &str, error: impl std::fmt::Display) -> Damage {
    Damage::Unreadable {
        part: part.to_owned(),
        reason: error.to_string(),
    }
}

/// Runs `work`, turning a panic into [`Damage::Panicked`]. The container's checksums keep damaged
/// bytes from tantivy, but tantivy panics on some data it does not expect (its facet collector, fst
/// nodes, term info store), and a reader must never go down with it. In the browser the engine is
/// built with `panic = "abort"`, where this catches nothing and the checksums are the guard.
fn guarded<T>(during: &'static str, work: impl FnOnce() -> Result<T>) -> Result<T> {
    panic::catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let reason = payload
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an unknown failure".to_owned());
        Err(Damage::Panicked { during, reason }.into())
    })
}

#[cfg(all(test, feature = "writer"))]
mod tests;
