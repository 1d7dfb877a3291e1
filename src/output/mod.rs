//! Stage 5: output. Adds the site-wide files (sitemap with hreflang alternates, an Atom feed per
//! language, robots.txt) to what the templates produced and writes it all atomically: into a fresh
//! folder beside the output folder, swapped in only when everything was written. A failed build
//! leaves the previous output untouched. Nothing is written outside the output folder.

mod feeds;
mod sitemap;
mod swap;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::content::Content;
use crate::error::{Error, Result};
use crate::site_path::SitePath;
use crate::templates::RenderedSite;

/// A file of the finished site: what the templates and search stages hand to this stage.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: SitePath,
    pub source: Source,
}

/// Where the bytes of an output file come from.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    Bytes(Vec<u8>),
}

/// Present in every output folder kennis wrote, so that it never replaces a folder it did not write.
pub const MARKER_FILE: &str = ".kennis-output";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteSummary {
    pub files: usize,
    pub bytes: u64,
}

/// Writes the site into `output_dir`, replacing its previous content in one step.
pub fn write_site(
    config: &SiteConfig,
    content: &Content,
    site: RenderedSite,
    output_dir: &Path,
) -> Result<WriteSummary> {
    check_output_dir(config, output_dir)?;
    let mut files = site.files;
    files.push(text_file(
        "sitemap.xml",
        sitemap::sitemap(&config.base_url, &site.pages),
    ));
    files.push(text_file("robots.txt", robots(config)));
    for language in &config.languages {
        let path = crate::templates::feed_path(language);
        files.push(OutputFile {
            path,
            source: Source::Bytes(feeds::atom(config, content, language).into_bytes()),
        });
    }
    let files = unique(files)?;
    swap::replace_dir(output_dir, |staging| write_all(staging, &files))
}

fn text_file(name: &str, text: String) -> OutputFile {
    OutputFile {
        path: SitePath::file(name).unwrap_or_else(SitePath::root),
        source: Source::Bytes(text.into_bytes()),
    }
}

/// Text as XML character data or attribute value.
fn xml_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut escaped, text).ok();
    escaped
}

fn robots(config: &SiteConfig) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.base_url.join("sitemap.xml")
    )
}

/// Every output path is written once; two sources for one path is an error.
fn unique(files: Vec<OutputFile>) -> Result<Vec<OutputFile>> {
    let mut by_path: BTreeMap<String, OutputFile> = BTreeMap::new();
    let mut errors = Vec::new();
    for file in files {
        let key = file.path.output_file();
        if let Some(existing) = by_path.get(&key) {
            let describe = |source: &Source| match source {
                Source::File(path) => path.display().to_string(),
                Source::Bytes(_) => "a generated page".to_owned(),
            };
            errors.push(Error::usage(
                format!(
                    "two files would be written to {key}: {} and {}",
                    describe(&existing.source),
                    describe(&file.source)
                ),
                Some("rename one of them or give the page another slug".to_owned()),
            ));
            continue;
        }
        by_path.insert(key, file);
    }
    Error::collect(errors)?;
    Ok(by_path.into_values().collect())
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
