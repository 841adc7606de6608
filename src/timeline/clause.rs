//! Which piece of a sentence states each of its dates: the whole sentence for
//! one date; for several, the clauses cut between consecutive dates where a new
//! one starts (a fronted «وفي …», a comma and the citation markers closing it).
//! Long pieces are bounded to the words around their date.

use std::ops::Range;

use super::stopwords::is_content_word;
use crate::arabic::{for_each_token, normalize_word};
use crate::cite;

/// Longer clauses are not real sentences (a text without punctuation, a
/// table flattened into a line): the mention keeps this much around its date.
const MAX_MENTION_BYTES: usize = 1200;

/// The clause, or when it is too long, the words around the date inside it.
pub(super) fn bounded(text: &str, clause: Range<usize>, date: Range<usize>) -> Range<usize> {
    if clause.len() <= MAX_MENTION_BYTES {
        return clause;
    }
    let half = MAX_MENTION_BYTES.saturating_sub(date.len()) / 2;
    let mut start = date.start.saturating_sub(half).max(clause.start);
    let mut end = date.end.saturating_add(half).min(clause.end);
    while start > clause.start && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < clause.end && !text.is_char_boundary(end) {
        end += 1;
    }
    // Cut between words, not inside one.
    if start > clause.start {
        if let Some(space) = text[start..date.start.max(start)].find(char::is_whitespace) {
            start += space;
        }
    }
    let tail_from = date.end.clamp(start, end);
    if end < clause.end {
        if let Some(space) = text[tail_from..end].rfind(char::is_whitespace) {
            end = tail_from + space;
        }
    }
    trim(text, start..end)
}

/// The clause of `sentence` that states each date in `dates` (sorted, inside
/// the sentence). With one date it is the whole sentence; with several, the
/// sentence is cut between consecutive dates where a new clause starts.
pub(super) fn clauses(
    text: &str,
    sentence: Range<usize>,
    dates: &[Range<usize>],
) -> Vec<Range<usize>> {
    let found: Vec<Option<usize>> = dates
        .windows(2)
        .map(|w| clause_start(text, w[0].end, w[1].start))
        .collect();
    // next_found[k]: the first cut at or after k, or the sentence end.
    let mut next_found = vec![sentence.end; found.len() + 1];
    for k in (0..found.len()).rev() {
        next_found[k] = found[k].unwrap_or(next_found[k + 1]);
    }
    // A cut that leaves a piece with no content word besides its date («اعتباراً
    // من منتصف ليل الإثنين-الثلاثاء») is no clause boundary.
    let content = content_word_starts(text, sentence.clone(), dates);
    let words_in = |r: Range<usize>| {
        content.partition_point(|&p| p < r.end) - content.partition_point(|&p| p < r.start)
    };
    let mut cuts: Vec<Option<usize>> = Vec::with_capacity(found.len());
    let mut last = sentence.start;
    for (k, cut) in found.iter().enumerate() {
        let kept = cut.filter(|&at| words_in(last..at) > 0 && words_in(at..next_found[k + 1]) > 0);
        if let Some(at) = kept {
            last = at;
        }
        cuts.push(kept);
    }
    let mut starts = Vec::with_capacity(dates.len());
    let mut start = sentence.start;
    for k in 0..dates.len() {
        if let Some(Some(at)) = k.checked_sub(1).map(|p| cuts[p]) {
            start = at;
        }
        starts.push(start);
    }
    let mut ends = vec![sentence.end; dates.len()];
    for k in (0..dates.len().saturating_sub(1)).rev() {
        ends[k] = cuts[k].unwrap_or(ends[k + 1]);
    }
    starts
        .into_iter()
        .zip(ends)
        .map(|(s, e)| trim(text, s.max(sentence.start)..e.min(sentence.end)))
        .collect()
}

/// Where the content words of `text[range]` outside the (sorted) date spans
/// start, in order.
fn content_word_starts(text: &str, range: Range<usize>, dates: &[Range<usize>]) -> Vec<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut next_date = 0;
    for_each_token(slice, |s, e| {
        let (s, e) = (range.start + s, range.start + e);
        while next_date < dates.len() && dates[next_date].end <= s {
            next_date += 1;
        }
        let in_date = dates.get(next_date).is_some_and(|d| d.start < e);
        if !in_date && is_content_word(&normalize_word(&text[s..e])) {
            out.push(s);
        }
    });
    out
}

/// Where the clause of the date starting at `next` begins, searching back to
/// `after` (the end of the previous date): at a fronted «وفي …», or just after
/// the last comma (and the citation markers closing it).
fn clause_start(text: &str, after: usize, next: usize) -> Option<usize> {
    let between = text.get(after..next)?;
    if let Some(at) = fronted_word_start(between) {
        return Some(after + at);
    }
    let comma = between.rfind(['،', ',', '؛', ';'])?;
    let mut at = after + comma + between[comma..].chars().next()?.len_utf8();
    loop {
        let rest = &text[at..next];
        let skipped = rest.len() - rest.trim_start().len();
        at += skipped;
        match cite::marker_len(&text[at..next]) {
            Some(len) => at += len,
            None if skipped == 0 => return Some(at),
            None => {}
        }
    }
}

/// Conjunction + preposition words that open a new dated clause: «وفي», «ومنذ».
const FRONTING: &[&str] = &[
    "وفي",
    "ففي",
    "ومنذ",
    "ومع",
    "وبعد",
    "وقبل",
    "وخلال",
    "وحتي",
    "ثم",
];

/// The start of the word that opens the date's clause, if the text before the
/// date ends with one (or with the clitic و of «واليوم»).
fn fronted_word_start(between: &str) -> Option<usize> {
    if let Some(stem) = between.strip_suffix(['و', 'ف']) {
        if stem.ends_with(|c: char| !c.is_alphabetic()) {
            return Some(stem.len());
        }
    }
    let trimmed = between.trim_end();
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = normalize_word(&trimmed[start..]);
    (start > 0 && FRONTING.contains(&word.as_str())).then_some(start)
}

fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = text.get(range.clone()).unwrap_or("");
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail >= piece.len() {
        return range.start..range.start;
    }
    range.start + lead..range.end - trail
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut<'a>(text: &'a str, dates: &[&str]) -> Vec<&'a str> {
        let spans: Vec<Range<usize>> = dates
            .iter()
            .map(|d| {
                let s = text.find(d).unwrap();
                s..s + d.len()
            })
            .collect();
        clauses(text, 0..text.len(), &spans)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn one_date_takes_the_whole_sentence() {
        let t = "وفي 22 نوفمبر عاد 25 ألف من الأرمن النازحين إلى المنطقة.[21]";
        assert_eq!(cut(t, &["22 نوفمبر"]), [t]);
    }

    #[test]
    fn fronted_clause_with_its_marker_before_it() {
        let t = "في 1 ديسمبر وصل خبراء الألغام،[28] وفي اليوم التالي ذكر وزير الدفاع.[29]";
        assert_eq!(
            cut(t, &["1 ديسمبر", "اليوم التالي"]),
            [
                "في 1 ديسمبر وصل خبراء الألغام،[28]",
                "وفي اليوم التالي ذكر وزير الدفاع.[29]"
            ]
        );
    }

    #[test]
    fn comma_separates_clauses_when_nothing_is_fronted() {
        let t = "وصل الضباط في 30 يناير 2021،[33] وافتتح المركز في نفس اليوم.[34]";
        assert_eq!(
            cut(t, &["30 يناير 2021", "نفس اليوم"]),
            [
                "وصل الضباط في 30 يناير 2021،[33]",
                "وافتتح المركز في نفس اليوم.[34]"
            ]
        );
    }

    #[test]
    fn long_clauses_are_bounded_around_their_date() {
        let filler = "كلام بلا نهاية ".repeat(400);
        let t = format!("{filler}في 10 نوفمبر 2020 وقع الاتفاق {filler}");
        let date = t.find("10 نوفمبر").unwrap()..t.find(" وقع").unwrap();
        let r = bounded(&t, 0..t.len(), date.clone());
        assert!(r.len() <= MAX_MENTION_BYTES && r.start <= date.start && date.end <= r.end);
        let first_word = t[r.clone()].split(' ').next().unwrap_or("");
        assert!(["كلام", "بلا", "نهاية"].contains(&first_word), "{first_word}");
        assert_eq!(
            bounded(&t, 5..40, 10..20),
            5..40,
            "short clauses are kept whole"
        );
    }

    #[test]
    fn many_dates_in_one_sentence_stay_linear() {
        let t = "في 10 نوفمبر و".repeat(20_000);
        let spans: Vec<Range<usize>> = t
            .match_indices("10 نوفمبر")
            .map(|(i, d)| i..i + d.len())
            .collect();
        assert_eq!(clauses(&t, 0..t.len(), &spans).len(), spans.len());
    }

    #[test]
    fn a_cut_leaving_only_the_date_is_dropped() {
        let t = "أعلنت الوزارة فجر الثلاثاء توجه القوات، اعتباراً من منتصف ليل الإثنين-الثلاثاء.";
        let got = cut(t, &["فجر الثلاثاء", "منتصف ليل الإثنين-الثلاثاء"]);
        assert_eq!(got, [t, t]);
    }

    #[test]
    fn dates_without_a_cut_share_their_clause() {
        let t = "وهي كلبجار حتى 15 نوفمبر وأغدام حتى 20 من الشهر نفسه، ولاتشين حتى 1 ديسمبر.";
        let got = cut(t, &["15 نوفمبر", "20 من الشهر", "1 ديسمبر"]);
        assert_eq!(got[0], got[1]);
        assert_eq!(
            got[0],
            "وهي كلبجار حتى 15 نوفمبر وأغدام حتى 20 من الشهر نفسه،"
        );
        assert_eq!(got[2], "ولاتشين حتى 1 ديسمبر.");
    }
}
