//! Static files of the theme (`themes/<theme>/static/`) and the site (`static/`, which wins on equal
//! names), plus the generated code-highlighting stylesheets. CSS and JavaScript get content-hashed
//! names (`css/site.3f2a91c04b.css`) so hosts can cache them forever; templates find them by their
//! plain name through the theme's `asset()` function.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::highlight;
use crate::site::Source;
use crate::site::{SitePath, content_hash};
use crate::walk;

#[derive(Debug, Clone)]
pub struct StaticFile {
    pub target: SitePath,
    pub source: Source,
    /// The file it was read from; `None` for a generated one.
    origin: Option<PathBuf>,
}

impl StaticFile {
    pub fn origin(&self) -> Option<&PathBuf> {
        self.origin.as_ref()
    }
}

#[derive(Debug, Default)]
pub struct StaticFiles {
    /// Plain name (`css/site.css`) → file, in name order.
    by_name: BTreeMap<String, StaticFile>,
    /// Symbolic links left out, for the build report.
    warnings: Vec<String>,
}

pub const SYNTAX_LIGHT: &str = "css/syntax-light.css";
pub const SYNTAX_DARK: &str = "css/syntax-dark.css";

impl StaticFiles {
    /// `root` is the site's folder, which warnings name paths from.
    pub fn collect(theme_static: &Path, site_static: &Path, root: &Path) -> Result<StaticFiles> {
        let mut sources: BTreeMap<String, Source> = BTreeMap::new();
        let (light, dark) = highlight::stylesheets();
        sources.insert(SYNTAX_LIGHT.to_owned(), Source::Bytes(light.into_bytes()));
        sources.insert(SYNTAX_DARK.to_owned(), Source::Bytes(dark.into_bytes()));
        let mut warnings = Vec::new();
        for dir in [theme_static, site_static] {
            let listing = walk::files_below(dir, walk::is_hidden)?;
            warnings.extend(listing.link_warnings(root));
            for (name, path) in listing.files {
                sources.insert(name, Source::File(path));
            }
        }
        let mut by_name = BTreeMap::new();
        for (name, source) in sources {
            let file = fingerprint(&name, source)?;
            by_name.insert(name, file);
        }
        Ok(StaticFiles { by_name, warnings })
    }

    /// The output path of the static file with plain name `name`.
    pub fn path_of(&self, name: &str) -> Option<&SitePath> {
        self.by_name
            .get(name.trim_start_matches('/'))
            .map(|file| &file.target)
    }

    pub fn files(&self) -> impl Iterator<Item = &StaticFile> {
        self.by_name.values()
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

/// CSS and JavaScript get the first 10 hex digits of their SHA-256 in the name.
fn fingerprint(name: &str, source: Source) -> Result<StaticFile> {
    let unsafe_name = || Error::usage(format!("static file `{name}` has an unusable name"), None);
    let origin = match &source {
        Source::File(path) => Some(path.clone()),
        Source::Bytes(_) => None,
    };
    let hashed = name.ends_with(".css") || name.ends_with(".js");
    if !hashed {
        let target = SitePath::file(name).ok_or_else(unsafe_name)?;
        return Ok(StaticFile {
            target,
            source,
            origin,
        });
    }
    let bytes = match source {
        Source::Bytes(bytes) => bytes,
        Source::File(path) => {
            fs::read(&path).map_err(|error| Error::io("cannot read", path, error))?
        }
    };
    let hash = content_hash(&bytes);
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let target = SitePath::file(&format!("{stem}.{hash}.{extension}")).ok_or_else(unsafe_name)?;
    Ok(StaticFile {
        target,
        source: Source::Bytes(bytes),
        origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_and_js_get_content_hashes_and_sites_override_themes() {
        let theme = tempfile::tempdir().unwrap();
        let site = tempfile::tempdir().unwrap();
        fs::create_dir_all(theme.path().join("css")).unwrap();
        fs::write(theme.path().join("css/site.css"), "body{}").unwrap();
        fs::write(theme.path().join("logo.svg"), "<svg/>").unwrap();
        fs::write(site.path().join("logo.svg"), "<svg id='site'/>").unwrap();
        let files = StaticFiles::collect(theme.path(), site.path(), site.path()).unwrap();
        let css = files.path_of("css/site.css").unwrap().as_str().to_owned();
        assert!(
            css.starts_with("css/site.")
                && css.ends_with(".css")
                && css.len() == "css/site..css".len() + 10,
            "{css}"
        );
        assert_eq!(files.path_of("logo.svg").unwrap().as_str(), "logo.svg");
        let logo = files
            .files()
            .find(|f| f.target.as_str() == "logo.svg")
            .unwrap();
        assert!(matches!(&logo.source, Source::File(path) if path.starts_with(site.path())));
        assert!(files.path_of(SYNTAX_DARK).is_some());
    }
}
