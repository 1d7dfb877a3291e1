//! An HTML page of the site as the sitemap lists it: its path, its versions in other languages
//! (`hreflang` alternates) and when it last changed.

use serde::Serialize;

use super::{Date, SitePath};

/// An HTML page of the site.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRecord {
    pub path: SitePath,
    pub alternates: Vec<Alternate>,
    pub updated: Option<Date>,
}

/// One version of a page: its language (or `x-default`) and absolute URL.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}
