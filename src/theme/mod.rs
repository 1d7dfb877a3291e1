//! Stage 3: the theme. Loads the Tera templates: the built-in ones for the site-wide files
//! (`sitemap.xml`, `atom.xml`, `robots.txt`, and `offline_readme.txt` for copies on disk), then
//! those of `themes/<theme>/templates/`, then the site's own `templates/` folder, each overriding
//! the earlier ones by name; and the theme's UI strings (with their plural forms), and provides the
//! template functions `t()` and `asset()` (which asks the routes for a static file's published name). It is loaded before
//! Markdown because structured blocks are drawn with its templates; it renders what it is given and
//! prepares no page context (the templates stage does).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

pub mod i18n;
pub mod plural;

use crate::config::SiteConfig;
use crate::error::{Error, Result, SourceError};
use crate::html;
use crate::routes::static_files::StaticFiles;
use crate::site::SitePath;
use crate::suggest;
use crate::walk;
use i18n::{Text, Translations};

/// Templates every theme must have.
const REQUIRED: [&str; 8] = [
    "base.html",
    "index.html",
    "section.html",
    "page.html",
    "taxonomy_list.html",
    "taxonomy_term.html",
    "404.html",
    "language_chooser.html",
];
/// Templates kennis brings for the files every site has; a theme or site overrides them by name.
const BUILT_IN: [(&str, &str); 4] = [
    ("sitemap.xml", include_str!("builtin/sitemap.xml")),
    ("atom.xml", include_str!("builtin/atom.xml")),
    ("robots.txt", include_str!("builtin/robots.txt")),
    (
        "offline_readme.txt",
        include_str!("builtin/offline_readme.txt"),
    ),
];
/// The folder of the templates that draw structured blocks (`blocks/demand.html`).
pub const BLOCKS_DIR: &str = "blocks/";

pub struct Theme {
    tera: Tera,
    /// Template name → (path shown in messages, source text).
    sources: Sources,
    translations: Arc<Translations>,
    warnings: Vec<String>,
}

impl Theme {
    /// `static_files` are the published static files, which `asset()` finds by their plain name.
    pub fn load(config: &SiteConfig, static_files: Arc<StaticFiles>) -> Result<Theme> {
        let theme_dir = config.theme_dir();
        if !theme_dir.is_dir() {
            return Err(Error::usage(
                format!(
                    "the theme `{}` does not exist: no folder themes/{}",
                    config.theme, config.theme
                ),
                Some("check `theme` in site.toml".to_owned()),
            ));
        }
        let (sources, mut warnings) = read_sources(config, &theme_dir)?;
        let (translations, missing_strings) = Translations::load(&theme_dir.join("i18n"), config)?;
        warnings.extend(missing_strings);
        let translations = Arc::new(translations);

        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        // The project's one escape, so that templates escape exactly as the rest of the build does.
        tera.set_escape_fn(|text, output| output.write_all(html::escape(text).as_bytes()));
        register_functions(&mut tera, &translations, &static_files);
        let theme = Theme {
            tera,
            sources,
            translations,
            warnings,
        };
        theme.finish()
    }

    fn finish(mut self) -> Result<Theme> {
        let templates: Vec<(&String, &String)> = self
            .sources
            .iter()
            .map(|(name, (_, text))| (name, text))
            .collect();
        if let Err(error) = self.tera.add_raw_templates(templates) {
            return Err(self.error(error, None));
        }
        let missing: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|name| !self.sources.contains_key(*name))
            .collect();
        if !missing.is_empty() {
            return Err(Error::usage(
                format!("the theme lacks the templates {}", missing.join(", ")),
                Some("every theme needs base, index, section, page, taxonomy_list, taxonomy_term, 404 and language_chooser".to_owned()),
            ));
        }
        Ok(self)
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// Why the template `name` cannot be used, and the help: the closest page template's name when
    /// one is close, and the page templates there are.
    pub fn unknown_template(&self, name: &str) -> (String, String) {
        let pages: Vec<&str> = self
            .template_names()
            .filter(|name| name.ends_with(".html") && !name.starts_with(BLOCKS_DIR))
            .collect();
        let message = format!("the template `{name}` does not exist in the theme or in templates/");
        let help = format!("use one of the page templates: {}", pages.join(", "));
        (message, suggest::help_with(name, pages, help))
    }

    /// Every template's name, in name order (`blocks/demand.html`, `page.html`).
    pub fn template_names(&self) -> impl Iterator<Item = &str> {
        self.sources.keys().map(String::as_str)
    }

    /// The ids written literally (`id="main"`) in the page templates, which headings in the body
    /// must not take; block templates are left out, as they are drawn inside the body.
    pub fn frame_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .sources
            .iter()
            .filter(|(name, _)| !name.starts_with(BLOCKS_DIR))
            .flat_map(|(_, (_, text))| literal_ids(text))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub fn translations(&self) -> &Translations {
        &self.translations
    }

    /// Renders `template` with `context`; `rendering` names the content file it is for.
    pub fn render(
        &self,
        template: &str,
        context: &impl Serialize,
        rendering: Option<&Path>,
    ) -> Result<String> {
        if !self.sources.contains_key(template) {
            let (message, help) = self.unknown_template(template);
            return Err(match rendering {
                Some(path) => SourceError::file(path, message).with_help(help).into(),
                None => Error::usage(message, help),
            });
        }
        let context =
            Context::from_serialize(context).map_err(|error| self.error(error, rendering))?;
        self.tera
            .render(template, &context)
            .map_err(|error| self.error(error, rendering))
    }

    /// A Tera error as an editor-facing error at the template file and line.
    fn error(&self, error: tera::Error, rendering: Option<&Path>) -> Error {
        let while_rendering = rendering.map(|path| format!("while rendering {}", path.display()));
        let report = match error.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                Some(report)
            }
            _ => None,
        };
        let Some(report) = report else {
            if let Some(located) = self.located_in_message(&error.to_string()) {
                return match while_rendering {
                    Some(context) => located.with_help(context).into(),
                    None => located.into(),
                };
            }
            let message = match &while_rendering {
                Some(context) => format!("template error {context}: {error}"),
                None => format!("template error: {error}"),
            };
            return Error::usage(message, None);
        };
        let mut message = report.message().to_owned();
        let mut cause = std::error::Error::source(&error);
        while let Some(inner) = cause {
            message.push_str(&format!(": {inner}"));
            cause = inner.source();
        }
        let source_error = match self.sources.get(report.filename()) {
            Some((path, text)) => SourceError::at(path, text, report.span().range.clone(), message),
            None => SourceError::line(
                Path::new(report.filename()),
                report.span().start_line,
                message,
            ),
        };
        match while_rendering {
            Some(context) => source_error.with_help(context).into(),
            None => source_error.into(),
        }
    }
}

impl Theme {
    /// Tera reports some errors (unknown filters, functions, tests) as text holding
    /// `--> template:line:column`; those become errors at the template file and line.
    fn located_in_message(&self, text: &str) -> Option<SourceError> {
        let location = text.split("--> ").nth(1)?.split_whitespace().next()?;
        let mut parts = location.rsplitn(3, ':');
        let _column = parts.next()?;
        let line: usize = parts.next()?.parse().ok()?;
        let name = parts.next()?;
        let (path, _) = self.sources.get(name)?;
        let message = text
            .lines()
            .next()?
            .trim_start_matches("error: ")
            .to_owned();
        Some(SourceError::line(path, line, message))
    }
}

/// `t(key="…")` (with `count=n` for a text with plural forms, whose `{count}` it fills in) and
/// `asset(path="…")`.
fn register_functions(
    tera: &mut Tera,
    translations: &Arc<Translations>,
    static_files: &Arc<StaticFiles>,
) {
    let strings = Arc::clone(translations);
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let key: String = kwargs.must_get("key")?;
            let lang = match kwargs.get::<String>("lang")? {
                Some(lang) => lang,
                None => state.get::<String>("lang")?.ok_or_else(|| {
                    tera::Error::message("t(): no `lang` in the context; pass lang=…")
                })?,
            };
            let count: Option<u64> = kwargs.get("count")?;
            match (strings.entry(&lang, &key), count) {
                (None, _) => Err(tera::Error::message(format!(
                    "t(): no text for `{key}` in any i18n file of the theme"
                ))),
                (Some((_, Text::Plural(_))), None) => Err(tera::Error::message(format!(
                    "t(): `{key}` has plural forms; pass the number as count=…"
                ))),
                (Some(_), Some(count)) => {
                    Ok(strings.for_count(&lang, &key, count).unwrap_or_default())
                }
                (Some((_, Text::Plain(text))), None) => Ok(text.clone()),
            }
        },
    );
    let files = Arc::clone(static_files);
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let name: String = kwargs.must_get("path")?;
            let target = files.path_of(&name).ok_or_else(|| {
                tera::Error::message(format!(
                    "asset(): no static file `{name}` in the theme's static/ or the site's static/"
                ))
            })?;
            if let Some(base) = state.get::<String>("root_base")? {
                return Ok(format!("{base}{}", target.as_str()));
            }
            let current = state.get::<String>("current_path")?.unwrap_or_default();
            let from = SitePath::parse(&current).unwrap_or_else(SitePath::root);
            Ok(target.relative_from(&from))
        },
    );
}

/// The values of `id="…"` attributes without template expressions in them.
fn literal_ids(template: &str) -> impl Iterator<Item = String> + '_ {
    template
        .match_indices("id=\"")
        .filter(|(at, _)| {
            template[..*at]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace)
        })
        .filter_map(|(at, found)| {
            let value = &template[at + found.len()..];
            let value = &value[..value.find('"')?];
            let literal = !value.is_empty() && !value.contains(['{', '}', ' ']);
            literal.then(|| value.to_owned())
        })
}

type Sources = BTreeMap<String, (PathBuf, String)>;

/// The built-in templates, then the theme's, then the site's, each overriding the earlier ones by
/// name; and a warning for every symbolic link left out.
fn read_sources(config: &SiteConfig, theme_dir: &Path) -> Result<(Sources, Vec<String>)> {
    let mut sources: Sources = BUILT_IN
        .iter()
        .map(|(name, text)| {
            let shown = PathBuf::from(format!("(built-in template) {name}"));
            ((*name).to_owned(), (shown, (*text).to_owned()))
        })
        .collect();
    let mut warnings = Vec::new();
    for dir in [theme_dir.join("templates"), config.root.join("templates")] {
        let listing = walk::files_below(&dir, walk::is_hidden)?;
        warnings.extend(listing.link_warnings(&config.root));
        for (name, path) in listing.files {
            if ![".html", ".xml", ".txt"]
                .iter()
                .any(|end| name.ends_with(end))
            {
                continue;
            }
            let shown = path
                .strip_prefix(&config.root)
                .unwrap_or(&path)
                .to_path_buf();
            let text = walk::read_text(&path, &shown)?;
            sources.insert(name, (shown, text));
        }
    }
    Ok((sources, warnings))
}
