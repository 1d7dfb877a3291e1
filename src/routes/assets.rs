//! Where the files beside pages are copied: below every language version of their owner's page.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::content::Content;
use crate::site::SitePath;

/// One copy of a file of `content/`.
#[derive(Debug, Clone)]
pub struct AssetCopy {
    pub source: PathBuf,
    /// The language of the page or section it is copied beside.
    pub lang: String,
    pub target: SitePath,
}

/// Every copy, and the copies of each file by its path below `content/`.
#[derive(Debug, Default)]
pub struct AssetRoutes {
    pub copies: Vec<AssetCopy>,
    by_relative: HashMap<String, Vec<usize>>,
}

impl AssetRoutes {
    /// `documents` holds the page of every document.
    pub fn place(content: &Content, documents: &[SitePath]) -> AssetRoutes {
        let mut routes = AssetRoutes::default();
        for asset in &content.assets {
            for &member in &content.groups[asset.owner].members {
                let Some(target) = documents[member].join_file(&asset.within) else {
                    continue;
                };
                routes
                    .by_relative
                    .entry(asset.relative.clone())
                    .or_default()
                    .push(routes.copies.len());
                routes.copies.push(AssetCopy {
                    source: asset.source.clone(),
                    lang: content.documents[member].lang.clone(),
                    target,
                });
            }
        }
        routes
    }

    /// The copy of `relative` beside the `lang` version of its owner, or another language's copy
    /// when the owner has no `lang` version.
    pub fn target(&self, relative: &str, lang: &str) -> Option<&SitePath> {
        let copies = self.by_relative.get(relative)?;
        let in_lang = copies
            .iter()
            .find(|&&index| self.copies[index].lang == lang);
        in_lang
            .or(copies.first())
            .map(|&index| &self.copies[index].target)
    }
}
