//! Syntax highlighting of fenced code at build time. Code becomes spans with CSS classes (no inline
//! styles), so that a light and a dark stylesheet, generated here from syntect themes, can colour it.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::html;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The `<pre>` element for a code block in `language` (the fence's info string).
pub fn code_block(code: &str, language: &str) -> String {
    let language = language.split([' ', ',', '{']).next().unwrap_or_default();
    let highlighted = (!language.is_empty())
        .then(|| highlight(code, language))
        .flatten();
    match highlighted {
        Some(html) => format!(
            "<pre class=\"highlight\" data-lang=\"{lang}\"><code class=\"language-{lang}\">{html}</code></pre>\n",
            lang = html::escape(language)
        ),
        None if language.is_empty() => {
            format!("<pre><code>{}</code></pre>\n", html::escape_text(code))
        }
        None => format!(
            "<pre data-lang=\"{lang}\"><code class=\"language-{lang}\">{}</code></pre>\n",
            html::escape_text(code),
            lang = html::escape(language)
        ),
    }
}

fn highlight(code: &str, language: &str) -> Option<String> {
    let syntaxes = syntaxes();
    let syntax = syntaxes.find_syntax_by_token(language)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// The stylesheets for highlighted code: (light, dark).
pub fn stylesheets() -> (String, String) {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str| {
        themes
            .themes
            .get(name)
            .and_then(|theme| css_for_theme_with_class_style(theme, CLASS_STYLE).ok())
            .unwrap_or_default()
    };
    (css(LIGHT_THEME), css(DARK_THEME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes_not_styles() {
        let html = code_block("fn main() {}\n", "rust");
        assert!(
            html.starts_with("<pre class=\"highlight\" data-lang=\"rust\">"),
            "{html}"
        );
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_languages_are_escaped_plain_text() {
        let html = code_block("<b>&</b>\n", "nosuchlanguage");
        assert!(html.contains("&lt;b&gt;&amp;&lt;/b&gt;"), "{html}");
        assert_eq!(
            code_block("x < y\n", ""),
            "<pre><code>x &lt; y\n</code></pre>\n"
        );
    }

    #[test]
    fn both_stylesheets_colour_the_classes() {
        let (light, dark) = stylesheets();
        assert!(light.contains(".hl-"));
        assert!(dark.contains(".hl-"));
        assert_ne!(light, dark);
    }
}
