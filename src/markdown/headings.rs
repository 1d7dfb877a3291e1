//! Heading ids and the table of contents. Ids are readable slugs of the heading text, unique within
//! the page (`sterke-punten`, `sterke-punten-1`); an explicit `{#id}` is kept as written.

use std::collections::HashSet;

use serde::Serialize;

use crate::slug::slugify;

/// One entry of a page's table of contents, with the headings below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A heading found in the document.
#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub explicit_id: Option<String>,
}

/// Why an explicit id cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdClash {
    /// Two headings (or a heading and a footnote) have it.
    Twice(String),
    /// The theme's page frame uses it (`main`).
    Frame(String),
}

/// Gives each heading a unique id. Explicit ids win; automatic ids avoid them, each other, the
/// `reserved` ids of the page (footnotes) and the `frame` ids of the theme. Returns the ids in heading
/// order, or the first explicit id that cannot be used.
pub fn assign_ids(
    headings: &[Heading],
    reserved: &HashSet<String>,
    frame: &HashSet<String>,
) -> Result<Vec<String>, IdClash> {
    let mut taken: HashSet<String> = reserved.clone();
    for explicit in headings.iter().filter_map(|h| h.explicit_id.as_ref()) {
        if frame.contains(explicit) {
            return Err(IdClash::Frame(explicit.clone()));
        }
        if !taken.insert(explicit.clone()) {
            return Err(IdClash::Twice(explicit.clone()));
        }
    }
    taken.extend(frame.iter().cloned());
    let ids = headings
        .iter()
        .map(|heading| match &heading.explicit_id {
            Some(id) => id.clone(),
            None => {
                let base = match slugify(&heading.text) {
                    slug if slug.is_empty() => "section".to_owned(),
                    slug => slug,
                };
                let mut candidate = base.clone();
                let mut counter = 0;
                while taken.contains(&candidate) {
                    counter += 1;
                    candidate = format!("{base}-{counter}");
                }
                taken.insert(candidate.clone());
                candidate
            }
        })
        .collect();
    Ok(ids)
}

/// Nests headings by level: a heading owns the following deeper headings.
pub fn table_of_contents(headings: &[Heading], ids: &[String]) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for (heading, id) in headings.iter().zip(ids) {
        let entry = TocEntry {
            level: heading.level,
            id: id.clone(),
            title: heading.text.clone(),
            children: Vec::new(),
        };
        insert(&mut roots, entry);
    }
    roots
}

fn insert(siblings: &mut Vec<TocEntry>, entry: TocEntry) {
    match siblings.last_mut() {
        Some(last) if last.level < entry.level => insert(&mut last.children, entry),
        _ => siblings.push(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u8, text: &str, explicit: Option<&str>) -> Heading {
        Heading {
            level,
            text: text.into(),
            explicit_id: explicit.map(Into::into),
        }
    }

    #[test]
    fn duplicate_texts_get_numbered_ids() {
        let headings = [
            heading(2, "Sterke punten", None),
            heading(2, "Sterke punten", None),
            heading(3, "Sterke punten", Some("sterke-punten-1")),
            heading(2, "Coördinatie", None),
            heading(2, "!!!", None),
        ];
        let ids = assign_ids(&headings, &HashSet::new(), &HashSet::new()).unwrap();
        assert_eq!(
            ids,
            [
                "sterke-punten",
                "sterke-punten-2",
                "sterke-punten-1",
                "coordinatie",
                "section"
            ]
        );
    }

    #[test]
    fn duplicate_explicit_ids_are_reported() {
        let headings = [heading(2, "a", Some("x")), heading(2, "b", Some("x"))];
        assert_eq!(
            assign_ids(&headings, &HashSet::new(), &HashSet::new()),
            Err(IdClash::Twice("x".to_owned()))
        );
    }

    #[test]
    fn reserved_ids_are_avoided() {
        let reserved = HashSet::from(["fn-1".to_owned()]);
        let ids = assign_ids(&[heading(2, "fn 1", None)], &reserved, &HashSet::new()).unwrap();
        assert_eq!(ids, ["fn-1-1"]);
    }

    #[test]
    fn toc_nests_by_level() {
        let headings = [
            heading(2, "A", None),
            heading(3, "A.1", None),
            heading(4, "A.1.a", None),
            heading(3, "A.2", None),
            heading(2, "B", None),
        ];
        let ids = assign_ids(&headings, &HashSet::new(), &HashSet::new()).unwrap();
        let toc = table_of_contents(&headings, &ids);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].children.len(), 2);
        assert_eq!(toc[0].children[0].children[0].title, "A.1.a");
        assert!(toc[1].children.is_empty());
    }

    #[test]
    fn the_page_frame_ids_are_avoided_and_cannot_be_chosen() {
        let frame: HashSet<String> = ["main".to_owned()].into();
        let ids = assign_ids(&[heading(2, "Main", None)], &HashSet::new(), &frame).unwrap();
        assert_eq!(ids, ["main-1"]);
        assert_eq!(
            assign_ids(
                &[heading(2, "Start", Some("main"))],
                &HashSet::new(),
                &frame
            ),
            Err(IdClash::Frame("main".to_owned()))
        );
    }
}
