//! `kennis new`: writes the first version of a publication (`content/<publications>/<slug>/_index.md`)
//! or of a page in a section (`content/<section>/<slug>.md`), with complete front matter and, when
//! asked, its translation beside it, then tells where each file will appear. It owns the choice of
//! file names, weight and starting terms; URLs come from the routes of the site as it is with the
//! new files, and it never overwrites a file (what it wrote is removed again if the site no longer
//! loads).

mod front_matter;

use std::fs;
use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::config::search::SearchSettings;
use crate::content::{CONTENT_DIR, Content, DocId, Kind, LoadOptions};
use crate::error::{Error, Result};
use crate::routes::Routes;

use front_matter::Draft;

/// The folder of publications on a site that has none yet.
const DEFAULT_PUBLICATIONS_DIR: &str = "publicaties";

/// Weights in the listings are spaced so that a page can be put between two others.
const WEIGHT_STEP: i64 = 10;

/// What to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewDocument {
    /// A publication: a section in the folder of publications.
    Publication { slug: String },
    /// A page in the section whose folder below `content/` is `section` (`""` for the home page).
    Page { section: String, slug: String },
}

#[derive(Debug, Clone)]
pub struct NewOptions {
    pub root: PathBuf,
    pub document: NewDocument,
    /// Also write the translation in this language.
    pub translation: Option<String>,
}

/// A file `kennis new` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Relative to the site root (`content/publicaties/x/_index.md`).
    pub path: PathBuf,
    /// Where the page will be published.
    pub url: String,
}

/// Writes the new document (and its translation) and returns where each file will appear.
pub fn new_document(options: &NewOptions) -> Result<Vec<Written>> {
    let config = SiteConfig::load(&options.root, None)?;
    let content = Content::load(&config, LoadOptions { drafts: true })?;
    let plan = plan(&config, &content, options)?;
    let undo = write_files(&options.root, &plan)?;
    published_at(&config, &plan).inspect_err(|_| undo.run())
}

/// The files to write, with their text.
struct Plan {
    /// A folder to create first, for a publication.
    folder: Option<PathBuf>,
    files: Vec<(PathBuf, String)>,
}

/// Where the new document goes: its folder and file names below `content/`, and the section
/// that will list it.
struct Target {
    slug: String,
    new_folder: Option<String>,
    dir: String,
    names: Vec<String>,
    section: DocId,
    publication: bool,
}

fn plan(config: &SiteConfig, content: &Content, options: &NewOptions) -> Result<Plan> {
    let languages = file_languages(config, options.translation.as_deref())?;
    let target = target(content, &options.document, &languages)?;
    let title = front_matter::placeholder_title(&target.slug);
    let date = jiff::ZonedDateTime::now().date().to_string();
    let draft = Draft {
        title: &title,
        date: &date,
        weight: weight(content, target.section, target.publication),
        terms: &content.documents[target.section].front().taxonomies,
        publication: target.publication,
    };
    let text = front_matter::render(&draft, config);
    let files = target
        .names
        .iter()
        .map(|name| {
            let path = Path::new(CONTENT_DIR).join(join(&target.dir, name));
            (path, text.clone())
        })
        .collect();
    Ok(Plan {
        folder: target
            .new_folder
            .map(|folder| Path::new(CONTENT_DIR).join(folder)),
        files,
    })
}

fn target(
    content: &Content,
    document: &NewDocument,
    languages: &[Option<String>],
) -> Result<Target> {
    match document {
        NewDocument::Publication { slug } => {
            check_slug(slug)?;
            let parent_dir = publications_dir(content);
            let parent = content.section_at(&parent_dir).ok_or_else(|| {
                Error::usage(
                    format!("the site has no section content/{parent_dir}/ to hold publications"),
                    Some(format!("create content/{parent_dir}/_index.md first")),
                )
            })?;
            let dir = join(&parent_dir, slug);
            Ok(Target {
                slug: slug.clone(),
                new_folder: Some(dir.clone()),
                dir,
                names: languages
                    .iter()
                    .map(|lang| file_name("_index", lang))
                    .collect(),
                section: content.best_member(parent, content.default_language()),
                publication: true,
            })
        }
        NewDocument::Page { section, slug } => {
            check_slug(slug)?;
            let parent = content
                .section_at(section)
                .ok_or_else(|| unknown_section(content, section))?;
            Ok(Target {
                slug: slug.clone(),
                new_folder: None,
                dir: section.clone(),
                names: languages.iter().map(|lang| file_name(slug, lang)).collect(),
                section: content.best_member(parent, content.default_language()),
                publication: false,
            })
        }
    }
}

/// The default language's file, then the translation's.
fn file_languages(config: &SiteConfig, translation: Option<&str>) -> Result<Vec<Option<String>>> {
    let Some(code) = translation else {
        return Ok(vec![None]);
    };
    let others: Vec<&str> = config
        .languages
        .iter()
        .skip(1)
        .map(|language| language.code.as_str())
        .collect();
    if !others.contains(&code) {
        return Err(Error::usage(
            format!("--lang {code}: not a translation language of this site"),
            Some(format!(
                "the default language ({}) is always written; --lang adds one of: {}",
                config.default_language().code,
                others.join(", ")
            )),
        ));
    }
    Ok(vec![None, Some(code.to_owned())])
}

fn file_name(stem: &str, lang: &Option<String>) -> String {
    match lang {
        Some(lang) => format!("{stem}.{lang}.md"),
        None => format!("{stem}.md"),
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_owned()
    } else {
        format!("{dir}/{name}")
    }
}

fn check_slug(slug: &str) -> Result<()> {
    let clean = crate::slug::slugify(slug);
    if clean == slug {
        return Ok(());
    }
    let help = if clean.is_empty() {
        "use lower-case letters, digits and hyphens".to_owned()
    } else {
        format!("use `{clean}`")
    };
    Err(Error::usage(
        format!("{slug:?} is not a slug: it becomes part of the file name and the URL"),
        Some(help),
    ))
}

/// The folder that holds the site's publications: that of the first publication there is.
fn publications_dir(content: &Content) -> String {
    (0..content.documents.len())
        .find(|&doc| content.is_publication(doc))
        .and_then(|doc| content.ancestors(doc).last().copied())
        .map_or_else(
            || DEFAULT_PUBLICATIONS_DIR.to_owned(),
            |section| content.documents[section].dir.clone(),
        )
}

fn unknown_section(content: &Content, section: &str) -> Error {
    let mut folders: Vec<String> = content
        .documents
        .iter()
        .filter(|document| document.kind == Kind::Section && document.dir != section)
        .map(|document| document.dir.clone())
        .collect();
    folders.sort();
    folders.dedup();
    let listed: Vec<String> = folders
        .iter()
        .map(|dir| {
            if dir.is_empty() {
                "(the home page: no folder)".to_owned()
            } else {
                dir.clone()
            }
        })
        .collect();
    Error::usage(
        format!("content/{section}/ is not a section (it has no _index.md)"),
        Some(format!("the sections are: {}", listed.join(", "))),
    )
}

/// A new publication goes first, as publications are listed newest first; a new page goes last,
/// after the chapters that are already there.
fn weight(content: &Content, section: DocId, publication: bool) -> i64 {
    let (sections, pages) = content.children(section);
    let listed = if publication { sections } else { pages };
    let weights = listed
        .iter()
        .filter_map(|&doc| content.documents[doc].front().weight);
    let extreme = if publication {
        weights.min().map(|lowest| lowest - WEIGHT_STEP)
    } else {
        weights.max().map(|highest| highest + WEIGHT_STEP)
    };
    extreme.unwrap_or(WEIGHT_STEP)
}

/// What `kennis new` wrote, to take back if the site does not load with it.
#[derive(Default)]
struct Undo {
    files: Vec<PathBuf>,
    folder: Option<PathBuf>,
}

impl Undo {
    /// Removal is best effort: the error that made it necessary is the one to report.
    fn run(&self) {
        for file in &self.files {
            let _ = fs::remove_file(file);
        }
        if let Some(folder) = &self.folder {
            let _ = fs::remove_dir(folder);
        }
    }
}

/// Writes every file of `plan`, none if any exists already.
fn write_files(root: &Path, plan: &Plan) -> Result<Undo> {
    for (path, _) in &plan.files {
        if root.join(path).exists() {
            return Err(Error::usage(
                format!(
                    "{} already exists; kennis new never overwrites a file",
                    path.display()
                ),
                Some("choose another slug, or edit the file that is there".to_owned()),
            ));
        }
    }
    let mut undo = Undo::default();
    if let Some(folder) = &plan.folder {
        let absolute = root.join(folder);
        if !absolute.exists() {
            fs::create_dir_all(&absolute)
                .map_err(|error| Error::io("cannot create the folder", &absolute, error))?;
            undo.folder = Some(absolute);
        }
    }
    for (path, text) in &plan.files {
        let absolute = root.join(path);
        if let Err(error) = create_new(&absolute, text) {
            undo.run();
            return Err(error);
        }
        undo.files.push(absolute);
    }
    Ok(undo)
}

fn create_new(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|error| Error::io("cannot create the file", path, error))?;
    file.write_all(text.as_bytes())
        .map_err(|error| Error::io("cannot write the file", path, error))
}

/// Loads the site with the new files and asks its routes where each one is published.
fn published_at(config: &SiteConfig, plan: &Plan) -> Result<Vec<Written>> {
    let content = Content::load(config, LoadOptions { drafts: true })?;
    let search = SearchSettings::load(config)?;
    let routes = Routes::plan(config, &content, &search)?;
    plan.files
        .iter()
        .map(|(path, _)| {
            let doc = content
                .documents
                .iter()
                .position(|document| document.source_path == *path)
                .ok_or_else(|| {
                    Error::usage(
                        format!("{} was written but not loaded", path.display()),
                        None,
                    )
                })?;
            Ok(Written {
                path: path.clone(),
                url: config.base_url.join(routes.document(doc).as_str()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
