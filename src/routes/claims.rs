//! One owner per output file: every URL of the site is claimed here once, and two claims on one file
//! become one error that names what wants it — the content files where there are any.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::error::{Error, Result, SourceError};
use crate::site::SitePath;

/// What wants a URL.
#[derive(Debug, Clone)]
pub enum Owner {
    /// A Markdown file's page.
    Document(PathBuf),
    /// A file in `content/` copied beside a page.
    Asset(PathBuf),
    /// A static file of the theme or the site; `None` for one kennis generates.
    StaticFile(Option<PathBuf>),
    /// A page or file kennis generates, described for editors ("the search page").
    Generated(String),
}

impl Owner {
    fn describe(&self) -> String {
        match self {
            Owner::Document(path) | Owner::Asset(path) | Owner::StaticFile(Some(path)) => {
                path.display().to_string()
            }
            Owner::StaticFile(None) => "a generated static file".to_owned(),
            Owner::Generated(what) => what.clone(),
        }
    }
}

/// The claims made so far and the clashes found.
#[derive(Default)]
pub struct Claims {
    /// Output file (`nl/index.html`) → its path and first owner.
    by_file: HashMap<String, (SitePath, Owner)>,
    errors: Vec<Error>,
}

impl Claims {
    pub fn claim(&mut self, path: &SitePath, owner: Owner) {
        let file = path.output_file();
        match self.by_file.get(&file) {
            Some((claimed, first)) => {
                let error = clash(claimed, first, &owner, &file);
                self.errors.push(error);
            }
            None => {
                self.by_file.insert(file, (path.clone(), owner));
            }
        }
    }

    /// Every clash found, reported together.
    pub fn finish(self) -> Result<()> {
        Error::collect(self.errors)
    }
}

fn clash(path: &SitePath, first: &Owner, second: &Owner, file: &str) -> Error {
    match (first, second) {
        (Owner::Document(first), Owner::Document(second)) => {
            let message = format!(
                "{} and {} both want the URL {path}",
                first.display(),
                second.display()
            );
            SourceError::file(second, message)
                .with_help("give one of them another `slug` in its front matter")
                .into()
        }
        (Owner::Document(document), Owner::Generated(what))
        | (Owner::Generated(what), Owner::Document(document)) => {
            let message =
                format!("the URL {path} belongs to {what}; give this file another `slug`");
            SourceError::file(document, message).into()
        }
        _ => Error::usage(
            format!(
                "two files would be written to {file}: {} and {}",
                first.describe(),
                second.describe()
            ),
            Some("rename one of them or give the page another slug".to_owned()),
        ),
    }
}
