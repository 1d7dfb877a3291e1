//! How kennis reads the files of a site: a UTF-8 byte-order mark at the start of any text file it
//! reads is accepted and never published, and symbolic links it does not follow are named in the
//! build's warnings.

mod common;

use common::fixture;

const BOM: &str = "\u{feff}";

#[test]
fn a_byte_order_mark_is_accepted_in_every_text_file_and_never_written() {
    let site = fixture();
    let with_bom = |relative: &str| {
        let text = std::fs::read_to_string(site.root().join(relative)).expect("fixture file");
        site.write(relative, &format!("{BOM}{text}"));
    };
    for relative in [
        "site.toml",
        "content/over-ons.md",
        "content/about.en.md",
        "themes/kenniscentrum/templates/page.html",
        "themes/kenniscentrum/i18n/nl.toml",
    ] {
        with_bom(relative);
    }
    site.write("search.toml", &format!("{BOM}[page]\nnl = \"zoek\"\n"));
    site.write(
        "templates/section.html",
        &format!(
            "{BOM}{}",
            std::fs::read_to_string(
                site.root()
                    .join("themes/kenniscentrum/templates/section.html")
            )
            .expect("section template")
        ),
    );
    site.build_ok();
    assert!(site.read_output("nl/over-ons/index.html").contains("<h1"));
    assert!(site.output().join("nl/zoek/index.html").is_file());
    let marked: Vec<String> = common::files_below(&site.output())
        .into_iter()
        .filter(|(name, _)| {
            [".html", ".xml", ".txt"]
                .iter()
                .any(|end| name.ends_with(end))
        })
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(BOM))
        .map(|(name, _)| name)
        .collect();
    assert!(
        marked.is_empty(),
        "published with a byte-order mark: {marked:?}"
    );
}
