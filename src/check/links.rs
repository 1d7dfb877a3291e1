//! The external links of the content: every place a web address is linked, each address asked once
//! (hosts in `skip_hosts` never, addresses that worked within a day taken from the cache), several
//! at a time but only a few per host, and every place of a link that does not work as a finding.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::SystemTime;

use ureq::http::Uri;

use super::cache::{CACHE_FILE, Cache};
use super::findings::{Finding, Kind, LinkCounts, Severity};
use super::http::{Client, Outcome};
use crate::config::check::CheckSettings;

/// Where a web address is linked.
#[derive(Debug, Clone)]
pub struct LinkPlace {
    /// As written, anchor included.
    pub url: String,
    pub file: PathBuf,
    pub line: usize,
}

/// Checks every link of `places`, with the cache file in `root`.
pub fn check_links(
    places: &[LinkPlace],
    settings: &CheckSettings,
    root: &Path,
    progress: &dyn Fn(&str),
) -> (Vec<Finding>, LinkCounts) {
    let mut at_address: BTreeMap<&str, Vec<&LinkPlace>> = BTreeMap::new();
    for place in places {
        let address = place.url.split('#').next().unwrap_or_default();
        at_address.entry(address).or_default().push(place);
    }
    let (mut cache, note) = Cache::load(root, SystemTime::now());
    if let Some(note) = note {
        progress(&note);
    }
    let mut counts = LinkCounts {
        links: places.len(),
        addresses: at_address.len(),
        ..LinkCounts::default()
    };
    let (mut outcomes, to_ask) = sort_out(
        at_address.keys().copied(),
        settings,
        &mut cache,
        &mut counts,
    );
    if !to_ask.is_empty() {
        let hosts: HashSet<&String> = to_ask.iter().map(|(host, _)| host).collect();
        progress(&format!(
            "asking {} web addresses on {} hosts",
            to_ask.len(),
            hosts.len()
        ));
    }
    for (address, outcome) in ask_all(to_ask, settings) {
        cache.record(address, &outcome);
        outcomes.insert(address, outcome);
    }
    let mut findings: Vec<Finding> = at_address
        .iter()
        .filter_map(|(address, places)| Some((places, outcomes.get(address)?)))
        .flat_map(|(places, outcome)| {
            places
                .iter()
                .filter_map(|place| finding(place, outcome, settings.retries))
        })
        .collect();
    if let Err(error) = cache.save() {
        findings.extend(Finding::from_error(error).into_iter().map(|mut finding| {
            finding.severity = Severity::Warning;
            finding.kind = Kind::ExternalLink;
            finding.help = Some(format!(
                "{CACHE_FILE} keeps the links that worked, so that the next check asks fewer servers"
            ));
            finding
        }));
    }
    (findings, counts)
}

/// What is already known of each address (not an address at all, or working in the cache), and
/// which `(host, address)` pairs are still to be asked; skipped hosts are left out of both.
fn sort_out<'a>(
    addresses: impl Iterator<Item = &'a str>,
    settings: &CheckSettings,
    cache: &mut Cache,
    counts: &mut LinkCounts,
) -> (HashMap<&'a str, Outcome>, Vec<(String, &'a str)>) {
    let mut known = HashMap::new();
    let mut to_ask = Vec::new();
    for address in addresses {
        let Some(host) = host_of(address) else {
            let reason = "this is not a valid web address".to_owned();
            known.insert(address, Outcome::Broken { reason });
            continue;
        };
        if settings
            .skip_hosts
            .iter()
            .any(|pattern| pattern.matches(&host))
        {
            counts.skipped += 1;
        } else if let Some(outcome) = cache.reuse(address) {
            counts.from_cache += 1;
            known.insert(address, outcome);
        } else {
            to_ask.push((host, address));
        }
    }
    counts.requested = to_ask.len();
    (known, to_ask)
}

/// The host an address is on, in lower case; `None` for an address that is not one.
fn host_of(address: &str) -> Option<String> {
    let uri: Uri = address.parse().ok()?;
    let host = uri.host().filter(|host| !host.is_empty())?;
    Some(host.to_ascii_lowercase())
}

fn finding(place: &LinkPlace, outcome: &Outcome, retries: u32) -> Option<Finding> {
    let url = &place.url;
    let (severity, message, help) = match outcome {
        Outcome::Fine => return None,
        Outcome::Moved { to } => (
            Severity::Warning,
            format!("{url} has moved permanently to {to}"),
            Some("link to the new address, so that readers are not sent on".to_owned()),
        ),
        Outcome::Forbidden { status } => (
            Severity::Warning,
            format!("{url}: the server answers {status} and shows no page to the check"),
            Some("the page may need a login or turn automated checks away: open it in a browser, or add its host to `skip_hosts` under [check] in site.toml".to_owned()),
        ),
        Outcome::RateLimited => (
            Severity::Warning,
            format!("{url}: the server still answers 429 Too Many Requests after {retries} retries"),
            Some("check again later".to_owned()),
        ),
        Outcome::Broken { reason } => (Severity::Error, format!("{url}: {reason}"), None),
    };
    Some(Finding {
        severity,
        kind: Kind::ExternalLink,
        file: Some(place.file.clone()),
        line: Some(place.line),
        message,
        help,
    })
}

/// The addresses still to ask, and how many requests are in flight to each host.
struct Queue<'a> {
    waiting: Vec<(String, &'a str)>,
    busy: HashMap<String, usize>,
}

/// Asks every `(host, address)` with at most `concurrency` requests in flight, `per_host` of them
/// to one host; the answers come in the order they arrived.
fn ask_all<'a>(
    to_ask: Vec<(String, &'a str)>,
    settings: &CheckSettings,
) -> Vec<(&'a str, Outcome)> {
    let workers = settings.concurrency.min(to_ask.len());
    let client = Client::new(settings);
    let queue = Mutex::new(Queue {
        waiting: to_ask,
        busy: HashMap::new(),
    });
    let turn = Condvar::new();
    let answers = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some((host, address)) = next(&queue, &turn, settings.per_host) {
                    let outcome = client.check(address);
                    answers
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push((address, outcome));
                    let mut queue = queue.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Some(busy) = queue.busy.get_mut(&host) {
                        *busy -= 1;
                    }
                    turn.notify_all();
                }
            });
        }
    });
    answers.into_inner().unwrap_or_else(PoisonError::into_inner)
}

/// The next address whose host has room, waiting for one if need be; `None` when all are taken.
fn next<'a>(
    queue: &Mutex<Queue<'a>>,
    turn: &Condvar,
    per_host: usize,
) -> Option<(String, &'a str)> {
    let mut queue = queue.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        if queue.waiting.is_empty() {
            return None;
        }
        let free = queue
            .waiting
            .iter()
            .position(|(host, _)| queue.busy.get(host).copied().unwrap_or(0) < per_host);
        if let Some(index) = free {
            let (host, address) = queue.waiting.remove(index);
            *queue.busy.entry(host.clone()).or_default() += 1;
            return Some((host, address));
        }
        queue = turn.wait(queue).unwrap_or_else(PoisonError::into_inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_read_without_case_and_non_addresses_have_none() {
        assert_eq!(
            host_of("https://WWW.Gent.be/nl?x=1").as_deref(),
            Some("www.gent.be")
        );
        assert_eq!(
            host_of("http://127.0.0.1:8080/").as_deref(),
            Some("127.0.0.1")
        );
        assert_eq!(host_of("https:///nothing"), None);
        assert_eq!(host_of("https://exa mple.org/"), None);
    }
}
