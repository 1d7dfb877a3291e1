//! UI strings of the theme, one TOML file per language (`themes/<theme>/i18n/nl.toml`). A value is a
//! text, or a table of texts per CLDR plural category (`{ one = "{count} resultaat", other = "{count}
//! resultaten" }`) whose categories are checked against the language's rule when the file is read. A
//! key missing in a language falls back to the default language with a warning; a key missing
//! everywhere is an error when a template asks for it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::plural::{self, Category, Rule};
use crate::config::SiteConfig;
use crate::error::{Result, SourceError};

/// One UI string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Plain(String),
    /// A form per plural category; every category of the language's rule is there.
    Plural(BTreeMap<Category, String>),
}

impl Text {
    /// The text for `count`, with `{count}` replaced by it; a plain text only gets the replacement.
    fn for_count(&self, rule: Option<Rule>, count: u64) -> String {
        let form = match (self, rule) {
            (Text::Plain(text), _) => text,
            (Text::Plural(forms), Some(rule)) => &forms[&rule.category(count)],
            (Text::Plural(forms), None) => &forms[&Category::Other],
        };
        form.replace("{count}", &count.to_string())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Translations {
    default_language: String,
    /// Language → key → text.
    strings: BTreeMap<String, BTreeMap<String, Text>>,
}

impl Translations {
    /// Loads the theme's string files; returns them and a warning per key a language lacks.
    pub fn load(dir: &Path, config: &SiteConfig) -> Result<(Translations, Vec<String>)> {
        let mut strings = BTreeMap::new();
        for language in &config.languages {
            let path = dir.join(format!("{}.toml", language.code));
            let table = if path.is_file() {
                read_table(&path, &config.root, &language.code)?
            } else {
                BTreeMap::new()
            };
            strings.insert(language.code.clone(), table);
        }
        let translations = Translations {
            default_language: config.default_language().code.clone(),
            strings,
        };
        let warnings = translations.missing_keys(dir, config);
        Ok((translations, warnings))
    }

    /// The entry for `key` in `lang`, else in the default language, with the language it is in.
    pub fn entry(&self, lang: &str, key: &str) -> Option<(&str, &Text)> {
        let find = |code: &str| {
            let (code, table) = self.strings.get_key_value(code)?;
            Some((code.as_str(), table.get(key)?))
        };
        find(lang).or_else(|| find(&self.default_language))
    }

    /// The text for `key` in `lang`, else in the default language; for a key with plural forms,
    /// its `other` form.
    pub fn get(&self, lang: &str, key: &str) -> Option<&str> {
        self.entry(lang, key).map(|(_, text)| match text {
            Text::Plain(text) => text.as_str(),
            Text::Plural(forms) => forms[&Category::Other].as_str(),
        })
    }

    /// The text for `key` in `lang` for `count` things, the form chosen by the plural rule of the
    /// language the text is in.
    pub fn for_count(&self, lang: &str, key: &str, count: u64) -> Option<String> {
        let (code, text) = self.entry(lang, key)?;
        Some(text.for_count(plural::rule(code), count))
    }

    /// Every key, in any language, that starts with `prefix`.
    pub fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        let keys: BTreeSet<&String> = self
            .strings
            .values()
            .flat_map(|table| table.keys())
            .filter(|key| key.starts_with(prefix))
            .collect();
        keys.into_iter().cloned().collect()
    }

    fn missing_keys(&self, dir: &Path, config: &SiteConfig) -> Vec<String> {
        let all_keys: BTreeSet<&String> = self
            .strings
            .values()
            .flat_map(|table| table.keys())
            .collect();
        let mut warnings = Vec::new();
        for language in &config.languages {
            let table = &self.strings[&language.code];
            for key in all_keys.iter().filter(|key| !table.contains_key(**key)) {
                let path = display(&dir.join(format!("{}.toml", language.code)), &config.root);
                let fallback = if self.strings[&self.default_language].contains_key(*key) {
                    format!("falls back to `{}`", self.default_language)
                } else {
                    "is missing in the default language too".to_owned()
                };
                warnings.push(format!("{path}: no text for `{key}`; it {fallback}"));
            }
        }
        warnings
    }
}

/// An entry as written: a text, or a table of plural forms.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawText {
    Plain(String),
    // Not `Spanned` keys: an untagged enum buffers its input, which loses toml's spans.
    Plural(BTreeMap<String, String>),
}

const ENTRY_SHAPES: &str = "every entry is `key = \"text\"`, or a table of plural forms such as \
                            `key = { one = \"{count} result\", other = \"{count} results\" }`";

fn read_table(path: &Path, root: &Path, lang: &str) -> Result<BTreeMap<String, Text>> {
    let shown = Path::new(&display(path, root)).to_path_buf();
    let text = crate::walk::read_text(path, &shown)?;
    let raw = toml::from_str::<BTreeMap<String, Spanned<RawText>>>(&text).map_err(|error| {
        let range = error.span().unwrap_or(0..0);
        let message = error.message().trim().replace(
            "data did not match any variant of untagged enum RawText",
            "this is neither a text nor a table of plural forms",
        );
        SourceError::at(&shown, &text, range, message).with_help(ENTRY_SHAPES)
    })?;
    let at = |range: std::ops::Range<usize>, message: String| {
        SourceError::at(&shown, &text, range, message)
    };
    let mut table = BTreeMap::new();
    for (key, value) in raw {
        let span = value.span();
        let entry = match value.into_inner() {
            RawText::Plain(text) => Text::Plain(text),
            RawText::Plural(forms) => Text::Plural(plural_forms(&key, forms, lang, span, &at)?),
        };
        table.insert(key, entry);
    }
    Ok(table)
}

/// The forms of a plural entry, which must be exactly the categories the language's rule chooses.
fn plural_forms(
    key: &str,
    forms: BTreeMap<String, String>,
    lang: &str,
    span: std::ops::Range<usize>,
    at: &impl Fn(std::ops::Range<usize>, String) -> SourceError,
) -> Result<BTreeMap<Category, String>> {
    let Some(rule) = plural::rule(lang) else {
        let message =
            format!("`{key}` has plural forms, but kennis has no plural rule for `{lang}`");
        let help = format!(
            "plural rules are built in for: {}; write one text instead",
            plural::LANGUAGES.join(", ")
        );
        return Err(at(span, message).with_help(help).into());
    };
    let names: Vec<&str> = rule.categories.iter().map(|c| c.name()).collect();
    let needed = format!("`{lang}` uses the forms {}", names.join(" and "));
    let mut chosen = BTreeMap::new();
    for (name, form) in forms {
        match Category::parse(&name).filter(|c| rule.categories.contains(c)) {
            Some(category) => chosen.insert(category, form),
            None => {
                let message = format!("`{key}` has a form `{name}`, which `{lang}` does not use");
                return Err(at(span, message).with_help(needed).into());
            }
        };
    }
    if let Some(missing) = rule.categories.iter().find(|c| !chosen.contains_key(c)) {
        let message = format!("`{key}` lacks the plural form `{missing}`; {needed}");
        return Err(at(span, message).into());
    }
    Ok(chosen)
}

fn display(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `nl` with a plain and a plural text; `en` with the plural text only.
    fn translations() -> Translations {
        let nl = "zoeken = \"Zoeken\"\nresultaten = { one = \"{count} resultaat\", other = \"{count} resultaten\" }\n";
        let en = "zoeken = \"Search\"\n";
        Translations {
            default_language: "nl".to_owned(),
            strings: BTreeMap::from([
                ("nl".to_owned(), read("nl", nl).expect("valid nl")),
                ("en".to_owned(), read("en", en).expect("valid en")),
            ]),
        }
    }

    fn read(lang: &str, text: &str) -> std::result::Result<BTreeMap<String, Text>, String> {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join(format!("{lang}.toml"));
        std::fs::write(&path, text).expect("write the strings");
        read_table(&path, dir.path(), lang).map_err(|error| match error {
            crate::error::Error::Source(error) => {
                format!("{error} | {}", error.help.as_deref().unwrap_or_default())
            }
            other => other.to_string(),
        })
    }

    #[test]
    fn falls_back_to_the_default_language() {
        let translations = translations();
        assert_eq!(translations.get("en", "zoeken"), Some("Search"));
        assert_eq!(
            translations.get("en", "resultaten"),
            Some("{count} resultaten")
        );
        assert_eq!(translations.get("en", "c"), None);
    }

    #[test]
    fn a_count_chooses_the_plural_form() {
        let translations = translations();
        let count = |n| translations.for_count("nl", "resultaten", n);
        assert_eq!(count(1).as_deref(), Some("1 resultaat"));
        assert_eq!(count(0).as_deref(), Some("0 resultaten"));
        assert_eq!(count(21).as_deref(), Some("21 resultaten"));
        // A plain text gets the count too.
        let plain = Text::Plain("{count} keer".to_owned());
        assert_eq!(plain.for_count(plural::rule("nl"), 3), "3 keer");
    }

    #[test]
    fn a_fallback_is_chosen_by_the_rule_of_its_language() {
        let translations = translations();
        let (code, _) = translations.entry("en", "resultaten").expect("falls back");
        assert_eq!(code, "nl");
        assert_eq!(
            translations.for_count("en", "resultaten", 1).as_deref(),
            Some("1 resultaat")
        );
    }

    #[test]
    fn forms_a_language_needs_must_be_there() {
        let message = read("en", "a = \"x\"\nitems = { other = \"{count} items\" }\n").unwrap_err();
        assert_eq!(
            message,
            "en.toml:2: `items` lacks the plural form `one`; `en` uses the forms one and other | "
        );
    }

    #[test]
    fn forms_a_language_does_not_use_are_refused() {
        let text =
            "items = { one = \"1 item\", few = \"{count} items\", other = \"{count} items\" }\n";
        let message = read("nl", text).unwrap_err();
        assert_eq!(
            message,
            "nl.toml:1: `items` has a form `few`, which `nl` does not use | `nl` uses the forms one and other"
        );
    }

    #[test]
    fn plural_forms_need_a_rule_for_the_language() {
        let message = read("fr", "items = { one = \"1\", other = \"2\" }\n").unwrap_err();
        assert!(
            message.starts_with(
                "fr.toml:1: `items` has plural forms, but kennis has no plural rule for `fr`"
            ),
            "{message}"
        );
        assert!(read("fr", "items = \"{count} éléments\"\n").is_ok());
    }

    #[test]
    fn other_values_are_refused_at_their_line() {
        let message = read("nl", "a = \"x\"\nb = 3\n").unwrap_err();
        assert!(message.starts_with("nl.toml:2: "), "{message}");
        assert!(message.contains("or a table of plural forms"), "{message}");
    }
}
