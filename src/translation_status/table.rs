//! The translation status as people read it (a table per section and a summary line) and as CI
//! reads it (JSON with the same rows).

use super::{Row, SectionStatus, Status, TranslationReport};
use crate::site::Date;

const HEADINGS: [&str; 5] = [
    "page",
    "language",
    "status",
    "source changed",
    "translation changed",
];

const STATUSES: [Status; 4] = [
    Status::Missing,
    Status::Outdated,
    Status::UpToDate,
    Status::Unknown,
];

/// A table per section, then one line that counts every status.
pub fn to_text(report: &TranslationReport) -> String {
    let mut text = String::new();
    for section in &report.sections {
        section_table(&mut text, section);
        text.push('\n');
    }
    if !report.in_git {
        text.push_str("the site is not in a git repository, so no translation can be dated\n");
    }
    let counts: Vec<String> = STATUSES
        .iter()
        .map(|&status| format!("{} {}", report.count(status), status.label()))
        .collect();
    text.push_str(&format!("translations: {}\n", counts.join(", ")));
    text
}

/// The report as one JSON object: `in_git`, `summary` (a count per status) and `sections`, each
/// with its `title`, `folder` and `rows`.
pub fn to_json(report: &TranslationReport) -> String {
    let summary: serde_json::Map<String, serde_json::Value> = STATUSES
        .iter()
        .map(|&status| {
            let name = serde_json::to_value(status)
                .ok()
                .and_then(|value| value.as_str().map(str::to_owned))
                .unwrap_or_default();
            (name, report.count(status).into())
        })
        .collect();
    let value = serde_json::json!({
        "in_git": report.in_git,
        "summary": summary,
        "sections": report.sections,
    });
    value.to_string()
}

fn section_table(text: &mut String, section: &SectionStatus) {
    let folder = if section.folder.is_empty() {
        "content/".to_owned()
    } else {
        format!("content/{}/", section.folder)
    };
    text.push_str(&format!("{} ({folder})\n", section.title));
    let rows: Vec<[String; 5]> = section.rows.iter().map(|row| cells(row, &folder)).collect();
    let mut widths = HEADINGS.map(|heading| heading.chars().count());
    for cells in &rows {
        for (width, cell) in widths.iter_mut().zip(cells) {
            *width = (*width).max(cell.chars().count());
        }
    }
    line(text, &HEADINGS.map(str::to_owned), &widths);
    for cells in &rows {
        line(text, cells, &widths);
    }
}

/// The page as a path below its section's folder, which the table's title names.
fn cells(row: &Row, folder: &str) -> [String; 5] {
    let page = row.page.to_string_lossy().replace('\\', "/");
    let page = page.strip_prefix(folder).unwrap_or(&page).to_owned();
    [
        page,
        row.language.clone(),
        row.status.label().to_owned(),
        date_cell(row.source_changed),
        date_cell(row.translation_changed),
    ]
}

fn date_cell(date: Option<Date>) -> String {
    date.map_or_else(|| "-".to_owned(), |date| date.to_string())
}

fn line(text: &mut String, cells: &[String; 5], widths: &[usize; 5]) {
    let padded: Vec<String> = cells
        .iter()
        .zip(widths)
        .map(|(cell, &width)| format!("{cell:<width$}"))
        .collect();
    text.push_str(&format!("  {}\n", padded.join("  ").trim_end()));
}
