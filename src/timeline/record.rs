//! What the timeline keeps of one file: how it is described and dated, and
//! its dated mentions with what merging compares of each. A record is built
//! once per file, when the file is read (the index keeps it, see
//! `index::events`), and the timeline is merged from records alone: neither
//! the text nor the date rules are needed again.

use super::extract;
use super::mention::Draft;
use super::merge::{self, Clues, TermList};
use super::resolve::Resolver;
use crate::catalog::{self, Described};
use crate::corpus::Document;
use crate::metadata::{Date, Source};

/// One file's part of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// Title, outlet, date and kind, each with where it came from.
    pub described: Described,
    pub mentions: Vec<DatedMention>,
    /// The terms the mentions' clues number.
    pub terms: Vec<String>,
}

/// A mention with its date and its merging clues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedMention {
    pub draft: Draft,
    pub clues: Clues,
}

impl FileRecord {
    /// The record of `doc`, dated with its `sources.toml` entry.
    pub fn of(doc: &Document, source: Option<&Source>) -> FileRecord {
        FileRecord::with_resolver(doc, source, Resolver::default())
    }

    pub fn with_resolver(
        doc: &Document,
        source: Option<&Source>,
        resolver: Resolver,
    ) -> FileRecord {
        let mut drafts = Vec::new();
        let dating = extract::document(doc, source, resolver, &mut drafts);
        let mut terms = TermList::default();
        let mentions = drafts
            .into_iter()
            .map(|draft| DatedMention {
                clues: merge::clues(&draft.mention, &mut terms),
                draft,
            })
            .collect();
        FileRecord {
            described: catalog::describe_one(doc, source, &dating),
            mentions,
            terms: terms.terms,
        }
    }

    /// The first and last day its mentions cover, if it has any: a query for
    /// other days need not read it.
    pub fn days(&self) -> Option<(Date, Date)> {
        let first = self
            .mentions
            .iter()
            .map(|d| d.draft.when.first_day())
            .min()?;
        let last = self
            .mentions
            .iter()
            .map(|d| d.draft.end.unwrap_or(d.draft.when).last_day())
            .max()?;
        Some((first, last))
    }
}
