//! The preview server against hostile and unusual clients: the real `kennis serve` binary on a free
//! port, spoken to over raw TCP. Stalled connections hold only themselves, only GET and HEAD are
//! answered, every response carries the security headers, and no redirect leaves the host. Open
//! pages hear of every build through a stream of server-sent events, which outlives the time-outs.

mod common;

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{fixture, get, request, start_server};

/// How long `kennis serve` lets a response wait for a client that reads none of it, plus slack.
const PAST_WRITE_TIMEOUT: Duration = Duration::from_secs(12);
/// Requests for the largest file that each never-reading client sends at once: more than the
/// kernel's socket buffers can hold, so the server is still writing when it gives up.
const PIPELINED: usize = 4;

/// The value of header `name` in a response head (names compared without case).
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

/// The URL path and size of the largest file below `output`.
fn largest_file(output: &Path) -> (String, u64) {
    walkdir::WalkDir::new(output)
        .into_iter()
        .map(|entry| entry.expect("readable output"))
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry.path().strip_prefix(output).expect("below output");
            let size = entry.metadata().expect("metadata").len();
            (format!("/{}", relative.to_string_lossy()), size)
        })
        .max_by_key(|(_, size)| *size)
        .expect("the output has files")
}

fn connect(port: u16, request: &str) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream.write_all(request.as_bytes()).expect("sends");
    stream
}

/// Bytes read until the server closes the connection (an orderly close or a reset).
fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> Vec<u8> {
    stream.set_read_timeout(Some(limit)).expect("timeout");
    let mut received = Vec::new();
    let mut buffer = [0; 64 * 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return received,
            Ok(read) => received.extend_from_slice(&buffer[..read]),
            Err(error) if error.kind() == ErrorKind::ConnectionReset => return received,
            Err(error) => panic!("the server kept the connection open: {error}"),
        }
    }
}

/// A page's view of `/__kennis/events`: asked over HTTP/1.0, so the events arrive unchunked.
struct EventStream(BufReader<TcpStream>);

/// How long an event may take to arrive after the change that causes it (a debug build of the
/// fixture site takes about a second).
const EVENT_WAIT: Duration = Duration::from_secs(30);

impl EventStream {
    fn open(port: u16) -> EventStream {
        let stream = connect(
            port,
            "GET /__kennis/events HTTP/1.0\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n",
        );
        stream.set_read_timeout(Some(EVENT_WAIT)).expect("timeout");
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        while !head.ends_with("\r\n\r\n") {
            assert_ne!(reader.read_line(&mut head).expect("head"), 0, "{head}");
        }
        assert!(head.starts_with("HTTP/1.0 200 "), "{head}");
        assert_eq!(header(&head, "Content-Type"), Some("text/event-stream"));
        EventStream(reader)
    }

    /// The name and data of the next event, skipping keep-alive comments.
    fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), Vec::new());
        loop {
            let mut line = String::new();
            let read = self.0.read_line(&mut line).expect("the stream stays open");
            assert_ne!(read, 0, "the server closed the event stream");
            let line = line.trim_end_matches('\n');
            if line.is_empty() && !name.is_empty() {
                return (name, data.join("\n"));
            }
            if let Some(value) = line.strip_prefix("event: ") {
                name = value.to_owned();
            } else if let Some(value) = line.strip_prefix("data: ") {
                data.push(value.to_owned());
            }
        }
    }

    /// The data of the next event, which must be called `expected`.
    fn expect(&mut self, expected: &str) -> String {
        let (name, data) = self.next();
        assert_eq!(name, expected, "data: {data}");
        data
    }
}

/// The build a page served now belongs to, from the script the preview adds to it.
fn served_build(port: u16, path: &str) -> String {
    let (_, page) = get(port, path);
    let (_, rest) = page
        .split_once("\" data-build=\"")
        .unwrap_or_else(|| panic!("{path} has no live-preview script"));
    rest.split('"').next().expect("attribute").to_owned()
}

fn median_response_time(port: u16, path: &str, samples: usize) -> Duration {
    let mut times: Vec<Duration> = (0..samples)
        .map(|_| {
            let start = Instant::now();
            let (head, _) = get(port, path);
            assert!(head.contains(" 200 "), "{head}");
            start.elapsed()
        })
        .collect();
    times.sort();
    times[samples / 2]
}

#[test]
fn stalled_clients_hold_only_their_own_connections() {
    let site = fixture();
    let output = tempfile::tempdir().expect("temporary folder");
    let server = start_server(site.root(), Some(output.path()));
    let (largest, size) = largest_file(output.path());
    assert!(size > 1_000_000, "{largest} is {size} bytes");

    // Headers that announce a body which never comes, for a page and for a method refused.
    let mut announcing: Vec<TcpStream> = (0..25)
        .map(|index| {
            let method = if index % 2 == 0 { "GET" } else { "POST" };
            connect(
                server.port,
                &format!(
                    "{method} /nl/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000000\r\n\r\n"
                ),
            )
        })
        .collect();
    let opened = Instant::now();
    let one_request = format!("GET {largest} HTTP/1.1\r\nHost: localhost\r\n\r\n");
    let mut never_reading: Vec<TcpStream> = (0..25)
        .map(|_| connect(server.port, &one_request.repeat(PIPELINED)))
        .collect();
    std::thread::sleep(Duration::from_millis(300));

    let median = median_response_time(server.port, "/nl/", 7);
    assert!(
        median < Duration::from_millis(100),
        "a normal request took {median:?} beside 50 stalled connections"
    );

    for stream in &mut announcing {
        let answer = read_until_closed(stream, Duration::from_secs(5));
        assert!(
            answer.starts_with(b"HTTP/1.1 200 ") || answer.starts_with(b"HTTP/1.1 405 "),
            "answered without waiting for the body: {:?}",
            String::from_utf8_lossy(&answer[..answer.len().min(40)])
        );
    }
    std::thread::sleep(PAST_WRITE_TIMEOUT.saturating_sub(opened.elapsed()));
    let everything = u64::try_from(PIPELINED).expect("small") * size;
    for stream in &mut never_reading {
        let received = read_until_closed(stream, Duration::from_secs(20));
        let received = u64::try_from(received.len()).expect("fits");
        assert!(
            received < everything,
            "a client that read nothing for {PAST_WRITE_TIMEOUT:?} was still served all {received} bytes"
        );
    }
}

#[test]
fn only_get_and_head_are_answered() {
    let site = fixture();
    let server = start_server(site.root(), None);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let (head, body) = request(server.port, method, "/nl/");
        assert!(head.contains(" 405 "), "{method}: {head}");
        assert_eq!(
            header(&head, "Allow"),
            Some("GET, HEAD"),
            "{method}: {head}"
        );
        assert!(!body.contains("<html"), "{method} got the page");
    }
    let (get_head, page) = request(server.port, "GET", "/nl/");
    let (head, body) = request(server.port, "HEAD", "/nl/");
    assert!(head.contains(" 200 "), "{head}");
    assert!(body.is_empty(), "HEAD sent a body: {body:?}");
    assert_eq!(
        header(&head, "Content-Length"),
        header(&get_head, "Content-Length")
    );
    assert_eq!(
        header(&head, "Content-Length"),
        Some(page.len().to_string().as_str())
    );
}

#[test]
fn every_response_carries_nosniff_and_the_sites_policy() {
    let site = fixture();
    let policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; frame-ancestors 'none'";
    let config = std::fs::read_to_string(site.root().join("site.toml")).expect("read");
    site.write(
        "site.toml",
        &format!("content_security_policy = \"{policy}\"\n{config}"),
    );
    let server = start_server(site.root(), None);
    let check = |expected_policy: &str| {
        for (method, path, status) in [
            ("GET", "/nl/", " 200 "),
            ("GET", "/nl/bestaat-niet/", " 404 "),
            ("POST", "/nl/", " 405 "),
            ("GET", "/nl", " 301 "),
            ("GET", "/%2e%2e/site.toml", " 403 "),
        ] {
            let (head, _) = request(server.port, method, path);
            assert!(head.contains(status), "{method} {path}: {head}");
            assert_eq!(
                header(&head, "X-Content-Type-Options"),
                Some("nosniff"),
                "{method} {path}: {head}"
            );
            assert_eq!(
                header(&head, "Content-Security-Policy"),
                Some(expected_policy),
                "{method} {path}: {head}"
            );
        }
    };
    check(policy);

    let changed = "default-src 'self'; frame-ancestors 'none'";
    site.write(
        "site.toml",
        &format!("content_security_policy = \"{changed}\"\n{config}"),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while header(
        &request(server.port, "GET", "/nl/").0,
        "Content-Security-Policy",
    ) != Some(changed)
    {
        assert!(
            Instant::now() < deadline,
            "the new policy was not sent after a rebuild"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    check(changed);
}

#[test]
fn files_under_a_content_hash_are_cached_and_everything_else_is_asked_for_again() {
    let site = fixture();
    let server = start_server(site.root(), None);
    let (head, page) = request(server.port, "GET", "/nl/");
    assert_eq!(header(&head, "Cache-Control"), Some("no-cache"), "{head}");
    let stylesheet = page
        .split("href=\"")
        .filter_map(|rest| rest.split('"').next())
        .find(|href| href.contains("css/site.") && href.ends_with(".css"))
        .unwrap_or_else(|| panic!("no stylesheet in {page}"));
    let stylesheet = format!("/css/{}", stylesheet.rsplit('/').next().unwrap_or_default());
    let (head, _) = request(server.port, "GET", &stylesheet);
    assert!(head.contains(" 200 "), "{stylesheet}: {head}");
    assert_eq!(
        header(&head, "Cache-Control"),
        Some("max-age=31536000, immutable"),
        "{stylesheet}: {head}"
    );
    for path in ["/sitemap.xml", "/favicon.svg", "/nl/bestaat-niet/"] {
        let (head, _) = request(server.port, "GET", path);
        assert_eq!(
            header(&head, "Cache-Control"),
            Some("no-cache"),
            "{path}: {head}"
        );
    }
}

#[test]
fn redirects_stay_on_the_host_and_paths_stay_in_the_output() {
    let site = fixture();
    std::fs::write(site.root().join("secret.txt"), "secret").expect("write");
    let server = start_server(site.root(), None);
    for path in [
        "//nl",
        "///nl",
        "//evil.example",
        "//evil.example/",
        "/%2F%2Fevil.example",
        "/%2F%2Fevil",
        "/%2Fnl",
        "/\\evil.example",
        "/%5Cevil.example",
    ] {
        let (head, _) = get(server.port, path);
        if let Some(location) = header(&head, "Location") {
            assert!(
                location.starts_with('/') && !location.starts_with("//"),
                "{path} redirects off the host: {head}"
            );
        } else {
            assert!(
                head.contains(" 404 ") || head.contains(" 403 ") || head.contains(" 400 "),
                "{path}: {head}"
            );
        }
    }
    let (head, _) = get(server.port, "//nl");
    assert_eq!(header(&head, "Location"), Some("/nl/"), "{head}");
    for escape in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/nl/..%5c..%5csecret.txt",
    ] {
        let (head, body) = get(server.port, escape);
        assert!(!body.contains("secret"), "{escape} escaped: {head}");
        assert!(
            head.contains(" 403 ") || head.contains(" 400 "),
            "{escape}: {head}"
        );
    }
}

#[test]
fn open_pages_hear_of_every_build_and_every_failure() {
    let site = fixture();
    let server = start_server(site.root(), None);
    let mut events = EventStream::open(server.port);
    let first = events.expect("build");
    assert_eq!(served_build(server.port, "/nl/over-ons/"), first);

    let page = std::fs::read_to_string(site.root().join("content/over-ons.md")).expect("read");
    site.write(
        "content/over-ons.md",
        &page.replacen("title =", "titel =", 1),
    );
    assert_eq!(
        events.expect("build"),
        first,
        "a failure names no new build"
    );
    let errors: String = serde_json::from_str(&events.expect("error")).expect("a JSON string");
    for expected in [
        "content/over-ons.md:2",
        "titel = \"Over ons\"",
        "help: did you mean `title`?",
    ] {
        assert!(
            errors.contains(expected),
            "{expected} missing in:\n{errors}"
        );
    }
    assert!(!errors.contains('\u{1b}'), "colours in {errors:?}");
    let mut late = EventStream::open(server.port);
    assert_eq!(late.expect("build"), first);
    let told_late: String = serde_json::from_str(&late.expect("error")).expect("JSON");
    assert_eq!(
        told_late, errors,
        "a page opened while the build fails is told at once"
    );

    site.write(
        "content/over-ons.md",
        &page.replace("Wie we zijn.", "Wie we nu zijn."),
    );
    let second = events.expect("build");
    assert_ne!(second, first);
    assert_eq!(late.expect("build"), second);
    assert_eq!(served_build(server.port, "/nl/over-ons/"), second);
    assert!(
        get(server.port, "/nl/over-ons/")
            .1
            .contains("Wie we nu zijn.")
    );
}

#[test]
fn the_preview_script_is_served_but_never_built() {
    let site = fixture();
    site.build_ok();
    let output = tempfile::tempdir().expect("temporary folder");
    let server = start_server(site.root(), Some(output.path()));
    for folder in [site.output(), output.path().to_path_buf()] {
        for (file, bytes) in common::files_below(&folder) {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("__kennis"),
                "{file} in {} mentions the preview",
                folder.display()
            );
        }
    }
    let (_, page) = get(server.port, "/nl/");
    let (_, missing) = get(server.port, "/nl/bestaat-niet/");
    for served in [&page, &missing] {
        let script = served
            .find("<script src=\"/__kennis/live.js\"")
            .expect("the script");
        assert!(
            served[script..].trim_end().ends_with("</body>\n</html>"),
            "{served}"
        );
    }
    for (path, content_type) in [
        ("/__kennis/live.js", "text/javascript; charset=utf-8"),
        ("/__kennis/live.css", "text/css; charset=utf-8"),
    ] {
        let (head, body) = get(server.port, path);
        assert!(head.contains(" 200 "), "{path}: {head}");
        assert_eq!(header(&head, "Content-Type"), Some(content_type), "{path}");
        assert!(body.len() > 500, "{path}: {body}");
    }
}

#[test]
fn event_streams_outlive_the_time_outs_and_readers_that_never_read_hold_up_nobody() {
    let site = fixture();
    let server = start_server(site.root(), None);
    let never_reading: Vec<TcpStream> = (0..50)
        .map(|_| {
            connect(
                server.port,
                "GET /__kennis/events HTTP/1.1\r\nHost: localhost\r\n\r\n",
            )
        })
        .collect();
    let mut reading = EventStream::open(server.port);
    let first = reading.expect("build");
    std::thread::sleep(Duration::from_millis(300));

    let median = median_response_time(server.port, "/nl/", 7);
    assert!(
        median < Duration::from_millis(100),
        "a normal request took {median:?} beside 50 event streams nobody reads"
    );

    std::thread::sleep(PAST_WRITE_TIMEOUT);
    let page = std::fs::read_to_string(site.root().join("content/over-ons.md")).expect("read");
    site.write("content/over-ons.md", &format!("{page}\nMeer.\n"));
    assert_ne!(
        reading.expect("build"),
        first,
        "the stream outlived the time-outs"
    );
    assert!(median_response_time(server.port, "/nl/", 3) < Duration::from_millis(100));
    drop(never_reading);
}
