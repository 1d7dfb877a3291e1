//! Paths of the generated site, relative to the output root (`nl/publicaties/`, `sitemap.xml`), and
//! the relative links between them. It never touches the file system and decides no URL: the routes
//! stage does that.

use std::fmt;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Characters a URI may not hold literally; everything outside ASCII is encoded too.
const NOT_IN_URI: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// `url` as a URI: non-ASCII characters (a Cyrillic slug), spaces and the like percent-encoded, for
/// the files whose formats require URIs rather than the IRIs browsers accept (the sitemap).
pub fn uri(url: &str) -> String {
    utf8_percent_encode(url, NOT_IN_URI).to_string()
}

/// The file a page is written to inside its folder.
const INDEX_FILE: &str = "index.html";

/// How links to pages are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkStyle {
    /// `../publicaties/`: right on a web server, which answers a folder with its `index.html`.
    #[default]
    Folders,
    /// `../publicaties/index.html`: for a copy opened from disk, where a folder is a directory listing.
    Files,
}

/// A place in the output: either a page (ends in `/`, written as `…/index.html`), the site root (empty),
/// or a file (`nl/atom.xml`). Never absolute, never containing `..` or empty segments.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct SitePath(String);

impl SitePath {
    pub fn root() -> SitePath {
        SitePath(String::new())
    }

    /// A page below the root made of already sanitised segments.
    pub fn page<S: AsRef<str>>(segments: impl IntoIterator<Item = S>) -> SitePath {
        let mut path = String::new();
        for segment in segments {
            let segment = segment.as_ref();
            debug_assert!(is_safe_segment(segment), "unsafe segment {segment:?}");
            path.push_str(segment);
            path.push('/');
        }
        SitePath(path)
    }

    /// The page one folder below this page, `segment` being already sanitised.
    pub fn subpage(&self, segment: &str) -> SitePath {
        debug_assert!(self.is_page(), "{self} is not a page");
        debug_assert!(is_safe_segment(segment), "unsafe segment {segment:?}");
        SitePath(format!("{}{segment}/", self.0))
    }

    /// A file below the root, `relative` being `/`-separated safe segments.
    pub fn file(relative: &str) -> Option<SitePath> {
        let safe = !relative.is_empty()
            && !relative.ends_with('/')
            && relative.split('/').all(is_safe_segment);
        safe.then(|| SitePath(relative.to_owned()))
    }

    /// A path as produced by `as_str()`: empty (the root), a page ending in `/`, or a file.
    pub fn parse(path: &str) -> Option<SitePath> {
        if path.is_empty() {
            return Some(SitePath::root());
        }
        match path.strip_suffix('/') {
            Some(page) => page
                .split('/')
                .all(is_safe_segment)
                .then(|| SitePath(path.to_owned())),
            None => SitePath::file(path),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_page(&self) -> bool {
        self.0.is_empty() || self.0.ends_with('/')
    }

    /// The path to write, relative to the output folder.
    pub fn output_file(&self) -> String {
        if self.is_page() {
            format!("{}index.html", self.0)
        } else {
            self.0.clone()
        }
    }

    /// The last segment: a file's name, a page's folder name, empty for the root.
    pub fn file_name(&self) -> &str {
        self.0
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default()
    }

    /// A file beside this page, or beside this file.
    pub fn join_file(&self, relative: &str) -> Option<SitePath> {
        SitePath::file(&format!("{}{relative}", self.directory()))
    }

    /// The folder a relative link from this place starts in.
    fn directory(&self) -> &str {
        match self.0.rfind('/') {
            Some(slash) => &self.0[..=slash],
            None => "",
        }
    }

    /// The relative URL that leads from a document at `from` to this place. Called for every link of
    /// every page, so it works on the strings without allocating more than the result.
    /// The link from the page or file at `from` to this one, in `style`.
    pub fn link_from(&self, from: &SitePath, style: LinkStyle) -> String {
        let folder_link = self.relative_from(from);
        match style {
            LinkStyle::Folders => folder_link,
            LinkStyle::Files if self.is_page() => match folder_link.as_str() {
                "./" => INDEX_FILE.to_owned(),
                _ => folder_link + INDEX_FILE,
            },
            LinkStyle::Files => folder_link,
        }
    }

    pub fn relative_from(&self, from: &SitePath) -> String {
        relative_link(from.directory(), &self.0)
    }

    /// Where the relative URL `link` (without `?query` and `#fragment`), written on this page or
    /// file, leads: a path below the root as [`SitePath::as_str`] writes it (`nl/p/x/`,
    /// `nl/p/x/index.html`). `None` for a URL with a scheme, one starting with `/`, or one that
    /// climbs above the root.
    pub fn follow(&self, link: &str) -> Option<String> {
        let has_scheme = link
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/'));
        if has_scheme || link.starts_with('/') {
            return None;
        }
        let mut segments: Vec<&str> = self
            .directory()
            .split('/')
            .filter(|s| !s.is_empty())
            .collect();
        let names_folder = matches!(link.rsplit('/').next(), Some("" | "." | ".."));
        for segment in link.split('/') {
            match segment {
                "" | "." => {}
                ".." => {
                    segments.pop()?;
                }
                segment => segments.push(segment),
            }
        }
        let mut path = segments.join("/");
        if names_folder && !path.is_empty() {
            path.push('/');
        }
        Some(path)
    }

    /// The relative URL from this page or file to `target`, a path below the root as
    /// [`SitePath::follow`] gives it.
    pub fn link_to(&self, target: &str) -> String {
        relative_link(self.directory(), target)
    }
}

/// The relative URL from the folder `from_dir` (`nl/p/`) to the path `to` below the root.
fn relative_link(from_dir: &str, to: &str) -> String {
    let common = from_dir
        .bytes()
        .zip(to.bytes())
        .take_while(|(a, b)| a == b)
        .enumerate()
        .filter(|&(_, (byte, _))| byte == b'/')
        .last()
        .map_or(0, |(index, _)| index + 1);
    let climbs = from_dir[common..].matches('/').count();
    let rest = &to[common..];
    if climbs == 0 && rest.is_empty() {
        return "./".to_owned();
    }
    let mut url = String::with_capacity(climbs * 3 + rest.len());
    for _ in 0..climbs {
        url.push_str("../");
    }
    url.push_str(rest);
    url
}

impl fmt::Display for SitePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}", self.0)
    }
}

/// The cache-busting part of a generated file name: the first 10 hex digits of the SHA-256 of its
/// bytes, so that equal content gets an equal name and hosts may cache the file forever.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .take(5)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Whether a file name carries a [`content_hash`] before its extension (`site.d7758ece65.css`), so
/// that its bytes never change under that name.
pub fn has_content_hash(file_name: &str) -> bool {
    let mut parts = file_name.rsplit('.');
    let (Some(_extension), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    !stem.is_empty()
        && hash.len() == 10
        && hash
            .bytes()
            .all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
}

/// A single URL path segment that cannot escape its folder.
pub fn is_safe_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment != "."
        && segment != ".."
        && !segment.contains(['/', '\\', '\0'])
        && !segment.starts_with('.')
}

#[cfg(test)]
mod tests {
    #[test]
    fn content_hashed_names_are_told_from_others() {
        let hashed = format!("site.{}.css", super::content_hash(b"body {}"));
        assert!(super::has_content_hash(&hashed));
        assert!(super::has_content_hash("chunk.3f2a91c04b.bin"));
        for name in [
            "site.css",
            "start.bin",
            ".3f2a91c04b.js",
            "a.3F2A91C04B.js",
            "a.3f2a91c04.js",
            "3f2a91c04b.js",
        ] {
            assert!(!super::has_content_hash(name), "{name}");
        }
    }

    use super::*;

    #[test]
    fn relative_links_between_pages() {
        let page = SitePath::page(["nl", "publicaties", "jaarplan"]);
        let other = SitePath::page(["nl", "programma", "klimaat"]);
        assert_eq!(other.relative_from(&page), "../../programma/klimaat/");
        assert_eq!(page.relative_from(&page), "./");
        assert_eq!(SitePath::root().relative_from(&page), "../../../");
        let parent = SitePath::page(["nl", "publicaties"]);
        assert_eq!(parent.relative_from(&page), "../");
        assert_eq!(page.relative_from(&parent), "jaarplan/");
        let css = SitePath::file("style.123.css").unwrap();
        assert_eq!(css.relative_from(&page), "../../../style.123.css");
        assert_eq!(css.relative_from(&SitePath::root()), "style.123.css");
        assert_eq!(
            page.relative_from(&SitePath::file("nl/atom.xml").unwrap()),
            "publicaties/jaarplan/"
        );
    }

    #[test]
    fn links_are_followed_and_rebased_onto_another_page() {
        let chapter = SitePath::page(["nl", "p", "hoofdstuk"]);
        assert_eq!(chapter.follow("../ander/").as_deref(), Some("nl/p/ander/"));
        assert_eq!(
            chapter.follow("../ander/index.html").as_deref(),
            Some("nl/p/ander/index.html")
        );
        assert_eq!(chapter.follow("./").as_deref(), Some("nl/p/hoofdstuk/"));
        assert_eq!(chapter.follow("").as_deref(), Some("nl/p/hoofdstuk/"));
        assert_eq!(chapter.follow("..").as_deref(), Some("nl/p/"));
        assert_eq!(
            chapter.follow("kaart.png").as_deref(),
            Some("nl/p/hoofdstuk/kaart.png")
        );
        assert_eq!(chapter.follow("../../../../x"), None, "above the root");
        assert_eq!(chapter.follow("https://example.org/"), None);
        assert_eq!(chapter.follow("mailto:a@b.be"), None);
        assert_eq!(chapter.follow("/nl/"), None);
        let view = SitePath::page(["nl", "p", "afdrukken"]);
        assert_eq!(
            view.link_to("nl/p/hoofdstuk/kaart.png"),
            "../hoofdstuk/kaart.png"
        );
        assert_eq!(view.link_to("nl/q/"), "../../q/");
        let landing = SitePath::page(["nl", "p"]);
        let followed = landing.follow("hoofdstuk/kaart.png").unwrap();
        assert_eq!(view.link_to(&followed), "../hoofdstuk/kaart.png");
    }

    #[test]
    fn output_files() {
        assert_eq!(SitePath::root().output_file(), "index.html");
        assert_eq!(SitePath::page(["en"]).output_file(), "en/index.html");
        assert_eq!(
            SitePath::file("sitemap.xml").unwrap().output_file(),
            "sitemap.xml"
        );
    }

    #[test]
    fn unsafe_files_are_refused() {
        assert!(SitePath::file("../x").is_none());
        assert!(SitePath::file("/etc/passwd").is_none());
        assert!(SitePath::file("a//b").is_none());
        assert!(SitePath::page(["nl"]).join_file("img/a.png").is_some());
        assert_eq!(SitePath::file("nl/a/b.bib").unwrap().file_name(), "b.bib");
        assert_eq!(SitePath::page(["nl", "a"]).file_name(), "a");
        assert_eq!(SitePath::root().file_name(), "");
    }

    #[test]
    fn uris_encode_what_an_iri_may_hold() {
        assert_eq!(
            uri("https://example.org/nl/съезд/a b/"),
            "https://example.org/nl/%D1%81%D1%8A%D0%B5%D0%B7%D0%B4/a%20b/"
        );
        assert_eq!(
            uri("https://example.org/nl/a%20b/?x=1#y"),
            "https://example.org/nl/a%20b/?x=1#y"
        );
    }

    #[test]
    fn file_links_name_the_index_file_of_pages() {
        let page = SitePath::page(["nl", "publicaties", "jaarplan"]);
        let parent = SitePath::page(["nl", "publicaties"]);
        let css = SitePath::file("style.123.css").unwrap();
        assert_eq!(parent.link_from(&page, LinkStyle::Files), "../index.html");
        assert_eq!(page.link_from(&page, LinkStyle::Files), "index.html");
        assert_eq!(
            SitePath::root().link_from(&page, LinkStyle::Files),
            "../../../index.html"
        );
        assert_eq!(
            css.link_from(&page, LinkStyle::Files),
            "../../../style.123.css"
        );
        assert_eq!(parent.link_from(&page, LinkStyle::Folders), "../");
    }
}
