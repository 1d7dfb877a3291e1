//! The sitemap and the Atom feeds stay well-formed XML whatever the titles hold, and their URLs are
//! URIs. Parsed with an XML parser, not searched as text.

mod common;

use common::fixture;

const HOSTILE_TITLE: &str = "<script>alert(\"x\")</script> & ]]> 'quotes' \u{202E}bidi 🏙️";

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
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}
