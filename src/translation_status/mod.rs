//! Translation status for `kennis check`: for every translation group of the content, whether each
//! other language's version is missing, outdated (its source, the default-language file, changed in
//! git after the translation last did), up to date, or unknown (not committed, or the site is not in
//! a git repository). It reads the content and the git history and owns the rules for those states
//! and their tables; it writes nothing, decides no URL and never fails because git is absent.

mod history;
mod table;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::SiteConfig;
use crate::content::{Content, DocId, Kind, LoadOptions};
use crate::error::Result;
use crate::site::Date;

use history::{Change, History};
pub use table::{to_json, to_text};

/// Where a translation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// No file in this language.
    Missing,
    /// The source changed in a newer commit than the translation's newest one.
    Outdated,
    /// The translation's newest commit is the source's or newer.
    UpToDate,
    /// The source or the translation is not committed, or the site is not in a git repository.
    Unknown,
}

impl Status {
    /// Missing and outdated translations are what `kennis check --translations` fails on.
    pub fn is_problem(self) -> bool {
        matches!(self, Status::Missing | Status::Outdated)
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Missing => "missing",
            Status::Outdated => "outdated",
            Status::UpToDate => "up to date",
            Status::Unknown => "unknown",
        }
    }
}

/// One page (or section) in one language other than its source's.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The source file, relative to the site root (`content/publicaties/x.md`).
    pub page: PathBuf,
    pub title: String,
    pub language: String,
    pub status: Status,
    /// The translation's file, when there is one.
    pub translation: Option<PathBuf>,
    /// Date of the newest commit that changed the source.
    pub source_changed: Option<Date>,
    /// Date of the newest commit that changed the translation.
    pub translation_changed: Option<Date>,
}

/// The rows of the pages a section lists, with the section's own row first.
#[derive(Debug, Clone, Serialize)]
pub struct SectionStatus {
    pub title: String,
    /// The section's folder below `content/` (`""` for the home page).
    pub folder: String,
    pub rows: Vec<Row>,
}

/// The translation status of a whole site.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationReport {
    /// Whether a git repository holds the site; without one every existing translation is unknown.
    pub in_git: bool,
    pub sections: Vec<SectionStatus>,
}

impl TranslationReport {
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.sections.iter().flat_map(|section| &section.rows)
    }

    pub fn count(&self, status: Status) -> usize {
        self.rows().filter(|row| row.status == status).count()
    }

    pub fn has_problems(&self) -> bool {
        self.rows().any(|row| row.status.is_problem())
    }
}

/// Loads the site at `root` (without drafts, as `build` does) and reports its translation status.
pub fn translation_status(root: &Path) -> Result<TranslationReport> {
    let config = SiteConfig::load(root, None)?;
    let content = Content::load(&config, LoadOptions::default())?;
    report(root, &content)
}

/// The translation status of `content`, loaded from the site at `root`.
pub fn report(root: &Path, content: &Content) -> Result<TranslationReport> {
    let pairs = translation_pairs(root, content);
    let files: Vec<PathBuf> = pairs
        .iter()
        .flat_map(|pair| std::iter::once(pair.source).chain(pair.translation))
        .map(|doc| content.documents[doc].source_path.clone())
        .collect();
    let history = history::last_changes(root, &files)?;
    let mut sections: Vec<SectionStatus> = Vec::new();
    for pair in &pairs {
        let row = row(content, &history, pair);
        let folder = section_folder(content, pair.source);
        match sections.iter_mut().find(|section| section.folder == folder) {
            Some(section) => section.rows.push(row),
            None => sections.push(SectionStatus {
                title: section_title(content, &folder),
                folder,
                rows: vec![row],
            }),
        }
    }
    sections.sort_by(|a, b| a.folder.cmp(&b.folder));
    Ok(TranslationReport {
        in_git: !matches!(history, History::Outside),
        sections,
    })
}

/// A source document and the language its translation should be in.
struct Pair<'a> {
    source: DocId,
    language: &'a str,
    translation: Option<DocId>,
}

/// Every document that exists as a file, paired with each other language. The source is the
/// default-language version, or the first one there is (a page written only in English lacks
/// its Dutch version).
fn translation_pairs<'a>(root: &Path, content: &'a Content) -> Vec<Pair<'a>> {
    // The home pages kennis adds for languages that have none are no files to translate.
    let is_file = |doc: DocId| root.join(&content.documents[doc].source_path).is_file();
    let mut pairs = Vec::new();
    for group in &content.groups {
        let members: Vec<DocId> = group
            .members
            .iter()
            .copied()
            .filter(|&d| is_file(d))
            .collect();
        let Some(&first) = members.first() else {
            continue;
        };
        let source = members
            .iter()
            .copied()
            .find(|&doc| content.documents[doc].lang == content.default_language())
            .unwrap_or(first);
        for language in content.languages() {
            if *language == content.documents[source].lang {
                continue;
            }
            let translation = members
                .iter()
                .copied()
                .find(|&doc| content.documents[doc].lang == *language);
            pairs.push(Pair {
                source,
                language,
                translation,
            });
        }
    }
    pairs.sort_by(|a, b| {
        let path = |pair: &Pair<'_>| &content.documents[pair.source].source_path;
        path(a).cmp(path(b))
    });
    pairs
}

fn row(content: &Content, history: &History, pair: &Pair<'_>) -> Row {
    let source = &content.documents[pair.source];
    let translation = pair.translation.map(|doc| &content.documents[doc]);
    let change = |path: &Path| match history {
        History::Outside => None,
        History::Changes(changes) => changes.get(path).copied(),
    };
    let source_change = change(&source.source_path);
    let translation_change = translation.and_then(|document| change(&document.source_path));
    Row {
        page: source.source_path.clone(),
        title: source.front().title.clone(),
        language: pair.language.to_owned(),
        status: status(translation.is_some(), source_change, translation_change),
        translation: translation.map(|document| document.source_path.clone()),
        source_changed: source_change.and_then(|change| change.date),
        translation_changed: translation_change.and_then(|change| change.date),
    }
}

fn status(translated: bool, source: Option<Change>, translation: Option<Change>) -> Status {
    match (translated, source, translation) {
        (false, _, _) => Status::Missing,
        (true, Some(source), Some(translation)) if source.age < translation.age => Status::Outdated,
        (true, Some(_), Some(_)) => Status::UpToDate,
        (true, _, _) => Status::Unknown,
    }
}

/// A section is shown with the pages it lists; a page under the section that lists it.
fn section_folder(content: &Content, doc: DocId) -> String {
    let document = &content.documents[doc];
    let section = match document.kind {
        Kind::Section => doc,
        Kind::Page => content.ancestors(doc).last().copied().unwrap_or(doc),
    };
    content.documents[section].dir.clone()
}

fn section_title(content: &Content, folder: &str) -> String {
    content
        .section_at(folder)
        .map_or_else(String::new, |group| {
            let section = content.best_member(group, content.default_language());
            content.documents[section].front().title.clone()
        })
}

#[cfg(test)]
mod tests;
