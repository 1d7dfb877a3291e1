//! The browser build has no source of randomness, and needs none: tantivy only asks for random
//! segment ids when writing, which the browser never does. getrandom's documented `custom` backend
//! (enabled for this target in `.cargo/config.toml`) is given a function that always fails, so that
//! the module imports nothing from JavaScript.

/// getrandom 0.3's custom backend hook; see getrandom's documentation of `getrandom_backend="custom"`.
///
/// # Safety
/// getrandom calls it with a valid buffer; it writes nothing.
#[unsafe(no_mangle)]
unsafe extern "Rust" fn __getrandom_v03_custom(
    _dest: *mut u8,
    _len: usize,
) -> Result<(), getrandom::Error> {
    Err(getrandom::Error::UNSUPPORTED)
}
