//! A generated index of a few thousand sections, cut into chunks and read the way the browser reads
//! it: search, load the chunks the engine asks for, search again.

use std::sync::Arc;

use super::*;
use crate::info::FacetInfo;
use crate::reader::{Request, Response, SearchIndex};
use crate::writer::{IndexSpec, SearchDocument, write_index};

const WORDS: [&str; 24] = [
    "klimaat",
    "governance",
    "stad",
    "gemeente",
    "armoede",
    "mobiliteit",
    "fiets",
    "parkeer",
    "register",
    "onderzoek",
    "rapport",
    "beleid",
    "woning",
    "energie",
    "warmtepomp",
    "samenwerking",
    "overeenkomst",
    "bestuur",
    "lokaal",
    "data",
    "privacy",
    "centrumsteden",
    "coördinator",
    "plan",
];

/// Sections of pseudo-random text (a fixed linear congruential sequence), enough for many chunks.
fn documents(count: usize) -> Vec<SearchDocument> {
    let mut state: u64 = 42;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) as usize
    };
    (0..count)
        .map(|number| {
            let body: Vec<String> = (0..60)
                .map(|_| {
                    let word = WORDS[next() % WORDS.len()];
                    // Rare words, so that posting lists vary in length and the dictionary grows.
                    if next() % 4 == 0 {
                        format!("{word}{}", next() % 5000)
                    } else {
                        word.to_owned()
                    }
                })
                .collect();
            SearchDocument {
                url: format!("p{number}/"),
                title: format!("Pagina {number} {}", WORDS[number % WORDS.len()]),
                section: String::new(),
                publication: "Kenniscentrum".to_owned(),
                body: body.join(" "),
                facets: vec![("type".to_owned(), format!("t{}", number % 3))],
            }
        })
        .collect()
}

fn packed() -> Vec<u8> {
    let spec = IndexSpec {
        language: "nl".to_owned(),
        facets: vec![FacetInfo {
            name: "type".to_owned(),
            title: "Soort".to_owned(),
            values: Vec::new(),
        }],
        synonyms: Vec::new(),
        editor_words: Vec::new(),
    };
    write_index(&spec, &documents(4000)).expect("index written")
}

fn name_of(chunk: &[u8]) -> String {
    format!("{:08x}", crc32fast::hash(chunk))
}

/// Searches until the index needs no more chunks; returns the answer and how many rounds it took.
fn search_loading(
    index: &mut Option<SearchIndex>,
    store: &Arc<ChunkStore>,
    chunks: &[Vec<u8>],
    query: &str,
) -> (Response, usize) {
    let request = Request {
        query: query.to_owned(),
        filters: Vec::new(),
        limit: 10,
    };
    for round in 1..=100 {
        let answer = match index {
            Some(index) => index.search(&request),
            None => SearchIndex::open_chunked(Arc::clone(store)).map(|opened| {
                *index = Some(opened);
                Response {
                    total: usize::MAX,
                    hits: Vec::new(),
                    facets: Vec::new(),
                }
            }),
        };
        match answer {
            Ok(response) if response.total == usize::MAX => continue,
            Ok(response) => return (response, round),
            Err(SearchError::NeedChunks(numbers)) => {
                assert!(!numbers.is_empty());
                for number in numbers {
                    store
                        .add(number, chunks[number].clone())
                        .expect("an intact chunk");
                }
            }
            Err(error) => panic!("{query}: {error}"),
        }
    }
    panic!("{query}: still needing chunks after 100 rounds")
}

#[test]
fn chunked_answers_equal_whole_answers_and_load_a_part() {
    let packed = packed();
    let split = split::split(&packed, name_of).expect("split");
    assert!(split.chunks.len() > 8, "{} chunks", split.chunks.len());
    assert!(split.chunks.iter().all(|chunk| chunk.len() <= CHUNK_SIZE));
    let mut whole = SearchIndex::open(&packed).expect("whole index");
    let store = ChunkStore::open(&split.start).expect("start file");
    let mut chunked = None;
    for query in [
        "klimaat",
        "warmtepomp1234",
        "lokaal bestuur",
        "\"fiets parkeer\"",
        "privac",
        "armoed gemeente",
        "samenwerkingsovereenkomst",
    ] {
        let request = Request {
            query: query.to_owned(),
            filters: Vec::new(),
            limit: 10,
        };
        let expected = whole.search(&request).expect("whole answer");
        let (answer, rounds) = search_loading(&mut chunked, &store, &split.chunks, query);
        assert_eq!(answer, expected, "{query}");
        eprintln!("{query}: {rounds} rounds");
    }
    let (loaded, bytes) = store.loaded();
    eprintln!(
        "start file {} bytes; {loaded} of {} chunks loaded ({bytes} bytes); index {} bytes",
        split.start.len(),
        split.chunks.len(),
        packed.len()
    );
    assert!(
        loaded < split.chunks.len(),
        "a few queries load a part of the index"
    );
}

#[test]
fn a_damaged_chunk_is_refused_by_name() {
    let split = split::split(&packed(), name_of).expect("split");
    let store = ChunkStore::open(&split.start).expect("start file");
    let mut chunk = split.chunks[1].clone();
    chunk[100] ^= 1;
    let error = store.add(1, chunk).expect_err("refused");
    assert!(error.is_damaged());
    assert!(
        error.to_string().contains(&name_of(&split.chunks[1])),
        "{error}"
    );
    let short = split.chunks[1][..10].to_vec();
    assert!(store.add(1, short).expect_err("refused").is_damaged());
}

#[test]
fn every_changed_byte_of_the_start_file_is_caught() {
    let split = split::split(&packed(), name_of).expect("split");
    let start = &split.start;
    let step = (start.len() / 500).max(1);
    for at in (0..start.len()).step_by(step) {
        let mut damaged = start.clone();
        damaged[at] ^= 0x41;
        let error = ChunkStore::open(&damaged).expect_err("damage is found");
        assert!(error.is_damaged(), "byte {at}: {error}");
    }
    for cut in [0, 5, 12, start.len() / 2, start.len() - 1] {
        assert!(
            ChunkStore::open(&start[..cut])
                .expect_err("cut")
                .is_damaged(),
            "cut at {cut}"
        );
    }
}
