//! kennis turns a bilingual Markdown content tree into a static site.
//!
//! The build is a pipeline of stages, each in its own module, each reading what the earlier ones
//! produced and never reaching back: [`content`] → [`routes`] → [`theme`] → [`markdown`] →
//! [`search`] → [`templates`] → [`output`]. The routes decide every URL before anything is
//! rendered; the theme is loaded before Markdown because it draws the structured blocks; search
//! comes before templates because every page names the content-hashed index files. Every stage may
//! use the shared modules: the site model [`site`], the configuration [`config`], [`error`],
//! [`highlight`], [`html`], [`slug`], [`suggest`] and [`walk`]. [`build`] runs the stages in
//! order; [`check`] runs them without writing and adds checks of its own (external links, and
//! [`translation_status`]: which translations are missing or outdated); [`new_command`] writes the
//! first version of a page for `kennis new`; [`serve`] serves a preview that [`rebuild`] keeps up to
//! date, running again only what a change needs;
//! [`search_command`] answers `kennis search` from a built site's index. `tests/architecture.rs`
//! checks that no module reaches back.

pub mod build;
pub mod check;
pub mod clean_text;
pub mod config;
pub mod content;
pub mod error;
pub mod highlight;
pub mod html;
pub mod markdown;
pub mod new_command;
pub mod output;
pub mod rebuild;
pub mod routes;
pub mod search;
pub mod search_command;
pub mod serve;
pub mod site;
pub mod slug;
pub mod suggest;
pub mod templates;
pub mod terminal;
pub mod theme;
pub mod translation_status;
pub mod walk;
