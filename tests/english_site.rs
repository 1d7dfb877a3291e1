//! The real site in both languages: every document has its translation, so no page carries the note
//! for a missing one, every language switch leads to the exact counterpart, the sitemap pairs every
//! page, both Atom feeds list the same number of entries, and English pages speak English.

use std::fs;
use std::path::{Path, PathBuf};

use kennis::build::{BuildOptions, build};

struct RealSite {
    dir: tempfile::TempDir,
}

impl RealSite {
    fn build() -> RealSite {
        let dir = tempfile::tempdir().expect("temporary folder");
        let options = BuildOptions {
            root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            output: dir.path().join("public"),
            base_url: None,
            drafts: false,
            offline: false,
            archive: None,
        };
        let report = build(&options, &|_| {})
            .unwrap_or_else(|error| panic!("{}", kennis::error::render(&error)));
        let counts: Vec<usize> = report
            .documents_per_language
            .iter()
            .map(|(_, count)| *count)
            .collect();
        assert_eq!(counts.len(), 2, "{:?}", report.documents_per_language);
        assert_eq!(counts[0], counts[1], "{:?}", report.documents_per_language);
        RealSite { dir }
    }

    fn output(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.output().join(relative))
            .unwrap_or_else(|error| panic!("{relative}: {error}"))
    }

    /// Every HTML page under a language prefix, relative to the output folder.
    fn pages(&self, lang: &str) -> Vec<String> {
        let mut pages: Vec<String> = walkdir::WalkDir::new(self.output().join(lang))
            .into_iter()
            .map(|entry| entry.expect("readable output").into_path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "html"))
            .map(|path| relative(&self.output(), &path))
            .collect();
        pages.sort();
        pages
    }
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .expect("inside the output")
        .to_string_lossy()
        .into_owned()
}

fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

#[test]
fn every_page_has_its_counterpart_and_says_so_in_both_languages() {
    let site = RealSite::build();
    let mut problems = Vec::new();
    for lang in ["nl", "en"] {
        for page in site.pages(lang) {
            let html = site.read(&page);
            if html.contains("translation-note") || html.contains("language-switcher__fallback") {
                problems.push(format!("{page}: marked as untranslated"));
            }
            if !html.contains(&format!("<html lang=\"{lang}\">")) {
                problems.push(format!("{page}: not marked as {lang}"));
            }
            let other = if lang == "nl" { "en" } else { "nl" };
            if !html.contains(&format!("hreflang=\"{other}\" href=")) {
                problems.push(format!("{page}: no alternate in {other}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_language_switch_leads_to_the_exact_counterpart() {
    let site = RealSite::build();
    let dutch = site.read("nl/publicaties/klimaatgovernance/maturiteit/index.html");
    assert!(
        dutch.contains(
            r#"<a href="../../../../en/publications/climate-governance/maturity/" hreflang="en" lang="en">English</a>"#
        ),
        "{dutch}"
    );
    let english = site.read("en/publications/climate-governance/maturity/index.html");
    assert!(
        english.contains(
            r#"<a href="../../../../nl/publicaties/klimaatgovernance/maturiteit/" hreflang="nl" lang="nl">"#
        ),
        "{english}"
    );
}

#[test]
fn the_sitemap_pairs_every_page_and_both_feeds_list_every_document() {
    let site = RealSite::build();
    let sitemap = site.read("sitemap.xml");
    let urls: Vec<&str> = sitemap.split("<url>").skip(1).collect();
    assert!(urls.len() > 200, "{} URLs", urls.len());
    for url in &urls {
        for hreflang in ["nl", "en", "x-default"] {
            assert!(
                url.contains(&format!("hreflang=\"{hreflang}\"")),
                "no {hreflang} alternate in {url}"
            );
        }
    }
    let dutch_feed = site.read("nl/atom.xml");
    let english_feed = site.read("en/atom.xml");
    assert!(count(&english_feed, "<entry>") > 50, "{english_feed}");
    assert_eq!(
        count(&dutch_feed, "<entry>"),
        count(&english_feed, "<entry>")
    );
    assert!(english_feed.contains("/en/publications/climate-governance/"));
    assert!(
        !english_feed.contains("/nl/"),
        "the English feed lists Dutch pages"
    );
}

#[test]
fn english_pages_have_english_titles_dates_and_labels() {
    let site = RealSite::build();
    let listing = site.read("en/publications/index.html");
    for english in [
        "Climate Governance",
        "Annual Plan 2025",
        "24 October 2023",
        "Research report",
    ] {
        assert!(
            listing.contains(english),
            "{english} missing from the listing"
        );
    }
    for dutch in ["Klimaatgovernance</a>", "oktober", "Jaarplan Kenniscentrum"] {
        assert!(!listing.contains(dutch), "{dutch} on the English listing");
    }
    let chapter = site.read("en/publications/annual-plan-2025/climate/index.html");
    assert!(chapter.contains("<h1"), "{chapter}");
    assert!(chapter.contains("Climate governance"));
    assert!(chapter.contains("1 January 2025"));
}
