//! Rebuilding a site while `kennis serve` previews it. A [`Session`] keeps what the last good build
//! made — content, routes, theme, rendered bodies, the browser search and the record (path and
//! fingerprint, not the bytes) of every output file — and takes in the sources that changed since. When only the Markdown bodies of existing documents
//! changed, it renders those bodies again and the parts of the site that read them, writes the
//! pages that differ, and leaves the search indexes for a second step ([`Session::update_search`]),
//! so that the open page reloads first; any other change runs every stage again. Either way the
//! stages hand their files to an [`output::Pending`] sink, which keeps only those that differ from
//! the records; they are written in place once every stage succeeded, and the folder ends up as a
//! whole build would write it.
//! Stages decide every URL and every byte; this module only chooses which of them to run again.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::build::{self, BuildOptions, BuildReport, Staged};
use crate::config::SiteConfig;
use crate::content::{self, DocId, LoadOptions, Reread};
use crate::error::{Error, Result};
use crate::markdown::{self, Rendered};
use crate::output::{self, Change, Pending};
use crate::site::{FileRecord, SitePath};
use crate::templates::{self, Part, RenderedPart, SiteInputs};

/// The state of a preview between rebuilds.
pub struct Session {
    options: BuildOptions,
    /// `options.root` as an absolute path, the form in which changed paths arrive.
    root: PathBuf,
    staged: Staged,
    /// Where each output file is in `staged.site.files`.
    positions: HashMap<SitePath, usize>,
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
    /// Only these documents' bodies changed: each with its new text and where its body starts.
    Bodies(Vec<(DocId, String, usize)>),
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
            root,
            positions: positions(&staged.site.files),
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
            Plan::Bodies(bodies) => self.rebuild_bodies(bodies, started),
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
        let documents: HashMap<PathBuf, DocId> = self
            .staged
            .content
            .documents
            .iter()
            .enumerate()
            .map(|(doc, document)| (self.root.join(&document.source_path), doc))
            .collect();
        let load = LoadOptions {
            drafts: self.options.drafts,
        };
        let mut bodies = Vec::new();
        for path in &self.changed {
            if let Some(&doc) = documents.get(path) {
                match self.staged.content.reread(doc, &self.staged.config, load)? {
                    Reread::BodyOnly { text, .. }
                        if text == self.staged.content.documents[doc].text => {}
                    Reread::BodyOnly { text, body_start } => bodies.push((doc, text, body_start)),
                    Reread::Other => return Ok(Plan::Everything),
                }
            } else if !is_never_content(path, &content_dir) || self.was_asset(path) {
                return Ok(Plan::Everything);
            }
        }
        Ok(if bodies.is_empty() {
            Plan::Nothing
        } else {
            Plan::Bodies(bodies)
        })
    }

    fn rebuild_bodies(
        &mut self,
        bodies: Vec<(DocId, String, usize)>,
        started: Instant,
    ) -> Result<Rebuilt> {
        let docs: Vec<DocId> = bodies.iter().map(|(doc, ..)| *doc).collect();
        let mut before = Vec::with_capacity(docs.len());
        for (doc, text, body_start) in bodies {
            let document = &self.staged.content.documents[doc];
            before.push((doc, document.text.clone(), document.body_start));
            self.staged.content.replace_body(doc, text, body_start);
        }
        let pending = Pending::against(&self.staged.site.files);
        let outcome = self.render_bodies(&docs, &pending);
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
        for (doc, text, body_start) in before {
            self.staged.content.replace_body(doc, text, body_start);
        }
        match rendered_again {
            Some(error) => Err(error),
            // The parts of the site changed shape: only a whole build gets that right.
            None => self.rebuild_everything(started),
        }
    }

    /// Renders the new bodies of `docs` into the state (the old ones go back on failure) and the
    /// parts of the site that read them; `None` when a part's page records changed.
    fn render_bodies(
        &mut self,
        docs: &[DocId],
        pending: &Pending,
    ) -> Result<Option<Vec<RenderedPart>>> {
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
        let parts = self.render_readers(docs, pending);
        if !matches!(parts, Ok(Some(_))) {
            self.swap_bodies(docs, &mut bodies);
        }
        parts
    }

    fn swap_bodies(&mut self, docs: &[DocId], bodies: &mut [Rendered]) {
        for (&doc, body) in docs.iter().zip(bodies) {
            std::mem::swap(&mut self.staged.rendered[doc], body);
        }
    }

    fn render_readers(
        &self,
        docs: &[DocId],
        pending: &Pending,
    ) -> Result<Option<Vec<RenderedPart>>> {
        let staged = &self.staged;
        let readers: Vec<Part> = staged
            .site
            .parts
            .iter()
            .filter(|part| part.bodies_read.iter().any(|doc| docs.contains(doc)))
            .map(|part| part.part)
            .collect();
        let inputs = SiteInputs {
            config: &staged.config,
            content: &staged.content,
            routes: &staged.routes,
            rendered: &staged.rendered,
            theme: &staged.theme,
            search: Some(&staged.browser_search),
        };
        let parts = templates::render_parts(&inputs, &readers, pending)?;
        let same_shape = parts.iter().all(|part| {
            let before = staged.site.parts.iter().find(|old| old.part == part.part);
            before.is_some_and(|old| old.pages == part.pages && old.bodies_read == part.bodies_read)
        });
        Ok(same_shape.then_some(parts))
    }

    /// Writes the files of `parts` that differ (those `pending` kept) and keeps their records;
    /// `None`, with nothing written, when a part made a file it did not make before.
    fn take_in(&mut self, parts: Vec<RenderedPart>, pending: Pending) -> Result<Option<usize>> {
        let mut replaced = Vec::new();
        for file in parts.into_iter().flat_map(|part| part.files) {
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

    fn was_asset(&self, path: &Path) -> bool {
        let assets = &self.staged.content.assets;
        assets
            .iter()
            .any(|asset| self.root.join(&asset.source) == path || asset.source == path)
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
