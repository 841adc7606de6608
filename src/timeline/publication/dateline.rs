//! Where a news text prints its own date: after a publishing cue («نشر في
//! 21/09/2023», «آخر تحديث: …»), in its file name (`2023-09-21-…`), or as the
//! first full date of its lead («فجر الثلاثاء 10 نوفمبر/تشرين الثاني 2020»).

use super::super::expression::{Kind, MonthRef, YearRef};
use super::super::resolve::Found;
use crate::arabic::normalize_word;
use crate::corpus::Document;
use crate::metadata::Date;

/// The lead of a news story: its first paragraphs, where the dateline is.
pub(super) const LEAD_PARAGRAPHS: usize = 3;
/// Paragraphs at the end of a saved page where a publishing line may be.
const TAIL_PARAGRAPHS: usize = 3;
/// At most this many words before a cued date in its paragraph: a cue opens
/// a short line («نشر في …», «آخر تحديث: الجمعة …»), not a sentence.
const MAX_WORDS_BEFORE_CUED_DATE: usize = 5;

/// Publishing cues, normalized the way [`normalize_word`] gives them: the word
/// and, for two-word cues, the word after it.
const CUES: &[(&str, Option<&str>)] = &[
    ("نشر", None),
    ("نشرت", None),
    ("منشور", None),
    ("تاريخ", Some("النشر")),
    ("اخر", Some("تحديث")),
    ("تحديث", None),
    ("محدث", None),
    ("تم", Some("النشر")),
];

/// A date printed after a publishing cue in the first or last paragraphs, with
/// the cue as written.
pub(super) fn cued(doc: &Document, found: &[Found]) -> Option<(Date, String)> {
    let n = doc.paragraphs.len();
    let near_an_edge = |p: usize| p < LEAD_PARAGRAPHS || p + TAIL_PARAGRAPHS >= n;
    found
        .iter()
        .filter(|f| near_an_edge(f.paragraph))
        .find_map(|f| {
            let date = full_date(f)?;
            let paragraph = doc.paragraphs.get(f.paragraph)?;
            let before = doc.text.get(paragraph.start..f.expr.start)?;
            let cue = cue_in(before)?;
            Some((date, cue))
        })
}

/// The cue that opens `line` (the text before a date), as written.
fn cue_in(line: &str) -> Option<String> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | '-' | '|' | '،' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > MAX_WORDS_BEFORE_CUED_DATE {
        return None;
    }
    let normalized: Vec<String> = words.iter().map(|w| normalize_word(w)).collect();
    (0..words.len()).find_map(|i| {
        CUES.iter().find_map(|&(first, second)| {
            let stripped = normalized[i].strip_prefix('و').unwrap_or(&normalized[i]);
            if stripped != first && normalized[i] != first {
                return None;
            }
            match second {
                None => Some(words[i].to_string()),
                Some(s) if normalized.get(i + 1).map(String::as_str) == Some(s) => {
                    Some(format!("{} {}", words[i], words[i + 1]))
                }
                Some(_) => None,
            }
        })
    })
}

/// The first date with day, month and year written in the lead, with the
/// expression as written.
pub(super) fn lead<'a>(doc: &'a Document, found: &[Found]) -> Option<(Date, &'a str)> {
    found
        .iter()
        .take_while(|f| f.paragraph < LEAD_PARAGRAPHS)
        .find_map(|f| Some((full_date(f)?, doc.text.get(f.expr.span())?)))
}

/// A date with day, month and year all written.
fn full_date(f: &Found) -> Option<Date> {
    let Kind::Calendar(c) = f.expr.kind else {
        return None;
    };
    match (c.day, c.month, c.year) {
        (Some(d), MonthRef::Named(m), YearRef::Explicit(y)) => Date::new(y, m, d),
        _ => None,
    }
}

/// A date in a file's name: `2023-09-21-…`, `20230921_…`, `…_2023.09.21.html`.
/// The digits must stand apart from other letters and digits, so a hash
/// (`af4f6c64…`) or a number in a name is not a date.
pub(super) fn in_file_name(path: &str) -> Option<Date> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let bytes = stem.as_bytes();
    let apart = |i: usize| bytes.get(i).is_none_or(|b| !b.is_ascii_alphanumeric());
    (0..bytes.len())
        .filter(|&i| i == 0 || apart(i - 1))
        .find_map(|i| {
            let (date, len) = date_at(stem.get(i..)?)?;
            apart(i + len).then_some(date)
        })
}

/// `YYYY-MM-DD`, `YYYY_MM_DD`, `YYYY.MM.DD` or `YYYYMMDD` at the start of `s`,
/// and its length in bytes.
fn date_at(s: &str) -> Option<(Date, usize)> {
    let digits = |from: usize, len: usize| -> Option<u32> {
        let part = s.get(from..from + len)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let year = digits(0, 4)?;
    let separator = s.as_bytes().get(4).copied();
    let (month, day, len) = match separator {
        Some(sep @ (b'-' | b'_' | b'.')) if s.as_bytes().get(7) == Some(&sep) => {
            (digits(5, 2)?, digits(8, 2)?, 10)
        }
        _ => (digits(4, 2)?, digits(6, 2)?, 8),
    };
    // Years of news on the web; a wider range would read numbers as dates.
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let date = Date::new(
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )?;
    Some((date, len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Encoding;
    use crate::timeline::dates;

    fn located(text: &str) -> (Document, Vec<Found>) {
        let doc = Document::new("a.txt".into(), text.into(), Encoding::Utf8, 0);
        let found = doc
            .paragraphs
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                dates::find(&doc.text, p.range())
                    .into_iter()
                    .map(move |expr| Found {
                        paragraph: i,
                        sentence: i,
                        expr,
                    })
            })
            .collect();
        (doc, found)
    }

    fn cued_date(text: &str) -> Option<(String, String)> {
        let (doc, found) = located(text);
        cued(&doc, &found).map(|(d, cue)| (d.to_string(), cue))
    }

    #[test]
    fn publishing_cues() {
        let cases = [
            (
                "نشر في 21/09/2023\nقال الوزير إن المحادثات مستمرة.",
                "2023-09-21",
                "نشر",
            ),
            (
                "آخر تحديث: الجمعة 22 سبتمبر 2023 - 10:35\nنص الخبر.",
                "2023-09-22",
                "آخر تحديث",
            ),
            (
                "العنوان\nتاريخ النشر: 2019-03-12\nنص.",
                "2019-03-12",
                "تاريخ النشر",
            ),
            (
                "نص الخبر.\nالكاتب\nنُشر بتاريخ 5 مايو 2021",
                "2021-05-05",
                "نُشر",
            ),
        ];
        for (text, date, cue) in cases {
            assert_eq!(
                cued_date(text),
                Some((date.to_string(), cue.to_string())),
                "{text}"
            );
        }
    }

    #[test]
    fn a_date_in_a_sentence_is_not_a_cued_one() {
        // «نشر» in a long sentence reports an event; it does not date the text.
        let text = "قالت الوزارة إنها نشرت القوات على الحدود في 10 نوفمبر 2020 بعد الاتفاق.";
        assert_eq!(cued_date(text), None);
        assert_eq!(cued_date("وقع الاتفاق في 10 نوفمبر 2020."), None);
    }

    #[test]
    fn lead_dates() {
        let (doc, found) =
            located("أعلنت وزارة الدفاع، فجر الثلاثاء 10 نوفمبر/تشرين الثاني 2020، انتشار القوات.");
        let (date, written) = lead(&doc, &found).unwrap();
        assert_eq!(date.to_string(), "2020-11-10");
        assert!(written.contains("10 نوفمبر"));
    }

    #[test]
    fn file_names() {
        let date = |p: &str| in_file_name(p).map(|d| d.to_string());
        assert_eq!(
            date("2023-09-21-karabakh.html").as_deref(),
            Some("2023-09-21")
        );
        assert_eq!(
            date("news/20230921_ceasefire.txt").as_deref(),
            Some("2023-09-21")
        );
        assert_eq!(
            date("aljazeera_2021.01.11.txt").as_deref(),
            Some("2021-01-11")
        );
        assert_eq!(date("2020-11-10.md").as_deref(), Some("2020-11-10"));
        // Multi-byte characters around the digits: no slicing inside them.
        assert_eq!(
            date("evil\u{1b}[31m\u{9b}1m\u{202e}2023-09-21.txt").as_deref(),
            Some("2023-09-21")
        );
        for undated in [
            "002_af4f6c64b51bd7fa.txt",
            "report-2023.txt",
            "id20230921x.txt",
            "120230921.txt",
            "2023-13-01.txt",
            "1850-01-01-old.txt",
            "2023-09-2.txt",
        ] {
            assert_eq!(date(undated), None, "{undated}");
        }
    }
}
