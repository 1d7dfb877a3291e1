//! `kennis check`: everything a build verifies, with nothing written to the output folder, plus
//! the external links of the content. It runs the build's stages through
//! [`crate::build::run_stages`], turns their errors and warnings into [`Finding`]s and adds its own
//! checks' findings to the same list, which is told as text or JSON. It changes no input; the one
//! file it writes is the link cache in the site's root ([`cache`]).

mod cache;
mod findings;
mod http;
mod links;

use std::path::PathBuf;

use crate::build::{BuildOptions, run_stages};

pub use cache::CACHE_FILE;
pub use findings::{CheckReport, ExternalLinks, Finding, Kind, LinkCounts, Severity};
use links::LinkPlace;

#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The site's root folder (holding `site.toml`).
    pub root: PathBuf,
    /// Also check pages marked `draft = true`.
    pub drafts: bool,
    /// Leave external links alone.
    pub offline: bool,
}

/// Checks the site, telling `progress` what it is doing.
pub fn check(options: &CheckOptions, progress: &dyn Fn(&str)) -> CheckReport {
    let build = BuildOptions {
        root: options.root.clone(),
        // The stages never write; the output stage, which would, is not run.
        output: options.root.join("public"),
        base_url: None,
        drafts: options.drafts,
        offline: false,
        archive: None,
    };
    let staged = match run_stages(&build, progress) {
        Ok(staged) => staged,
        Err(error) => {
            return CheckReport::new(Finding::from_error(error), 0, ExternalLinks::BuildFailed);
        }
    };
    let mut findings: Vec<Finding> = staged
        .warnings
        .iter()
        .map(|warning| Finding::from_warning(warning))
        .collect();
    findings.extend(translation_findings(&options.root, &staged.content));
    let external_links = if options.offline {
        ExternalLinks::NotChecked
    } else {
        let places: Vec<LinkPlace> = staged
            .content
            .documents
            .iter()
            .zip(&staged.rendered)
            .flat_map(|(document, rendered)| {
                rendered.external_links.iter().map(|link| LinkPlace {
                    url: link.url.clone(),
                    file: document.source_path.clone(),
                    line: link.line,
                })
            })
            .collect();
        let settings = &staged.config.check;
        let (link_findings, counts) =
            links::check_links(&places, settings, &options.root, progress);
        findings.extend(link_findings);
        ExternalLinks::Checked(counts)
    };
    CheckReport::new(findings, staged.content.documents.len(), external_links)
}

/// Outdated translations, as warnings: a site is published with them, but editors should know.
/// Missing ones are often deliberate (a page only for Dutch readers) and the site already says so
/// on the page; `kennis check --translations` lists both and makes them fail the check.
fn translation_findings(root: &std::path::Path, content: &crate::content::Content) -> Vec<Finding> {
    use crate::translation_status::{self, Status};
    let Ok(report) = translation_status::report(root, content) else {
        return Vec::new();
    };
    report
        .sections
        .iter()
        .flat_map(|section| &section.rows)
        .filter_map(|row| {
            let message = match row.status {
                Status::Outdated => format!(
                    "its translation in `{}` is outdated: the source changed after it",
                    row.language
                ),
                Status::Missing | Status::UpToDate | Status::Unknown => return None,
            };
            Some(Finding {
                severity: Severity::Warning,
                kind: Kind::Translation,
                file: Some(row.page.clone()),
                line: None,
                message,
                help: Some("kennis check --translations lists every translation".to_owned()),
            })
        })
        .collect()
}
