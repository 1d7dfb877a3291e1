//! Fidelity of the converted publications: how much of each source publication's wording survives in
//! `content/`.
//!
//! For every `tests/fidelity/publications/<publication>.toml` the test folds the source text (the extracted PDF text in
//! `tests/seeds/`) and the Dutch Markdown of the publication's content folder into word sequences, and
//! measures the share of the source's word 5-grams that occur in the content. Lines the conversion is
//! told to drop (running headers, page numbers, dead call-to-action links) are removed from the source
//! first, by the regular expressions listed in the publication's file. Run it alone with
//! `cargo test -p fidelity -- --nocapture` to see the figures. It is a crate of its own so that it
//! needs neither the generator nor its dependencies. `structure.rs` checks the structure the
//! conversion issues ask for.

#![cfg(test)]

mod english;
mod structure;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::Deserialize;

const GRAM: usize = 5;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Publication {
    /// Source text, relative to the repository root.
    source: PathBuf,
    /// Folder under `content/` holding the publication's Dutch Markdown.
    content: PathBuf,
    /// The lowest acceptable share of source 5-grams found in the content.
    min_ratio: f64,
    /// Regular expressions; a source line matching any of them (after trimming) is not text.
    #[serde(default)]
    drop_lines: Vec<String>,
}

#[test]
fn converted_publications_keep_the_source_wording() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root.as_path();
    let mut failures = Vec::new();
    let mut specs: Vec<PathBuf> = fs::read_dir(root.join("tests/fidelity/publications"))
        .expect("tests/fidelity/publications exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    specs.sort();
    assert!(
        !specs.is_empty(),
        "no publications configured in tests/fidelity/publications"
    );

    for spec_path in specs {
        let spec: Publication =
            toml::from_str(&fs::read_to_string(&spec_path).expect("spec readable"))
                .unwrap_or_else(|error| panic!("{}: {error}", spec_path.display()));
        let source = source_words(&root.join(&spec.source), &spec.drop_lines);
        let content = content_words(&root.join("content").join(&spec.content));
        let (found, total, missing) = coverage(&source, &content);
        let ratio = found as f64 / total.max(1) as f64;
        let name = spec_path.file_stem().unwrap_or_default().to_string_lossy();
        println!(
            "{name}: {found}/{total} source 5-grams in content = {:.2} %",
            ratio * 100.0
        );
        if ratio < spec.min_ratio {
            let examples: Vec<String> =
                missing.iter().take(15).map(|gram| gram.join(" ")).collect();
            failures.push(format!(
                "{name}: {:.2} % < {:.2} %; first missing 5-grams:\n    {}",
                ratio * 100.0,
                spec.min_ratio * 100.0,
                examples.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn source_words(path: &Path, drop_lines: &[String]) -> Vec<String> {
    let patterns: Vec<Regex> = drop_lines
        .iter()
        .map(|pattern| Regex::new(pattern).unwrap_or_else(|error| panic!("{pattern}: {error}")))
        .collect();
    let text =
        fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| !patterns.iter().any(|pattern| pattern.is_match(line.trim())))
        .collect();
    // Seed 004 carries HTML table fragments: their tags and entities are markup, not wording.
    let html_tag = Regex::new(r"</?[a-zA-Z][^>]*>").expect("valid pattern");
    let text = html_tag
        .replace_all(&kept.join("\n"), " ")
        .replace("&amp;", "&")
        .replace("&nbsp;", " ");
    words(&text)
}

/// The words of every Dutch Markdown file under `dir`: its title and body, without the other front
/// matter, link destinations, HTML tags or block markers.
fn content_words(dir: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.expect("readable content tree").into_path())
        .filter(|path| is_dutch_markdown(path))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no Markdown in {}", dir.display());
    let link_destination = Regex::new(r"\]\([^)\s]*\)").expect("valid pattern");
    let html_tag = Regex::new(r"</?[a-zA-Z][^>]*>").expect("valid pattern");
    let block_marker = Regex::new(r"(?m)^:{3,}\s*[a-z-]*").expect("valid pattern");
    let footnote_label = Regex::new(r"\[\^[^\]]+\]:?").expect("valid pattern");
    let heading_attributes = Regex::new(r"\{#[^}]*\}").expect("valid pattern");

    let mut all = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("content readable");
        let (title, body) = split_front_matter(&text);
        let body = link_destination.replace_all(body, "]");
        let body = html_tag.replace_all(&body, " ");
        let body = block_marker.replace_all(&body, " ");
        let body = footnote_label.replace_all(&body, " ");
        let body = heading_attributes.replace_all(&body, " ");
        all.extend(words(&title));
        all.extend(words(&body));
    }
    all
}

fn is_dutch_markdown(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.ends_with(".md") && name.matches('.').count() == 1
}

fn split_front_matter(text: &str) -> (String, &str) {
    let Some(rest) = text.strip_prefix("+++") else {
        return (String::new(), text);
    };
    let Some(end) = rest.find("\n+++") else {
        return (String::new(), text);
    };
    let front_matter = &rest[..end];
    let body = rest[end + 4..].trim_start_matches(['\r', '\n']);
    let title = toml::from_str::<toml::Table>(front_matter)
        .ok()
        .and_then(|table| {
            table
                .get("title")
                .and_then(|t| t.as_str().map(str::to_owned))
        })
        .unwrap_or_default();
    (title, body)
}

/// Folds text into lowercase words. A hyphen between letters, or at a line end before a letter, joins
/// the two parts (`OBMi-werking`, `plaats-\nvinden`), so that both hyphenated and rejoined spellings
/// compare equal; every other non-alphanumeric character separates words.
fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if is_hyphen(c) && !current.is_empty() {
            let next = next_after_line_break(&chars, i + 1);
            if next.is_some_and(|j| chars[j].is_alphanumeric()) {
                i = next.unwrap_or(i + 1);
                continue;
            }
            words.push(std::mem::take(&mut current));
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        i += 1;
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{00AD}')
}

/// The index right after a hyphen at `start` continues the word: directly, or after trailing spaces,
/// one line break (and blank lines of a double-spaced source) and indentation.
fn next_after_line_break(chars: &[char], start: usize) -> Option<usize> {
    let mut j = start;
    while j < chars.len() && chars[j] == ' ' {
        j += 1;
    }
    match chars.get(j) {
        Some('\n') | Some('\r') => {
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            (j < chars.len()).then_some(j)
        }
        Some(_) if j == start => Some(j),
        _ => None,
    }
}

fn coverage(source: &[String], content: &[String]) -> (usize, usize, Vec<Vec<String>>) {
    let known: HashSet<&[String]> = content.windows(GRAM).collect();
    let mut found = 0;
    let mut missing = Vec::new();
    for gram in source.windows(GRAM) {
        if known.contains(gram) {
            found += 1;
        } else {
            missing.push(gram.to_vec());
        }
    }
    (found, source.windows(GRAM).count(), missing)
}

#[test]
fn hyphenated_and_rejoined_words_fold_alike() {
    assert_eq!(words("plaats-\nvinden"), words("plaatsvinden"));
    assert_eq!(words("OBMi-\n\nwerking"), words("OBMi-werking"));
    assert_eq!(
        words("vervoers- en mobiliteit"),
        vec!["vervoers", "en", "mobiliteit"]
    );
    assert_eq!(words("Thema’s, én CO2!"), vec!["thema", "s", "én", "co2"]);
}
