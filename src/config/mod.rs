//! The site's configuration, shared by every stage: `site.toml` (base URL, languages, theme,
//! taxonomies with translated term labels, the footer's links, free `[extra]` settings) read and validated into a
//! [`SiteConfig`], and `search.toml` in [`search`]. Every stage reads it and none changes it; it
//! knows nothing about content files, URLs or templates.

pub mod check;
pub mod footer;
pub mod search;

use std::fs;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;

use crate::clean_text;
use crate::error::{Result, SourceError};
use crate::slug::slugify;

pub const CONFIG_FILE: &str = "site.toml";

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The site's root folder (holding `site.toml`, `content/`, `themes/`).
    pub root: PathBuf,
    pub base_url: BaseUrl,
    pub theme: String,
    /// All languages; the first is the default language.
    pub languages: Vec<Language>,
    pub taxonomies: Vec<Taxonomy>,
    /// Free settings for the theme.
    pub extra: toml::Table,
    /// What the Markdown stage does with raw HTML in content (`raw_html`).
    pub raw_html: RawHtml,
    /// How `kennis check` treats external links (`[check]`).
    pub check: check::CheckSettings,
    /// The links at the foot of every page (`[footer]`).
    pub footer_links: Vec<footer::FooterLink>,
    /// The Content-Security-Policy every page is built to work under (`content_security_policy`).
    content_security_policy: ContentSecurityPolicy,
    /// Terms of the taxonomy [`PUBLICATION_TAXONOMY`] whose publications are reports
    /// (`report_types`); the metadata of other publications calls them creative works.
    pub report_types: Vec<String>,
}

/// The taxonomy whose terms mark a section as a publication.
pub const PUBLICATION_TAXONOMY: &str = "type";

/// What happens to raw HTML written in Markdown, and to links with schemes other than `http`,
/// `https`, `mailto` and `tel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Cleaned by the Markdown stage's sanitiser; every removal is a build warning.
    #[default]
    #[serde(alias = "sanitize")]
    Sanitise,
    /// Written as the editor typed it: only for sites whose every editor is trusted.
    Allow,
}

/// The policy the site is built to work under: `kennis serve` sends it as a header, and every page
/// carries it in a `<meta>` element, so that hosts without headers and copies opened from disk are
/// protected too.
pub const DEFAULT_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
     script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; \
     form-action 'self'; frame-ancestors 'none'";

/// Browsers ignore these directives in a `<meta>` element (and Chromium logs an error for each), so
/// only the header carries them.
const HEADER_ONLY_DIRECTIVES: [&str; 4] = ["frame-ancestors", "report-uri", "report-to", "sandbox"];

/// A Content-Security-Policy in its two forms.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ContentSecurityPolicy {
    header: String,
    meta: String,
}

/// An absolute site URL that always ends in `/`, possibly with a path (`https://example.org/kennis/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub code: String,
    pub title: String,
    pub description: String,
    /// BCP 47 locale, e.g. `nl-BE`; its language part chooses the date format.
    pub locale: String,
    /// The URL prefix of this language's pages, without slashes (defaults to the code).
    pub prefix: String,
    /// The URL segment of a publication's print view below its landing page (defaults to `print`).
    pub print_slug: String,
}

/// The URL segment of print views where a language names none.
const DEFAULT_PRINT_SLUG: &str = "print";

/// Per-language labels, keyed by language code, in the configured language order.
pub type Labels = IndexMap<String, String>;

#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// The id used in front matter (`[taxonomies] thema = [...]`).
    pub name: String,
    pub title: Labels,
    /// The name of one term's kind ("Thema" where `title` is "Thema's"); `title` where not given.
    pub singular: Labels,
    /// The URL segment per language (`programma` / `programme`).
    pub slug: Labels,
    pub terms: IndexMap<String, Term>,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub id: String,
    pub labels: Labels,
    /// The URL segment per language, derived from the label (`Ghent` → `ghent`).
    pub slugs: Labels,
}

impl SiteConfig {
    /// Reads `site.toml` from `root`. `base_url_override` replaces the configured base URL.
    pub fn load(root: &Path, base_url_override: Option<&str>) -> Result<SiteConfig> {
        let path = root.join(CONFIG_FILE);
        let bytes = fs::read(&path).map_err(|error| {
            crate::error::Error::io("cannot read the site configuration", &path, error)
        })?;
        let display_path = Path::new(CONFIG_FILE);
        let text = crate::walk::decode_text(bytes, display_path)?;
        let mut config = parse(&text, display_path)?;
        config.root = root.to_path_buf();
        if let Some(url) = base_url_override {
            config.base_url = BaseUrl::parse(url).map_err(|message| {
                crate::error::Error::usage(format!("--base-url {url:?}: {message}"), None)
            })?;
        }
        Ok(config)
    }

    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|language| language.code == code)
    }

    pub fn taxonomy(&self, name: &str) -> Option<&Taxonomy> {
        self.taxonomies
            .iter()
            .find(|taxonomy| taxonomy.name == name)
    }

    /// Whether a publication with these terms of the publication taxonomy is a report.
    pub fn is_report(&self, publication_types: &[String]) -> bool {
        publication_types
            .iter()
            .any(|term| self.report_types.contains(term))
    }

    pub fn theme_dir(&self) -> PathBuf {
        self.root.join("themes").join(&self.theme)
    }

    /// The policy as an HTTP header value, for servers.
    pub fn content_security_policy(&self) -> &str {
        &self.content_security_policy.header
    }

    /// The policy for a `<meta http-equiv>` element: the header without the directives a `<meta>`
    /// element cannot carry.
    pub fn content_security_policy_meta(&self) -> &str {
        &self.content_security_policy.meta
    }
}

impl ContentSecurityPolicy {
    fn parse(policy: &str) -> std::result::Result<ContentSecurityPolicy, String> {
        // The value goes into an HTTP header: no line breaks or other control characters.
        if policy.chars().any(|c| !(c == ' ' || c.is_ascii_graphic())) {
            return Err("the Content-Security-Policy may contain printable ASCII only".into());
        }
        let directives: Vec<&str> = policy
            .split(';')
            .map(str::trim)
            .filter(|directive| !directive.is_empty())
            .collect();
        if directives.is_empty() {
            return Err("the Content-Security-Policy is empty".into());
        }
        let meta: Vec<&str> = directives
            .iter()
            .copied()
            .filter(|directive| {
                let name = directive.split(' ').next().unwrap_or_default();
                !HEADER_ONLY_DIRECTIVES.contains(&name.to_ascii_lowercase().as_str())
            })
            .collect();
        Ok(ContentSecurityPolicy {
            header: directives.join("; "),
            meta: meta.join("; "),
        })
    }
}

impl BaseUrl {
    pub fn parse(url: &str) -> std::result::Result<BaseUrl, String> {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or("the base URL must start with https:// or http://")?;
        let host = rest.split('/').next().unwrap_or_default();
        if host.is_empty() {
            return Err("the base URL has no host".into());
        }
        if url.contains(['?', '#', ' ']) {
            return Err("the base URL must not contain a query, a fragment or spaces".into());
        }
        if rest.split('/').any(|segment| segment == "..") {
            return Err("the base URL must not contain `..`".into());
        }
        let mut url = url.to_owned();
        if !url.ends_with('/') {
            url.push('/');
        }
        Ok(BaseUrl(url))
    }

    /// The absolute URL of a site path (`nl/publicaties/` → `https://example.org/kennis/nl/publicaties/`).
    pub fn join(&self, site_path: &str) -> String {
        format!("{}{}", self.0, site_path.trim_start_matches('/'))
    }

    /// The path part, always starting and ending with `/` (`/kennis/`).
    pub fn path(&self) -> &str {
        let after_scheme = self.0.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme
            .find('/')
            .map_or("/", |slash| &after_scheme[slash..])
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    theme: String,
    languages: Vec<RawLanguage>,
    #[serde(default)]
    taxonomies: Vec<RawTaxonomy>,
    #[serde(default)]
    extra: toml::Table,
    #[serde(default)]
    raw_html: RawHtml,
    content_security_policy: Option<String>,
    #[serde(default)]
    report_types: Vec<String>,
    #[serde(default)]
    check: check::RawCheck,
    #[serde(default)]
    footer: footer::RawFooter,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: String,
    title: String,
    #[serde(default)]
    description: String,
    locale: String,
    prefix: Option<String>,
    print_slug: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    name: String,
    title: Labels,
    singular: Option<Labels>,
    slug: Labels,
    #[serde(default)]
    terms: IndexMap<String, Labels>,
}

/// Date formats exist for these language parts of a locale.
pub const SUPPORTED_LOCALE_LANGUAGES: [&str; 2] = ["nl", "en"];

fn parse(text: &str, path: &Path) -> Result<SiteConfig> {
    clean_text::check_file(path, text)?;
    clean_text::check_toml(path, text, text, 0)?;
    let raw: RawConfig = toml::from_str(text).map_err(|error| {
        let range = error.span().unwrap_or(0..0);
        SourceError::at(path, text, range, error.message().trim().to_owned())
    })?;
    let at = |needle: &str, message: String| locate(path, text, needle, message);

    let base_url = BaseUrl::parse(&raw.base_url).map_err(|message| at("base_url", message))?;
    let theme = raw.theme;
    if !is_plain_name(&theme) {
        return Err(at(
            "theme",
            format!("theme name {theme:?} must be a plain folder name"),
        )
        .into());
    }
    let languages = languages(raw.languages, &at)?;
    let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
    let mut taxonomies: Vec<Taxonomy> = Vec::new();
    for raw_taxonomy in raw.taxonomies {
        let taxonomy = taxonomy(raw_taxonomy, &codes, &at)?;
        if taxonomies.iter().any(|t| t.name == taxonomy.name) {
            let message = format!("taxonomy `{}` is defined twice", taxonomy.name);
            return Err(at(&format!("\"{}\"", taxonomy.name), message).into());
        }
        taxonomies.push(taxonomy);
    }
    let policy = raw
        .content_security_policy
        .as_deref()
        .unwrap_or(DEFAULT_CONTENT_SECURITY_POLICY);
    let content_security_policy = ContentSecurityPolicy::parse(policy)
        .map_err(|message| at("content_security_policy", message))?;
    check_report_types(&raw.report_types, &taxonomies, &at)?;
    let check = raw
        .check
        .validate()
        .map_err(|(message, range)| SourceError::at(path, text, range, message))?;
    let footer_links = raw
        .footer
        .validate(
            |labels, context| complete_labels(labels, &codes, context),
            |offset| crate::error::line_of(text, offset),
        )
        .map_err(|(message, range)| SourceError::at(path, text, range, message))?;
    Ok(SiteConfig {
        root: PathBuf::new(),
        base_url,
        theme,
        languages,
        taxonomies,
        extra: raw.extra,
        raw_html: raw.raw_html,
        check,
        footer_links,
        content_security_policy,
        report_types: raw.report_types,
    })
}

/// Every report type is a term of the publication taxonomy.
fn check_report_types(
    report_types: &[String],
    taxonomies: &[Taxonomy],
    at: &impl Fn(&str, String) -> SourceError,
) -> Result<()> {
    let Some(unknown) = report_types.iter().find(|term| {
        !taxonomies
            .iter()
            .find(|taxonomy| taxonomy.name == PUBLICATION_TAXONOMY)
            .is_some_and(|taxonomy| taxonomy.terms.contains_key(*term))
    }) else {
        return Ok(());
    };
    let message =
        format!("report_types: `{unknown}` is not a term of the taxonomy `{PUBLICATION_TAXONOMY}`");
    Err(at("report_types", message).into())
}

fn languages(
    raw: Vec<RawLanguage>,
    at: &impl Fn(&str, String) -> SourceError,
) -> Result<Vec<Language>> {
    if raw.is_empty() {
        return Err(at("languages", "at least one language is required".into()).into());
    }
    let mut languages: Vec<Language> = Vec::new();
    for language in raw {
        let needle = format!("\"{}\"", language.code);
        if !is_plain_name(&language.code) {
            return Err(at(
                &needle,
                format!("language code {:?} is not valid", language.code),
            )
            .into());
        }
        let prefix = language.prefix.unwrap_or_else(|| language.code.clone());
        if !is_plain_name(&prefix) {
            return Err(at(
                &needle,
                format!("URL prefix {prefix:?} must be one plain path segment"),
            )
            .into());
        }
        let print_slug = language
            .print_slug
            .unwrap_or_else(|| DEFAULT_PRINT_SLUG.to_owned());
        if !is_plain_name(&print_slug) {
            return Err(at(
                &format!("\"{print_slug}\""),
                format!("print_slug {print_slug:?} must be one plain path segment"),
            )
            .into());
        }
        let locale_language = language.locale.split(['-', '_']).next().unwrap_or_default();
        if !SUPPORTED_LOCALE_LANGUAGES.contains(&locale_language) {
            let message = format!(
                "locale {:?}: dates can be formatted for {} only",
                language.locale,
                SUPPORTED_LOCALE_LANGUAGES.join(", ")
            );
            return Err(at(&format!("\"{}\"", language.locale), message).into());
        }
        if languages
            .iter()
            .any(|l| l.code == language.code || l.prefix == prefix)
        {
            let message = format!(
                "language `{}` or its prefix is defined twice",
                language.code
            );
            return Err(at(&needle, message).into());
        }
        languages.push(Language {
            code: language.code,
            title: language.title,
            description: language.description,
            locale: language.locale,
            prefix,
            print_slug,
        });
    }
    Ok(languages)
}

fn taxonomy(
    raw: RawTaxonomy,
    codes: &[&str],
    at: &impl Fn(&str, String) -> SourceError,
) -> Result<Taxonomy> {
    let needle = format!("\"{}\"", raw.name);
    let context = format!("taxonomy `{}`", raw.name);
    if !is_plain_name(&raw.name) {
        return Err(at(
            &needle,
            format!("{context}: the name must be a plain identifier"),
        )
        .into());
    }
    let title = complete_labels(raw.title, codes, &format!("{context}: title"))
        .map_err(|message| at(&needle, message))?;
    let singular = match raw.singular {
        Some(singular) => complete_labels(singular, codes, &format!("{context}: singular"))
            .map_err(|message| at(&needle, message))?,
        None => title.clone(),
    };
    let slug = complete_labels(raw.slug, codes, &format!("{context}: slug"))
        .map_err(|message| at(&needle, message))?;
    if let Some((code, bad)) = slug.iter().find(|(_, slug)| !is_plain_name(slug)) {
        let message =
            format!("{context}: slug {bad:?} for `{code}` must be one plain path segment");
        return Err(at(&needle, message).into());
    }
    let mut terms: IndexMap<String, Term> = IndexMap::new();
    for (id, labels) in raw.terms {
        let term_needle = format!("\n{id} ");
        let term_context = format!("{context}: term `{id}`");
        if slugify(&id) != id {
            let message = format!("{term_context}: ids are lowercase words joined by hyphens");
            return Err(at(&term_needle, message).into());
        }
        let labels = complete_labels(labels, codes, &term_context)
            .map_err(|message| at(&term_needle, message))?;
        let slugs: Labels = labels
            .iter()
            .map(|(code, label)| (code.clone(), slugify(label)))
            .collect();
        if let Some(other) = terms.values().find(|other| {
            codes
                .iter()
                .any(|code| other.slugs.get(*code) == slugs.get(*code))
        }) {
            let message = format!(
                "{term_context}: its URL would be the same as term `{}`",
                other.id
            );
            return Err(at(&term_needle, message).into());
        }
        terms.insert(id.clone(), Term { id, labels, slugs });
    }
    Ok(Taxonomy {
        name: raw.name,
        singular,
        title,
        slug,
        terms,
    })
}

/// Labels in language order, one for every configured language and none for another.
fn complete_labels(
    labels: Labels,
    codes: &[&str],
    context: &str,
) -> std::result::Result<Labels, String> {
    if let Some(unknown) = labels.keys().find(|code| !codes.contains(&code.as_str())) {
        return Err(format!(
            "{context}: `{unknown}` is not a configured language"
        ));
    }
    codes
        .iter()
        .map(|code| match labels.get(*code) {
            Some(label) if !label.trim().is_empty() => Ok((code.to_string(), label.clone())),
            _ => Err(format!("{context}: missing a label for `{code}`")),
        })
        .collect()
}

/// A name that is safe as one URL path segment and as a folder name.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// An error at the first occurrence of `needle` in the configuration, or at its start.
fn locate(path: &Path, text: &str, needle: &str, message: String) -> SourceError {
    let start = text.find(needle).map_or(0, |index| {
        index + needle.len() - needle.trim_start_matches('\n').len()
    });
    let end = start + needle.trim_start_matches('\n').trim_end().len();
    SourceError::at(path, text, start..end, message)
}

/// A site in two languages for the stages' unit tests, which append what else they need.
#[cfg(test)]
pub(crate) const TEST_SITE: &str = r#"
base_url = "https://example.org/"
theme = "none"

[[languages]]
code = "nl"
title = "Test"
locale = "nl-BE"

[[languages]]
code = "en"
title = "Test"
locale = "en-GB"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
base_url = "https://example.org/kennis"
theme = "kenniscentrum"

[[languages]]
code = "nl"
title = "Kenniscentrum"
locale = "nl-BE"

[[languages]]
code = "en"
title = "Knowledge Centre"
locale = "en-GB"

[[taxonomies]]
name = "stad"
title = { nl = "Steden", en = "Cities" }
slug = { nl = "stad", en = "city" }

[taxonomies.terms]
gent = { nl = "Gent", en = "Ghent" }
sint-niklaas = { nl = "Sint-Niklaas", en = "Sint-Niklaas" }
"#;

    fn parse_str(text: &str) -> std::result::Result<SiteConfig, String> {
        parse(text, Path::new("site.toml")).map_err(|error| error.to_string())
    }

    #[test]
    fn reads_languages_taxonomies_and_term_labels() {
        let config = parse_str(MINIMAL).unwrap();
        assert_eq!(config.base_url.as_str(), "https://example.org/kennis/");
        assert_eq!(config.base_url.path(), "/kennis/");
        assert_eq!(config.default_language().code, "nl");
        assert_eq!(config.languages[1].prefix, "en");
        let stad = config.taxonomy("stad").unwrap();
        assert_eq!(stad.slug["en"], "city");
        assert_eq!(stad.terms["gent"].labels["en"], "Ghent");
        assert_eq!(stad.terms["gent"].slugs["en"], "ghent");
        assert_eq!(
            stad.terms.keys().collect::<Vec<_>>(),
            ["gent", "sint-niklaas"]
        );
    }

    #[test]
    fn unknown_keys_are_named_with_their_line() {
        let text = MINIMAL.replace("theme = ", "thema = ");
        let message = parse_str(&text).unwrap_err();
        assert!(
            message.starts_with("site.toml:3: unknown field `thema`"),
            "{message}"
        );
    }

    #[test]
    fn a_term_without_a_label_for_a_language_is_an_error() {
        let text = MINIMAL.replace(
            "gent = { nl = \"Gent\", en = \"Ghent\" }",
            "gent = { nl = \"Gent\" }",
        );
        let message = parse_str(&text).unwrap_err();
        assert_eq!(
            message,
            "site.toml:21: taxonomy `stad`: term `gent`: missing a label for `en`"
        );
    }

    #[test]
    fn malformed_toml_names_the_line() {
        let message = parse_str("base_url = \"https://x.org/\"\ntheme = \n").unwrap_err();
        assert!(message.starts_with("site.toml:2:"), "{message}");
    }

    #[test]
    fn base_urls_are_checked_and_normalised() {
        assert_eq!(BaseUrl::parse("http://127.0.0.1:1111").unwrap().path(), "/");
        assert!(BaseUrl::parse("example.org/").is_err());
        assert!(BaseUrl::parse("https://x.org/a/../b/").is_err());
        let base = BaseUrl::parse("https://x.org/kennis/").unwrap();
        assert_eq!(base.join("nl/a/"), "https://x.org/kennis/nl/a/");
    }

    #[test]
    fn raw_html_is_sanitised_unless_allowed() {
        assert_eq!(parse_str(MINIMAL).unwrap().raw_html, RawHtml::Sanitise);
        let allow = format!("raw_html = \"allow\"\n{MINIMAL}");
        assert_eq!(parse_str(&allow).unwrap().raw_html, RawHtml::Allow);
        let unknown = format!("raw_html = \"trust\"\n{MINIMAL}");
        let message = parse_str(&unknown).unwrap_err();
        assert!(
            message.starts_with("site.toml:1: unknown variant `trust`"),
            "{message}"
        );
    }

    #[test]
    fn the_meta_policy_leaves_out_what_a_meta_element_cannot_carry() {
        let config = parse_str(MINIMAL).unwrap();
        assert_eq!(
            config.content_security_policy(),
            DEFAULT_CONTENT_SECURITY_POLICY
        );
        assert!(
            config
                .content_security_policy()
                .ends_with("frame-ancestors 'none'")
        );
        let meta = config.content_security_policy_meta();
        assert!(meta.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"));
        assert!(!meta.contains("frame-ancestors"), "{meta}");
        let custom = format!(
            "content_security_policy = \"default-src 'none'; sandbox; report-uri /r\"\n{MINIMAL}"
        );
        let config = parse_str(&custom).unwrap();
        assert_eq!(config.content_security_policy_meta(), "default-src 'none'");
        let broken = format!("content_security_policy = \"default-src 'self'\\n\"\n{MINIMAL}");
        let message = parse_str(&broken).unwrap_err();
        assert!(message.starts_with("site.toml:1: "), "{message}");
    }

    #[test]
    fn report_types_are_terms_of_the_publication_taxonomy() {
        let with_type = format!(
            "report_types = [\"rapport\"]\n{MINIMAL}\n[[taxonomies]]\nname = \"type\"\n\
             title = {{ nl = \"Soort\", en = \"Kind\" }}\nslug = {{ nl = \"type\", en = \"type\" }}\n\
             [taxonomies.terms]\nrapport = {{ nl = \"Rapport\", en = \"Report\" }}\n"
        );
        let config = parse_str(&with_type).unwrap();
        assert!(config.is_report(&["rapport".to_owned()]));
        assert!(!config.is_report(&[]));
        let unknown =
            with_type.replace("report_types = [\"rapport\"]", "report_types = [\"boek\"]");
        assert_eq!(
            parse_str(&unknown).unwrap_err(),
            "site.toml:1: report_types: `boek` is not a term of the taxonomy `type`"
        );
    }

    #[test]
    fn check_settings_are_read_and_their_problems_named_at_their_line() {
        assert_eq!(
            parse_str(MINIMAL).unwrap().check,
            check::CheckSettings::default()
        );
        let text = format!("{MINIMAL}\n[check]\nskip_hosts = [\"*.intranet\"]\nper_host = 1\n");
        let config = parse_str(&text).unwrap();
        assert_eq!(config.check.per_host, 1);
        assert!(config.check.skip_hosts[0].matches("wiki.intranet"));
        let text = format!("{MINIMAL}\n[check]\ntimeout = -1\n");
        let message = parse_str(&text).unwrap_err();
        assert!(
            message.starts_with("site.toml:25: timeout is in seconds"),
            "{message}"
        );
        let text = format!("{MINIMAL}\n[check]\nskip = []\n");
        let message = parse_str(&text).unwrap_err();
        assert!(
            message.starts_with("site.toml:25: unknown field `skip`"),
            "{message}"
        );
    }

    #[test]
    fn unsupported_locales_are_rejected() {
        let text = MINIMAL.replace("en-GB", "fr-BE");
        let message = parse_str(&text).unwrap_err();
        assert!(
            message.contains("dates can be formatted for nl, en only"),
            "{message}"
        );
    }

    #[test]
    fn control_characters_in_titles_are_refused_at_their_line() {
        let escaped = MINIMAL.replacen("title = \"", "title = \"Steden\\u000B", 1);
        let error = parse_str(&escaped).unwrap_err();
        assert!(
            error.contains("holds the invisible control character U+000B"),
            "{error}"
        );
        let literal = MINIMAL.replacen("title = \"", "title = \"Steden\u{1b}", 1);
        assert!(parse_str(&literal).unwrap_err().contains("U+001B"));
    }
}
