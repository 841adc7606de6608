//! Which timeline entries a query selects, fast enough to follow every
//! keystroke on an archive's timeline.
//!
//! Matching each mention's text anew ([`Query::matches`]) re-analyzes every
//! mention per keystroke: 90 ms a keystroke for 29,000 mentions (2,000 news
//! articles). Here the mentions are analyzed once, into their distinct words
//! and the mentions holding each; a query tests each distinct word once
//! ([`Clause::hit_by`], the same test word by word) and combines the holders.
//! Phrases, which depend on word order, are checked on the mentions that hold
//! all their words.

use rustc_hash::FxHashMap;

use super::Timeline;
use crate::arabic::Words;
use crate::query::{has_proclitic_of, Clause, Query};

/// The words of a timeline's mentions. Mentions are numbered in timeline
/// order: entry by entry, mention by mention.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MentionIndex {
    /// Distinct (normalized, stemmed) forms.
    forms: Vec<(Box<str>, Box<str>)>,
    /// For each form, the mentions holding it, ascending.
    holders: Vec<Vec<u32>>,
    /// Mentions per entry, in order.
    mentions_per_entry: Vec<usize>,
}

impl MentionIndex {
    pub fn build(timeline: &Timeline) -> MentionIndex {
        let texts: Vec<&str> = timeline
            .entries
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| m.text.as_str()))
            .collect();
        let mut index = MentionIndex {
            mentions_per_entry: timeline.entries.iter().map(|e| e.mentions.len()).collect(),
            ..MentionIndex::default()
        };
        let mut form_ids: FxHashMap<Box<str>, usize> = FxHashMap::default();
        let chunks: Vec<&[&str]> = texts.chunks(CHUNK).collect();
        let mut first = 0u32;
        // A batch of chunks at a time, so that no more than a batch's word
        // lists are held.
        for batch in chunks.chunks(BATCH) {
            for chunk in crate::parallel::map_in_order(batch, 2, |c| ChunkForms::of(c)) {
                let global: Vec<usize> = chunk
                    .keys
                    .iter()
                    .map(|key| index.form_of(key, &mut form_ids))
                    .collect();
                for (m, forms) in chunk.mentions.iter().enumerate() {
                    let id = first + m as u32;
                    for &local in &chunk.forms[forms.clone()] {
                        let holders = &mut index.holders[global[local as usize]];
                        if holders.last() != Some(&id) {
                            holders.push(id);
                        }
                    }
                }
                first += chunk.mentions.len() as u32;
            }
        }
        index
    }

    /// The number of the form `key` (`norm NUL stem`), added if new.
    fn form_of(&mut self, key: &str, ids: &mut FxHashMap<Box<str>, usize>) -> usize {
        if let Some(&form) = ids.get(key) {
            return form;
        }
        let (norm, stem) = key.split_once('\0').unwrap_or((key, ""));
        self.forms.push((norm.into(), stem.into()));
        self.holders.push(Vec::new());
        ids.insert(key.into(), self.forms.len() - 1);
        self.forms.len() - 1
    }

    fn mentions(&self) -> usize {
        self.mentions_per_entry.iter().sum()
    }

    /// The entries of `timeline` (the one this index was built from) with a
    /// mention that satisfies every clause of `query`, in timeline order.
    pub fn entries_matching(&self, timeline: &Timeline, query: &Query) -> Vec<usize> {
        let mut keep = vec![true; self.mentions()];
        let mut phrases = false;
        for clause in &query.clauses {
            let (holding, wanted) = match clause {
                Clause::Phrase(norms) => {
                    phrases = true;
                    (self.holding_all(norms), true)
                }
                Clause::Exclude(_) => (self.holding(|norm, stem| clause.hit_by(norm, stem)), false),
                _ => (self.holding(|norm, stem| clause.hit_by(norm, stem)), true),
            };
            for (k, h) in keep.iter_mut().zip(holding) {
                *k &= h == wanted;
            }
        }
        let mut visible = Vec::new();
        let mut id = 0;
        for (e, entry) in timeline.entries.iter().enumerate() {
            let ids = id..id + entry.mentions.len();
            id = ids.end;
            let selected = ids.zip(&entry.mentions).any(|(i, m)| {
                keep.get(i).copied().unwrap_or(false) && (!phrases || query.matches(&m.text))
            });
            if selected {
                visible.push(e);
            }
        }
        visible
    }

    /// Mentions holding a form `hits` accepts.
    fn holding(&self, hits: impl Fn(&str, &str) -> Option<bool>) -> Vec<bool> {
        let mut held = vec![false; self.mentions()];
        for (form, holders) in self.forms.iter().zip(&self.holders) {
            if hits(&form.0, &form.1) == Some(true) {
                for &m in holders {
                    held[m as usize] = true;
                }
            }
        }
        held
    }

    /// Mentions holding every word of a phrase (the first may carry a
    /// proclitic): the only ones where the phrase can be.
    fn holding_all(&self, norms: &[String]) -> Vec<bool> {
        let mut all = vec![true; self.mentions()];
        for (i, word) in norms.iter().enumerate() {
            let held = self
                .holding(|norm, _| Some(norm == word || (i == 0 && has_proclitic_of(norm, word))));
            for (a, h) in all.iter_mut().zip(held) {
                *a &= h;
            }
        }
        all
    }
}

/// Mentions analyzed on one thread before their words join the index.
const CHUNK: usize = 2048;
/// Chunks analyzed at once.
const BATCH: usize = 16;

/// The words of a run of mentions, numbered among themselves: each thread
/// analyzes its own chunk, and the forms are numbered for the whole index
/// once per chunk, not once per word.
struct ChunkForms {
    /// Distinct forms, `norm NUL stem` (no word holds a NUL).
    keys: Vec<Box<str>>,
    /// The forms of every mention, end to end.
    forms: Vec<u32>,
    /// Each mention's span of `forms`.
    mentions: Vec<std::ops::Range<usize>>,
}

impl ChunkForms {
    fn of(texts: &[&str]) -> ChunkForms {
        let mut out = ChunkForms {
            keys: Vec::new(),
            forms: Vec::new(),
            mentions: Vec::with_capacity(texts.len()),
        };
        let mut ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
        // One wire story reprinted is one sentence in many sources, merged
        // into one entry: its words are found once.
        let mut seen: FxHashMap<&str, std::ops::Range<usize>> = FxHashMap::default();
        let mut key = String::new();
        for &text in texts {
            if let Some(span) = seen.get(text) {
                out.mentions.push(span.clone());
                continue;
            }
            let start = out.forms.len();
            for word in Words::of(text).iter() {
                key.clear();
                key.push_str(word.norm);
                key.push('\0');
                key.push_str(word.stem);
                let id = match ids.get(key.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = out.keys.len() as u32;
                        out.keys.push(key.as_str().into());
                        ids.insert(key.as_str().into(), id);
                        id
                    }
                };
                out.forms.push(id);
            }
            seen.insert(text, start..out.forms.len());
            out.mentions.push(start..out.forms.len());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::metadata::Metadata;
    use std::path::Path;

    fn seeds_timeline() -> Timeline {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let corpus = Corpus::load(&root).unwrap();
        let meta = Metadata::load(&root).unwrap();
        super::super::build(&corpus.documents, &meta)
    }

    /// The reference: every mention's text matched anew.
    fn matched_anew(timeline: &Timeline, query: &Query) -> Vec<usize> {
        (0..timeline.entries.len())
            .filter(|&e| {
                timeline.entries[e]
                    .mentions
                    .iter()
                    .any(|m| query.matches(&m.text))
            })
            .collect()
    }

    #[test]
    fn selects_the_entries_that_matching_each_mention_selects() {
        let timeline = seeds_timeline();
        let index = MentionIndex::build(&timeline);
        let queries = [
            "قوات",
            "روسي",
            "وقف",
            "\"وقف إطلاق النار\"",
            "\"مجلس الأمن\"",
            "بوتين -تركيا",
            "ستيبان*",
            "ناغورنو",
            "قره باغ",
            "لاتشين",
            "2020",
            "١٩٩٤",
            "RTJMC",
            "كلمةلاتوجد",
            "ستيباناكيرد",
            "قوات -قوات",
        ];
        let mut selected_some = 0;
        for raw in queries {
            let query = Query::parse(raw).unwrap();
            let expected = matched_anew(&timeline, &query);
            selected_some += usize::from(!expected.is_empty());
            assert_eq!(index.entries_matching(&timeline, &query), expected, "{raw}");
        }
        assert!(selected_some >= 10, "the queries should select entries");
    }

    /// Past one chunk of mentions, the chunks' words join one index, and a
    /// mention repeated word for word is the same mention again.
    #[test]
    fn a_timeline_of_many_chunks_selects_as_matching_each_mention_does() {
        let seeds = seeds_timeline();
        let per_copy: usize = seeds.entries.iter().map(|e| e.mentions.len()).sum();
        let copies = 3 * CHUNK / per_copy + 2;
        let mut timeline = Timeline::default();
        for k in 0..copies {
            for entry in &seeds.entries {
                let mut entry = entry.clone();
                // Every third copy reprints its sentences; the others tag them.
                if k % 3 != 0 {
                    for m in &mut entry.mentions {
                        m.text = format!("{} tag{k}", m.text);
                    }
                }
                timeline.entries.push(entry);
            }
        }
        let index = MentionIndex::build(&timeline);
        for raw in [
            "قوات",
            "\"وقف إطلاق النار\"",
            "tag4",
            "tag4 لاتشين",
            "بوتين -tag5",
            "tag0",
        ] {
            let query = Query::parse(raw).unwrap();
            let expected = matched_anew(&timeline, &query);
            assert_eq!(index.entries_matching(&timeline, &query), expected, "{raw}");
        }
        let tagged = index.entries_matching(&timeline, &Query::parse("tag4").unwrap());
        // The copy's own entries, and no more than a few copies' («tag4» may
        // reach «tag40» as a Latin prefix).
        assert!(tagged.len() >= seeds.entries.len(), "{}", tagged.len());
        assert!(
            tagged.len() < timeline.entries.len() / 4,
            "{}",
            tagged.len()
        );
    }
}
