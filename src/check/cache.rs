//! `.kennis-check-cache.json` in the site's root: the web addresses that worked, and when, so that
//! a check run again within a day does not ask every server again. Only working addresses are kept;
//! a broken one is always asked again. The file is sorted and the same for the same answers, and a
//! file that cannot be read is started afresh: it is only a cache.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::http::Outcome;
use crate::error::{Error, Result};

pub const CACHE_FILE: &str = ".kennis-check-cache.json";
/// How long an address that worked is taken to still work.
const FRESH_FOR: Duration = Duration::from_secs(24 * 60 * 60);
/// Raised when the file's shape changes, so that an older file is ignored rather than misread.
const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    /// Seconds since 1970 at which the address worked.
    checked: u64,
    /// Where a permanent redirect led.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    moved_to: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CacheFile {
    version: u32,
    links: BTreeMap<String, Entry>,
}

pub struct Cache {
    path: PathBuf,
    now: u64,
    /// The fresh entries of the file.
    known: BTreeMap<String, Entry>,
    /// What this run found working, to be written back.
    kept: BTreeMap<String, Entry>,
}

impl Cache {
    /// The cache of the site at `root` as of `now`; what cannot be read is left out and said why.
    pub fn load(root: &Path, now: SystemTime) -> (Cache, Option<String>) {
        let path = root.join(CACHE_FILE);
        let now = now
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        let (file, note) = match fs::read_to_string(&path) {
            Ok(text) => match serde_json::from_str::<CacheFile>(&text) {
                Ok(file) if file.version == VERSION => (file, None),
                Ok(_) => (CacheFile::default(), None),
                Err(error) => {
                    let note = format!(
                        "{CACHE_FILE} is not readable ({error}); every link is asked again"
                    );
                    (CacheFile::default(), Some(note))
                }
            },
            Err(_) => (CacheFile::default(), None),
        };
        let known = file
            .links
            .into_iter()
            .filter(|(_, entry)| entry.checked <= now && now - entry.checked < FRESH_FOR.as_secs())
            .collect();
        let cache = Cache {
            path,
            now,
            known,
            kept: BTreeMap::new(),
        };
        (cache, note)
    }

    /// How `address` answered within the last day, if it worked; it is kept for the next run.
    pub fn reuse(&mut self, address: &str) -> Option<Outcome> {
        let entry = self.known.get(address)?;
        self.kept.insert(address.to_owned(), entry.clone());
        Some(match &entry.moved_to {
            Some(to) => Outcome::Moved { to: to.clone() },
            None => Outcome::Fine,
        })
    }

    /// Keeps a fresh answer for the next run if the address worked.
    pub fn record(&mut self, address: &str, outcome: &Outcome) {
        let moved_to = match outcome {
            Outcome::Fine => None,
            Outcome::Moved { to } => Some(to.clone()),
            _ => return,
        };
        let entry = Entry {
            checked: self.now,
            moved_to,
        };
        self.kept.insert(address.to_owned(), entry);
    }

    /// Writes what this run kept, replacing the file in one step.
    pub fn save(self) -> Result<()> {
        let file = CacheFile {
            version: VERSION,
            links: self.kept,
        };
        let mut text = serde_json::to_string_pretty(&file)
            .map_err(|error| Error::usage(format!("{CACHE_FILE}: {error}"), None))?;
        text.push('\n');
        let staging = self.path.with_extension("json.partial");
        fs::write(&staging, text)
            .map_err(|error| Error::io("cannot write the link cache", &staging, error))?;
        fs::rename(&staging, &self.path)
            .map_err(|error| Error::io("cannot replace the link cache", &self.path, error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Duration = Duration::from_secs(24 * 60 * 60);

    #[test]
    fn working_answers_are_reused_for_a_day_and_broken_ones_never() {
        let dir = tempfile::tempdir().unwrap();
        let then = UNIX_EPOCH + Duration::from_secs(1_750_000_000);
        let (mut cache, note) = Cache::load(dir.path(), then);
        assert_eq!(note, None);
        cache.record("https://a.example/", &Outcome::Fine);
        let moved = Outcome::Moved {
            to: "https://b.example/new".into(),
        };
        cache.record("https://b.example/", &moved);
        let broken = Outcome::Broken {
            reason: "404".into(),
        };
        cache.record("https://c.example/", &broken);
        cache.save().unwrap();
        let written = fs::read_to_string(dir.path().join(CACHE_FILE)).unwrap();
        assert_eq!(
            written,
            "{\n  \"version\": 1,\n  \"links\": {\n    \"https://a.example/\": {\n      \"checked\": 1750000000\n    },\n    \"https://b.example/\": {\n      \"checked\": 1750000000,\n      \"moved_to\": \"https://b.example/new\"\n    }\n  }\n}\n"
        );

        let (mut later, _) = Cache::load(dir.path(), then + DAY - Duration::from_secs(1));
        assert_eq!(later.reuse("https://a.example/"), Some(Outcome::Fine));
        assert_eq!(later.reuse("https://b.example/"), Some(moved));
        assert_eq!(later.reuse("https://c.example/"), None);
        let (mut stale, _) = Cache::load(dir.path(), then + DAY);
        assert_eq!(stale.reuse("https://a.example/"), None);
    }

    #[test]
    fn an_unreadable_file_is_started_afresh() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CACHE_FILE), "{ not json").unwrap();
        let (mut cache, note) = Cache::load(dir.path(), SystemTime::now());
        assert!(note.unwrap().contains("every link is asked again"));
        assert_eq!(cache.reuse("https://a.example/"), None);
    }
}
