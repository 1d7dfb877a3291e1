//! The theme: Tera templates from `themes/<theme>/templates/` (a site's own `templates/` folder
//! overrides them by name), its UI strings and static files, and the template functions `t()` and
//! `asset()`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

use super::context::{Common, Contexts, Linker};
use super::i18n::Translations;
use super::static_files::StaticFiles;
use crate::config::SiteConfig;
use crate::error::{Error, Result, SourceError};
use crate::markdown::{BlockInput, BlockRenderer};
use crate::output::{OutputFile, Source};
use crate::site_path::SitePath;
use crate::walk;

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
const BLOCKS_DIR: &str = "blocks/";

pub struct Theme {
    tera: Tera,
    /// Template name → (path shown in messages, source text).
    sources: BTreeMap<String, (PathBuf, String)>,
    translations: Arc<Translations>,
    static_files: Arc<StaticFiles>,
    warnings: Vec<String>,
}

impl Theme {
    pub fn load(config: &SiteConfig) -> Result<Theme> {
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
        let mut sources = BTreeMap::new();
        for dir in [theme_dir.join("templates"), config.root.join("templates")] {
            for (name, path) in template_files(&dir)? {
                let text = fs::read_to_string(&path)
                    .map_err(|error| Error::io("cannot read", &path, error))?;
                let shown = path
                    .strip_prefix(&config.root)
                    .unwrap_or(&path)
                    .to_path_buf();
                sources.insert(name, (shown, text));
            }
        }
        let (translations, warnings) = Translations::load(&theme_dir.join("i18n"), config)?;
        let translations = Arc::new(translations);
        let static_files = Arc::new(StaticFiles::collect(
            &theme_dir.join("static"),
            &config.root.join("static"),
        )?);

        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        register_functions(&mut tera, &translations, &static_files);
        let theme = Theme {
            tera,
            sources,
            translations,
            static_files,
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

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub fn translations(&self) -> &Translations {
        &self.translations
    }

    pub fn static_files(&self) -> &StaticFiles {
        &self.static_files
    }

    /// Renders `template` with `context`; `rendering` names the content file it is for.
    pub fn render(
        &self,
        template: &str,
        context: &impl Serialize,
        rendering: Option<&Path>,
    ) -> Result<String> {
        if !self.sources.contains_key(template) {
            let message =
                format!("the template `{template}` does not exist in the theme or in templates/");
            return Err(match rendering {
                Some(path) => SourceError::file(path, message).into(),
                None => Error::usage(message, None),
            });
        }
        let context =
            Context::from_serialize(context).map_err(|error| self.error(error, rendering))?;
        self.tera
            .render(template, &context)
            .map_err(|error| self.error(error, rendering))
    }

    /// `/index.html`: sends readers to their language, with plain links for readers without scripts.
    pub fn render_language_chooser(&self, contexts: &Contexts<'_>) -> Result<OutputFile> {
        let root = SitePath::root();
        let linker = Linker::RelativeTo(root.clone());
        let homes: Vec<(String, &SitePath)> = contexts
            .config
            .languages
            .iter()
            .map(|language| {
                let home = contexts.content.home(&language.code);
                (
                    language.code.clone(),
                    &contexts.content.documents[home].site_path,
                )
            })
            .collect();
        let default = contexts.config.default_language().code.as_str();
        let common = contexts.common(
            default,
            &linker,
            &root,
            contexts.alternates(&homes),
            Vec::new(),
        );
        let html = self.render("language_chooser.html", &OnlyCommon { common }, None)?;
        Ok(OutputFile {
            path: root,
            source: Source::Bytes(html.into_bytes()),
        })
    }

    /// `/404.html`, served by hosts at any missing URL: its links are absolute.
    pub fn render_not_found(&self, contexts: &Contexts<'_>) -> Result<OutputFile> {
        let path = SitePath::file("404.html").unwrap_or_else(SitePath::root);
        let linker = Linker::Absolute(&contexts.config.base_url);
        let default = contexts.config.default_language().code.as_str();
        let common = contexts.common(default, &linker, &path, Vec::new(), Vec::new());
        let html = self.render("404.html", &OnlyCommon { common }, None)?;
        Ok(OutputFile {
            path,
            source: Source::Bytes(html.into_bytes()),
        })
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

#[derive(Serialize)]
struct OnlyCommon<'a> {
    #[serde(flatten)]
    common: Common<'a>,
}

impl BlockRenderer for Theme {
    fn block_names(&self) -> Vec<String> {
        self.sources
            .keys()
            .filter_map(|name| name.strip_prefix(BLOCKS_DIR)?.strip_suffix(".html"))
            .map(str::to_owned)
            .collect()
    }

    fn render_block(&self, block: &BlockInput<'_>) -> std::result::Result<String, String> {
        #[derive(Serialize)]
        struct BlockContext<'a> {
            name: &'a str,
            title: Option<&'a str>,
            body: &'a str,
            lang: &'a str,
        }
        let context = BlockContext {
            name: block.name,
            title: block.title,
            body: block.body,
            lang: block.lang,
        };
        self.render(&format!("{BLOCKS_DIR}{}.html", block.name), &context, None)
            .map_err(|error| error.to_string())
    }
}

/// `t(key="…")` and `asset(path="…")`.
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
            strings.get(&lang, &key).map(str::to_owned).ok_or_else(|| {
                tera::Error::message(format!(
                    "t(): no text for `{key}` in any i18n file of the theme"
                ))
            })
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
            if let Some(base) = state.get::<String>("absolute_base")? {
                return Ok(format!("{base}{}", target.as_str()));
            }
            let current = state.get::<String>("current_path")?.unwrap_or_default();
            let from = SitePath::parse(&current).unwrap_or_else(SitePath::root);
            Ok(target.relative_from(&from))
        },
    );
}

/// Every `.html`/`.xml` template below `dir` by its `/`-separated name.
fn template_files(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let files = walk::files_below(dir, walk::is_hidden)?;
    Ok(files
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html") || name.ends_with(".xml"))
        .collect())
}
