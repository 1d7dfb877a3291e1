//! The site model: the types every stage shares — paths in the generated site, dates, output files
//! and where their bytes come from, the sink that takes them and the record kept of them, page
//! records with their language alternates. It is a leaf: it depends on no stage, reads no files and
//! decides nothing about the site; the stages fill it in.

mod date;
mod file;
mod page;
pub mod path;

pub use date::Date;
pub use file::{FileRecord, FileSink, Fingerprint, OutputFile, Source};
pub use page::{Alternate, PageRecord};
pub use path::{LinkStyle, SitePath, content_hash, has_content_hash, is_safe_segment, uri};
