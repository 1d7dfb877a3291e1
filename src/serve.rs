//! `kennis serve`: builds the site into a preview folder, serves it over HTTP (on 127.0.0.1 unless
//! asked otherwise) and rebuilds when content, theme, templates, static files or `site.toml` change.
//! A failed rebuild is reported and the last good site stays online. The server only ever reads files
//! inside the output folder.

use std::fs;
use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use tiny_http::{HTTPVersion, Header, Method, Request, Response, Server, StatusCode};

use crate::build::{BuildOptions, BuildReport, build};
use crate::error::{Error, Result};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    pub port: u16,
}

const WORKERS: usize = 4;
const QUIET_PERIOD: Duration = Duration::from_millis(150);

/// Serves until the process is stopped. `report` receives every line meant for the person previewing.
pub fn serve(options: ServeOptions, report: &(dyn Fn(&str) + Sync)) -> Result<()> {
    let server = Server::http(SocketAddr::new(options.bind, options.port)).map_err(|error| {
        Error::usage(
            format!(
                "cannot listen on {}:{}: {error}",
                options.bind, options.port
            ),
            Some("choose another port with --port".to_owned()),
        )
    })?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::usage("the server has no IP address", None))?;
    let host = if options.bind.is_unspecified() {
        "127.0.0.1".to_owned()
    } else {
        options.bind.to_string()
    };
    let mut build_options = options.build.clone();
    build_options.base_url = Some(format!("http://{host}:{}/", address.port()));

    let first = build(&build_options, &|_| {})?;
    report_build(Ok(first), report);
    report(&format!(
        "serving {} at http://{host}:{}/ (Ctrl+C to stop)",
        build_options.output.display(),
        address.port()
    ));

    let server = Arc::new(server);
    let root = Arc::new(build_options.output.clone());
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let server = Arc::clone(&server);
            let root = Arc::clone(&root);
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    respond(request, &root);
                }
            })
        })
        .collect();
    watch_and_rebuild(&build_options, report)?;
    server.unblock();
    for worker in workers {
        let _finished = worker.join();
    }
    Ok(())
}

fn report_build(result: Result<BuildReport>, report: &(dyn Fn(&str) + Sync)) {
    match result {
        Ok(built) => {
            for warning in &built.warnings {
                report(&format!("warning: {warning}"));
            }
            report(&built.summary());
        }
        Err(error) => report(&format!(
            "{}\nthe previous build is still being served",
            crate::error::render(&error)
        )),
    }
}

/// Blocks, rebuilding after every burst of changes to the site's sources.
fn watch_and_rebuild(options: &BuildOptions, report: &(dyn Fn(&str) + Sync)) -> Result<()> {
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)
        .map_err(|error| Error::usage(format!("cannot watch for changes: {error}"), None))?;
    let root = &options.root;
    for folder in ["content", "themes", "templates", "static"] {
        let path = root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|error| {
                    Error::usage(format!("cannot watch {}: {error}", path.display()), None)
                })?;
        }
    }
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|error| Error::usage(format!("cannot watch {}: {error}", root.display()), None))?;
    let config_file = root.join(crate::config::CONFIG_FILE);
    let search_file = root.join(crate::config::search::SETTINGS_FILE);
    let sources: Vec<PathBuf> = ["content", "themes", "templates", "static"]
        .iter()
        .map(|f| root.join(f))
        .collect();
    let is_source = |path: &Path| {
        path == config_file
            || path == search_file
            || sources.iter().any(|source| path.starts_with(source))
    };

    while let Ok(event) = receiver.recv() {
        let mut changed = relevant(event, &is_source);
        while let Ok(event) = receiver.recv_timeout(QUIET_PERIOD) {
            changed |= relevant(event, &is_source);
        }
        if changed {
            report("change detected, rebuilding");
            report_build(build(options, &|_| {}), report);
        }
    }
    Ok(())
}

fn relevant(event: notify::Result<notify::Event>, is_source: &impl Fn(&Path) -> bool) -> bool {
    match event {
        Ok(event) => !event.kind.is_access() && event.paths.iter().any(|path| is_source(path)),
        Err(_) => false,
    }
}

fn respond(request: Request, root: &Path) {
    let response = match resolve(request.url(), root) {
        Resolved::File(path) => file_response(&path, StatusCode(200)),
        Resolved::Redirect(location) => Response::empty(301)
            .with_header(header("Location", &location))
            .boxed(),
        Resolved::NotFound => file_response(&root.join("404.html"), StatusCode(404)),
        Resolved::Forbidden => Response::from_string("forbidden")
            .with_status_code(403)
            .boxed(),
    };
    send(request, response);
}

/// Answers in HTTP/1.0, so that the browser closes each connection after its response. tiny_http
/// (0.12) reads every connection on a thread of a pool that does not always grow when a browser
/// opens several connections at once (a page with a few scripts and stylesheets); a connection kept
/// alive would hold its thread, and a page's later requests would wait for ever.
fn send(request: Request, response: tiny_http::ResponseBox) {
    let head = *request.method() == Method::Head;
    let headers = request.headers().to_vec();
    let mut writer = request.into_writer();
    let _client_gone = response
        .raw_print(&mut writer, HTTPVersion(1, 0), &headers, head, None)
        .and_then(|()| writer.flush());
}

#[derive(Debug, PartialEq)]
enum Resolved {
    File(PathBuf),
    Redirect(String),
    NotFound,
    Forbidden,
}

/// The file inside `root` that `url` names. Paths with `..`, backslashes or NUL, and anything that
/// resolves (through links) outside `root`, are refused.
fn resolve(url: &str, root: &Path) -> Resolved {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let Some(decoded) = percent_decode(path) else {
        return Resolved::Forbidden;
    };
    if decoded.contains(['\\', '\0']) {
        return Resolved::Forbidden;
    }
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Resolved::Forbidden;
    }
    let candidate = root.join(relative);
    let (Ok(canonical_root), Ok(canonical)) = (root.canonicalize(), candidate.canonicalize())
    else {
        return Resolved::NotFound;
    };
    if !canonical.starts_with(&canonical_root) {
        return Resolved::Forbidden;
    }
    if canonical.is_dir() {
        if !path.ends_with('/') {
            return Resolved::Redirect(format!("{path}/"));
        }
        let index = canonical.join("index.html");
        return if index.is_file() {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    Resolved::File(canonical)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = std::str::from_utf8(bytes.get(index + 1..index + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// The policy the site is built to work under (documented in docs/search.md); the preview enforces it,
/// so that a theme change that breaks it shows at once.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; \
     base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

fn file_response(path: &Path, status: StatusCode) -> tiny_http::ResponseBox {
    match fs::File::open(path) {
        Ok(file) => Response::from_file(file)
            .with_status_code(status)
            .with_header(header("Content-Type", content_type(path)))
            .with_header(header("Cache-Control", "no-cache"))
            .with_header(header("Content-Security-Policy", CONTENT_SECURITY_POLICY))
            .boxed(),
        Err(_) => Response::from_string("not found")
            .with_status_code(404)
            .boxed(),
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| {
        Header::from_bytes(&b"X-Invalid-Header"[..], &b"1"[..])
            .unwrap_or_else(|()| unreachable!("static header is valid"))
    })
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        fs::create_dir_all(root.join("nl")).unwrap();
        fs::write(root.join("nl/index.html"), "nl").unwrap();
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        assert_eq!(resolve("/../secret.txt", &root), Resolved::Forbidden);
        assert_eq!(resolve("/%2e%2e/secret.txt", &root), Resolved::Forbidden);
        assert_eq!(
            resolve("/nl/..%5c..%5csecret.txt", &root),
            Resolved::Forbidden
        );
        assert_eq!(resolve("/nl", &root), Resolved::Redirect("/nl/".to_owned()));
        assert_eq!(
            resolve("/nl/?q=x", &root),
            Resolved::File(root.join("nl/index.html").canonicalize().unwrap())
        );
        assert_eq!(resolve("/missing/", &root), Resolved::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_that_leave_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        fs::create_dir_all(&root).unwrap();
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        assert_eq!(resolve("/link.txt", &root), Resolved::Forbidden);
    }
}
