use std::fs;
use std::path::Path;

use super::*;
use crate::config::SiteConfig;
use crate::config::search::SearchSettings;
use crate::content::{Content, LoadOptions};
use crate::routes::Routes;

/// Draws blocks as `<div class="name">` with the title in a `<p>`.
struct PlainBlocks;

impl BlockRenderer for PlainBlocks {
    fn block_names(&self) -> Vec<String> {
        vec!["demands".into(), "callout".into()]
    }

    fn frame_ids(&self) -> Vec<String> {
        vec!["main".into()]
    }

    fn render_block(&self, block: &BlockInput<'_>) -> std::result::Result<String, String> {
        let title = block
            .title
            .map(|t| format!("<p class=\"title\">{t}</p>"))
            .unwrap_or_default();
        Ok(format!(
            "<div class=\"{} {}\">{title}\n{}</div>\n",
            block.name, block.lang, block.body
        ))
    }
}

/// Loads a site made of `files` (path below `content/`, text) and renders it.
fn render_site(files: &[(&str, &str)]) -> Result<(Content, Vec<Rendered>)> {
    let dir = tempfile::tempdir().expect("temporary folder");
    fs::write(dir.path().join("site.toml"), crate::config::TEST_SITE).expect("write config");
    for (path, text) in files {
        let path = dir.path().join("content").join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        fs::write(path, text).expect("write content");
    }
    let config = SiteConfig::load(dir.path(), None)?;
    let content = Content::load(&config, LoadOptions::default())?;
    let routes = Routes::plan(&config, &content, &SearchSettings::default())?;
    let rendered = render_all(&content, &routes, &PlainBlocks, RawHtml::Sanitise)?;
    Ok((content, rendered))
}

fn rendered_page(files: &[(&str, &str)], wanted: &str) -> Rendered {
    let (content, rendered) =
        render_site(files).unwrap_or_else(|error| panic!("{}", crate::error::render(&error)));
    let index = content
        .documents
        .iter()
        .position(|d| d.source_path == Path::new("content").join(wanted))
        .expect("document exists");
    rendered[index].clone()
}

const FEATURES: &str = r#"+++
title = "Alles"
+++
"Slimme" aanhalingstekens -- en een beletselteken...

## Sterke punten

| Stad | Score |
|:-----|------:|
| Gent | 2,5 |

~~Doorgehaald~~ en een voetnoot.[^1] Nog eens dezelfde.[^1]

- [x] gedaan
- [ ] te doen

## Sterke punten

### Coördinatie & één {#eigen-id .klasse}

Zie [de andere pagina](@/andere.md#doel) en [hierboven](#sterke-punten-1).

```rust
fn main() {}
```

:::: demands [Vraag 1](@/andere.md)
- Meer middelen.

::: callout
Genest.
:::
::::

::: noindex
jan@example.org
:::

<span class="raw">rauwe HTML</span>

[^1]: De bron.
"#;

const OTHER: &str = "+++\ntitle = \"Andere\"\n+++\n## Doel\n\nTekst.\n";
const OTHER_EN: &str = "+++\ntitle = \"Other\"\nslug = \"other\"\n+++\n## Goal {#doel}\n\nText.\n";

#[test]
fn markdown_features_render_as_expected() {
    let rendered = rendered_page(
        &[
            ("alles.md", FEATURES),
            ("andere.md", OTHER),
            ("andere.en.md", OTHER_EN),
        ],
        "alles.md",
    );
    insta::assert_snapshot!(rendered.html);
}

#[test]
fn headings_get_unique_ids_and_a_nested_table_of_contents() {
    let rendered = rendered_page(&[("alles.md", FEATURES), ("andere.md", OTHER)], "alles.md");
    let ids: Vec<&str> = rendered.toc.iter().map(|entry| entry.id.as_str()).collect();
    assert_eq!(ids, ["sterke-punten", "sterke-punten-1"]);
    assert_eq!(rendered.toc[1].children[0].id, "eigen-id");
    assert_eq!(rendered.toc[1].children[0].title, "Coördinatie & één");
    assert!(rendered.anchors.contains("fn-1"));
}

#[test]
fn links_resolve_to_the_translation_in_the_page_language() {
    let english = "+++\ntitle = \"All\"\n+++\nSee [the other page](@/andere.md#doel).\n";
    let rendered = rendered_page(
        &[
            ("alles.en.md", english),
            ("andere.md", OTHER),
            ("andere.en.md", OTHER_EN),
        ],
        "alles.en.md",
    );
    assert!(
        rendered
            .html
            .contains(r#"<a href="../other/#doel">the other page</a>"#),
        "{}",
        rendered.html
    );
}

#[test]
fn web_links_and_images_are_collected_with_their_file_line() {
    let page = "+++\ntitle = \"Links\"\n+++\nSee [the city](https://gent.be/nl#top).\n\n\
                ![Map](HTTP://maps.example/a.png) and <https://example.org/x>.\n\n\
                [mail](mailto:a@b.be), [other](@/andere.md), [ftp](ftp://x.org/).\n\n\
                ::: callout [Bron](https://bron.example/)\nText.\n:::\n";
    let rendered = rendered_page(&[("links.md", page), ("andere.md", OTHER)], "links.md");
    let found: Vec<(&str, usize)> = rendered
        .external_links
        .iter()
        .map(|link| (link.url.as_str(), link.line))
        .collect();
    assert_eq!(
        found,
        [
            ("https://gent.be/nl#top", 4),
            ("HTTP://maps.example/a.png", 6),
            ("https://example.org/x", 6),
            ("https://bron.example/", 10),
        ]
    );
}

#[test]
fn an_anchor_missing_from_the_translation_is_an_error() {
    let english = "+++\ntitle = \"All\"\n+++\nSee [it](@/andere.md#doel).\n";
    let other_en = "+++\ntitle = \"Other\"\n+++\n## Goal\n";
    let error = render_site(&[
        ("alles.en.md", english),
        ("andere.md", OTHER),
        ("andere.en.md", other_en),
    ])
    .expect_err("the English page has no #doel");
    let message = crate::error::render(&error);
    assert!(message.contains("content/alles.en.md:4:"), "{message}");
    assert!(message.contains("same explicit id"), "{message}");
}

#[test]
fn code_inside_a_fence_is_not_block_syntax() {
    let text = "+++\ntitle = \"Code\"\n+++\n```text\n::: demands\n```\n";
    let rendered = rendered_page(&[("code.md", text)], "code.md");
    assert!(rendered.html.contains("::: demands"), "{}", rendered.html);
}

#[test]
fn duplicate_explicit_ids_are_an_error_at_the_second_heading() {
    let text = "+++\ntitle = \"Dubbel\"\n+++\n## A {#x}\n\n## B {#x}\n";
    let error = render_site(&[("dubbel.md", text)]).expect_err("duplicate id");
    assert!(
        error
            .to_string()
            .contains("content/dubbel.md:6: the heading id `x` is used twice"),
        "{error}"
    );
}

#[test]
fn the_plain_text_is_cut_at_every_heading() {
    let rendered = rendered_page(&[("alles.md", FEATURES), ("andere.md", OTHER)], "alles.md");
    let outline: Vec<(Option<&str>, u8, &str)> = rendered
        .sections
        .iter()
        .map(|s| (s.id.as_deref(), s.level, s.title.as_str()))
        .collect();
    assert_eq!(
        outline,
        [
            (None, 0, ""),
            (Some("sterke-punten"), 2, "Sterke punten"),
            (Some("sterke-punten-1"), 2, "Sterke punten"),
            (Some("eigen-id"), 3, "Coördinatie & één"),
        ]
    );
    assert_eq!(
        rendered.sections[0].text,
        "“Slimme” aanhalingstekens – en een beletselteken…"
    );
    assert!(rendered.sections.iter().all(|section| !section.noindex));
}

#[test]
fn the_plain_text_separates_blocks_and_keeps_inline_text_together() {
    let rendered = rendered_page(&[("alles.md", FEATURES), ("andere.md", OTHER)], "alles.md");
    let table = &rendered.sections[1].text;
    assert!(
        table.starts_with("Stad Score Gent 2,5 Doorgehaald en een voetnoot. Nog eens dezelfde."),
        "{table}"
    );
    assert!(table.ends_with("gedaan te doen"), "{table}");
    let last = &rendered.sections[3].text;
    assert!(
        last.contains("Zie de andere pagina en hierboven."),
        "{last}"
    );
    assert!(last.contains("fn main() {}"), "code text is text: {last}");
    assert!(
        last.contains("Vraag 1 Meer middelen. Genest."),
        "block titles come first: {last}"
    );
}

#[test]
fn the_plain_text_leaves_out_noindex_tags_and_note_numbers_and_ends_with_the_notes() {
    let rendered = rendered_page(&[("alles.md", FEATURES), ("andere.md", OTHER)], "alles.md");
    let all: String = rendered.sections.iter().map(|s| s.text.as_str()).collect();
    assert!(!all.contains("jan@example.org"), "{all}");
    assert!(
        all.contains("rauwe HTML"),
        "text between inline tags is text: {all}"
    );
    assert!(!all.contains("span"), "tags are not text: {all}");
    assert!(!all.contains("voetnoot.1"), "{all}");
    assert!(
        rendered.sections[3]
            .text
            .ends_with("Genest. rauwe HTML De bron."),
        "{}",
        rendered.sections[3].text
    );
}

#[test]
fn a_heading_inside_a_noindex_block_opens_a_noindex_section() {
    let page = "+++\ntitle = \"P\"\n+++\nBegin.\n\n<div>\nblok-HTML\n</div>\n\n::: noindex\n## Geheim\n\nverborgen\n:::\n\nNa het blok.\n";
    let rendered = rendered_page(&[("p.md", page)], "p.md");
    assert_eq!(rendered.sections.len(), 2);
    assert!(rendered.sections[1].noindex);
    assert_eq!(rendered.sections[1].text, "Na het blok.");
    assert!(
        !rendered
            .sections
            .iter()
            .any(|s| s.text.contains("verborgen"))
    );
    assert_eq!(
        rendered.sections[0].text, "Begin.",
        "an HTML block is not read back"
    );
}

#[test]
fn the_word_count_counts_what_a_reader_sees() {
    let page = "+++\ntitle = \"P\"\n+++\n**Stad**en en *één* woord[^n].\n\n::: noindex\ntwee woorden\n:::\n\n[^n]: Drie in noot.\n";
    let rendered = rendered_page(&[("p.md", page)], "p.md");
    // "Staden", "en", "één", "woord", "twee", "woorden", "Drie", "in", "noot"; not the note number.
    assert_eq!(rendered.word_count, 9);
}

#[test]
fn headings_do_not_take_the_ids_of_the_page_frame() {
    let page = "+++\ntitle = \"P\"\n+++\n## Main\n\nTekst.\n";
    let rendered = rendered_page(&[("p.md", page)], "p.md");
    assert!(
        rendered.html.contains("<h2 id=\"main-1\">Main</h2>"),
        "{}",
        rendered.html
    );
    let chosen = "+++\ntitle = \"P\"\n+++\nTekst.\n\n## Start {#main}\n";
    let error = render_site(&[("p.md", chosen)]).expect_err("the frame's id cannot be chosen");
    let shown = crate::error::render(&error);
    assert!(
        shown.contains("taken by the theme's page frame") && shown.contains("p.md:6"),
        "{shown}"
    );
}

#[test]
fn a_table_scrolls_in_a_focusable_region_named_after_its_heading_or_its_columns() {
    let page = "+++\ntitle = \"Tabellen\"\n+++\n| Stad | `Score` & rang |\n|---|---|\n| Gent | 1 |\n\n\
                ## Per stad\n\n| Stad |\n|---|\n| Gent |\n";
    let html = rendered_page(&[("tabellen.md", page)], "tabellen.md").html;
    assert!(
        html.contains(
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Stad, Score &amp; rang\"><table>"
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"per-stad\"><table>"
        ),
        "{html}"
    );
}
