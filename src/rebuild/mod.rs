//! Rebuilding a site while `kennis serve` previews it. A [`Session`] keeps what the last good build
//! made — content, routes, theme, rendered bodies, the browser search, what each part of the site
//! read of the content, and the record (path and fingerprint, not the bytes) of every output file —
//! and takes in the sources that changed since. When the changed documents keep their place in the
//! site (the same URLs, translations and pages), it renders their bodies again and the parts of the
//! site that read what changed (bodies, front matter, the listings of terms; see
//! [`content::reads`]), writes the files that differ, and leaves the search indexes for a second step
//! ([`Session::update_search`]), so that the open page reloads first; any other change runs every
//! stage again. Either way the stages hand their files to an [`output::Pending`] sink, which keeps
//! only those that differ from the records; they are written in place once every stage succeeded,
//! and the folder ends up as a whole build would write it.
//! Stages decide every URL and every byte; this module only chooses which of them to run again.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::build::{self, BuildOptions, BuildReport, Staged};
use crate::config::SiteConfig;
use crate::content::reads::{Read, TermKey};
use crate::content::{self, Content, DocId, Document, FrontMatter, LoadOptions, Reread};
use crate::error::{Error, Result};
use crate::markdown::{self, Rendered};
use crate::output::{self, Change, Pending};
use crate::site::{FileRecord, PageRecord, SitePath};
use crate::templates::{self, Part, PartRecord, SiteInputs, TaxonomyIndex};

/// The state of a preview between rebuilds.
pub struct Session {
    options: BuildOptions,
    /// `options.root` as an absolute path, the form in which changed paths arrive.
    root: PathBuf,
    staged: Staged,
    /// Where each output file is in `staged.site.files`.
    positions: HashMap<SitePath, usize>,
    /// Which document each source file is, by absolute path.
    documents: HashMap<PathBuf, DocId>,
    /// The absolute paths of the files content copies.
    assets: HashSet<PathBuf>,
    /// Sources changed since the last good build: a failed rebuild keeps them for the next one.
    changed: BTreeSet<PathBuf>,
    /// The bodies changed since the search indexes were built.
    search_outdated: bool,
}

/// What a rebuild did, for the person previewing.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// Every stage ran again (`Some`), or only the changed bodies were rendered again (`None`).
    pub full: Option<BuildReport>,
    /// Documents whose bodies were rendered again.
    pub documents: usize,
    /// Files written or removed.
    pub files_changed: usize,
    pub duration: Duration,
    pub warnings: Vec<String>,
}

/// What brings the state up to date with the sources.
enum Plan {
    /// These documents changed but keep their place in the site: each as it reads now.
    InPlace(Vec<Document>),
    /// Anything else: every stage again.
    Everything,
    /// Nothing that the site is made of changed (an editor's temporary file).
    Nothing,
}

impl Session {
    /// Builds the site into `options.output` as `kennis build` does and keeps what it made.
    pub fn start(options: BuildOptions, progress: &dyn Fn(&str)) -> Result<(Session, BuildReport)> {
        let root = std::path::absolute(&options.root)
            .map_err(|error| Error::io("cannot resolve", &options.root, error))?;
        let (report, staged) = build::build_staged(&options, progress)?;
        let session = Session {
            options,
            positions: positions(&staged.site.files),
            documents: documents_by_path(&root, &staged.content),
            assets: asset_paths(&root, &staged.content),
            root,
            staged,
            changed: BTreeSet::new(),
            search_outdated: false,
        };
        Ok((session, report))
    }

    /// Takes in the sources at `changed` (absolute paths) and every change not yet built, and
    /// brings the output folder up to date. On an error the last good site stays as it was.
    pub fn rebuild(&mut self, changed: impl IntoIterator<Item = PathBuf>) -> Result<Rebuilt> {
        let started = Instant::now();
        self.changed.extend(changed);
        let rebuilt = match self.plan()? {
            Plan::Nothing => Ok(self.rebuilt(None, 0, 0, started)),
            Plan::InPlace(in_place) => self.rebuild_in_place(in_place, started),
            Plan::Everything => self.rebuild_everything(started),
        }?;
        self.changed.clear();
        Ok(rebuilt)
    }

    /// Whether [`Session::update_search`] has work to do.
    pub fn search_outdated(&self) -> bool {
        self.search_outdated
    }

    /// Builds the search indexes again after bodies changed and writes the files that differ.
    /// Returns whether pages changed too (they name the search files they load).
    pub fn update_search(&mut self) -> Result<bool> {
        if !self.search_outdated {
            return Ok(false);
        }
        let staged = &self.staged;
        let search = build::build_search(
            &staged.config,
            &staged.content,
            &staged.routes,
            &staged.theme,
            &staged.rendered,
            &staged.search_settings,
        )?;
        if search.browser != staged.browser_search {
            // Pages name the search files; when those names change, every page does.
            self.rebuild_everything(Instant::now())?;
            return Ok(true);
        }
        let pages_end = staged.site.files.len() - staged.search_files;
        let pending = Pending::against(&staged.site.files[pages_end..]);
        let search_files = build::hand_over(search.files, &pending)?;
        self.lock()?.update(&pending.changes(&search_files))?;
        let files = &mut self.staged.site.files;
        files.truncate(pages_end);
        self.staged.search_files = search_files.len();
        files.extend(search_files);
        self.staged.search_indexes = search.indexes;
        self.positions = positions(&self.staged.site.files);
        self.search_outdated = false;
        Ok(false)
    }

    fn plan(&self) -> Result<Plan> {
        let content_dir = self.root.join(content::CONTENT_DIR);
        let load = LoadOptions {
            drafts: self.options.drafts,
        };
        let mut in_place = Vec::new();
        for path in &self.changed {
            if let Some(&doc) = self.documents.get(path) {
                match self.staged.content.reread(doc, &self.staged.config, load)? {
                    Reread::InPlace(new) if new.text == self.staged.content.documents[doc].text => {
                    }
                    Reread::InPlace(new) => in_place.push(*new),
                    Reread::Moved => return Ok(Plan::Everything),
                }
            } else if !is_never_content(path, &content_dir) || self.assets.contains(path) {
                return Ok(Plan::Everything);
            }
        }
        if in_place.is_empty() {
            Ok(Plan::Nothing)
        } else if self.carried_terms_change(&in_place) {
            // A term that gets its first document, or loses its last, gets or loses its pages.
            Ok(Plan::Everything)
        } else {
            Ok(Plan::InPlace(in_place))
        }
    }

    fn carried_terms_change(&self, in_place: &[Document]) -> bool {
        let documents = &self.staged.content.documents;
        if in_place
            .iter()
            .all(|new| new.front() == documents[new.id].front())
        {
            return false;
        }
        let carried_now =
            in_place
                .iter()
                .fold(documents.iter().collect::<Vec<_>>(), |mut now, new| {
                    now[new.id] = new;
                    now
                });
        carried_terms(documents.iter()) != carried_terms(carried_now.into_iter())
    }

    fn rebuild_in_place(&mut self, in_place: Vec<Document>, started: Instant) -> Result<Rebuilt> {
        let docs: Vec<DocId> = in_place.iter().map(|new| new.id).collect();
        let mut changed = Changed::default();
        let mut before = Vec::with_capacity(docs.len());
        for new in in_place {
            let old = self.staged.content.documents[new.id].front();
            changed.note(&self.staged.config, new.id, old, new.front());
            let (old, moved_neighbours) = self.staged.content.replace_document(new.id, new);
            changed
                .parts
                .extend(moved_neighbours.into_iter().map(Part::Document));
            before.push(old);
        }
        let pending = Pending::against(&self.staged.site.files);
        let outcome = self.render_changed(&docs, &changed, &pending);
        let rendered_again = match outcome {
            Ok(Some(parts)) => match self.take_in(parts, pending) {
                Ok(Some(files_changed)) => {
                    self.search_outdated = true;
                    return Ok(self.rebuilt(None, docs.len(), files_changed, started));
                }
                Ok(None) => None,
                Err(error) => Some(error),
            },
            Ok(None) => None,
            Err(error) => Some(error),
        };
        for old in before {
            self.staged.content.replace_document(old.id, old);
        }
        match rendered_again {
            Some(error) => Err(error),
            // The parts of the site changed shape: only a whole build gets that right.
            None => self.rebuild_everything(started),
        }
    }

    /// Renders the bodies of `docs` into the state (the old ones go back on failure) and the parts
    /// of the site that read what changed; `None` when a part made a file it did not make before.
    fn render_changed(
        &mut self,
        docs: &[DocId],
        changed: &Changed,
        pending: &Pending,
    ) -> Result<Option<Rerendered>> {
        let staged = &self.staged;
        let mut bodies = markdown::render_again(
            &staged.content,
            &staged.routes,
            &staged.theme,
            staged.config.raw_html,
            &staged.rendered,
            docs,
        )?;
        self.swap_bodies(docs, &mut bodies);
        let parts = self.render_readers(changed, pending);
        if parts.is_err() {
            self.swap_bodies(docs, &mut bodies);
        }
        parts.map(Some)
    }

    fn swap_bodies(&mut self, docs: &[DocId], bodies: &mut [Rendered]) {
        for (&doc, body) in docs.iter().zip(bodies) {
            std::mem::swap(&mut self.staged.rendered[doc], body);
        }
    }

    fn render_readers(&self, changed: &Changed, pending: &Pending) -> Result<Rerendered> {
        let staged = &self.staged;
        let (positions, readers): (Vec<usize>, Vec<Part>) = staged
            .site
            .parts
            .iter()
            .enumerate()
            .filter(|(_, record)| {
                changed.parts.contains(&record.part) || record.read_any(&changed.reads)
            })
            .map(|(position, record)| (position, record.part))
            .unzip();
        let inputs = SiteInputs {
            config: &staged.config,
            content: &staged.content,
            routes: &staged.routes,
            rendered: &staged.rendered,
            theme: &staged.theme,
            search: Some(&staged.browser_search),
        };
        // Only front matter decides what the taxonomies list.
        let taxonomies = changed
            .fronts
            .then(|| TaxonomyIndex::build(&staged.config, &staged.content));
        let parts = templates::render_parts(
            &inputs,
            taxonomies.as_ref().unwrap_or(&staged.site.taxonomies),
            &readers,
            pending,
        )?;
        let mut files = Vec::new();
        let mut records = HashMap::new();
        for (position, part) in positions.into_iter().zip(parts) {
            files.extend(part.files);
            let record = PartRecord {
                part: part.part,
                pages: part.pages,
                reads: part.reads,
            };
            records.insert(position, record);
        }
        let pages_changed = records
            .iter()
            .any(|(&position, record)| staged.site.parts[position].pages != record.pages);
        // The feeds read front matter, and the sitemap every page's record.
        let pages = (pages_changed || changed.fronts).then(|| {
            let record = |position: usize| records.get(&position);
            let pages = staged
                .site
                .parts
                .iter()
                .enumerate()
                .flat_map(|(position, old)| record(position).unwrap_or(old).pages.iter().cloned());
            pages.collect::<Vec<PageRecord>>()
        });
        if let Some(pages) = &pages {
            files.extend(templates::render_site_files(&inputs, pages, pending)?);
        }
        Ok(Rerendered {
            files,
            records,
            pages,
            taxonomies,
        })
    }

    /// Writes the files rendered again that differ (those `pending` kept) and keeps their records;
    /// `None`, with nothing written, when one of them is a file the site did not have before.
    fn take_in(&mut self, rendered: Rerendered, pending: Pending) -> Result<Option<usize>> {
        let mut replaced = Vec::new();
        for file in rendered.files {
            let Some(&position) = self.positions.get(&file.path) else {
                return Ok(None);
            };
            replaced.push((position, file));
        }
        let records: Vec<FileRecord> = replaced.iter().map(|(_, file)| file.clone()).collect();
        let changes: Vec<Change> = pending
            .writes(&records)
            .into_iter()
            .map(Change::Write)
            .collect();
        self.lock()?.update(&changes)?;
        let files_changed = changes.len();
        for (position, file) in replaced {
            self.staged.site.files[position] = file;
        }
        for (position, record) in rendered.records {
            self.staged.site.parts[position] = record;
        }
        if let Some(pages) = rendered.pages {
            self.staged.site.pages = pages;
        }
        if let Some(taxonomies) = rendered.taxonomies {
            self.staged.site.taxonomies = taxonomies;
        }
        let staged = &self.staged;
        self.staged.warnings = build::collect_warnings(
            &staged.content,
            &staged.routes,
            &staged.theme,
            &staged.rendered,
        );
        Ok(Some(files_changed))
    }

    fn rebuild_everything(&mut self, started: Instant) -> Result<Rebuilt> {
        let config = SiteConfig::load(&self.options.root, self.options.base_url.as_deref())?;
        let pending = Pending::against(&self.staged.site.files);
        let staged = build::run_stages_into(&self.options, config, &pending, &|_| {})?;
        let files_changed = {
            let output = self.lock()?;
            let changes = pending.changes(&staged.site.files);
            output.update(&changes)?;
            changes.len()
        };
        self.positions = positions(&staged.site.files);
        self.documents = documents_by_path(&self.root, &staged.content);
        self.assets = asset_paths(&self.root, &staged.content);
        let report = BuildReport {
            documents_per_language: Vec::new(),
            taxonomy_pages: staged.site.pages.len() - staged.content.documents.len(),
            files: staged.site.files.len(),
            bytes: 0,
            search_indexes: staged.search_indexes.clone(),
            search_duration: staged.search_duration,
            duration: started.elapsed(),
            warnings: staged.warnings.clone(),
            archive: None,
        };
        self.staged = staged;
        self.search_outdated = false;
        let documents = self.staged.content.documents.len();
        Ok(self.rebuilt(Some(report), documents, files_changed, started))
    }

    fn lock(&self) -> Result<output::LockedOutput> {
        output::lock(&self.staged.config, &self.options.output, &|_| {})
    }

    fn rebuilt(
        &self,
        full: Option<BuildReport>,
        documents: usize,
        files_changed: usize,
        started: Instant,
    ) -> Rebuilt {
        Rebuilt {
            full,
            documents,
            files_changed,
            duration: started.elapsed(),
            warnings: self.staged.warnings.clone(),
        }
    }
}

impl Rebuilt {
    /// One line for the terminal.
    pub fn summary(&self) -> String {
        let what = if self.full.is_some() {
            "rebuilt the whole site".to_owned()
        } else {
            match self.documents {
                0 => "nothing to rebuild".to_owned(),
                1 => "rebuilt 1 changed page".to_owned(),
                n => format!("rebuilt {n} changed pages"),
            }
        };
        let files = match self.files_changed {
            1 => "1 file".to_owned(),
            n => format!("{n} files"),
        };
        format!(
            "{what}: {files} written or removed in {:.3} s",
            self.duration.as_secs_f64()
        )
    }
}

fn positions(files: &[FileRecord]) -> HashMap<SitePath, usize> {
    files
        .iter()
        .enumerate()
        .map(|(position, file)| (file.path.clone(), position))
        .collect()
}

/// Parts of the site rendered again.
struct Rerendered {
    files: Vec<FileRecord>,
    /// The new records of the parts, by their position in the site's.
    records: HashMap<usize, PartRecord>,
    /// Every page's record, when some changed or front matter did (the site files were rendered).
    pages: Option<Vec<PageRecord>>,
    /// The taxonomies' listings, when front matter changed.
    taxonomies: Option<TaxonomyIndex>,
}

/// What changed in documents that keep their place, in terms of what parts of the site read.
#[derive(Default)]
struct Changed {
    reads: BTreeSet<Read>,
    /// Parts to render again whatever they read (pages whose neighbours are others now).
    parts: HashSet<Part>,
    /// Whether some front matter changed.
    fronts: bool,
}

impl Changed {
    fn note(&mut self, config: &SiteConfig, doc: DocId, old: &FrontMatter, new: &FrontMatter) {
        self.reads.insert(Read::Body(doc));
        if old == new {
            return;
        }
        self.fronts = true;
        self.reads.insert(Read::Front(doc));
        // Term listings are sorted on these.
        let reordered = (old.date, old.weight, &old.title) != (new.date, new.weight, &new.title);
        let (old, new) = (terms_of(old), terms_of(new));
        let key = |&(taxonomy, term): &(&str, &str)| TermKey::of(config, taxonomy, term);
        let joined_or_left: Vec<TermKey> = old.symmetric_difference(&new).filter_map(key).collect();
        self.reads
            .extend(joined_or_left.iter().copied().map(Read::TermCount));
        self.reads
            .extend(joined_or_left.into_iter().map(Read::TermItems));
        if reordered {
            self.reads
                .extend(old.intersection(&new).filter_map(key).map(Read::TermItems));
        }
    }
}

/// The taxonomy terms that front matter gives, as (taxonomy, term).
fn terms_of(front: &FrontMatter) -> HashSet<(&str, &str)> {
    front
        .taxonomies
        .iter()
        .flat_map(|(taxonomy, terms)| {
            terms
                .iter()
                .map(move |term| (taxonomy.as_str(), term.as_str()))
        })
        .collect()
}

/// The taxonomy terms that some of `documents` carry.
fn carried_terms<'a>(documents: impl Iterator<Item = &'a Document>) -> HashSet<(&'a str, &'a str)> {
    documents
        .flat_map(|document| terms_of(document.front()))
        .collect()
}

/// Where each document's source is, as changed paths arrive (absolute).
fn documents_by_path(root: &Path, content: &Content) -> HashMap<PathBuf, DocId> {
    content
        .documents
        .iter()
        .map(|document| (root.join(&document.source_path), document.id))
        .collect()
}

fn asset_paths(root: &Path, content: &Content) -> HashSet<PathBuf> {
    content
        .assets
        .iter()
        .map(|asset| root.join(&asset.source))
        .collect()
}

/// A path in `content/` that no build reads: a name content leaves out (an editor's backup or swap
/// file), or something that is gone again and was no document (a save's temporary file).
fn is_never_content(path: &Path, content_dir: &Path) -> bool {
    let Ok(inside) = path.strip_prefix(content_dir) else {
        return false;
    };
    let ignored = inside
        .components()
        .any(|part| content::is_ignored(&part.as_os_str().to_string_lossy()));
    ignored || !path.exists()
}
