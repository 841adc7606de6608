//! Visual lines from the layout engine ([`crate::bidi`]) as ratatui lines.
//!
//! The lines come out already wrapped, reordered and aligned: right-to-left lines are padded
//! on the left with blanks up to the area width, and every line is explicitly left-aligned,
//! so ratatui neither wraps nor re-aligns them. Draw them with `Paragraph::new(lines)`
//! *without* `.wrap(..)` and without an alignment of its own.
//!
//! Each cell becomes its own span. Joining cells into one string would let ratatui segment
//! graphemes again across cell boundaries (reordered regional indicators or a lone mark could
//! merge with a neighbour and change the widths); one span per cell keeps every cell exactly
//! where the layout put it. Zero-width cells (hidden bidi controls, lone marks) are left out:
//! ratatui's buffer would drop them anyway.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::bidi::{Layout, VisualLine};

/// One visual line as a ratatui line for an area `width` cells wide, right-to-left lines
/// padded on the left. A line wider than the area is not cut here (the layout should have
/// been made for this width); ratatui will clip it on the right.
pub fn to_line<S: Copy>(
    line: &VisualLine<S>,
    width: usize,
    style: &impl Fn(S) -> Style,
) -> Line<'static> {
    let indent = line.indent(width);
    let mut spans = Vec::with_capacity(line.cells.len() + 1);
    if indent > 0 {
        spans.push(Span::raw(" ".repeat(indent)));
    }
    spans.extend(
        line.cells_with_text()
            .filter(|(cell, _)| cell.width > 0)
            .map(|(cell, text)| Span::styled(text.to_string(), style(cell.style))),
    );
    Line::from(spans).left_aligned()
}

/// All lines of a laid-out paragraph, see [`to_line`].
pub fn to_lines<S: Copy>(
    layout: &Layout<S>,
    width: usize,
    style: impl Fn(S) -> Style,
) -> Vec<Line<'static>> {
    layout
        .lines
        .iter()
        .map(|line| to_line(line, width, &style))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bidi::{layout, LayoutOptions};
    use ratatui::style::Color;

    fn plain(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn rtl_lines_are_padded_on_the_left() {
        let laid = layout::<()>("سلام عليكم", &LayoutOptions::wrapped(6), &[]);
        let lines = to_lines(&laid, 8, |_| Style::default());
        assert_eq!(plain(&lines[0]), "    مالس");
        assert_eq!(plain(&lines[1]), "   مكيلع");
    }

    #[test]
    fn ltr_lines_are_not_padded() {
        let laid = layout::<()>("abc", &LayoutOptions::wrapped(8), &[]);
        assert_eq!(plain(&to_lines(&laid, 8, |_| Style::default())[0]), "abc");
    }

    #[test]
    fn styles_are_mapped_per_cell() {
        let laid = layout("ab سلام", &LayoutOptions::default(), &[(3..5, true)]);
        let lines = to_lines(&laid, 7, |hit| {
            if hit {
                Style::new().fg(Color::Red)
            } else {
                Style::new()
            }
        });
        let red: String = lines[0]
            .spans
            .iter()
            .filter(|s| s.style.fg == Some(Color::Red))
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(red, "س");
    }

    #[test]
    fn zero_width_cells_are_skipped() {
        let laid = layout::<()>("\u{202b}ab", &LayoutOptions::default(), &[]);
        let lines = to_lines(&laid, 3, |_| Style::default());
        assert_eq!(lines[0].spans.len(), 2);
    }
}
