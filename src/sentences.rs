//! Sentence boundaries inside a paragraph, with citation markers kept on the
//! sentence they close.

use std::ops::Range;

/// Splits `text[range]` into sentences and returns their byte ranges, trimmed of
/// surrounding white space.
///
/// A sentence ends at `.`, `!`, `?`, `؟` or `…` (not a `.` between digits, as in
/// 2.5). Closing quotes and brackets and any citation markers (`[14]`, `[14][15]`)
/// right after the terminator belong to the sentence that ends there, even when
/// the next sentence is glued on (`.[23]وفي أبريل`).
pub fn sentence_spans(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut start = range.start;
    let mut i = range.start;
    while i < range.end {
        let Some(c) = text[i..range.end].chars().next() else {
            break;
        };
        let next = i + c.len_utf8();
        if is_terminator(c) && !is_decimal_point(bytes, i, range.clone()) {
            let end = absorb_closers(text, next, range.end);
            push_trimmed(text, start..end, &mut spans);
            start = end;
            i = end;
        } else {
            i = next;
        }
    }
    push_trimmed(text, start..range.end, &mut spans);
    spans
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…')
}

fn is_decimal_point(bytes: &[u8], i: usize, range: Range<usize>) -> bool {
    bytes[i] == b'.'
        && i > range.start
        && i + 1 < range.end
        && bytes[i - 1].is_ascii_digit()
        && bytes[i + 1].is_ascii_digit()
}

/// Moves past repeated terminators, closing quotes/brackets and citation markers.
fn absorb_closers(text: &str, mut i: usize, end: usize) -> usize {
    loop {
        let rest = &text[i..end];
        if let Some(len) = crate::cite::marker_len(rest) {
            i += len;
            continue;
        }
        match rest.chars().next() {
            Some(c) if is_terminator(c) || matches!(c, '"' | '”' | '»' | ')' | '\'') => {
                i += c.len_utf8();
            }
            _ => return i,
        }
    }
}

fn push_trimmed(text: &str, range: Range<usize>, spans: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        spans.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentence_spans(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn splits_at_arabic_and_latin_terminators() {
        assert_eq!(
            split("جملة أولى. جملة ثانية؟ ثالثة"),
            ["جملة أولى.", "جملة ثانية؟", "ثالثة"]
        );
    }

    #[test]
    fn marker_after_full_stop_belongs_to_previous_sentence_even_when_glued() {
        assert_eq!(
            split("انتهت الحرب.[23]وفي أبريل عاد السكان.[24][25] ثم"),
            ["انتهت الحرب.[23]", "وفي أبريل عاد السكان.[24][25]", "ثم"]
        );
    }

    #[test]
    fn decimal_points_do_not_split() {
        assert_eq!(split("بلغت 2.5 مليون. ثم"), ["بلغت 2.5 مليون.", "ثم"]);
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            split("قال \"هذه حرب.\" وأضاف"),
            ["قال \"هذه حرب.\"", "وأضاف"]
        );
    }

    #[test]
    fn respects_the_given_range() {
        let text = "xx. أ. ب. yy";
        let r = 4..text.len() - 3;
        let got: Vec<&str> = sentence_spans(text, r)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["أ.", "ب."]);
    }
}
