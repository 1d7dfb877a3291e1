//! Errors shown to editors and CI. Every stage reports problems as [`Error`]; a problem in a file
//! carries the file's path, the line and, where there is one, the offending text so that the report can
//! show it. This module only describes errors; it never decides what is an error.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a build.
#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    /// A problem at a place in an input file (content, configuration, theme).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Source(#[from] Box<SourceError>),

    /// The file system refused an operation.
    #[error("{}: {action}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    /// A command-line or environment problem that has no file to point at.
    #[error("{message}")]
    Usage {
        message: String,
        #[help]
        help: Option<String>,
    },

    /// Several independent problems, reported together so that editors can fix them in one go.
    #[error("{} errors; the site was not written", errors.len())]
    Many {
        #[related]
        errors: Vec<Error>,
    },
}

impl Error {
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    pub fn usage(message: impl Into<String>, help: impl Into<Option<String>>) -> Self {
        Error::Usage {
            message: message.into(),
            help: help.into(),
        }
    }

    /// One error stays itself; several become [`Error::Many`]; none is `Ok`.
    pub fn collect(mut errors: Vec<Error>) -> Result<()> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(Error::Many { errors }),
        }
    }
}

impl From<SourceError> for Error {
    fn from(error: SourceError) -> Self {
        Error::Source(Box::new(error))
    }
}

/// A problem in one input file, optionally at a byte range of its text.
#[derive(Debug, Error, Diagnostic)]
#[error("{location}: {message}")]
pub struct SourceError {
    pub location: Location,
    pub message: String,
    #[help]
    pub help: Option<String>,
    #[source_code]
    source_code: Option<Arc<NamedSource<String>>>,
    #[label("here")]
    span: Option<SourceSpan>,
}

impl SourceError {
    /// A problem with a file as a whole.
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        SourceError {
            location: Location {
                path: path.to_path_buf(),
                line: None,
            },
            message: message.into(),
            help: None,
            source_code: None,
            span: None,
        }
    }

    /// A problem at `range` (byte offsets) of `text`, the full content of the file at `path`.
    pub fn at(
        path: &Path,
        text: &str,
        range: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let start = floor_char_boundary(text, range.start.min(text.len()));
        let end = floor_char_boundary(text, range.end.clamp(start, text.len()));
        SourceError {
            location: Location {
                path: path.to_path_buf(),
                line: Some(line_of(text, start)),
            },
            message: message.into(),
            help: None,
            source_code: Some(Arc::new(NamedSource::new(
                path.display().to_string(),
                text.to_owned(),
            ))),
            span: Some((start, end - start).into()),
        }
    }

    /// A problem on a (1-based) line of a file whose text is not at hand.
    pub fn line(path: &Path, line: usize, message: impl Into<String>) -> Self {
        let mut error = SourceError::file(path, message);
        error.location.line = Some(line);
        error
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Where a problem is: `path` or `path:line`, as editors and their tools expect it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.path.display()),
            None => write!(f, "{}", self.path.display()),
        }
    }
}

/// The error as editors read it: message, location, the offending line, and help.
pub fn render(error: &Error) -> String {
    use std::io::IsTerminal;
    let theme = if std::io::stderr().is_terminal() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    render_themed(error, theme)
}

/// The error exactly as [`render`] lays it out, without colours: for readers that are not a
/// terminal, such as the preview's error overlay.
pub fn render_plain(error: &Error) -> String {
    render_themed(error, miette::GraphicalTheme::unicode_nocolor())
}

fn render_themed(error: &Error, theme: miette::GraphicalTheme) -> String {
    let mut rendered = String::new();
    let handler = miette::GraphicalReportHandler::new_themed(theme);
    if handler.render_report(&mut rendered, error).is_err() {
        rendered = error.to_string();
    }
    rendered
}

/// The 1-based line number of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&byte| byte == b'\n')
        .count()
        + 1
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_errors_name_file_and_line() {
        let text = "+++\ntitel = \"x\"\n+++\n";
        let error = SourceError::at(Path::new("content/a.md"), text, 4..9, "unknown key `titel`");
        assert_eq!(error.to_string(), "content/a.md:2: unknown key `titel`");
    }

    #[test]
    fn plain_rendering_shows_place_excerpt_and_help_without_escape_codes() {
        let text = "+++\ntitel = \"x\"\n+++\n";
        let error: Error = SourceError::at(Path::new("content/a.md"), text, 4..9, "unknown key")
            .with_help("did you mean `title`?")
            .into();
        let rendered = render_plain(&error);
        assert!(!rendered.contains('\u{1b}'), "{rendered:?}");
        for expected in ["content/a.md:2", "titel = \"x\"", "did you mean `title`?"] {
            assert!(
                rendered.contains(expected),
                "{expected} missing in {rendered}"
            );
        }
    }

    #[test]
    fn ranges_inside_multibyte_characters_are_clamped() {
        let text = "één";
        let error = SourceError::at(Path::new("a.md"), text, 1..3, "x");
        assert_eq!(error.location.line, Some(1));
    }
}
