//! Ranking with a budget: the best passages among at most `budget` matches,
//! sampled from every segment in proportion to its size, and a total that is
//! exact when every match was seen and extrapolated when not.
//!
//! Why: a phrase such as "صلى الله عليه وسلم" matches most passages of a hadith
//! archive; scoring and counting all 380,000 of them set the latency tail (69 ms
//! at ×10). Sampling the start of each segment keeps the ranking spread over the
//! whole corpus while bounding the work, as Lucene's total-hits threshold and
//! Elasticsearch's `terminate_after` do.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, Score, Searcher, SegmentReader, TERMINATED};

/// Matches scored per query by default: about 4 ms of phrase matching on the
/// benchmark machine, and far more than a reader pages through.
pub const DEFAULT_BUDGET: usize = 20_000;

/// The ranked sample and what is known of the total.
#[derive(Debug, Default, PartialEq)]
pub struct Ranked {
    /// Best first; ties in index order.
    pub top: Vec<(Score, DocAddress)>,
    /// Matching passages: exact when `exact`, else an estimate.
    pub total: usize,
    pub exact: bool,
}

/// Scores matches of `query` segment by segment, at most about `budget` in all
/// (`None`: every match), keeping the best `limit`.
pub fn rank(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    budget: Option<usize>,
) -> tantivy::Result<Ranked> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let segments = searcher.segment_readers();
    let all_docs: u64 = segments.iter().map(|s| u64::from(s.max_doc())).sum();
    let mut best = TopK::new(limit);
    let mut total = 0.0f64;
    let mut exact = true;
    for (ord, segment) in segments.iter().enumerate() {
        let quota = budget.map(|b| segment_quota(b, segment.max_doc(), all_docs));
        let mut scorer = weight.scorer(segment, 1.0)?;
        let seen = visit(scorer.as_mut(), segment, quota, |score, doc| {
            best.push(score, DocAddress::new(ord as u32, doc));
        });
        match seen.stopped_at {
            None => total += seen.matches as f64,
            Some(doc) => {
                exact = false;
                total += extrapolate(seen.matches, doc, segment.max_doc());
            }
        }
    }
    Ok(Ranked {
        top: best.into_sorted(),
        total: total.round() as usize,
        exact,
    })
}

/// A segment's share of the budget, by its number of documents (at least one).
fn segment_quota(budget: usize, segment_docs: u32, all_docs: u64) -> usize {
    if all_docs == 0 {
        return budget.max(1);
    }
    let share = budget as u128 * u128::from(segment_docs) / u128::from(all_docs);
    (share as usize).max(1)
}

struct Visited {
    matches: usize,
    /// The last document scored, when the quota stopped the walk early.
    stopped_at: Option<u32>,
}

fn visit(
    scorer: &mut dyn tantivy::query::Scorer,
    segment: &SegmentReader,
    quota: Option<usize>,
    mut keep: impl FnMut(Score, u32),
) -> Visited {
    let alive = segment.alive_bitset();
    let mut matches = 0usize;
    let mut doc = scorer.doc();
    while doc != TERMINATED {
        if alive.is_none_or(|a| a.is_alive(doc)) {
            keep(scorer.score(), doc);
            matches += 1;
            if quota.is_some_and(|q| matches >= q) {
                let more = scorer.advance() != TERMINATED;
                return Visited {
                    matches,
                    stopped_at: more.then_some(doc),
                };
            }
        }
        doc = scorer.advance();
    }
    Visited {
        matches,
        stopped_at: None,
    }
}

/// Matches in a segment, from those among its first `last + 1` documents:
/// passages are spread evenly enough in index order for a linear estimate.
fn extrapolate(matches: usize, last: u32, max_doc: u32) -> f64 {
    let covered = f64::from(last) + 1.0;
    (matches as f64 * f64::from(max_doc) / covered).max(matches as f64)
}

/// The `k` best (score, address) pairs.
struct TopK {
    k: usize,
    heap: BinaryHeap<Reverse<Entry>>,
}

#[derive(Debug, PartialEq)]
struct Entry(Score, DocAddress);

impl Eq for Entry {}

impl Ord for Entry {
    /// Higher scores first, then earlier documents.
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .total_cmp(&other.0)
            .then_with(|| other.1.cmp(&self.1))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl TopK {
    fn new(k: usize) -> TopK {
        TopK {
            k,
            // Grows with the hits, not with what was asked for.
            heap: BinaryHeap::with_capacity(k.saturating_add(1).min(1024)),
        }
    }

    fn push(&mut self, score: Score, address: DocAddress) {
        if self.k == 0 {
            return;
        }
        if self.heap.len() == self.k {
            match self.heap.peek() {
                Some(Reverse(worst)) if Entry(score, address) > *worst => {
                    self.heap.pop();
                }
                _ => return,
            }
        }
        self.heap.push(Reverse(Entry(score, address)));
    }

    fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        let mut entries: Vec<Entry> = self.heap.into_iter().map(|Reverse(e)| e).collect();
        entries.sort_by(|a, b| b.cmp(a));
        entries.into_iter().map(|Entry(s, a)| (s, a)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(doc: u32) -> DocAddress {
        DocAddress::new(0, doc)
    }

    #[test]
    fn top_k_keeps_the_best_in_order_with_ties_by_document() {
        let mut top = TopK::new(3);
        for (score, doc) in [(1.0, 0), (5.0, 1), (3.0, 2), (5.0, 3), (0.5, 4), (4.0, 5)] {
            top.push(score, addr(doc));
        }
        assert_eq!(
            top.into_sorted(),
            vec![(5.0, addr(1)), (5.0, addr(3)), (4.0, addr(5))]
        );
        let mut none = TopK::new(0);
        none.push(1.0, addr(0));
        assert!(none.into_sorted().is_empty());
    }

    #[test]
    fn quotas_follow_segment_sizes_and_never_reach_zero() {
        assert_eq!(segment_quota(20_000, 750, 1000), 15_000);
        assert_eq!(segment_quota(20_000, 250, 1000), 5_000);
        assert_eq!(segment_quota(10, 1, 1_000_000), 1);
        assert_eq!(segment_quota(10, 0, 0), 10);
    }

    /// 3,000 passages in two segments, all matching "a", one in three twice.
    fn two_segment_index() -> (tantivy::Index, tantivy::schema::Field) {
        use tantivy::schema::{Schema, TEXT};
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = tantivy::Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        for _segment in 0..2 {
            for i in 0..1500 {
                let body = if i % 3 == 0 { "a a b" } else { "a b c d" };
                writer.add_document(tantivy::doc!(text => body)).unwrap();
            }
            writer.commit().unwrap();
        }
        (index, text)
    }

    #[test]
    fn a_budget_samples_every_segment_and_estimates_the_total() {
        use tantivy::query::TermQuery;
        use tantivy::schema::IndexRecordOption;
        let (index, text) = two_segment_index();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let query = TermQuery::new(
            tantivy::Term::from_field_text(text, "a"),
            IndexRecordOption::WithFreqs,
        );
        let all = rank(&searcher, &query, 10, None).unwrap();
        assert_eq!((all.total, all.exact), (3000, true));
        let sampled = rank(&searcher, &query, 10, Some(300)).unwrap();
        assert!(!sampled.exact);
        assert!(
            (2700..=3300).contains(&sampled.total),
            "estimate {}",
            sampled.total
        );
        assert_eq!(sampled.top.len(), 10);
        // The best passages (term twice) are found in both segments' samples.
        let best = all.top[0].0;
        assert!(sampled.top.iter().all(|(score, _)| *score == best));
        let segments: std::collections::BTreeSet<u32> =
            sampled.top.iter().map(|(_, a)| a.segment_ord).collect();
        assert_eq!(segments.len(), 1, "ties go to earlier documents");
        let worst = rank(&searcher, &query, 400, Some(300)).unwrap();
        let segments: std::collections::BTreeSet<u32> =
            worst.top.iter().map(|(_, a)| a.segment_ord).collect();
        assert_eq!(segments.len(), 2, "the sample spans every segment");
    }

    #[test]
    fn extrapolation_scales_by_the_documents_covered() {
        assert_eq!(extrapolate(100, 999, 10_000), 1000.0);
        // Never less than what was seen.
        assert_eq!(extrapolate(5, 9, 5), 5.0);
    }
}
