//! The inventory of `content/`: which files are sections, pages, page bundles and assets, and in which
//! language each Markdown file is written.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::CONTENT_DIR;
use crate::config::SiteConfig;
use crate::error::{Error, Result, SourceError};
use crate::walk;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Section,
    Page,
    Bundle,
}

/// A Markdown file found in `content/`.
#[derive(Debug)]
pub struct ContentFile {
    pub absolute: PathBuf,
    pub display_path: PathBuf,
    pub kind: FileKind,
    pub lang: String,
    pub neutral_path: String,
    /// A section's own folder; a page's containing folder (a bundle's parent folder).
    pub dir: String,
    pub bundle_dir: Option<String>,
}

/// Any other file in `content/`, copied beside its page or section.
#[derive(Debug)]
pub struct AssetFile {
    pub absolute: PathBuf,
    /// `/`-separated path below `content/`.
    pub relative: String,
}

pub struct Inventory {
    pub markdown: Vec<ContentFile>,
    pub assets: Vec<AssetFile>,
    /// What was left out, for the build report.
    pub warnings: Vec<String>,
}

pub fn scan(content_dir: &Path, config: &SiteConfig) -> Result<Inventory> {
    let languages: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let default = languages[0];
    let listing = walk::files_below(content_dir, is_ignored)?;
    let warnings = listing.link_warnings(&config.root);
    let entries: Vec<(PathBuf, String)> = listing
        .files
        .into_iter()
        .map(|(relative, absolute)| (absolute, relative))
        .collect();

    let bundle_dirs: BTreeSet<String> = entries
        .iter()
        .filter(|(_, relative)| is_index_file(relative, &languages, "index"))
        .map(|(_, relative)| parent_of(relative).to_owned())
        .collect();

    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let mut errors = Vec::new();
    for (absolute, relative) in entries {
        let display_path = Path::new(CONTENT_DIR).join(&relative);
        let bundle = enclosing_bundle(&relative, &bundle_dirs);
        if !relative.ends_with(".md") {
            assets.push(AssetFile { absolute, relative });
            continue;
        }
        match classify(&relative, bundle, &languages) {
            Ok((kind, lang, dir)) => markdown.push(ContentFile {
                absolute,
                display_path,
                kind,
                lang: lang.unwrap_or(default).to_owned(),
                neutral_path: neutral_path(&relative, &languages),
                dir,
                bundle_dir: bundle.map(str::to_owned),
            }),
            Err(message) => errors.push(SourceError::file(&display_path, message).into()),
        }
    }
    Error::collect(errors)?;
    Ok(Inventory {
        markdown,
        assets,
        warnings,
    })
}

/// Kind, explicit language and node folder of a Markdown file, or why it cannot be one.
fn classify<'a>(
    relative: &str,
    bundle: Option<&str>,
    languages: &[&'a str],
) -> std::result::Result<(FileKind, Option<&'a str>, String), String> {
    let (stem, lang) = split_language(file_name(relative), languages)?;
    let dir = parent_of(relative);
    let kind = match (stem, bundle) {
        ("_index", Some(_)) => {
            return Err(
                "a folder cannot be both a section (_index.md) and a page bundle (index.md)".into(),
            );
        }
        ("_index", None) => FileKind::Section,
        ("index", Some(bundle)) if bundle == dir => FileKind::Bundle,
        (_, Some(bundle)) => {
            return Err(format!(
                "Markdown inside the page bundle `{bundle}`; a bundle holds one page (index.md and its \
                 translations) and its files. Move this file out, or turn the folder into a section \
                 by renaming index.md to _index.md"
            ));
        }
        _ => FileKind::Page,
    };
    let node_dir = match kind {
        FileKind::Bundle => parent_of(dir).to_owned(),
        _ => dir.to_owned(),
    };
    Ok((kind, lang, node_dir))
}

/// `klimaat.en.md` → (`klimaat`, Some("en")); `klimaat.md` → (`klimaat`, None).
fn split_language<'a, 'n>(
    name: &'n str,
    languages: &[&'a str],
) -> std::result::Result<(&'n str, Option<&'a str>), String> {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let Some((base, suffix)) = stem.rsplit_once('.') else {
        return Ok((stem, None));
    };
    if let Some(lang) = languages.iter().find(|&&code| code == suffix) {
        if *lang == languages[0] {
            return Err(format!(
                "`{name}`: files in the default language `{lang}` have no language suffix; rename it to `{base}.md`"
            ));
        }
        return Ok((base, Some(lang)));
    }
    let looks_like_language =
        (2..=3).contains(&suffix.len()) && suffix.chars().all(|c| c.is_ascii_lowercase());
    if looks_like_language {
        return Err(format!(
            "`{name}`: language `{suffix}` is not configured in site.toml (languages: {})",
            languages.join(", ")
        ));
    }
    Ok((stem, None))
}

/// The language-neutral path of a Markdown file: its path with the language suffix removed.
pub fn neutral_path<S: AsRef<str>>(relative: &str, languages: &[S]) -> String {
    let codes: Vec<&str> = languages.iter().map(AsRef::as_ref).collect();
    let name = file_name(relative);
    let neutral_name = match split_language(name, &codes) {
        Ok((stem, Some(_))) => format!("{stem}.md"),
        _ => name.to_owned(),
    };
    match relative.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{neutral_name}"),
        None => neutral_name,
    }
}

fn is_index_file(relative: &str, languages: &[&str], stem: &str) -> bool {
    let name = file_name(relative);
    name == format!("{stem}.md")
        || languages
            .iter()
            .skip(1)
            .any(|code| name == format!("{stem}.{code}.md"))
}

fn enclosing_bundle<'a>(relative: &str, bundle_dirs: &'a BTreeSet<String>) -> Option<&'a str> {
    let mut dir = parent_of(relative);
    loop {
        if let Some(bundle) = bundle_dirs.get(dir) {
            return Some(bundle);
        }
        if dir.is_empty() {
            return None;
        }
        dir = parent_of(dir);
    }
}

/// Names in `content/` that are never part of the site: dot-files and editors' backup and swap files.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#') || name.ends_with(".swp")
}

pub fn parent_of(relative: &str) -> &str {
    relative.rsplit_once('/').map_or("", |(parent, _)| parent)
}

fn file_name(relative: &str) -> &str {
    relative.rsplit('/').next().unwrap_or(relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_come_from_the_file_suffix() {
        let languages = ["nl", "en"];
        assert_eq!(split_language("a.md", &languages), Ok(("a", None)));
        assert_eq!(split_language("a.en.md", &languages), Ok(("a", Some("en"))));
        assert_eq!(
            split_language("versie-1.2.md", &languages),
            Ok(("versie-1.2", None))
        );
        assert!(
            split_language("a.fr.md", &languages)
                .unwrap_err()
                .contains("`fr` is not configured")
        );
        assert!(
            split_language("a.nl.md", &languages)
                .unwrap_err()
                .contains("rename it to `a.md`")
        );
    }

    #[test]
    fn neutral_paths_drop_the_language() {
        let languages = ["nl", "en"];
        assert_eq!(neutral_path("x/a.en.md", &languages), "x/a.md");
        assert_eq!(neutral_path("x/_index.en.md", &languages), "x/_index.md");
        assert_eq!(neutral_path("a.md", &languages), "a.md");
    }
}
