//! CSL-JSON, as citation managers and Pandoc read it: an array holding one item of type `report` or
//! `document`. Authors are `literal` names: front matter does not say which part is the family name.

use serde_json::{Value, json};

use super::{Citation, WorkKind};

pub fn items(citation: &Citation<'_>, key: &str) -> String {
    let kind = match citation.kind {
        WorkKind::Report => "report",
        WorkKind::Work => "document",
    };
    let mut item = json!({
        "id": key,
        "type": kind,
        "title": citation.title,
        "publisher": citation.publisher,
        "language": citation.locale,
        "URL": citation.url,
    });
    if !citation.authors.is_empty() {
        let authors: Vec<Value> = citation
            .authors
            .iter()
            .map(|author| json!({ "literal": author }))
            .collect();
        item["author"] = Value::Array(authors);
    }
    if let Some(date) = citation.date {
        item["issued"] = json!({ "date-parts": [[date.year, date.month, date.day]] });
    }
    if let Some(description) = citation.description {
        item["abstract"] = Value::from(description);
    }
    // The alternate form of a JSON value prints it indented.
    format!("{:#}\n", Value::Array(vec![item]))
}
