//! schema.org JSON-LD of every page. A publication is a `Report` or a `CreativeWork` (by
//! `report_types`) that `hasPart` its chapters; a chapter is a `Chapter` that `isPartOf` its
//! publication; the home page is the `WebSite`, other sections `CollectionPage`s, other pages
//! `WebPage`s. Language versions point at each other: the first language's version is the work,
//! the others are its translations (`workTranslation`, `translationOfWork`).

use serde_json::{Map, Value, json};

use super::GeneratedPage;
use crate::config::Language;
use crate::content::{DocId, Kind};
use crate::templates::citation::Citation;
use crate::templates::context::Contexts;

const SCHEMA_ORG: &str = "https://schema.org";

pub fn document(contexts: &Contexts<'_>, doc: DocId, citation: Option<&Citation<'_>>) -> Value {
    let content = contexts.content;
    let document = &content.documents[doc];
    let language = super::language(contexts, &document.lang);
    let publication = content.publication_of(doc);
    let schema_type = schema_type(contexts, doc, citation);
    let url = contexts.permalink(doc);
    let mut node = Map::new();
    node.insert("@context".into(), SCHEMA_ORG.into());
    node.insert("@type".into(), schema_type.into());
    node.insert("@id".into(), url.clone().into());
    node.insert("name".into(), document.front().title.clone().into());
    node.insert("url".into(), url.into());
    node.insert("inLanguage".into(), language.locale.clone().into());
    if let Some(description) = &document.front().description {
        node.insert("description".into(), description.clone().into());
    }
    let published = citation.and_then(|c| c.date).or(document.front().date);
    if let Some(date) = published {
        node.insert("datePublished".into(), date.to_string().into());
    }
    if let Some(date) = document.front().updated {
        node.insert("dateModified".into(), date.to_string().into());
    }
    node.insert("publisher".into(), organization(contexts, language));
    if let Some(citation) = citation.filter(|c| !c.authors.is_empty()) {
        let authors = citation
            .authors
            .iter()
            .map(|name| json!({ "@type": "Person", "name": name }));
        node.insert("author".into(), Value::Array(authors.collect()));
    }
    translations(contexts, doc, schema_type, &mut node);
    match publication {
        Some(publication) if publication == doc => {
            node.insert("hasPart".into(), chapters(contexts, doc));
        }
        Some(publication) => {
            let publication_type = citation.map_or("CreativeWork", |c| c.kind.schema_type());
            node.insert(
                "isPartOf".into(),
                reference(contexts, publication, publication_type),
            );
        }
        None if document.kind == Kind::Section && document.dir.is_empty() => {}
        None => {
            node.insert("isPartOf".into(), website(contexts, language));
        }
    }
    Value::Object(node)
}

pub fn generated(contexts: &Contexts<'_>, page: &GeneratedPage<'_>, language: &Language) -> Value {
    let url = contexts.config.base_url.join(page.path.as_str());
    json!({
        "@context": SCHEMA_ORG,
        "@type": page.schema_type,
        "@id": url,
        "name": page.title,
        "url": url,
        "inLanguage": language.locale,
        "publisher": organization(contexts, language),
        "isPartOf": website(contexts, language),
    })
}

fn schema_type(
    contexts: &Contexts<'_>,
    doc: DocId,
    citation: Option<&Citation<'_>>,
) -> &'static str {
    let content = contexts.content;
    let document = &content.documents[doc];
    match (citation, content.is_publication(doc)) {
        (Some(citation), true) => citation.kind.schema_type(),
        (Some(_), false) => "Chapter",
        (None, _) if document.kind == Kind::Page => "WebPage",
        (None, _) if document.dir.is_empty() => "WebSite",
        (None, _) => "CollectionPage",
    }
}

/// The publisher: the organisation the language's site title names.
fn organization(contexts: &Contexts<'_>, language: &Language) -> Value {
    json!({
        "@type": "Organization",
        "name": language.title,
        "url": contexts.permalink(contexts.content.home(&language.code)),
    })
}

fn website(contexts: &Contexts<'_>, language: &Language) -> Value {
    let home = contexts.permalink(contexts.content.home(&language.code));
    json!({ "@type": "WebSite", "@id": home, "name": language.title, "url": home })
}

/// A short reference to another document: type, URL, name and language.
fn reference(contexts: &Contexts<'_>, doc: DocId, schema_type: &str) -> Value {
    let document = &contexts.content.documents[doc];
    let url = contexts.permalink(doc);
    json!({
        "@type": schema_type,
        "@id": url,
        "name": document.front().title,
        "url": url,
        "inLanguage": super::language(contexts, &document.lang).locale,
    })
}

/// `workTranslation` on the first language's version, `translationOfWork` on the others.
fn translations(
    contexts: &Contexts<'_>,
    doc: DocId,
    schema_type: &str,
    node: &mut Map<String, Value>,
) {
    let members = &contexts.content.groups[contexts.content.documents[doc].group].members;
    let Some((&original, translations)) = members.split_first() else {
        return;
    };
    if original == doc {
        if !translations.is_empty() {
            let versions = translations
                .iter()
                .map(|&member| reference(contexts, member, schema_type));
            node.insert("workTranslation".into(), Value::Array(versions.collect()));
        }
    } else {
        node.insert(
            "translationOfWork".into(),
            reference(contexts, original, schema_type),
        );
    }
}

/// The chapters a publication lists, in their order; a chapter shown from another language
/// belongs to that language's version.
fn chapters(contexts: &Contexts<'_>, publication: DocId) -> Value {
    let lang = &contexts.content.documents[publication].lang;
    let (_, pages) = contexts.content.children(publication);
    Value::Array(
        pages
            .into_iter()
            .filter(|&page| contexts.content.documents[page].lang == *lang)
            .map(|page| reference(contexts, page, "Chapter"))
            .collect(),
    )
}
