//! UI strings of the theme, one TOML file per language (`themes/<theme>/i18n/nl.toml`). A key missing
//! in a language falls back to the default language with a warning; a key missing everywhere is an
//! error when a template asks for it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::SiteConfig;
use crate::error::{Result, SourceError};

#[derive(Debug, Clone, Default)]
pub struct Translations {
    default_language: String,
    /// Language → key → text.
    strings: BTreeMap<String, BTreeMap<String, String>>,
}

impl Translations {
    /// Loads the theme's string files; returns them and a warning per key a language lacks.
    pub fn load(dir: &Path, config: &SiteConfig) -> Result<(Translations, Vec<String>)> {
        let mut strings = BTreeMap::new();
        for language in &config.languages {
            let path = dir.join(format!("{}.toml", language.code));
            let table = if path.is_file() {
                read_table(&path, &config.root)?
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

    /// The text for `key` in `lang`, else in the default language.
    pub fn get(&self, lang: &str, key: &str) -> Option<&str> {
        self.strings
            .get(lang)
            .and_then(|table| table.get(key))
            .or_else(|| self.strings.get(&self.default_language)?.get(key))
            .map(String::as_str)
    }

    /// Every key, in any language, that starts with `prefix`.
    pub fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        let keys: std::collections::BTreeSet<&String> = self
            .strings
            .values()
            .flat_map(|table| table.keys())
            .filter(|key| key.starts_with(prefix))
            .collect();
        keys.into_iter().cloned().collect()
    }

    fn missing_keys(&self, dir: &Path, config: &SiteConfig) -> Vec<String> {
        let all_keys: std::collections::BTreeSet<&String> = self
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

fn read_table(path: &Path, root: &Path) -> Result<BTreeMap<String, String>> {
    let shown = Path::new(&display(path, root)).to_path_buf();
    let text = crate::walk::read_text(path, &shown)?;
    toml::from_str::<BTreeMap<String, String>>(&text).map_err(|error| {
        let range = error.span().unwrap_or(0..0);
        let message = format!(
            "{} (every entry is `key = \"text\"`)",
            error.message().trim()
        );
        SourceError::at(&shown, &text, range, message).into()
    })
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

    fn translations() -> Translations {
        let mut strings = BTreeMap::new();
        strings.insert(
            "nl".to_owned(),
            BTreeMap::from([
                ("a".to_owned(), "Zoeken".to_owned()),
                ("b".to_owned(), "Alleen NL".to_owned()),
            ]),
        );
        strings.insert(
            "en".to_owned(),
            BTreeMap::from([("a".to_owned(), "Search".to_owned())]),
        );
        Translations {
            default_language: "nl".to_owned(),
            strings,
        }
    }

    #[test]
    fn falls_back_to_the_default_language() {
        let translations = translations();
        assert_eq!(translations.get("en", "a"), Some("Search"));
        assert_eq!(translations.get("en", "b"), Some("Alleen NL"));
        assert_eq!(translations.get("en", "c"), None);
    }
}
