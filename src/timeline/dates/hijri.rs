//! Hijri dates: a day, a month or a year of the Hijri calendar («15 شعبان
//! 1445 هـ», «غرة محرم 1446», «رمضان 1444», «عام 1444 هـ», «سنة 808 هـ»), a
//! Hijri month or feast in a Gregorian year («رمضان 2019», «عيد الأضحى
//! 2019»), and a date written in both calendars («سنة 1390 هـ الموافق 1970
//! م», «عام 1420 هـ (1999 م)», «20 مايو 2012 الموافق 29 جمادى الآخرة 1433
//! هـ»).
//!
//! A month name alone is never a date: «رجب طيب أردوغان», «رمضان» as a name,
//! «صفر» as zero, «شهر رمضان» in a news item (which Ramadan is not written).
//! A Hijri month needs a year after it; صفر and رجب, which are also a number
//! and a name, need more with a year that is not marked هـ: a day, غرة or
//! شهر before them.

use super::{Match, Matcher};
use crate::arabic::normalize_word;
use crate::timeline::expression::{Expression, Hijri, HijriYear, Kind, MonthRef, YearRef};
use crate::timeline::lexicon::Word;

/// A bare four-digit number after a Hijri month is a Hijri year up to this
/// (2077 in the Gregorian calendar) …
const LAST_BARE_HIJRI_YEAR: i32 = 1500;
/// … and a Gregorian one from this; between the two it could be either.
const FIRST_BARE_GREGORIAN_YEAR: i32 = 1700;

/// The Hijri years a number before هـ may be (see `timeline::hijri`).
const HIJRI_YEARS: std::ops::RangeInclusive<i32> = 1..=1700;

/// A Hijri month name and what it needs to be a date.
#[derive(Debug, Clone, Copy)]
struct MonthName {
    /// The word after the name.
    next: usize,
    month: u8,
    /// صفر, رجب: also a word and a name.
    common: bool,
}

impl Matcher<'_> {
    /// A Hijri month name at `i`: محرم … ذو الحجة, in one or two words.
    fn hijri_month_name(&self, i: usize) -> Option<MonthName> {
        let one = |month, common| {
            Some(MonthName {
                next: i + 1,
                month,
                common,
            })
        };
        let second = if self.tight(i + 1) {
            self.word(i + 1)
        } else {
            None
        };
        let two = |month| {
            Some(MonthName {
                next: i + 2,
                month,
                common: false,
            })
        };
        match (self.word(i)?, second) {
            (Word::HijriMonth(m), _) => one(m, false),
            (Word::AmbiguousHijriMonth(m), _) => one(m, true),
            // ربيع الأول / الآخر / الثاني; جمادى الأولى / الآخرة / الثانية.
            (Word::Season(3) | Word::Jumada, Some(w)) => {
                let base = if self.is(i, Word::Jumada) { 5 } else { 3 };
                match w {
                    Word::First | Word::Ordinal(1) => two(base),
                    Word::Second | Word::Ordinal(2) | Word::Last => two(base + 1),
                    _ => None,
                }
            }
            (Word::Dhu, Some(Word::DhuMonth(m))) => two(m),
            _ => None,
        }
    }

    /// The Hijri year after a month or a feast at `i`: «1444», «1444 هـ»,
    /// «سنة 1444 هـ», «من عام 1445 هـ», «2019» (a Gregorian year). Returns
    /// the word after it, the year, and whether an era mark said which.
    fn hijri_year_after(&self, i: usize) -> Option<(usize, HijriYear, bool)> {
        if !self.joined(i) {
            return None;
        }
        let of = usize::from(self.is(i, Word::Of) && self.tight(i + 1));
        let j = i + of;
        let year_word = self.is(j, Word::YearWord) || (of == 1 && self.is(j, Word::TheYear));
        let at = if year_word && self.tight(j + 1) {
            j + 1
        } else if of == 0 {
            i
        } else {
            return None;
        };
        let (value, digits) = self.number(at)?;
        let value = i32::try_from(value).ok()?;
        if self.in_brackets(at) || self.glued_to_number(at) {
            return None;
        }
        if self.hijri_after(at) {
            return HIJRI_YEARS
                .contains(&value)
                .then_some((at + 2, HijriYear::Hijri(value), true));
        }
        let gregorian = self.is(at + 1, Word::GregorianMark) && self.gap(at + 1).trim().is_empty();
        if gregorian || value >= FIRST_BARE_GREGORIAN_YEAR {
            let year = self.year_at(at)?;
            let next = if gregorian { at + 2 } else { at + 1 };
            return Some((next, HijriYear::Gregorian(year), gregorian));
        }
        let bare_hijri = digits == 4 && value <= LAST_BARE_HIJRI_YEAR && !self.counted_after(at);
        bare_hijri.then_some((at + 1, HijriYear::Hijri(value), false))
    }

    /// «رمضان 1444», «شوال 1441 هـ», «رمضان 2019», «ذي الحجة من عام 1443
    /// هـ»: a Hijri month at `i` with its year. `context` says a day, غرة or
    /// شهر comes before the name.
    pub(super) fn hijri_month(&self, i: usize, day: Option<u8>, first: usize) -> Option<Match> {
        let name = self.hijri_month_name(i)?;
        let (next, year, marked) = self.hijri_year_after(name.next)?;
        let context = day.is_some() || self.is(i.wrapping_sub(1), Word::MonthWord);
        if name.common && !marked && !context {
            return None;
        }
        let hijri = Hijri {
            day,
            month: Some(name.month),
            year,
        };
        Some((next, self.expr(first, next - 1, Kind::Hijri(hijri))))
    }

    /// «15 شعبان 1445 هـ», «10 ذي الحجة 1443»: a day number at `i`.
    pub(super) fn hijri_day(&self, i: usize) -> Option<Match> {
        let (day, digits) = self.number(i)?;
        if digits > 2 || !(1..=30).contains(&day) || self.in_brackets(i) {
            return None;
        }
        let j = if self.is(i + 1, Word::Of) {
            i + 2
        } else {
            i + 1
        };
        if !self.tight(j) || !self.tight(i + 1) {
            return None;
        }
        self.hijri_month(j, u8::try_from(day).ok(), i)
    }

    /// «غرة محرم 1446», «غرة شهر رمضان 1445 هـ»: the first day of the month.
    pub(super) fn ghurra(&self, i: usize) -> Option<Match> {
        let j = if self.is(i + 1, Word::MonthWord) {
            i + 2
        } else {
            i + 1
        };
        if !self.tight(j) || !self.tight(i + 1) {
            return None;
        }
        self.hijri_month(j, Some(1), i)
    }

    /// «الخامس عشر من شعبان 1445 هـ»: a spelled-out day of a Hijri month.
    pub(super) fn ordinal_hijri_day(&self, i: usize) -> Option<Match> {
        let (j, day) = self.ordinal(i)?;
        if !(self.is(j, Word::Of) && self.tight(j) && self.tight(j + 1)) || day > 30 {
            return None;
        }
        self.hijri_month(j + 1, Some(day), i)
    }

    /// «عيد الأضحى 2019», «عيد الفطر 1444 هـ»: a feast with its year.
    pub(super) fn feast(&self, i: usize) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        let Some(Word::Feast(month, day)) = self.word(i + 1) else {
            return None;
        };
        let after = if self.feast_epithet(i + 2) {
            i + 3
        } else {
            i + 2
        };
        let (next, year, _) = self.hijri_year_after(after)?;
        let hijri = Hijri {
            day: Some(day),
            month: Some(month),
            year,
        };
        Some((next, self.expr(i, next - 1, Kind::Hijri(hijri))))
    }

    /// «عيد الأضحى المبارك 2019»: the epithet a feast is often named with.
    fn feast_epithet(&self, i: usize) -> bool {
        let Some(w) = self.words.get(i).filter(|_| self.tight(i)) else {
            return false;
        };
        matches!(
            normalize_word(&self.text[w.start..w.end]).as_str(),
            "المبارك" | "السعيد"
        )
    }

    /// «1440 للهجرة», «1390 هـ», «808 هـ»: a number marked Hijri at `i`, a year
    /// of that calendar; the expression starts at `first` (عام, سنة).
    pub(super) fn hijri_year(&self, i: usize, first: usize) -> Option<Match> {
        let (value, _) = self.number(i)?;
        let year = i32::try_from(value).ok()?;
        let bare = !self.in_brackets(i) && !self.glued_to_number(i);
        if !self.hijri_after(i) || !bare || !HIJRI_YEARS.contains(&year) {
            return None;
        }
        let hijri = Hijri {
            day: None,
            month: None,
            year: HijriYear::Hijri(year),
        };
        Some((i + 2, self.expr(first, i + 1, Kind::Hijri(hijri))))
    }

    /// «عام 1444 هـ», «سنة 808 هـ»: a Hijri year after عام or سنة at `i`.
    pub(super) fn hijri_year_word(&self, i: usize) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        self.hijri_year(i + 1, i)
    }

    /// A three- or four-digit number marked هـ standing alone («توفي 808 هـ»):
    /// shorter ones are too often something else before a letter.
    pub(super) fn marked_hijri_year(&self, i: usize) -> Option<Match> {
        let (_, digits) = self.number(i)?;
        if digits < 3 {
            return None;
        }
        self.hijri_year(i, i)
    }

    /// The date `m` joined to its equivalent in the other calendar after it,
    /// by الموافق or in brackets: one expression whose Gregorian date the Hijri
    /// one must confirm. `m` unchanged when no equivalent follows.
    pub(super) fn with_equivalent(&self, m: Match) -> Match {
        let (next, expr) = m;
        let at = if self.is(next, Word::DateCue) && self.tight(next + 1) {
            next + 1
        } else if self.gap(next).contains(['(', '/']) {
            next
        } else {
            return (next, expr);
        };
        let Some((after, other)) = self.core(at) else {
            return (next, expr);
        };
        let pair = match (expr.kind, other.kind) {
            (Kind::Hijri(hijri), Kind::Calendar(gregorian))
            | (Kind::Calendar(gregorian), Kind::Hijri(hijri)) => {
                let written = matches!(gregorian.year, YearRef::Explicit(_))
                    && matches!(gregorian.month, MonthRef::None | MonthRef::Named(_));
                let hijri_year = matches!(hijri.year, HijriYear::Hijri(_));
                (written && hijri_year).then_some(Kind::Corroborated { gregorian, hijri })
            }
            _ => None,
        };
        match pair {
            Some(kind) => {
                let end = other.end.max(expr.end);
                let joined = Expression { end, kind, ..expr };
                (after, joined)
            }
            None => (next, expr),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{find_all, texts};
    use crate::timeline::expression::{Hijri, HijriYear, Kind};

    fn hijri(day: Option<u8>, month: Option<u8>, year: HijriYear) -> Kind {
        Kind::Hijri(Hijri { day, month, year })
    }

    #[test]
    fn days_months_and_years() {
        assert_eq!(
            find_all("افتتح المسجد في 15 شعبان 1445 هـ بحضور"),
            [(
                "15 شعبان 1445 هـ",
                hijri(Some(15), Some(8), HijriYear::Hijri(1445))
            )]
        );
        assert_eq!(
            find_all("وصل الحجاج في 9 من ذي الحجة 1444"),
            [(
                "9 من ذي الحجة 1444",
                hijri(Some(9), Some(12), HijriYear::Hijri(1444))
            )]
        );
        assert_eq!(
            find_all("ارتفعت الأسعار في رمضان 1444 كثيرا"),
            [("رمضان 1444", hijri(None, Some(9), HijriYear::Hijri(1444)))]
        );
        assert_eq!(
            find_all("بدأ العام الدراسي غرة محرم 1446 في"),
            [(
                "غرة محرم 1446",
                hijri(Some(1), Some(1), HijriYear::Hijri(1446))
            )]
        );
        assert_eq!(
            find_all("تأسست عام 1444 هـ في"),
            [("عام 1444 هـ", hijri(None, None, HijriYear::Hijri(1444)))]
        );
        assert_eq!(texts("توفي المؤرخ سنة 808 هـ في القاهرة"), ["سنة 808 هـ"]);
        assert_eq!(texts("بنيت سنة 1440 للهجرة"), ["سنة 1440 للهجرة"]);
        assert_eq!(texts("في 1390 هـ انتقل"), ["1390 هـ"]);
    }

    #[test]
    fn two_word_month_names_and_their_spellings() {
        for (text, month) in [
            ("في ربيع الأول 1445 هـ", 3),
            ("في ربيع الآخر 1445 هـ", 4),
            ("في ربيع الثاني 1445 هـ", 4),
            ("في جمادى الأولى 1445 هـ", 5),
            ("في جمادي الاول 1445 هـ", 5),
            ("في جمادى الآخرة 1445 هـ", 6),
            ("في جمادى الثانية 1445 هـ", 6),
            ("في ذو القعدة 1445 هـ", 11),
            ("في ذي القعدة 1445 هـ", 11),
            ("في ذي الحجة 1445 هـ", 12),
            ("في شهر المحرم 1445 هـ", 1),
            ("في شوّال 1445 هـ", 10),
        ] {
            assert_eq!(
                find_all(text).first().map(|(_, k)| *k),
                Some(hijri(None, Some(month), HijriYear::Hijri(1445))),
                "{text}"
            );
        }
    }

    #[test]
    fn gregorian_years_after_hijri_months_and_feasts() {
        assert_eq!(
            find_all("اعتكف في رمضان 2019 بمكة"),
            [(
                "رمضان 2019",
                hijri(None, Some(9), HijriYear::Gregorian(2019))
            )]
        );
        assert_eq!(
            find_all("صلى عيد الأضحى 2019 في"),
            [(
                "عيد الأضحى 2019",
                hijri(Some(10), Some(12), HijriYear::Gregorian(2019))
            )]
        );
        assert_eq!(
            texts("خلال عيد الفطر عام 2020 أغلقت"),
            ["عيد الفطر عام 2020"]
        );
        assert!(find_all("في رمضان 1600 ميلادي").len() == 1);
        assert!(
            find_all("كانت رمضان 1600 جنيه").is_empty(),
            "neither calendar"
        );
    }

    #[test]
    fn names_and_words_that_are_not_months() {
        for text in [
            "قال الرئيس رجب طيب أردوغان إن",
            "سجلت درجة الحرارة صفر مئوية",
            "انتهت المباراة بنتيجة صفر 2020 لصالح",
            "خرج رجب 1990 من السجن",
            "أعلن رمضان في بيان",
            "يتكرر شهر رمضان كل عام",
            "السلاح محرم دوليا",
            "عيد الفطر المبارك",
            "ذو الحجة",
            "في ربيع العمر",
            "في 15 شعبان بدأت",
        ] {
            assert!(find_all(text).is_empty(), "{text}: {:?}", find_all(text));
        }
        assert_eq!(texts("في شهر رجب 1445 سافر"), ["رجب 1445"]);
        assert_eq!(texts("في 3 صفر 1445 سافر"), ["3 صفر 1445"]);
        assert_eq!(texts("في صفر 1445 هـ سافر"), ["صفر 1445 هـ"]);
    }

    #[test]
    fn both_calendars_make_one_expression() {
        let got = find_all("ولد سنة 1390 هـ الموافق 1970 م في مكة");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "سنة 1390 هـ الموافق 1970 م");
        assert!(matches!(got[0].1, Kind::Corroborated { .. }));
        assert_eq!(
            texts("توفي عام 1420 هـ (1999 م) في"),
            ["عام 1420 هـ (1999 م)"]
        );
        assert_eq!(
            texts("وقع في 20 مايو 2012 الموافق 29 جمادى الآخرة 1433 هـ."),
            ["20 مايو 2012 الموافق 29 جمادى الآخرة 1433 هـ"]
        );
        assert_eq!(
            texts("في 20 مايو 2012 الموافق للشروط"),
            ["20 مايو 2012"],
            "no equivalent after الموافق"
        );
    }
}
