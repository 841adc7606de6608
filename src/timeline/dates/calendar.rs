//! The calendar family: a day with its month and year («10 نوفمبر 2020»,
//! «20 من الشهر نفسه»), a month alone («في نوفمبر», «كانون الثاني»), a year
//! («عام 1992», «في 2020»), a part of one («منتصف ديسمبر») and decades
//! («التسعينيات»).

use super::{Match, Matcher};
use crate::timeline::expression::{Calendar, CenturyRef, Kind, MonthRef, YearRef};
use crate::timeline::lexicon::{self, Anchor, Part, Word};

/// Years the timeline accepts: four-digit years only, so that a count such as
/// «136 خبير» or a citation number is never mistaken for a year.
const MIN_YEAR: i32 = 1000;
const MAX_YEAR: i32 = 2999;

impl Matcher<'_> {
    /// «التسعينيات», «تسعينيات القرن الماضي», «ثمانينيات القرن التاسع عشر»
    /// (the 1880s, not the 1980s); «في الخمسينيات من عمره» is an age.
    pub(super) fn decade(&self, i: usize, tens: u8, part: Option<Part>) -> Option<Match> {
        if self.age_after(i) {
            return None;
        }
        let named = if self.tight(i + 1) {
            self.century_number(i + 1)
        } else {
            None
        };
        let (last, century) = match named {
            Some((next, CenturyRef::Ordinal(n))) => (next - 1, Some((i32::from(n) - 1) * 100)),
            Some((next, CenturyRef::Relative(Anchor::Past))) => (next - 1, Some(1900)),
            _ => (i, None),
        };
        Some((
            last + 1,
            self.expr(
                i,
                last,
                Kind::Decade {
                    tens,
                    century,
                    part,
                },
            ),
        ))
    }

    /// «منتصف ديسمبر», «نهاية أيلول (سبتمبر) 2020», «أواخر عام 2019»,
    /// «مطلع التسعينيات», «بداية العام الماضي».
    pub(super) fn period(&self, i: usize, part: Part) -> Option<Match> {
        let j = i + 1;
        if !self.tight(j) {
            return None;
        }
        let (next, inner) = match self.word(j) {
            Some(Word::Decade(tens)) => self.decade(j, tens, Some(part))?,
            Some(Word::Century) => self.century(j, j, Some(part))?,
            Some(Word::Month(_) | Word::AmbiguousMonth(_) | Word::Kanun | Word::Tishrin) => {
                self.month_alone(j, Some(part))?
            }
            Some(Word::MonthWord) if self.tight(j + 1) => self.month_alone(j + 1, Some(part))?,
            // «أواخر رمضان 1444»: the part is in the text, the date is the month.
            Some(Word::HijriMonth(_) | Word::AmbiguousHijriMonth(_) | Word::Jumada | Word::Dhu) => {
                self.hijri_month(j, None, j)?
            }
            Some(Word::YearWord | Word::TheYear) => self.period_of_year(j, part)?,
            _ => self.year_number(j, Some(part))?,
        };
        Some((next, self.expr(i, next - 1, inner.kind)))
    }

    pub(super) fn period_of_year(&self, j: usize, part: Part) -> Option<Match> {
        if let Some(m) = self.year_word(j, Some(part)) {
            return Some(m);
        }
        let anchor = match self.word(j + 1) {
            Some(Word::Anchor(a)) if self.tight(j + 1) => Some(a),
            Some(Word::SameAfter) if self.tight(j + 1) => None,
            _ => return None,
        };
        let year = match anchor {
            Some(a) => YearRef::Relative(a),
            None => YearRef::Same,
        };
        let cal = Calendar {
            day: None,
            month: MonthRef::None,
            year,
            weekday: None,
            part: Some(part),
        };
        Some((j + 2, self.expr(j, j + 1, Kind::Calendar(cal))))
    }

    /// A day number followed by a month: «10 نوفمبر 2020», «20 من الشهر نفسه».
    /// `first` is the word the expression starts at (a weekday before the day).
    pub(super) fn day_month(&self, i: usize, weekday: Option<u8>, first: usize) -> Option<Match> {
        let (day, digits) = self.number(i)?;
        if digits > 2 || !(1..=31).contains(&day) || self.in_brackets(i) {
            return None;
        }
        let mut j = i + 1;
        if self.is(j, Word::Of) && self.tight(j) {
            j += 1;
        }
        if !self.tight(j) {
            return None;
        }
        let (next, month, year) = self.month_phrase(j, true)?;
        let cal = Calendar {
            day: Some(day as u8),
            month,
            year,
            weekday,
            part: None,
        };
        Some((next, self.expr(first, next - 1, Kind::Calendar(cal))))
    }

    /// A month without a day: «في نوفمبر», «أبريل 2024», «كانون الثاني».
    pub(super) fn month_alone(&self, i: usize, part: Option<Part>) -> Option<Match> {
        let (next, month, year) = self.month_phrase(i, false)?;
        let cal = Calendar {
            day: None,
            month,
            year,
            weekday: None,
            part,
        };
        Some((next, self.expr(i, next - 1, Kind::Calendar(cal))))
    }

    /// A month name (or «الشهر نفسه» after a day), its paired name, and what
    /// says its year. Returns the next word index.
    pub(super) fn month_phrase(
        &self,
        i: usize,
        has_day: bool,
    ) -> Option<(usize, MonthRef, YearRef)> {
        if has_day && self.is(i, Word::TheMonth) {
            let month = match self.word(i + 1)? {
                Word::SameAfter => MonthRef::Same,
                Word::Anchor(a) => MonthRef::Relative(a),
                _ => return None,
            };
            return self
                .tight(i + 1)
                .then_some((i + 2, month, YearRef::Missing));
        }
        let (mut next, number, ambiguous) = self.month_name(i)?;
        if let Some(after) = self.paired_month(next, number) {
            next = after;
        }
        let (next, year) = self.year_after_month(next);
        let context =
            has_day || year != YearRef::Missing || self.is(i.wrapping_sub(1), Word::MonthWord);
        if ambiguous && !context {
            return None;
        }
        Some((next, MonthRef::Named(number), year))
    }

    /// A month name at `i`: its number, the next word, and whether it needs a
    /// day or a year beside it to count as a month.
    pub(super) fn month_name(&self, i: usize) -> Option<(usize, u8, bool)> {
        match self.word(i)? {
            Word::Month(m) => Some((i + 1, m, false)),
            Word::AmbiguousMonth(m) => Some((i + 1, m, true)),
            head @ (Word::Kanun | Word::Tishrin) => {
                if !self.tight(i + 1) {
                    return None;
                }
                let month = match (head, self.word(i + 1)?) {
                    (Word::Kanun, Word::Second) => 1,
                    (Word::Kanun, Word::First) => 12,
                    (Word::Tishrin, Word::First) => 10,
                    (Word::Tishrin, Word::Second) => 11,
                    _ => return None,
                };
                Some((i + 2, month, false))
            }
            _ => None,
        }
    }

    /// The other calendar's name for the same month after `/` or in brackets.
    pub(super) fn paired_month(&self, i: usize, number: u8) -> Option<usize> {
        let gap = self.gap(i);
        if !self.joined(i) || !(gap.contains('/') || gap.contains('(')) {
            return None;
        }
        let (next, other, _) = self.month_name(i)?;
        (other == number).then_some(next)
    }

    /// What follows a month to give its year: a number, «عام 2020», «من العام
    /// نفسه», or الجاري / الماضي / المقبل.
    pub(super) fn year_after_month(&self, i: usize) -> (usize, YearRef) {
        // «9 أبريل، 2016»: a comma, then the year.
        if matches!(self.gap(i).trim(), "،" | ",") {
            if let Some(year) = self.year_at(i) {
                return (i + 1, YearRef::Explicit(year));
            }
        }
        // `joined`, not `tight`: a bracketed paired name may close just before.
        if !self.joined(i) {
            return (i, YearRef::Missing);
        }
        if let Some(year) = self.year_at(i) {
            return (i + 1, YearRef::Explicit(year));
        }
        // «20 مايو من العام 2012», «يونيو من عام 2012».
        let of = usize::from(self.is(i, Word::Of) && self.tight(i + 1));
        let (word, number) = (i + of, i + of + 1);
        if self.is(word, Word::YearWord) || (of == 1 && self.is(word, Word::TheYear)) {
            if let Some(year) = self.year_at(number).filter(|_| self.tight(number)) {
                return (number + 1, YearRef::Explicit(year));
            }
        }
        if self.is(i, Word::YearWord) {
            if let Some(year) = self.year_at(i + 1).filter(|_| self.tight(i + 1)) {
                return (i + 2, YearRef::Explicit(year));
            }
        }
        let j = if self.is(i, Word::Of) { i + 1 } else { i };
        // «نوفمبر العام الماضي», «نوفمبر من العام نفسه», but not «نوفمبر والعام
        // الماضي», which is a second date.
        let bare = j > i || self.words.get(j).is_some_and(|w| w.clitic == 0);
        let the_year = self.is(j, Word::TheYear) && bare && self.tight(j + 1) && self.tight(j);
        if the_year {
            match self.word(j + 1) {
                Some(Word::SameAfter) => return (j + 2, YearRef::Same),
                Some(Word::Anchor(a)) => return (j + 2, YearRef::Relative(a)),
                _ => {}
            }
        }
        match self.word(i) {
            Some(Word::Anchor(a)) => (i + 1, YearRef::MonthAnchor(a)),
            _ => (i, YearRef::Missing),
        }
    }

    /// «عام 1992», «لعام 2020», «سنة 2019».
    pub(super) fn year_word(&self, i: usize, part: Option<Part>) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        self.explicit_year(i, i + 1, part)
    }

    /// «في 2020», «منذ 1992», «الموافق 1970 م»: a four-digit number after
    /// a cue, unless a noun it counts follows («في 1500 مدرسة»).
    pub(super) fn bare_year(&self, i: usize) -> Option<Match> {
        if !self.tight(i) {
            return None;
        }
        // The cheap test first: في is among the commonest words.
        self.year_at(i)?;
        let marked = self.is(i + 1, Word::GregorianMark);
        if !marked && !self.year_may_end_at(i) {
            return None;
        }
        self.year_number(i, None)
    }

    /// «(1999 م)»: a four-digit number marked Gregorian is a year on its own.
    pub(super) fn marked_year(&self, i: usize) -> Option<Match> {
        let marked = self.is(i + 1, Word::GregorianMark) && self.gap(i + 1).trim().is_empty();
        if !marked {
            return None;
        }
        self.year_number(i, None)
    }

    pub(super) fn year_number(&self, i: usize, part: Option<Part>) -> Option<Match> {
        self.explicit_year(i, i, part)
    }

    /// An expression from token `start` to the year at token `year`.
    pub(super) fn explicit_year(
        &self,
        start: usize,
        year: usize,
        part: Option<Part>,
    ) -> Option<Match> {
        let value = self.year_at(year)?;
        let cal = Calendar {
            day: None,
            month: MonthRef::None,
            year: YearRef::Explicit(value),
            weekday: None,
            part,
        };
        // «عام 2010 م», «عام 2010م»: the era mark is part of the expression.
        let last = if self.is(year + 1, Word::GregorianMark) && self.gap(year + 1).trim().is_empty()
        {
            year + 1
        } else {
            year
        };
        Some((last + 1, self.expr(start, last, Kind::Calendar(cal))))
    }

    /// A four-digit number at `i` that can be a year where it stands: not a
    /// citation, not part of 2.5 or 20%, not followed by a counted noun.
    pub(super) fn year_at(&self, i: usize) -> Option<i32> {
        let (value, digits) = self.number(i)?;
        let year = i32::try_from(value).ok()?;
        let plausible = digits == 4 && (MIN_YEAR..=MAX_YEAR).contains(&year);
        if !plausible || self.in_brackets(i) || self.glued_to_number(i) || self.hijri_after(i) {
            return None;
        }
        (!self.counted_after(i)).then_some(year)
    }

    /// A noun the number at `i` counts follows it («1960 جنديًا», «1500 جنيه»).
    pub(super) fn counted_after(&self, i: usize) -> bool {
        self.words
            .get(i + 1)
            .filter(|_| self.tight(i + 1))
            .is_some_and(|w| lexicon::is_counted_noun(&self.text[w.start..w.end]))
    }

    /// `[32]`: a citation marker's number.
    pub(super) fn in_brackets(&self, i: usize) -> bool {
        let Some(w) = self.words.get(i) else {
            return false;
        };
        self.text[..w.start].ends_with('[') && self.text[w.end..].starts_with(']')
    }

    /// 2.5, 20%, 1992-1994, 2020-10-04, 12:30: a number inside a larger one.
    pub(super) fn glued_to_number(&self, i: usize) -> bool {
        let Some(w) = self.words.get(i) else {
            return false;
        };
        let after = &self.text[w.end..];
        let before = &self.text[..w.start];
        let joiner = |c: char| matches!(c, '.' | ',' | '/' | ':' | '-' | '٫' | '٬');
        let mut next = after.chars();
        let glued_after = match (next.next(), next.next()) {
            (Some('%' | '٪'), _) => true,
            (Some(c), Some(d)) => joiner(c) && d.is_numeric(),
            _ => false,
        };
        let mut prev = before.chars().rev();
        let glued_before = match (prev.next(), prev.next()) {
            (Some(c), Some(d)) => joiner(c) && d.is_numeric(),
            _ => false,
        };
        glued_after || glued_before
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{cal, find_all, texts};
    use crate::timeline::expression::{Kind, MonthRef, YearRef};
    use crate::timeline::lexicon::Part;

    #[test]
    fn day_month_year() {
        let got = find_all("الموقعة في 10 نوفمبر 2020 أرسلت");
        assert_eq!(
            got,
            [(
                "10 نوفمبر 2020",
                cal(Some(10), MonthRef::Named(11), YearRef::Explicit(2020))
            )]
        );
    }

    #[test]
    fn slash_and_levantine_month_names() {
        let got = find_all("فجر الثلاثاء 10 نوفمبر/تشرين الثاني 2020، توجه");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "فجر الثلاثاء 10 نوفمبر/تشرين الثاني 2020");
        let Kind::Calendar(c) = got[0].1 else {
            panic!()
        };
        assert_eq!(
            (c.day, c.month, c.year, c.weekday),
            (
                Some(10),
                MonthRef::Named(11),
                YearRef::Explicit(2020),
                Some(2)
            )
        );

        let got = find_all(
            "ومع نهاية أيلول (سبتمبر) 2020، استؤنف وفي 10 تشرين ثاني (نوفمبر) من العام نفسه، اتفقت",
        );
        assert_eq!(got[0].0, "نهاية أيلول (سبتمبر) 2020");
        assert_eq!(got[1].0, "10 تشرين ثاني (نوفمبر) من العام نفسه");
        assert_eq!(got[1].1, cal(Some(10), MonthRef::Named(11), YearRef::Same));
        assert_eq!(
            texts("في كانون الأول 2019 و شباط"),
            ["كانون الأول 2019", "شباط"]
        );
        assert_eq!(
            texts("منذ 27 سبتمبر/أيلول الماضي، تتواصل"),
            ["27 سبتمبر/أيلول الماضي"]
        );
    }

    #[test]
    fn mismatched_pair_keeps_only_the_first_month() {
        assert_eq!(
            texts("في 10 نوفمبر/كانون الأول"),
            ["10 نوفمبر", "كانون الأول"]
        );
    }

    #[test]
    fn years_only_in_a_date_context() {
        assert_eq!(
            texts("منذ عام 1992 نحو 20% ولعام 2020 وفي 2020."),
            ["عام 1992", "عام 2020", "2020"]
        );
        assert!(find_all("قوامها 1960 جنديًا، و 44 يوماً").is_empty());
        assert!(find_all("في 1960 جنديًا").is_empty());
        assert!(find_all("إلى أذربيجان.[32] وفي 29").is_empty());
        assert!(find_all("في 12.5 و 2020% و 136 خبير و 2020-10").is_empty());
        assert!(find_all("لواء البندقية الآلي ال15 المنفصل").is_empty());
    }

    #[test]
    fn arabic_indic_digits() {
        let got = find_all("في ١١ ديسمبر ٢٠٢٠");
        assert_eq!(
            got[0].1,
            cal(Some(11), MonthRef::Named(12), YearRef::Explicit(2020))
        );
    }

    #[test]
    fn periods_and_decades() {
        let got = find_all("في منتصف ديسمبر أفادت");
        let Kind::Calendar(c) = got[0].1 else {
            panic!()
        };
        assert_eq!(
            (got[0].0, c.part, c.month),
            ("منتصف ديسمبر", Some(Part::Mid), MonthRef::Named(12))
        );
        assert_eq!(texts("وفي أوائل يناير 2021 اتهمت"), ["أوائل يناير 2021"]);
        assert_eq!(
            texts("أواخر عام 2019 ثم بداية 2020"),
            ["أواخر عام 2019", "بداية 2020"]
        );
        let got = find_all("في مطلع التسعينيات، أودت");
        assert_eq!(
            got,
            [(
                "مطلع التسعينيات",
                Kind::Decade {
                    tens: 9,
                    century: None,
                    part: Some(Part::Early)
                }
            )]
        );
        let got = find_all("تسعينيات القرن الماضي");
        assert_eq!(
            got[0].1,
            Kind::Decade {
                tens: 9,
                century: Some(1900),
                part: None
            }
        );
        assert!(find_all("منتصف الطريق").is_empty());
    }

    #[test]
    fn ambiguous_month_names_need_a_number() {
        assert!(find_all("مارس الضغط على أب").is_empty());
        assert_eq!(texts("في 3 آب 2019"), ["3 آب 2019"]);
        assert_eq!(texts("شهر مارس"), ["مارس"]);
    }
}
