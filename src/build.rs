//! Runs the pipeline stages in order and reports what was built. This is the only place that knows
//! the order of the stages; each stage only receives what the earlier ones produced. It wires the
//! stages that make files to a sink of the caller's: the output stage's staging folder for a
//! build, so that every file is written as soon as it is made and none is kept. `kennis check`
//! runs the same stages through [`run_stages`], with a sink that drops every file.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::SiteConfig;
use crate::config::search::{SearchSettings, YEAR_FACET};
use crate::content::{Content, LoadOptions};
use crate::error::Result;
use crate::markdown;
use crate::output;
use crate::routes::Routes;
use crate::search::{self, BrowserSearch, IndexSummary, SearchOutput};
use crate::site::{FileRecord, FileSink, LinkStyle, OutputFile};
use crate::templates::{self, RenderedSite, SiteInputs};
use crate::theme::Theme;

/// The theme's UI string that names the year facet of search results.
const YEAR_TITLE_KEY: &str = "search_year";

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's root folder (holding `site.toml`).
    pub root: PathBuf,
    /// Where the site is written; replaced as a whole.
    pub output: PathBuf,
    /// Replaces `base_url` of `site.toml`.
    pub base_url: Option<String>,
    /// Also build pages marked `draft = true`.
    pub drafts: bool,
    /// A copy for reading from disk: every link to a page names its `index.html`.
    pub offline: bool,
    /// Also pack the output into a zip archive.
    pub archive: Option<Archive>,
}

/// Where the zip archive of the output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Archive {
    /// This file.
    At(PathBuf),
    /// `kennis-offline-<date of the newest document>.zip` in this folder, so that the name says
    /// how recent the copy is and stays the same for the same content.
    Dated(PathBuf),
}

impl Archive {
    fn path(&self, content: &Content) -> PathBuf {
        match self {
            Archive::At(path) => path.clone(),
            Archive::Dated(folder) => {
                let newest = content
                    .documents
                    .iter()
                    .filter_map(|document| document.front().updated.or(document.front().date))
                    .max()
                    .map_or_else(|| "undated".to_owned(), |date| date.to_string());
                folder.join(format!("kennis-offline-{newest}.zip"))
            }
        }
    }
}

/// What a successful build produced.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Pages and sections per language, in configured order.
    pub documents_per_language: Vec<(String, usize)>,
    pub taxonomy_pages: usize,
    pub files: usize,
    pub bytes: u64,
    /// The search index of each language.
    pub search_indexes: Vec<IndexSummary>,
    /// Time spent building the search indexes (part of `duration`).
    pub search_duration: Duration,
    pub duration: Duration,
    pub warnings: Vec<String>,
    /// The zip archive written, and its size in bytes.
    pub archive: Option<(PathBuf, u64)>,
}

/// The site as the stages made it, before the output stage writes anything.
pub struct Staged {
    pub config: SiteConfig,
    pub search_settings: SearchSettings,
    pub content: Content,
    pub routes: Routes,
    pub theme: Theme,
    /// The rendered bodies, indexed like `content.documents`.
    pub rendered: Vec<markdown::Rendered>,
    /// Every file of the site (its record; the bytes went to the sink), the search stage's last.
    pub site: RenderedSite,
    /// What the pages were told about the browser search.
    pub browser_search: BrowserSearch,
    /// How many of `site.files`, at its end, the search stage wrote.
    pub search_files: usize,
    pub search_indexes: Vec<IndexSummary>,
    pub search_duration: Duration,
    /// Problems that did not stop the stages, in the order the stages ran.
    pub warnings: Vec<String>,
}

/// Builds the site, telling `progress` what each stage is doing.
pub fn build(options: &BuildOptions, progress: &dyn Fn(&str)) -> Result<BuildReport> {
    build_staged(options, progress).map(|(report, _)| report)
}

/// Builds the site and also hands back what the stages made, for rebuilding it later.
pub fn build_staged(
    options: &BuildOptions,
    progress: &dyn Fn(&str),
) -> Result<(BuildReport, Staged)> {
    let started = Instant::now();
    let config = SiteConfig::load(&options.root, options.base_url.as_deref())?;
    let output = output::lock(&config, &options.output, progress)?;
    progress(&format!(
        "building the site into {}",
        output.path().display()
    ));
    let (staged, written) =
        output.write_site(|sink| run_stages_into(options, config, sink, progress))?;
    let archive = match &options.archive {
        Some(archive) => {
            let path = archive.path(&staged.content);
            progress(&format!("packing {}", path.display()));
            let bytes = output.write_archive(&path)?;
            Some((path, bytes))
        }
        None => None,
    };
    let documents_per_language = staged
        .config
        .languages
        .iter()
        .map(|language| {
            let count = staged
                .content
                .documents
                .iter()
                .filter(|d| d.lang == language.code)
                .count();
            (language.code.clone(), count)
        })
        .collect();
    let report = BuildReport {
        documents_per_language,
        taxonomy_pages: staged.site.pages.len() - staged.content.documents.len(),
        files: written.files,
        bytes: written.bytes,
        search_indexes: staged.search_indexes.clone(),
        search_duration: staged.search_duration,
        duration: started.elapsed(),
        warnings: staged.warnings.clone(),
        archive,
    };
    Ok((report, staged))
}

/// Runs every stage but the output: everything a build verifies, with nothing written.
pub fn run_stages(options: &BuildOptions, progress: &dyn Fn(&str)) -> Result<Staged> {
    let config = SiteConfig::load(&options.root, options.base_url.as_deref())?;
    run_stages_into(options, config, &Unwritten, progress)
}

/// Runs every stage but the output, handing every file they make to `sink`.
pub fn run_stages_into(
    options: &BuildOptions,
    config: SiteConfig,
    sink: &dyn FileSink,
    progress: &dyn Fn(&str),
) -> Result<Staged> {
    let search_settings = SearchSettings::load(&config)?;
    progress("loading content");
    let content = Content::load(
        &config,
        LoadOptions {
            drafts: options.drafts,
        },
    )?;
    let link_style = if options.offline {
        LinkStyle::Files
    } else {
        LinkStyle::Folders
    };
    let routes = Routes::plan_for(&config, &content, &search_settings, link_style)?;
    let theme = Theme::load(&config, routes.static_files().clone())?;
    progress(&format!("rendering {} documents", content.documents.len()));
    let rendered = markdown::render_all(&content, &routes, &theme, config.raw_html)?;
    progress("building the search index");
    let search_started = Instant::now();
    let search = build_search(
        &config,
        &content,
        &routes,
        &theme,
        &rendered,
        &search_settings,
    )?;
    let search_duration = search_started.elapsed();
    // The indexes go first, so that their bytes are gone before the pages are rendered.
    let search_files = hand_over(search.files, sink)?;
    let mut site = templates::render_site(
        &SiteInputs {
            config: &config,
            content: &content,
            routes: &routes,
            rendered: &rendered,
            theme: &theme,
            search: Some(&search.browser),
        },
        sink,
    )?;
    let search_count = search_files.len();
    site.files.extend(search_files);
    let warnings = collect_warnings(&content, &routes, &theme, &rendered);
    Ok(Staged {
        config,
        search_settings,
        content,
        routes,
        theme,
        rendered,
        site,
        browser_search: search.browser,
        search_files: search_count,
        search_indexes: search.indexes,
        search_duration,
        warnings,
    })
}

/// Hands `files` to `sink` one after another and keeps their records.
pub fn hand_over(files: Vec<OutputFile>, sink: &dyn FileSink) -> Result<Vec<FileRecord>> {
    files.into_iter().map(|file| file.hand_to(sink)).collect()
}

/// The sink of `kennis check`, which writes nothing.
struct Unwritten;

impl FileSink for Unwritten {
    fn accept(&self, _: OutputFile) -> Result<()> {
        Ok(())
    }
}

/// The search stage, with the theme's title for the year facet.
pub fn build_search(
    config: &SiteConfig,
    content: &Content,
    routes: &Routes,
    theme: &Theme,
    rendered: &[markdown::Rendered],
    search_settings: &SearchSettings,
) -> Result<SearchOutput> {
    // The year facet has no taxonomy to take its title from; the theme's UI strings give it.
    let year_title = |lang: &str| {
        let title = theme.translations().get(lang, YEAR_TITLE_KEY);
        title.unwrap_or(YEAR_FACET).to_owned()
    };
    search::build_indexes(
        config,
        content,
        routes,
        rendered,
        search_settings,
        &year_title,
    )
}

/// The problems the stages noted without stopping, in the order the stages ran.
pub fn collect_warnings(
    content: &Content,
    routes: &Routes,
    theme: &Theme,
    rendered: &[markdown::Rendered],
) -> Vec<String> {
    let markdown_warnings = rendered
        .iter()
        .flat_map(|document| document.warnings.iter().cloned());
    content
        .warnings
        .iter()
        .chain(routes.static_files().warnings())
        .chain(theme.warnings())
        .cloned()
        .chain(markdown_warnings)
        .collect()
}

impl BuildReport {
    /// One line for people and CI logs.
    pub fn summary(&self) -> String {
        let languages: Vec<String> = self
            .documents_per_language
            .iter()
            .map(|(lang, count)| format!("{lang} {count}"))
            .collect();
        let total: usize = self
            .documents_per_language
            .iter()
            .map(|(_, count)| count)
            .sum();
        let warnings = match self.warnings.len() {
            0 => String::new(),
            1 => ", 1 warning".to_owned(),
            n => format!(", {n} warnings"),
        };
        let archive = match &self.archive {
            Some((path, bytes)) => format!(
                "; packed into {} ({:.1} MB)",
                path.display(),
                *bytes as f64 / 1_000_000.0
            ),
            None => String::new(),
        };
        let search_bytes: u64 = self.search_indexes.iter().map(|index| index.bytes).sum();
        let sections: usize = self.search_indexes.iter().map(|index| index.sections).sum();
        format!(
            "built {total} pages ({}) and {} taxonomy pages; wrote {} files ({:.1} MB) in {:.2} s; search index {:.0} kB for {sections} sections in {:.2} s{archive}{warnings}",
            languages.join(", "),
            self.taxonomy_pages,
            self.files,
            self.bytes as f64 / 1_000_000.0,
            self.duration.as_secs_f64(),
            search_bytes as f64 / 1000.0,
            self.search_duration.as_secs_f64(),
        )
    }
}
