//! Greedy line breaking in logical order.
//!
//! The rule, which `tests/fixtures/bidi/make_vectors.py` reproduces exactly:
//!
//! * The paragraph is split into tokens at every grapheme that is exactly U+0020. Other
//!   spaces (U+00A0 no-break space, tabs, ideographic space) never break.
//! * Tokens are placed greedily: a token joins the current line, with the one space before
//!   it, if `line width + 1 + token width <= width`; otherwise the current line ends and the
//!   space between the two is dropped (it is shown nowhere).
//! * A token wider than the whole line starts a new line and is hard-split between graphemes;
//!   nothing is dropped at a hard split. A single grapheme wider than the line (a wide CJK
//!   character at width 1) gets a line of its own, which is then wider than `width`.
//! * Consecutive spaces are kept as typed; each break drops exactly one of them, so a run of
//!   spaces at a break may start the next line or leave an empty line.
//! * Widths are per grapheme (see `Grapheme`), never `str::width` of a whole line.
//!
//! Hand-written because no wrapper in the tree breaks logical text at grapheme cells and
//! reports the dropped spaces: ratatui's `Wrap` breaks while it draws, after any reordering.

use std::ops::Range;

use super::graphemes::Grapheme;

/// One output line: a range of grapheme indices, and whether the grapheme right after it
/// is a space dropped by the break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WrappedLine {
    pub graphemes: Range<usize>,
    pub soft_break: bool,
}

/// A line being filled: grapheme indices `start..end`, `width` cells.
#[derive(Debug, Clone, Copy)]
struct Open {
    start: usize,
    end: usize,
    width: usize,
}

/// Breaks `graphemes` (the segmentation of `text`) into lines of at most `width` cells.
/// `None` means no wrapping: one line. A width of 0 is treated as 1 so that every line
/// holds at least one grapheme and the loop always advances.
pub(super) fn wrap(text: &str, graphemes: &[Grapheme], width: Option<usize>) -> Vec<WrappedLine> {
    let Some(width) = width else {
        return vec![WrappedLine {
            graphemes: 0..graphemes.len(),
            soft_break: false,
        }];
    };
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut open: Option<Open> = None;
    for token in tokens(text, graphemes) {
        let token_width = total_width(&graphemes[token.clone()]);
        open = match open {
            Some(line) if line.width + 1 + token_width <= width => Some(Open {
                end: token.end,
                width: line.width + 1 + token_width,
                ..line
            }),
            Some(line) => {
                lines.push(WrappedLine {
                    graphemes: line.start..line.end,
                    soft_break: true,
                });
                Some(start_line(&mut lines, graphemes, token, width))
            }
            None => Some(start_line(&mut lines, graphemes, token, width)),
        };
    }
    if let Some(line) = open {
        lines.push(WrappedLine {
            graphemes: line.start..line.end,
            soft_break: false,
        });
    }
    lines
}

/// Opens a line with `token`; a token wider than `width` is hard-split, its full chunks
/// pushed to `lines` and its last chunk left open.
fn start_line(
    lines: &mut Vec<WrappedLine>,
    graphemes: &[Grapheme],
    token: Range<usize>,
    width: usize,
) -> Open {
    let mut open = Open {
        start: token.start,
        end: token.start,
        width: 0,
    };
    for index in token {
        let grapheme_width = graphemes[index].width;
        if open.end > open.start && open.width + grapheme_width > width {
            lines.push(WrappedLine {
                graphemes: open.start..open.end,
                soft_break: false,
            });
            open = Open {
                start: index,
                end: index,
                width: 0,
            };
        }
        open.end = index + 1;
        open.width += grapheme_width;
    }
    open
}

/// The grapheme-index ranges between U+0020 graphemes (possibly empty), in order.
fn tokens<'a>(text: &'a str, graphemes: &'a [Grapheme]) -> impl Iterator<Item = Range<usize>> + 'a {
    let mut start = 0;
    let mut done = false;
    let mut index = 0;
    std::iter::from_fn(move || {
        while index < graphemes.len() {
            let current = index;
            index += 1;
            if is_break_space(text, &graphemes[current]) {
                let token = start..current;
                start = index;
                return Some(token);
            }
        }
        if done {
            return None;
        }
        done = true;
        Some(start..graphemes.len())
    })
}

/// True if the grapheme is exactly one U+0020 (a space carrying a combining mark is not).
fn is_break_space(text: &str, grapheme: &Grapheme) -> bool {
    text.get(grapheme.bytes.clone()) == Some(" ")
}

fn total_width(graphemes: &[Grapheme]) -> usize {
    graphemes.iter().map(|g| g.width).sum()
}

#[cfg(test)]
mod tests {
    use super::super::graphemes::segment;
    use super::*;

    /// The logical text of each wrapped line.
    fn wrapped(text: &str, width: usize) -> Vec<String> {
        let graphemes = segment(text, None);
        wrap(text, &graphemes, Some(width))
            .into_iter()
            .map(|line| {
                let start = graphemes
                    .get(line.graphemes.start)
                    .map_or(text.len(), |g| g.bytes.start);
                let end = line
                    .graphemes
                    .end
                    .checked_sub(1)
                    .map_or(start, |i| graphemes[i].bytes.end);
                text[start..end.max(start)].to_string()
            })
            .collect()
    }

    #[test]
    fn breaks_at_spaces_and_drops_them() {
        assert_eq!(wrapped("aa bb cc", 5), ["aa bb", "cc"]);
    }

    #[test]
    fn exact_fit_stays_on_one_line() {
        assert_eq!(wrapped("aa bb", 5), ["aa bb"]);
    }

    #[test]
    fn no_break_space_holds_words_together() {
        assert_eq!(wrapped("ab\u{a0}cd ef", 5), ["ab\u{a0}cd", "ef"]);
    }

    #[test]
    fn long_word_is_hard_split() {
        assert_eq!(wrapped("x abcdefg", 3), ["x", "abc", "def", "g"]);
    }

    #[test]
    fn tashkeel_takes_no_width() {
        // 5 letters + 1 mark: fits exactly in 5 cells.
        assert_eq!(wrapped("ووفقًا ب", 5), ["ووفقًا", "ب"]);
    }

    #[test]
    fn lam_alef_counts_two_cells() {
        // str::width says "لا" is 1 cell; terminals draw 2.
        assert_eq!(wrapped("لا لا", 4), ["لا", "لا"]);
    }

    #[test]
    fn width_zero_and_one_make_progress() {
        assert_eq!(wrapped("ab c", 0), ["a", "b", "c"]);
        assert_eq!(wrapped("ab c", 1), ["a", "b", "c"]);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrapped("", 10), [""]);
    }

    #[test]
    fn double_space_at_a_break_keeps_one() {
        assert_eq!(wrapped("ab  cd", 2), ["ab", "", "cd"]);
        assert_eq!(wrapped("ab  cd", 3), ["ab ", "cd"]);
    }
}
