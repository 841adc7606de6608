//! A fuzzy term query that keeps the word's first letter ([`fuzzy_prefix`]):
//! the term dictionary is searched only under that prefix, and the edit
//! automaton runs on the rest of the word.
//!
//! Why not tantivy's `FuzzyTermQuery`: its automaton starts at the root of every
//! segment's dictionary, so one 7-letter word cost 1.5–2.5 ms at ×10, a sixth of
//! all query time. With the prefix fixed it is a few hundred microseconds.

use std::fmt;
use std::sync::{Arc, OnceLock};

use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};
use tantivy::query::{AutomatonWeight, EnableScoring, Query, Weight};
use tantivy::schema::Field;
use tantivy_fst::Automaton;

use crate::query::fuzzy_prefix;

/// Terms of `field` within `distance` edits of `word` that start with its
/// [`fuzzy_prefix`]; every match scores the same (the caller boosts it).
#[derive(Clone)]
pub struct FuzzyPrefixQuery {
    field: Field,
    automaton: Arc<PrefixedLevenshtein>,
}

impl FuzzyPrefixQuery {
    pub fn new(field: Field, word: &str, distance: u8) -> FuzzyPrefixQuery {
        let prefix = fuzzy_prefix(word);
        let dfa = builder(distance).build_dfa(&word[prefix.len()..]);
        FuzzyPrefixQuery {
            field,
            automaton: Arc::new(PrefixedLevenshtein {
                prefix: prefix.as_bytes().to_vec(),
                dfa,
            }),
        }
    }
}

/// The terms of `field` within `distance` edits of `word` that share its
/// [`fuzzy_prefix`], over every segment, each with the passages holding it:
/// the dictionary walk of [`FuzzyPrefixQuery`], for suggestions.
pub fn near_terms(
    searcher: &tantivy::Searcher,
    field: Field,
    word: &str,
    distance: u8,
) -> tantivy::Result<Vec<(String, u64)>> {
    let query = FuzzyPrefixQuery::new(field, word, distance);
    let mut found: Vec<(String, u64)> = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .search(query.automaton.as_ref())
            .into_stream()?;
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let docs = u64::from(stream.value().doc_freq);
            match found.iter_mut().find(|(t, _)| t == term) {
                Some((_, n)) => *n += docs,
                None => found.push((term.to_string(), docs)),
            }
        }
    }
    Ok(found)
}

impl fmt::Debug for FuzzyPrefixQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FuzzyPrefixQuery")
            .field("field", &self.field)
            .field("prefix", &String::from_utf8_lossy(&self.automaton.prefix))
            .finish()
    }
}

impl Query for FuzzyPrefixQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AutomatonWeight::<PrefixedLevenshtein>::new(
            self.field,
            Arc::clone(&self.automaton),
        )))
    }
}

/// Builders are costly to make (tables for every edit pattern), cheap to use:
/// one per distance for the process. Transpositions are two edits, as
/// [`crate::query::within_edits`] counts them.
fn builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    match distance {
        0 | 1 => ONE.get_or_init(|| LevenshteinAutomatonBuilder::new(1, false)),
        _ => TWO.get_or_init(|| LevenshteinAutomatonBuilder::new(2, false)),
    }
}

/// Accepts `prefix` byte for byte, then whatever `dfa` accepts.
pub(crate) struct PrefixedLevenshtein {
    prefix: Vec<u8>,
    dfa: DFA,
}

/// (bytes of the prefix read, state of the edit automaton after it).
type State = (u32, u32);

const DEAD: State = (u32::MAX, SINK_STATE);

impl Automaton for PrefixedLevenshtein {
    type State = State;

    fn start(&self) -> State {
        (0, self.dfa.initial_state())
    }

    fn is_match(&self, state: &State) -> bool {
        state.0 as usize == self.prefix.len()
            && matches!(self.dfa.distance(state.1), Distance::Exact(_))
    }

    fn can_match(&self, state: &State) -> bool {
        *state != DEAD && state.1 != SINK_STATE
    }

    fn accept(&self, state: &State, byte: u8) -> State {
        let (read, dfa_state) = *state;
        match self.prefix.get(read as usize) {
            Some(&expected) if expected == byte => (read + 1, dfa_state),
            Some(_) => DEAD,
            None => (read, self.dfa.transition(dfa_state, byte)),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::query::fuzzy_matches;

    fn accepts(word: &str, distance: u8, term: &str) -> bool {
        let q = FuzzyPrefixQuery::new(Field::from_field_id(0), word, distance);
        automaton_accepts(q.automaton.as_ref(), term)
    }

    /// Whether automaton `a` accepts `term`, walked byte by byte as the term
    /// dictionary walks it (shared by the fuzzy and the Latin automata's tests).
    pub(crate) fn automaton_accepts<A: Automaton>(a: &A, term: &str) -> bool {
        let mut state = a.start();
        for &b in term.as_bytes() {
            if !a.can_match(&state) {
                return false;
            }
            state = a.accept(&state, b);
        }
        a.is_match(&state)
    }

    #[test]
    fn agrees_with_the_highlighter() {
        let words = ["المدينة", "ناغورني", "الخليفة", "مسعوود", "عليهما"];
        let terms = [
            "المدينة",
            "المدبنة",
            "المدينه",
            "الحدينة",
            "ناغورنو",
            "ناغورني",
            "باغورني",
            "الخليفة",
            "الخليفه",
            "الخلبفة",
            "مسعود",
            "مسعوودا",
            "عليهما",
            "عليها",
            "",
        ];
        for word in words {
            for distance in [1, 2] {
                for term in terms {
                    assert_eq!(
                        accepts(word, distance, term),
                        fuzzy_matches(term, word, distance),
                        "{word} ~{distance} {term}"
                    );
                }
            }
        }
    }
}
