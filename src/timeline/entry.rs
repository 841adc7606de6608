//! One event of the timeline: the merger's output.

use serde::Serialize;

use super::mention::{Certainty, Mention};
use super::period::{Precision, When};

/// One event of the timeline with every mention of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Serialized as `2020-11-10`, `2020-11`, `2020` or `199X`.
    pub date: When,
    pub precision: Precision,
    /// The strongest certainty among the mentions.
    pub certainty: Certainty,
    pub summary: String,
    pub mentions: Vec<Mention>,
}

impl Entry {
    /// True when one of the mentions is in this paragraph of this file.
    pub fn cites(&self, file: &str, paragraph: usize) -> bool {
        self.mentions
            .iter()
            .any(|m| m.file == file && m.paragraph == paragraph)
    }

    /// The distinct files of the mentions, in mention order.
    pub fn files(&self) -> Vec<&str> {
        let mut files: Vec<&str> = Vec::new();
        for m in &self.mentions {
            if !files.contains(&m.file.as_str()) {
                files.push(&m.file);
            }
        }
        files
    }
}
