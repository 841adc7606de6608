//! Spelled-out ordinals: days («الخامس من أيار», «الحادي والعشرين من آذار
//! 2019», «في اليوم الأول من الشهر الجاري») and centuries («القرن التاسع عشر»,
//! «ثمانينيات القرن التاسع عشر», «القرن الماضي»).

use super::{Match, Matcher};
use crate::timeline::expression::{Calendar, CenturyRef, Kind};
use crate::timeline::lexicon::{Part, Word};

impl Matcher<'_> {
    /// An ordinal from 1 to 31 written in words from word `i`, masculine or
    /// feminine: the index of the word after it, and its value.
    pub(super) fn ordinal(&self, i: usize) -> Option<(usize, u8)> {
        let unit = match self.word(i)? {
            Word::First => 1,
            Word::Second => 2,
            Word::Ordinal(n) => n,
            // الحادي is «first» only inside 11, 21 and 31.
            Word::UnitOne => 1,
            Word::OrdinalTens(tens) => return Some((i + 1, tens)),
            _ => return None,
        };
        let compound_only = self.is(i, Word::UnitOne);
        if unit <= 9 && self.is(i + 1, Word::Teen) && self.tight(i + 1) {
            return Some((i + 2, unit + 10));
        }
        if let Some(Word::OrdinalTens(tens)) = self.word(i + 1) {
            if unit <= 9 && self.tight(i + 1) && self.has_conjunction(i + 1) {
                return Some((i + 2, tens + unit));
            }
        }
        (!compound_only).then_some((i + 1, unit))
    }

    /// Word `i` carries the conjunction و («والعشرين»).
    fn has_conjunction(&self, i: usize) -> bool {
        self.words
            .get(i)
            .is_some_and(|w| w.clitic > 0 && self.text[w.start..].starts_with('و'))
    }

    /// «الخامس من أيار 2018», «الأول من الشهر الجاري»: an ordinal day at `i`
    /// with «من» and a month. The expression starts at word `first` (اليوم or
    /// يوم before the ordinal). Without «من» and a month an ordinal is a rank
    /// («المركز الخامس»), a chapter or a count of days of something.
    pub(super) fn ordinal_day(&self, i: usize, first: usize) -> Option<Match> {
        let (j, day) = self.ordinal(i)?;
        if !(self.is(j, Word::Of) && self.tight(j) && self.tight(j + 1)) {
            return None;
        }
        let (next, month, year) = self.month_phrase(j + 1, true)?;
        let cal = Calendar {
            day: Some(day),
            month,
            year,
            weekday: None,
            part: None,
        };
        Some((next, self.expr(first, next - 1, Kind::Calendar(cal))))
    }

    /// «القرن التاسع عشر», «القرن الحادي والعشرين الميلادي», «القرن الماضي»,
    /// from the word القرن at `i`; `first` is where the expression starts
    /// (a period word before it).
    pub(super) fn century(&self, i: usize, first: usize, part: Option<Part>) -> Option<Match> {
        let (next, number) = self.century_number(i)?;
        Some((
            next,
            self.expr(first, next - 1, Kind::Century { number, part }),
        ))
    }

    /// The century named after القرن at `i`, and the word after it.
    pub(super) fn century_number(&self, i: usize) -> Option<(usize, CenturyRef)> {
        if !self.is(i, Word::Century) || !self.tight(i + 1) {
            return None;
        }
        if let Some(Word::Anchor(a)) = self.word(i + 1) {
            return Some((i + 2, CenturyRef::Relative(a)));
        }
        let (mut next, n) = self.ordinal(i + 1)?;
        if self.is(next, Word::GregorianMark) && self.tight(next) {
            next += 1;
        }
        Some((next, CenturyRef::Ordinal(n)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{cal, find_all, texts};
    use crate::timeline::expression::{CenturyRef, Kind, MonthRef, YearRef};
    use crate::timeline::lexicon::Anchor;

    fn day_of(text: &str) -> Option<u8> {
        match find_all(text).first()?.1 {
            Kind::Calendar(c) => c.day,
            _ => None,
        }
    }

    #[test]
    fn ordinal_days_one_to_thirty_one() {
        for (text, day) in [
            ("في الأول من يناير 2020", 1),
            ("في الثاني من شباط 2017", 2),
            ("في الخامس من أيار", 5),
            ("في العاشر من أكتوبر", 10),
            ("في الحادي عشر من سبتمبر 2001", 11),
            ("في الثاني عشر من أبريل", 12),
            ("في التاسع عشر من نوفمبر", 19),
            ("في العشرين من مارس", 20),
            ("في الحادي والعشرين من آذار", 21),
            ("في الثاني والعشرين من فبراير", 22),
            ("في التاسع والعشرين من شباط", 29),
            ("في الثلاثين من أيلول", 30),
            ("في الحادي والثلاثين من ديسمبر", 31),
            ("في الخامسة من أيار", 5),
        ] {
            assert_eq!(day_of(text), Some(day), "{text}");
        }
    }

    #[test]
    fn ordinal_day_with_its_year_and_relative_month() {
        assert_eq!(
            find_all("أعلنت في الحادي والعشرين من آذار 2019 خطة"),
            [(
                "الحادي والعشرين من آذار 2019",
                cal(Some(21), MonthRef::Named(3), YearRef::Explicit(2019))
            )]
        );
        assert_eq!(
            find_all("وفي اليوم الأول من الشهر الجاري أعلنت"),
            [(
                "اليوم الأول من الشهر الجاري",
                cal(
                    Some(1),
                    MonthRef::Relative(Anchor::Current),
                    YearRef::Missing
                )
            )]
        );
        assert_eq!(
            texts("في يوم الخامس من حزيران 1967"),
            ["يوم الخامس من حزيران 1967"]
        );
    }

    #[test]
    fn ordinals_without_a_month_are_ranks() {
        for text in [
            "احتل المركز الخامس من أصل عشرين",
            "الفصل الثالث من الكتاب",
            "في ثالث أيام العيد",
            "الأول من نوعه",
            "الحادي من الشهر",
            "في اليوم الخامس للاحتجاجات",
        ] {
            assert!(find_all(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn centuries() {
        let century = |text: &str| match find_all(text).first().map(|f| f.1) {
            Some(Kind::Century { number, .. }) => Some(number),
            _ => None,
        };
        assert_eq!(century("في القرن العشرين"), Some(CenturyRef::Ordinal(20)));
        assert_eq!(
            century("في القرن التاسع عشر"),
            Some(CenturyRef::Ordinal(19))
        );
        assert_eq!(
            century("القرن الحادي والعشرين"),
            Some(CenturyRef::Ordinal(21))
        );
        assert_eq!(
            texts("في القرن الخامس عشر الميلادي"),
            ["القرن الخامس عشر الميلادي"]
        );
        assert_eq!(
            century("في القرن الماضي"),
            Some(CenturyRef::Relative(Anchor::Past))
        );
        assert!(find_all("القرن الأفريقي").is_empty());
    }
}
