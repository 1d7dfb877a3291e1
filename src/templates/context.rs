//! What templates see. Every value a template needs is prepared here, with links already relative to
//! the page being rendered (so the site works under any base path and from disk), or from the host's
//! root through the base URL's path where a page is served at URLs it cannot know (the 404 page).

use serde::Serialize;

use super::SiteInputs;
use super::dates::long_date;
use super::footer::{FooterLink, FooterLinks};
use super::i18n::Translations;
use super::metadata::PageMetadata;
use super::search_box::{SearchBox, SearchContext};
use super::taxonomy_index::TaxonomyIndex;
use crate::config::{BaseUrl, Language, SiteConfig};
use crate::content::reads::{self, Read};
use crate::content::{Content, DocId, Kind};
use crate::markdown::{Rendered, TocEntry};
use crate::routes::Routes;
use crate::site::{Alternate, Date, LinkStyle, SitePath};

/// How links are written on the page being rendered.
#[derive(Clone)]
pub enum Linker<'a> {
    /// Relative to the page at this path, links to pages written in this style.
    RelativeTo(SitePath, LinkStyle),
    /// From the host's root, through the base URL's path (`/kennis/nl/`), for a page served in place
    /// of any missing URL: whatever depth it is served at, and whatever the host's name (a preview,
    /// a mirror, a local server), the links resolve as long as the site sits at its base path.
    FromHostRoot(&'a BaseUrl),
}

impl Linker<'_> {
    pub fn url(&self, target: &SitePath) -> String {
        match self {
            Linker::RelativeTo(from, style) => target.link_from(from, *style),
            Linker::FromHostRoot(base) => format!("{}{}", base.path(), target.as_str()),
        }
    }

    /// The site root as a base that scripts resolve site paths against: a folder in every style.
    pub fn root(&self) -> String {
        match self {
            Linker::RelativeTo(from, _) => SitePath::root().relative_from(from),
            Linker::FromHostRoot(base) => base.path().to_owned(),
        }
    }
}

/// The values shared by every template.
#[derive(Serialize)]
pub struct Common<'a> {
    pub lang: &'a str,
    /// The page's own path, read by `asset()`; empty when links start at the host's root.
    pub current_path: &'a str,
    /// Set when links start at the host's root (the base URL's path): `asset()` then prefixes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub root_base: Option<&'a str>,
    pub site: SiteContext<'a>,
    pub language: LanguageContext<'a>,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub translations: Vec<TranslationLink>,
    /// The home page's sections, for the main navigation.
    pub menu: Vec<MenuItem>,
    pub taxonomies: Vec<TaxonomyLink>,
    pub feed: String,
    /// The links at the foot of the page (`[footer]` of `site.toml`).
    pub footer_links: Vec<FooterLink>,
    /// The browser search; absent when the site has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<SearchContext>,
    /// Open Graph, JSON-LD and citation tags of the page.
    pub metadata: PageMetadata,
}

#[derive(Serialize)]
pub struct MenuItem {
    pub title: String,
    pub url: String,
    pub lang: String,
    pub fallback: bool,
    /// The page being rendered is this item or lies below it.
    pub current: bool,
}

#[derive(Serialize)]
pub struct SiteContext<'a> {
    pub base_url: &'a str,
    /// The policy every page carries in a `<meta http-equiv>` element.
    pub content_security_policy: &'a str,
    pub languages: Vec<LanguageContext<'a>>,
    pub extra: &'a toml::Table,
}

#[derive(Serialize)]
pub struct LanguageContext<'a> {
    pub code: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub locale: &'a str,
    /// The language's name in that language ("Nederlands", "English").
    pub name: &'a str,
    pub home: String,
}

/// One entry of the language switcher.
#[derive(Serialize)]
pub struct TranslationLink {
    pub lang: String,
    pub name: String,
    pub url: String,
    pub current: bool,
    /// False when the page has no version in this language and `url` leads to `fallback_title`.
    pub available: bool,
    pub title: String,
}

#[derive(Serialize)]
pub struct TaxonomyLink {
    pub name: String,
    pub title: String,
    pub url: String,
    pub current: bool,
}

/// A document being rendered.
#[derive(Serialize)]
pub struct DocumentContext<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub date: Option<Date>,
    pub date_display: Option<String>,
    pub updated: Option<Date>,
    pub updated_display: Option<String>,
    pub url: String,
    pub permalink: String,
    pub lang: &'a str,
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    pub taxonomies: Vec<AssignedTaxonomy>,
    pub extra: &'a toml::Table,
    pub word_count: usize,
    /// Of the document itself; of a publication's landing page, of the whole publication.
    pub reading_minutes: usize,
    pub source_path: String,
}

/// A document in a listing, breadcrumb or neighbour link.
#[derive(Serialize)]
pub struct ListItem {
    pub kind: &'static str,
    pub title: String,
    pub description: Option<String>,
    pub url: String,
    pub date: Option<Date>,
    pub date_display: Option<String>,
    pub lang: String,
    pub lang_name: String,
    /// Shown in another language than the listing's, because it has no translation.
    pub fallback: bool,
    pub taxonomies: Vec<AssignedTaxonomy>,
    /// Set in a section's list of its pages only, which shows it: reading a body makes the page that
    /// reads it depend on it when the site is rebuilt.
    pub reading_minutes: Option<usize>,
    /// The item is the page being rendered (in a publication's chapter list).
    pub current: bool,
    /// For the home page's sections only: the sections they hold.
    pub sections: Vec<ListItem>,
}

#[derive(Serialize)]
pub struct AssignedTaxonomy {
    pub name: String,
    pub title: String,
    /// The title for one term ("Thema" beside "Thema's").
    pub singular: String,
    pub terms: Vec<TermLink>,
}

#[derive(Serialize)]
pub struct TermLink {
    pub id: String,
    pub label: String,
    pub url: String,
    pub count: usize,
}

/// Builds contexts; one per build, shared by all pages.
pub struct Contexts<'a> {
    pub config: &'a SiteConfig,
    pub content: &'a Content,
    /// Read through [`Contexts::rendered`], which notes who reads what.
    rendered: &'a [Rendered],
    pub routes: &'a Routes,
    pub translations: &'a Translations,
    pub taxonomies: &'a TaxonomyIndex,
    pub footer: &'a FooterLinks,
    pub search: Option<SearchBox<'a>>,
}

impl<'a> Contexts<'a> {
    pub fn new(
        inputs: &SiteInputs<'a>,
        taxonomies: &'a TaxonomyIndex,
        footer: &'a FooterLinks,
    ) -> Self {
        let translations = inputs.theme.translations();
        Contexts {
            config: inputs.config,
            content: inputs.content,
            rendered: inputs.rendered,
            routes: inputs.routes,
            translations,
            taxonomies,
            footer,
            search: inputs
                .search
                .map(|browser| SearchBox::new(browser, translations)),
        }
    }

    /// A document's rendered body; every part of the templates reads bodies here, which notes the
    /// read (see [`reads`]).
    pub fn rendered(&self, doc: DocId) -> &'a Rendered {
        reads::note(Read::Body(doc));
        &self.rendered[doc]
    }

    /// Links on the page at `path`, relative to it.
    pub fn linker(&self, path: &SitePath) -> Linker<'a> {
        Linker::RelativeTo(path.clone(), self.routes.link_style())
    }

    pub fn common(
        &self,
        lang: &'a str,
        linker: &Linker<'a>,
        current: &'a SitePath,
        alternates: Vec<Alternate>,
        translations: Vec<TranslationLink>,
        metadata: PageMetadata,
    ) -> Common<'a> {
        let language = self
            .config
            .language(lang)
            .unwrap_or(self.config.default_language());
        let root_base = match linker {
            Linker::FromHostRoot(base) => Some(base.path()),
            Linker::RelativeTo(..) => None,
        };
        Common {
            lang,
            current_path: if root_base.is_some() {
                ""
            } else {
                current.as_str()
            },
            root_base,
            site: SiteContext {
                base_url: self.config.base_url.as_str(),
                content_security_policy: self.config.content_security_policy_meta(),
                languages: self
                    .config
                    .languages
                    .iter()
                    .map(|language| self.language(language, linker))
                    .collect(),
                extra: &self.config.extra,
            },
            language: self.language(language, linker),
            canonical: self.config.base_url.join(current.as_str()),
            alternates,
            translations,
            menu: self.menu(lang, linker, current),
            taxonomies: self.taxonomy_links(lang, linker, current),
            feed: self
                .routes
                .feed(&language.code)
                .map(|feed| linker.url(feed))
                .unwrap_or_default(),
            footer_links: self.footer.on_page(self.content, self.routes, lang, linker),
            search: self
                .search
                .as_ref()
                .and_then(|search| search.context(lang, linker)),
            metadata,
        }
    }

    fn language(&self, language: &'a Language, linker: &Linker<'a>) -> LanguageContext<'a> {
        LanguageContext {
            code: &language.code,
            title: &language.title,
            description: &language.description,
            locale: &language.locale,
            name: self.language_name(&language.code),
            home: linker.url(self.routes.document(self.content.home(&language.code))),
        }
    }

    pub fn language_name(&self, lang: &str) -> &'a str {
        self.translations
            .get(lang, "language_name")
            .unwrap_or(self.language_code(lang))
    }

    fn language_code(&self, lang: &str) -> &'a str {
        self.config
            .language(lang)
            .map_or("", |language| language.code.as_str())
    }

    fn menu(&self, lang: &str, linker: &Linker<'_>, current: &SitePath) -> Vec<MenuItem> {
        let (sections, _) = self.content.children(self.content.home(lang));
        sections
            .into_iter()
            .map(|section| {
                let document = &self.content.documents[section];
                let path = self.routes.document(section);
                MenuItem {
                    title: document.front().title.clone(),
                    url: linker.url(path),
                    lang: document.lang.clone(),
                    fallback: document.lang != lang,
                    current: current.as_str().starts_with(path.as_str()),
                }
            })
            .collect()
    }

    fn taxonomy_links(
        &self,
        lang: &str,
        linker: &Linker<'_>,
        current: &SitePath,
    ) -> Vec<TaxonomyLink> {
        self.config
            .taxonomies
            .iter()
            .filter(|taxonomy| self.taxonomies.has_terms(&taxonomy.name))
            .filter_map(|taxonomy| {
                let path = self.routes.taxonomy_list(&taxonomy.name, lang)?;
                Some(TaxonomyLink {
                    name: taxonomy.name.clone(),
                    title: taxonomy.title[lang].clone(),
                    url: linker.url(path),
                    current: current.as_str().starts_with(path.as_str()),
                })
            })
            .collect()
    }

    pub fn document(&self, doc: DocId, linker: &Linker<'_>) -> DocumentContext<'a> {
        let document = &self.content.documents[doc];
        let path = self.routes.document(doc);
        let rendered = self.rendered(doc);
        let locale = self.locale(&document.lang);
        let word_count = rendered.word_count;
        DocumentContext {
            kind: kind_name(document.kind),
            title: &document.front().title,
            description: document.front().description.as_deref(),
            date: document.front().date,
            date_display: document.front().date.map(|date| long_date(date, locale)),
            updated: document.front().updated,
            updated_display: document.front().updated.map(|date| long_date(date, locale)),
            url: linker.url(path),
            permalink: self.permalink(doc),
            lang: &document.lang,
            content: &rendered.html,
            toc: &rendered.toc,
            taxonomies: self.assigned_taxonomies(doc, &document.lang, linker),
            extra: &document.front().extra,
            word_count,
            reading_minutes: self.reading_minutes(doc),
            source_path: document.source_path.to_string_lossy().replace('\\', "/"),
        }
    }

    /// The absolute, canonical URL of a document.
    pub fn permalink(&self, doc: DocId) -> String {
        self.config
            .base_url
            .join(self.routes.document(doc).as_str())
    }

    /// `doc` as an entry of a listing in `listing_lang`.
    pub fn list_item(&self, doc: DocId, listing_lang: &str, linker: &Linker<'_>) -> ListItem {
        let document = &self.content.documents[doc];
        ListItem {
            kind: kind_name(document.kind),
            title: document.front().title.clone(),
            description: document.front().description.clone(),
            url: linker.url(self.routes.document(doc)),
            date: document.front().date,
            date_display: document
                .front()
                .date
                .map(|date| long_date(date, self.locale(&document.lang))),
            lang: document.lang.clone(),
            lang_name: self.language_name(&document.lang).to_owned(),
            fallback: document.lang != listing_lang,
            taxonomies: self.assigned_taxonomies(doc, listing_lang, linker),
            reading_minutes: None,
            current: false,
            sections: Vec::new(),
        }
    }

    /// Minutes at 200 words a minute; a publication's are those of its landing page and everything
    /// it lists, so that a long report does not announce the length of its introduction.
    pub fn reading_minutes(&self, doc: DocId) -> usize {
        if self.content.is_publication(doc) {
            self.minutes_with_listing(doc)
        } else {
            self.own_minutes(doc)
        }
    }

    fn own_minutes(&self, doc: DocId) -> usize {
        self.rendered(doc).word_count.div_ceil(WORDS_PER_MINUTE)
    }

    fn minutes_with_listing(&self, section: DocId) -> usize {
        let (sections, pages) = self.content.children(section);
        let listed: usize = sections
            .into_iter()
            .map(|child| self.minutes_with_listing(child))
            .chain(pages.into_iter().map(|page| self.own_minutes(page)))
            .sum();
        self.own_minutes(section) + listed
    }

    /// The publication whose landing page lists `doc` as one of its chapters.
    pub fn chapter_of(&self, doc: DocId) -> Option<DocId> {
        if self.content.documents[doc].kind != Kind::Page {
            return None;
        }
        let parent = *self.content.ancestors(doc).last()?;
        self.content.is_publication(parent).then_some(parent)
    }

    fn assigned_taxonomies(
        &self,
        doc: DocId,
        lang: &str,
        linker: &Linker<'_>,
    ) -> Vec<AssignedTaxonomy> {
        let document = &self.content.documents[doc];
        document
            .front()
            .taxonomies
            .iter()
            .filter_map(|(name, ids)| {
                let taxonomy = self.config.taxonomy(name)?;
                Some(AssignedTaxonomy {
                    name: name.clone(),
                    title: taxonomy.title[lang].clone(),
                    singular: taxonomy.singular[lang].clone(),
                    terms: ids
                        .iter()
                        .filter_map(|id| {
                            let term = taxonomy.terms.get(id)?;
                            Some(TermLink {
                                id: term.id.clone(),
                                label: term.labels[lang].clone(),
                                url: linker.url(self.routes.term(name, id, lang)?),
                                count: self.taxonomies.count(name, id, lang),
                            })
                        })
                        .collect(),
                })
            })
            .collect()
    }

    /// The language switcher of a document: its translations, or the nearest translated section.
    pub fn document_translations(&self, doc: DocId, linker: &Linker<'_>) -> Vec<TranslationLink> {
        let document = &self.content.documents[doc];
        self.config
            .languages
            .iter()
            .map(|language| {
                let code = language.code.as_str();
                let (target, available) = match self.content.member(document.group, code) {
                    Some(member) => (member, true),
                    None => (self.content.nearest_ancestor_in(doc, code), false),
                };
                let target_document = &self.content.documents[target];
                TranslationLink {
                    lang: code.to_owned(),
                    name: self.language_name(code).to_owned(),
                    url: linker.url(self.routes.document(target)),
                    current: code == document.lang,
                    available,
                    title: target_document.front().title.clone(),
                }
            })
            .collect()
    }

    /// The language switcher of a page that exists in every language (taxonomy and search pages).
    pub fn every_version(
        &self,
        versions: &[(String, &SitePath)],
        current: &str,
        linker: &Linker<'_>,
    ) -> Vec<TranslationLink> {
        versions
            .iter()
            .map(|(lang, target)| TranslationLink {
                lang: lang.clone(),
                name: self.language_name(lang).to_owned(),
                url: linker.url(target),
                current: lang == current,
                available: true,
                title: String::new(),
            })
            .collect()
    }

    pub fn document_alternates(&self, doc: DocId) -> Vec<Alternate> {
        let group = self.content.documents[doc].group;
        let members: Vec<(String, &SitePath)> = self.content.groups[group]
            .members
            .iter()
            .map(|&member| {
                let lang = self.content.documents[member].lang.clone();
                (lang, self.routes.document(member))
            })
            .collect();
        self.alternates(&members)
    }

    /// `hreflang` links for the versions of one page, with `x-default` on the default language.
    pub fn alternates(&self, versions: &[(String, &SitePath)]) -> Vec<Alternate> {
        let mut alternates: Vec<Alternate> = versions
            .iter()
            .map(|(lang, path)| Alternate {
                hreflang: lang.clone(),
                href: self.config.base_url.join(path.as_str()),
            })
            .collect();
        let default = &self.config.default_language().code;
        if let Some((_, path)) = versions.iter().find(|(lang, _)| lang == default) {
            alternates.push(Alternate {
                hreflang: "x-default".to_owned(),
                href: self.config.base_url.join(path.as_str()),
            });
        }
        alternates
    }

    pub fn breadcrumbs(&self, doc: DocId, linker: &Linker<'_>) -> Vec<ListItem> {
        let lang = &self.content.documents[doc].lang;
        self.content
            .ancestors(doc)
            .into_iter()
            .map(|ancestor| self.list_item(ancestor, lang, linker))
            .collect()
    }

    fn locale(&self, lang: &str) -> &'a str {
        self.config
            .language(lang)
            .map_or("nl", |language| language.locale.as_str())
    }
}

/// The reading speed behind every reading time.
const WORDS_PER_MINUTE: usize = 200;

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Section => "section",
        Kind::Page => "page",
    }
}
