//! The `[footer]` table of `site.toml`: the links every page shows at its foot, each to a page of the
//! site (`page`, an `@/` path, linked in the reader's language where it exists) or to an address
//! elsewhere (`url`). It only reads and validates their form; whether a page exists is asked by the
//! templates stage, which knows the content and reports it at the link's line.
//!
//! ```toml
//! [[footer.links]]
//! title = { nl = "Toegankelijkheid", en = "Accessibility" }
//! page = "@/toegankelijkheid.md"
//! ```

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::Labels;

/// One link of the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FooterLink {
    /// The link text per language.
    pub title: Labels,
    pub target: FooterTarget,
    /// Its line in `site.toml`, for errors found later.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FooterTarget {
    /// A content file, as an `@/` link names it, without the `@/` (`toegankelijkheid.md`).
    Page(String),
    /// An address elsewhere: `https://`, `http://`, `mailto:` or `tel:`.
    Url(String),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFooter {
    #[serde(default)]
    links: Vec<Spanned<RawFooterLink>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFooterLink {
    title: Labels,
    page: Option<Spanned<String>>,
    url: Option<Spanned<String>>,
}

const URL_SCHEMES: [&str; 4] = ["https://", "http://", "mailto:", "tel:"];

impl RawFooter {
    /// The links, or a message and the byte range it is about. `complete` checks a label per
    /// language; `line_of` turns a byte offset into a line.
    pub(super) fn validate(
        self,
        complete: impl Fn(Labels, &str) -> Result<Labels, String>,
        line_of: impl Fn(usize) -> usize,
    ) -> Result<Vec<FooterLink>, (String, Range<usize>)> {
        self.links
            .into_iter()
            .enumerate()
            .map(|(index, link)| {
                let span = link.span();
                let raw = link.into_inner();
                let context = format!("footer link {}", index + 1);
                let title = complete(raw.title, &format!("{context}: title"))
                    .map_err(|message| (message, span.clone()))?;
                let target = match (raw.page, raw.url) {
                    (Some(page), None) => page_target(page, &context)?,
                    (None, Some(url)) => url_target(url, &context)?,
                    _ => {
                        let message = format!(
                            "{context}: give either `page = \"@/…\"` (a page of the site) or `url = \"https://…\"`"
                        );
                        return Err((message, span));
                    }
                };
                Ok(FooterLink {
                    title,
                    target,
                    line: line_of(span.start),
                })
            })
            .collect()
    }
}

fn page_target(
    page: Spanned<String>,
    context: &str,
) -> Result<FooterTarget, (String, Range<usize>)> {
    match page.get_ref().strip_prefix("@/") {
        Some(path) if path.ends_with(".md") => Ok(FooterTarget::Page(path.to_owned())),
        _ => Err((
            format!(
                "{context}: page {:?} must name a content file as `@/` links do, e.g. \"@/toegankelijkheid.md\"",
                page.get_ref()
            ),
            page.span(),
        )),
    }
}

fn url_target(url: Spanned<String>, context: &str) -> Result<FooterTarget, (String, Range<usize>)> {
    let value = url.get_ref();
    let has_scheme = URL_SCHEMES
        .iter()
        .any(|scheme| value.len() > scheme.len() && value.starts_with(scheme));
    if has_scheme && !value.contains(char::is_whitespace) {
        Ok(FooterTarget::Url(value.clone()))
    } else {
        Err((
            format!(
                "{context}: url {value:?} must start with {}; link a page of the site with `page = \"@/…\"`",
                URL_SCHEMES.join(", ")
            ),
            url.span(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validate(text: &str) -> Result<Vec<FooterLink>, String> {
        #[derive(Deserialize)]
        struct Wrapper {
            footer: RawFooter,
        }
        let wrapper: Wrapper = toml::from_str(text).expect("valid TOML");
        let complete = |labels: Labels, context: &str| {
            if labels.contains_key("nl") && labels.contains_key("en") {
                Ok(labels)
            } else {
                Err(format!("{context}: missing a label"))
            }
        };
        wrapper
            .footer
            .validate(complete, |offset| crate::error::line_of(text, offset))
            .map_err(|(message, _)| message)
    }

    #[test]
    fn links_lead_to_a_page_or_an_address() {
        let links = validate(
            "[[footer.links]]\ntitle = { nl = \"T\", en = \"A\" }\npage = \"@/toegankelijkheid.md\"\n\
             [[footer.links]]\ntitle = { nl = \"Mail\", en = \"Mail\" }\nurl = \"mailto:info@example.org\"\n",
        )
        .expect("valid links");
        assert_eq!(
            links[0].target,
            FooterTarget::Page("toegankelijkheid.md".to_owned())
        );
        assert_eq!(
            links[1].target,
            FooterTarget::Url("mailto:info@example.org".to_owned())
        );
        assert_eq!(links[1].line, 4);
    }

    #[test]
    fn a_link_needs_one_target_of_the_right_form_and_every_title() {
        let cases = [
            ("title = { nl = \"T\", en = \"A\" }\n", "give either"),
            (
                "title = { nl = \"T\", en = \"A\" }\npage = \"@/a.md\"\nurl = \"https://a.org\"\n",
                "give either",
            ),
            (
                "title = { nl = \"T\", en = \"A\" }\npage = \"toegankelijkheid.md\"\n",
                "as `@/` links do",
            ),
            (
                "title = { nl = \"T\", en = \"A\" }\nurl = \"javascript:alert(1)\"\n",
                "must start with https://",
            ),
            (
                "title = { nl = \"T\" }\nurl = \"https://a.org\"\n",
                "missing a label",
            ),
        ];
        for (link, expected) in cases {
            let message = validate(&format!("[[footer.links]]\n{link}")).expect_err(link);
            assert!(message.contains(expected), "{link}: {message}");
        }
    }
}
