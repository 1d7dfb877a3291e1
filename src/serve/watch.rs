//! Watches a site's sources (content, themes, templates, static files, `site.toml` and
//! `search.toml`) and calls back once per burst of changes. It does not build or serve: what a
//! change leads to is the caller's business.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::error::{Error, Result};

/// How long the sources must stay unchanged before a burst of changes (an editor saving several
/// files, a `git checkout`) counts as over.
const QUIET_PERIOD: Duration = Duration::from_millis(150);

const SOURCE_FOLDERS: [&str; 4] = ["content", "themes", "templates", "static"];

/// Blocks, calling `changed` after every burst of changes to the sources of the site at `root`.
pub fn watch(root: &Path, changed: &dyn Fn()) -> Result<()> {
    // Events name absolute paths; a relative `--root` must be compared in the same form.
    let root =
        &std::path::absolute(root).map_err(|error| Error::io("cannot resolve", root, error))?;
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)
        .map_err(|error| Error::usage(format!("cannot watch for changes: {error}"), None))?;
    let sources: Vec<PathBuf> = SOURCE_FOLDERS.iter().map(|f| root.join(f)).collect();
    for folder in sources.iter().filter(|folder| folder.is_dir()) {
        watch_path(&mut watcher, folder, RecursiveMode::Recursive)?;
    }
    watch_path(&mut watcher, root, RecursiveMode::NonRecursive)?;
    let config_file = root.join(crate::config::CONFIG_FILE);
    let search_file = root.join(crate::config::search::SETTINGS_FILE);
    let is_source = |path: &Path| {
        path == config_file
            || path == search_file
            || sources.iter().any(|source| path.starts_with(source))
    };

    while let Ok(event) = receiver.recv() {
        let mut relevant = is_relevant(event, &is_source);
        while let Ok(event) = receiver.recv_timeout(QUIET_PERIOD) {
            relevant |= is_relevant(event, &is_source);
        }
        if relevant {
            changed();
        }
    }
    Ok(())
}

fn watch_path(watcher: &mut impl Watcher, path: &Path, mode: RecursiveMode) -> Result<()> {
    watcher
        .watch(path, mode)
        .map_err(|error| Error::usage(format!("cannot watch {}: {error}", path.display()), None))
}

fn is_relevant(event: notify::Result<notify::Event>, is_source: &impl Fn(&Path) -> bool) -> bool {
    match event {
        Ok(event) => !event.kind.is_access() && event.paths.iter().any(|path| is_source(path)),
        Err(_) => false,
    }
}
