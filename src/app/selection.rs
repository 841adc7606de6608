//! The cursor of a list: which item is selected and which is the first on
//! screen. Every list of the explorer (results, documents, timeline events,
//! popups) moves through this one type, so none scrolls differently.

/// A list's selected item and first visible item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    pub selected: usize,
    /// The first item shown.
    pub offset: usize,
}

impl Selection {
    /// Item `selected`, scrolled to at the next [`Selection::keep_visible`].
    pub fn at(selected: usize) -> Selection {
        Selection {
            selected,
            offset: 0,
        }
    }

    /// Moves by `step` within a list of `len` items, clamped; true when the
    /// selection changed.
    pub fn step(&mut self, step: isize, len: usize) -> bool {
        let before = self.selected;
        self.selected = step_index(self.selected, step, len);
        before != self.selected
    }

    /// Keeps the selection inside a list that now has `len` items.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        self.offset = self.offset.min(self.selected);
    }

    /// Selects the item shown on `row` (counted from the list's top, in
    /// items), if there is one; true when it exists.
    pub fn click(&mut self, row: usize, len: usize) -> bool {
        let item = self.offset.saturating_add(row);
        let exists = item < len;
        if exists {
            self.selected = item;
        }
        exists
    }

    /// Scrolls so the selection is among the `rows` items shown.
    pub fn keep_visible(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
    }
}

/// Moves `current` by `step` within `0..len`, clamped.
fn step_index(current: usize, step: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (current as isize)
        .saturating_add(step)
        .clamp(0, len as isize - 1) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_in_bounds() {
        let mut s = Selection::default();
        assert!(!s.step(-1, 5));
        assert!(s.step(10, 5));
        assert_eq!(s.selected, 4);
        s.step(isize::MIN / 2, 5);
        assert_eq!(s.selected, 0);
        s.step(1, 0);
        assert_eq!(s.selected, 0);
    }

    #[test]
    fn the_selection_stays_on_screen() {
        let mut s = Selection::at(7);
        s.keep_visible(5);
        assert_eq!(s.offset, 3);
        s.selected = 2;
        s.keep_visible(5);
        assert_eq!(s.offset, 2);
        s.keep_visible(0);
        assert_eq!(s.offset, 2);
    }

    #[test]
    fn clicks_and_shrinking_lists() {
        let mut s = Selection {
            selected: 9,
            offset: 8,
        };
        assert!(s.click(1, 10));
        assert_eq!(s.selected, 9);
        assert!(!s.click(5, 10));
        s.clamp(3);
        assert_eq!(s, Selection::at(2).with_offset(2));
    }

    impl Selection {
        fn with_offset(mut self, offset: usize) -> Selection {
            self.offset = offset;
            self
        }
    }
}
