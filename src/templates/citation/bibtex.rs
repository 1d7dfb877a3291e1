//! A BibTeX entry: `@techreport` for reports, `@misc` for other works, every value in braces with
//! the characters that mean something to LaTeX escaped, so that any title survives.

use std::fmt::Write;

use super::{Citation, WorkKind};

pub fn entry(citation: &Citation<'_>, key: &str) -> String {
    let (entry_type, publisher_field) = match citation.kind {
        WorkKind::Report => ("techreport", "institution"),
        WorkKind::Work => ("misc", "organization"),
    };
    let mut fields = vec![("title", latex(citation.title))];
    if !citation.authors.is_empty() {
        let authors: Vec<String> = citation.authors.iter().map(|a| latex(a)).collect();
        fields.push(("author", authors.join(" and ")));
    }
    fields.push((publisher_field, latex(citation.publisher)));
    if let Some(date) = citation.date {
        fields.push(("year", date.year.to_string()));
        fields.push(("date", date.to_string()));
    }
    fields.push(("language", latex(citation.locale)));
    // The URL is a URI (braces and spaces percent-encoded), which url fields take verbatim.
    fields.push(("url", crate::site::uri(&citation.url)));
    let mut text = format!("@{entry_type}{{{key},\n");
    for (name, value) in fields {
        let _infallible = writeln!(text, "  {name} = {{{value}}},");
    }
    text.push_str("}\n");
    text
}

/// `text` for a LaTeX document: its special characters as the commands that print them, line
/// breaks as spaces.
fn latex(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '^' => escaped.push_str("\\textasciicircum{}"),
            '~' => escaped.push_str("\\textasciitilde{}"),
            '<' => escaped.push_str("\\textless{}"),
            '>' => escaped.push_str("\\textgreater{}"),
            '\n' | '\r' | '\t' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latex_specials_are_escaped() {
        assert_eq!(
            latex("50% & {meer} </script> #1 $x_2^3~\\"),
            "50\\% \\& \\{meer\\} \\textless{}/script\\textgreater{} \\#1 \\$x\\_2\\textasciicircum{}3\\textasciitilde{}\\textbackslash{}"
        );
        assert_eq!(latex("Één\nregel"), "Één regel");
    }
}
