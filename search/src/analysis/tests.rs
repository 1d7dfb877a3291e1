//! The analyzers on real words and sentences of the site's publications, including every case issue 6
//! lists: diacritics, `km²`, apostrophe plurals, hyphen variants, compounds with linking `s`/`en`,
//! elided compounds, irregular plurals and English stemming.

use std::collections::HashSet;
use std::sync::Arc;

use super::*;

/// Sentences from the publications, as the site's vocabulary.
const SITE_TEXT: &str = "
De klimaatcoördinatoren van de centrumsteden vormen samen een stuurgroep klimaattransitie. Elke
coördinator werkt voor het klimaat. Het Antwerpse Parkeer- en Toegangsregister (APTR) wordt een
toegang tot een register. Het OBMi-traject staat voor Omgevings-, Beleids- en
Managementinformatie; omgeving, beleid, management en informatie. Strategieën voor klimaatadaptatie
en -mitigatie; adaptatie en mitigatie van het klimaat. Een samenwerkingsovereenkomst is een
overeenkomst over samenwerking. De voorzitter van het burgemeestersoverleg; burgemeesters en overleg.
Nog meer investeren in fietsinfrastructuur: de fiets en infrastructuur. Werk maken van de 15-minuten
stad. De stad en de steden. Stadsgenoten. Het stedenbeleid is beleid voor steden. De laadpalen en
een laadpaal. Dit is een goede werkdefinitie, een definitie van werk. 1378 inwoners per km² en de
thema’s van OCMW's. Het verkeer; een keer; ver weg; verkeer en verkeer en verkeer.
";

fn dutch() -> Analyzer {
    let mut vocabulary = Vocabulary::new(Language::Dutch);
    vocabulary.add_text(SITE_TEXT);
    Analyzer::new(Language::Dutch, Arc::new(vocabulary.into_dictionary(&[])))
}

fn whole(analyzer: &mut Analyzer, text: &str) -> Vec<String> {
    analyzer
        .whole_terms(text)
        .into_iter()
        .map(|t| t.text)
        .collect()
}

fn parts(analyzer: &mut Analyzer, text: &str) -> Vec<String> {
    analyzer
        .part_terms(text)
        .into_iter()
        .map(|t| t.text)
        .collect()
}

fn all_terms(analyzer: &mut Analyzer, text: &str) -> HashSet<String> {
    let mut terms: HashSet<String> = whole(analyzer, text).into_iter().collect();
    terms.extend(parts(analyzer, text));
    terms
}

#[test]
fn diacritics_and_compatibility_forms_do_not_matter() {
    let mut analyzer = dutch();
    assert_eq!(
        whole(&mut analyzer, "coördinator"),
        whole(&mut analyzer, "coordinator")
    );
    assert_eq!(
        whole(&mut analyzer, "Financiële"),
        whole(&mut analyzer, "financiele")
    );
    assert_eq!(
        whole(&mut analyzer, "geïntegreerd"),
        whole(&mut analyzer, "geintegreerd")
    );
    assert_eq!(whole(&mut analyzer, "km²"), whole(&mut analyzer, "km2"));
}

#[test]
fn apostrophe_plurals_meet_their_singular() {
    let mut analyzer = dutch();
    assert_eq!(
        whole(&mut analyzer, "thema’s"),
        whole(&mut analyzer, "thema")
    );
    assert_eq!(whole(&mut analyzer, "OCMW's"), whole(&mut analyzer, "OCMW"));
    assert_eq!(whole(&mut analyzer, "OCMW’s"), whole(&mut analyzer, "ocmw"));
}

#[test]
fn hyphen_variants_share_their_terms() {
    let mut analyzer = dutch();
    let hyphenated = all_terms(&mut analyzer, "15-minutenstad");
    let spaced = all_terms(&mut analyzer, "15-minuten stad");
    for term in whole(&mut analyzer, "15 minuten stad") {
        assert!(
            hyphenated.contains(&term),
            "{term} missing from 15-minutenstad"
        );
        assert!(
            spaced.contains(&term),
            "{term} missing from 15-minuten stad"
        );
    }
    let joined = whole(&mut analyzer, "transitiedenken");
    assert!(whole(&mut analyzer, "transitie-denken").contains(&joined[0]));
}

#[test]
fn compounds_split_into_site_words_with_linking_elements() {
    let mut analyzer = dutch();
    let coordinator = whole(&mut analyzer, "coördinator").remove(0);
    let klimaat = whole(&mut analyzer, "klimaat").remove(0);
    for compound in ["klimaatcoördinator", "klimaatcoördinatoren"] {
        assert_eq!(
            parts(&mut analyzer, compound),
            [klimaat.clone(), coordinator.clone()]
        );
    }
    let linked_s = parts(&mut analyzer, "samenwerkingsovereenkomst");
    assert_eq!(
        linked_s,
        [
            whole(&mut analyzer, "samenwerking"),
            whole(&mut analyzer, "overeenkomst")
        ]
        .concat()
    );
    let linked_en = parts(&mut analyzer, "stedenbeleid");
    assert_eq!(
        linked_en,
        [whole(&mut analyzer, "stad"), whole(&mut analyzer, "beleid")].concat()
    );
    let overleg = parts(&mut analyzer, "burgemeestersoverleg");
    assert_eq!(
        overleg,
        [
            whole(&mut analyzer, "burgemeesters"),
            whole(&mut analyzer, "overleg")
        ]
        .concat()
    );
    assert!(
        parts(&mut analyzer, "fietsinfrastructuur").contains(&whole(&mut analyzer, "fiets")[0])
    );
}

#[test]
fn whole_words_keep_their_own_term() {
    let mut analyzer = dutch();
    let terms = whole(&mut analyzer, "klimaatcoördinatoren");
    assert_eq!(terms, whole(&mut analyzer, "klimaatcoördinator"));
    assert!(!terms.contains(&whole(&mut analyzer, "klimaat")[0]));
}

#[test]
fn frequent_words_and_unknown_parts_stay_whole() {
    let mut analyzer = dutch();
    assert!(
        parts(&mut analyzer, "verkeer").is_empty(),
        "verkeer is not ver + keer"
    );
    assert!(parts(&mut analyzer, "klimaatgovernance").is_empty());
    assert!(parts(&mut analyzer, "klimaat").is_empty());
}

#[test]
fn elided_compounds_are_completed() {
    let mut analyzer = dutch();
    let register = whole(&mut analyzer, "Het Antwerpse Parkeer- en Toegangsregister");
    assert!(register.contains(&whole(&mut analyzer, "parkeerregister")[0]));
    assert!(register.contains(&whole(&mut analyzer, "toegangsregister")[0]));
    let obmi = whole(
        &mut analyzer,
        "Omgevings-, Beleids- en Managementinformatie",
    );
    for completed in [
        "omgevingsinformatie",
        "beleidsinformatie",
        "managementinformatie",
    ] {
        assert!(
            obmi.contains(&whole(&mut analyzer, completed)[0]),
            "{completed}"
        );
    }
    let mitigatie = whole(&mut analyzer, "klimaatadaptatie en -mitigatie");
    assert!(mitigatie.contains(&whole(&mut analyzer, "klimaatmitigatie")[0]));
    let lone = whole(&mut analyzer, "Parkeer- of andere zaken");
    assert!(!lone.contains(&whole(&mut analyzer, "parkeerzaken")[0]));
}

#[test]
fn elided_terms_share_the_position_of_the_written_word() {
    let mut analyzer = dutch();
    let terms = analyzer.whole_terms("Parkeer- en Toegangsregister");
    let written = terms
        .iter()
        .find(|t| t.kind == TermKind::Word && t.position == 2);
    let elided = terms.iter().find(|t| t.kind == TermKind::Elided);
    assert_eq!(written.map(|t| t.position), elided.map(|t| t.position));
    let text = "Parkeer- en Toegangsregister";
    let elided = elided.map(|t| &text[t.start..t.end]);
    assert_eq!(elided, Some("Toegangsregister"));
}

#[test]
fn irregular_plurals_meet_their_singular_also_in_compounds() {
    let mut analyzer = dutch();
    assert_eq!(whole(&mut analyzer, "steden"), whole(&mut analyzer, "stad"));
    assert_eq!(
        whole(&mut analyzer, "centrumsteden"),
        whole(&mut analyzer, "centrumstad")
    );
    assert_eq!(
        whole(&mut analyzer, "laadpalen"),
        whole(&mut analyzer, "laadpaal")
    );
}

#[test]
fn english_stems_and_does_not_decompound() {
    let mut vocabulary = Vocabulary::new(Language::English);
    vocabulary.add_text("The Knowledge Centre for Flemish Cities and its city networks");
    let mut english = Analyzer::new(Language::English, Arc::new(vocabulary.into_dictionary(&[])));
    assert_eq!(whole(&mut english, "cities"), whole(&mut english, "city"));
    assert_eq!(
        whole(&mut english, "networks"),
        whole(&mut english, "network")
    );
    assert!(parts(&mut english, "citynetwork").is_empty());
}

#[test]
fn editor_words_let_compounds_split() {
    let mut vocabulary = Vocabulary::new(Language::Dutch);
    vocabulary.add_text("Het zonnepaneel en de panelen.");
    let without = Analyzer::new(Language::Dutch, Arc::new(vocabulary.into_dictionary(&[])));
    let mut vocabulary = Vocabulary::new(Language::Dutch);
    vocabulary.add_text("Het zonnepaneel en de panelen.");
    let words = ["zonne".to_owned(), "Paneel".to_owned()];
    let with = Analyzer::new(
        Language::Dutch,
        Arc::new(vocabulary.into_dictionary(&words)),
    );
    assert!(without.clone().part_terms("zonnepaneel").is_empty());
    assert_eq!(with.clone().part_terms("zonnepaneel").len(), 2);
}
