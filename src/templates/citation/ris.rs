//! An RIS record: `TY  - RPRT` for reports, `GEN` for other works, one tag per line, every line
//! ended by CR LF as the format asks, the record closed by `ER`.

use super::{Citation, WorkKind};

const LINE_END: &str = "\r\n";

pub fn record(citation: &Citation<'_>) -> String {
    let kind = match citation.kind {
        WorkKind::Report => "RPRT",
        WorkKind::Work => "GEN",
    };
    let mut tags: Vec<(&str, String)> = vec![("TY", kind.to_owned()), ("TI", line(citation.title))];
    tags.extend(citation.authors.iter().map(|author| ("AU", line(author))));
    if let Some(date) = citation.date {
        tags.push(("PY", date.year.to_string()));
        tags.push((
            "DA",
            format!("{:04}/{:02}/{:02}", date.year, date.month, date.day),
        ));
    }
    tags.push(("PB", line(citation.publisher)));
    tags.push(("LA", line(citation.locale)));
    tags.push(("UR", crate::site::uri(&citation.url)));
    if let Some(description) = citation.description {
        tags.push(("AB", line(description)));
    }
    let mut text: String = tags
        .into_iter()
        .map(|(tag, value)| format!("{tag}  - {value}{LINE_END}"))
        .collect();
    text.push_str("ER  - ");
    text.push_str(LINE_END);
    text
}

/// A value on one line: a line break would start a tag-less line that readers reject.
fn line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
