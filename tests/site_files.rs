//! The sitemap and the Atom feeds stay well-formed XML whatever the titles hold, and their URLs are
//! URIs. Parsed with an XML parser, not searched as text.

mod common;

use common::fixture;

const HOSTILE_TITLE: &str = "<script>alert(\"x\")</script> & ]]> 'quotes' \u{202E}bidi 🏙️";

/// Titles that are legal text but hard on XML writers: markup, references written as text, template
/// syntax, invisible and separator characters, a replacement character, a byte-order mark inside.
const LEGAL_BUT_HOSTILE: [&str; 6] = [
    "<!-- --> <![CDATA[ x ]]> &amp; &#0; &#x1B; &nbsp",
    "{{ title }} {% raw %} {# #} \\ \"",
    "a\u{2028}b\u{2029}c",
    "zero\u{200B}width\u{FEFF}bom\u{FFFD}",
    "\u{202E}\u{2066}👩‍👩‍👧 é é",
    "\t tab and\r\nnewline",
];

/// Every control character the feeds could not carry, by kind: C0, DEL, C1.
const CONTROL_CHARACTERS: [char; 6] = ['\0', '\u{b}', '\u{1b}', '\u{7f}', '\u{80}', '\u{9f}'];

#[test]
fn a_site_full_of_hostile_titles_gives_well_formed_feeds_in_every_language() {
    let site = fixture();
    for (number, title) in LEGAL_BUT_HOSTILE.iter().enumerate() {
        for (suffix, lang) in [("", "nl"), (".en", "en")] {
            site.write(
                &format!("content/vijandig-{number}{suffix}.md"),
                &format!(
                    "+++\ntitle = {title}\ndescription = {title}\ndate = 2030-01-0{day}\n+++\nTekst ({lang}).\n",
                    title = toml_string(&format!("{title} ({lang})")),
                    day = number + 1,
                ),
            );
        }
    }
    site.build_ok();
    for lang in ["nl", "en"] {
        let feed_text = site.read_output(&format!("{lang}/atom.xml"));
        let feed = roxmltree::Document::parse(&feed_text)
            .unwrap_or_else(|error| panic!("{lang}/atom.xml is not well-formed: {error}"));
        let titles: Vec<&str> = feed
            .descendants()
            .filter(|node| node.has_tag_name("entry"))
            .filter_map(|entry| entry.children().find(|node| node.has_tag_name("title")))
            .filter_map(|title| title.text())
            .collect();
        for title in LEGAL_BUT_HOSTILE {
            // XML turns every line break into a line feed when it reads the text.
            let expected = format!("{title} ({lang})").replace("\r\n", "\n");
            assert!(
                titles.contains(&expected.as_str()),
                "{expected:?} in {titles:#?}"
            );
        }
    }
    roxmltree::Document::parse(&site.read_output("sitemap.xml")).expect("well-formed sitemap");
}

#[test]
fn titles_with_control_characters_are_refused_with_file_and_line() {
    let site = fixture();
    for c in CONTROL_CHARACTERS {
        let escaped = format!("\\u{:04X}", u32::from(c));
        site.write(
            &format!("content/controle-{:04x}.md", u32::from(c)),
            &format!("+++\ntitle = \"Voor{escaped}na\"\n+++\nTekst.\n"),
        );
    }
    let error = site.build().expect_err("refused");
    let message = error.to_string() + &kennis::error::render(&error);
    for c in CONTROL_CHARACTERS {
        let expected = format!(
            "content/controle-{:04x}.md:2: `title` holds the invisible control character U+{:04X}",
            u32::from(c),
            u32::from(c)
        );
        assert!(message.contains(&expected), "{expected} in:\n{message}");
    }
    assert!(!site.output().exists(), "nothing was written");
}

#[test]
fn hostile_titles_give_well_formed_feeds_and_sitemap() {
    let site = fixture();
    site.write(
        "content/vijandig.md",
        &format!(
            "+++\ntitle = {title}\ndescription = {title}\ndate = 2030-01-01\nslug = \"съезд\"\n+++\nTekst.\n",
            title = toml_string(HOSTILE_TITLE)
        ),
    );
    site.build_ok();

    let feed_text = site.read_output("nl/atom.xml");
    let feed = roxmltree::Document::parse(&feed_text).expect("the feed is well-formed XML");
    let entry = feed
        .descendants()
        .find(|node| node.has_tag_name("entry"))
        .expect("the newest entry comes first");
    let text_of = |name: &str| {
        entry
            .children()
            .find(|node| node.has_tag_name(name))
            .and_then(|node| node.text())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(text_of("title"), HOSTILE_TITLE);
    assert_eq!(text_of("summary"), HOSTILE_TITLE);

    let sitemap_text = site.read_output("sitemap.xml");
    let sitemap =
        roxmltree::Document::parse(&sitemap_text).expect("the sitemap is well-formed XML");
    let locations: Vec<&str> = sitemap
        .descendants()
        .filter(|node| node.has_tag_name("loc"))
        .filter_map(|node| node.text())
        .collect();
    assert!(
        locations.contains(&"https://example.org/kennis/nl/%D1%81%D1%8A%D0%B5%D0%B7%D0%B4/"),
        "{locations:#?}"
    );
    assert!(
        locations.iter().all(|loc| loc.is_ascii()),
        "sitemap URLs are URIs: {locations:#?}"
    );
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\r', "\\r");
    format!("\"{escaped}\"")
}
