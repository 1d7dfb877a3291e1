//! CLDR plural rules: which plural category (`one`, `other`, …) a count takes in a language, so that
//! a UI string can say "1 result" and "2 results". Only counts of whole things are chosen for (the
//! operands `n = i`, no visible fraction digits), which is all the theme counts. Dutch and English
//! share the rule "`one` for exactly 1, else `other`". Another language needs its own rule here, from
//! the CLDR plural rules chart: French has `one` for 0 and 1, Polish and Czech add `few` and `many`
//! (by the last digits), Arabic uses all six categories; counts with decimals would need the operands
//! `v` and `f` (visible fraction digits) too.

use std::fmt;

/// A CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Category {
    const ALL: [Category; 6] = [
        Category::Zero,
        Category::One,
        Category::Two,
        Category::Few,
        Category::Many,
        Category::Other,
    ];

    /// The category's name in CLDR and in the i18n files (`one`).
    pub fn name(self) -> &'static str {
        match self {
            Category::Zero => "zero",
            Category::One => "one",
            Category::Two => "two",
            Category::Few => "few",
            Category::Many => "many",
            Category::Other => "other",
        }
    }

    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|category| category.name() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The plural rule of one language.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Every category the rule can choose, which a table of forms must give.
    pub categories: &'static [Category],
    choose: fn(u64) -> Category,
}

impl Rule {
    pub fn category(&self, count: u64) -> Category {
        (self.choose)(count)
    }
}

/// Dutch and English: `one` is `i = 1 and v = 0`, which for whole counts is exactly 1.
const ONE_OTHER: Rule = Rule {
    categories: &[Category::One, Category::Other],
    choose: |count| {
        if count == 1 {
            Category::One
        } else {
            Category::Other
        }
    },
};

/// The languages there is a rule for, by their code in `site.toml`.
pub const LANGUAGES: [&str; 2] = ["nl", "en"];

/// The rule of the language `code` (`nl`, `en-GB`), if kennis has it.
pub fn rule(code: &str) -> Option<Rule> {
    let primary = code.split(['-', '_']).next().unwrap_or(code);
    LANGUAGES
        .iter()
        .any(|known| primary.eq_ignore_ascii_case(known))
        .then_some(ONE_OTHER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_and_english_say_one_only_for_one() {
        for code in ["nl", "en", "nl-BE", "en-GB"] {
            let rule = rule(code).expect("a rule");
            assert_eq!(rule.category(1), Category::One, "{code}");
            for count in [0, 2, 3, 11, 21, 101, 1_000_001] {
                assert_eq!(rule.category(count), Category::Other, "{code} {count}");
            }
            assert_eq!(rule.categories, [Category::One, Category::Other]);
        }
    }

    #[test]
    fn languages_without_a_rule_have_none() {
        assert!(rule("fr").is_none());
        assert!(rule("pl").is_none());
    }

    #[test]
    fn category_names_are_cldr_names() {
        for category in Category::ALL {
            assert_eq!(Category::parse(category.name()), Some(category));
        }
        assert_eq!(Category::parse("plural"), None);
        assert_eq!(Category::One.to_string(), "one");
    }
}
