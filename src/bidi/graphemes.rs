//! The paragraph as grapheme clusters, one screen cell each: their widths as ratatui
//! measures them, what each draws (shaped, mirrored, sanitized) and the style tag it gets.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::sanitize;

/// One grapheme cluster of the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Grapheme {
    /// Byte range in the paragraph.
    pub(super) bytes: Range<usize>,
    /// Index of its first char among the paragraph's chars, to find its shaped form (only
    /// counted when shaping is on; 0 otherwise).
    pub(super) first_char: usize,
    /// Display width in cells, as ratatui counts it.
    pub(super) width: usize,
}

/// The paragraph's grapheme clusters with their display widths.
pub(super) fn segment(text: &str, shaped: Option<&[char]>) -> Vec<Grapheme> {
    let mut first_char = 0;
    text.grapheme_indices(true)
        .map(|(start, cluster)| {
            // Char positions only matter for finding shaped forms; counting costs.
            let chars = if shaped.is_some() {
                cluster.chars().count()
            } else {
                0
            };
            let shaped = shaped.and_then(|s| s.get(first_char..first_char + chars));
            let grapheme = Grapheme {
                bytes: start..start + cluster.len(),
                first_char,
                width: display_width(cluster, shaped),
            };
            first_char += chars;
            grapheme
        })
        .collect()
}

/// The width of a cluster as drawn (after shaping and sanitizing).
fn display_width(cluster: &str, shaped: Option<&[char]>) -> usize {
    let shown_as_is = || {
        cluster
            .chars()
            .all(|c| sanitize::shown_as(c) == sanitize::Shown::Same)
    };
    if shaped.is_none() && shown_as_is() {
        return cell_width(cluster);
    }
    let mut shown = String::with_capacity(cluster.len());
    push_display(&mut shown, cluster, shaped, false);
    cell_width(&shown)
}

/// The width ratatui's `Buffer` gives a one-grapheme string (ratatui-core `CellWidth`):
/// one byte → 1, else `unicode-width`, plus one per halfwidth katakana sound mark.
fn cell_width(cluster: &str) -> usize {
    match cluster.len() {
        0 => 0,
        1 => 1,
        _ => {
            let sound_marks = cluster
                .chars()
                .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'));
            cluster.width() + sound_marks.count()
        }
    }
}

/// Appends a cluster as drawn: shaped form if given, first char mirrored if `mirror`,
/// controls made visible. The result is always a single grapheme (or nothing), so ratatui
/// draws it in exactly one cell.
pub(super) fn push_display(out: &mut String, cluster: &str, shaped: Option<&[char]>, mirror: bool) {
    // CR LF is the one cluster made of controls; one picture keeps one grapheme per cell.
    if cluster == "\r\n" {
        out.push(sanitize::NEWLINE_PICTURE);
        return;
    }
    sanitize::push_shown_cluster(out, cluster, |index, c| {
        let c = shaped.and_then(|s| s.get(index).copied()).unwrap_or(c);
        if mirror && index == 0 {
            mirrored(c)
        } else {
            c
        }
    });
}

/// Rule L4: the mirror glyph of a Bidi_Mirrored character (`(` ↔ `)`, `«` ↔ `»`), kept only
/// if it is as wide as the original so that the wrap's widths stay true.
fn mirrored(c: char) -> char {
    if !may_mirror(c) {
        return c;
    }
    unicode_bidi_mirroring::get_mirrored(c)
        .filter(|m| m.width() == c.width())
        .unwrap_or(c)
}

/// False for characters that certainly have no mirror glyph: below U+2000 only these have
/// one (BidiMirroring.txt). Saves a table search per Arabic letter.
fn may_mirror(c: char) -> bool {
    u32::from(c) >= 0x2000
        || matches!(
            c,
            '(' | ')' | '<' | '>' | '[' | ']' | '{' | '}' | '«' | '»' | '\u{0F3A}'
                ..='\u{0F3D}' | '\u{169B}' | '\u{169C}'
        )
}

/// Each grapheme's style tag: the last range in `styles` that overlaps it.
pub(super) fn grapheme_styles<S: Copy + Default>(
    graphemes: &[Grapheme],
    styles: &[(Range<usize>, S)],
) -> Vec<S> {
    let mut tags = vec![S::default(); graphemes.len()];
    for (range, tag) in styles.iter().filter(|(range, _)| range.start < range.end) {
        let first = graphemes.partition_point(|g| g.bytes.end <= range.start);
        let overlapping = graphemes[first..]
            .iter()
            .take_while(|g| g.bytes.start < range.end);
        for (slot, _) in tags[first..].iter_mut().zip(overlapping) {
            *slot = *tag;
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirror_fast_path_misses_no_mirrored_char() {
        for c in (0..0x2000).filter_map(char::from_u32) {
            let has_mirror = unicode_bidi_mirroring::get_mirrored(c).is_some();
            assert!(!has_mirror || may_mirror(c), "U+{:04X}", u32::from(c));
        }
    }
}
