//! The query history: the queries a reader ran, oldest first, recalled in the
//! input as shells and fzf recall theirs (older, newer, then back to what was
//! being typed). The binary loads and saves it (`$XDG_STATE_HOME/sanad/`);
//! here it is only kept and walked.

/// The most queries kept: a long research session's worth.
pub const MAX_ENTRIES: usize = 1000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
    /// Which entry the input shows while walking, `None` when not walking.
    cursor: Option<usize>,
    /// What was in the input when the walk began, given back past the newest.
    draft: String,
}

impl History {
    /// A history of `entries`, oldest first (blank ones and repeats dropped,
    /// the latest of a repeat kept).
    pub fn new(entries: impl IntoIterator<Item = String>) -> History {
        let mut h = History::default();
        for e in entries {
            h.record(&e);
        }
        h
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Adds a query as the newest (moving it there if it was already in) and
    /// ends any walk.
    pub fn record(&mut self, query: &str) {
        self.cursor = None;
        let query = query.trim();
        if query.is_empty() {
            return;
        }
        self.entries.retain(|e| e != query);
        self.entries.push(query.to_string());
        if self.entries.len() > MAX_ENTRIES {
            let extra = self.entries.len() - MAX_ENTRIES;
            self.entries.drain(..extra);
        }
    }

    /// The query before the one shown (`current` is what the input holds
    /// when the walk starts); `None` at the oldest.
    pub fn older(&mut self, current: &str) -> Option<&str> {
        let next = match self.cursor {
            None => {
                self.draft = current.to_string();
                self.entries.len().checked_sub(1)?
            }
            Some(i) => i.checked_sub(1)?,
        };
        self.cursor = Some(next);
        self.entries.get(next).map(String::as_str)
    }

    /// The query after the one shown, then the draft the walk began from;
    /// `None` when not walking.
    pub fn newer(&mut self) -> Option<&str> {
        let i = self.cursor?;
        if i + 1 < self.entries.len() {
            self.cursor = Some(i + 1);
            return self.entries.get(i + 1).map(String::as_str);
        }
        self.cursor = None;
        Some(&self.draft)
    }

    /// Ends a walk: the input was edited, so what it shows is the reader's.
    pub fn stop_walking(&mut self) {
        self.cursor = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_back_and_forth_and_returns_the_draft() {
        let mut h = History::new(["أ".to_string(), "ب".into(), "ج".into()]);
        assert_eq!(h.older("مسودة"), Some("ج"));
        assert_eq!(h.older("ignored"), Some("ب"));
        assert_eq!(h.older(""), Some("أ"));
        assert_eq!(h.older(""), None, "the oldest stays");
        assert_eq!(h.newer(), Some("ب"));
        assert_eq!(h.newer(), Some("ج"));
        assert_eq!(h.newer(), Some("مسودة"));
        assert_eq!(h.newer(), None, "not walking any more");
    }

    #[test]
    fn repeats_move_to_the_end_blanks_are_dropped_and_size_is_bounded() {
        let mut h = History::new(["a".to_string(), "b".into(), "a".into(), "  ".into()]);
        assert_eq!(h.entries(), ["b", "a"]);
        h.record(" b ");
        assert_eq!(h.entries(), ["a", "b"]);
        for i in 0..(MAX_ENTRIES + 10) {
            h.record(&i.to_string());
        }
        assert_eq!(h.entries().len(), MAX_ENTRIES);
        assert_eq!(h.entries().last().map(String::as_str), Some("1009"));
        let mut empty = History::default();
        assert_eq!(empty.older("x"), None);
        assert_eq!(empty.newer(), None);
    }
}
