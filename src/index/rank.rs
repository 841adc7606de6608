//! Ranking with a budget: the best passages among at most `budget` matches,
//! sampled from every segment in proportion to its size, and a total that is
//! exact when every match was seen and extrapolated when not.
//!
//! Why: a phrase such as "صلى الله عليه وسلم" matches most passages of a hadith
//! archive; scoring and counting all 380,000 of them set the latency tail (69 ms
//! at ×10). Sampling the start of each segment keeps the ranking spread over the
//! whole corpus while bounding the work, as Lucene's total-hits threshold and
//! Elasticsearch's `terminate_after` do.
//!
//! The sampling is a tantivy [`Collector`] around tantivy's own top-k
//! ([`TopDocs`]): [`Sampled::collect_segment`] walks a segment's matches up to
//! its quota and counts them, and [`Sampled::merge_fruits`] adds the counts and
//! estimates up. Counting is why it cannot use `TopDocs`' own walk: block-WAND
//! skips the matches it knows cannot rank, so it never sees them all.

use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::query::{Query, Scorer, Weight};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TERMINATED};

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
    // `TopDocs` sizes its buffers by the limit asked for (up to a million from
    // the command line, anything from the library), and refuses 0; no top can
    // hold more passages than there are.
    let passages = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let limit = limit.min(passages);
    let top = (limit > 0).then(|| TopDocs::with_limit(limit).order_by_score());
    let segments = searcher.segment_readers();
    let collector = Sampled {
        top,
        budget,
        all_docs: segments.iter().map(|s| u64::from(s.max_doc())).sum(),
    };
    let (top, total) = searcher.search(query, &collector)?;
    Ok(Ranked {
        top: top.unwrap_or_default(),
        total: total.passages.round() as usize,
        exact: total.exact,
    })
}

/// What is known of the number of matches: counted, or estimated from a
/// sample.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Total {
    passages: f64,
    exact: bool,
}

impl Total {
    fn counted(matches: usize) -> Total {
        Total {
            passages: matches as f64,
            exact: true,
        }
    }

    /// The sum of the segments' totals, in segment order (a float sum).
    fn sum(totals: impl Iterator<Item = Total>) -> Total {
        totals.fold(Total::counted(0), |sum, t| Total {
            passages: sum.passages + t.passages,
            exact: sum.exact && t.exact,
        })
    }
}

/// Feeds the collector `top` at most about `budget` matches (`None`: every
/// match), each segment's share in proportion to its size, and counts or
/// estimates the total.
struct Sampled<C> {
    top: C,
    budget: Option<usize>,
    /// Documents in every segment, deleted ones included (as `max_doc`).
    all_docs: u64,
}

/// A segment's side of [`Sampled`]: the inner collector, and the matches fed
/// to it.
struct SampledSegment<S> {
    top: S,
    matches: usize,
}

impl<S: SegmentCollector> SegmentCollector for SampledSegment<S> {
    type Fruit = (S::Fruit, Total);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.top.collect(doc, score);
        self.matches += 1;
    }

    fn harvest(self) -> Self::Fruit {
        (self.top.harvest(), Total::counted(self.matches))
    }
}

impl<C: Collector> Collector for Sampled<C> {
    type Fruit = (C::Fruit, Total);
    type Child = SampledSegment<C::Child>;

    fn check_schema(&self, schema: &tantivy::schema::Schema) -> tantivy::Result<()> {
        self.top.check_schema(schema)
    }

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SampledSegment {
            top: self.top.for_segment(segment_ord, segment)?,
            matches: 0,
        })
    }

    /// Always: the sample is ranked by score, whatever the inner collector
    /// says (an absent top-k asks for none).
    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<Self::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Self::Fruit> {
        let (tops, totals): (Vec<_>, Vec<_>) = fruits.into_iter().unzip();
        Ok((self.top.merge_fruits(tops)?, Total::sum(totals.into_iter())))
    }

    /// The segment's matches in document order up to its quota; past it, the
    /// total is extrapolated from the documents the walk covered.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment_ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<<Self::Child as SegmentCollector>::Fruit> {
        let quota = self
            .budget
            .map(|b| segment_quota(b, reader.max_doc(), self.all_docs));
        let mut child = self.for_segment(segment_ord, reader)?;
        let mut scorer = weight.scorer(reader, 1.0)?;
        let stopped_at = walk(scorer.as_mut(), reader, quota, &mut child);
        let matches = child.matches;
        let (top, counted) = child.harvest();
        let total = match stopped_at {
            None => counted,
            Some(last) => Total {
                passages: extrapolate(matches, last, reader.max_doc()),
                exact: false,
            },
        };
        Ok((top, total))
    }
}

/// A segment's share of the budget, by its number of documents (at least one).
fn segment_quota(budget: usize, segment_docs: u32, all_docs: u64) -> usize {
    if all_docs == 0 {
        return budget.max(1);
    }
    let share = budget as u128 * u128::from(segment_docs) / u128::from(all_docs);
    (share as usize).max(1)
}

/// Feeds `child` the live matches of `scorer`, stopping once `quota` were fed.
/// Returns the last document fed when the quota stopped the walk with matches
/// (live or not) left after it.
fn walk(
    scorer: &mut dyn Scorer,
    segment: &SegmentReader,
    quota: Option<usize>,
    child: &mut impl SegmentCollector,
) -> Option<DocId> {
    let alive = segment.alive_bitset();
    let mut fed = 0usize;
    let mut doc = scorer.doc();
    while doc != TERMINATED {
        if alive.is_none_or(|a| a.is_alive(doc)) {
            child.collect(doc, scorer.score());
            fed += 1;
            if quota.is_some_and(|q| fed >= q) {
                let more = scorer.advance() != TERMINATED;
                return more.then_some(doc);
            }
        }
        doc = scorer.advance();
    }
    None
}

/// Matches in a segment, from those among its first `last + 1` documents:
/// passages are spread evenly enough in index order for a linear estimate.
fn extrapolate(matches: usize, last: u32, max_doc: u32) -> f64 {
    let covered = f64::from(last) + 1.0;
    (matches as f64 * f64::from(max_doc) / covered).max(matches as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One segment of the passages `bodies`, in that order.
    fn one_segment_index(bodies: &[&str]) -> (tantivy::Index, tantivy::schema::Field) {
        use tantivy::schema::{Schema, TEXT};
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = tantivy::Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        for body in bodies {
            writer.add_document(tantivy::doc!(text => *body)).unwrap();
        }
        writer.commit().unwrap();
        (index, text)
    }

    fn term_a(text: tantivy::schema::Field) -> tantivy::query::TermQuery {
        tantivy::query::TermQuery::new(
            tantivy::Term::from_field_text(text, "a"),
            tantivy::schema::IndexRecordOption::WithFreqs,
        )
    }

    #[test]
    fn the_top_is_best_first_with_ties_by_document() {
        let (index, text) = one_segment_index(&["a b", "a a", "a b", "a a", "b", "a a"]);
        let searcher = index.reader().unwrap().searcher();
        let ranked = rank(&searcher, &term_a(text), 3, None).unwrap();
        let docs: Vec<u32> = ranked.top.iter().map(|(_, a)| a.doc_id).collect();
        assert_eq!(docs, vec![1, 3, 5]);
        assert!(ranked.top.windows(2).all(|w| w[0].0 == w[1].0));
        assert_eq!((ranked.total, ranked.exact), (5, true));
        let cut = rank(&searcher, &term_a(text), 2, None).unwrap();
        assert_eq!(cut.top, ranked.top[..2]);
    }

    #[test]
    fn any_limit_is_served_and_zero_only_counts() {
        let (index, text) = one_segment_index(&["a", "a b", "b"]);
        let searcher = index.reader().unwrap().searcher();
        let none = rank(&searcher, &term_a(text), 0, None).unwrap();
        assert!(none.top.is_empty());
        assert_eq!((none.total, none.exact), (2, true));
        let all = rank(&searcher, &term_a(text), usize::MAX, None).unwrap();
        assert_eq!((all.top.len(), all.total, all.exact), (2, 2, true));
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
