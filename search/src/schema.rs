//! The fields of a search document and how each is indexed. Whole-word fields keep positions for
//! phrases; the parts field only needs frequencies. The writer hands tantivy analysed terms
//! (pre-tokenized), so the text that results show — URL, titles and the body for snippets — is kept in
//! separate stored-only fields. Facets are tantivy facets (`/type/jaarplan`, `/year/2025`).

use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis::{PARTS_TOKENIZER, WHOLE_TOKENIZER};
use crate::error::{Damage, Result};

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Site-relative URL with `#anchor`; stored only.
    pub url: Field,
    /// The page title.
    pub title: Field,
    /// The section heading; empty for a page's opening section.
    pub section: Field,
    /// The title of the publication the section belongs to.
    pub publication: Field,
    pub body: Field,
    /// Parts of the compounds in all of the above.
    pub parts: Field,
    pub facets: Field,
    /// What results show, stored only: page title, heading, publication title, body.
    pub shown: Shown,
}

/// The stored-only fields.
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    pub title: Field,
    pub section: Field,
    pub publication: Field,
    pub body: Field,
}

const NAMES: [&str; 11] = [
    "url",
    "title",
    "section",
    "publication",
    "body",
    "parts",
    "facets",
    "shown_title",
    "shown_section",
    "shown_publication",
    "shown_body",
];

impl Fields {
    /// The whole-word fields with their ranking weights.
    pub fn weighted_whole(&self) -> [(Field, f32); 4] {
        [
            (self.title, 3.0),
            (self.section, 2.0),
            (self.publication, 0.5),
            (self.body, 1.0),
        ]
    }

    /// The fields that name a section rather than tell its content.
    pub fn weighted_headings(&self) -> [(Field, f32); 3] {
        [
            (self.title, 3.0),
            (self.section, 2.0),
            (self.publication, 0.5),
        ]
    }

    /// The whole-word fields searched for phrases, prefixes and typos.
    pub fn text_fields(&self) -> [Field; 3] {
        [self.title, self.section, self.body]
    }
}

/// The schema every kennis index has.
pub fn schema() -> (Schema, Fields) {
    let whole = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(WHOLE_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let parts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(PARTS_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let mut builder = Schema::builder();
    let fields = Fields {
        url: builder.add_text_field(NAMES[0], STORED),
        title: builder.add_text_field(NAMES[1], whole.clone()),
        section: builder.add_text_field(NAMES[2], whole.clone()),
        publication: builder.add_text_field(NAMES[3], whole.clone()),
        body: builder.add_text_field(NAMES[4], whole),
        parts: builder.add_text_field(NAMES[5], parts),
        facets: builder.add_facet_field(NAMES[6], FacetOptions::default()),
        shown: Shown {
            title: builder.add_text_field(NAMES[7], STORED),
            section: builder.add_text_field(NAMES[8], STORED),
            publication: builder.add_text_field(NAMES[9], STORED),
            body: builder.add_text_field(NAMES[10], STORED),
        },
    };
    (builder.build(), fields)
}

/// The fields of an index that was opened.
pub fn fields_of(schema: &Schema) -> Result<Fields> {
    let field = |name: &str| {
        schema.get_field(name).map_err(|_| Damage::Unreadable {
            part: "the schema".to_owned(),
            reason: format!("it has no field `{name}`"),
        })
    };
    Ok(Fields {
        url: field(NAMES[0])?,
        title: field(NAMES[1])?,
        section: field(NAMES[2])?,
        publication: field(NAMES[3])?,
        body: field(NAMES[4])?,
        parts: field(NAMES[5])?,
        facets: field(NAMES[6])?,
        shown: Shown {
            title: field(NAMES[7])?,
            section: field(NAMES[8])?,
            publication: field(NAMES[9])?,
            body: field(NAMES[10])?,
        },
    })
}
