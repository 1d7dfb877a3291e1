//! kennis turns a bilingual Markdown content tree into a static site.
