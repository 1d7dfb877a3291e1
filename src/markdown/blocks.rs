//! Structured blocks: `::: name title` … `:::` around ordinary Markdown. Before parsing, every block
//! line is replaced by an HTML comment marker on the same line, so that the whole body stays one
//! CommonMark document (footnotes, heading ids and links work across blocks) and line numbers stay
//! true. After rendering, the HTML between two markers becomes the block's body.

use std::ops::Range;

/// The `noindex` block is built in: search skips elements carrying this attribute.
pub const NOINDEX_BLOCK: &str = "noindex";
pub const NOINDEX_ATTRIBUTE: &str = "data-noindex";

/// What every marker starts with; an editor's text may not contain it, so markers cannot be forged.
const MARKER_PREFIX: &str = "<!--kennis-block-";
const OPEN_MARKER: &str = "<!--kennis-block-open:";
const CLOSE_MARKER: &str = "<!--kennis-block-close:";
const MARKER_END: &str = "-->";

/// A block as the editor wrote it.
#[derive(Debug, Clone)]
pub struct Block {
    pub name: String,
    /// Inline Markdown after the name on the opening line.
    pub title: Option<String>,
    /// Byte range of the opening line in the body.
    pub opening: Range<usize>,
}

/// The body with block lines replaced by markers, and the blocks in order of appearance.
#[derive(Debug)]
pub struct Prepared {
    pub markdown: String,
    pub blocks: Vec<Block>,
}

/// A problem with the block structure, at a byte range of the body.
#[derive(Debug, PartialEq)]
pub struct BlockError {
    pub range: Range<usize>,
    pub message: String,
}

/// Replaces block lines by markers. Lines inside fenced code are left alone.
pub fn prepare(body: &str) -> Result<Prepared, BlockError> {
    let mut markdown = String::with_capacity(body.len());
    let mut blocks = Vec::new();
    let mut open: Vec<(usize, usize)> = Vec::new(); // (block index, colon count)
    let mut fence: Option<(char, usize)> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let range = offset..offset + line.trim_end().len();
        offset += line.len();
        let content = line.trim_end();
        if let Some(marker) = code_fence(content) {
            fence = match fence {
                None => Some(marker),
                Some((c, n)) if marker.0 == c && marker.1 >= n && is_bare_fence(content) => None,
                other => other,
            };
        }
        let colons = content.chars().take_while(|&c| c == ':').count();
        if fence.is_none() && content.contains(MARKER_PREFIX) {
            return Err(BlockError {
                range,
                message: format!(
                    "`{MARKER_PREFIX}…` comments are kennis's own block markers and cannot be written in content; remove this comment"
                ),
            });
        }
        if fence.is_some() || colons < 3 {
            markdown.push_str(line);
            continue;
        }
        let rest = content[colons..].trim();
        let newline = &line[content.len()..];
        if rest.is_empty() {
            let Some((index, opened_with)) = open.pop() else {
                return Err(BlockError {
                    range,
                    message: "`:::` closes a block that was never opened".into(),
                });
            };
            if opened_with != colons {
                let block: &Block = &blocks[index];
                return Err(BlockError {
                    range,
                    message: format!(
                        "this `{}` does not match the `{}` that opened the `{}` block",
                        ":".repeat(colons),
                        ":".repeat(opened_with),
                        block.name
                    ),
                });
            }
            markdown.push_str(&format!("{CLOSE_MARKER}{index}{MARKER_END}{newline}"));
            continue;
        }
        let (name, title) = match rest.split_once(char::is_whitespace) {
            Some((name, title)) => (name, Some(title.trim().to_owned())),
            None => (rest, None),
        };
        if !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(BlockError {
                range,
                message: format!(
                    "`{name}` is not a block name (lowercase letters, digits and `-`)"
                ),
            });
        }
        if let Some(&(_, outer)) = open.last()
            && colons >= outer
        {
            return Err(BlockError {
                range,
                message: format!(
                    "a block inside another needs fewer colons than the outer one's `{}`",
                    ":".repeat(outer)
                ),
            });
        }
        open.push((blocks.len(), colons));
        markdown.push_str(&format!(
            "{OPEN_MARKER}{}{MARKER_END}{newline}",
            blocks.len()
        ));
        blocks.push(Block {
            name: name.to_owned(),
            title,
            opening: range,
        });
    }
    if let Some((index, _)) = open.pop() {
        let block = &blocks[index];
        return Err(BlockError {
            range: block.opening.clone(),
            message: format!(
                "the `{}` block is never closed; end it with a line `:::`",
                block.name
            ),
        });
    }
    Ok(Prepared { markdown, blocks })
}

/// Which marker an HTML event is, if any.
#[derive(Debug, PartialEq, Eq)]
pub enum Marker {
    Open(usize),
    Close(usize),
}

pub fn marker(html: &str) -> Option<Marker> {
    let html = html.trim();
    let number = |rest: &str| rest.strip_suffix(MARKER_END)?.parse().ok();
    if let Some(rest) = html.strip_prefix(OPEN_MARKER) {
        return number(rest).map(Marker::Open);
    }
    html.strip_prefix(CLOSE_MARKER)
        .and_then(number)
        .map(Marker::Close)
}

/// The character and length of a code fence opening or closing this line.
fn code_fence(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let c = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let count = trimmed.chars().take_while(|&x| x == c).count();
    (count >= 3).then_some((c, count))
}

fn is_bare_fence(line: &str) -> bool {
    line.trim().chars().all(|c| c == '`' || c == '~')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_lines_become_markers_on_the_same_lines() {
        let body = "Intro\n::: demands Vraag [1](@/a.md)\n- a\n:::\nOutro\n";
        let prepared = prepare(body).unwrap();
        assert_eq!(prepared.markdown.lines().count(), body.lines().count());
        assert_eq!(prepared.blocks[0].name, "demands");
        assert_eq!(
            prepared.blocks[0].title.as_deref(),
            Some("Vraag [1](@/a.md)")
        );
        assert_eq!(
            &body[prepared.blocks[0].opening.clone()],
            "::: demands Vraag [1](@/a.md)"
        );
        let lines: Vec<&str> = prepared.markdown.lines().collect();
        assert_eq!(marker(lines[1]), Some(Marker::Open(0)));
        assert_eq!(marker(lines[3]), Some(Marker::Close(0)));
    }

    #[test]
    fn nesting_needs_fewer_colons_inside() {
        let body = "::::: callout\n::: lettered\n1. a\n:::\n:::::\n";
        let prepared = prepare(body).unwrap();
        assert_eq!(prepared.blocks.len(), 2);
        let error = prepare("::: callout\n::: lettered\n:::\n:::\n").unwrap_err();
        assert!(error.message.contains("fewer colons"), "{}", error.message);
    }

    #[test]
    fn code_fences_hide_block_syntax() {
        let body = "```markdown\n::: demands\n```\n";
        let prepared = prepare(body).unwrap();
        assert!(prepared.blocks.is_empty());
        assert_eq!(prepared.markdown, body);
    }

    #[test]
    fn markers_cannot_be_forged_in_content() {
        let error = prepare("<div>\n<!--kennis-block-open:0-->\n</div>\n").unwrap_err();
        assert_eq!(error.range, 6..32);
        assert!(error.message.contains("cannot be written in content"));
        let in_code = prepare("```\n<!--kennis-block-open:0-->\n```\n").expect("code is text");
        assert!(in_code.blocks.is_empty());
    }

    #[test]
    fn unbalanced_blocks_are_errors() {
        let error = prepare("text\n::: demands\n- a\n").unwrap_err();
        assert_eq!(error.range, 5..16);
        assert!(error.message.contains("never closed"));
        assert!(
            prepare(":::\n")
                .unwrap_err()
                .message
                .contains("never opened")
        );
        assert!(
            prepare("::: Demands\n:::\n")
                .unwrap_err()
                .message
                .contains("not a block name")
        );
    }
}
