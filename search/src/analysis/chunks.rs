//! Cuts text into chunks: words, or words joined by hyphens (`15-minutenstad`, `e-inclusie`), each
//! cut into folded pieces with their byte ranges in the text. A chunk remembers when a hyphen leaves it
//! open (`Parkeer-` in `Parkeer- en Toegangsregister`, `-mitigatie` in `klimaatadaptatie en
//! -mitigatie`), which is how Dutch writes elided compounds. Apostrophe plurals lose their `'s`
//! (`thema’s` → `thema`, `OCMW's` → `ocmw`), dotted acronyms close up (`O.C.M.W.` → `ocmw`).

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;

use crate::text::{fold, is_invisible};

/// A word or a hyphenated group of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Hyphen-separated pieces, folded; never empty.
    pub pieces: Vec<Piece>,
    /// A hyphen followed by a space ends it: the first half of an elided compound (`Parkeer-`).
    pub open_end: bool,
    /// A hyphen after a space starts it: the second half of an elided compound (`-mitigatie`).
    pub open_start: bool,
}

/// One hyphen-separated part of a chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Folded text.
    pub text: String,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
}

impl Chunk {
    /// The pieces written together: `15-minutenstad` → `15minutenstad`.
    pub fn joined(&self) -> Cow<'_, str> {
        match self.pieces.as_slice() {
            [single] => Cow::Borrowed(&single.text),
            pieces => Cow::Owned(pieces.iter().map(|piece| piece.text.as_str()).collect()),
        }
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c) || is_invisible(c)
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// The chunks of `text`, in order.
pub fn chunks(text: &str) -> Vec<Chunk> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |index: usize| chars.get(index).map_or(text.len(), |&(offset, _)| offset);
    let word_at = |index: usize| chars.get(index).is_some_and(|&(_, c)| is_word_char(c));
    let mut found = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index].1;
        let open_start = is_hyphen(c) && !word_at(index.wrapping_sub(1)) && word_at(index + 1);
        if !is_word_char(c) && !open_start {
            index += 1;
            continue;
        }
        let first = if open_start { index + 1 } else { index };
        let mut last = first; // exclusive
        let mut open_end = false;
        let mut segment_len = 0;
        while last < chars.len() {
            let c = chars[last].1;
            if is_word_char(c) {
                segment_len += 1;
                last += 1;
                continue;
            }
            let joins = word_at(last + 1);
            let dotted_acronym = c == '.'
                && segment_len == 1
                && chars
                    .get(last + 1)
                    .is_some_and(|&(_, next)| next.is_alphabetic());
            if (is_hyphen(c) || is_apostrophe(c)) && joins || dotted_acronym {
                segment_len = 0;
                last += 1;
                continue;
            }
            open_end = is_hyphen(c);
            break;
        }
        let (start, end) = (end_of(first), end_of(last));
        let pieces = pieces(text, start, end);
        if !pieces.is_empty() {
            found.push(Chunk {
                start,
                end,
                pieces,
                open_end,
                open_start,
            });
        }
        index = if open_end {
            last + 1
        } else {
            last.max(index + 1)
        };
    }
    found
}

/// The hyphen-separated pieces of `text[start..end]`, folded.
fn pieces(text: &str, start: usize, end: usize) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut piece_start = start;
    for (offset, c) in text[start..end]
        .char_indices()
        .map(|(offset, c)| (start + offset, c))
        .chain([(end, '-')])
    {
        if !is_hyphen(c) {
            continue;
        }
        let folded = fold_piece(&text[piece_start..offset]);
        if !folded.is_empty() {
            pieces.push(Piece {
                text: folded,
                start: piece_start,
                end: offset,
            });
        }
        piece_start = offset + c.len_utf8();
    }
    pieces
}

/// A piece without its apostrophe plural, apostrophes and acronym dots, folded.
fn fold_piece(raw: &str) -> String {
    if raw.bytes().all(|byte| byte.is_ascii_alphanumeric()) {
        return raw.to_ascii_lowercase();
    }
    let mut letters: Vec<char> = raw.chars().filter(|&c| c != '.').collect();
    let len = letters.len();
    if len > 2 && is_apostrophe(letters[len - 2]) && matches!(letters[len - 1], 's' | 'S') {
        letters.truncate(len - 2);
    }
    let kept: String = letters.into_iter().filter(|&c| !is_apostrophe(c)).collect();
    fold(&kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<Vec<String>> {
        chunks(text)
            .into_iter()
            .map(|chunk| chunk.pieces.into_iter().map(|piece| piece.text).collect())
            .collect()
    }

    #[test]
    fn words_fold_and_keep_their_ranges() {
        let text = "De klimaatcoördinatoren van Gent";
        let found = chunks(text);
        assert_eq!(found.len(), 4);
        assert_eq!(found[1].joined(), "klimaatcoordinatoren");
        assert_eq!(&text[found[1].start..found[1].end], "klimaatcoördinatoren");
    }

    #[test]
    fn apostrophe_plurals_lose_their_s() {
        assert_eq!(
            texts("thema’s, OCMW's en foto's"),
            [vec!["thema"], vec!["ocmw"], vec!["en"], vec!["foto"]]
        );
    }

    #[test]
    fn hyphens_join_pieces_and_leave_elisions_open() {
        let found = chunks(
            "de 15-minutenstad en Parkeer- en Toegangsregister, klimaatadaptatie en -mitigatie",
        );
        assert_eq!(found[1].joined(), "15minutenstad");
        assert_eq!(found[1].pieces.len(), 2);
        let parkeer = &found[3];
        assert_eq!(
            (parkeer.joined().as_ref(), parkeer.open_end),
            ("parkeer", true)
        );
        let mitigatie = found.last().unwrap();
        assert_eq!(
            (mitigatie.joined().as_ref(), mitigatie.open_start),
            ("mitigatie", true)
        );
        assert!(!found[1].open_end && !found[1].open_start);
    }

    #[test]
    fn dotted_acronyms_close_up_but_domains_do_not() {
        assert_eq!(texts("O.C.M.W."), [vec!["ocmw"]]);
        assert_eq!(
            texts("Rechtenverkenner.be"),
            [vec!["rechtenverkenner"], vec!["be"]]
        );
    }

    #[test]
    fn dashes_and_units_separate_or_fold() {
        assert_eq!(texts("2022–2026"), [vec!["2022"], vec!["2026"]]);
        assert_eq!(texts("13 km²"), [vec!["13"], vec!["km2"]]);
    }
}
