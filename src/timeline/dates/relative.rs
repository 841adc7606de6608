//! The words counted from another day: أمس, اليوم, غداة, في اليوم التالي, a
//! weekday on its own, العام الماضي, الشهر نفسه. [`super::super::resolve`]
//! counts them from the publication date or the previous date.

use super::{Match, Matcher};
use crate::timeline::expression::{Kind, Toward};
use crate::timeline::lexicon::{Anchor, Word};

impl Matcher<'_> {
    /// «أول من أمس», «أول أمس».
    pub(super) fn day_before_yesterday(&self, i: usize) -> Option<Match> {
        // «أول من أمس», or «أول أمس» without من.
        let of = usize::from(self.is(i + 1, Word::Of) && self.tight(i + 1));
        let yesterday = i + 1 + of;
        if !(self.is(yesterday, Word::Yesterday) && self.tight(yesterday)) {
            return None;
        }
        let (next, _) = self.with_weekday(yesterday, Kind::DayOffset(-2));
        Some((next, self.expr(i, next - 1, Kind::DayOffset(-2))))
    }

    /// «اليوم», «اليوم الجمعة», «اليوم التالي», «اليوم نفسه»; «اليوم الرابع من
    /// تشرين الأول» is a day of the month, «اليوم الخامس للاحتجاجات» and
    /// «اليوم الوطني» no date at all.
    pub(super) fn today(&self, i: usize) -> Option<Match> {
        if self.day_of_something(i) {
            return self.ordinal_day(i + 1, i);
        }
        let kind = match self.word(i + 1) {
            Some(Word::Following) if self.tight(i + 1) => Kind::NextDay { ghadat: false },
            Some(Word::Preceding) if self.tight(i + 1) => Kind::PreviousDay,
            Some(Word::SameAfter) if self.tight(i + 1) => Kind::SameDay,
            _ => return Some(self.with_weekday(i, Kind::DayOffset(0))),
        };
        Some((i + 2, self.expr(i, i + 1, kind)))
    }

    /// «نفس اليوم», «ذات الشهر», «نفس العام».
    pub(super) fn same_before(&self, i: usize) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        let kind = match self.word(i + 1)? {
            Word::Today => Kind::SameDay,
            Word::TheMonth => Kind::RelativeMonth(None),
            Word::TheYear => Kind::RelativeYear(None),
            _ => return None,
        };
        Some((i + 2, self.expr(i, i + 1, kind)))
    }

    /// A day word optionally followed by its weekday («أمس الخميس»).
    pub(super) fn with_weekday(&self, i: usize, kind: Kind) -> Match {
        let last = match self.word(i + 1) {
            Some(Word::Weekday(_)) if self.joined(i + 1) => i + 1,
            _ => i,
        };
        (last + 1, self.expr(i, last, kind))
    }

    /// «العام الماضي», «العام نفسه», «العام 2020».
    pub(super) fn relative_year(&self, i: usize) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        let kind = match self.word(i + 1) {
            Some(Word::Anchor(a)) => Kind::RelativeYear(Some(a)),
            Some(Word::SameAfter) => Kind::RelativeYear(None),
            _ => return self.year_word(i, None),
        };
        Some((i + 2, self.expr(i, i + 1, kind)))
    }

    /// «الشهر الماضي», «الشهر نفسه».
    pub(super) fn relative_month(&self, i: usize) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        let kind = match self.word(i + 1)? {
            Word::Anchor(a) => Kind::RelativeMonth(Some(a)),
            Word::SameAfter => Kind::RelativeMonth(None),
            _ => return None,
        };
        Some((i + 2, self.expr(i, i + 1, kind)))
    }

    /// «العقد الماضي», «العقد المقبل»: the ten years before or after
    /// publication. Not «العقد الحالي», which is as often «the current
    /// contract» as the current decade.
    pub(super) fn relative_decade(&self, i: usize) -> Option<Match> {
        match self.word(i + 1)? {
            Word::Anchor(a) if a != Anchor::Current && self.tight(i + 1) => {
                Some((i + 2, self.expr(i, i + 1, Kind::RelativeDecade(a))))
            }
            _ => None,
        }
    }

    /// «هذا العام», «هذا الشهر», «هذا الأسبوع».
    pub(super) fn this(&self, i: usize) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        let kind = match self.word(i + 1)? {
            Word::TheYear => Kind::RelativeYear(Some(Anchor::Current)),
            Word::TheMonth => Kind::RelativeMonth(Some(Anchor::Current)),
            Word::TheWeek => Kind::RelativeWeek(Anchor::Current),
            _ => return None,
        };
        Some((i + 2, self.expr(i, i + 1, kind)))
    }

    /// «الخميس», «الثلاثاء 10 نوفمبر», «الإثنين-الثلاثاء» (the night between:
    /// the second day).
    pub(super) fn weekday(&self, i: usize, day: u8) -> Option<Match> {
        // «الأحد عشر وزيرا»: eleven.
        if self.is(i + 1, Word::Teen) && self.tight(i + 1) {
            return None;
        }
        if let Some(m) = self.weekday_with_date(i, day) {
            return Some(m);
        }
        let (mut last, mut day) = (i, day);
        if let Some(Word::Weekday(second)) = self.word(i + 1) {
            if self.gap(i + 1).trim() == "-" {
                (last, day) = (i + 1, second);
            }
        }
        let toward = match self.word(last + 1) {
            Some(Word::Anchor(a)) if self.tight(last + 1) => {
                last += 1;
                match a {
                    Anchor::Past => Toward::Previous,
                    Anchor::Current => Toward::Coming,
                    Anchor::Next => Toward::Next,
                }
            }
            _ if self.future_before(i) => Toward::Coming,
            _ => Toward::Latest,
        };
        Some((last + 1, self.expr(i, last, Kind::Weekday { day, toward })))
    }

    /// «الثلاثاء 10 نوفمبر», «الاثنين، 4 آذار 2019», «الأحد الموافق 3 مارس
    /// 2019», «الخميس 12/12/2019»: one date, the weekday kept to check it.
    fn weekday_with_date(&self, i: usize, day: u8) -> Option<Match> {
        let mut j = i + 1;
        let comma = matches!(self.gap(j).trim(), "،" | ",");
        if !(self.joined(j) || comma) {
            return None;
        }
        if self.is(j, Word::DateCue) && self.tight(j + 1) {
            j += 1;
        }
        self.number(j)?;
        self.numeric_date(j, Some(day), i, true)
            .or_else(|| self.day_month(j, Some(day), i))
    }

    /// «يوم الخميس», «يوم 15 أكتوبر», «يوم 12-03-2019», «يوم الخامس من حزيران».
    pub(super) fn day_word(&self, i: usize) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        let (next, inner) = match self.word(i + 1) {
            Some(Word::Weekday(day)) => self.weekday(i + 1, day)?,
            _ if self.number(i + 1).is_some() => self
                .numeric_date(i + 1, None, i + 1, true)
                .or_else(|| self.day_month(i + 1, None, i + 1))?,
            _ => self.ordinal_day(i + 1, i + 1)?,
        };
        Some((next, self.expr(i, next - 1, inner.kind)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{cal, find_all};
    use crate::timeline::expression::{Kind, MonthRef, Toward, YearRef};

    fn weekday(day: u8, toward: Toward) -> Kind {
        Kind::Weekday { day, toward }
    }
    use crate::timeline::lexicon::Anchor;

    #[test]
    fn relative_day_words() {
        let got = find_all("وأعلنت أرمينيا أمس أن 32 شخصا قتلوا والتي بدأت صباح أول من أمس في");
        assert_eq!(
            got,
            [
                ("أمس", Kind::DayOffset(-1)),
                ("صباح أول من أمس", Kind::DayOffset(-2))
            ]
        );
        assert_eq!(
            find_all("اليوم الجمعة"),
            [("اليوم الجمعة", Kind::DayOffset(0))]
        );
        assert_eq!(find_all("واليوم، نقلت"), [("اليوم", Kind::DayOffset(0))]);
        assert_eq!(
            find_all("أمس الخميس،"),
            [("أمس الخميس", Kind::DayOffset(-1))]
        );
        assert_eq!(
            find_all("وفي اليوم التالي ذكر"),
            [("اليوم التالي", Kind::NextDay { ghadat: false })]
        );
        assert_eq!(find_all("في نفس اليوم."), [("نفس اليوم", Kind::SameDay)]);
        assert_eq!(
            find_all("وفي اليوم نفسه دعا"),
            [("اليوم نفسه", Kind::SameDay)]
        );
        assert_eq!(
            find_all("غداة إعلانه"),
            [("غداة", Kind::NextDay { ghadat: true })]
        );
        assert!(find_all("لامس الجدار").is_empty());
    }

    #[test]
    fn weekdays() {
        assert_eq!(
            find_all("مساء الخميس أنه"),
            [("مساء الخميس", weekday(4, Toward::Latest))]
        );
        assert_eq!(
            find_all("من منتصف ليل الإثنين-الثلاثاء."),
            [("منتصف ليل الإثنين-الثلاثاء", weekday(2, Toward::Latest))]
        );
        assert_eq!(
            find_all("يوم الأحد"),
            [("يوم الأحد", weekday(7, Toward::Latest))]
        );
        assert_eq!(
            find_all("الثلاثاء الماضي"),
            [("الثلاثاء الماضي", weekday(2, Toward::Previous))]
        );
        assert_eq!(
            find_all("ليلة الخميس المقبل"),
            [("ليلة الخميس المقبل", weekday(4, Toward::Next))]
        );
        assert_eq!(
            find_all("سيزور الوفد القاهرة يوم الأحد"),
            [("يوم الأحد", weekday(7, Toward::Coming))]
        );
        assert_eq!(
            find_all("من المقرر أن تعقد القمة الاثنين"),
            [("الاثنين", weekday(1, Toward::Coming))]
        );
        assert_eq!(
            find_all("سيزور الوفد القاهرة. وزار يوم الأحد"),
            [("يوم الأحد", weekday(7, Toward::Latest))],
            "the future verb is in another sentence"
        );
        assert!(find_all("الجمعية العامة").is_empty());
    }

    #[test]
    fn relative_months_and_years() {
        assert_eq!(
            find_all("العام الماضي"),
            [("العام الماضي", Kind::RelativeYear(Some(Anchor::Past)))]
        );
        assert_eq!(
            find_all("الشهر المقبل"),
            [("الشهر المقبل", Kind::RelativeMonth(Some(Anchor::Next)))]
        );
        assert_eq!(
            find_all("هذا العام"),
            [("هذا العام", Kind::RelativeYear(Some(Anchor::Current)))]
        );
        let got = find_all("وأغدام حتى 20 من الشهر نفسه");
        assert_eq!(
            got,
            [(
                "20 من الشهر نفسه",
                cal(Some(20), MonthRef::Same, YearRef::Missing)
            )]
        );
        let got = find_all("حتى 15 نوفمبر/تشرين الثاني الجاري و1 ديسمبر/كانون الأول المقبل");
        assert_eq!(
            got[0].1,
            cal(
                Some(15),
                MonthRef::Named(11),
                YearRef::MonthAnchor(Anchor::Current)
            )
        );
        assert_eq!(
            got[1].1,
            cal(
                Some(1),
                MonthRef::Named(12),
                YearRef::MonthAnchor(Anchor::Next)
            )
        );
        assert!(find_all("لمدة عام واحد").is_empty());
    }
}
