//! The English half of the content, checked against the Dutch: every Dutch document has its
//! translation, each pair has the same structure (headings per level, list items, table rows and
//! columns, footnotes, blocks, heading ids and internal links), a plausible length, no Dutch
//! paragraphs left behind, and the terminology of `docs/glossary.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;

/// English words per Dutch word. Measured over the 69 translated documents with at least 30 Dutch
/// words: median 1.10, all between 1.02 and 1.35. English spells out what Dutch compounds and needs
/// articles and auxiliaries, so it runs about 10 % longer; the glosses that follow Dutch names on
/// their first use on a page add up to 0.25 on name-heavy pages. Under 0.97 text was dropped; over
/// 1.40 it was padded.
const LENGTH_RATIO: std::ops::RangeInclusive<f64> = 0.97..=1.40;

/// Words that are common in Dutch prose and are not English words.
const DUTCH_FUNCTION_WORDS: &[&str] = &[
    "de", "het", "een", "van", "en", "dat", "op", "te", "voor", "met", "zijn", "niet", "aan", "er",
    "ook", "als", "bij", "wordt", "worden", "door", "naar", "om", "maar", "nog", "wel", "kan",
    "moet", "uit", "deze", "dit", "zich", "hun", "onze", "wij", "ze", "zij", "tussen", "veel",
    "meer", "waar", "hoe", "wat", "welke", "hebben", "heeft", "zal", "zullen", "kunnen", "moeten",
    "werd", "ons", "dus", "omdat", "wanneer", "geen", "naast", "binnen",
];

/// The share of Dutch function words above which an English paragraph reads as Dutch. English prose
/// has none of them; Dutch prose has about 30 %; Dutch names glossed in English text stay far below.
const DUTCH_SHARE: f64 = 0.12;

fn content_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every Dutch document under `content/` with the path of its English translation.
fn pairs() -> Vec<(PathBuf, PathBuf)> {
    let mut pairs: Vec<(PathBuf, PathBuf)> = walkdir::WalkDir::new(content_root())
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.expect("readable content").into_path())
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "md")
                && !path.to_string_lossy().ends_with(".en.md")
        })
        .map(|dutch| {
            let english = dutch.with_extension("en.md");
            (dutch, english)
        })
        .collect();
    pairs.sort();
    assert!(pairs.len() > 70, "the five publications are in content/");
    pairs
}

/// The pairs whose translation exists; the first test reports the missing ones.
fn translated() -> Vec<(PathBuf, String, String)> {
    pairs()
        .into_iter()
        .filter(|(_, english)| english.is_file())
        .map(|(dutch, english)| {
            let nl = fs::read_to_string(&dutch).expect("readable Dutch file");
            let en = fs::read_to_string(&english).expect("readable English file");
            (english, nl, en)
        })
        .collect()
}

fn split(text: &str) -> (toml::Table, &str) {
    let (front, body) = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split_once("\n+++\n"))
        .expect("front matter between +++ lines");
    (toml::from_str(front).expect("valid front matter"), body)
}

fn relative(path: &Path) -> String {
    path.strip_prefix(repository_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn every_dutch_document_has_an_english_translation() {
    let missing: Vec<String> = pairs()
        .into_iter()
        .filter(|(_, english)| !english.is_file())
        .map(|(dutch, _)| relative(&dutch))
        .collect();
    assert!(
        missing.is_empty(),
        "{} Dutch documents lack their `.en.md` translation:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn translations_carry_their_own_title_slug_and_description_and_the_same_metadata() {
    let mut problems = Vec::new();
    for (english, nl, en) in translated() {
        let (dutch_front, _) = split(&nl);
        let (english_front, _) = split(&en);
        let is_home = english.ends_with("content/_index.en.md");
        for key in ["title", "slug", "description"] {
            let needed = key != "slug" || !is_home;
            if needed && !english_front.contains_key(key) {
                problems.push(format!("{}: no `{key}`", relative(&english)));
            }
        }
        // Titles may rightly be names (“OBMi”, “Smart Cities”); a description never is.
        if dutch_front.contains_key("description")
            && dutch_front.get("description") == english_front.get("description")
        {
            problems.push(format!(
                "{}: the description is the Dutch one",
                relative(&english)
            ));
        }
        let keys: BTreeSet<&String> = dutch_front.keys().chain(english_front.keys()).collect();
        for key in keys {
            let own = ["title", "slug", "description"].contains(&key.as_str());
            if !own && dutch_front.get(key) != english_front.get(key) {
                problems.push(format!(
                    "{}: `{key}` differs from Dutch",
                    relative(&english)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What must be the same in a document and its translation.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    headings_per_level: BTreeMap<u8, usize>,
    list_items: usize,
    /// The number of cells of every table row, in order.
    table_rows: Vec<usize>,
    footnote_definitions: usize,
    footnote_references: usize,
    /// Opening and closing `:::` lines with their block names, in order.
    blocks: Vec<String>,
    heading_ids: Vec<String>,
    internal_links: Vec<String>,
}

fn shape(body: &str) -> Shape {
    let mut shape = Shape::default();
    let mut cells = 0;
    for event in Parser::new_ext(body, Options::all()) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                *shape.headings_per_level.entry(level as u8).or_default() += 1;
                shape.heading_ids.extend(id.map(|id| id.to_string()));
            }
            Event::Start(Tag::Item) => shape.list_items += 1,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                shape.table_rows.push(cells);
                cells = 0;
            }
            Event::Start(Tag::FootnoteDefinition(_)) => shape.footnote_definitions += 1,
            Event::FootnoteReference(_) => shape.footnote_references += 1,
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("@/") => {
                shape.internal_links.push(dest_url.to_string());
            }
            _ => {}
        }
    }
    let fence = Regex::new(r"^(:{3,})\s*([a-z]*)").expect("valid pattern");
    shape.blocks = outside_code(body)
        .filter_map(|line| fence.captures(line))
        .map(|found| format!("{}{}", &found[1], &found[2]))
        .collect();
    shape
}

/// The lines of a Markdown body that are not inside fenced code.
fn outside_code(body: &str) -> impl Iterator<Item = &str> {
    let mut in_code = false;
    body.lines().filter(move |line| {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            return false;
        }
        !in_code
    })
}

#[test]
fn translations_mirror_the_structure_of_the_dutch() {
    let mut problems = Vec::new();
    for (english, nl, en) in translated() {
        let dutch = shape(split(&nl).1);
        let english_shape = shape(split(&en).1);
        if dutch != english_shape {
            problems.push(format!(
                "{}:\n  nl {dutch:?}\n  en {english_shape:?}",
                relative(&english)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The running text of a Markdown body: words of paragraphs, headings, lists and tables, without
/// link targets, `:::` lines' block names, footnote labels or code.
fn prose(body: &str) -> String {
    let mut text = String::new();
    let mut in_code = false;
    for event in Parser::new_ext(body, Options::all()) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(words) if !in_code => {
                text.push_str(&words);
                text.push(' ');
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => text.push('\n'),
            _ => {}
        }
    }
    text
}

fn word_count(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'' && c != '-')
        .filter(|word| word.chars().any(char::is_alphabetic))
        .count()
}

#[test]
fn translations_have_a_plausible_length() {
    let mut problems = Vec::new();
    let mut ratios = Vec::new();
    for (english, nl, en) in translated() {
        let dutch_words = word_count(&prose(split(&nl).1));
        let english_words = word_count(&prose(split(&en).1));
        if dutch_words < 30 {
            continue;
        }
        let ratio = english_words as f64 / dutch_words as f64;
        ratios.push(ratio);
        if !LENGTH_RATIO.contains(&ratio) {
            problems.push(format!(
                "{}: {english_words} English words for {dutch_words} Dutch ({ratio:.2}, expected {:.2}–{:.2})",
                relative(&english),
                LENGTH_RATIO.start(),
                LENGTH_RATIO.end()
            ));
        }
    }
    ratios.sort_by(f64::total_cmp);
    if let (Some(low), Some(high)) = (ratios.first(), ratios.last()) {
        println!(
            "length ratio over {} pairs: min {low:.2}, median {:.2}, max {high:.2}",
            ratios.len(),
            ratios[ratios.len() / 2]
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The glossary's tables, compiled once: the Dutch names and English terms that English text may
/// rightly contain, and the forms it must not.
struct Glossary {
    /// Quotations and every name or term of the English and first-use columns, longest first.
    allowed: Regex,
    /// A forbidden form and the English term the glossary gives instead.
    forbidden: Vec<(Regex, String, String)>,
}

fn glossary() -> Glossary {
    let text = fs::read_to_string(repository_root().join("docs/glossary.md"))
        .expect("docs/glossary.md exists");
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|line| line.starts_with('|') && !line.starts_with("|---"))
        .map(|line| line.trim_matches('|').split('|').map(str::trim).collect())
        .filter(|cells: &Vec<&str>| cells.len() == 4 && cells[0] != "Dutch")
        .collect();
    assert!(rows.len() > 100, "the glossary's tables are readable");
    let mut names: Vec<&str> = rows
        .iter()
        .flat_map(|cells| [cells[1], cells[2]])
        .flat_map(|cell| cell.split([',', '(', ')', '/']))
        .map(str::trim)
        .filter(|name| name.len() > 2 && name.chars().next().is_some_and(char::is_uppercase))
        .collect();
    names.sort_by_key(|name| std::cmp::Reverse(name.len()));
    names.dedup();
    let names: Vec<String> = names.into_iter().map(regex::escape).collect();
    let allowed = format!(
        r"‘[^’]*’|“[^”]*”|\*[^*\n]+\*|(?i:\b(?:{})\b)",
        names.join("|")
    );
    let forbidden = rows
        .iter()
        .flat_map(|cells| {
            cells[3]
                .split(',')
                .map(str::trim)
                .filter(|term| !term.is_empty())
                .map(|term| {
                    let pattern = Regex::new(&format!(r"\b{}\b", regex::escape(term)));
                    let pattern = pattern.expect("valid pattern");
                    (pattern, term.to_owned(), cells[1].to_owned())
                })
        })
        .collect();
    Glossary {
        allowed: Regex::new(&allowed).expect("valid pattern"),
        forbidden,
    }
}

impl Glossary {
    /// English text with what may rightly hold Dutch words taken out: quotations and the Dutch
    /// names the glossary keeps (its English and first-use forms, glosses included).
    fn without_names_and_quotations(&self, text: &str) -> String {
        self.allowed.replace_all(text, " ").into_owned()
    }
}

/// The share of Dutch function words in a paragraph of English, once names and quotations are out;
/// `None` for a paragraph too short to judge.
fn dutch_share(paragraph: &str, glossary: &Glossary) -> Option<f64> {
    let cleaned = glossary.without_names_and_quotations(paragraph);
    let words: Vec<&str> = cleaned
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .collect();
    if words.len() < 6 {
        return None;
    }
    // Capitalised, `De` and `Van` are parts of people's names (Filip Van De Velde); in running
    // Dutch the function words are written in lower case.
    let dutch = words
        .iter()
        .filter(|word| DUTCH_FUNCTION_WORDS.contains(word))
        .count();
    Some(dutch as f64 / words.len() as f64)
}

#[test]
fn no_dutch_is_left_in_english_paragraphs() {
    let glossary = glossary();
    let mut problems = Vec::new();
    for (english, _, en) in translated() {
        for paragraph in prose(split(&en).1).lines() {
            let Some(share) = dutch_share(paragraph, &glossary) else {
                continue;
            };
            if share > DUTCH_SHARE {
                problems.push(format!(
                    "{}: {:.0} % Dutch function words in “{}”",
                    relative(&english),
                    share * 100.0,
                    paragraph.chars().take(120).collect::<String>()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn english_pages_use_the_glossary_terms() {
    let glossary = glossary();
    let mut problems = Vec::new();
    for (english, _, en) in translated() {
        let (front, body) = split(&en);
        let mut text = prose(body);
        for key in ["title", "description"] {
            if let Some(value) = front.get(key).and_then(toml::Value::as_str) {
                text.push_str(value);
                text.push('\n');
            }
        }
        let text = glossary.without_names_and_quotations(&text);
        for (pattern, term, english_term) in &glossary.forbidden {
            if let Some(hit) = pattern.find(&text) {
                problems.push(format!(
                    "{}: “{term}” (the glossary says “{english_term}”) in …{}…",
                    relative(&english),
                    around(&text, hit.start(), hit.end()).replace('\n', " ")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Up to 40 characters either side of `start..end`.
fn around(text: &str, start: usize, end: usize) -> &str {
    let from = text[..start]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(at, _)| at);
    let to = text[end..]
        .char_indices()
        .nth(40)
        .map_or(text.len(), |(at, _)| end + at);
    &text[from..to]
}

#[test]
fn the_structure_comparison_sees_a_dropped_list_item_and_table_column() {
    let dutch = "## Kop {#kop}\n\n- een\n- twee\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n::: demands\n- x\n:::\n";
    let shortened = "## Head {#kop}\n\n- one\n\n| a |\n|---|\n| 1 |\n\n::: demands\n- x\n:::\n";
    let same = "## Head {#kop}\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n::: demands\n- x\n:::\n";
    assert_ne!(shape(dutch), shape(shortened));
    assert_eq!(shape(dutch), shape(same));
    assert_eq!(shape(dutch).table_rows, vec![2, 2]);
    assert_eq!(shape(dutch).blocks, vec![":::demands", ":::"]);
}

#[test]
fn a_dutch_paragraph_is_told_from_english_with_dutch_names() {
    let glossary = glossary();
    let share = |text: &str| dutch_share(text, &glossary).expect("long enough");
    let dutch = "Het Kenniscentrum startte na de denkdag het programma op om te versterken wat er lokaal gebeurt.";
    let english = "The Knowledge Centre works with the VGC (Vlaamse Gemeenschapscommissie, the Flemish Community Commission in Brussels) and ‘Samen op weg naar een klimaatneutrale stad’.";
    assert!(share(dutch) > DUTCH_SHARE);
    assert!(share(english) <= DUTCH_SHARE);
}
