//! Rebuilds while previewing: after every change of a series (bodies, front matter, new and removed
//! files, a broken link and its fix, an editor's temporary file, an asset), the folder the session
//! keeps up to date in place holds exactly what a whole build of the same sources writes.

mod common;

use std::fs;
use std::path::PathBuf;

use kennis::build::{BuildOptions, build};
use kennis::rebuild::{Rebuilt, Session};

struct Preview {
    site: common::Site,
    session: Session,
}

impl Preview {
    fn start() -> Preview {
        Preview::start_with(&[])
    }

    /// Starts on the fixture site with these files added.
    fn start_with(files: &[(&str, &str)]) -> Preview {
        let site = common::fixture();
        for (relative, text) in files {
            let path = site.root().join(relative);
            fs::create_dir_all(path.parent().expect("a folder")).expect("create the folder");
            fs::write(path, text).expect("write the file");
        }
        let (session, _) = Session::start(site.options(), &|_| {})
            .unwrap_or_else(|error| panic!("{}", kennis::error::render(&error)));
        Preview { site, session }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.site.root().join(relative)
    }

    /// Changes the file, rebuilds as the preview does (the search indexes after the pages) and
    /// checks the folder against a whole build.
    fn change(&mut self, relative: &str, edit: impl FnOnce(&str) -> String) -> Rebuilt {
        let path = self.path(relative);
        let before = fs::read_to_string(&path).unwrap_or_default();
        fs::write(&path, edit(&before)).expect("write the change");
        self.rebuild_ok(relative)
    }

    fn rebuild_ok(&mut self, relative: &str) -> Rebuilt {
        let rebuilt = self
            .session
            .rebuild([self.path(relative)])
            .unwrap_or_else(|error| panic!("{}", kennis::error::render(&error)));
        let pages_changed = self
            .session
            .update_search()
            .unwrap_or_else(|error| panic!("{}", kennis::error::render(&error)));
        assert!(
            !pages_changed,
            "pages name the search files by names that do not change with the index"
        );
        self.assert_as_whole_build();
        rebuilt
    }

    fn assert_as_whole_build(&self) {
        let whole = self.site.root().join("whole");
        let options = BuildOptions {
            output: whole.clone(),
            ..self.site.options()
        };
        build(&options, &|_| {})
            .unwrap_or_else(|error| panic!("{}", kennis::error::render(&error)));
        let expected = common::files_below(&whole);
        let found = common::files_below(&self.site.output());
        let names = |files: &std::collections::BTreeMap<String, Vec<u8>>| {
            files.keys().cloned().collect::<Vec<_>>()
        };
        assert_eq!(names(&found), names(&expected), "the same files");
        for (name, bytes) in &expected {
            assert!(found[name] == *bytes, "{name} differs from a whole build's");
        }
        assert_no_empty_folders(&self.site.output());
    }
}

fn assert_no_empty_folders(folder: &std::path::Path) {
    for entry in walkdir::WalkDir::new(folder) {
        let entry = entry.expect("readable output");
        if entry.file_type().is_dir() {
            let mut inside = fs::read_dir(entry.path()).expect("readable folder");
            assert!(
                inside.next().is_some(),
                "{} is empty",
                entry.path().display()
            );
        }
    }
}

#[test]
fn a_series_of_rebuilds_writes_what_a_whole_build_writes() {
    let mut preview = Preview::start();
    let chapter = "content/publicaties/rapport/klimaat.md";

    let body = preview.change(chapter, |text| {
        format!("{text}\n## Nieuwe paragraaf {{#nieuw}}\n\nMeer over hittestress.\n")
    });
    assert!(
        body.full.is_none(),
        "a body edit renders only what reads it"
    );
    assert_eq!(body.documents, 1);
    assert!(
        (1..10).contains(&body.files_changed),
        "the page and the publication's print view, not the site: {}",
        body.files_changed
    );

    let link = preview.change("content/over-ons.md", |text| {
        format!("{text}\nZie [het nieuwe stuk](@/publicaties/rapport/klimaat.md#nieuw).\n")
    });
    assert!(
        link.full.is_none(),
        "a new link to an anchor is a body edit"
    );

    let landing = preview.change("content/publicaties/rapport/_index.md", |text| {
        text.replace("twee hoofdstukken", "twee korte hoofdstukken")
    });
    assert!(landing.full.is_none());

    preview.change("content/publicaties/rapport/nieuw.md", |_| {
        "+++\ntitle = \"Een nieuwe pagina\"\nweight = 30\n+++\nTekst.\n".to_owned()
    });
    fs::remove_file(preview.path("content/publicaties/rapport/nieuw.md")).expect("remove");
    let removed = preview.rebuild_ok("content/publicaties/rapport/nieuw.md");
    assert!(removed.full.is_some());

    let temporary = "content/publicaties/rapport/.klimaat.md.swp";
    fs::write(preview.path(temporary), "swap").expect("write");
    let nothing = preview.rebuild_ok(temporary);
    assert_eq!((nothing.documents, nothing.files_changed), (0, 0));
    fs::remove_file(preview.path(temporary)).expect("remove");

    preview.change("content/publicaties/bundel/bijlage.txt", |text| {
        format!("{text}\nnog een regel\n")
    });

    // The landing page adds up its chapters' reading times: it reads their bodies, and a longer
    // chapter renders it again.
    let longer = preview.change(chapter, |text| {
        format!("{text}\n{}\n", "woord ".repeat(600))
    });
    assert!(longer.full.is_none());
    let landing = preview
        .site
        .read_output("nl/publicaties/rapport/index.html");
    assert!(landing.contains("minuten leestijd</span>"), "{landing}");
}

/// Each front-matter edit is rendered in place: the parts of the site that read the front matter,
/// the listings of its terms, its neighbours, the feeds and the sitemap. The folder is compared with
/// a whole build after each one.
#[test]
fn front_matter_edits_render_what_reads_them_and_write_what_a_whole_build_writes() {
    let mut preview = Preview::start();
    let data = "content/publicaties/rapport/data.md";
    let in_place = |rebuilt: &Rebuilt, what: &str| {
        assert!(rebuilt.full.is_none(), "{what}: rendered in place");
        assert_eq!(rebuilt.documents, 1, "{what}");
    };

    let title = preview.change(data, |text| {
        text.replacen("title = \"Data\"", "title = \"Open data\"", 1)
    });
    in_place(&title, "a title");
    let landing = preview
        .site
        .read_output("nl/publicaties/rapport/index.html");
    assert!(landing.contains("Open data"), "the chapter list: {landing}");

    // The chapter moves before `klimaat`: both pages get other neighbours.
    let weight = preview.change(data, |text| text.replacen("weight = 20", "weight = 5", 1));
    in_place(&weight, "a weight");

    let date = preview.change(data, |text| {
        text.replacen("date = 2025-06-01", "date = 2024-03-15", 1)
    });
    in_place(&date, "a date (and the year facet)");

    let description = preview.change(data, |text| {
        text.replacen(
            "weight = 5",
            "weight = 5\ndescription = \"Welke data steden delen.\"",
            1,
        )
    });
    in_place(&description, "a description");

    // A term the site already has: its pages list the chapter now and its counts change.
    let term = preview.change(data, |text| {
        text.replacen(
            "programma = [\"digitale-transitie\"]",
            "programma = [\"digitale-transitie\", \"klimaat\"]\nstad = [\"gent\"]",
            1,
        )
    });
    in_place(&term, "terms the site has");

    // The menu shows every home section's title on every page.
    let section = preview.change("content/publicaties/_index.md", |text| {
        text.replacen("title = \"Publicaties\"", "title = \"Alle publicaties\"", 1)
    });
    in_place(&section, "a home section's title");
    assert!(
        preview
            .site
            .read_output("nl/over-ons/index.html")
            .contains("Alle publicaties"),
        "the menu of a page elsewhere"
    );

    // Dropping `gent` from both language versions of `klimaat` leaves it on `data` alone, the last
    // one on the Dutch side; then `data` drops it too and the term's pages go.
    let klimaat_nl = "content/publicaties/rapport/klimaat.md";
    let klimaat_en = "content/publicaties/rapport/klimaat.en.md";
    let no_gent = |text: &str| text.replacen("stad = [\"gent\"]\n", "", 1);
    in_place(
        &preview.change(klimaat_nl, no_gent),
        "a term others carry too",
    );
    in_place(
        &preview.change(klimaat_en, no_gent),
        "a term others carry too",
    );
    assert!(preview.site.output().join("nl/stad/gent").is_dir());
    let last = preview.change(data, no_gent);
    assert!(
        last.full.is_some(),
        "a term's last document takes its pages along"
    );
    assert!(!preview.site.output().join("nl/stad/gent").exists());

    let slug = preview.change(data, |text| {
        text.replacen("weight = 5", "weight = 5\nslug = \"gegevens\"", 1)
    });
    assert!(
        slug.full.is_some(),
        "a slug moves the page and every link to it"
    );
    assert!(
        preview
            .site
            .output()
            .join("nl/publicaties/rapport/gegevens")
            .is_dir()
    );
}

/// Pages in a section that is no publication list no siblings, so that a page whose neighbour
/// becomes another did not read the one it gets.
#[test]
fn a_page_that_moves_gives_its_new_neighbours_new_links() {
    let page = |title: &str, weight: u32| {
        format!("+++\ntitle = \"{title}\"\nweight = {weight}\n+++\nTekst.\n")
    };
    let (first, second, third) = (page("Eerste", 1), page("Tweede", 2), page("Derde", 3));
    let mut preview = Preview::start_with(&[
        ("content/nieuws/_index.md", "+++\ntitle = \"Nieuws\"\n+++\n"),
        ("content/nieuws/eerste.md", &first),
        ("content/nieuws/tweede.md", &second),
        ("content/nieuws/derde.md", &third),
    ]);
    let moved = preview.change("content/nieuws/derde.md", |text| {
        text.replacen("weight = 3", "weight = 0", 1)
    });
    assert!(moved.full.is_none(), "rendered in place");
    let second = preview.site.read_output("nl/nieuws/tweede/index.html");
    assert!(
        second.contains("Eerste") && !second.contains("Derde"),
        "{second}"
    );
}

#[test]
fn a_broken_body_keeps_the_last_good_site_until_it_is_fixed() {
    let mut preview = Preview::start();
    let chapter = "content/publicaties/rapport/klimaat.md";
    let good = common::files_below(&preview.site.output());
    let original = fs::read_to_string(preview.path(chapter)).expect("read");

    fs::write(
        preview.path(chapter),
        format!("{original}\nZie [dit](@/publicaties/rapport/data.md#bestaat-niet).\n"),
    )
    .expect("write");
    let error = preview
        .session
        .rebuild([preview.path(chapter)])
        .expect_err("a link to a missing anchor stops the rebuild");
    let message = kennis::error::render_plain(&error);
    assert!(message.contains("#bestaat-niet"), "{message}");
    assert!(message.contains("klimaat.md"), "{message}");
    assert_eq!(
        common::files_below(&preview.site.output()),
        good,
        "the last good site is untouched"
    );

    // Another file changes meanwhile; the broken one is still part of the next rebuild.
    fs::write(preview.path(chapter), format!("{original}\nGerepareerd.\n")).expect("write");
    let fixed = preview.rebuild_ok("content/over-ons.md");
    assert!(fixed.full.is_none());
    assert_eq!(fixed.documents, 1, "the fixed chapter is rendered again");
    assert!(
        preview
            .site
            .read_output("nl/publicaties/rapport/klimaat/index.html")
            .contains("Gerepareerd."),
    );
}
