//! Which parts of a document search links to: the Markdown stage's sections at `h2` and `h3`
//! headings. A deeper (or an `h1`) heading's title and text join the section above it; a section
//! marked `noindex` is left out, and the sections after it go on as usual. An empty opening part
//! before the first heading is no section.

use crate::markdown;

/// Headings that start a search section.
const SECTION_LEVELS: [u8; 2] = [2, 3];

/// A part of a document that a search result links to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// The heading's id; `None` for the part before the first heading.
    pub anchor: Option<String>,
    pub heading: String,
    pub text: String,
}

/// The search sections of a document's `sections`, in order.
pub fn search_sections(sections: &[markdown::Section]) -> Vec<Section> {
    let mut found: Vec<Section> = Vec::new();
    for section in sections {
        if section.noindex {
            continue;
        }
        let starts = section.level == 0 || SECTION_LEVELS.contains(&section.level);
        match found.last_mut() {
            Some(current) if !starts => {
                for part in [&section.title, &section.text] {
                    if !part.is_empty() {
                        if !current.text.is_empty() {
                            current.text.push(' ');
                        }
                        current.text.push_str(part);
                    }
                }
            }
            _ => found.push(Section {
                anchor: section.id.clone(),
                heading: section.title.clone(),
                text: section.text.clone(),
            }),
        }
    }
    // A page that opens with a heading has nothing to find before it.
    if found.len() > 1 && found[0].anchor.is_none() && found[0].text.is_empty() {
        found.remove(0);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: Option<&str>, level: u8, title: &str, text: &str) -> markdown::Section {
        markdown::Section {
            id: id.map(str::to_owned),
            level,
            title: title.to_owned(),
            text: text.to_owned(),
            noindex: false,
        }
    }

    #[test]
    fn deeper_headings_join_the_section_above() {
        let sections = search_sections(&[
            section(None, 0, "", "Intro."),
            section(Some("sterke-punten"), 2, "Sterke punten", "een twee"),
            section(Some("detail"), 4, "Detail", "meer"),
            section(Some("goede-praktijken"), 3, "Goede praktijken", "Gent"),
        ]);
        let found: Vec<(Option<&str>, &str, &str)> = sections
            .iter()
            .map(|s| (s.anchor.as_deref(), s.heading.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (None, "", "Intro."),
                (
                    Some("sterke-punten"),
                    "Sterke punten",
                    "een twee Detail meer"
                ),
                (Some("goede-praktijken"), "Goede praktijken", "Gent"),
            ]
        );
    }

    #[test]
    fn noindex_sections_and_an_empty_opening_are_left_out() {
        let mut hidden = section(Some("geheim"), 2, "Geheim", "verborgen");
        hidden.noindex = true;
        let sections = search_sections(&[
            section(None, 0, "", ""),
            section(Some("a"), 2, "A", "tekst"),
            hidden,
            section(Some("b"), 4, "B", "na"),
        ]);
        assert_eq!(sections.len(), 1);
        assert_eq!(sections[0].text, "tekst B na");
    }
}
