//! The timeline pane: which events are listed (all, or those the query
//! matches), which is selected, and which of its mentions the source view
//! shows.

use super::selection::Selection;
use crate::query::Query;
use crate::timeline::filter::MentionIndex;
use crate::timeline::{Entry, Mention, Timeline};

#[derive(Debug, Default)]
pub struct TimelineState {
    /// Show only events with a mention matching the query.
    pub follow_query: bool,
    /// Indices into the timeline's entries, in date order.
    pub visible: Vec<usize>,
    pub list: Selection,
    /// Which mention of the selected event the source view shows.
    pub mention: usize,
}

impl TimelineState {
    /// Lists the events `query` matches (all of them without a query, or when
    /// not following it); the first mention of the selection is shown next.
    pub fn refresh(&mut self, timeline: &Timeline, mentions: &MentionIndex, query: Option<&Query>) {
        self.visible = match query.filter(|_| self.follow_query) {
            Some(q) => mentions.entries_matching(timeline, q),
            None => (0..timeline.entries.len()).collect(),
        };
        self.list.clamp(self.visible.len());
        self.mention = 0;
    }

    /// The index of the selected event in the timeline.
    pub fn selected_entry(&self) -> Option<usize> {
        self.visible.get(self.list.selected).copied()
    }

    /// The selected event and the mention shown.
    pub fn selected_mention<'t>(&self, timeline: &'t Timeline) -> Option<(&'t Entry, &'t Mention)> {
        let entry = timeline.entries.get(self.selected_entry()?)?;
        Some((entry, entry.mentions.get(self.mention)?))
    }

    /// Moves the selection by `step`; a new event starts at its first mention.
    pub fn step(&mut self, step: isize) {
        if self.list.step(step, self.visible.len()) {
            self.mention = 0;
        }
    }

    /// Selects the event listed on `row`, if there is one.
    pub fn click(&mut self, row: usize) {
        if self.list.click(row, self.visible.len()) {
            self.mention = 0;
        }
    }

    /// Selects `entry` if it is listed; true when it is.
    pub fn select(&mut self, entry: usize) -> bool {
        match self.visible.iter().position(|&e| e == entry) {
            Some(pos) => {
                self.list.selected = pos;
                true
            }
            None => false,
        }
    }

    /// The next (or previous) mention of the selected event, round the list;
    /// false when there is none.
    pub fn cycle_mention(&mut self, timeline: &Timeline, step: isize) -> bool {
        let Some(entry) = self.selected_entry().and_then(|e| timeline.entries.get(e)) else {
            return false;
        };
        let n = entry.mentions.len();
        if n == 0 {
            return false;
        }
        self.mention = (self.mention as isize + step).rem_euclid(n as isize) as usize;
        true
    }
}
