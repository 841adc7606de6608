//! Latin query words matched to the Arabic spellings the index holds.
//!
//! A Latin word that the corpus does not write in Latin letters (Stepanakert,
//! Aliyev) is turned into a [`Transliteration`] automaton, and each segment's
//! term dictionary (an FST) is walked with it, as the fuzzy query does: only
//! the branches that can still spell the name are visited, so the cost is a
//! few hundred terms however large the index. The terms reached are judged:
//! sure ones become spellings of the query word (ranked below every native
//! match), close ones a "did you mean".

use std::collections::BTreeMap;

use tantivy::schema::Field;
use tantivy::{Searcher, Term};
use tantivy_fst::Automaton;

use super::Fields;
use crate::arabic::stem;
use crate::arabic::translit::{Costs, Transliteration, Verdict};
use crate::query::{has_proclitic_of, is_latin, Clause, Query, Word};

/// Spellings kept per word, the cheapest first: past a few dozen the word is
/// not a name but a pattern.
const MAX_SPELLINGS: usize = 48;
/// "Did you mean" candidates shown per word.
const MAX_SUGGESTIONS: usize = 3;

/// A query with its Latin words matched to Arabic spellings, and what was
/// matched, for the reader to judge.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub query: Query,
    /// Per word as typed: the spellings in the other script it was matched to.
    pub transliterations: BTreeMap<String, Vec<String>>,
    /// Per word as typed: spellings too unsure to be hits.
    pub did_you_mean: BTreeMap<String, Vec<String>>,
}

/// Matches every word of `query` to its spellings in the other script that
/// the index holds: the gazetteer's, and for a Latin word the corpus never
/// writes in Latin letters, those the transliteration rules reach.
pub fn resolve(searcher: &Searcher, fields: Fields, query: &Query) -> tantivy::Result<Resolution> {
    let mut resolution = Resolution {
        query: query.clone(),
        transliterations: BTreeMap::new(),
        did_you_mean: BTreeMap::new(),
    };
    for clause in &mut resolution.query.clauses {
        let Clause::Word(word) = clause else { continue };
        let mut shown = Vec::new();
        for (norm, stem) in &word.transliterations {
            if held(searcher, fields.exact, norm)? || held(searcher, fields.stem, stem)? {
                shown.push(norm.clone());
            }
        }
        if shown.is_empty() && is_latin(&word.norm) && !held_natively(searcher, fields, word)? {
            if let Some(t) = Transliteration::of(&word.norm) {
                let found = spellings(searcher, fields.exact, &t)?;
                let (sure, near): (Vec<_>, Vec<_>) =
                    found.into_iter().partition(|s| s.verdict == Verdict::Match);
                let sure = base_forms(sure);
                word.transliterations = sure.iter().map(|t| (t.clone(), stem(t))).collect();
                shown = sure;
                let near: Vec<String> =
                    base_forms(near).into_iter().take(MAX_SUGGESTIONS).collect();
                if !near.is_empty() && shown.is_empty() {
                    resolution.did_you_mean.insert(word.text.clone(), near);
                }
            }
        }
        if !shown.is_empty() {
            resolution.transliterations.insert(word.text.clone(), shown);
        }
    }
    Ok(resolution)
}

fn held(searcher: &Searcher, field: Field, text: &str) -> tantivy::Result<bool> {
    Ok(searcher.doc_freq(&Term::from_field_text(field, text))? > 0)
}

/// Does the corpus write this word as typed (RTJMC, Azercell)? Then it keeps
/// matching itself and nothing is guessed.
fn held_natively(searcher: &Searcher, fields: Fields, word: &Word) -> tantivy::Result<bool> {
    Ok(held(searcher, fields.exact, &word.norm)? || held(searcher, fields.stem, &word.stem)?)
}

/// A term of the index reached by the automaton, with its verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spelling {
    term: String,
    cost: u8,
    verdict: Verdict,
}

/// The terms of `field` that spell the word, cheapest first, over every
/// segment.
fn spellings(
    searcher: &Searcher,
    field: Field,
    t: &Transliteration,
) -> tantivy::Result<Vec<Spelling>> {
    let mut found: Vec<Spelling> = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().search(LatinAutomaton(t)).into_stream()?;
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let Some(cost) = t.cost_of(term) else {
                continue;
            };
            let Some(verdict) = t.judge(term, cost) else {
                continue;
            };
            if !found.iter().any(|s| s.term == term) {
                found.push(Spelling {
                    term: term.to_string(),
                    cost,
                    verdict,
                });
            }
        }
    }
    found.sort_by(|a, b| a.cost.cmp(&b.cost).then_with(|| a.term.cmp(&b.term)));
    found.truncate(MAX_SPELLINGS);
    Ok(found)
}

/// The terms without those that are another term with a proclitic in front
/// (لستيباناكيرت beside ستيباناكيرت): the highlighter and the query add
/// proclitics themselves, and the reader is shown the name once.
fn base_forms(spellings: Vec<Spelling>) -> Vec<String> {
    let terms: Vec<String> = spellings.into_iter().map(|s| s.term).collect();
    terms
        .iter()
        .filter(|t| !terms.iter().any(|base| has_proclitic_of(t, base)))
        .cloned()
        .collect()
}

/// [`Transliteration`] over the UTF-8 bytes of the term dictionary: Arabic
/// letters are two bytes (lead 0xD8–0xDB), read as one letter.
struct LatinAutomaton<'a>(&'a Transliteration);

#[derive(Clone)]
struct ByteState {
    /// The first byte of a letter being read, or 0.
    lead: u8,
    /// Empty once no spelling can be reached.
    costs: Costs,
}

impl Automaton for LatinAutomaton<'_> {
    type State = ByteState;

    fn start(&self) -> ByteState {
        ByteState {
            lead: 0,
            costs: self.0.start(),
        }
    }

    fn is_match(&self, state: &ByteState) -> bool {
        state.lead == 0 && self.0.final_cost(&state.costs).is_some()
    }

    fn can_match(&self, state: &ByteState) -> bool {
        !state.costs.is_empty()
    }

    fn accept(&self, state: &ByteState, byte: u8) -> ByteState {
        let dead = || ByteState {
            lead: 0,
            costs: Vec::new(),
        };
        if state.costs.is_empty() {
            return dead();
        }
        if state.lead == 0 {
            return match byte {
                0xD8..=0xDB => ByteState {
                    lead: byte,
                    costs: state.costs.clone(),
                },
                _ => dead(),
            };
        }
        let code = (u32::from(state.lead & 0x1F) << 6) | u32::from(byte & 0x3F);
        match char::from_u32(code) {
            Some(letter) if byte & 0xC0 == 0x80 => ByteState {
                lead: 0,
                costs: self.0.step(&state.costs, letter),
            },
            _ => dead(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(latin: &str, term: &str) -> bool {
        let Some(t) = Transliteration::of(latin) else {
            return false;
        };
        crate::index::fuzzy::tests::automaton_accepts(&LatinAutomaton(&t), term)
    }

    #[test]
    fn the_byte_automaton_agrees_with_the_letter_automaton() {
        let names = ["Stepanakert", "Putin", "Lachin", "Aliyev", "Erdogan"];
        let terms = [
            "ستيباناكيرت",
            "لستيباناكيرت",
            "بوتين",
            "بيروت",
            "لاتشين",
            "لاجين",
            "علييف",
            "اردوغان",
            "putin",
            "",
        ];
        for name in names {
            let t = Transliteration::of(name).unwrap();
            for term in terms {
                assert_eq!(
                    accepts(name, term),
                    t.cost_of(term).is_some(),
                    "{name} {term}"
                );
            }
        }
    }

    #[test]
    fn proclitic_forms_are_shown_once() {
        let s = |term: &str| Spelling {
            term: term.into(),
            cost: 0,
            verdict: Verdict::Match,
        };
        let got = base_forms(vec![s("ستيباناكيرت"), s("لستيباناكيرت"), s("الكرملين")]);
        assert_eq!(got, ["ستيباناكيرت", "الكرملين"]);
    }
}
