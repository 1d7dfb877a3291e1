//! The print view of every publication: its landing text and every chapter in listing order on one
//! page with a table of contents, made for printing or saving as PDF. The chapters' rendered bodies
//! are placed on a page other than their own, so their ids get the chapter's prefix (one page holds
//! many `#inleiding`s), their relative links are rebased onto the print view, links between chapters
//! become links within it, and their headings move one level down below the chapter's title.

use std::collections::{HashMap, HashSet};

use lol_html::html_content::Element;
use lol_html::{RewriteStrSettings, element, rewrite_str};
use serde::Serialize;

use super::context::{Common, Contexts, DocumentContext, TranslationLink};
use super::metadata::{GeneratedPage, PageMetadata};
use crate::content::{Content, DocId};
use crate::error::{Error, Result};
use crate::site::{Alternate, OutputFile, SitePath};
use crate::theme::Theme;

/// The theme's template for print views.
const TEMPLATE: &str = "print.html";

#[derive(Serialize)]
struct PrintPage<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    /// The publication's landing page, its body rebased onto the print view.
    page: DocumentContext<'a>,
    /// The landing page, for a link back.
    landing_url: String,
    chapters: Vec<Chapter>,
}

#[derive(Serialize)]
struct Chapter {
    /// The id of the chapter's title, which the table of contents links to.
    id: String,
    title: String,
    lang: String,
    /// In another language than the print view, because it has no translation.
    fallback: bool,
    content: String,
}

/// The print view of `publication`, if the routes gave it one.
pub fn render(
    contexts: &Contexts<'_>,
    theme: &Theme,
    publication: DocId,
) -> Result<Option<OutputFile>> {
    contexts
        .routes
        .print_view(publication)
        .map(|view| render_view(contexts, theme, publication, view))
        .transpose()
}

fn render_view(
    contexts: &Contexts<'_>,
    theme: &Theme,
    publication: DocId,
    view: &SitePath,
) -> Result<OutputFile> {
    let content = contexts.content;
    let document = &content.documents[publication];
    let linker = contexts.linker(view);
    let frame_ids: HashSet<String> = theme.frame_ids().into_iter().collect();
    let members = members(contexts, publication, &frame_ids);
    let targets: HashMap<String, &str> = members
        .iter()
        .flat_map(|member| {
            let path = contexts.routes.document(member.doc);
            [path.as_str().to_owned(), path.output_file()]
                .map(|target| (target, member.key.as_str()))
        })
        .collect();
    let placed = |member: &Member, demote: bool| {
        let html = &contexts.rendered(member.doc).html;
        let from = contexts.routes.document(member.doc);
        rebase(
            html,
            &Placement {
                from,
                view,
                targets: &targets,
                key: &member.key,
                demote,
            },
        )
    };
    let (landing, chapters) = members
        .split_first()
        .ok_or_else(|| Error::usage("a print view without its publication", None))?;
    let mut page = contexts.document(publication, &linker);
    let intro = placed(landing, false)?;
    page.content = &intro;
    let chapters = chapters
        .iter()
        .map(|member| {
            let chapter = &content.documents[member.doc];
            Ok(Chapter {
                id: member.key.clone(),
                title: chapter.front().title.clone(),
                lang: chapter.lang.clone(),
                fallback: chapter.lang != document.lang,
                content: placed(member, true)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let context = PrintPage {
        common: contexts.common(
            &document.lang,
            &linker,
            view,
            alternates(contexts, publication),
            translations(contexts, publication, &linker),
            PageMetadata::generated(
                contexts,
                &GeneratedPage {
                    lang: &document.lang,
                    path: view,
                    title: document.front().title.clone(),
                    schema_type: "WebPage",
                    languages: view_languages(contexts, publication),
                },
            ),
        ),
        page,
        landing_url: linker.url(contexts.routes.document(publication)),
        chapters,
    };
    let html = theme.render(TEMPLATE, &context, Some(&document.source_path))?;
    Ok(OutputFile::generated(view.clone(), html.into_bytes()))
}

/// A document printed in the view and the prefix of its ids there.
struct Member {
    doc: DocId,
    key: String,
}

/// The landing page, then what it lists in order (each sub-section with what it lists, then the
/// pages), each keyed by its URL segment, made unique on the page.
fn members(
    contexts: &Contexts<'_>,
    publication: DocId,
    frame_ids: &HashSet<String>,
) -> Vec<Member> {
    let mut docs = Vec::new();
    listed(contexts.content, publication, &mut docs);
    let mut taken: HashSet<String> = frame_ids.clone();
    docs.into_iter()
        .map(|doc| {
            let path = contexts.routes.document(doc).as_str();
            let segment = path
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default();
            let mut key = segment.to_owned();
            let mut counter = 1;
            while !taken.insert(key.clone()) {
                counter += 1;
                key = format!("{segment}-{counter}");
            }
            Member { doc, key }
        })
        .collect()
}

fn listed(content: &Content, section: DocId, docs: &mut Vec<DocId>) {
    docs.push(section);
    let (sections, pages) = content.children(section);
    for subsection in sections {
        listed(content, subsection, docs);
    }
    docs.extend(pages);
}

/// The languages the publication has a print view in.
fn view_languages<'c>(contexts: &Contexts<'c>, publication: DocId) -> Vec<&'c str> {
    let content = contexts.content;
    content.groups[content.documents[publication].group]
        .members
        .iter()
        .filter(|&&member| contexts.routes.print_view(member).is_some())
        .map(|&member| content.documents[member].lang.as_str())
        .collect()
}

/// `hreflang` links to the print views of the publication's translations.
fn alternates(contexts: &Contexts<'_>, publication: DocId) -> Vec<Alternate> {
    let content = contexts.content;
    let group = content.documents[publication].group;
    let versions: Vec<(String, &SitePath)> = content.groups[group]
        .members
        .iter()
        .filter_map(|&member| {
            let view = contexts.routes.print_view(member)?;
            Some((content.documents[member].lang.clone(), view))
        })
        .collect();
    contexts.alternates(&versions)
}

/// The language switcher: the print view of each translation, or where the publication has none,
/// the page the document's switcher names.
fn translations(
    contexts: &Contexts<'_>,
    publication: DocId,
    linker: &super::context::Linker<'_>,
) -> Vec<TranslationLink> {
    let group = contexts.content.documents[publication].group;
    let mut links = contexts.document_translations(publication, linker);
    for link in &mut links {
        let view = contexts
            .content
            .member(group, &link.lang)
            .and_then(|member| contexts.routes.print_view(member));
        match view {
            Some(view) => link.url = linker.url(view),
            None => link.available = false,
        }
    }
    links
}

/// Where a body goes: from its own page onto the print view.
struct Placement<'p> {
    from: &'p SitePath,
    view: &'p SitePath,
    /// Every page of the view (as a page and as its `index.html`) → its key.
    targets: &'p HashMap<String, &'p str>,
    key: &'p str,
    demote: bool,
}

impl Placement<'_> {
    fn id(&self, id: &str) -> String {
        format!("{}--{id}", self.key)
    }

    /// The link on the print view for `link` written on the body's own page.
    fn link(&self, link: &str) -> Option<String> {
        if let Some(fragment) = link.strip_prefix('#') {
            return (!fragment.is_empty()).then(|| format!("#{}", self.id(fragment)));
        }
        let split = link.find(['?', '#']).unwrap_or(link.len());
        let (path, suffix) = link.split_at(split);
        let target = self.from.follow(path)?;
        match self.targets.get(&target) {
            Some(key) => Some(match suffix.strip_prefix('#') {
                Some(fragment) if !fragment.is_empty() => format!("#{key}--{fragment}"),
                _ => format!("#{key}"),
            }),
            None => Some(format!("{}{suffix}", self.view.link_to(&target))),
        }
    }
}

/// Attributes that name ids of the same page, as space-separated lists.
const ID_REFERENCES: [&str; 4] = ["aria-labelledby", "aria-describedby", "headers", "for"];

fn rebase(html: &str, placement: &Placement<'_>) -> Result<String> {
    let ids = element!("[id]", |element| {
        if let Some(id) = element.get_attribute("id") {
            element.set_attribute("id", &placement.id(&id))?;
        }
        Ok(())
    });
    let references = element!(
        "[aria-labelledby], [aria-describedby], [headers], label[for]",
        |element| {
            for name in ID_REFERENCES {
                if let Some(list) = element.get_attribute(name) {
                    let prefixed: Vec<String> =
                        list.split_whitespace().map(|id| placement.id(id)).collect();
                    element.set_attribute(name, &prefixed.join(" "))?;
                }
            }
            Ok(())
        }
    );
    let links = element!("a[href], area[href]", |element| rewrite_url(
        element, "href", placement
    ));
    let sources = element!("img[src], source[src], video[src], audio[src]", |element| {
        rewrite_url(element, "src", placement)
    });
    let headings = element!("h1, h2, h3, h4, h5", |element| {
        if placement.demote {
            let level: u8 = element.tag_name()[1..].parse().unwrap_or(6);
            element.set_tag_name(&format!("h{}", level + 1))?;
        }
        Ok(())
    });
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(ids)
            .append_element_content_handler(references)
            .append_element_content_handler(links)
            .append_element_content_handler(sources)
            .append_element_content_handler(headings),
    )
    .map_err(|error| {
        Error::usage(
            format!("cannot place a chapter in its print view: {error}"),
            None,
        )
    })
}

fn rewrite_url(
    element: &mut Element<'_, '_>,
    attribute: &str,
    placement: &Placement<'_>,
) -> std::result::Result<(), Box<dyn std::error::Error + Send + Sync>> {
    if let Some(url) = element.get_attribute(attribute)
        && let Some(placed) = placement.link(&url)
    {
        element.set_attribute(attribute, &placed)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(html: &str, demote: bool) -> String {
        let from = SitePath::page(["nl", "p", "een"]);
        let view = SitePath::page(["nl", "p", "afdrukken"]);
        let targets = HashMap::from([
            ("nl/p/".to_owned(), "p"),
            ("nl/p/een/".to_owned(), "een"),
            ("nl/p/twee/".to_owned(), "twee"),
            ("nl/p/twee/index.html".to_owned(), "twee"),
        ]);
        let placement = Placement {
            from: &from,
            view: &view,
            targets: &targets,
            key: "een",
            demote,
        };
        rebase(html, &placement).unwrap()
    }

    #[test]
    fn ids_and_links_to_them_get_the_chapter_prefix() {
        assert_eq!(
            placed(
                "<h2 id=\"doel\">Doel</h2><p><a href=\"#doel\">terug</a><sup><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup></p><th headers=\"a b\">x</th>",
                false
            ),
            "<h2 id=\"een--doel\">Doel</h2><p><a href=\"#een--doel\">terug</a><sup><a href=\"#een--fn-1\" id=\"een--fnref-1\">1</a></sup></p><th headers=\"een--a een--b\">x</th>"
        );
    }

    #[test]
    fn links_between_chapters_stay_on_the_view_and_others_are_rebased() {
        assert_eq!(
            placed(
                "<a href=\"../twee/#x\">a</a> <a href=\"../twee/index.html\">b</a> <a href=\"../\">c</a> \
                 <a href=\"../../q/\">d</a> <img src=\"kaart.png\"> <a href=\"https://example.org/a\">e</a> \
                 <a href=\"mailto:a@b.be\">f</a>",
                false
            ),
            "<a href=\"#twee--x\">a</a> <a href=\"#twee\">b</a> <a href=\"#p\">c</a> \
             <a href=\"../../q/\">d</a> <img src=\"../een/kaart.png\"> <a href=\"https://example.org/a\">e</a> \
             <a href=\"mailto:a@b.be\">f</a>"
        );
    }

    #[test]
    fn chapter_headings_move_one_level_down() {
        assert_eq!(
            placed("<h2 id=\"a\">A</h2><h5>B</h5><h6>C</h6>", true),
            "<h3 id=\"een--a\">A</h3><h6>B</h6><h6>C</h6>"
        );
    }
}
