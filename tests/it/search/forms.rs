//! The Arabic forms a reader types find the forms the text uses, and nothing
//! else (issue 14): a set of (text form, query, must match or must not) cases
//! by family, far beyond the seeds, run through the index as a search runs.
//! Prints recall and precision per family; fails when a family drops below
//! the figure recorded for it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use sanad::index::{CorpusIndex, Effort};
use sanad::query::Query;

use crate::common;

struct Case {
    text: String,
    query: String,
    must_match: bool,
    family: String,
}

fn cases() -> Vec<Case> {
    let path = common::seeds().join("../tests/fixtures/search/forms.tsv");
    let text = fs::read_to_string(path).expect("forms.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "malformed row: {l}");
            assert!(matches!(cols[2], "match" | "none"), "row kind: {l}");
            Case {
                text: cols[0].to_string(),
                query: cols[1].to_string(),
                must_match: cols[2] == "match",
                family: cols[3].to_string(),
            }
        })
        .collect()
}

/// Per family: (recall, precision) it must keep. Recall is the share of
/// "match" rows found; precision the share of found rows that are "match"
/// rows. Recorded from the run described in the README (search section).
const FLOORS: &[(&str, f64, f64)] = &[
    ("suffix", 1.0, 1.0),
    ("order", 1.0, 1.0),
    ("waw", 1.0, 1.0),
    ("proclitic", 0.966, 1.0),
    ("hamza", 1.0, 1.0),
    ("letters", 1.0, 1.0),
    ("plural", 1.0, 1.0),
    // Typos of words under six letters after the article are no longer
    // matched (the length gate of issue 14): البرلمن.
    ("fuzzy", 0.9, 1.0),
    // على and علي (Ali) are one word once ى is folded: عليها ← علي.
    ("collision", 1.0, 0.909),
    ("guard", 1.0, 1.0),
    ("heldout", 0.868, 0.825),
];

#[derive(Default)]
struct Tally {
    found: usize,
    positives: usize,
    false_matches: usize,
    negatives: usize,
    misses: Vec<String>,
    wrong: Vec<String>,
}

impl Tally {
    fn recall(&self) -> f64 {
        ratio(self.found, self.positives)
    }

    fn precision(&self) -> f64 {
        ratio(self.found, self.found + self.false_matches)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The seeds, and every distinct text form of the set as a paragraph of its
/// own (one line each), so look-alikes of a query word are in the index.
fn corpus_of_forms(cases: &[Case]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in fs::read_dir(common::seeds()).expect("seeds").flatten() {
        if entry.path().extension().is_some_and(|e| e == "txt") {
            fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
        }
    }
    let forms: BTreeSet<&str> = cases.iter().map(|c| c.text.as_str()).collect();
    let lines: Vec<&str> = forms.into_iter().collect();
    fs::write(dir.path().join("forms.txt"), lines.join("\n")).expect("write");
    dir
}

#[test]
fn reader_forms_find_text_forms_and_look_alikes_do_not() {
    let cases = cases();
    assert!(cases.len() >= 400, "{} cases", cases.len());
    let corpus = corpus_of_forms(&cases);
    let dir = tempfile::tempdir().expect("temp dir");
    let (index, _) =
        CorpusIndex::open(corpus.path(), dir.path(), false, &mut |_, _| {}).expect("index");

    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    for case in &cases {
        let query = Query::parse(&case.query).expect("query parses");
        let results = index
            .search_with(&query, 10_000, Effort::Exhaustive)
            .expect("search");
        let hit = results
            .hits
            .iter()
            .any(|h| h.file == "forms.txt" && h.text == case.text);
        let tally = tallies.entry(case.family.as_str()).or_default();
        let row = format!("{} ← {}", case.text, case.query);
        match (case.must_match, hit) {
            (true, true) => {
                tally.positives += 1;
                tally.found += 1;
            }
            (true, false) => {
                tally.positives += 1;
                tally.misses.push(row);
            }
            (false, true) => {
                tally.negatives += 1;
                tally.false_matches += 1;
                tally.wrong.push(row);
            }
            (false, false) => tally.negatives += 1,
        }
    }

    let mut failures = Vec::new();
    eprintln!("family      recall            precision  false matches");
    for (family, t) in &tallies {
        eprintln!(
            "{family:<11} {:>3}/{:<3} = {:.3}   {:.3}      {}/{}",
            t.found,
            t.positives,
            t.recall(),
            t.precision(),
            t.false_matches,
            t.negatives
        );
        eprintln!("  misses: {}", t.misses.join(", "));
        eprintln!("  wrong: {}", t.wrong.join(", "));
        let Some((_, recall, precision)) = FLOORS.iter().find(|(f, _, _)| f == family) else {
            failures.push(format!("{family}: no recorded floor"));
            continue;
        };
        // A little slack for the float figures printed to three places.
        if t.recall() + 1e-9 < *recall || t.precision() + 1e-9 < *precision {
            failures.push(format!(
                "{family}: recall {:.3} (floor {recall}), precision {:.3} (floor {precision})",
                t.recall(),
                t.precision()
            ));
        }
    }
    for (family, _, _) in FLOORS {
        if !tallies.contains_key(family) {
            failures.push(format!("{family}: no cases"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
