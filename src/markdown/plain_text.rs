//! A document's plain text, taken from the same event walk that renders it: the sections that its
//! headings open (the part before the first heading is a section without a heading), and its word
//! count. Later stages use these instead of reading the HTML back. Block elements separate words,
//! inline ones do not; footnote reference numbers are left out (they would glue to words: `werking¹`)
//! and the notes' text ends the last section, where the page shows it. Text inside a `::: noindex`
//! block counts as words but belongs to no section, and a heading inside such a block opens a section
//! marked `noindex`. An image's alt text is text, and so is text between inline HTML tags; an HTML block contributes
//! none, as this stage does not parse HTML.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::blocks::{self, Block, Marker, NOINDEX_BLOCK};

/// A part of a document, as plain text with whitespace collapsed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// The heading's id; `None` for the part before the first heading.
    pub id: Option<String>,
    /// The heading's level, 1–6; 0 for the part before the first heading.
    pub level: u8,
    pub title: String,
    pub text: String,
    /// The heading stands inside a `::: noindex` block: the section must not be found by search.
    pub noindex: bool,
}

/// What the walk found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlainText {
    pub sections: Vec<Section>,
    /// Words a reader sees in the body, notes and block titles included.
    pub word_count: usize,
}

/// The plain text of a document's events (heading ids assigned, before footnotes are moved), with
/// its `blocks` and the footnote labels in the order the notes list shows them.
pub fn extract(
    events: &[(Event<'_>, Range<usize>)],
    blocks: &[Block],
    note_order: &[String],
) -> PlainText {
    let mut walk = Walk::default();
    walk.sections.push(Section::default());
    for (event, _) in events {
        walk.event(event, blocks);
    }
    let Walk {
        mut sections,
        notes,
        words,
        ..
    } = walk;
    if let Some(last) = sections.last_mut() {
        for label in note_order {
            if let Some(note) = notes.get(label) {
                last.text.push(' ');
                last.text.push_str(note);
            }
        }
    }
    for section in &mut sections {
        section.title = collapse_whitespace(&section.title);
        section.text = collapse_whitespace(&section.text);
    }
    PlainText {
        sections,
        word_count: words.count,
    }
}

#[derive(Default)]
struct Walk {
    sections: Vec<Section>,
    /// Footnote label → its text; the first definition of a label wins, as on the page.
    notes: HashMap<String, String>,
    /// The footnote being defined.
    note: Option<(String, String)>,
    in_heading: bool,
    noindex_depth: usize,
    words: WordCount,
}

impl Walk {
    fn event(&mut self, event: &Event<'_>, blocks: &[Block]) {
        match event {
            Event::Text(text) | Event::Code(text) => self.text(text),
            Event::SoftBreak | Event::HardBreak | Event::Rule => self.separate(),
            Event::Start(Tag::Heading { level, id, .. }) if self.note.is_none() => {
                self.sections.push(Section {
                    id: id.as_ref().map(|id| id.to_string()),
                    level: *level as u8,
                    noindex: self.noindex_depth > 0,
                    ..Section::default()
                });
                self.in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) if self.note.is_none() => {
                self.in_heading = false;
                self.separate();
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.note = Some((label.to_string(), String::new()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, text)) = self.note.take() {
                    self.notes.entry(label).or_insert(text);
                }
            }
            Event::Start(tag) if !is_inline(tag) => self.separate(),
            Event::End(tag) if !is_inline_end(*tag) => self.separate(),
            Event::Html(html) => match blocks::marker(html) {
                Some(Marker::Open(block)) => self.open_block(blocks.get(block)),
                Some(Marker::Close(block)) => self.close_block(blocks.get(block)),
                None => self.separate(),
            },
            _ => {}
        }
    }

    fn open_block(&mut self, block: Option<&Block>) {
        let Some(block) = block else { return };
        self.separate();
        if block.name == NOINDEX_BLOCK {
            self.noindex_depth += 1;
        }
        if let Some(title) = &block.title {
            self.text(&inline_text(title));
            self.separate();
        }
    }

    fn close_block(&mut self, block: Option<&Block>) {
        if block.is_some_and(|block| block.name == NOINDEX_BLOCK) {
            self.noindex_depth = self.noindex_depth.saturating_sub(1);
        }
        self.separate();
    }

    fn text(&mut self, text: &str) {
        self.words.feed(text);
        if let Some(target) = self.target() {
            target.push_str(text);
        }
    }

    fn separate(&mut self) {
        self.words.feed(" ");
        if let Some(target) = self.target() {
            target.push(' ');
        }
    }

    /// Where text goes now; `None` inside a `noindex` block.
    fn target(&mut self) -> Option<&mut String> {
        if self.noindex_depth > 0 {
            return None;
        }
        if let Some((_, note)) = &mut self.note {
            return Some(note);
        }
        let section = self.sections.last_mut()?;
        Some(if self.in_heading {
            &mut section.title
        } else {
            &mut section.text
        })
    }
}

/// Counts runs of letters and digits across events, so that `**Stad**en` is one word.
#[derive(Default)]
struct WordCount {
    count: usize,
    in_word: bool,
}

impl WordCount {
    fn feed(&mut self, text: &str) {
        for c in text.chars() {
            let alphanumeric = c.is_alphanumeric();
            if alphanumeric && !self.in_word {
                self.count += 1;
            }
            self.in_word = alphanumeric;
        }
    }
}

/// Tags inside running text: no word break around them.
fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The text of one line of inline Markdown (a block's title).
fn inline_text(markdown: &str) -> String {
    Parser::new_ext(markdown, super::options())
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.into_string()),
            _ => None,
        })
        .collect()
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
