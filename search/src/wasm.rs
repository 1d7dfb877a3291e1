//! The browser's entry points: a C ABI over the module's own memory, so that the WebAssembly module
//! imports nothing and needs no generated JavaScript (`search/js/glue.js` is the glue).
//! Requests and responses are UTF-8 JSON; a request's bytes are handed over with their ownership.

use std::cell::RefCell;

use crate::reader::{Request, SearchIndex};

thread_local! {
    static INDEXES: RefCell<Vec<SearchIndex>> = const { RefCell::new(Vec::new()) };
    static RESULT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
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

/// Opens a packed index; returns its handle, or 0 with the reason in the result buffer.
///
/// # Safety
/// `pointer` and `len` must come from `kennis_alloc`; the memory is consumed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kennis_open(pointer: *mut u8, len: usize) -> u32 {
    // SAFETY: the caller passes memory from kennis_alloc, as documented.
    let bytes = unsafe { take(pointer, len) };
    match SearchIndex::open(&bytes) {
        Ok(index) => INDEXES.with_borrow_mut(|indexes| {
            indexes.push(index);
            u32::try_from(indexes.len()).unwrap_or(0)
        }),
        Err(error) => {
            set_result(error.to_string().into_bytes());
            0
        }
    }
}

/// Answers a JSON request with a JSON response (returns 1), or an error message (returns 0).
///
/// # Safety
/// `pointer` and `len` must come from `kennis_alloc`; the memory is consumed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kennis_search(handle: u32, pointer: *mut u8, len: usize) -> u32 {
    // SAFETY: the caller passes memory from kennis_alloc, as documented.
    let bytes = unsafe { take(pointer, len) };
    match answer(handle, &bytes) {
        Ok(json) => {
            set_result(json);
            1
        }
        Err(message) => {
            set_result(message.into_bytes());
            0
        }
    }
}

fn answer(handle: u32, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let request: Request = serde_json::from_slice(bytes).map_err(|error| error.to_string())?;
    let response = INDEXES.with_borrow_mut(|indexes| {
        let index = (handle as usize)
            .checked_sub(1)
            .and_then(|position| indexes.get_mut(position))
            .ok_or_else(|| format!("no open index {handle}"))?;
        index.search(&request).map_err(|error| error.to_string())
    })?;
    serde_json::to_vec(&response).map_err(|error| error.to_string())
}

fn set_result(bytes: Vec<u8>) {
    RESULT.with_borrow_mut(|result| *result = bytes);
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
