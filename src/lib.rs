//! kennis turns a bilingual Markdown content tree into a static site.
//!
//! The build is a pipeline of stages, each in its own module, each reading what the previous ones
//! produced and never reaching back: [`config`] → [`content`] → [`markdown`] → [`search`] →
//! [`templates`] → [`output`]. Search comes before templates because every page names the
//! content-hashed index files. [`build`] runs them in order; [`serve`] rebuilds and serves the result
//! for previews; [`search_command`] answers `kennis search` from a built site's index.

pub mod build;
pub mod config;
pub mod content;
pub mod error;
pub mod markdown;
pub mod output;
pub mod search;
pub mod search_command;
pub mod serve;
pub mod site_path;
pub mod slug;
pub mod templates;
pub mod walk;
