//! The search core of kennis, shared by the build (which writes indexes), the command line and the
//! browser (which read them), so that all three analyse and rank alike. It knows nothing about sites,
//! pages or Markdown: it receives search documents and answers queries.
//!
//! - [`analysis`]: folding, chunking, Snowball stemming, Dutch decompounding; registered with tantivy.
//! - [`schema`]: the fields of a search document.
//! - [`writer`] (feature `writer`, native only): documents → one packed index file.
//! - [`container`] and [`info`]: the index file format and what an index says about itself.
//! - [`lazy`]: the same index as a start file and chunks, loaded as queries need them.
//! - [`reader`]: opens the bytes of an index file and answers a [`Request`].
//! - [`query`], [`synonyms`], [`snippet`]: what the reader does with a query.
//! - [`text`]: the one fold and the one HTML/XML escape of the whole project.
//! - `wasm` (browser build only): the C ABI the browser calls; its JavaScript side is `js/glue.js`.
//! - [`scripts`] (native only): the browser's JavaScript (`js/`) for the build to publish.

pub mod analysis;
pub mod container;
pub mod error;
pub mod info;
pub mod lazy;
pub mod query;
pub mod reader;
pub mod schema;
pub mod snippet;
pub mod synonyms;
pub mod text;
#[cfg(feature = "writer")]
pub mod writer;

#[cfg(not(all(target_family = "wasm", target_os = "unknown")))]
pub mod scripts;

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
mod random;
#[cfg(all(target_family = "wasm", target_os = "unknown"))]
mod wasm;

pub use error::{Result, SearchError};
pub use info::{FacetInfo, FacetValue, IndexInfo, SEARCH_DIR, START_FILE, START_SCRIPT};
pub use lazy::ChunkedIndex;
pub use reader::{FacetCount, FacetValueCount, Hit, Request, Response, SearchIndex};
#[cfg(feature = "writer")]
pub use writer::{IndexSpec, SearchDocument, write_index};
