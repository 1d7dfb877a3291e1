//! Building a small bilingual fixture site: URLs, translations, taxonomies, links, assets and the
//! site-wide files.

mod common;

use common::fixture;

#[test]
fn every_language_has_its_prefix_and_localised_slugs() {
    let site = fixture();
    let report = site.build_ok();
    assert_eq!(
        report.documents_per_language,
        [("nl".to_owned(), 8), ("en".to_owned(), 7)]
    );
    for page in [
        "nl/index.html",
        "en/index.html",
        "nl/publicaties/index.html",
        "en/publications/index.html",
        "nl/publicaties/rapport/klimaat/index.html",
        "en/publications/report/climate/index.html",
        "nl/over-ons/index.html",
        "en/about/index.html",
        "nl/programma/klimaat/index.html",
        "en/programme/climate/index.html",
        "en/city/ghent/index.html",
        "nl/programma/index.html",
    ] {
        assert!(site.output().join(page).is_file(), "{page} is missing");
    }
}

#[test]
fn drafts_are_built_only_when_asked() {
    let site = fixture();
    site.build_ok();
    assert!(
        !site
            .output()
            .join("nl/publicaties/rapport/concept/index.html")
            .exists()
    );
    let mut options = site.options();
    options.drafts = true;
    kennis::build::build(&options, &|_| {}).expect("builds with drafts");
    assert!(
        site.output()
            .join("nl/publicaties/rapport/concept/index.html")
            .is_file()
    );
}

#[test]
fn internal_links_resolve_in_the_page_language() {
    let site = fixture();
    site.build_ok();
    let dutch = site.read_output("nl/publicaties/rapport/klimaat/index.html");
    assert!(
        dutch.contains(r#"<a href="../data/#vraag-1">het hoofdstuk over data</a>"#),
        "{dutch}"
    );
    let english = site.read_output("en/publications/report/climate/index.html");
    assert!(
        english.contains(r#"<a href="../data/#vraag-1">the data chapter</a>"#),
        "{english}"
    );
}

#[test]
fn translation_keys_pair_files_at_different_paths() {
    let site = fixture();
    site.build_ok();
    let dutch = site.read_output("nl/over-ons/index.html");
    assert!(
        dutch.contains(r#"<a href="../../en/about/" hreflang="en" lang="en">English</a>"#),
        "{dutch}"
    );
    assert!(dutch.contains(
        r#"<link rel="alternate" hreflang="en" href="https://example.org/kennis/en/about/">"#
    ));
}

#[test]
fn untranslated_pages_lead_to_the_nearest_translated_section_and_say_why() {
    let site = fixture();
    site.build_ok();
    let page = site.read_output("nl/publicaties/rapport/alleen-nl/index.html");
    assert!(
        page.contains(
            r#"<a class="language-switcher__fallback" href="../../../../en/publications/report/""#
        ),
        "the switcher leads to the English section: {page}"
    );
    assert!(
        page.contains("This page is not available in English yet."),
        "{page}"
    );
    assert!(page.contains("“Report on climate”"), "{page}");
    let english_section = site.read_output("en/publications/report/index.html");
    assert!(
        english_section.contains(r#"<li lang="nl">"#)
            && english_section.contains(r#"hreflang="nl">Alleen in het Nederlands</a>"#),
        "the English listing shows the Dutch page, marked: {english_section}"
    );
    assert!(english_section.contains(r#"<span class="language-badge" lang="en""#));
    for translated in [
        "nl/publicaties/rapport/klimaat/index.html",
        "en/publications/report/climate/index.html",
    ] {
        let page = site.read_output(translated);
        assert!(
            !page.contains("translation-note") && !page.contains("language-switcher__fallback"),
            "{translated} has its translation and needs no note: {page}"
        );
    }
}

#[test]
fn page_bundles_copy_their_files_beside_every_language_version() {
    let site = fixture();
    site.build_ok();
    assert_eq!(
        site.read_output("nl/publicaties/bundel/bijlage.txt"),
        "Een bijlage.\n"
    );
    assert_eq!(
        site.read_output("en/publications/bundle/bijlage.txt"),
        "Een bijlage.\n"
    );
    let english = site.read_output("en/publications/bundle/index.html");
    assert!(
        english.contains(r#"<a href="bijlage.txt">attachment</a>"#),
        "{english}"
    );
}

#[test]
fn taxonomy_pages_use_translated_labels() {
    let site = fixture();
    site.build_ok();
    let term = site.read_output("en/programme/climate/index.html");
    assert!(term.contains("<h1>Climate</h1>"), "{term}");
    assert!(term.contains("Report on climate"), "{term}");
    assert!(
        term.contains("Alleen in het Nederlands"),
        "untranslated pages are listed, marked: {term}"
    );
    let list = site.read_output("nl/programma/index.html");
    assert!(list.contains(r#"<a href="klimaat/">Klimaat</a>"#), "{list}");
    assert!(
        list.contains(r#"<a href="digitale-transitie/">Digitale transitie</a>"#),
        "{list}"
    );
}

#[test]
fn counts_take_the_plural_form_of_their_language() {
    let site = fixture();
    site.build_ok();
    let count_of = |path: &str| {
        let page = site.read_output(path);
        let before = "document-header__meta\"><span>";
        let start = page.find(before).expect("the count") + before.len();
        page[start..start + page[start..].find("</span>").expect("its end")].to_owned()
    };
    assert_eq!(count_of("nl/stad/gent/index.html"), "1 resultaat");
    assert_eq!(count_of("en/city/ghent/index.html"), "1 result");
    assert_eq!(count_of("nl/programma/klimaat/index.html"), "3 resultaten");
    assert_eq!(count_of("en/programme/climate/index.html"), "3 results");
    let page = site.read_output("nl/publicaties/rapport/klimaat/index.html");
    assert!(page.contains("<span>1 minuut leestijd</span>"), "{page}");
    let page = site.read_output("en/publications/report/climate/index.html");
    assert!(page.contains("<span>1 minute of reading</span>"), "{page}");
}

#[test]
fn every_page_head_lists_its_language_versions() {
    let site = fixture();
    site.build_ok();
    let page = site.read_output("en/publications/report/climate/index.html");
    for alternate in [
        r#"<link rel="alternate" hreflang="nl" href="https://example.org/kennis/nl/publicaties/rapport/klimaat/">"#,
        r#"<link rel="alternate" hreflang="en" href="https://example.org/kennis/en/publications/report/climate/">"#,
        r#"<link rel="alternate" hreflang="x-default" href="https://example.org/kennis/nl/publicaties/rapport/klimaat/">"#,
        r#"<link rel="canonical" href="https://example.org/kennis/en/publications/report/climate/">"#,
    ] {
        assert!(page.contains(alternate), "missing {alternate}");
    }
    assert!(page.contains(r#"<html lang="en">"#));
}

#[test]
fn a_site_overrides_the_built_in_sitemap_feed_and_robots_templates() {
    let site = fixture();
    site.write(
        "templates/robots.txt",
        "User-agent: *\nDisallow: /nl/zoeken/\nSitemap: {{ sitemap }}\n",
    );
    site.write(
        "templates/atom.xml",
        "<feed lang=\"{{ lang }}\">{% for entry in entries %}<e>{{ entry.title }}</e>{% endfor %}</feed>\n",
    );
    site.write(
        "templates/sitemap.xml",
        "{% for page in pages %}{{ page.loc }} {{ page.alternates | length }}\n{% endfor %}",
    );
    site.build_ok();
    assert_eq!(
        site.read_output("robots.txt"),
        "User-agent: *\nDisallow: /nl/zoeken/\nSitemap: https://example.org/kennis/sitemap.xml\n"
    );
    let feed = site.read_output("en/atom.xml");
    assert!(
        feed.starts_with("<feed lang=\"en\"><e>") && feed.contains("<e>Climate in Ghent</e>"),
        "{feed}"
    );
    let sitemap = site.read_output("sitemap.xml");
    assert!(
        sitemap.contains("https://example.org/kennis/en/publications/report/climate/ 3\n"),
        "two languages and x-default: {sitemap}"
    );
}

#[test]
fn a_broken_feed_template_names_its_file_and_line() {
    let site = fixture();
    site.write(
        "templates/atom.xml",
        "<feed>\n{{ entries | nosuchfilter }}\n</feed>\n",
    );
    let error = site.build().expect_err("an unknown filter fails the build");
    let shown = kennis::error::render(&error);
    assert!(
        shown.contains("atom.xml") && shown.contains(":2"),
        "{shown}"
    );
}

#[test]
fn headings_leave_the_theme_its_own_ids() {
    let site = fixture();
    site.write(
        "content/kader.md",
        "+++\ntitle = \"Kader\"\n+++\n## Main\n\nTekst.\n\n## Toc title\n\nMeer.\n",
    );
    site.build_ok();
    let page = site.read_output("nl/kader/index.html");
    for id in ["main", "toc-title"] {
        assert_eq!(
            page.matches(&format!("id=\"{id}\"")).count(),
            1,
            "only the theme's element has id {id}"
        );
        assert!(page.contains(&format!("id=\"{id}-1\"")), "{page}");
    }
}

#[test]
fn a_template_error_is_reported_the_same_on_every_run() {
    let site = fixture();
    let page =
        std::fs::read_to_string(site.root().join("themes/kenniscentrum/templates/page.html"))
            .expect("the theme has page.html");
    site.write(
        "templates/page.html",
        &page.replace(
            "{% block document %}",
            "{% block document %}{{ page.extra.no_such_key.deeper }}",
        ),
    );
    let messages: std::collections::BTreeSet<String> = (0..6)
        .map(|_| kennis::error::render(&site.build().expect_err("the template fails")))
        .collect();
    assert_eq!(messages.len(), 1, "{messages:#?}");
}

#[test]
fn sitemap_feeds_robots_and_404() {
    let site = fixture();
    site.build_ok();
    let sitemap = site.read_output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/kennis/en/publications/report/climate/</loc>")
    );
    assert!(sitemap.contains(
        r#"<xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/kennis/nl/publicaties/rapport/klimaat/"/>"#
    ));
    assert!(sitemap.contains("<lastmod>2025-06-01</lastmod>"));
    let untranslated = sitemap
        .split("<url>")
        .find(|entry| entry.contains("alleen-nl/</loc>"))
        .expect("untranslated page in sitemap");
    assert!(
        !untranslated.contains("xhtml:link"),
        "a page without translations has no alternates"
    );

    let feed = site.read_output("en/atom.xml");
    assert!(feed.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">"#));
    assert!(feed.contains("<title>Climate in Ghent</title>"));
    assert!(
        !feed.contains("Klimaat in Gent"),
        "the English feed holds English entries only"
    );
    assert!(
        site.read_output("nl/atom.xml")
            .contains("<updated>2025-06-02T00:00:00Z</updated>")
    );

    assert!(
        site.read_output("robots.txt")
            .contains("Sitemap: https://example.org/kennis/sitemap.xml")
    );
    let not_found = site.read_output("404.html");
    // Served in place of /a/b/c/missing on any host: links start at the root, through the base path.
    assert!(
        not_found.contains(r#"href="/kennis/en/""#),
        "404 links go through the base path: {not_found}"
    );
    assert!(
        regex::Regex::new(r#"<link rel="stylesheet" href="/kennis/css/site\.[0-9a-f]{10}\.css">"#)
            .expect("pattern")
            .is_match(&not_found),
        "{not_found}"
    );
    assert!(
        !not_found.contains(r#"<a href="https://"#)
            && !not_found.contains(r#"<link rel="stylesheet" href="https://"#)
            && !not_found.contains(r#"src="https://"#)
            && !not_found.contains(r#"action="https://"#),
        "no absolute links: {not_found}"
    );
    assert_eq!(not_found.matches("<h1").count(), 1, "{not_found}");
    assert!(not_found.contains("Page not found") && not_found.contains("Pagina niet gevonden"));
}

#[test]
fn the_root_sends_readers_to_their_language_and_works_without_javascript() {
    let site = fixture();
    site.build_ok();
    let root = site.read_output("index.html");
    assert!(
        root.contains(r#"<a href="nl/" hreflang="nl" data-language="nl">"#),
        "{root}"
    );
    assert!(
        root.contains(r#"<a href="en/" hreflang="en" data-language="en">"#),
        "{root}"
    );
    let script = regex_capture(
        &root,
        r#"<script src="(js/language\.[0-9a-f]{10}\.js)"></script>"#,
    );
    assert!(site.output().join(script).is_file());
}

#[test]
fn base_url_paths_and_overrides_are_honoured() {
    let site = fixture();
    let mut options = site.options();
    options.base_url = Some("https://preview.example.net/pr-12".to_owned());
    kennis::build::build(&options, &|_| {}).expect("builds");
    let page = site.read_output("nl/index.html");
    assert!(
        page.contains(r#"<link rel="canonical" href="https://preview.example.net/pr-12/nl/">"#),
        "{page}"
    );
    assert!(
        site.read_output("404.html")
            .contains(r#"href="/pr-12/css/site."#)
    );
}

#[test]
fn stylesheets_get_content_hashed_names() {
    let site = fixture();
    site.build_ok();
    let page = site.read_output("nl/publicaties/index.html");
    let css = regex_capture(
        &page,
        r#"<link rel="stylesheet" href="\.\./\.\./(css/site\.[0-9a-f]{10}\.css)">"#,
    );
    assert!(site.output().join(css).is_file());
    let syntax = regex_capture(
        &page,
        r#"href="\.\./\.\./(css/syntax-dark\.[0-9a-f]{10}\.css)""#,
    );
    assert!(site.read_output(&syntax).contains(".hl-"));
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = fixture();
    site.build_ok();
    let first = site.snapshot_output();
    site.build_ok();
    let second = site.snapshot_output();
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between builds");
    }
}

#[test]
fn chapters_link_to_their_neighbours_in_the_same_language() {
    let site = fixture();
    site.build_ok();
    let dutch = site.read_output("nl/publicaties/rapport/data/index.html");
    assert!(
        dutch.contains(r#"<a class="pager__previous" href="../klimaat/" rel="prev">"#),
        "{dutch}"
    );
    assert!(
        dutch.contains(r#"<a class="pager__next" href="../alleen-nl/" rel="next">"#),
        "{dutch}"
    );
    let english = site.read_output("en/publications/report/data/index.html");
    assert!(
        english.contains(r#"href="../climate/" rel="prev""#),
        "{english}"
    );
    assert!(
        !english.contains("rel=\"next\""),
        "no English page follows: {english}"
    );
}

#[test]
fn dates_are_written_per_locale() {
    let site = fixture();
    site.build_ok();
    assert!(
        site.read_output("nl/publicaties/rapport/klimaat/index.html")
            .contains(">1 juni 2025</time>")
    );
    assert!(
        site.read_output("en/publications/report/climate/index.html")
            .contains(">1 June 2025</time>")
    );
}

#[test]
fn site_templates_and_static_files_override_the_theme() {
    let site = fixture();
    site.write(
        "templates/taxonomy_list.html",
        "<p>eigen lijst {{ taxonomy.title }} {{ site.extra.motto }}</p>",
    );
    site.write("static/robots-extra.txt", "eigen bestand");
    site.build_ok();
    assert_eq!(
        site.read_output("en/programme/index.html"),
        "<p>eigen lijst Programmes testen</p>"
    );
    assert_eq!(site.read_output("robots-extra.txt"), "eigen bestand");
}

#[test]
fn a_missing_ui_string_falls_back_to_the_default_language_with_a_warning() {
    let site = fixture();
    let path = "themes/kenniscentrum/i18n/en.toml";
    let strings = std::fs::read_to_string(site.root().join(path)).expect("strings");
    let without: String = strings
        .lines()
        .filter(|line| !line.starts_with("previous ="))
        .map(|line| format!("{line}\n"))
        .collect();
    site.write(path, &without);
    let report = site.build_ok();
    assert_eq!(
        report.warnings,
        ["themes/kenniscentrum/i18n/en.toml: no text for `previous`; it falls back to `nl`"]
    );
    let english = site.read_output("en/publications/report/data/index.html");
    assert!(
        english.contains(r#"<span class="pager__label">Vorige</span>"#),
        "{english}"
    );
}

fn regex_capture(text: &str, pattern: &str) -> String {
    let regex = regex::Regex::new(pattern).expect("valid pattern");
    let captures = regex
        .captures(text)
        .unwrap_or_else(|| panic!("no match for {pattern}"));
    captures[1].to_owned()
}

#[test]
fn the_engine_names_no_folder_of_the_machine_it_was_built_on() {
    let site = fixture();
    site.build_ok();
    let engine = std::fs::read_dir(site.output().join("search"))
        .expect("the search folder")
        .flatten()
        .map(|entry| entry.path())
        .find(|path| {
            path.extension()
                .is_some_and(|extension| extension == "wasm")
        })
        .expect("the engine is published");
    let bytes = std::fs::read(&engine).expect("the engine");
    let contains = |needle: &str| {
        bytes
            .windows(needle.len())
            .any(|window| window == needle.as_bytes())
    };
    let checkout = env!("CARGO_MANIFEST_DIR");
    assert!(
        !contains(checkout),
        "the engine names this checkout, {checkout}"
    );
    assert!(
        !contains("/.cargo/registry"),
        "the engine names cargo's home folder"
    );
    assert!(
        contains("/cargo/registry"),
        "panic locations are remapped, not lost"
    );
}

#[test]
fn a_publication_home_sums_its_chapters_and_each_chapter_knows_its_place() {
    let site = fixture();
    let words = |count: usize| "woord ".repeat(count);
    site.write(
        "content/publicaties/lang/_index.md",
        "+++\ntitle = \"Lang rapport\"\ndate = 2025-01-01\ndescription = \"Een samenvatting.\"\n[taxonomies]\ntype = [\"rapport\"]\n+++\n",
    );
    for (weight, (slug, count)) in [("een", 450), ("twee", 200), ("drie", 10)]
        .iter()
        .enumerate()
    {
        site.write(
            &format!("content/publicaties/lang/{slug}.md"),
            &format!(
                "+++\ntitle = \"{slug}\"\nweight = {weight}\n+++\n{}\n",
                words(*count)
            ),
        );
    }
    site.build_ok();
    let landing = site.read_output("nl/publicaties/lang/index.html");
    // 3 + 1 + 1 minutes: the chapters', not the landing page's empty body.
    assert!(
        landing.contains("<span>5 minuten leestijd</span>"),
        "{landing}"
    );
    assert!(landing.contains("<span>3 hoofdstukken</span>"), "{landing}");
    assert!(
        landing.contains(r#"<p class="document-header__lead">Een samenvatting.</p>"#),
        "{landing}"
    );
    assert!(
        landing.contains(r#"<span class="chapters__time" lang="nl">3 min.</span>"#),
        "{landing}"
    );
    for action in [
        r#"href="een/">Begin met lezen</a>"#,
        r##"href="#cite-title">Citeren</a>"##,
    ] {
        assert!(landing.contains(action), "{action} in {landing}");
    }
    assert!(landing.contains(r#"href="print/""#), "{landing}");

    let chapter = site.read_output("nl/publicaties/lang/twee/index.html");
    assert!(
        chapter.contains(">Hoofdstuk 2 van 3</summary>"),
        "{chapter}"
    );
    assert!(
        chapter.contains(r#"<a href="./" aria-current="page">twee</a>"#),
        "{chapter}"
    );
    assert!(
        chapter.contains(r#"<a href="../">Lang rapport</a>"#),
        "{chapter}"
    );
    // A page outside every publication has no chapter list.
    let page = site.read_output("nl/over-ons/index.html");
    assert!(!page.contains("chapter-list"), "{page}");
}

#[test]
fn term_pages_group_chapters_by_publication_and_name_one_term_in_the_singular() {
    let site = fixture();
    let config = std::fs::read_to_string(site.root().join("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        &config.replace(
            "title = { nl = \"Programma's\", en = \"Programmes\" }\n",
            "title = { nl = \"Programma's\", en = \"Programmes\" }\nsingular = { nl = \"Programma\", en = \"Programme\" }\n",
        ),
    );
    site.write(
        "content/los.md",
        "+++\ntitle = \"Losse pagina\"\n[taxonomies]\nprogramma = [\"klimaat\"]\n+++\nTekst.\n",
    );
    site.build_ok();
    let term = site.read_output("nl/programma/klimaat/index.html");
    assert!(
        term.contains(r#"<p class="document-header__type">Programma</p>"#),
        "{term}"
    );
    assert!(term.contains("<span>1 publicatie</span>"), "{term}");
    let publication = term
        .find(r#"<a href="../../publicaties/rapport/">Rapport over klimaat</a></h2>"#)
        .expect("the publication heads its group");
    let chapter = term.find(">Klimaat in Gent</a>").expect("a chapter of it");
    let others = term
        .find(">Andere pagina&#39;s</h2>")
        .unwrap_or_else(|| panic!("pages of no publication: {term}"));
    let loose = term.find(">Losse pagina</a>").expect("the loose page");
    assert!(
        publication < chapter && chapter < others && others < loose,
        "{term}"
    );
    // The landing page heads its group and is not listed again below it.
    assert_eq!(
        term.matches(">Rapport over klimaat</a>").count(),
        1,
        "{term}"
    );

    let chapter_page = site.read_output("nl/publicaties/rapport/klimaat/index.html");
    assert!(
        chapter_page.contains("<dt>Programma</dt>"),
        "{chapter_page}"
    );
}

#[test]
fn footer_links_from_site_toml_lead_to_pages_in_the_readers_language() {
    let site = fixture();
    let config = std::fs::read_to_string(site.root().join("site.toml")).expect("site.toml");
    let with_footer = |page: &str| {
        format!(
            "{config}\n[[footer.links]]\ntitle = {{ nl = \"Over ons\", en = \"About\" }}\npage = \"{page}\"\n\n\
             [[footer.links]]\ntitle = {{ nl = \"Schrijf ons\", en = \"Write to us\" }}\nurl = \"mailto:info@example.org\"\n"
        )
    };
    site.write("site.toml", &with_footer("@/over-ons.md"));
    site.build_ok();
    let dutch = site.read_output("nl/publicaties/index.html");
    assert!(
        dutch.contains(r#"<li><a href="../over-ons/">Over ons</a></li>"#),
        "{dutch}"
    );
    let english = site.read_output("en/publications/index.html");
    assert!(
        english.contains(r#"<li><a href="../about/">About</a></li>"#),
        "{english}"
    );
    assert!(
        english.contains(r#"<li><a href="mailto:info@example.org">Write to us</a></li>"#),
        "{english}"
    );
    let not_found = site.read_output("404.html");
    assert!(
        not_found.contains(r#"<a href="/kennis/nl/over-ons/">Over ons</a>"#),
        "{not_found}"
    );

    site.write("site.toml", &with_footer("@/over-on.md"));
    let shown = kennis::error::render(&site.build().expect_err("a missing page fails the build"));
    let line = with_footer("@/over-on.md")
        .lines()
        .position(|line| line == "[[footer.links]]")
        .expect("the link")
        + 1;
    assert!(shown.contains(&format!("site.toml:{line}")), "{shown}");
    assert!(
        shown.contains("`@/over-on.md` names no file") && shown.contains("over-ons.md"),
        "{shown}"
    );
}
