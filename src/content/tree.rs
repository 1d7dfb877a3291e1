//! The structure of the content: translation groups, sections by folder, what each section lists and
//! which page or section owns each asset.

use std::collections::HashMap;

use super::files::{AssetFile, parent_of};
use super::{Asset, Content, Document, Group, GroupId, Kind};
use crate::error::{Error, Result, SourceError};

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

/// Every asset belongs to its page bundle, or to the nearest section; files outside both are left out.
pub fn owned_assets(content: &Content, assets: &[AssetFile]) -> Vec<Asset> {
    assets
        .iter()
        .filter_map(|asset| {
            let (owner, owner_dir) = owner_of(content, &asset.relative)?;
            Some(Asset {
                source: asset.absolute.clone(),
                relative: asset.relative.clone(),
                owner,
                within: asset.relative[owner_dir.len()..]
                    .trim_start_matches('/')
                    .to_owned(),
            })
        })
        .collect()
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
