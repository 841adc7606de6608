//! Intervals: «من 3 إلى 7 حزيران», «بين 10 و12 مايو 2018», «تموز وآب 2014»,
//! «من يناير إلى مارس 2017», «بين عامي 1992 و1994», «(1992-1994)»,
//! «1939–1945», «من 5 أكتوبر 2011 حتى 20 نوفمبر 2012», and seasons of a
//! year («صيف 2019»: June to August).
//!
//! The first end may leave out what the second gives (the month, the year).
//! Two full dates joined by و are two events, not an interval; إلى and حتى make
//! one only after من (a lone «حتى 2025» is a deadline).

use super::{Match, Matcher};
use crate::timeline::expression::{Calendar, Expression, Kind, MonthRef, YearRef};
use crate::timeline::lexicon::Word;

/// Years apart an interval of two bare years may be («1992-1994»), so that
/// a pair of counts («1500-2000») is not read as one.
const MAX_YEARS_APART: i32 = 100;

/// How the two ends are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joint {
    /// إلى, حتى.
    To,
    /// و, standalone or on the second end.
    And,
    /// - or – between two years.
    Dash,
}

impl Matcher<'_> {
    /// An interval whose first end starts at word `i`.
    pub(super) fn interval(&self, i: usize) -> Option<Match> {
        let dual = self.is(i, Word::YearsWord);
        let start = if dual { i + 1 } else { i };
        let (after, first) = self.first_end(start)?;
        let (second_at, joint) = self.joint(after)?;
        let (next, second) = self.second_end(second_at)?;
        let lead = self.lead(i);
        let allowed = match joint {
            Joint::To => lead == Some(Lead::From),
            Joint::And => lead == Some(Lead::Between) || dual || incomplete(&first),
            Joint::Dash => is_year(&first) && is_year(&second),
        };
        // «20 من الشهر نفسه و1 ديسمبر» are two dates counted differently.
        let named = |c: &Calendar| matches!(c.month, MonthRef::None | MonthRef::Named(_));
        if !allowed || !compatible(&first, &second) || !named(&first) || !named(&second) {
            return None;
        }
        if let (Some(a), Some(b)) = (bare_year(&first), bare_year(&second)) {
            if !(a < b && b - a <= MAX_YEARS_APART) {
                return None;
            }
        }
        let kind = Kind::Interval {
            from: first,
            to: second,
        };
        // Not `expr`: a bracket opened before the interval is not its own.
        let (a, b) = (&self.words[i], &self.words[next - 1]);
        let expr = Expression {
            start: a.start + a.clitic,
            end: b.end,
            kind,
        };
        Some((next, expr))
    }

    /// «صيف 2019», «ربيع عام 2011»: the three months of the season at `i`.
    /// Only with a year: «ربيع» alone is also a month (ربيع الأول) or a name.
    pub(super) fn season(&self, i: usize, first_month: u8) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        let (next, year) = match self.word(i + 1) {
            Some(Word::YearWord) if self.tight(i + 2) => (i + 3, self.year_at(i + 2)?),
            _ => (i + 2, self.year_at(i + 1)?),
        };
        let at = |month| calendar(None, MonthRef::Named(month), YearRef::Explicit(year));
        let kind = Kind::Interval {
            from: at(first_month),
            to: at(first_month + 2),
        };
        Some((next, self.expr(i, next - 1, kind)))
    }

    /// The word before `i` that opens an interval: من or (ما) بين.
    fn lead(&self, i: usize) -> Option<Lead> {
        if i == 0 || !self.tight(i) {
            return None;
        }
        match self.word(i - 1)? {
            Word::Of => Some(Lead::From),
            Word::Between => Some(Lead::Between),
            _ => None,
        }
    }

    /// The first end: a day alone («3» in «من 3 إلى 7 حزيران»), a date, a
    /// month, or a year.
    fn first_end(&self, i: usize) -> Option<(usize, Calendar)> {
        if let Some((next, c)) = self.dated_end(i) {
            return Some((next, c));
        }
        let (day, digits) = self.number(i)?;
        if digits > 2 || !(1..=31).contains(&day) {
            return None;
        }
        let c = calendar(
            Some(u8::try_from(day).ok()?),
            MonthRef::None,
            YearRef::Missing,
        );
        Some((i + 1, c))
    }

    fn second_end(&self, i: usize) -> Option<(usize, Calendar)> {
        self.dated_end(i)
    }

    /// A date, a month or a year at `i`, as an interval's end.
    fn dated_end(&self, i: usize) -> Option<(usize, Calendar)> {
        if self.number(i).is_some() {
            if let Some((next, e)) = self.day_month(i, None, i) {
                return as_calendar(e.kind).map(|c| (next, c));
            }
            let year = self.year_value(i)?;
            let c = calendar(None, MonthRef::None, YearRef::Explicit(year));
            return Some((i + 1, c));
        }
        if self.is(i, Word::YearWord) && self.tight(i + 1) {
            let year = self.year_value(i + 1)?;
            return Some((
                i + 2,
                calendar(None, MonthRef::None, YearRef::Explicit(year)),
            ));
        }
        let (next, month, year) = self.month_phrase(i, true)?;
        matches!(month, MonthRef::Named(_)).then_some((next, calendar(None, month, year)))
    }

    /// A four-digit year at `i`, also glued to a dash («1992-1994»).
    fn year_value(&self, i: usize) -> Option<i32> {
        let (value, digits) = self.number(i)?;
        let year = i32::try_from(value).ok()?;
        (digits == 4 && (1000..=2999).contains(&year) && !self.hijri_after(i)).then_some(year)
    }

    /// What joins the ends after word `i - 1`: the index of the second end.
    fn joint(&self, i: usize) -> Option<(usize, Joint)> {
        let gap = self.gap(i);
        if matches!(gap, "-" | "–" | " - " | " – ") {
            return Some((i, Joint::Dash));
        }
        let w = self.words.get(i)?;
        if !self.tight(i) {
            return None;
        }
        let raw = &self.text[w.start..w.end];
        let to =
            self.is(i, Word::To) || (self.is(i, Word::YearPreposition) && raw.starts_with("حت"));
        if to && w.clitic == 0 {
            return self.tight(i + 1).then_some((i + 1, Joint::To));
        }
        match raw {
            // «و12»: the conjunction is a word of its own before a number.
            "و" if self.gap(i + 1).trim().is_empty() => Some((i + 1, Joint::And)),
            _ if w.clitic > 0 && raw.starts_with('و') => Some((i, Joint::And)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    From,
    Between,
}

fn calendar(day: Option<u8>, month: MonthRef, year: YearRef) -> Calendar {
    Calendar {
        day,
        month,
        year,
        weekday: None,
        part: None,
    }
}

fn as_calendar(kind: Kind) -> Option<Calendar> {
    match kind {
        Kind::Calendar(c) => Some(c),
        _ => None,
    }
}

fn is_year(c: &Calendar) -> bool {
    bare_year(c).is_some()
}

fn bare_year(c: &Calendar) -> Option<i32> {
    match (c.day, c.month, c.year) {
        (None, MonthRef::None, YearRef::Explicit(y)) => Some(y),
        _ => None,
    }
}

/// The first end leaves its month or year to the second.
fn incomplete(c: &Calendar) -> bool {
    c.year == YearRef::Missing
}

/// The ends are of one kind: days with days, months with months, years with
/// years; a lone day only before a day.
fn compatible(a: &Calendar, b: &Calendar) -> bool {
    let level = |c: &Calendar| match (c.day, c.month) {
        (Some(_), _) => 2,
        (None, MonthRef::None) => 0,
        (None, _) => 1,
    };
    level(a) == level(b) && (a.month != MonthRef::None || a.day.is_none() || b.day.is_some())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{find_all, texts};
    use crate::timeline::expression::{Kind, MonthRef, YearRef};

    fn ends(text: &str) -> Option<(String, String)> {
        let got = find_all(text);
        match got.as_slice() {
            [(_, Kind::Interval { from, to })] => Some((
                format!("{:?}/{:?}/{:?}", from.day, from.month, from.year),
                format!("{:?}/{:?}/{:?}", to.day, to.month, to.year),
            )),
            _ => None,
        }
    }

    #[test]
    fn intervals_of_days_months_and_years() {
        for text in [
            "من 3 إلى 7 حزيران",
            "بين 10 و12 مايو 2018",
            "في 20 و21 يونيو 2019",
            "من 2 حتى 9 آب 2019",
            "تموز وآب 2014",
            "من يناير إلى مارس 2017",
            "بين سبتمبر وديسمبر 2015",
            "بين عامي 1992 و1994",
            "خلال عامي 2013 و2014",
            "ما بين 1980 و1988",
            "(1992-1994)",
            "1939–1945",
            "من عام 2001 إلى عام 2005",
            "من 2010 حتى 2015",
            "من 5 أكتوبر 2011 حتى 20 نوفمبر 2012",
        ] {
            assert!(ends(text).is_some(), "{text}: {:?}", find_all(text));
        }
        assert_eq!(texts("تولى (1992-1994) بعد"), ["1992-1994"]);
        let got = find_all("من 3 إلى 7 حزيران");
        let Kind::Interval { from, to } = got[0].1 else {
            panic!()
        };
        assert_eq!(
            (from.day, from.month, to.day, to.month, to.year),
            (
                Some(3),
                MonthRef::None,
                Some(7),
                MonthRef::Named(6),
                YearRef::Missing
            )
        );
    }

    #[test]
    fn seasons_with_a_year() {
        assert!(ends("في صيف 2019 زار").is_some());
        assert!(ends("في ربيع عام 2011").is_some());
        assert!(find_all("في ربيع الأول").is_empty());
        assert!(find_all("شتاء 1942").is_empty());
        assert!(find_all("صيف حار").is_empty());
    }

    #[test]
    fn pairs_that_are_not_intervals() {
        // Two full dates joined by و are two events, and so are dates counted
        // from different things.
        assert_eq!(
            texts("و20 من الشهر نفسه و1 ديسمبر المقبل"),
            ["20 من الشهر نفسه", "1 ديسمبر المقبل"]
        );
        assert_eq!(
            texts("في 10 نوفمبر 2020 و11 ديسمبر 2020"),
            ["10 نوفمبر 2020", "11 ديسمبر 2020"]
        );
        // A deadline, counts, a score, a page range.
        for text in [
            "حتى 2025 وفق",
            "بين 3 و4 ملايين",
            "فاز 3-1",
            "الصفحات 12-15",
            "1500-2000 شخص",
        ] {
            assert!(
                find_all(text)
                    .iter()
                    .all(|(_, k)| !matches!(k, Kind::Interval { .. })),
                "{text}"
            );
        }
        assert!(ends("من 2015 حتى 2010").is_none(), "backwards");
    }
}
