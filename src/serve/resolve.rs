//! Maps a request path to what the preview answers: a file inside the output folder, a redirect
//! from a folder to its slash form, not found, or forbidden. Owns the refusal of everything outside
//! the output (`..`, backslashes, NUL, links that lead out) and the content types; it knows nothing
//! of HTTP connections or headers.

use std::path::{Component, Path, PathBuf};

#[derive(Debug, PartialEq)]
pub enum Resolved {
    File(PathBuf),
    /// To this path on the same host: it always starts with exactly one `/`.
    Redirect(String),
    NotFound,
    Forbidden,
}

/// The file inside `root` that the (percent-encoded) request `path` names. Paths with `..`,
/// backslashes or NUL, and anything that resolves (through links) outside `root`, are refused.
pub fn resolve(path: &str, root: &Path) -> Resolved {
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
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
            return Resolved::Redirect(slash_form(path));
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

/// `path` with one leading and one trailing slash. A browser reads a Location that starts with `//`
/// as another host, so however many slashes the request began with, one is kept.
fn slash_form(path: &str) -> String {
    format!("/{}/", path.trim_start_matches('/'))
}

pub fn content_type(path: &Path) -> &'static str {
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
    use std::fs;

    fn output_with_nl() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        fs::create_dir_all(root.join("nl")).unwrap();
        fs::write(root.join("nl/index.html"), "nl").unwrap();
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        (dir, root)
    }

    #[test]
    fn refuses_paths_outside_the_output() {
        let (_dir, root) = output_with_nl();
        assert_eq!(resolve("/../secret.txt", &root), Resolved::Forbidden);
        assert_eq!(resolve("/%2e%2e/secret.txt", &root), Resolved::Forbidden);
        assert_eq!(
            resolve("/nl/..%5c..%5csecret.txt", &root),
            Resolved::Forbidden
        );
        assert_eq!(resolve("/nl%00", &root), Resolved::Forbidden);
        assert_eq!(resolve("/nl", &root), Resolved::Redirect("/nl/".to_owned()));
        assert_eq!(
            resolve("/nl/", &root),
            Resolved::File(root.join("nl/index.html").canonicalize().unwrap())
        );
        assert_eq!(resolve("/missing/", &root), Resolved::NotFound);
    }

    #[test]
    fn redirects_never_name_another_host() {
        let (_dir, root) = output_with_nl();
        for path in ["//nl", "///nl", "/%2Fnl", "//%2Fnl"] {
            let Resolved::Redirect(location) = resolve(path, &root) else {
                panic!("{path} is the folder nl");
            };
            assert!(
                location.starts_with('/') && !location.starts_with("//"),
                "{path} → {location}"
            );
        }
        assert_eq!(resolve("//evil.example", &root), Resolved::NotFound);
        assert_eq!(resolve("/%2F%2Fevil.example", &root), Resolved::NotFound);
        assert_eq!(resolve("/\\evil.example", &root), Resolved::Forbidden);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_that_leave_the_output() {
        let (dir, root) = output_with_nl();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        assert_eq!(resolve("/link.txt", &root), Resolved::Forbidden);
    }
}
