//! `kennis check`: the build's errors and warnings as findings, nothing written, and external links
//! asked of a real HTTP server that the test runs on a local port.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{Site, fixture};
use kennis::check::{CACHE_FILE, CheckOptions, CheckReport, Finding, Kind, Severity, check};

/// Every request the server got, as `METHOD /path`.
type Requests = Arc<Mutex<Vec<String>>>;

/// Requests to `/slow/…` being answered now, and the most there ever were at once.
type InFlight = Arc<Mutex<(usize, usize)>>;

struct LinkServer {
    port: u16,
    requests: Requests,
    slow: InFlight,
}

impl LinkServer {
    fn start() -> LinkServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().expect("bound").port();
        let requests = Requests::default();
        let slow = InFlight::default();
        let (seen, in_flight) = (Arc::clone(&requests), Arc::clone(&slow));
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let (seen, in_flight) = (Arc::clone(&seen), Arc::clone(&in_flight));
                std::thread::spawn(move || answer(stream, &seen, &in_flight));
            }
        });
        LinkServer {
            port,
            requests,
            slow,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// How often each `METHOD /path` was asked.
    fn counts(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for request in self.requests.lock().expect("not poisoned").iter() {
            *counts.entry(request.clone()).or_default() += 1;
        }
        counts
    }
}

fn answer(stream: TcpStream, seen: &Requests, in_flight: &InFlight) {
    let mut reader = BufReader::new(stream.try_clone().expect("clonable"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|read| read > 2) {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let path = parts.next().unwrap_or_default().to_owned();
    let earlier = {
        let mut seen = seen.lock().expect("not poisoned");
        let earlier = seen
            .iter()
            .filter(|r| r.ends_with(&format!(" {path}")))
            .count();
        seen.push(format!("{method} {path}"));
        earlier
    };
    let (status, extra) = match path.as_str() {
        "/ok" | "/skipped" => ("200 OK", ""),
        "/moved" => ("301 Moved Permanently", "Location: /moved-again\r\n"),
        "/moved-again" => ("301 Moved Permanently", "Location: /ok\r\n"),
        "/moved-away" => ("301 Moved Permanently", "Location: /gone\r\n"),
        "/no-head" if method == "HEAD" => ("405 Method Not Allowed", "Allow: GET\r\n"),
        "/no-head" => ("200 OK", ""),
        "/busy" if earlier == 0 => ("429 Too Many Requests", "Retry-After: 1\r\n"),
        "/busy" => ("200 OK", ""),
        "/loop" => ("302 Found", "Location: /loop\r\n"),
        slow if slow.starts_with("/slow/") => {
            {
                let mut in_flight = in_flight.lock().expect("not poisoned");
                in_flight.0 += 1;
                in_flight.1 = in_flight.1.max(in_flight.0);
            }
            std::thread::sleep(Duration::from_millis(200));
            in_flight.lock().expect("not poisoned").0 -= 1;
            ("200 OK", "")
        }
        "/hang" => {
            // Accepted, never answered: the check must give up by itself.
            std::thread::sleep(Duration::from_secs(60));
            return;
        }
        _ => ("404 Not Found", ""),
    };
    let mut stream = stream;
    let response =
        format!("HTTP/1.1 {status}\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n");
    let _client_may_be_gone = stream.write_all(response.as_bytes());
}

/// A port on which nothing listens.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("bound").port()
}

const CHECK_SETTINGS: &str = "\n[check]\nskip_hosts = [\"localhost\", \"*.intranet\"]\n\
                              connect_timeout = 1\ntimeout = 0.5\nretries = 1\n";

/// The fixture site with a page linking to every case of `server` and to a closed port (returned),
/// and short time-outs.
fn site_linking_to(server: &LinkServer) -> (Site, String) {
    let site = fixture();
    let config = std::fs::read_to_string(site.root().join("site.toml")).expect("site.toml");
    site.write("site.toml", &format!("{config}{CHECK_SETTINGS}"));
    let refused = format!("http://127.0.0.1:{}/", closed_port());
    let page = format!(
        "+++\ntitle = \"Links\"\n+++\n\
         [ok]({ok}) and [ok again]({ok}#section).\n\n\
         [moved]({moved})\n\n\
         [moved away]({moved_away})\n\n\
         [gone]({gone})\n\n\
         [hangs]({hang})\n\n\
         [refused]({refused})\n\n\
         [no head]({no_head})\n\n\
         [busy]({busy})\n\n\
         [skipped](http://localhost:{port}/skipped) and [intranet](https://wiki.intranet/x)\n",
        ok = server.url("/ok"),
        moved = server.url("/moved"),
        moved_away = server.url("/moved-away"),
        gone = server.url("/gone"),
        hang = server.url("/hang"),
        no_head = server.url("/no-head"),
        busy = server.url("/busy"),
        port = server.port,
    );
    site.write("content/links.md", &page);
    (site, refused)
}

fn check_site(site: &Site) -> CheckReport {
    let options = CheckOptions {
        root: site.root().to_path_buf(),
        drafts: false,
        offline: false,
    };
    check(&options, &|_| {})
}

/// The findings of `content/links.md` as `line: severity: message`.
fn link_findings(report: &CheckReport) -> Vec<String> {
    link_findings_of(report, "content/links.md")
}

fn link_findings_of(report: &CheckReport, file: &str) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|finding| finding.file.as_deref() == Some(Path::new(file)))
        .map(|finding| {
            assert_eq!(finding.kind, Kind::ExternalLink);
            let severity = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            format!(
                "{}: {severity}: {}",
                finding.line.unwrap_or(0),
                finding.message
            )
        })
        .collect()
}

#[test]
fn external_links_are_asked_once_each_and_what_works_is_cached() {
    let server = LinkServer::start();
    let (site, refused) = site_linking_to(&server);
    let report = check_site(&site);
    let url = |path: &str| server.url(path);
    assert_eq!(
        link_findings(&report),
        [
            format!(
                "6: warning: {} has moved permanently to {}",
                url("/moved"),
                url("/ok")
            ),
            format!(
                "8: error: {}: the server answers 404 Not Found (redirected to {})",
                url("/moved-away"),
                url("/gone")
            ),
            format!(
                "10: error: {}: the server answers 404 Not Found",
                url("/gone")
            ),
            format!("12: error: {}: no answer within 0.5 s", url("/hang")),
            format!("14: error: {refused}: the server refused the connection"),
        ]
    );
    let counts = server.counts();
    let asked = |request: &str| counts.get(request).copied().unwrap_or(0);
    assert_eq!(
        asked("HEAD /ok"),
        2,
        "once for the link with and without its anchor, once at the end of the redirects: {counts:?}"
    );
    assert_eq!((asked("HEAD /no-head"), asked("GET /no-head")), (1, 1));
    assert_eq!(asked("HEAD /busy"), 2, "429 is tried again");
    assert_eq!(asked("HEAD /hang"), 2, "a time-out is tried again");
    assert_eq!(asked("HEAD /skipped"), 0, "localhost is in skip_hosts");
    let kennis::check::ExternalLinks::Checked(links) = &report.external_links else {
        panic!("links were checked: {:?}", report.external_links);
    };
    assert_eq!((links.links, links.addresses), (11, 10));
    assert_eq!(
        (links.requested, links.skipped, links.from_cache),
        (8, 2, 0)
    );
    assert!(!site.output().exists(), "check writes nothing to public/");

    let cache = std::fs::read_to_string(site.root().join(CACHE_FILE)).expect("the cache");
    assert!(cache.contains(&format!("\"{}\"", url("/busy"))), "{cache}");
    assert!(
        !cache.contains(&url("/gone")),
        "broken links are not cached: {cache}"
    );

    let again = check_site(&site);
    assert_eq!(link_findings(&again), link_findings(&report));
    let after = server.counts();
    for working in [
        "HEAD /ok",
        "HEAD /moved",
        "HEAD /no-head",
        "GET /no-head",
        "HEAD /busy",
    ] {
        assert_eq!(
            after.get(working),
            counts.get(working),
            "{working} came from the cache"
        );
    }
    assert_eq!(
        (counts["HEAD /gone"], after["HEAD /gone"]),
        (2, 4),
        "broken links are asked again (directly and at the end of a redirect)"
    );
    let kennis::check::ExternalLinks::Checked(links) = &again.external_links else {
        panic!("links were checked");
    };
    assert_eq!((links.requested, links.from_cache), (4, 4));
}

#[test]
fn one_host_gets_at_most_per_host_requests_at_once_and_redirect_loops_end() {
    let server = LinkServer::start();
    let site = fixture();
    let config = std::fs::read_to_string(site.root().join("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        &format!("{config}\n[check]\nconcurrency = 8\nper_host = 2\ntimeout = 5\n"),
    );
    let links: String = (1..=6)
        .map(|n| format!("[{n}]({})\n\n", server.url(&format!("/slow/{n}"))))
        .collect();
    let page = format!(
        "+++\ntitle = \"Slow\"\n+++\n{links}[loop]({})\n",
        server.url("/loop")
    );
    site.write("content/slow.md", &page);
    let report = check_site(&site);
    let (_, most_at_once) = *server.slow.lock().expect("not poisoned");
    assert_eq!(most_at_once, 2, "per_host holds, and is used");
    assert_eq!(
        link_findings_of(&report, "content/slow.md"),
        [format!(
            "16: error: {}: more than 10 redirects (last to {})",
            server.url("/loop"),
            server.url("/loop")
        )]
    );
    assert_eq!(server.counts()["HEAD /loop"], 11);
}

fn kennis_check(root: &Path, arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kennis"))
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(arguments)
        .output()
        .expect("runs")
}

#[test]
fn a_broken_internal_link_is_an_error_at_its_line_and_exits_1() {
    let site = fixture();
    site.write(
        "content/kapot.md",
        "+++\ntitle = \"Kapot\"\n+++\nEerst tekst.\n\nZie [elders](@/bestaat-niet.md).\n",
    );
    let output = kennis_check(site.root(), &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "content/kapot.md:6: error: `@/bestaat-niet.md` links to content/bestaat-niet.md, which does not exist"
        ),
        "{stdout}"
    );
    assert!(stdout.ends_with("1 error, 0 warnings\n"), "{stdout}");
    assert!(!site.output().exists(), "check writes nothing to public/");

    let output = kennis_check(site.root(), &["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let finding = &json["findings"][0];
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["kind"], "build");
    assert_eq!(finding["file"], "content/kapot.md");
    assert_eq!(finding["line"], 6);
    assert_eq!(json["summary"]["errors"], 1);
    assert_eq!(json["summary"]["external_links"]["status"], "build-failed");
}

#[test]
fn bad_front_matter_in_several_files_gives_one_finding_each() {
    let site = fixture();
    site.write("content/a.md", "+++\ntitle = \"A\"\nstad = 1\n+++\n");
    site.write(
        "content/b.md",
        "+++\ntitle = \"B\"\ndate = 2024-13-01\n+++\n",
    );
    let output = kennis_check(site.root(), &["--offline"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("content/a.md:3: error: unknown field `stad`"),
        "{stdout}"
    );
    assert!(stdout.contains("\ncontent/b.md:3: error: "), "{stdout}");
    assert!(stdout.contains("2 errors, 0 warnings"), "{stdout}");
}

#[test]
fn warnings_pass_unless_they_count_as_errors() {
    let site = fixture();
    site.write(
        "content/script.md",
        "+++\ntitle = \"Script\"\n+++\nTekst.\n\n<script>alert(1)</script>\n",
    );
    let output = kennis_check(site.root(), &["--offline"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("content/script.md:6: warning: "),
        "{stdout}"
    );
    assert!(
        stdout.contains("external links not checked (--offline); 0 errors, 1 warning"),
        "{stdout}"
    );
    let output = kennis_check(site.root(), &["--offline", "--warnings-as-errors"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        !site.root().join(CACHE_FILE).exists(),
        "offline asks no server"
    );
}

#[test]
fn a_clean_site_passes() {
    let site = fixture();
    let output = kennis_check(site.root(), &["--format", "json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["findings"], serde_json::json!([]));
    assert_eq!(json["summary"]["documents"], 15);
    assert_eq!(json["summary"]["external_links"]["links"], 0);
    let findings: Vec<Finding> = Vec::new();
    assert!(CheckReport::new(findings, 0, kennis::check::ExternalLinks::NotChecked).passes(true));
}
