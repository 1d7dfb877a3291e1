//! The three citation formats of one publication, written out exactly.

use super::*;

fn citation(authors: &[String]) -> Citation<'_> {
    Citation {
        kind: WorkKind::Report,
        title: "Klimaat & steden: 100% {groen}",
        authors,
        publisher: "Kenniscentrum Vlaamse Steden",
        date: Date::new(2025, 6, 1),
        description: Some("Een rapport\nover klimaat."),
        locale: "nl-BE",
        url: "https://example.org/nl/publicaties/klimaat/".to_owned(),
    }
}

#[test]
fn bibtex_names_every_field_the_front_matter_has() {
    let authors = ["An Peeters".to_owned(), "Bo Claes".to_owned()];
    assert_eq!(
        bibtex::entry(&citation(&authors), "klimaat-nl"),
        "@techreport{klimaat-nl,\n  title = {Klimaat \\& steden: 100\\% \\{groen\\}},\n  \
         author = {An Peeters and Bo Claes},\n  institution = {Kenniscentrum Vlaamse Steden},\n  \
         year = {2025},\n  date = {2025-06-01},\n  language = {nl-BE},\n  \
         url = {https://example.org/nl/publicaties/klimaat/},\n}\n"
    );
}

#[test]
fn a_work_without_authors_or_date_leaves_them_out() {
    let mut work = citation(&[]);
    work.kind = WorkKind::Work;
    work.date = None;
    let entry = bibtex::entry(&work, "k");
    assert!(entry.starts_with("@misc{k,\n"), "{entry}");
    assert!(
        !entry.contains("author") && !entry.contains("year"),
        "{entry}"
    );
    assert!(entry.contains("  organization = {Kenniscentrum Vlaamse Steden},\n"));
    let record = ris::record(&work);
    assert!(record.starts_with("TY  - GEN\r\n"), "{record}");
    assert!(
        !record.contains("AU  -") && !record.contains("PY  -"),
        "{record}"
    );
    let items: serde_json::Value = serde_json::from_str(&csl_json::items(&work, "k")).unwrap();
    assert_eq!(items[0]["type"], "document");
    assert!(items[0].get("author").is_none() && items[0].get("issued").is_none());
}

#[test]
fn ris_puts_one_tag_on_each_crlf_line_and_ends_with_er() {
    let authors = ["An Peeters".to_owned()];
    assert_eq!(
        ris::record(&citation(&authors)),
        "TY  - RPRT\r\nTI  - Klimaat & steden: 100% {groen}\r\nAU  - An Peeters\r\nPY  - 2025\r\n\
         DA  - 2025/06/01\r\nPB  - Kenniscentrum Vlaamse Steden\r\nLA  - nl-BE\r\n\
         UR  - https://example.org/nl/publicaties/klimaat/\r\nAB  - Een rapport over klimaat.\r\n\
         ER  - \r\n"
    );
}

#[test]
fn csl_json_is_an_array_of_one_item_with_date_parts() {
    let authors = ["An Peeters".to_owned()];
    let items: serde_json::Value =
        serde_json::from_str(&csl_json::items(&citation(&authors), "klimaat-nl")).unwrap();
    assert_eq!(
        items,
        serde_json::json!([{
            "id": "klimaat-nl",
            "type": "report",
            "title": "Klimaat & steden: 100% {groen}",
            "author": [{ "literal": "An Peeters" }],
            "publisher": "Kenniscentrum Vlaamse Steden",
            "issued": { "date-parts": [[2025, 6, 1]] },
            "language": "nl-BE",
            "URL": "https://example.org/nl/publicaties/klimaat/",
            "abstract": "Een rapport\nover klimaat.",
        }])
    );
}

#[test]
fn citation_keys_are_ascii_and_name_the_language() {
    assert_eq!(
        citation_key("klimaatgovernance.bib", "nl"),
        "klimaatgovernance-nl"
    );
    assert_eq!(citation_key("съезд-2025.bib", "en"), "2025-en");
}
