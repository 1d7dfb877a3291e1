//! Stage 1: loading content. Walks `content/`, reads every Markdown file's front matter, decides each
//! file's language and kind (section, page, page bundle), pairs translations and finds the page or
//! section that owns each file to copy. The result, [`Content`], is the site's structure; it answers
//! questions about parents, children, neighbours and translations. This stage decides no URL (the
//! routes stage does), does not render Markdown and knows no templates.

mod dates;
mod files;
pub mod front_matter;
pub mod reads;
mod tree;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{PUBLICATION_TAXONOMY, SiteConfig};
use crate::error::{Error, Result};

pub use files::is_ignored;
use files::{ContentFile, FileKind};
pub use front_matter::FrontMatter;

pub const CONTENT_DIR: &str = "content";

pub type DocId = usize;
pub type GroupId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `_index.md`: a landing page listing what its folder holds.
    Section,
    /// Any other Markdown file, or the `index.md` of a page bundle.
    Page,
}

/// One Markdown file in one language.
#[derive(Debug)]
pub struct Document {
    pub kind: Kind,
    pub lang: String,
    /// Path shown in messages, relative to the site root (`content/publicaties/x.md`).
    pub source_path: PathBuf,
    /// The whole file.
    pub text: String,
    /// Byte offset where the Markdown body starts in `text`.
    pub body_start: usize,
    /// Read through [`Document::front`], which notes the read.
    front: FrontMatter,
    /// Language-neutral path below `content/` that `@/` links use (`publicaties/x.md`).
    pub neutral_path: String,
    /// Content folder of this document's node: a section's own folder, a page's containing folder.
    pub dir: String,
    /// For a page bundle, its own folder.
    pub bundle_dir: Option<String>,
    pub group: GroupId,
    /// The document's position in [`Content::documents`].
    pub id: DocId,
}

impl Document {
    /// The front matter; reading it is noted (see [`reads`]) so that a rebuild knows who read it.
    pub fn front(&self) -> &FrontMatter {
        reads::note(reads::Read::Front(self.id));
        &self.front
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// Its terms of the publication taxonomy (`type = ["rapport"]`).
    pub fn publication_types(&self) -> &[String] {
        self.front()
            .taxonomies
            .get(PUBLICATION_TAXONOMY)
            .map_or(&[], Vec::as_slice)
    }

    /// The folder that relative links in the body start from, relative to `content/`.
    pub fn source_dir(&self) -> &str {
        self.bundle_dir.as_deref().unwrap_or(&self.dir)
    }
}

/// Translations of one document: at most one member per language.
#[derive(Debug, Default)]
pub struct Group {
    /// Members in configured language order.
    pub members: Vec<DocId>,
}

/// A file that is copied into the output as it is, beside each language version of its owner.
#[derive(Debug, Clone)]
pub struct Asset {
    pub source: PathBuf,
    /// `/`-separated path below `content/`.
    pub relative: String,
    /// The page bundle or nearest section whose folder holds the file.
    pub owner: GroupId,
    /// `/`-separated path below the owner's folder.
    pub within: String,
}

/// The loaded site content.
#[derive(Debug)]
pub struct Content {
    pub documents: Vec<Document>,
    pub groups: Vec<Group>,
    pub assets: Vec<Asset>,
    /// Problems that did not stop loading (symbolic links left out), for the build report.
    pub warnings: Vec<String>,
    languages: Vec<String>,
    by_neutral_path: HashMap<String, GroupId>,
    sections_by_dir: HashMap<String, GroupId>,
    children_by_dir: HashMap<String, Vec<GroupId>>,
    /// Previous and next page of every page in its section's listing, same language only.
    neighbours: HashMap<DocId, (Option<DocId>, Option<DocId>)>,
}

/// Options that change what is loaded.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    pub drafts: bool,
}

impl Content {
    pub fn load(config: &SiteConfig, options: LoadOptions) -> Result<Content> {
        let content_dir = config.root.join(CONTENT_DIR);
        if !content_dir.is_dir() {
            return Err(Error::usage(
                format!("{} has no `content/` folder", config.root.display()),
                Some("run kennis in the site's root folder, or pass --root".to_owned()),
            ));
        }
        let inventory = files::scan(&content_dir, config)?;
        let mut documents = parse_documents(&inventory.markdown, config, options)?;
        add_missing_homes(&mut documents, config);
        let mut content = Content::assemble(documents, &inventory.assets, config)?;
        content.warnings = inventory.warnings;
        Ok(content)
    }

    fn assemble(
        mut documents: Vec<Document>,
        assets: &[files::AssetFile],
        config: &SiteConfig,
    ) -> Result<Content> {
        documents.sort_by(|a, b| a.source_path.cmp(&b.source_path));
        for (id, document) in documents.iter_mut().enumerate() {
            document.id = id;
        }
        let languages: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
        let (groups, by_neutral_path) = tree::group_translations(&mut documents, &languages)?;
        let sections_by_dir = tree::sections_by_dir(&documents, &groups);
        let mut content = Content {
            documents,
            groups,
            assets: Vec::new(),
            warnings: Vec::new(),
            languages,
            by_neutral_path,
            sections_by_dir,
            children_by_dir: HashMap::new(),
            neighbours: HashMap::new(),
        };
        content.children_by_dir = tree::children_by_dir(&content);
        content.neighbours = content.all_neighbours();
        content.assets = tree::owned_assets(&content, assets);
        Ok(content)
    }

    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    pub fn default_language(&self) -> &str {
        &self.languages[0]
    }

    /// The group an `@/` link path names (`publicaties/x.md`, `publicaties/x.en.md` or a bundle's
    /// `publicaties/x/index.md`).
    pub fn resolve(&self, link_path: &str) -> Option<GroupId> {
        let neutral = files::neutral_path(link_path, &self.languages);
        self.by_neutral_path.get(&neutral).copied()
    }

    /// Every path an `@/` link can name (without a language suffix), for suggestions.
    pub fn link_paths(&self) -> impl Iterator<Item = &str> {
        self.by_neutral_path.keys().map(String::as_str)
    }

    /// The group of the section whose folder (relative to `content/`) is `dir`.
    pub fn section_at(&self, dir: &str) -> Option<GroupId> {
        self.sections_by_dir.get(dir).copied()
    }

    /// The member of `group` in `lang`.
    pub fn member(&self, group: GroupId, lang: &str) -> Option<DocId> {
        self.groups[group]
            .members
            .iter()
            .copied()
            .find(|&doc| self.documents[doc].lang == lang)
    }

    /// The member of `group` in `lang`, else in the default language, else the first one.
    pub fn best_member(&self, group: GroupId, lang: &str) -> DocId {
        let members = &self.groups[group].members;
        self.member(group, lang)
            .or_else(|| self.member(group, self.default_language()))
            .unwrap_or(members[0])
    }

    /// The home section of `lang` (always present).
    pub fn home(&self, lang: &str) -> DocId {
        let group = self.sections_by_dir[""];
        self.best_member(group, lang)
    }

    /// Sections from the home down to the parent of `doc`, each in `doc`'s language where it exists.
    pub fn ancestors(&self, doc: DocId) -> Vec<DocId> {
        let document = &self.documents[doc];
        let mut dirs = Vec::new();
        let mut dir = self.parent_dir(doc);
        while let Some(current) = dir {
            dirs.push(current.to_owned());
            dir = self.nearest_section_above(current);
        }
        dirs.iter()
            .rev()
            .map(|dir| self.best_member(self.sections_by_dir[dir], &document.lang))
            .collect()
    }

    /// The nearest ancestor section of `doc` that exists in `lang` (the home at the latest).
    pub fn nearest_ancestor_in(&self, doc: DocId, lang: &str) -> DocId {
        self.ancestors(doc)
            .into_iter()
            .rev()
            .filter_map(|section| self.member(self.documents[section].group, lang))
            .next()
            .unwrap_or_else(|| self.home(lang))
    }

    /// The nearest section, `doc` itself if it is one, that is a publication: it carries a term of
    /// the publication taxonomy.
    pub fn publication_of(&self, doc: DocId) -> Option<DocId> {
        std::iter::once(doc)
            .chain(self.ancestors(doc).into_iter().rev())
            .find(|&candidate| self.is_publication(candidate))
    }

    /// Whether `doc` is the landing page of a publication.
    pub fn is_publication(&self, doc: DocId) -> bool {
        let document = &self.documents[doc];
        document.kind == Kind::Section && !document.publication_types().is_empty()
    }

    /// What the section `doc` lists, in its language: sub-sections and pages, each in the section's
    /// language or, when untranslated, in the best other language. Sorted by weight, then newest
    /// first, then title.
    pub fn children(&self, section: DocId) -> (Vec<DocId>, Vec<DocId>) {
        let document = &self.documents[section];
        let mut pages = Vec::new();
        let mut sections = Vec::new();
        for &group in self
            .children_by_dir
            .get(&document.dir)
            .into_iter()
            .flatten()
        {
            let child = self.best_member(group, &document.lang);
            match self.documents[child].kind {
                Kind::Page => pages.push(child),
                Kind::Section => sections.push(child),
            }
        }
        self.sort_for_listing(&mut pages);
        self.sort_for_listing(&mut sections);
        (sections, pages)
    }

    /// The same-language pages before and after `doc` in its section's listing.
    pub fn neighbours(&self, doc: DocId) -> (Option<DocId>, Option<DocId>) {
        self.neighbours.get(&doc).copied().unwrap_or((None, None))
    }

    /// Computed once: sorting a section's listing for each of its pages would be quadratic.
    fn all_neighbours(&self) -> HashMap<DocId, (Option<DocId>, Option<DocId>)> {
        let mut neighbours = HashMap::new();
        for &group in self.sections_by_dir.values() {
            for lang in &self.languages {
                let (_, pages) = self.children(self.best_member(group, lang));
                let siblings: Vec<DocId> = pages
                    .into_iter()
                    .filter(|&page| self.documents[page].lang == *lang)
                    .collect();
                for (position, &page) in siblings.iter().enumerate() {
                    let previous = position.checked_sub(1).map(|index| siblings[index]);
                    neighbours.insert(page, (previous, siblings.get(position + 1).copied()));
                }
            }
        }
        neighbours
    }

    /// Sorts by weight, then newest first, then title: the order depends on every document's front
    /// matter, which is noted once per document rather than once per comparison.
    pub fn sort_for_listing(&self, docs: &mut [DocId]) {
        for &doc in docs.iter() {
            reads::note(reads::Read::Front(doc));
        }
        docs.sort_by(|&a, &b| {
            let (a, b) = (&self.documents[a], &self.documents[b]);
            (a.front.weight.is_none(), a.front.weight)
                .cmp(&(b.front.weight.is_none(), b.front.weight))
                .then_with(|| b.front.date.cmp(&a.front.date))
                .then_with(|| a.front.title.cmp(&b.front.title))
                .then_with(|| a.source_path.cmp(&b.source_path))
        });
    }

    /// The folder of the section that lists `doc`, if any.
    fn parent_dir(&self, doc: DocId) -> Option<&str> {
        let document = &self.documents[doc];
        match document.kind {
            Kind::Page => Some(self.nearest_section_at_or_above(&document.dir)),
            Kind::Section => self.nearest_section_above(&document.dir),
        }
    }

    fn nearest_section_above<'a>(&'a self, dir: &'a str) -> Option<&'a str> {
        if dir.is_empty() {
            return None;
        }
        let parent = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
        Some(self.nearest_section_at_or_above(parent))
    }

    /// The home section (folder `""`) always exists, so the walk up ends there at the latest.
    fn nearest_section_at_or_above<'a>(&'a self, dir: &'a str) -> &'a str {
        let mut current = dir;
        while !current.is_empty() && !self.sections_by_dir.contains_key(current) {
            current = current.rsplit_once('/').map_or("", |(parent, _)| parent);
        }
        current
    }
}

fn parse_documents(
    files: &[ContentFile],
    config: &SiteConfig,
    options: LoadOptions,
) -> Result<Vec<Document>> {
    let results: Vec<Result<Option<Document>>> = files
        .par_iter()
        .map(|file| read_document(file, config, options))
        .collect();
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(Some(document)) => documents.push(document),
            Ok(None) => {}
            Err(error) => errors.push(error),
        }
    }
    Error::collect(errors)?;
    Ok(documents)
}

fn read_document(
    file: &ContentFile,
    config: &SiteConfig,
    options: LoadOptions,
) -> Result<Option<Document>> {
    let text = crate::walk::read_text(&file.absolute, &file.display_path)?;
    crate::clean_text::check_file(&file.display_path, &text)?;
    let split = front_matter::split(&file.display_path, &text)?;
    let front = front_matter::parse(&file.display_path, &text, &split, config)?;
    if front.draft && !options.drafts {
        return Ok(None);
    }
    let body_start = split.body_start;
    let kind = match file.kind {
        FileKind::Section => Kind::Section,
        FileKind::Page | FileKind::Bundle => Kind::Page,
    };
    Ok(Some(Document {
        kind,
        lang: file.lang.clone(),
        source_path: file.display_path.clone(),
        text,
        body_start,
        front,
        neutral_path: file.neutral_path.clone(),
        dir: file.dir.clone(),
        bundle_dir: file.bundle_dir.clone(),
        group: 0,
        id: 0,
    }))
}

/// What reading a document's file again found.
#[derive(Debug)]
pub enum Reread {
    /// The document keeps its place in the site (its URL, translations and whether it is a
    /// publication's landing page); this is how it reads now.
    InPlace(Box<Document>),
    /// The file is gone or a draft now, or its front matter moves it in the site.
    Moved,
}

impl Content {
    /// Reads the file of `doc` again and tells whether the document keeps its place in the site.
    pub fn reread(&self, doc: DocId, config: &SiteConfig, options: LoadOptions) -> Result<Reread> {
        let old = &self.documents[doc];
        let absolute = config.root.join(&old.source_path);
        if !absolute.is_file() {
            return Ok(Reread::Moved);
        }
        let file = ContentFile {
            absolute,
            display_path: old.source_path.clone(),
            kind: match (old.kind, &old.bundle_dir) {
                (Kind::Section, _) => FileKind::Section,
                (Kind::Page, Some(_)) => FileKind::Bundle,
                (Kind::Page, None) => FileKind::Page,
            },
            lang: old.lang.clone(),
            neutral_path: old.neutral_path.clone(),
            dir: old.dir.clone(),
            bundle_dir: old.bundle_dir.clone(),
        };
        Ok(match read_document(&file, config, options)? {
            Some(mut new) if keeps_place(&old.front, &new.front) => {
                new.id = doc;
                new.group = old.group;
                Reread::InPlace(Box::new(new))
            }
            _ => Reread::Moved,
        })
    }

    /// Puts `new`, which [`Content::reread`] found in place, where `doc` was. Returns the document
    /// it replaces and the pages whose neighbours are others now.
    pub fn replace_document(&mut self, doc: DocId, new: Document) -> (Document, Vec<DocId>) {
        let front_changed = new.front != self.documents[doc].front;
        let old = std::mem::replace(&mut self.documents[doc], new);
        if !front_changed {
            return (old, Vec::new());
        }
        let neighbours = self.all_neighbours();
        let mut moved: Vec<DocId> = (0..self.documents.len())
            .filter(|page| neighbours.get(page) != self.neighbours.get(page))
            .collect();
        moved.sort_unstable();
        self.neighbours = neighbours;
        (old, moved)
    }
}

/// Whether a document with front matter `new` instead of `old` stays where it is in the site.
fn keeps_place(old: &FrontMatter, new: &FrontMatter) -> bool {
    old.slug == new.slug
        && old.translation_key == new.translation_key
        && old.draft == new.draft
        && is_publication_type(old) == is_publication_type(new)
}

fn is_publication_type(front: &FrontMatter) -> bool {
    front
        .taxonomies
        .get(PUBLICATION_TAXONOMY)
        .is_some_and(|types| !types.is_empty())
}

/// Every language has a home page, even without a `content/_index.<lang>.md`.
fn add_missing_homes(documents: &mut Vec<Document>, config: &SiteConfig) {
    for language in &config.languages {
        let present = documents
            .iter()
            .any(|d| d.kind == Kind::Section && d.dir.is_empty() && d.lang == language.code);
        if present {
            continue;
        }
        let file_name = if language.code == config.default_language().code {
            "_index.md".to_owned()
        } else {
            format!("_index.{}.md", language.code)
        };
        documents.push(Document {
            kind: Kind::Section,
            lang: language.code.clone(),
            source_path: Path::new(CONTENT_DIR).join(file_name),
            text: String::new(),
            body_start: 0,
            front: FrontMatter {
                title: language.title.clone(),
                description: Some(language.description.clone()).filter(|d| !d.is_empty()),
                ..FrontMatter::default()
            },
            neutral_path: "_index.md".to_owned(),
            dir: String::new(),
            bundle_dir: None,
            group: 0,
            id: 0,
        });
    }
}

#[cfg(test)]
mod tests;
