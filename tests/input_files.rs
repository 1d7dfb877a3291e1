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

#[cfg(unix)]
#[test]
fn symbolic_links_are_left_out_with_a_warning_naming_them() {
    use std::os::unix::fs::symlink;
    let site = fixture();
    let outside = tempfile::tempdir().expect("temporary folder");
    std::fs::write(outside.path().join("geheim.txt"), "niet publiceren").expect("write");
    site.write("elders/pagina.md", "+++\ntitle = \"Elders\"\n+++\nTekst.\n");
    let root = site.root();
    symlink(
        root.join("elders/pagina.md"),
        root.join("content/gelinkt.md"),
    )
    .expect("link");
    symlink(root.join("content"), root.join("content/publicaties/lus")).expect("link");
    std::fs::create_dir_all(root.join("static")).expect("static folder");
    symlink(outside.path(), root.join("static/buiten")).expect("link");
    symlink(
        outside.path().join("geheim.txt"),
        root.join("static/geheim.txt"),
    )
    .expect("link");

    let report = site.build_ok();

    let named: Vec<&str> = [
        "content/gelinkt.md",
        "content/publicaties/lus",
        "static/buiten",
        "static/geheim.txt",
    ]
    .into_iter()
    .filter(|path| {
        !report
            .warnings
            .iter()
            .any(|warning| warning.starts_with(&format!("{path}: a symbolic link, left out;")))
    })
    .collect();
    assert!(
        named.is_empty(),
        "no warning for {named:?} in {:#?}",
        report.warnings
    );
    assert!(
        report.summary().contains("4 warnings"),
        "{}",
        report.summary()
    );
    let published = common::files_below(&site.output());
    assert!(
        published.keys().all(|name| !name.contains("gelinkt")
            && !name.contains("lus")
            && !name.contains("geheim")
            && !name.contains("buiten")),
        "a link was followed: {:#?}",
        published.keys().collect::<Vec<_>>()
    );
}
