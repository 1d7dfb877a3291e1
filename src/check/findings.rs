//! What `kennis check` found, and how it is told: the [`Finding`] list every check adds to, the
//! report as text grouped by file or as JSON for CI, and whether it passes.

use std::path::{Path, PathBuf};

use serde::{Serialize, Serializer};

use crate::error::Error;
use crate::terminal::printable;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Which check found a problem, so that CI can tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Found by the build's stages: configuration, content, Markdown, theme, templates.
    Build,
    /// A link to a web address that does not answer as it should.
    ExternalLink,
    /// A translation that is missing, or older than a change of its source (from git).
    Translation,
}

/// One problem, where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub kind: Kind,
    /// The file, from the site's root; `None` for a problem with no file to point at.
    #[serde(serialize_with = "as_text")]
    pub file: Option<PathBuf>,
    /// 1-based.
    pub line: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

fn as_text<S: Serializer>(path: &Option<PathBuf>, serializer: S) -> Result<S::Ok, S::Error> {
    match path {
        Some(path) => serializer.serialize_str(&path.to_string_lossy()),
        None => serializer.serialize_none(),
    }
}

impl Finding {
    /// Every problem of a build error, `Error::Many` taken apart.
    pub fn from_error(error: Error) -> Vec<Finding> {
        let finding = |file: Option<PathBuf>, line, message, help| Finding {
            severity: Severity::Error,
            kind: Kind::Build,
            file,
            line,
            message,
            help,
        };
        match error {
            Error::Many { errors } => errors.into_iter().flat_map(Finding::from_error).collect(),
            Error::Source(source) => {
                let source = *source;
                let location = source.location;
                vec![finding(
                    Some(location.path),
                    location.line,
                    source.message,
                    source.help,
                )]
            }
            Error::Io {
                action,
                path,
                source,
            } => vec![finding(
                Some(path),
                None,
                format!("{action}: {source}"),
                None,
            )],
            Error::Usage { message, help } => vec![finding(None, None, message, help)],
        }
    }

    /// A build warning, written by its stage as `file:line: message` or `file: message`.
    pub fn from_warning(warning: &str) -> Finding {
        let (file, line, message) = match warning.split_once(": ") {
            Some((location, message)) => match location.rsplit_once(':') {
                Some((file, line)) if line.parse::<usize>().is_ok() => {
                    (Some(file), line.parse().ok(), message)
                }
                _ => (Some(location), None, message),
            },
            None => (None, None, warning),
        };
        Finding {
            severity: Severity::Warning,
            kind: Kind::Build,
            file: file.map(PathBuf::from),
            line,
            message: message.to_owned(),
            help: None,
        }
    }
}

/// What became of the external links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum ExternalLinks {
    Checked(LinkCounts),
    /// `--offline`.
    NotChecked,
    /// The build stopped before the links were known.
    BuildFailed,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LinkCounts {
    /// Links written in the content, counting every place.
    pub links: usize,
    /// Different addresses (without anchors) among them.
    pub addresses: usize,
    /// Addresses requested in this run.
    pub requested: usize,
    /// Addresses that were fine in the last 24 hours, taken from the cache file.
    pub from_cache: usize,
    /// Addresses on a host of `skip_hosts`.
    pub skipped: usize,
}

/// Everything `kennis check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// In order of file, then line; problems without a file first.
    pub findings: Vec<Finding>,
    pub documents: usize,
    pub external_links: ExternalLinks,
}

#[derive(Serialize)]
struct Summary<'a> {
    errors: usize,
    warnings: usize,
    documents: usize,
    external_links: &'a ExternalLinks,
}

#[derive(Serialize)]
struct Json<'a> {
    findings: &'a [Finding],
    summary: Summary<'a>,
}

impl CheckReport {
    pub fn new(
        mut findings: Vec<Finding>,
        documents: usize,
        external_links: ExternalLinks,
    ) -> CheckReport {
        // Stable, so that the problems of one line stay in the order they were found.
        findings.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        CheckReport {
            findings,
            documents,
            external_links,
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.severity == severity)
            .count()
    }

    /// No errors, and with `warnings_as_errors` no warnings either.
    pub fn passes(&self, warnings_as_errors: bool) -> bool {
        self.count(Severity::Error) == 0
            && !(warnings_as_errors && self.count(Severity::Warning) > 0)
    }

    /// `file:line: error: message` lines, a blank line between files, and the summary.
    pub fn to_text(&self) -> String {
        let mut text = String::new();
        let mut previous: Option<Option<&Path>> = None;
        for finding in &self.findings {
            let file = finding.file.as_deref();
            if previous.is_some_and(|previous| previous != file) {
                text.push('\n');
            }
            previous = Some(file);
            let location = match (file, finding.line) {
                (Some(file), Some(line)) => format!("{}:{line}: ", file.display()),
                (Some(file), None) => format!("{}: ", file.display()),
                (None, _) => String::new(),
            };
            // Messages quote content and servers' answers; a terminal must not obey them.
            let location = printable(&location);
            let severity = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let message = printable(&finding.message);
            text.push_str(&format!("{location}{severity}: {message}\n"));
            if let Some(help) = &finding.help {
                text.push_str(&format!("  help: {}\n", printable(help)));
            }
        }
        if !self.findings.is_empty() {
            text.push('\n');
        }
        text.push_str(&self.summary());
        text.push('\n');
        text
    }

    /// The findings and a summary object, for CI.
    pub fn to_json(&self) -> String {
        let json = Json {
            findings: &self.findings,
            summary: Summary {
                errors: self.count(Severity::Error),
                warnings: self.count(Severity::Warning),
                documents: self.documents,
                external_links: &self.external_links,
            },
        };
        serde_json::to_string_pretty(&json)
            .unwrap_or_else(|error| format!("{{\"error\": {:?}}}", error.to_string()))
    }

    fn summary(&self) -> String {
        let errors = plural(self.count(Severity::Error), "error", "errors");
        let warnings = plural(self.count(Severity::Warning), "warning", "warnings");
        let links = match &self.external_links {
            ExternalLinks::Checked(counts) => format!(
                "{} to {}: {} requested, {} from the cache, {} skipped",
                plural(counts.links, "external link", "external links"),
                plural(counts.addresses, "address", "addresses"),
                counts.requested,
                counts.from_cache,
                counts.skipped
            ),
            ExternalLinks::NotChecked => "external links not checked (--offline)".to_owned(),
            ExternalLinks::BuildFailed => {
                "external links not checked: the build stopped first".to_owned()
            }
        };
        format!(
            "checked {}; {links}; {errors}, {warnings}",
            plural(self.documents, "document", "documents")
        )
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::SourceError;

    #[test]
    fn warnings_keep_their_file_and_line() {
        let warning = Finding::from_warning("content/a.md:12: removed <script>");
        assert_eq!(warning.file.as_deref(), Some(Path::new("content/a.md")));
        assert_eq!(warning.line, Some(12));
        assert_eq!(warning.message, "removed <script>");
        let whole_file = Finding::from_warning("static/b.txt: a symbolic link, left out");
        assert_eq!(whole_file.file.as_deref(), Some(Path::new("static/b.txt")));
        assert_eq!(whole_file.line, None);
    }

    #[test]
    fn several_errors_become_one_finding_each_grouped_by_file() {
        let errors = Error::Many {
            errors: vec![
                SourceError::line(Path::new("content/b.md"), 3, "second").into(),
                SourceError::line(Path::new("content/a.md"), 9, "first")
                    .with_help("fix it")
                    .into(),
                SourceError::line(Path::new("content/b.md"), 1, "third").into(),
            ],
        };
        let mut findings = Finding::from_error(errors);
        findings.push(Finding::from_warning("content/a.md:2: careful"));
        let report = CheckReport::new(findings, 2, ExternalLinks::NotChecked);
        assert_eq!(
            report.to_text(),
            "content/a.md:2: warning: careful\n\
             content/a.md:9: error: first\n  help: fix it\n\n\
             content/b.md:1: error: third\n\
             content/b.md:3: error: second\n\n\
             checked 2 documents; external links not checked (--offline); 3 errors, 1 warning\n"
        );
        assert!(!report.passes(false));
    }

    #[test]
    fn warnings_fail_only_when_they_count_as_errors() {
        let findings = vec![Finding::from_warning("site.toml: old key")];
        let report = CheckReport::new(findings, 1, ExternalLinks::NotChecked);
        assert!(report.passes(false));
        assert!(!report.passes(true));
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(json["findings"][0]["severity"], "warning");
        assert_eq!(json["findings"][0]["kind"], "build");
        assert_eq!(json["findings"][0]["file"], "site.toml");
        assert_eq!(json["summary"]["warnings"], 1);
        assert_eq!(json["summary"]["external_links"]["status"], "not-checked");
    }
}
