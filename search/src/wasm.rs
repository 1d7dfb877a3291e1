//! The browser's entry points: a C ABI over the module's own memory, so that the WebAssembly module
//! imports nothing and needs no generated JavaScript (`search/js/glue.js` is the glue).
//! Requests and responses are UTF-8 JSON; a request's bytes are handed over with their ownership.
//! A failure is a JSON [`Failure`], which says whether the index is damaged, so that the page can tell
//! readers that the site must be rebuilt rather than that they should try again.

use std::cell::RefCell;

use serde::Serialize;

use crate::error::SearchError;
use crate::lazy::ChunkedIndex;
use crate::reader::Request;

thread_local! {
    static INDEXES: RefCell<Vec<ChunkedIndex>> = const { RefCell::new(Vec::new()) };
    static RESULT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// What the result buffer holds when a call fails (`EngineFailure` in `js/search.d.ts`).
#[derive(Serialize)]
struct Failure {
    message: String,
    /// The index cannot be used: only rebuilding the site helps.
    damaged: bool,
}

impl Failure {
    fn of_engine(message: String) -> Failure {
        Failure {
            message,
            damaged: false,
        }
    }
}

impl From<SearchError> for Failure {
    fn from(error: SearchError) -> Failure {
        Failure {
            damaged: error.is_damaged(),
            message: error.to_string(),
        }
    }
}

/// Memory for the caller to fill; `kennis_open` and `kennis_search` take it back.
#[unsafe(no_mangle)]
pub extern "C" fn kennis_alloc(len: usize) -> *mut u8 {
    Box::into_raw(vec![0_u8; len].into_boxed_slice()).cast()
}

/// Takes back memory handed out by [`kennis_alloc`].
///
/// # Safety
/// `pointer` and `len` must come from one call of `kennis_alloc`, and be used once.
unsafe fn take(pointer: *mut u8, len: usize) -> Box<[u8]> {
    // SAFETY: kennis_alloc leaked a boxed slice of exactly this pointer and length.
    unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(pointer, len)) }
}

/// What the result buffer holds when a search needs chunks: `[number, name]` of each (`EngineNeed`
/// in `js/search.d.ts`); the host loads them, adds them with [`kennis_add_chunk`] and asks again.
#[derive(Serialize)]
struct Need {
    need: Vec<(usize, String)>,
}

/// Opens an index from its start file; returns its handle, or 0 with a [`Failure`] in the result
/// buffer. Nothing else is loaded until a search asks for chunks.
///
/// # Safety
/// `pointer` and `len` must come from `kennis_alloc`; the memory is consumed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kennis_open(pointer: *mut u8, len: usize) -> u32 {
    // SAFETY: the caller passes memory from kennis_alloc, as documented.
    let bytes = unsafe { take(pointer, len) };
    match ChunkedIndex::open(&bytes) {
        Ok(index) => INDEXES.with_borrow_mut(|indexes| {
            indexes.push(index);
            u32::try_from(indexes.len()).unwrap_or(0)
        }),
        Err(error) => {
            set_failure(error.into());
            0
        }
    }
}

/// Gives an index chunk `number` (returns 1), or refuses it as damaged (returns 0 with a
/// [`Failure`]).
///
/// # Safety
/// `pointer` and `len` must come from `kennis_alloc`; the memory is consumed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kennis_add_chunk(
    handle: u32,
    number: usize,
    pointer: *mut u8,
    len: usize,
) -> u32 {
    // SAFETY: the caller passes memory from kennis_alloc, as documented.
    let bytes = unsafe { take(pointer, len) };
    let added = with_index(handle, |index| {
        index
            .add_chunk(number, bytes.into_vec())
            .map_err(Failure::from)
    });
    match added {
        Ok(()) => 1,
        Err(failure) => {
            set_failure(failure);
            0
        }
    }
}

/// Answers a JSON request with a JSON response (returns 1), a [`Need`] of chunks (returns 2), or a
/// [`Failure`] (returns 0).
///
/// # Safety
/// `pointer` and `len` must come from `kennis_alloc`; the memory is consumed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kennis_search(handle: u32, pointer: *mut u8, len: usize) -> u32 {
    // SAFETY: the caller passes memory from kennis_alloc, as documented.
    let bytes = unsafe { take(pointer, len) };
    match answer(handle, &bytes) {
        Ok(Answer::Response(json)) => {
            set_result(json);
            1
        }
        Ok(Answer::Need(need)) => {
            set_result(serde_json::to_vec(&need).unwrap_or_default());
            2
        }
        Err(failure) => {
            set_failure(failure);
            0
        }
    }
}

enum Answer {
    Response(Vec<u8>),
    Need(Need),
}

fn with_index<T>(
    handle: u32,
    work: impl FnOnce(&mut ChunkedIndex) -> Result<T, Failure>,
) -> Result<T, Failure> {
    INDEXES.with_borrow_mut(|indexes| {
        let index = (handle as usize)
            .checked_sub(1)
            .and_then(|position| indexes.get_mut(position))
            .ok_or_else(|| Failure::of_engine(format!("no open index {handle}")))?;
        work(index)
    })
}

fn answer(handle: u32, bytes: &[u8]) -> Result<Answer, Failure> {
    let request: Request =
        serde_json::from_slice(bytes).map_err(|error| Failure::of_engine(error.to_string()))?;
    with_index(handle, |index| match index.search(&request) {
        Ok(response) => serde_json::to_vec(&response)
            .map(Answer::Response)
            .map_err(|error| Failure::of_engine(error.to_string())),
        Err(SearchError::NeedChunks(numbers)) => Ok(Answer::Need(Need {
            need: numbers
                .into_iter()
                .map(|number| {
                    (
                        number,
                        index.chunk_name(number).unwrap_or_default().to_owned(),
                    )
                })
                .collect(),
        })),
        Err(error) => Err(Failure::from(error)),
    })
}

fn set_result(bytes: Vec<u8>) {
    RESULT.with_borrow_mut(|result| *result = bytes);
}

fn set_failure(failure: Failure) {
    // A struct of a string and a flag always serialises; the fallback only satisfies the type.
    set_result(serde_json::to_vec(&failure).unwrap_or_default());
}

/// Where the last result is.
#[unsafe(no_mangle)]
pub extern "C" fn kennis_result_ptr() -> *const u8 {
    RESULT.with_borrow(|result| result.as_ptr())
}

/// How long the last result is.
#[unsafe(no_mangle)]
pub extern "C" fn kennis_result_len() -> usize {
    RESULT.with_borrow(Vec::len)
}
