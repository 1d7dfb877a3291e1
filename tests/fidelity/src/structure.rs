//! The structure the conversion issues ask for, checked on the Markdown itself: front matter on every
//! page, pages short enough to navigate, the jaarplan's goals with their actions, one form for the
//! memorandum's demands, e-mail addresses kept out of search, the denkdag's question and lettered
//! blocks.

use std::fs;
use std::path::{Path, PathBuf};

const LONGEST_PAGE: usize = 400;

fn publications() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/publicaties")
}

/// Every Dutch page of every publication, with its text.
fn pages() -> Vec<(PathBuf, String)> {
    let mut pages: Vec<(PathBuf, String)> = walkdir::WalkDir::new(publications())
        .min_depth(2)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.expect("readable content").into_path())
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "md")
                && !path.to_string_lossy().ends_with(".en.md")
        })
        .map(|path| {
            let text = fs::read_to_string(&path).expect("readable page");
            (path, text)
        })
        .collect();
    pages.sort();
    assert!(pages.len() > 50, "the five publications are converted");
    pages
}

fn front_matter(text: &str) -> toml::Table {
    let inner = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split_once("\n+++"))
        .map(|(front, _)| front);
    toml::from_str(inner.expect("front matter")).expect("valid front matter")
}

fn body(text: &str) -> &str {
    text.splitn(3, "+++").nth(2).unwrap_or_default()
}

fn publication(name: &str) -> Vec<(PathBuf, String)> {
    pages()
        .into_iter()
        .filter(|(path, _)| path.parent().is_some_and(|dir| dir.ends_with(name)))
        .collect()
}

#[test]
fn every_page_has_the_required_front_matter_and_a_navigable_length() {
    let mut problems = Vec::new();
    for (path, text) in pages() {
        let front = front_matter(&text);
        for key in ["title", "date", "description", "weight"] {
            if !front.contains_key(key) {
                problems.push(format!("{}: no `{key}`", path.display()));
            }
        }
        let taxonomies = front.get("taxonomies").and_then(toml::Value::as_table);
        for taxonomy in ["type", "programma", "thema"] {
            let terms = taxonomies
                .and_then(|t| t.get(taxonomy))
                .and_then(toml::Value::as_array);
            if terms.is_none_or(|terms| terms.is_empty()) {
                problems.push(format!("{}: no `{taxonomy}` terms", path.display()));
            }
        }
        let lines = text.lines().count();
        if lines > LONGEST_PAGE {
            problems.push(format!("{}: {lines} lines", path.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_jaarplan_goal_is_a_heading_followed_by_its_actions() {
    let mut goals = 0;
    for (path, text) in publication("jaarplan-2025") {
        let lines: Vec<&str> = body(&text).lines().collect();
        for (index, line) in lines.iter().enumerate() {
            if !line
                .trim_start_matches('#')
                .trim_start()
                .starts_with("Doelstelling ")
                || !line.starts_with("##")
            {
                continue;
            }
            goals += 1;
            let level = line.chars().take_while(|&c| c == '#').count();
            let next_heading = lines[index + 1..].iter().find(|l| l.starts_with('#'));
            let actions = "#".repeat(level + 1) + " Acties 2025";
            assert_eq!(
                next_heading.copied(),
                Some(actions.as_str()),
                "{}: {line}",
                path.display()
            );
        }
    }
    assert_eq!(goals, 46);
}

#[test]
fn the_memorandum_states_every_demand_in_one_block_form() {
    let pages = publication("noodzakelijke-transities");
    let blocks: usize = pages
        .iter()
        .map(|(_, text)| text.lines().filter(|l| l.trim() == "::: demands").count())
        .sum();
    assert_eq!(blocks, 17);
    let stray = pages.iter().find(|(_, text)| {
        body(text)
            .lines()
            .any(|l| l.trim().trim_matches('*') == "CONCREET")
    });
    assert!(
        stray.is_none(),
        "a CONCREET label outside a demands block: {:?}",
        stray.map(|(p, _)| p)
    );
}

#[test]
fn e_mail_addresses_are_kept_out_of_search() {
    for (path, text) in pages() {
        let mut inside_noindex = false;
        for line in body(&text).lines() {
            match line.trim() {
                "::: noindex" => inside_noindex = true,
                ":::" => inside_noindex = false,
                _ => {}
            }
            if line.contains("@kenniscentrumvlaamsesteden.be") {
                assert!(
                    inside_noindex,
                    "{}: an address outside `::: noindex`: {line}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_denkdag_reports_quote_the_startnota_questions() {
    let pages = publication("denkdag-2022");
    let questions: Vec<&str> = pages
        .iter()
        .flat_map(|(_, text)| text.lines().filter(|l| l.starts_with("::: question ")))
        .collect();
    assert!(questions.len() >= 20, "{} question blocks", questions.len());
    for question in questions {
        assert!(
            question.contains("(@/publicaties/denkdag-2022/startnota-"),
            "links back: {question}"
        );
    }
    let lettered = pages
        .iter()
        .filter(|(_, text)| text.contains("::: lettered"))
        .count();
    assert_eq!(lettered, 1, "the startnota Klimaat's a.–e. list");
}

#[test]
fn structures_are_markdown_not_raw_html() {
    let tag = regex::Regex::new(r"(?i)</?(table|tr|td|th|ul|ol|li|br|div|span|p)\b")
        .expect("valid pattern");
    for (path, text) in pages() {
        let found = body(&text).lines().find(|line| tag.is_match(line));
        assert!(found.is_none(), "{}: raw HTML: {found:?}", path.display());
    }
    let tables: usize = publication("klimaatgovernance")
        .iter()
        .map(|(_, text)| {
            text.lines()
                .filter(|line| line.starts_with('|') && line.contains("---"))
                .count()
        })
        .sum();
    assert!(
        tables >= 5,
        "the report's tables are Markdown tables ({tables} found)"
    );
}
