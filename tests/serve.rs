//! The preview server against hostile and unusual clients: the real `kennis serve` binary on a free
//! port, spoken to over raw TCP. Stalled connections hold only themselves, only GET and HEAD are
//! answered, every response carries the security headers, and no redirect leaves the host.

mod common;

use std::io::{ErrorKind, Read, Write};
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
