//! How many mentions of a whole archive hold each clue term: what merging
//! weighs terms by (their inverse document frequency) and what tells it a
//! bare form is some word's stem.
//!
//! Counted over the set being merged, a timeline read for some days (or some
//! files) weighed its terms otherwise than the whole archive's and merged
//! otherwise: 004's 21 September 2023 grouped three mentions in a read of
//! September to December that the whole timeline keeps apart. The index
//! keeps the archive's counts with each commit, added to and taken from as
//! files are indexed, so that any read merges as the whole would.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::record::Mentions;

/// Per term: the mentions holding it (as a word's stem or its bare form,
/// once a mention), and those holding it as a stem.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermCounts {
    mentions: u64,
    terms: BTreeMap<String, Held>,
}

/// What the counts say of one term.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    pub mentions: u32,
    pub as_stem: u32,
}

impl TermCounts {
    /// Counts read back as they were saved: `mentions`, then each term in
    /// order.
    pub fn from_saved(
        mentions: u64,
        terms: impl IntoIterator<Item = (String, Held)>,
    ) -> TermCounts {
        TermCounts {
            mentions,
            terms: terms.into_iter().collect(),
        }
    }

    /// Counts `mentions` in, their term ids named by `name`.
    pub fn add<'a>(&mut self, mentions: &'a Mentions, name: impl Fn(u32) -> Option<&'a str>) {
        self.count(mentions, name, true);
    }

    /// Takes `mentions` (counted in before) out again.
    pub fn subtract<'a>(&mut self, mentions: &'a Mentions, name: impl Fn(u32) -> Option<&'a str>) {
        self.count(mentions, name, false);
    }

    fn count<'a>(
        &mut self,
        mentions: &'a Mentions,
        name: impl Fn(u32) -> Option<&'a str>,
        add: bool,
    ) {
        let mut seen: Vec<(u32, bool)> = Vec::new();
        for m in 0..mentions.len() {
            seen.clear();
            for w in mentions.words(m) {
                seen.push((w.stem, true));
                if let Some(bare) = w.bare {
                    seen.push((bare, false));
                }
            }
            // Once a mention each, a stem wherever it was one.
            seen.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            seen.dedup_by_key(|t| t.0);
            for &(id, stem) in &seen {
                let Some(term) = name(id) else { continue };
                let by = Held {
                    mentions: 1,
                    as_stem: u32::from(stem),
                };
                self.step_term(term, by, add);
            }
            self.mentions = step(self.mentions, 1, add);
        }
    }

    /// Adds `by` to `term`'s counts, or takes it out; a term counted in no
    /// mention is dropped. The key is made only for a term not yet held.
    fn step_term(&mut self, term: &str, by: Held, add: bool) {
        let held = match self.terms.get_mut(term) {
            Some(held) => held,
            None if add => self.terms.entry(term.to_string()).or_default(),
            None => return,
        };
        held.mentions = step32(held.mentions, by.mentions, add);
        held.as_stem = step32(held.as_stem, by.as_stem, add);
        if *held == Held::default() {
            self.terms.remove(term);
        }
    }

    /// Mentions counted.
    pub fn mentions(&self) -> u64 {
        self.mentions
    }

    /// Mentions holding `term`.
    pub fn holding(&self, term: &str) -> u32 {
        self.terms.get(term).map_or(0, |h| h.mentions)
    }

    /// True when `term` is some word's stem somewhere.
    pub fn is_stem(&self, term: &str) -> bool {
        self.terms.get(term).is_some_and(|h| h.as_stem > 0)
    }
}

fn step(n: u64, by: u64, add: bool) -> u64 {
    if add {
        n.saturating_add(by)
    } else {
        n.saturating_sub(by)
    }
}

fn step32(n: u32, by: u32, add: bool) -> u32 {
    if add {
        n.saturating_add(by)
    } else {
        n.saturating_sub(by)
    }
}
