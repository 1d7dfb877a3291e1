//! The structure of the content: translation groups, sections by folder, what each section lists, the
//! URL of every document and where each asset is copied.

use std::collections::HashMap;

use super::files::{AssetFile, parent_of};
use super::{Asset, Content, DocId, Document, Group, GroupId, Kind, own_segment};
use crate::config::SiteConfig;
use crate::error::{Error, Result, SourceError};
use crate::site_path::SitePath;
use crate::slug::slugify;

/// Pairs translations (same neutral path, or same `translation_key`) into groups.
pub fn group_translations(
    documents: &mut [Document],
    languages: &[String],
) -> Result<(Vec<Group>, HashMap<String, GroupId>)> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<String, GroupId> = HashMap::new();
    let mut by_neutral_path = HashMap::new();
    let mut errors = Vec::new();
    for (doc, document) in documents.iter_mut().enumerate() {
        let key = match (&document.front.translation_key, document.kind) {
            (Some(_), Kind::Section) => {
                let message =
                    "sections pair with their translations by folder; remove `translation_key`";
                errors.push(SourceError::file(&document.source_path, message).into());
                continue;
            }
            (Some(key), Kind::Page) => format!("key:{key}"),
            (None, _) => format!("path:{}", document.neutral_path),
        };
        let group = *by_key.entry(key).or_insert_with(|| {
            groups.push(Group::default());
            groups.len() - 1
        });
        document.group = group;
        groups[group].members.push(doc);
        by_neutral_path
            .entry(document.neutral_path.clone())
            .or_insert(group);
    }
    for group in &mut groups {
        group.members.sort_by_key(|&doc| {
            languages
                .iter()
                .position(|code| *code == documents[doc].lang)
        });
        for pair in group.members.windows(2) {
            let (first, second) = (&documents[pair[0]], &documents[pair[1]]);
            if first.lang == second.lang {
                let message = format!(
                    "{} and {} are both the `{}` version of one document (same translation_key)",
                    first.source_path.display(),
                    second.source_path.display(),
                    first.lang
                );
                errors.push(SourceError::file(&second.source_path, message).into());
            } else if first.kind != second.kind {
                let message = format!(
                    "a page cannot be the translation of the section {}",
                    first.source_path.display()
                );
                errors.push(SourceError::file(&second.source_path, message).into());
            }
        }
    }
    Error::collect(errors)?;
    Ok((groups, by_neutral_path))
}

pub fn sections_by_dir(documents: &[Document], groups: &[Group]) -> HashMap<String, GroupId> {
    groups
        .iter()
        .enumerate()
        .filter_map(|(group, members)| {
            let first = &documents[members.members[0]];
            (first.kind == Kind::Section).then(|| (first.dir.clone(), group))
        })
        .collect()
}

pub fn children_by_dir(content: &Content) -> HashMap<String, Vec<GroupId>> {
    let mut children: HashMap<String, Vec<GroupId>> = HashMap::new();
    for (doc, document) in content.documents.iter().enumerate() {
        let Some(dir) = content.parent_dir(doc) else {
            continue;
        };
        let listed = children.entry(dir.to_owned()).or_default();
        if !listed.contains(&document.group) {
            listed.push(document.group);
        }
    }
    children
}

/// Gives every document its URL: the language prefix, the localised slug of every folder above it, and
/// its own slug.
pub fn assign_site_paths(content: &mut Content, config: &SiteConfig) {
    let mut segments: HashMap<(String, String), String> = HashMap::new();
    let paths: Vec<SitePath> = (0..content.documents.len())
        .map(|doc| {
            let document = &content.documents[doc];
            let prefix = &config
                .language(&document.lang)
                .map_or(document.lang.as_str(), |language| language.prefix.as_str());
            let mut path = vec![prefix.to_string()];
            let mut dir_prefix = String::new();
            for component in document.dir.split('/').filter(|c| !c.is_empty()) {
                if !dir_prefix.is_empty() {
                    dir_prefix.push('/');
                }
                dir_prefix.push_str(component);
                let key = (dir_prefix.clone(), document.lang.clone());
                let segment = segments
                    .entry(key)
                    .or_insert_with(|| folder_segment(content, &dir_prefix, &document.lang));
                path.push(segment.clone());
            }
            if document.kind == Kind::Page {
                path.push(own_segment(document));
            }
            SitePath::page(path.iter().map(|s| fallback_segment(s)))
        })
        .collect();
    for (document, path) in content.documents.iter_mut().zip(paths) {
        document.site_path = path;
    }
}

fn folder_segment(content: &Content, dir: &str, lang: &str) -> String {
    match content.sections_by_dir.get(dir) {
        Some(&group) => own_segment(&content.documents[content.best_member(group, lang)]),
        None => slugify(dir.rsplit('/').next().unwrap_or(dir)),
    }
}

/// A name without letters or digits still needs a safe URL segment.
fn fallback_segment(segment: &str) -> &str {
    if segment.is_empty() { "-" } else { segment }
}

/// Two documents, or a document and a taxonomy page, must not claim one URL.
pub fn check_unique_urls(content: &Content, config: &SiteConfig) -> Result<()> {
    let mut claimed: HashMap<&SitePath, DocId> = HashMap::new();
    let mut errors = Vec::new();
    for (doc, document) in content.documents.iter().enumerate() {
        if let Some(&other) = claimed.get(&document.site_path) {
            let message = format!(
                "{} and {} both want the URL {}",
                content.documents[other].source_path.display(),
                document.source_path.display(),
                document.site_path
            );
            errors.push(
                SourceError::file(&document.source_path, message)
                    .with_help("give one of them another `slug` in its front matter")
                    .into(),
            );
        } else {
            claimed.insert(&document.site_path, doc);
        }
    }
    for language in &config.languages {
        for taxonomy in &config.taxonomies {
            let path = SitePath::page([&language.prefix, &taxonomy.slug[&language.code]]);
            if let Some(&doc) = claimed.get(&path) {
                let message = format!(
                    "the URL {path} belongs to the taxonomy `{}`; give this file another `slug`",
                    taxonomy.name
                );
                errors.push(SourceError::file(&content.documents[doc].source_path, message).into());
            }
        }
    }
    Error::collect(errors)
}

/// Every asset is copied beside each language version of its page bundle, or of the nearest section.
pub fn place_assets(content: &Content, assets: &[AssetFile]) -> Vec<Asset> {
    let mut placed = Vec::new();
    for asset in assets {
        let Some((owner, owner_dir)) = owner_of(content, &asset.relative) else {
            continue;
        };
        let within = asset.relative[owner_dir.len()..].trim_start_matches('/');
        for &member in &content.groups[owner].members {
            if let Some(target) = content.documents[member].site_path.join_file(within) {
                placed.push(Asset {
                    source: asset.absolute.clone(),
                    relative: asset.relative.clone(),
                    lang: content.documents[member].lang.clone(),
                    target,
                });
            }
        }
    }
    placed
}

/// The group whose folder holds `relative`: its page bundle or the nearest section.
fn owner_of<'a>(content: &'a Content, relative: &str) -> Option<(GroupId, &'a str)> {
    let mut dir = parent_of(relative);
    loop {
        let bundle_index = if dir.is_empty() {
            None
        } else {
            content.resolve(&format!("{dir}/index.md"))
        };
        if let Some(group) = bundle_index {
            let document = &content.documents[content.groups[group].members[0]];
            if document.bundle_dir.as_deref() == Some(dir) {
                return Some((group, document.bundle_dir.as_deref().unwrap_or_default()));
            }
        }
        if let Some((key, &group)) = content.sections_by_dir.get_key_value(dir) {
            return Some((group, key.as_str()));
        }
        if dir.is_empty() {
            return None;
        }
        dir = parent_of(dir);
    }
}
