//! The search input: a query in logical (typing) order with a cursor. It is drawn
//! through the layout engine; here it is only edited.

use unicode_segmentation::UnicodeSegmentation;

use crate::bidi::{base_direction, Direction};

/// Editing commands of the search input, on logical (typing-order) text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputEdit {
    DeleteBack,
    DeleteForward,
    DeleteWordBack,
    /// Left and right follow the text's direction: in a right-to-left query the
    /// Left arrow moves forward in logical order, as the eye expects.
    Left,
    Right,
    Start,
    End,
    Clear,
}

/// Queries longer than this are cut when typed or pasted: a guard, not a limit
/// anyone meets by typing.
pub const MAX_QUERY_BYTES: usize = 4096;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    cursor: usize,
}

impl Input {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Inserts typed or pasted text at the cursor. Line breaks and tabs become
    /// spaces and other control characters are dropped: a query is one line.
    pub fn insert(&mut self, s: &str) {
        let clean: String = s
            .chars()
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .filter(|c| !c.is_control())
            .collect();
        let room = MAX_QUERY_BYTES.saturating_sub(self.text.len());
        let mut cut = clean.len().min(room);
        while !clean.is_char_boundary(cut) {
            cut -= 1;
        }
        self.text.insert_str(self.cursor, &clean[..cut]);
        self.cursor += cut;
        self.snap_cursor();
    }

    pub fn apply(&mut self, edit: InputEdit) {
        match edit {
            InputEdit::DeleteBack => {
                let start = self.prev_boundary();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            InputEdit::DeleteForward => {
                let end = self.next_boundary();
                self.text.replace_range(self.cursor..end, "");
            }
            InputEdit::DeleteWordBack => {
                let before = self.text[..self.cursor].trim_end();
                let start = before.rfind(' ').map_or(0, |i| i + 1);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            InputEdit::Left | InputEdit::Right => {
                // Arrows follow the text's direction: in an Arabic query the Left
                // arrow moves towards the end of the text.
                let forward = (edit == InputEdit::Right) == (self.direction() == Direction::Ltr);
                self.cursor = if forward {
                    self.next_boundary()
                } else {
                    self.prev_boundary()
                };
            }
            InputEdit::Start => self.cursor = 0,
            InputEdit::End => self.cursor = self.text.len(),
            InputEdit::Clear => {
                self.text.clear();
                self.cursor = 0;
            }
        }
    }

    /// The query's direction; an empty or neutral query counts as Arabic.
    pub fn direction(&self) -> Direction {
        match crate::bidi::strong_direction(&self.text) {
            Some(d) => d,
            None if self.text.is_empty() => Direction::Rtl,
            None => base_direction(&self.text),
        }
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    /// Inserting a mark may merge it into the previous grapheme; keep the cursor
    /// after the whole cluster.
    fn snap_cursor(&mut self) {
        let mut at = 0;
        for g in self.text.graphemes(true) {
            if at + g.len() > self.cursor && at < self.cursor {
                self.cursor = at + g.len();
                return;
            }
            at += g.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_and_deleting_by_grapheme() {
        let mut i = Input::default();
        i.insert("وُقِّع");
        assert_eq!(i.cursor(), i.text().len());
        i.apply(InputEdit::DeleteBack);
        assert_eq!(i.text(), "وُقِّ");
        i.apply(InputEdit::DeleteBack);
        assert_eq!(i.text(), "وُ");
    }

    #[test]
    fn arrows_follow_the_direction_of_the_text() {
        let mut i = Input::default();
        i.insert("قره باغ");
        i.apply(InputEdit::Left); // towards the end: already there
        assert_eq!(i.cursor(), i.text().len());
        i.apply(InputEdit::Right); // towards the start
        assert_eq!(i.cursor(), "قره با".len());
        let mut l = Input::default();
        l.insert("RTJMC");
        l.apply(InputEdit::Left);
        assert_eq!(l.cursor(), 4);
    }

    #[test]
    fn paste_is_one_line_without_controls() {
        let mut i = Input::default();
        i.insert("قوات\nحفظ\u{1b}[31m\tالسلام");
        assert_eq!(i.text(), "قوات حفظ[31m السلام");
    }

    #[test]
    fn word_delete_and_bounds() {
        let mut i = Input::default();
        i.insert("قوات حفظ");
        i.apply(InputEdit::DeleteWordBack);
        assert_eq!(i.text(), "قوات ");
        i.apply(InputEdit::Start);
        i.apply(InputEdit::DeleteBack);
        i.apply(InputEdit::Clear);
        i.apply(InputEdit::DeleteForward);
        assert!(i.is_empty());
        i.insert(&"ب".repeat(MAX_QUERY_BYTES));
        assert!(i.text().len() <= MAX_QUERY_BYTES);
    }
}
