//! Bad input stops the build with a message that names the file (and line), and leaves the previous
//! output exactly as it was.

mod common;

use common::{Site, fixture};

/// Builds the fixture, applies `break_it`, builds again and returns the error message, after checking
/// that the failed build changed nothing in the output and left no staging folder behind.
fn failing_build(break_it: impl FnOnce(&Site)) -> String {
    let site = fixture();
    site.build_ok();
    let before = site.snapshot_output();
    break_it(&site);
    let error = site.build().expect_err("the build must fail");
    let message = error.to_string() + "\n" + &kennis::error::render(&error);
    assert_eq!(
        site.snapshot_output(),
        before,
        "a failed build changed the output"
    );
    let leftovers: Vec<String> = common::entry_names(site.root())
        .into_iter()
        .filter(|name| name.contains("kennis-") && !name.ends_with(".kennis-lock"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
    message
}

fn assert_contains(message: &str, expected: &str) {
    assert!(
        message.contains(expected),
        "expected {expected:?} in:\n{message}"
    );
}

#[test]
fn malformed_front_matter_toml() {
    let message = failing_build(|site| {
        site.write(
            "content/kapot.md",
            "+++\ntitle = \"Kapot\"\ndate = 2025-01-01\nweight = [1,\n+++\nTekst\n",
        );
    });
    assert_contains(&message, "content/kapot.md:4: unclosed array");
}

#[test]
fn malformed_site_configuration() {
    let message = failing_build(|site| {
        let config = std::fs::read_to_string(site.root().join("site.toml")).expect("site.toml");
        site.write(
            "site.toml",
            &config.replace("theme = \"kenniscentrum\"", "theme = kenniscentrum"),
        );
    });
    assert_contains(&message, "site.toml:2:");
}

#[test]
fn unknown_configuration_key() {
    let message = failing_build(|site| {
        let config = std::fs::read_to_string(site.root().join("site.toml")).expect("site.toml");
        site.write("site.toml", &config.replace("base_url =", "baseurl ="));
    });
    assert_contains(&message, "site.toml:1: unknown field `baseurl`");
}

#[test]
fn unknown_front_matter_key() {
    let message = failing_build(|site| {
        site.write(
            "content/titel.md",
            "+++\ntitle = \"A\"\ndatum = 2025-01-01\n+++\n",
        );
    });
    assert_contains(&message, "content/titel.md:3: unknown field `datum`");
    assert_contains(&message, "front matter knows: title, date");
}

#[test]
fn undefined_taxonomy_term() {
    let message = failing_build(|site| {
        site.write(
            "content/term.md",
            "+++\ntitle = \"A\"\n[taxonomies]\nstad = [\"parijs\"]\n+++\n",
        );
    });
    assert_contains(
        &message,
        "content/term.md:4: `parijs` is not a term of taxonomy `stad`",
    );
}

#[test]
fn two_pages_claiming_one_url() {
    let message = failing_build(|site| {
        site.write(
            "content/publicaties/rapport/dubbel.md",
            "+++\ntitle = \"Dubbel\"\nslug = \"klimaat\"\n+++\n",
        );
    });
    assert_contains(&message, "content/publicaties/rapport/dubbel.md");
    assert_contains(&message, "content/publicaties/rapport/klimaat.md");
    assert_contains(
        &message,
        "both want the URL /nl/publicaties/rapport/klimaat/",
    );
}

#[test]
fn a_page_claiming_a_taxonomy_url() {
    let message = failing_build(|site| {
        site.write("content/programma.md", "+++\ntitle = \"Programma\"\n+++\n");
    });
    assert_contains(
        &message,
        "content/programma.md: the URL /nl/programma/ belongs to the taxonomy `programma`",
    );
}

#[test]
fn a_page_claiming_the_search_page_url() {
    let message = failing_build(|site| {
        site.write("search.toml", "[page]\nnl = \"zoeken\"\n");
        site.write("content/zoeken.md", "+++\ntitle = \"Zoeken\"\n+++\n");
    });
    assert_contains(
        &message,
        "content/zoeken.md: the URL /nl/zoeken/ belongs to the search page of `nl` (search.toml); give this file another `slug`",
    );
}

#[test]
fn a_static_file_claiming_a_page_url() {
    let message = failing_build(|site| {
        site.write("static/nl/over-ons/index.html", "<p>oud</p>");
    });
    assert_contains(
        &message,
        "two files would be written to nl/over-ons/index.html",
    );
    assert_contains(&message, "content/over-ons.md and ");
    assert_contains(&message, "static/nl/over-ons/index.html");
}

#[test]
fn broken_internal_link() {
    let message = failing_build(|site| {
        site.write(
            "content/link.md",
            "+++\ntitle = \"A\"\n+++\nTekst.\n\nZie [dit](@/publicaties/bestaat-niet.md).\n",
        );
    });
    assert_contains(&message, "content/link.md:6:");
    assert_contains(
        &message,
        "content/publicaties/bestaat-niet.md, which does not exist",
    );
}

#[test]
fn broken_anchor_on_another_page() {
    let message = failing_build(|site| {
        site.write(
            "content/anker.md",
            "+++\ntitle = \"A\"\n+++\n[dit](@/publicaties/rapport/data.md#vraag-9)\n",
        );
    });
    assert_contains(&message, "content/anker.md:4:");
    assert_contains(&message, "#vraag-9 in content/publicaties/rapport/data.md");
}

#[test]
fn broken_anchor_on_the_same_page() {
    let message = failing_build(|site| {
        site.write(
            "content/anker.md",
            "+++\ntitle = \"A\"\n+++\n## Kop\n\n[dit](#geen-kop)\n",
        );
    });
    assert_contains(
        &message,
        "content/anker.md:6: there is no heading or footnote `#geen-kop` on this page",
    );
}

#[test]
fn broken_link_to_a_file() {
    let message = failing_build(|site| {
        site.write(
            "content/bestand.md",
            "+++\ntitle = \"A\"\n+++\n[pdf](verslag.pdf)\n",
        );
    });
    assert_contains(
        &message,
        "content/bestand.md:4: `verslag.pdf` links to content/verslag.pdf, which does not exist",
    );
}

#[test]
fn slug_that_climbs_out_of_its_folder() {
    let message = failing_build(|site| {
        site.write(
            "content/klim.md",
            "+++\ntitle = \"A\"\nslug = \"../../etc\"\n+++\n",
        );
    });
    assert_contains(
        &message,
        "content/klim.md:3: slug \"../../etc\" must be a single URL segment",
    );
}

#[test]
fn file_that_is_not_utf8() {
    let message = failing_build(|site| {
        let mut bytes = b"+++\ntitle = \"Caf".to_vec();
        bytes.extend([0xE9, b'"', b'\n']);
        bytes.extend(b"+++\n");
        std::fs::write(site.root().join("content/latin1.md"), bytes).expect("write");
    });
    assert_contains(&message, "content/latin1.md:2: the file is not UTF-8 text");
}

#[test]
fn control_characters_anywhere_in_a_content_file() {
    let message = failing_build(|site| {
        site.write(
            "content/titel.md",
            "+++\ntitle = \"Twee\\u000Bregels\"\ndate = 2025-01-01\n+++\nTekst\n",
        );
        site.write(
            "content/tekst.md",
            "+++\ntitle = \"Goed\"\n+++\nEen\n\nTwee\u{0}drie\n",
        );
    });
    assert_contains(&message, "2 errors; the site was not written");
    assert_contains(
        &message,
        "content/titel.md:2: `title` holds the invisible control character U+000B",
    );
    assert_contains(&message, "delete the character U+000B");
    assert_contains(
        &message,
        "content/tekst.md:6: the text holds the invisible control character U+0000",
    );
    assert!(!message.contains('\0'), "the report repeats the character");
}

#[test]
fn character_references_to_control_characters() {
    let message = failing_build(|site| {
        site.write(
            "content/verwijzing.md",
            "+++\ntitle = \"Goed\"\n+++\nEen\n\nTwee &#x1B;[2J\n",
        );
    });
    assert_contains(
        &message,
        "content/verwijzing.md:6: a character reference here stands for the invisible control character U+001B",
    );
}

#[test]
fn dates_other_than_iso_and_updated_before_date() {
    let message = failing_build(|site| {
        site.write(
            "content/datum.md",
            "+++\ntitle = \"A\"\ndate = \"01-02-2025\"\n+++\n",
        );
        site.write(
            "content/onmogelijk.md",
            "+++\ntitle = \"B\"\ndate = \"2025-02-30\"\n+++\n",
        );
        site.write(
            "content/bijgewerkt.md",
            "+++\ntitle = \"C\"\ndate = 2025-03-01\nupdated = 2025-01-31\n+++\n",
        );
    });
    assert_contains(&message, "3 errors; the site was not written");
    assert_contains(
        &message,
        "content/datum.md:3: `date` = \"01-02-2025\" is not a date",
    );
    assert_contains(&message, "did you mean 2025-02-01?");
    assert_contains(
        &message,
        "content/onmogelijk.md:3: `date` = 2025-02-30 is not a day of the calendar",
    );
    assert_contains(
        &message,
        "content/bijgewerkt.md:4: `updated` (2025-01-31) is earlier than `date` (2025-03-01)",
    );
}

#[test]
fn template_error() {
    let message = failing_build(|site| {
        let path = "themes/kenniscentrum/templates/page.html";
        let template = std::fs::read_to_string(site.root().join(path)).expect("template");
        site.write(
            path,
            &template.replace(
                "{% block document %}",
                "{% block document %}{{ page.title | nonexistent_filter }}",
            ),
        );
    });
    assert_contains(&message, "themes/kenniscentrum/templates/page.html:2:");
    assert_contains(&message, "nonexistent_filter");
}

#[test]
fn template_asking_for_a_missing_ui_string() {
    let message = failing_build(|site| {
        site.write("templates/page.html", "{{ t(key=\"no_such_key\") }}");
    });
    assert_contains(&message, "templates/page.html:1:");
    assert_contains(&message, "no text for `no_such_key`");
}

#[test]
fn unknown_structured_block() {
    let message = failing_build(|site| {
        site.write(
            "content/blok.md",
            "+++\ntitle = \"A\"\n+++\nTekst\n\n::: demand\n- eis\n:::\n",
        );
    });
    assert_contains(&message, "content/blok.md:6: unknown block `demand`");
    assert_contains(
        &message,
        "known blocks: callout, demands, lettered, noindex, question",
    );
}

#[test]
fn unclosed_structured_block() {
    let message = failing_build(|site| {
        site.write(
            "content/blok.md",
            "+++\ntitle = \"A\"\n+++\n::: demands\n- eis\n",
        );
    });
    assert_contains(
        &message,
        "content/blok.md:4: the `demands` block is never closed",
    );
}

#[test]
fn several_errors_are_reported_together() {
    let message = failing_build(|site| {
        site.write("content/een.md", "+++\ntitel = \"A\"\n+++\n");
        site.write(
            "content/twee.md",
            "+++\ntitle = \"B\"\n[taxonomies]\nstad = [\"x\"]\n+++\n",
        );
    });
    assert_contains(&message, "2 errors; the site was not written");
    assert_contains(&message, "content/een.md:2:");
    assert_contains(&message, "content/twee.md:4:");
}

#[test]
fn an_output_folder_kennis_did_not_write_is_left_alone() {
    let site = fixture();
    let foreign = site.root().join("public");
    std::fs::create_dir_all(&foreign).expect("folder");
    std::fs::write(foreign.join("important.txt"), "keep me").expect("write");
    let error = site.build().expect_err("refuses");
    assert!(
        error.to_string().contains("was not written by kennis"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(foreign.join("important.txt")).expect("kept"),
        "keep me"
    );
}

#[test]
fn the_site_folder_itself_is_never_the_output() {
    let site = fixture();
    let mut options = site.options();
    options.output = site.root().to_path_buf();
    let error = kennis::build::build(&options, &|_| {}).expect_err("refuses");
    assert!(
        error.to_string().contains("contains the site itself"),
        "{error}"
    );
    assert!(site.root().join("content/_index.md").is_file());
}

/// A near miss names what was probably meant, at the file and line of the mistake; a name far from
/// everything known gets no guess.
#[test]
fn near_misses_get_a_suggestion() {
    let site = fixture();
    let cases = [
        (
            "+++\ntitle = \"A\"\ntemplaet = \"page.html\"\n+++\n",
            "content/bijna.md:3: unknown field `templaet` in the front matter",
            "did you mean `template`?",
        ),
        (
            "+++\ntitle = \"A\"\n[taxonomies]\nprogramma = [\"klimat\"]\n+++\n",
            "content/bijna.md:4: `klimat` is not a term of taxonomy `programma`",
            "did you mean `klimaat`? Otherwise, define it in site.toml",
        ),
        (
            "+++\ntitle = \"A\"\ntemplate = \"pgae.html\"\n+++\n",
            "content/bijna.md:3: the template `pgae.html` does not exist",
            "did you mean `page.html`?",
        ),
        (
            "+++\ntitle = \"A\"\n+++\nZie [dit](@/publicaties/rapport/klimat.md).\n",
            "content/bijna.md:4: `@/publicaties/rapport/klimat.md` links to content/publicaties/rapport/klimat.md",
            "did you mean `@/publicaties/rapport/klimaat.md`?",
        ),
        (
            "+++\ntitle = \"A\"\n+++\n## Kop {#de-kop}\n\n[dit](#de-kpo)\n",
            "content/bijna.md:6: there is no heading or footnote `#de-kpo` on this page",
            "did you mean `#de-kop`?",
        ),
        (
            "+++\ntitle = \"A\"\n+++\n[dit](@/publicaties/rapport/data.md#vraag-11)\n",
            "content/bijna.md:4:",
            "did you mean `#vraag-1`? Otherwise, check the heading's id",
        ),
        (
            "+++\ntitle = \"A\"\n+++\nTekst\n\n::: demand\n- eis\n:::\n",
            "content/bijna.md:6: unknown block `demand`",
            "did you mean `demands`? Otherwise, use one of the known blocks: callout",
        ),
    ];
    for (text, location, suggestion) in cases {
        site.write("content/bijna.md", text);
        let error = site.build().expect_err("the build must fail");
        assert_contains(&error.to_string(), location);
        assert_contains(&help_of(&error), suggestion);
    }
    site.write(
        "content/bijna.md",
        "+++\ntitle = \"A\"\n[taxonomies]\nprogramma = [\"parijs\"]\n+++\n",
    );
    let help = help_of(&site.build().expect_err("an unknown term"));
    assert!(!help.contains("did you mean"), "{help}");
    assert!(help.contains("define it in site.toml"), "{help}");
}

/// The message and help of an error in one file (a link's suggestion is part of its message).
fn help_of(error: &kennis::error::Error) -> String {
    match error {
        kennis::error::Error::Source(error) => {
            format!(
                "{} {}",
                error.message,
                error.help.as_deref().unwrap_or_default()
            )
        }
        other => panic!("expected an error in a file, got {other}"),
    }
}
