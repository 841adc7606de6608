//! Reordering one visual line: UAX #9 rules L1 and L2, at grapheme granularity.
//!
//! `unicode-bidi` computes the embedding levels of the whole paragraph (rules P2–I2). Its
//! own line functions (`visual_runs`, `reorder_line`) copy the levels of the *whole
//! paragraph* for every line, which is quadratic on a long paragraph, and reverse right-to-left
//! runs char by char, which puts a mark such as tanween (U+064B) before its letter. So L1 is
//! redone here on the line's bytes only (a transcription of `unicode-bidi`'s
//! `reorder_levels`), and L2 runs on one level per grapheme cluster, which keeps every
//! cluster whole and in logical order inside (L3 for combining marks).

use std::ops::Range;

use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo};

/// The levels of the bytes of `line` after rule L1: segment and paragraph separators, and
/// whitespace or isolate controls that end the line or precede a separator, go back to the
/// paragraph level; removed formatting characters (X9) take the level before them.
///
/// `line` must be a byte range of `info.text` on char boundaries; if it is not, the levels
/// are returned unchanged (never a panic).
pub(super) fn line_levels(info: &ParagraphBidiInfo<'_>, line: Range<usize>) -> Vec<Level> {
    let (Some(text), Some(classes), Some(levels)) = (
        info.text.get(line.clone()),
        info.original_classes.get(line.clone()),
        info.levels.get(line),
    ) else {
        return Vec::new();
    };
    let mut levels = levels.to_vec();
    reset_whitespace_levels(text, classes, &mut levels, info.paragraph_level);
    levels
}

/// Rule L1 on one line's bytes (`classes` and `levels` are per byte of `text`).
fn reset_whitespace_levels(
    text: &str,
    classes: &[BidiClass],
    levels: &mut [Level],
    paragraph_level: Level,
) {
    use BidiClass::{B, BN, FSI, LRE, LRI, LRO, PDF, PDI, RLE, RLI, RLO, S, WS};
    // Start of the pending run of whitespace that is reset if a separator or the line end
    // follows it.
    let mut reset_from: Option<usize> = Some(0);
    let mut previous_level = paragraph_level;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let Some(&class) = classes.get(i) else {
            break;
        };
        match class {
            B | S => {
                let from = reset_from.unwrap_or(i);
                set_levels(levels, from..end, paragraph_level);
                reset_from = None;
            }
            WS | FSI | LRI | RLI | PDI => {
                reset_from.get_or_insert(i);
            }
            RLE | LRE | RLO | LRO | PDF | BN => {
                reset_from.get_or_insert(i);
                set_levels(levels, i..end, previous_level);
            }
            _ => reset_from = None,
        }
        previous_level = levels.get(i).copied().unwrap_or(previous_level);
    }
    if let Some(from) = reset_from {
        set_levels(levels, from..levels.len(), paragraph_level);
    }
}

fn set_levels(levels: &mut [Level], range: Range<usize>, level: Level) {
    if let Some(slice) = levels.get_mut(range) {
        slice.fill(level);
    }
}

/// Rule L2: the visual order of items with these levels, as indices into `levels`
/// (`order[visual] == logical`).
pub(super) fn visual_order(levels: &[Level]) -> Vec<usize> {
    ParagraphBidiInfo::reorder_visual(levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Our L1 must agree with unicode-bidi's own, which it transcribes.
    fn assert_l1_matches_unicode_bidi(text: &str, line: Range<usize>) {
        let info = ParagraphBidiInfo::new(text, None);
        let ours = line_levels(&info, line.clone());
        let theirs = info.reordered_levels(line.clone());
        assert_eq!(ours, theirs[line].to_vec(), "{text:?}");
    }

    #[test]
    fn l1_agrees_with_unicode_bidi() {
        let text = "abc \u{5d0}\u{5d1} \t123 \u{2067}x\u{2069} \u{202b}y\u{202c}  ";
        for start in text.char_indices().map(|(i, _)| i) {
            assert_l1_matches_unicode_bidi(text, start..text.len());
            assert_l1_matches_unicode_bidi(text, 0..start);
        }
    }

    #[test]
    fn trailing_space_takes_paragraph_level() {
        let text = "שלום abc ";
        let info = ParagraphBidiInfo::new(text, None);
        let levels = line_levels(&info, 0..text.len());
        assert_eq!(levels.last().map(|l| l.number()), Some(1));
    }

    #[test]
    fn bad_range_gives_no_levels() {
        let info = ParagraphBidiInfo::new("سلام", None);
        assert!(line_levels(&info, 1..2).is_empty());
        assert!(line_levels(&info, 3..99).is_empty());
    }
}
