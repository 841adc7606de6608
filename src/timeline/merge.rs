//! Merging mentions of one real event, across documents and within one, into a
//! single timeline entry.
//!
//! Two mentions merge when they have the same date and precision and also share
//! key terms after Arabic analysis: the same date alone is not enough, since
//! 000 reports three unrelated things on 11 December. Terms are weighted by how
//! rare they are among the dated mentions, so «قوات حفظ السلام الروسية», in
//! nearly every sentence of the seeds, counts for little and «مذكرة تفاهم» for
//! much. The terms near the date expression say most about the dated event, so
//! they are compared on their own as well as with the whole clause.
//!
//! Reports that share their terms but give different figures for the same thing
//! («32 شخصا قتلوا» against «مقتل 200 شخص») conflict: they stay separate
//! entries, next to each other since they have the same date.

use rustc_hash::FxHashMap as HashMap;

use super::counts::TermCounts;
use super::entry::Entry;
use super::mention::{Certainty, Mention};
use super::period::When;
use super::record::{FileRecord, RecordSet};
use super::stopwords::{is_content_word, is_stopword};
use crate::arabic::{analyze, stem, Token};
use crate::cite;

/// Cosine similarity of the weighted terms near the dates that merges.
const MIN_WINDOW_SIMILARITY: f64 = 0.23;
/// The same over the whole clauses, which carry more unrelated words.
const MIN_CLAUSE_SIMILARITY: f64 = 0.28;
/// Words each side of the date expression that make its window.
const WINDOW_WORDS: usize = 10;
/// How many distinct terms at least must be shared.
const MIN_SHARED_TERMS: usize = 2;
/// A new mention is compared with at most this many members of a cluster, so a
/// date mentioned thousands of times stays linear.
const MAX_COMPARED: usize = 8;
/// And with at most this many of the latest clusters of its date.
const MAX_CLUSTERS: usize = 64;
/// Summaries are cut at this many characters.
const SUMMARY_CHARS: usize = 160;

/// A date, and an interval's last end.
pub(crate) type Period = (When, Option<When>);

/// A mention, as (record, mention) positions in the records merged.
pub(crate) type At = (u32, u32);

/// The mentions of one event, in record order, with their date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cluster {
    pub period: Period,
    pub members: Vec<At>,
}

/// Groups the mentions of `records` into the timeline's entries, in date
/// order (then by where their first mention is). Only the clues are compared:
/// mention text is read again only to build an entry ([`entry`]).
pub(crate) fn clusters(records: &RecordSet) -> Vec<Cluster> {
    let counts = records.counts();
    let names = records.term_names();
    let terms = Terms::of(&names, &counts);
    let weights = Weights::of(&names, &counts);
    // An interval merges only with the same interval.
    let mut groups: HashMap<Period, Vec<At>> = HashMap::default();
    let mut order: Vec<Period> = Vec::new();
    for (r, record) in records.iter().enumerate() {
        let mentions = &record.mentions;
        for m in 0..mentions.len() {
            let period = (mentions.when(m), mentions.end(m));
            groups
                .entry(period)
                .or_insert_with(|| {
                    order.push(period);
                    Vec::new()
                })
                .push((r as u32, m as u32));
        }
    }
    let dated: Vec<(Period, Vec<At>)> = order
        .into_iter()
        .map(|period| (period, groups.remove(&period).unwrap_or_default()))
        .collect();
    // Each date's mentions are clustered on their own: on several threads.
    let clustered = crate::parallel::map_in_order(&dated, 2, |(period, members)| {
        let profiles: Vec<Profile> = members
            .iter()
            .map(|&at| weights.weigh(terms.profile(records, at)))
            .collect();
        let groups = cluster(&profiles, &weights);
        groups
            .into_iter()
            .map(|group| {
                let members: Vec<At> = group.iter().map(|&i| members[i]).collect();
                let (r, m) = members[0];
                let key = (r, records[r as usize].mentions.start(m as usize));
                (
                    Cluster {
                        period: *period,
                        members,
                    },
                    key,
                )
            })
            .collect::<Vec<_>>()
    });
    let mut out: Vec<(Cluster, (u32, usize))> = clustered.flatten().collect();
    out.sort_by(|a, b| a.0.period.cmp(&b.0.period).then(a.1.cmp(&b.1)));
    out.into_iter().map(|(c, _)| c).collect()
}

/// The entry of one cluster, its mentions copied out of the records.
pub(crate) fn entry(cluster: &Cluster, records: &[FileRecord]) -> Entry {
    let (when, end) = cluster.period;
    let certainty_of = |&(r, m): &At| records[r as usize].mentions.certainty(m as usize);
    let certainty = cluster
        .members
        .iter()
        .map(certainty_of)
        .max()
        .unwrap_or(Certainty::Relative);
    let summary = cluster
        .members
        .iter()
        .max_by(|a, b| certainty_of(a).cmp(&certainty_of(b)).then(b.0.cmp(&a.0)))
        .map(|&(r, m)| summarize(records[r as usize].mentions.text(m as usize)))
        .unwrap_or_default();
    Entry {
        date: when,
        start: end.map(|_| when),
        end,
        precision: when.precision(),
        certainty,
        summary,
        mentions: cluster
            .members
            .iter()
            .map(|&(r, m)| records[r as usize].mention(m as usize))
            .collect(),
    }
}

/// Single-link clustering of one date's mentions: a mention joins every
/// cluster it is close to, which merges them, unless it conflicts with them.
fn cluster(profiles: &[Profile], weights: &Weights) -> Vec<Vec<usize>> {
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for m in 0..profiles.len() {
        let recent = clusters.len().saturating_sub(MAX_CLUSTERS);
        let close: Vec<usize> = (recent..clusters.len())
            .filter(|&c| {
                let compared = &clusters[c][..clusters[c].len().min(MAX_COMPARED)];
                let conflicts = compared
                    .iter()
                    .any(|&o| conflict(&profiles[m], &profiles[o]));
                !conflicts
                    && compared
                        .iter()
                        .any(|&o| weights.affinity(&profiles[m], &profiles[o]) >= 1.0)
            })
            .collect();
        let Some((&first, rest)) = close.split_first() else {
            clusters.push(vec![m]);
            continue;
        };
        // Later clusters fold into the first; removing from the back keeps the
        // indices of the others valid.
        for &c in rest.iter().rev() {
            let moved = clusters.remove(c);
            clusters[first].extend(moved);
        }
        // Members come in order, so a cluster that took in no other stays
        // sorted; re-sorting a cluster of thousands at every new member made
        // merging quadratic.
        clusters[first].push(m);
        if !rest.is_empty() {
            clusters[first].sort_unstable();
        }
    }
    clusters
}

/// What merging compares of a mention, as sorted term ids.
#[derive(Debug, Default)]
struct Profile {
    clause: Vec<u32>,
    window: Vec<u32>,
    /// Figures the text gives: (counted noun, value), as in «32 شخصا».
    quantities: Vec<(u32, u64)>,
    /// The summed weights of `clause` and `window`, once weighed
    /// ([`Weights::weigh`]): every comparison needs them.
    clause_weight: f64,
    window_weight: f64,
}

/// A content word of a mention.
struct Word {
    /// Position among all the words of the mention.
    index: usize,
    stem: String,
    /// The stem without an attached ل ب ك ف, used when that form occurs on its
    /// own somewhere (لوقف → وقف), since the light stemmer keeps them.
    bare: Option<String>,
}

struct Analyzed {
    words: Vec<Word>,
    /// Word positions of the date expression.
    date: std::ops::Range<usize>,
    quantities: Vec<(String, u64)>,
}

/// What merging compares of one mention, computed when its file is read:
/// its content words near and away from the date, and the figures it gives.
/// Terms are numbered in the file's own list ([`FileRecord::terms`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clues {
    pub words: Vec<ClueWord>,
    /// (counted noun, value), as in «32 شخصا».
    pub quantities: Vec<(u32, u64)>,
}

/// One content word of a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClueWord {
    pub stem: u32,
    /// The stem without an attached ل ب ك ف, compared instead of the stem
    /// when that form occurs as a stem somewhere (لوقف → وقف), since the light
    /// stemmer keeps them.
    pub bare: Option<u32>,
    /// Within [`WINDOW_WORDS`] of the date expression.
    pub near: bool,
}

/// A file's list of terms, as its clues are computed.
#[derive(Debug, Default)]
pub(crate) struct TermList {
    ids: HashMap<String, u32>,
    pub terms: Vec<String>,
}

impl TermList {
    fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.ids.insert(term.to_string(), id);
        self.terms.push(term.to_string());
        id
    }
}

/// The clues of a mention, its terms added to `terms`.
pub(crate) fn clues(m: &Mention, terms: &mut TermList) -> Clues {
    let a = analyze_mention(m);
    let words = a
        .words
        .iter()
        .map(|w| ClueWord {
            stem: terms.id(&w.stem),
            bare: w.bare.as_deref().map(|b| terms.id(b)),
            near: w.index + WINDOW_WORDS >= a.date.start && w.index < a.date.end + WINDOW_WORDS,
        })
        .collect();
    let quantities = a
        .quantities
        .iter()
        .map(|(noun, v)| (terms.id(noun), *v))
        .collect();
    Clues { words, quantities }
}

/// What merging needs of the records' common terms.
struct Terms {
    /// Terms that are some word's stem: a bare form is compared only then.
    is_stem: Vec<bool>,
}

impl Terms {
    /// Which of the set's terms (`names`) are some word's stem in the
    /// archive `counts` counts.
    fn of(names: &[&str], counts: &TermCounts) -> Terms {
        Terms {
            is_stem: names.iter().map(|t| counts.is_stem(t)).collect(),
        }
    }

    /// The common id a word is compared by: its bare form's when that is
    /// some word's stem, else its stem.
    fn term(&self, w: &ClueWord) -> u32 {
        match w.bare {
            Some(b) if self.is_stem.get(b as usize) == Some(&true) => b,
            _ => w.stem,
        }
    }

    fn profile(&self, records: &[FileRecord], (r, m): At) -> Profile {
        let mentions = &records[r as usize].mentions;
        let term = |w: ClueWord| self.term(&w);
        let mut clause: Vec<u32> = mentions.words(m as usize).map(term).collect();
        let mut window: Vec<u32> = mentions
            .words(m as usize)
            .filter(|w| w.near)
            .map(term)
            .collect();
        let mut quantities: Vec<(u32, u64)> = mentions.quantities(m as usize).to_vec();
        for list in [&mut clause, &mut window] {
            list.sort_unstable();
            list.dedup();
        }
        quantities.sort_unstable();
        quantities.dedup();
        Profile {
            clause,
            window,
            quantities,
            clause_weight: 0.0,
            window_weight: 0.0,
        }
    }
}

fn analyze_mention(m: &Mention) -> Analyzed {
    let tokens = analyze(&m.text);
    let from = m.date_start.saturating_sub(m.start);
    let to = m.date_end.saturating_sub(m.start);
    let first = tokens
        .iter()
        .position(|t| t.end > from)
        .unwrap_or(tokens.len());
    let last = tokens
        .iter()
        .rposition(|t| t.start < to)
        .map_or(first, |i| i + 1)
        .max(first);
    let date = first..last;
    let mut words = Vec::new();
    for (index, t) in tokens.iter().enumerate() {
        if date.contains(&index) || !is_content_word(&t.norm) || t.stem.chars().count() < 2 {
            continue;
        }
        words.push(Word {
            index,
            stem: t.stem.clone(),
            bare: without_particle(&t.norm),
        });
    }
    let quantities = quantities(&tokens, &date);
    Analyzed {
        words,
        date,
        quantities,
    }
}

/// The stem of a word without its first letter when that is an attached
/// preposition or conjunction (ل ب ك ف) and enough is left.
fn without_particle(norm: &str) -> Option<String> {
    let mut chars = norm.chars();
    let particle = matches!(chars.next(), Some('ل' | 'ب' | 'ك' | 'ف'));
    let rest = chars.as_str();
    (particle && rest.chars().count() >= 3 && !is_stopword(rest)).then(|| stem(rest))
}

/// Numbers followed by what they count, outside the date expression: «32 شخصا»,
/// «30 ألف شخص».
fn quantities(tokens: &[Token], date: &std::ops::Range<usize>) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if date.contains(&i) || t.norm.len() > 12 || !t.norm.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Ok(mut value) = t.norm.parse::<u64>() else {
            continue;
        };
        let mut j = i + 1;
        while let Some(factor) = tokens.get(j).and_then(|n| multiplier(&n.norm)) {
            value = value.saturating_mul(factor);
            j += 1;
        }
        if let Some(noun) = tokens.get(j).filter(|n| is_content_word(&n.norm)) {
            out.push((noun.stem.clone(), value));
        }
    }
    out
}

fn multiplier(norm: &str) -> Option<u64> {
    match norm {
        "الف" | "الاف" => Some(1_000),
        "مليون" | "ملايين" => Some(1_000_000),
        "مليار" => Some(1_000_000_000),
        _ => None,
    }
}

/// Both give a figure for the same noun, and no figure agrees.
fn conflict(a: &Profile, b: &Profile) -> bool {
    a.quantities.iter().any(|&(noun, _)| {
        let values_b: Vec<u64> = b
            .quantities
            .iter()
            .filter(|q| q.0 == noun)
            .map(|q| q.1)
            .collect();
        !values_b.is_empty()
            && a.quantities
                .iter()
                .filter(|q| q.0 == noun)
                .all(|q| !values_b.contains(&q.1))
    })
}

/// The mention's text without citation markers, on one line, cut to length.
pub(crate) fn summarize(text: &str) -> String {
    let clean = cite::without_markers(text);
    let mut out = String::new();
    for w in clean.split_whitespace() {
        if out.chars().count() + w.chars().count() + 1 > SUMMARY_CHARS {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Term weights: the inverse document frequency of each term among the
/// archive's mentions.
struct Weights {
    idf: Vec<f64>,
}

impl Weights {
    /// The weights of the set's terms (`names`), from the archive's counts:
    /// a term counts once per mention it is a word's stem or bare form in.
    fn of(names: &[&str], counts: &TermCounts) -> Weights {
        let n = counts.mentions() as f64;
        let idf = names
            .iter()
            .map(|t| (1.0 + n / f64::from(counts.holding(t).max(1))).ln())
            .collect();
        Weights { idf }
    }

    fn weight(&self, t: u32) -> f64 {
        self.idf.get(t as usize).copied().unwrap_or(0.0)
    }

    /// How strongly two mentions call for a merge: 1 or more merges.
    fn affinity(&self, a: &Profile, b: &Profile) -> f64 {
        let window =
            self.overlap(&a.window, &b.window) / (a.window_weight * b.window_weight).sqrt();
        let clause =
            self.overlap(&a.clause, &b.clause) / (a.clause_weight * b.clause_weight).sqrt();
        let similarity = |s: f64| if s.is_finite() { s } else { 0.0 };
        (similarity(window) / MIN_WINDOW_SIMILARITY).max(similarity(clause) / MIN_CLAUSE_SIMILARITY)
    }

    /// `profile` with its lists' summed weights.
    fn weigh(&self, mut profile: Profile) -> Profile {
        let total = |l: &[u32]| l.iter().map(|&t| self.weight(t)).sum::<f64>();
        profile.clause_weight = total(&profile.clause);
        profile.window_weight = total(&profile.window);
        profile
    }

    /// Weight of the shared terms, to be divided by the geometric mean of the
    /// two lists' weights (a weighted Ochiai coefficient); 0 unless enough
    /// distinct terms are shared. Both lists are sorted.
    fn overlap(&self, a: &[u32], b: &[u32]) -> f64 {
        let (mut i, mut j, mut shared, mut count) = (0, 0, 0.0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += self.weight(a[i]);
                    count += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        if count < MIN_SHARED_TERMS {
            return 0.0;
        }
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::Date;
    use crate::timeline::Draft;

    fn record(doc: usize, text: &str, date: &str) -> FileRecord {
        let at = text.find(date).unwrap_or(0);
        let mention = Mention {
            file: format!("{doc}.txt"),
            paragraph: 1,
            page: None,
            chapter: None,
            start: 0,
            end: text.len(),
            text: text.to_string(),
            date_text: date.to_string(),
            markers: Vec::new(),
            references: Vec::new(),
            date_start: at,
            date_end: at + date.len(),
            certainty: Certainty::Explicit,
        };
        let draft = Draft {
            when: When::Day(Date::new(2020, 11, 10).unwrap()),
            end: None,
            mention,
        };
        FileRecord::of_drafts(
            crate::catalog::Described::bare(&format!("{doc}.txt")),
            &[draft],
        )
    }

    fn profiles(records: &RecordSet) -> (Vec<Profile>, Weights) {
        let (counts, names) = (records.counts(), records.term_names());
        let terms = Terms::of(&names, &counts);
        let profiles = (0..records.len())
            .map(|r| terms.profile(records, (r as u32, 0)))
            .collect();
        (profiles, Weights::of(&names, &counts))
    }

    #[test]
    fn profiles_drop_function_and_date_words_and_find_bare_forms() {
        let records = RecordSet::from(vec![
            record(
                0,
                "في 10 نوفمبر 2020 أعلن بوتين اتفاقا لوقف إطلاق النار",
                "10 نوفمبر 2020",
            ),
            record(
                1,
                "اتفق الطرفان على وقف إطلاق النار في 10 نوفمبر",
                "10 نوفمبر",
            ),
        ]);
        let analyzed = analyze_mention(&records[0].mention(0));
        let stems: Vec<&str> = analyzed.words.iter().map(|w| w.stem.as_str()).collect();
        assert!(
            !stems
                .iter()
                .any(|s| ["في", "10", "نوفمبر", "2020"].contains(s)),
            "{stems:?}"
        );
        let (p, w) = profiles(&records);
        assert!(
            w.overlap(&p[0].clause, &p[1].clause) > 0.0,
            "لوقف meets وقف"
        );
    }

    #[test]
    fn different_figures_for_the_same_noun_conflict() {
        let records = RecordSet::from(vec![
            record(
                0,
                "أعلنت أرمينيا أمس أن 32 شخصا قتلوا خلال العملية العسكرية",
                "أمس",
            ),
            record(
                1,
                "أدت العملية العسكرية الأربعاء إلى مقتل 200 شخص في الأقل",
                "الأربعاء",
            ),
            record(2, "قتل 32 شخصا و30 ألف جندي في العملية العسكرية أمس", "أمس"),
        ]);
        let (p, _) = profiles(&records);
        assert!(conflict(&p[0], &p[1]));
        assert!(!conflict(&p[0], &p[2]), "one figure agrees");
        assert!(p[2].quantities.iter().any(|q| q.1 == 30_000));
    }

    #[test]
    fn same_date_without_shared_terms_stays_apart() {
        let records = RecordSet::from(vec![
            record(
                0,
                "في 10 نوفمبر وقع وزيرا الدفاع مذكرة تفاهم لإنشاء مركز مراقبة مشترك",
                "10 نوفمبر",
            ),
            record(
                1,
                "في 10 نوفمبر تم توقيع مذكرة تفاهم بين روسيا وتركيا لإنشاء مركز مراقبة",
                "10 نوفمبر",
            ),
            record(
                2,
                "في 10 نوفمبر اصطدمت سيارة مدنية بشاحنة على الطريق السريع",
                "10 نوفمبر",
            ),
        ]);
        let clusters = clusters(&records);
        let sizes: Vec<usize> = clusters.iter().map(|c| c.members.len()).collect();
        assert_eq!(sizes, [2, 1]);
        let entry = entry(&clusters[0], &records);
        assert_eq!(entry.mentions.len(), 2);
        assert_eq!(entry.mentions[1].file, "1.txt");
    }

    #[test]
    fn summary_drops_markers_and_is_cut_on_a_word() {
        assert_eq!(
            summarize("انتهت  الحرب.[23]\tثم [x]"),
            "انتهت الحرب. ثم [x]"
        );
        let long = "كلمة ".repeat(100);
        let s = summarize(&long);
        assert!(s.chars().count() <= SUMMARY_CHARS + 1);
        assert!(s.ends_with('…'));
    }
}
