//! Writes small indexes of sections taken from the publications and queries them through the reader,
//! as the command line and the browser do.

use super::*;
use crate::info::{FacetInfo, FacetValue};
use crate::writer::{IndexSpec, SearchDocument, write_index};

fn section(
    url: &str,
    title: &str,
    heading: &str,
    body: &str,
    facets: &[(&str, &str)],
) -> SearchDocument {
    SearchDocument {
        url: url.to_owned(),
        title: title.to_owned(),
        section: heading.to_owned(),
        publication: "Kenniscentrum".to_owned(),
        body: body.to_owned(),
        facets: facets
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect(),
    }
}

fn documents() -> Vec<SearchDocument> {
    vec![
        section(
            "kg/",
            "Klimaatgovernance",
            "",
            "Dit rapport beschrijft de resultaten van het onderzoek naar de klimaatgovernance van de 13 Vlaamse centrumsteden.",
            &[("type", "rapport"), ("year", "2025")],
        ),
        section(
            "kg/thema-2/#sterke-punten",
            "Thema 2 | Klimaataanpak",
            "Sterke punten",
            "Antwerpen: directeur klimaat (+ daarnaast ook een klimaatcoördinator). <script>alert(1)</script> & co",
            &[("type", "rapport"), ("stad", "antwerpen"), ("year", "2025")],
        ),
        section(
            "jp/obmi/#gdpr",
            "OBMi",
            "GDPR",
            "In 2018 trad de General Data Protection Regulation (GDPR) in heel de Europese Unie in werking.",
            &[("type", "jaarplan"), ("year", "2025")],
        ),
        section(
            "jp/obmi/#parkeer-en-toegangsregister",
            "OBMi",
            "Parkeer- en Toegangsregister",
            "Het Kenniscentrum onderzocht of het Antwerpse Parkeer- en Toegangsregister (APTR) in andere centrumsteden kan worden uitgerold. Daarin werd de haalbaarheid en vormgeving van een dergelijk register bestudeerd.",
            &[
                ("type", "jaarplan"),
                ("stad", "antwerpen"),
                ("year", "2025"),
            ],
        ),
        section(
            "nt/klimaat/",
            "Coördinatie",
            "",
            "De coördinator werkt samen met de stad aan het klimaatplan.",
            &[("type", "memorandum"), ("year", "2023")],
        ),
        section(
            "nt/plas/",
            "Water",
            "",
            "Het klimaatplas van de stad vangt regenwater op.",
            &[("type", "memorandum"), ("year", "2023")],
        ),
    ]
}

fn spec() -> IndexSpec {
    IndexSpec {
        language: "nl".to_owned(),
        facets: vec![FacetInfo {
            name: "type".to_owned(),
            title: "Soort publicatie".to_owned(),
            values: vec![
                FacetValue {
                    id: "rapport".to_owned(),
                    label: "Rapport".to_owned(),
                },
                FacetValue {
                    id: "jaarplan".to_owned(),
                    label: "Jaarplan".to_owned(),
                },
            ],
        }],
        synonyms: vec![vec!["AVG".to_owned(), "GDPR".to_owned()]],
        editor_words: vec!["toegang".to_owned()],
    }
}

fn index() -> SearchIndex {
    let packed = write_index(&spec(), &documents()).expect("index written");
    SearchIndex::open(&packed).expect("index opened")
}

fn search(index: &mut SearchIndex, query: &str, filters: &[(&str, &str)]) -> Response {
    let request = Request {
        query: query.to_owned(),
        filters: filters
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect(),
        limit: 10,
    };
    index.search(&request).expect("search")
}

fn urls(response: &Response) -> Vec<&str> {
    response.hits.iter().map(|hit| hit.url.as_str()).collect()
}

#[test]
fn compounds_are_found_by_their_parts_but_whole_words_rank_first() {
    let mut index = index();
    let found = search(&mut index, "coordinator", &[]);
    assert_eq!(urls(&found), ["nt/klimaat/", "kg/thema-2/#sterke-punten"]);
    let compound = search(&mut index, "klimaatcoördinator", &[]);
    assert_eq!(urls(&compound)[0], "kg/thema-2/#sterke-punten");
}

#[test]
fn sections_matching_all_words_rank_first() {
    let mut index = index();
    let found = search(&mut index, "coördinator antwerpen", &[]);
    assert_eq!(
        urls(&found),
        [
            "kg/thema-2/#sterke-punten",
            "nt/klimaat/",
            "jp/obmi/#parkeer-en-toegangsregister"
        ],
        "sections with one of the words follow"
    );
}

#[test]
fn headings_rank_above_running_text() {
    let mut index = index();
    let found = search(&mut index, "gdpr", &[]);
    assert_eq!(urls(&found), ["jp/obmi/#gdpr"]);
    let found = search(&mut index, "toegangsregister", &[]);
    assert_eq!(urls(&found)[0], "jp/obmi/#parkeer-en-toegangsregister");
}

#[test]
fn quoted_words_must_follow_each_other() {
    let mut index = index();
    assert_eq!(
        urls(&search(&mut index, "\"directeur klimaat\"", &[])),
        ["kg/thema-2/#sterke-punten"]
    );
    assert!(
        search(&mut index, "\"klimaat directeur\"", &[])
            .hits
            .is_empty()
    );
}

#[test]
fn the_last_word_matches_as_a_prefix() {
    let mut index = index();
    let found = search(&mut index, "toegangsr", &[]);
    assert_eq!(urls(&found), ["jp/obmi/#parkeer-en-toegangsregister"]);
    assert_eq!(
        urls(&search(&mut index, "toegangsr gdpr", &[])),
        ["jp/obmi/#gdpr"]
    );
    assert!(
        search(&mut index, "toegangsr ", &[]).hits.is_empty(),
        "the word was finished"
    );
}

#[test]
fn one_typo_is_forgiven_but_exact_matches_rank_first() {
    let mut index = index();
    let found = search(&mut index, "klimaatgovernanse", &[]);
    assert_eq!(urls(&found), ["kg/"]);
    let found = search(&mut index, "klimaatplan", &[]);
    assert_eq!(urls(&found)[..2], ["nt/klimaat/", "nt/plas/"]);
    assert!(found.hits[0].score > found.hits[1].score);
    assert!(
        search(&mut index, "stat", &[]).hits.is_empty(),
        "no typos under five letters"
    );
}

#[test]
fn short_stems_get_no_typo_either() {
    let documents = vec![
        section(
            "a/",
            "Fietsen",
            "",
            "Nog meer investeren in fietsinfrastructuur.",
            &[],
        ),
        section(
            "b/",
            "Werk",
            "",
            "Dat is in de stad niet altijd evident.",
            &[],
        ),
    ];
    let packed = write_index(&spec(), &documents).expect("index written");
    let mut index = SearchIndex::open(&packed).expect("index opened");
    let found = search(&mut index, "fiets", &[]);
    assert_eq!(
        urls(&found),
        ["a/"],
        "`fiets` stems to `fiet`, one edit from `niet`"
    );
}

#[test]
fn elided_compounds_and_synonyms_are_found() {
    let mut index = index();
    assert_eq!(
        urls(&search(&mut index, "parkeerregister", &[])),
        ["jp/obmi/#parkeer-en-toegangsregister"]
    );
    assert_eq!(urls(&search(&mut index, "AVG", &[])), ["jp/obmi/#gdpr"]);
}

#[test]
fn facets_filter_and_count() {
    let mut index = index();
    let all = search(&mut index, "antwerpen", &[]);
    assert_eq!(all.total, 2);
    let types = &all.facets[0];
    assert_eq!(types.title, "Soort publicatie");
    let counts: Vec<(&str, &str, u64)> = types
        .values
        .iter()
        .map(|value| (value.id.as_str(), value.label.as_str(), value.count))
        .collect();
    assert_eq!(
        counts,
        [("jaarplan", "Jaarplan", 1), ("rapport", "Rapport", 1)]
    );
    let filtered = search(&mut index, "antwerpen", &[("type", "jaarplan")]);
    assert_eq!(urls(&filtered), ["jp/obmi/#parkeer-en-toegangsregister"]);
    let either = search(
        &mut index,
        "antwerpen",
        &[("type", "jaarplan"), ("type", "rapport")],
    );
    assert_eq!(either.total, 2);
}

#[test]
fn snippets_mark_matches_and_escape_everything_else() {
    let mut index = index();
    let found = search(&mut index, "directeur", &[]);
    let snippet = &found.hits[0].snippet;
    assert!(snippet.contains("<mark>directeur</mark>"), "{snippet}");
    assert!(
        snippet.contains("&lt;script&gt;") && snippet.contains("&amp; co"),
        "{snippet}"
    );
    assert!(!snippet.contains("<script"), "{snippet}");
    let parts = search(&mut index, "coordinator", &[]);
    assert!(
        parts.hits[1]
            .snippet
            .contains("<mark>klimaatcoördinator</mark>")
    );
    let elided = search(&mut index, "parkeerregister", &[]);
    assert!(
        elided.hits[0]
            .snippet
            .contains("<mark>Toegangsregister</mark>"),
        "{}",
        elided.hits[0].snippet
    );
}

#[test]
fn the_same_documents_give_the_same_bytes() {
    let first = write_index(&spec(), &documents()).expect("index");
    let second = write_index(&spec(), &documents()).expect("index");
    assert_eq!(first, second);
}

#[test]
fn damaged_files_are_errors() {
    let packed = write_index(&spec(), &documents()).expect("index");
    assert!(SearchIndex::open(&packed[..packed.len() / 2]).is_err());
    assert!(SearchIndex::open(b"<html>not found</html>").is_err());
}

#[test]
fn browser_requests_may_leave_out_filters_and_limit() {
    let request: Request = serde_json::from_str(r#"{"query":"klimaat"}"#).expect("valid request");
    assert_eq!(request.filters, Vec::<(String, String)>::new());
    assert_eq!(request.limit, 10);
    let request: Request =
        serde_json::from_str(r#"{"query":"x","filters":[["type","rapport"]],"limit":3}"#)
            .expect("valid");
    assert_eq!(request.filters, [("type".to_owned(), "rapport".to_owned())]);
    assert_eq!(request.limit, 3);
}
