//! Watches a site's sources (content, themes, templates, static files, `site.toml` and
//! `search.toml`) and calls back once per burst of changes with the paths that changed. It does not
//! build or serve: what a change leads to is the caller's business.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::error::{Error, Result};

/// How long the sources must stay unchanged before a burst of changes (an editor saving several
/// files, a `git checkout`) counts as over. Short, because it is part of every preview's delay; a
/// burst cut in two only means a second, small rebuild.
const QUIET_PERIOD: Duration = Duration::from_millis(50);

const SOURCE_FOLDERS: [&str; 4] = ["content", "themes", "templates", "static"];

/// What hears of each burst: the changed paths, and whether more changes are already waiting.
pub type OnChange<'a> = dyn FnMut(Vec<PathBuf>, &dyn Fn() -> bool) + 'a;

/// Blocks, calling `changed` after every burst of changes to the sources of the site at `root`
/// with the (absolute) paths that changed, and a question it may ask while it works: whether more
/// changes are already waiting.
pub fn watch(root: &Path, changed: &mut OnChange<'_>) -> Result<()> {
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

    let events = RefCell::new(Events {
        receiver,
        waiting: None,
    });
    let pending = || events.borrow_mut().pending(&is_source);
    loop {
        let Some(event) = events.borrow_mut().next(None) else {
            return Ok(());
        };
        let mut paths = BTreeSet::new();
        relevant_paths(event, &is_source, &mut paths);
        while let Some(event) = events.borrow_mut().next(Some(QUIET_PERIOD)) {
            relevant_paths(event, &is_source, &mut paths);
        }
        if !paths.is_empty() {
            changed(paths.into_iter().collect(), &pending);
        }
    }
}

/// The watcher's events, with one that was looked at but not yet taken.
struct Events {
    receiver: mpsc::Receiver<notify::Result<notify::Event>>,
    waiting: Option<notify::Result<notify::Event>>,
}

impl Events {
    /// The next event: waiting for it, or for at most `patience`.
    fn next(&mut self, patience: Option<Duration>) -> Option<notify::Result<notify::Event>> {
        if let Some(event) = self.waiting.take() {
            return Some(event);
        }
        match patience {
            None => self.receiver.recv().ok(),
            Some(patience) => self.receiver.recv_timeout(patience).ok(),
        }
    }

    /// Whether a change to a source is waiting; events that change nothing are dropped.
    fn pending(&mut self, is_source: &impl Fn(&Path) -> bool) -> bool {
        while self.waiting.is_none() {
            let Ok(event) = self.receiver.try_recv() else {
                return false;
            };
            let mut paths = BTreeSet::new();
            relevant_paths(event, is_source, &mut paths);
            if !paths.is_empty() {
                let event = notify::Event::default().set_kind(notify::EventKind::Any);
                self.waiting = Some(Ok(paths.into_iter().fold(event, notify::Event::add_path)));
            }
        }
        true
    }
}

fn watch_path(watcher: &mut impl Watcher, path: &Path, mode: RecursiveMode) -> Result<()> {
    watcher
        .watch(path, mode)
        .map_err(|error| Error::usage(format!("cannot watch {}: {error}", path.display()), None))
}

fn relevant_paths(
    event: notify::Result<notify::Event>,
    is_source: &impl Fn(&Path) -> bool,
    paths: &mut BTreeSet<PathBuf>,
) {
    if let Ok(event) = event
        && !event.kind.is_access()
    {
        paths.extend(event.paths.into_iter().filter(|path| is_source(path)));
    }
}
