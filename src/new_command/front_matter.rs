//! The text of a new content file: complete front matter that builds as it is, with every taxonomy
//! of `site.toml` listed (with the terms it allows, as a comment) so that editors fill in rather
//! than look up.

use indexmap::IndexMap;

use crate::config::PUBLICATION_TAXONOMY;
use crate::config::SiteConfig;

/// What goes into a new file's front matter.
pub struct Draft<'a> {
    pub title: &'a str,
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    pub weight: i64,
    /// Terms to start from, per taxonomy name; taxonomies not named get an empty list.
    pub terms: &'a IndexMap<String, Vec<String>>,
    /// A publication is only listed as one with a term of [`PUBLICATION_TAXONOMY`], which the
    /// comment on that line says.
    pub publication: bool,
}

/// The whole file: front matter and an empty body.
pub fn render(draft: &Draft<'_>, config: &SiteConfig) -> String {
    let mut text = String::from("+++\n");
    text.push_str(&format!("title = {}\n", toml_string(draft.title)));
    text.push_str(&format!("date = {}\n", draft.date));
    text.push_str("description = \"\"\n");
    text.push_str("draft = false\n");
    text.push_str(&format!("weight = {}\n", draft.weight));
    if !config.taxonomies.is_empty() {
        text.push_str("\n[taxonomies]\n");
    }
    for taxonomy in &config.taxonomies {
        let terms: Vec<String> = draft
            .terms
            .get(&taxonomy.name)
            .map(|terms| terms.iter().map(|term| toml_string(term)).collect())
            .unwrap_or_default();
        let allowed: Vec<&str> = taxonomy.terms.keys().map(String::as_str).collect();
        let needed = if draft.publication && taxonomy.name == PUBLICATION_TAXONOMY {
            "a publication needs one of: "
        } else {
            ""
        };
        text.push_str(&format!(
            "{} = [{}]  # {needed}{}\n",
            taxonomy.name,
            terms.join(", "),
            allowed.join(", ")
        ));
    }
    text.push_str("+++\n\n");
    text
}

/// A quoted TOML string, escaped as TOML requires.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// The title a new file starts with, from its slug (`jaarplan-2026` → `Jaarplan 2026`), for the
/// editor to replace.
pub fn placeholder_title(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_the_slug() {
        assert_eq!(placeholder_title("jaarplan-2026"), "Jaarplan 2026");
        assert_eq!(placeholder_title("ééntje"), "Ééntje");
    }

    #[test]
    fn strings_are_quoted_for_toml() {
        let title = "Een \"titel\" met \\ erin";
        let table: toml::Table =
            toml::from_str(&format!("title = {}", toml_string(title))).expect("valid TOML");
        assert_eq!(table["title"].as_str(), Some(title));
    }
}
