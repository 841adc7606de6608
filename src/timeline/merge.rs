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

use std::collections::{HashMap, HashSet};

use super::entry::Entry;
use super::mention::{Certainty, Draft, Mention};
use super::period::When;
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
type Period = (When, Option<When>);

/// Groups the drafts into entries in date order.
pub(crate) fn entries(drafts: Vec<Draft>) -> Vec<Entry> {
    let profiles = profiles(&drafts);
    let weights = Weights::of(&profiles);
    // An interval merges only with the same interval.
    let mut groups: HashMap<Period, Vec<usize>> = HashMap::new();
    let mut order: Vec<Period> = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        groups
            .entry((d.when, d.end))
            .or_insert_with(|| {
                order.push((d.when, d.end));
                Vec::new()
            })
            .push(i);
    }
    let mut clusters: Vec<(Period, Vec<usize>)> = Vec::new();
    for when in order {
        let members = groups.remove(&when).unwrap_or_default();
        for cluster in cluster(&members, &profiles, &weights) {
            clusters.push((when, cluster));
        }
    }
    let mut drafts: Vec<Option<Draft>> = drafts.into_iter().map(Some).collect();
    let mut out: Vec<(Period, (usize, usize), Entry)> = clusters
        .into_iter()
        .map(|(when, members)| {
            let mentions: Vec<Draft> = members.iter().filter_map(|&i| drafts[i].take()).collect();
            let key = mentions
                .first()
                .map_or((0, 0), |d| (d.doc, d.mention.start));
            (when, key, entry(when, mentions))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    out.into_iter().map(|(_, _, e)| e).collect()
}

/// Single-link clustering of one date's mentions: a mention joins every
/// cluster it is close to, which merges them, unless it conflicts with them.
fn cluster(members: &[usize], profiles: &[Profile], weights: &Weights) -> Vec<Vec<usize>> {
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for &m in members {
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
        clusters[first].push(m);
        clusters[first].sort_unstable();
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

fn profiles(drafts: &[Draft]) -> Vec<Profile> {
    let analyzed: Vec<Analyzed> = drafts.iter().map(|d| analyze_mention(&d.mention)).collect();
    let vocabulary: HashSet<&str> = analyzed
        .iter()
        .flat_map(|a| a.words.iter().map(|w| w.stem.as_str()))
        .collect();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut id_of = |term: &str| -> u32 {
        let next = ids.len() as u32;
        *ids.entry(term.to_string()).or_insert(next)
    };
    analyzed
        .iter()
        .map(|a| {
            let term = |w: &Word| match &w.bare {
                Some(b) if vocabulary.contains(b.as_str()) => b.clone(),
                _ => w.stem.clone(),
            };
            let mut clause = Vec::new();
            let mut window = Vec::new();
            for w in &a.words {
                let id = id_of(&term(w));
                clause.push(id);
                let near =
                    w.index + WINDOW_WORDS >= a.date.start && w.index < a.date.end + WINDOW_WORDS;
                if near {
                    window.push(id);
                }
            }
            let mut quantities: Vec<(u32, u64)> = a
                .quantities
                .iter()
                .map(|(noun, v)| (id_of(noun), *v))
                .collect();
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
            }
        })
        .collect()
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

fn entry((when, end): Period, drafts: Vec<Draft>) -> Entry {
    let certainty = drafts
        .iter()
        .map(|d| d.mention.certainty)
        .max()
        .unwrap_or(Certainty::Relative);
    let summary = drafts
        .iter()
        .max_by(|a, b| {
            a.mention
                .certainty
                .cmp(&b.mention.certainty)
                .then(b.doc.cmp(&a.doc))
        })
        .map(|d| summarize(&d.mention.text))
        .unwrap_or_default();
    let mentions: Vec<Mention> = drafts.into_iter().map(|d| d.mention).collect();
    Entry {
        date: when,
        start: end.map(|_| when),
        end,
        precision: when.precision(),
        certainty,
        summary,
        mentions,
    }
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

/// Term weights: the inverse document frequency of each term among mentions.
struct Weights {
    idf: Vec<f64>,
}

impl Weights {
    fn of(profiles: &[Profile]) -> Weights {
        let size = profiles
            .iter()
            .flat_map(|p| &p.clause)
            .map(|&t| t as usize + 1)
            .max();
        let mut df = vec![0u32; size.unwrap_or(0)];
        for p in profiles {
            for &t in &p.clause {
                df[t as usize] += 1;
            }
        }
        let n = profiles.len() as f64;
        let idf = df
            .into_iter()
            .map(|d| (1.0 + n / f64::from(d.max(1))).ln())
            .collect();
        Weights { idf }
    }

    fn weight(&self, t: u32) -> f64 {
        self.idf.get(t as usize).copied().unwrap_or(0.0)
    }

    /// How strongly two mentions call for a merge: 1 or more merges.
    fn affinity(&self, a: &Profile, b: &Profile) -> f64 {
        let window = self.overlap(&a.window, &b.window) / MIN_WINDOW_SIMILARITY;
        let clause = self.overlap(&a.clause, &b.clause) / MIN_CLAUSE_SIMILARITY;
        window.max(clause)
    }

    /// Weight of the shared terms over the geometric mean of the two lists'
    /// weights (a weighted Ochiai coefficient); 0 unless enough distinct terms
    /// are shared. Both lists are sorted.
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
        let total = |l: &[u32]| l.iter().map(|&t| self.weight(t)).sum::<f64>();
        let denominator = (total(a) * total(b)).sqrt();
        if count < MIN_SHARED_TERMS || denominator <= 0.0 {
            return 0.0;
        }
        shared / denominator
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::Date;

    fn draft(doc: usize, text: &str, date: &str) -> Draft {
        let at = text.find(date).unwrap_or(0);
        let when = When::Day(Date::new(2020, 11, 10).unwrap());
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
        Draft {
            doc,
            when,
            end: None,
            mention,
        }
    }

    #[test]
    fn profiles_drop_function_and_date_words_and_find_bare_forms() {
        let drafts = [
            draft(
                0,
                "في 10 نوفمبر 2020 أعلن بوتين اتفاقا لوقف إطلاق النار",
                "10 نوفمبر 2020",
            ),
            draft(
                1,
                "اتفق الطرفان على وقف إطلاق النار في 10 نوفمبر",
                "10 نوفمبر",
            ),
        ];
        let analyzed = analyze_mention(&drafts[0].mention);
        let stems: Vec<&str> = analyzed.words.iter().map(|w| w.stem.as_str()).collect();
        assert!(
            !stems
                .iter()
                .any(|s| ["في", "10", "نوفمبر", "2020"].contains(s)),
            "{stems:?}"
        );
        let p = profiles(&drafts);
        let w = Weights::of(&p);
        assert!(
            w.overlap(&p[0].clause, &p[1].clause) > 0.0,
            "لوقف meets وقف"
        );
    }

    #[test]
    fn different_figures_for_the_same_noun_conflict() {
        let drafts = [
            draft(
                0,
                "أعلنت أرمينيا أمس أن 32 شخصا قتلوا خلال العملية العسكرية",
                "أمس",
            ),
            draft(
                1,
                "أدت العملية العسكرية الأربعاء إلى مقتل 200 شخص في الأقل",
                "الأربعاء",
            ),
            draft(2, "قتل 32 شخصا و30 ألف جندي في العملية العسكرية أمس", "أمس"),
        ];
        let p = profiles(&drafts);
        assert!(conflict(&p[0], &p[1]));
        assert!(!conflict(&p[0], &p[2]), "one figure agrees");
        assert!(p[2].quantities.iter().any(|q| q.1 == 30_000));
    }

    #[test]
    fn same_date_without_shared_terms_stays_apart() {
        let drafts = vec![
            draft(
                0,
                "في 10 نوفمبر وقع وزيرا الدفاع مذكرة تفاهم لإنشاء مركز مراقبة مشترك",
                "10 نوفمبر",
            ),
            draft(
                1,
                "في 10 نوفمبر تم توقيع مذكرة تفاهم بين روسيا وتركيا لإنشاء مركز مراقبة",
                "10 نوفمبر",
            ),
            draft(
                2,
                "في 10 نوفمبر اصطدمت سيارة مدنية بشاحنة على الطريق السريع",
                "10 نوفمبر",
            ),
        ];
        let entries = entries(drafts);
        let sizes: Vec<usize> = entries.iter().map(|e| e.mentions.len()).collect();
        assert_eq!(sizes, [2, 1]);
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
