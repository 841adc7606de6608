//! Paragraph and run directions (UAX #9 P2–P3), and the alignment that follows from them.

use unicode_bidi::Level;

/// A paragraph or run direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right (Latin, digits, Armenian…).
    Ltr,
    /// Right to left (Arabic, Hebrew…).
    Rtl,
}

impl Direction {
    pub(super) fn level(self) -> Level {
        match self {
            Self::Ltr => Level::ltr(),
            Self::Rtl => Level::rtl(),
        }
    }

    pub(super) fn of_level(level: Level) -> Self {
        if level.is_rtl() {
            Self::Rtl
        } else {
            Self::Ltr
        }
    }

    /// How lines of a paragraph in this direction are aligned.
    pub fn alignment(self) -> Alignment {
        match self {
            Self::Ltr => Alignment::Left,
            Self::Rtl => Alignment::Right,
        }
    }
}

/// Where a visual line sits in a wider area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alignment {
    /// Against the left edge (left-to-right paragraphs).
    Left,
    /// Against the right edge (right-to-left paragraphs).
    Right,
}

/// The direction of the first strong character outside isolates (UAX #9 P2), or `None` if
/// the text has none (digits, punctuation, an empty search box). Use it to choose a
/// fallback other than left-to-right, e.g. right-to-left for an empty Arabic query.
pub fn strong_direction(text: &str) -> Option<Direction> {
    match unicode_bidi::get_base_direction_full(text) {
        unicode_bidi::Direction::Ltr => Some(Direction::Ltr),
        unicode_bidi::Direction::Rtl => Some(Direction::Rtl),
        unicode_bidi::Direction::Mixed => None,
    }
}

/// The paragraph direction of `text` by UAX #9 P2–P3: the first strong character's,
/// left-to-right if there is none.
pub fn base_direction(text: &str) -> Direction {
    strong_direction(text).unwrap_or(Direction::Ltr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strong_direction_skips_neutrals() {
        assert_eq!(strong_direction("123 (سلام)"), Some(Direction::Rtl));
        assert_eq!(strong_direction("123 ..."), None);
        assert_eq!(base_direction(""), Direction::Ltr);
    }
}
