//! kennis turns a bilingual Markdown content tree into a static site.
//!
//! The build is a pipeline of stages, each in its own module, each reading what the previous ones
//! produced and never reaching back: [`config`] → [`content`] → [`markdown`] → [`templates`] →
//! [`output`]. [`build`] runs them in order; [`serve`] rebuilds and serves the result for previews.

pub mod build;
pub mod config;
pub mod content;
pub mod error;
pub mod markdown;
pub mod output;
pub mod serve;
pub mod site_path;
pub mod slug;
pub mod templates;
