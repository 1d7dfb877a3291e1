//! The links at the foot of every page, from `[footer]` in `site.toml`: a page of the site is found
//! once per build (a missing one is an error at its line of `site.toml`) and linked on each page in
//! that page's language where a translation exists; an address elsewhere is linked as written.

use std::path::Path;

use serde::Serialize;

use super::context::Linker;
use crate::config::footer::FooterTarget;
use crate::config::{CONFIG_FILE, Labels, SiteConfig};
use crate::content::{Content, GroupId};
use crate::error::{Result, SourceError};
use crate::routes::Routes;

/// The footer links with their pages found.
pub struct FooterLinks {
    links: Vec<(Labels, Target)>,
}

enum Target {
    Page(GroupId),
    Url(String),
}

/// One footer link as a template sees it.
#[derive(Serialize)]
pub struct FooterLink {
    pub title: String,
    pub url: String,
    /// The language of the linked page, set when it has no version in the page's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback_lang: Option<String>,
}

impl FooterLinks {
    pub fn resolve(config: &SiteConfig, content: &Content) -> Result<FooterLinks> {
        let links = config
            .footer_links
            .iter()
            .map(|link| {
                let target = match &link.target {
                    FooterTarget::Url(url) => Target::Url(url.clone()),
                    FooterTarget::Page(path) => {
                        let group = content.resolve(path).ok_or_else(|| {
                            let message =
                                format!("footer link: `@/{path}` names no file in content/");
                            let help = crate::suggest::help_with(path, content.link_paths(), "");
                            let error =
                                SourceError::line(Path::new(CONFIG_FILE), link.line, message);
                            if help.is_empty() {
                                error
                            } else {
                                error.with_help(help)
                            }
                        })?;
                        Target::Page(group)
                    }
                };
                Ok((link.title.clone(), target))
            })
            .collect::<Result<_>>()?;
        Ok(FooterLinks { links })
    }

    /// The links on a page in `lang`.
    pub fn on_page(
        &self,
        content: &Content,
        routes: &Routes,
        lang: &str,
        linker: &Linker<'_>,
    ) -> Vec<FooterLink> {
        self.links
            .iter()
            .map(|(title, target)| {
                let title = title.get(lang).cloned().unwrap_or_default();
                match target {
                    Target::Url(url) => FooterLink {
                        title,
                        url: url.clone(),
                        fallback_lang: None,
                    },
                    Target::Page(group) => {
                        let doc = content.best_member(*group, lang);
                        let page_lang = &content.documents[doc].lang;
                        FooterLink {
                            title,
                            url: linker.url(routes.document(doc)),
                            fallback_lang: (page_lang != lang).then(|| page_lang.clone()),
                        }
                    }
                }
            })
            .collect()
    }
}
