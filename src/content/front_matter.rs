//! Front matter: the TOML between the `+++` lines at the top of a content file, checked against the
//! keys kennis knows and the taxonomy terms `site.toml` defines.

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use super::dates::{self, ErrorAt};
use crate::config::SiteConfig;
use crate::error::SourceError;
use crate::site::Date;
use crate::suggest;

/// Validated front matter of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub description: Option<String>,
    pub draft: bool,
    pub weight: Option<i64>,
    pub slug: Option<String>,
    pub template: Option<String>,
    /// Where `template` is written: its byte range in the file, for an error when the theme lacks it.
    pub template_at: Option<std::ops::Range<usize>>,
    pub translation_key: Option<String>,
    /// The people who wrote it, as they want to be named; empty when the front matter names none.
    pub authors: Vec<String>,
    /// Taxonomy name → term ids, in `site.toml` order, each term defined there.
    pub taxonomies: IndexMap<String, Vec<String>>,
    pub extra: toml::Table,
}

/// A file split into its front matter and Markdown body.
pub struct Split<'a> {
    pub front_matter: &'a str,
    /// Byte offset of the front matter text in the file.
    pub front_matter_start: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_start: usize,
}

const FENCE: &str = "+++";

/// Finds the `+++` fenced front matter at the very start of `text`.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, SourceError> {
    let missing = || {
        SourceError::at(
            path,
            text,
            0..0,
            "the file does not start with front matter",
        )
        .with_help("start the file with a line `+++`, then at least `title = \"…\"`, then `+++`")
    };
    let first_line_end = text.find('\n').ok_or_else(missing)?;
    if text[..first_line_end].trim_end() != FENCE {
        return Err(missing());
    }
    let front_matter_start = first_line_end + 1;
    let mut offset = front_matter_start;
    for line in text[front_matter_start..].split_inclusive('\n') {
        if line.trim_end() == FENCE {
            return Ok(Split {
                front_matter: &text[front_matter_start..offset],
                front_matter_start,
                body: &text[offset + line.len()..],
                body_start: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(
        SourceError::at(path, text, 0..3, "the front matter is not closed")
            .with_help("end the front matter with a line holding only `+++`"),
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<Spanned<String>>,
    date: Option<Spanned<toml::Value>>,
    updated: Option<Spanned<toml::Value>>,
    description: Option<String>,
    #[serde(default)]
    draft: bool,
    weight: Option<i64>,
    slug: Option<Spanned<String>>,
    template: Option<Spanned<String>>,
    translation_key: Option<String>,
    #[serde(default)]
    authors: Vec<Spanned<String>>,
    #[serde(default)]
    taxonomies: IndexMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    extra: toml::Table,
}

/// The keys of [`RawFrontMatter`], which suggestions for a mistyped key come from.
const KEYS: [&str; 12] = [
    "title",
    "date",
    "updated",
    "description",
    "authors",
    "draft",
    "weight",
    "slug",
    "template",
    "translation_key",
    "taxonomies",
    "extra",
];

/// The key serde names in `unknown field `titel`, expected one of …`.
fn unknown_key(message: &str) -> Option<&str> {
    let rest = message.trim().strip_prefix("unknown field `")?;
    rest.split_once('`').map(|(key, _)| key)
}

/// Parses and validates the front matter of the file at `path` whose full text is `text`.
pub fn parse(
    path: &Path,
    text: &str,
    split: &Split<'_>,
    config: &SiteConfig,
) -> Result<FrontMatter, SourceError> {
    let offset = split.front_matter_start;
    crate::clean_text::check_toml(path, text, split.front_matter, offset)?;
    let error_at = |span: std::ops::Range<usize>, message: String| {
        SourceError::at(path, text, offset + span.start..offset + span.end, message)
    };
    let raw: RawFrontMatter = toml::from_str(split.front_matter).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        match unknown_key(error.message()) {
            Some(key) => error_at(span, format!("unknown field `{key}` in the front matter"))
                .with_help(suggest::help_with(
                    key,
                    KEYS,
                    "use one of the keys front matter knows: title, date, updated, description, \
                     authors, draft, weight, slug, template, translation_key, [taxonomies] and \
                     [extra]",
                )),
            None => error_at(span, error.message().trim().to_owned()),
        }
    })?;

    let title = match raw.title {
        Some(title) if !title.get_ref().trim().is_empty() => title.into_inner(),
        Some(title) => return Err(error_at(title.span(), "the title is empty".into())),
        None => {
            return Err(
                SourceError::at(path, text, 0..3, "the front matter has no `title`")
                    .with_help("add a line `title = \"…\"` between the `+++` lines"),
            );
        }
    };
    let date = raw
        .date
        .map(|value| dates::parse("date", value, &error_at))
        .transpose()?;
    let updated_span = raw.updated.as_ref().map(Spanned::span);
    let updated = raw
        .updated
        .map(|value| dates::parse("updated", value, &error_at))
        .transpose()?;
    if let (Some(date), Some(updated), Some(span)) = (date, updated, updated_span)
        && updated < date
    {
        return Err(error_at(
            span,
            format!("`updated` ({updated}) is earlier than `date` ({date})"),
        )
        .with_help(
            "`updated` is when the page last changed, after its `date` of publication; correct \
             one of them, or swap them if they were mixed up",
        ));
    }
    let slug = raw
        .slug
        .map(|slug| check_slug(slug, &error_at))
        .transpose()?;
    let template_at = raw
        .template
        .as_ref()
        .map(|template| offset + template.span().start..offset + template.span().end);
    let template = raw
        .template
        .map(|template| check_template(template, &error_at))
        .transpose()?;
    let taxonomies = taxonomies(raw.taxonomies, config, &error_at)?;
    let authors = raw
        .authors
        .into_iter()
        .map(|author| check_author(author, &error_at))
        .collect::<Result<_, _>>()?;

    Ok(FrontMatter {
        title,
        date,
        updated,
        description: raw.description.filter(|d| !d.trim().is_empty()),
        draft: raw.draft,
        weight: raw.weight,
        slug,
        template,
        template_at,
        translation_key: raw.translation_key,
        authors,
        taxonomies,
        extra: raw.extra,
    })
}

fn check_slug(slug: Spanned<String>, error_at: &ErrorAt<'_>) -> Result<String, SourceError> {
    let span = slug.span();
    let value = slug.into_inner();
    if value.contains(['/', '\\']) || value.split('.').all(str::is_empty) {
        return Err(error_at(
            span,
            format!("slug {value:?} must be a single URL segment without `/`, `\\` or `..`"),
        ));
    }
    let clean = crate::slug::slugify(&value);
    if clean.is_empty() {
        return Err(error_at(
            span,
            format!("slug {value:?} has no letters or digits"),
        ));
    }
    Ok(clean)
}

/// An author's name, trimmed: one line, not empty.
fn check_author(author: Spanned<String>, error_at: &ErrorAt<'_>) -> Result<String, SourceError> {
    let span = author.span();
    let name = author.into_inner().trim().to_owned();
    if name.is_empty() || name.contains(['\n', '\r']) {
        return Err(error_at(
            span,
            "an author is a name on one line, such as \"An Peeters\"".into(),
        ));
    }
    Ok(name)
}

fn check_template(
    template: Spanned<String>,
    error_at: &ErrorAt<'_>,
) -> Result<String, SourceError> {
    let span = template.span();
    let value = template.into_inner();
    let safe = value.ends_with(".html") && !value.contains("..") && !value.starts_with('/');
    if safe {
        Ok(value)
    } else {
        Err(error_at(
            span,
            format!("template {value:?} must name an .html file of the theme"),
        ))
    }
}

fn taxonomies(
    raw: IndexMap<Spanned<String>, Vec<Spanned<String>>>,
    config: &SiteConfig,
    error_at: &ErrorAt<'_>,
) -> Result<IndexMap<String, Vec<String>>, SourceError> {
    let mut assigned: IndexMap<String, Vec<String>> = IndexMap::new();
    for (name, terms) in raw {
        let Some(taxonomy) = config.taxonomy(name.get_ref()) else {
            let known: Vec<&str> = config.taxonomies.iter().map(|t| t.name.as_str()).collect();
            let help = format!("use one of those site.toml defines: {}", known.join(", "));
            return Err(error_at(
                name.span(),
                format!("unknown taxonomy `{}`", name.get_ref()),
            )
            .with_help(suggest::help_with(name.get_ref(), known, help)));
        };
        let mut ids = Vec::new();
        for term in terms {
            if !taxonomy.terms.contains_key(term.get_ref()) {
                let message = format!(
                    "`{}` is not a term of taxonomy `{}`",
                    term.get_ref(),
                    taxonomy.name
                );
                let known: Vec<&str> = taxonomy.terms.keys().map(String::as_str).collect();
                let help = format!(
                    "define it in site.toml under the taxonomy `{}`, or use one of: {}",
                    taxonomy.name,
                    known.join(", ")
                );
                let help = suggest::help_with(term.get_ref(), known, help);
                return Err(error_at(term.span(), message).with_help(help));
            }
            if !ids.contains(term.get_ref()) {
                ids.push(term.into_inner());
            }
        }
        assigned.insert(name.into_inner(), ids);
    }
    assigned.sort_by_cached_key(|name, _| config.taxonomies.iter().position(|t| &t.name == name));
    Ok(assigned)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two taxonomies, `type` before `stad`, as the tests below expect.
    const CONFIG: &str = r#"
base_url = "https://example.org/"
theme = "none"

[[languages]]
code = "nl"
title = "Test"
locale = "nl-BE"

[[taxonomies]]
name = "type"
title = { nl = "Soort" }
slug = { nl = "type" }

[taxonomies.terms]
rapport = { nl = "Rapport" }

[[taxonomies]]
name = "stad"
title = { nl = "Steden" }
slug = { nl = "stad" }

[taxonomies.terms]
gent = { nl = "Gent" }
"#;

    fn config() -> SiteConfig {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join("site.toml"), CONFIG).expect("write site.toml");
        SiteConfig::load(dir.path(), None).expect("the test configuration is valid")
    }

    fn parse_text(text: &str) -> std::result::Result<FrontMatter, String> {
        let path = Path::new("content/a.md");
        let split = split(path, text).map_err(|e| e.to_string())?;
        parse(path, text, &split, &config()).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_every_known_key() {
        let text = "+++\ntitle = \"Klimaat\"\ndate = 2022-05-31\nupdated = \"2023-01-02\"\n\
                    description = \"d\"\nweight = 3\nslug = \"Climate Plan\"\ndraft = true\n\
                    template = \"page.html\"\ntranslation_key = \"k\"\n\
                    authors = [\" An Peeters \", \"Bo Claes\"]\n\
                    [taxonomies]\nstad = [\"gent\", \"gent\"]\ntype = [\"rapport\"]\n[extra]\nx = 1\n+++\nBody\n";
        let front = parse_text(text).unwrap();
        assert_eq!(front.title, "Klimaat");
        assert_eq!(front.date.unwrap().to_string(), "2022-05-31");
        assert_eq!(front.updated.unwrap().to_string(), "2023-01-02");
        assert_eq!(front.slug.as_deref(), Some("climate-plan"));
        assert!(front.draft);
        assert_eq!(
            front.taxonomies.keys().collect::<Vec<_>>(),
            ["type", "stad"]
        );
        assert_eq!(front.taxonomies["stad"], ["gent"]);
        assert_eq!(front.extra["x"].as_integer(), Some(1));
        assert_eq!(front.authors, ["An Peeters", "Bo Claes"]);
    }

    #[test]
    fn empty_authors_name_file_and_line() {
        let message =
            parse_text("+++\ntitle = \"a\"\nauthors = [\"An\", \" \"]\n+++\n").unwrap_err();
        assert!(
            message.starts_with("content/a.md:3: an author is a name on one line"),
            "{message}"
        );
    }

    #[test]
    fn unknown_keys_name_file_and_line() {
        let message = parse_text("+++\ntitle = \"a\"\ntitel = \"b\"\n+++\n").unwrap_err();
        assert!(
            message.starts_with("content/a.md:3: unknown field `titel`"),
            "{message}"
        );
    }

    fn help_of(text: &str) -> Option<String> {
        let path = Path::new("content/a.md");
        let split = split(path, text).expect("front matter");
        parse(path, text, &split, &config()).unwrap_err().help
    }

    #[test]
    fn a_mistyped_key_gets_the_closest_known_key() {
        let help = help_of("+++\ntitle = \"a\"\ntemplaet = \"page.html\"\n+++\n").unwrap();
        assert!(
            help.starts_with("did you mean `template`? Otherwise, use one of the keys"),
            "{help}"
        );
        let help = help_of("+++\ntitle = \"a\"\nauthor = \"b\"\n+++\n").unwrap();
        assert!(help.starts_with("did you mean `authors`?"), "{help}");
        let help = help_of("+++\ntitle = \"a\"\ncolour = \"b\"\n+++\n").unwrap();
        assert!(
            help.starts_with("use one of the keys front matter knows: title,"),
            "{help}"
        );
    }

    #[test]
    fn every_suggested_key_is_a_key() {
        for key in KEYS {
            let value = match key {
                "title" | "description" | "slug" | "translation_key" => "\"x\"",
                "template" => "\"page.html\"",
                "date" | "updated" => "2024-01-01",
                "draft" => "false",
                "weight" => "1",
                "authors" => "[\"x\"]",
                _ => "{}",
            };
            let text = format!("+++\ntitle = \"a\"\n{key} = {value}\n+++\n");
            let text = text.replacen("title = \"a\"\ntitle", "title", 1);
            assert!(
                parse_text(&text).is_ok(),
                "{key}: {:?}",
                parse_text(&text).err()
            );
        }
    }

    #[test]
    fn a_mistyped_term_or_taxonomy_gets_the_closest_one() {
        let help = help_of("+++\ntitle = \"a\"\n[taxonomies]\nstad = [\"gnet\"]\n+++\n").unwrap();
        assert_eq!(
            help,
            "did you mean `gent`? Otherwise, define it in site.toml under the taxonomy `stad`, or \
             use one of: gent"
        );
        let help = help_of("+++\ntitle = \"a\"\n[taxonomies]\nsteden = [\"gent\"]\n+++\n").unwrap();
        assert_eq!(help, "use one of those site.toml defines: type, stad");
        let help = help_of("+++\ntitle = \"a\"\n[taxonomies]\nstat = [\"gent\"]\n+++\n").unwrap();
        assert_eq!(
            help,
            "did you mean `stad`? Otherwise, use one of those site.toml defines: type, stad"
        );
    }

    #[test]
    fn undefined_terms_name_file_and_line() {
        let message =
            parse_text("+++\ntitle = \"a\"\n[taxonomies]\nstad = [\"gent\", \"parijs\"]\n+++\n")
                .unwrap_err();
        assert_eq!(
            message,
            "content/a.md:4: `parijs` is not a term of taxonomy `stad`"
        );
    }

    #[test]
    fn slugs_cannot_leave_their_folder() {
        let message = parse_text("+++\ntitle = \"a\"\nslug = \"../../etc\"\n+++\n").unwrap_err();
        assert!(
            message.starts_with("content/a.md:3: slug \"../../etc\" must be a single URL segment"),
            "{message}"
        );
        assert!(parse_text("+++\ntitle = \"a\"\nslug = \"..\"\n+++\n").is_err());
    }

    #[test]
    fn missing_or_broken_front_matter() {
        assert!(
            parse_text("# Title\n")
                .unwrap_err()
                .contains("does not start with front matter")
        );
        assert!(
            parse_text("+++\ntitle = \"a\"\n")
                .unwrap_err()
                .contains("not closed")
        );
        assert!(
            parse_text("+++\ndate = 2022-05-31\n+++\n")
                .unwrap_err()
                .contains("has no `title`")
        );
        let message = parse_text("+++\ntitle = \"a\"\ndate = 2022-02-30\n+++\n").unwrap_err();
        assert!(message.starts_with("content/a.md:3:"), "{message}");
    }

    #[test]
    fn escaped_control_characters_are_refused() {
        let message = parse_text("+++\ntitle = \"a\\u000Bb\"\n+++\n").unwrap_err();
        assert_eq!(
            message,
            "content/a.md:2: `title` holds the invisible control character U+000B"
        );
    }

    #[test]
    fn updated_cannot_come_before_date() {
        let message =
            parse_text("+++\ntitle = \"a\"\ndate = 2025-03-01\nupdated = \"2025-02-01\"\n+++\n")
                .unwrap_err();
        assert_eq!(
            message,
            "content/a.md:4: `updated` (2025-02-01) is earlier than `date` (2025-03-01)"
        );
        let same_day = "+++\ntitle = \"a\"\ndate = 2025-03-01\nupdated = 2025-03-01\n+++\n";
        assert!(parse_text(same_day).is_ok());
    }

    #[test]
    fn dates_in_other_spellings_name_file_and_line() {
        let message = parse_text("+++\ntitle = \"a\"\ndate = \"01-02-2025\"\n+++\n").unwrap_err();
        assert!(
            message.starts_with("content/a.md:3: `date` = \"01-02-2025\" is not a date"),
            "{message}"
        );
    }
}
