//! "Did you mean …?": the known name nearest to one an editor mistyped (a front-matter key, a taxonomy
//! term, an `@/` path, an anchor, a template or block name), by edit distance. A helper shared by the
//! stages; it decides nothing about what is known or wrong, it only compares the names it is given.

/// The `known` name closest to `typed`, if it is close enough to be the one meant: at most
/// `max(1, length / 3)` edits away, where swapping two neighbouring characters is one edit. Among
/// equally close names the one first in code-point order wins, so the answer does not depend on the
/// order `known` comes in (a hash set's, say).
pub fn closest<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (typed.chars().count() / 3).max(1);
    known
        .into_iter()
        .map(|name| (strsim::osa_distance(typed, name), name))
        .filter(|(distance, _)| (1..=limit).contains(distance))
        .min()
        .map(|(_, name)| name)
}

/// `did you mean `klimaat`?`, or nothing when no known name is close.
pub fn did_you_mean<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(typed, known).map(|name| format!("did you mean `{name}`?"))
}

/// `help`, preceded by the suggestion for `typed` when there is one ("did you mean `klimaat`?
/// Otherwise, define it …").
pub fn help_with<'a>(
    typed: &str,
    known: impl IntoIterator<Item = &'a str>,
    help: impl Into<String>,
) -> String {
    let help = help.into();
    match did_you_mean(typed, known) {
        Some(suggestion) if help.is_empty() => suggestion,
        Some(suggestion) => format!("{suggestion} Otherwise, {help}"),
        None => help,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TERMS: [&str; 3] = ["klimaat", "mobiliteit", "wonen"];

    #[test]
    fn a_missing_letter_finds_the_term() {
        assert_eq!(closest("klimat", TERMS), Some("klimaat"));
        assert_eq!(closest("mobilitiet", TERMS), Some("mobiliteit"));
    }

    #[test]
    fn swapped_letters_count_as_one_edit() {
        assert_eq!(
            closest("pgae.html", ["page.html", "section.html"]),
            Some("page.html")
        );
        assert_eq!(closest("tilte", ["title", "date"]), Some("title"));
    }

    #[test]
    fn far_names_are_not_suggested() {
        assert_eq!(closest("parijs", TERMS), None);
        assert_eq!(closest("x", ["abc"]), None);
        // Short names allow one edit, not more.
        assert_eq!(closest("ab", ["cd"]), None);
        assert_eq!(closest("ab", ["ac"]), Some("ac"));
    }

    #[test]
    fn the_name_itself_is_no_suggestion() {
        assert_eq!(closest("wonen", TERMS), None);
    }

    #[test]
    fn the_closest_of_several_wins_whatever_their_order() {
        assert_eq!(closest("titel", ["titles", "title"]), Some("title"));
        assert_eq!(closest("ab", ["ay", "ax"]), Some("ax"));
        assert_eq!(closest("ab", ["ax", "ay"]), Some("ax"));
    }

    #[test]
    fn accents_are_characters_not_bytes() {
        assert_eq!(closest("financien", ["financiën"]), Some("financiën"));
    }

    #[test]
    fn help_puts_the_suggestion_first() {
        assert_eq!(
            help_with("klimat", TERMS, "use one of: klimaat, wonen"),
            "did you mean `klimaat`? Otherwise, use one of: klimaat, wonen"
        );
        assert_eq!(help_with("parijs", TERMS, "define it"), "define it");
        assert_eq!(help_with("klimat", TERMS, ""), "did you mean `klimaat`?");
    }
}
