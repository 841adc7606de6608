//! One event of the timeline: the merger's output.

use serde::Serialize;

use super::mention::{Certainty, Mention};
use super::period::{Precision, When};

/// One event of the timeline with every mention of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Serialized as `2020-11-10`, `2020-11`, `2020` or `199X`; an
    /// interval's first end.
    pub date: When,
    /// For an interval, its two ends («من 3 إلى 7 حزيران»); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<When>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<When>,
    pub precision: Precision,
    /// The strongest certainty among the mentions.
    pub certainty: Certainty,
    pub summary: String,
    pub mentions: Vec<Mention>,
}

impl Entry {
    /// The date's label, `2019-06-03..2019-06-07` for an interval.
    pub fn label(&self) -> String {
        match self.end {
            Some(end) => format!("{}..{}", self.date.label(), end.label()),
            None => self.date.label(),
        }
    }

    /// The last day the entry covers.
    pub fn last_day(&self) -> crate::metadata::Date {
        self.end.unwrap_or(self.date).last_day()
    }

    /// True when its period overlaps `from ..= to`, each bound taken as its
    /// whole period (`--to 2020` includes 31 December 2020).
    pub fn overlaps(&self, from: Option<When>, to: Option<When>) -> bool {
        from.is_none_or(|lo| self.last_day() >= lo.first_day())
            && to.is_none_or(|hi| self.date.first_day() <= hi.last_day())
    }

    /// True when the text of one of its mentions satisfies `matches` (the
    /// search query's matcher).
    pub fn says(&self, mut matches: impl FnMut(&str) -> bool) -> bool {
        self.mentions.iter().any(|m| matches(&m.text))
    }

    /// True when one of the mentions is in this paragraph of this file.
    pub fn cites(&self, file: &str, paragraph: usize) -> bool {
        self.mentions
            .iter()
            .any(|m| m.file == file && m.paragraph == paragraph)
    }

    /// The distinct files of the mentions, in mention order.
    pub fn files(&self) -> Vec<&str> {
        let mut seen = rustc_hash::FxHashSet::default();
        let mut files: Vec<&str> = Vec::new();
        for m in &self.mentions {
            if seen.insert(m.file.as_str()) {
                files.push(&m.file);
            }
        }
        files
    }
}
