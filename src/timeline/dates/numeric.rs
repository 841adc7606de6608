//! Numeric dates: «12/3/2019», «12-03-2019», «12.3.2019», «2019-03-12»,
//! «2019/3/12», and the short «12/3» after a date cue. Day first, the Arabic
//! convention, unless the second field cannot be a month («01/13/2020»).
//!
//! Fractions («2/3 الأصوات»), scores («3-1»), versions («2.3.1»), phone
//! numbers and page ranges are not dates: a full date needs a four-digit year
//! at one end and nothing numeric glued on either side; a short one needs a cue
//! word before it (في, بتاريخ, يوم, منذ, حتى, الموافق) and a slash.

use super::{Match, Matcher};
use crate::timeline::expression::{Calendar, Kind, MonthRef, YearRef};
use crate::timeline::lexicon::Word;

const MIN_YEAR: u32 = 1000;
const MAX_YEAR: u32 = 2999;

impl Matcher<'_> {
    /// A numeric date starting at number word `i`. `cued` says a date cue word
    /// stands before it (required for the year-less form); `first` is the word
    /// the expression starts at.
    pub(super) fn numeric_date(
        &self,
        i: usize,
        weekday: Option<u8>,
        first: usize,
        cued: bool,
    ) -> Option<Match> {
        let a = self.number(i)?;
        let sep = self.separator(i + 1)?;
        let b = self.number(i + 1)?;
        if self.numeric_before(i) {
            return None;
        }
        let third = (self.separator(i + 2) == Some(sep))
            .then(|| self.number(i + 2))
            .flatten();
        let (day, month, year, last) = match third {
            Some(c) => {
                let (d, m, y) = full_fields(a, b, c)?;
                (d, m, YearRef::Explicit(i32::try_from(y).ok()?), i + 2)
            }
            None => {
                let short = sep == '/' && cued && a.1 <= 2 && b.1 <= 2;
                if !short || self.definite_noun_at(i + 2) {
                    return None;
                }
                (a.0, b.0, YearRef::Missing, i + 1)
            }
        };
        if self.separator(last + 1).is_some() && self.number(last + 1).is_some() {
            return None; // a longer run: a version or a phone number
        }
        if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
            return None;
        }
        let mut end = last;
        if self.is(last + 1, Word::GregorianMark) && self.gap(last + 1).trim().is_empty() {
            end = last + 1; // «12/3/2019م»
        }
        let cal = Calendar {
            day: Some(u8::try_from(day).ok()?),
            month: MonthRef::Named(u8::try_from(month).ok()?),
            year,
            weekday,
            part: None,
        };
        Some((end + 1, self.expr(first, end, Kind::Calendar(cal))))
    }

    /// The single separator character between word `i - 1` and word `i`.
    fn separator(&self, i: usize) -> Option<char> {
        let mut gap = self.gap(i).chars();
        match (gap.next(), gap.next()) {
            (Some(c @ ('/' | '-' | '.')), None) => Some(c),
            _ => None,
        }
    }

    /// Word `i` is preceded by another number and a separator («1.12/3/2019»).
    fn numeric_before(&self, i: usize) -> bool {
        i > 0 && self.separator(i).is_some() && self.number(i - 1).is_some()
    }

    /// A word with the article right after: «2/3 الأصوات» is a fraction of it.
    fn definite_noun_at(&self, i: usize) -> bool {
        let Some(w) = self.words.get(i) else {
            return false;
        };
        self.tight(i) && self.word(i).is_none() && self.text[w.start..].starts_with("ال")
    }
}

/// Day, month and year from three numeric fields with their digit counts.
fn full_fields(a: (u32, u8), b: (u32, u8), c: (u32, u8)) -> Option<(u32, u32, u32)> {
    let year = |(v, d): (u32, u8)| (d == 4 && (MIN_YEAR..=MAX_YEAR).contains(&v)).then_some(v);
    let small = |(_, d): (u32, u8)| d <= 2;
    if let Some(y) = year(a) {
        return (small(b) && small(c)).then_some((c.0, b.0, y));
    }
    let y = year(c)?;
    if !(small(a) && small(b)) {
        return None;
    }
    // Day first; «01/13/2020» can only be month first.
    if b.0 > 12 && a.0 <= 12 {
        Some((b.0, a.0, y))
    } else {
        Some((a.0, b.0, y))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{cal, find_all};
    use crate::timeline::expression::{MonthRef, YearRef};

    fn one(text: &str) -> Option<(u8, u8, YearRef)> {
        let got = find_all(text);
        match got.as_slice() {
            [(_, crate::timeline::expression::Kind::Calendar(c))] => match c.month {
                MonthRef::Named(m) => Some((c.day?, m, c.year)),
                _ => None,
            },
            _ => None,
        }
    }

    #[test]
    fn full_numeric_dates() {
        let ex = YearRef::Explicit;
        for (text, want) in [
            ("بتاريخ 12/3/2019 في", (12, 3, ex(2019))),
            ("في 2019-03-12 عن", (12, 3, ex(2019))),
            ("يوم 12-03-2019 حسب", (12, 3, ex(2019))),
            ("في 12.3.2019 مساء", (12, 3, ex(2019))),
            ("في 2019/3/12 بالإجماع", (12, 3, ex(2019))),
            ("في 25/12/2018", (25, 12, ex(2018))),
            ("في 01/13/2020 إلى", (13, 1, ex(2020))),
            ("بتاريخ ١٢/٣/٢٠١٩ إلى", (12, 3, ex(2019))),
            ("الموافق 01/01/2021", (1, 1, ex(2021))),
            ("وقعت 11/09/2001 صباحا", (11, 9, ex(2001))),
        ] {
            assert_eq!(one(text), Some(want), "{text}");
        }
        assert_eq!(
            find_all("صدر الحكم بتاريخ 12/3/2019م عن")[0].0,
            "12/3/2019م"
        );
    }

    #[test]
    fn short_form_needs_a_cue() {
        assert_eq!(
            find_all("أعلنت في 12/3 عن الخطة"),
            [("12/3", cal(Some(12), MonthRef::Named(3), YearRef::Missing))]
        );
        for text in [
            "صوت 2/3 الأعضاء",
            "على 2/3 الأصوات",
            "في 2/3 الحالات",
            "خدمة على مدار 24/7",
            "حضر 12/15 عضوا",
            "المادة 3/2 من القانون",
        ] {
            assert!(find_all(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn scores_versions_and_phones_are_not_dates() {
        for text in [
            "فاز 3-1 على",
            "الإصدار 2.3.1 من",
            "التحديث 10.12.1 على",
            "الرقم 0123-456-789 مباشرة",
            "الهاتف 00971-4-1234567 متاح",
            "الصفحات 12-15 من",
            "في 30.12.2019.5 نسخة",
            "بنسبة 12.5 في",
        ] {
            assert!(find_all(text).is_empty(), "{text}");
        }
    }
}
