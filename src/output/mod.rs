//! Stage 7: output. Adds the site-wide files (sitemap with hreflang alternates, an Atom feed per
//! language, robots.txt) at the URLs the routes gave them to what the earlier stages produced, and
//! writes it all atomically: into a fresh folder beside the output folder, swapped in only when
//! everything was written. A failed build leaves the previous output untouched. Nothing is written
//! outside the output folder, and no URL is decided here.

mod feeds;
mod sitemap;
mod swap;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::content::Content;
use crate::error::{Error, Result};
use crate::routes::Routes;
use crate::site::{OutputFile, PageRecord, Source};

/// Present in every output folder kennis wrote, so that it never replaces a folder it did not write.
pub const MARKER_FILE: &str = ".kennis-output";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteSummary {
    pub files: usize,
    pub bytes: u64,
}

/// What the output stage receives.
pub struct SiteFiles<'a> {
    pub config: &'a SiteConfig,
    pub content: &'a Content,
    pub routes: &'a Routes,
    /// Every file the earlier stages produced, each at a URL the routes gave it.
    pub files: Vec<OutputFile>,
    /// The HTML pages among them, for the sitemap.
    pub pages: &'a [PageRecord],
}

/// Writes the site into `output_dir`, replacing its previous content in one step.
pub fn write_site(site: SiteFiles<'_>, output_dir: &Path) -> Result<WriteSummary> {
    let SiteFiles {
        config,
        content,
        routes,
        mut files,
        pages,
    } = site;
    check_output_dir(config, output_dir)?;
    let sitemap = sitemap::sitemap(&config.base_url, pages);
    files.push(OutputFile::generated(
        Routes::sitemap(),
        sitemap.into_bytes(),
    ));
    let robots = robots(config);
    files.push(OutputFile::generated(Routes::robots(), robots.into_bytes()));
    for language in &config.languages {
        if let Some(feed) = routes.feed(&language.code) {
            let atom = feeds::atom(config, content, routes, language);
            files.push(OutputFile::generated(feed.clone(), atom.into_bytes()));
        }
    }
    swap::replace_dir(output_dir, |staging| write_all(staging, &files))
}

fn robots(config: &SiteConfig) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.base_url.join(Routes::sitemap().as_str())
    )
}

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<WriteSummary> {
    let bytes = files
        .par_iter()
        .map(|file| {
            let target = staging.join(file.path.output_file());
            if let Some(folder) = target.parent() {
                // Tolerates a sibling's thread creating the same folder at the same time.
                fs::create_dir_all(folder)
                    .map_err(|error| Error::io("cannot create", folder, error))?;
            }
            match &file.source {
                Source::Bytes(bytes) => fs::write(&target, bytes)
                    .map(|()| bytes.len() as u64)
                    .map_err(|error| Error::io("cannot write", &target, error)),
                Source::File(source) => fs::copy(source, &target)
                    .map_err(|error| Error::io("cannot copy", source, error)),
            }
        })
        .collect::<Result<Vec<u64>>>()?
        .into_iter()
        .sum();
    fs::write(
        staging.join(MARKER_FILE),
        "Written by kennis; the whole folder is replaced on every build.\n",
    )
    .map_err(|error| Error::io("cannot write", staging.join(MARKER_FILE), error))?;
    Ok(WriteSummary {
        files: files.len(),
        bytes,
    })
}

/// The output folder must not hold the site's sources, and must be a folder kennis wrote (or absent
/// or empty).
fn check_output_dir(config: &SiteConfig, output_dir: &Path) -> Result<()> {
    let output = absolute(output_dir);
    let root = absolute(&config.root);
    if root.starts_with(&output) {
        return Err(Error::usage(
            format!(
                "the output folder {} contains the site itself",
                output_dir.display()
            ),
            Some("choose an output folder inside or beside the site, such as public/".to_owned()),
        ));
    }
    for source in ["content", "themes", "templates", "static"] {
        if output.starts_with(root.join(source)) {
            return Err(Error::usage(
                format!(
                    "the output folder {} is inside the site's {source}/ folder",
                    output_dir.display()
                ),
                None,
            ));
        }
    }
    let written_by_us = output.join(MARKER_FILE).is_file();
    let empty = fs::read_dir(&output).map_or(true, |mut entries| entries.next().is_none());
    if output.exists() && !written_by_us && !empty {
        return Err(Error::usage(
            format!(
                "{} exists and was not written by kennis; it is left alone",
                output_dir.display()
            ),
            Some("remove it yourself or choose another --output folder".to_owned()),
        ));
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    normal
}
