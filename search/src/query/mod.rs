//! Queries: parsing what readers type ([`parse`]), analysing it into concepts with alternative ways to
//! match ([`plan`]), and building the ranked tantivy query ([`build`]).

pub mod build;
pub mod parse;
pub mod plan;

pub use build::build;
pub use plan::{Alternative, Concept, Plan, plan};
