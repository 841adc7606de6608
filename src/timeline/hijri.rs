//! The Hijri calendar, as resolution needs it: the Gregorian days a Hijri
//! day, month or year covers, and which Hijri month or day of a name falls in
//! a Gregorian year («رمضان 2019»).
//!
//! Conversion is ICU4X's Umm al-Qura calendar: the one Saudi and most Gulf
//! news date by, with month lengths from KACST's tables for 1300–1600 AH
//! (1882–2174). Outside that range the crate falls back to the tabular
//! calendar, which can be two days off what was observed; there the dates
//! are given one step coarser ([`Span::coarse`]). Countries that start a
//! month on a local sighting (Egypt, Morocco) can differ from Umm al-Qura by
//! a day; the timeline reports the Umm al-Qura date and says it was converted
//! ([`super::Certainty::Converted`]).

use icu_calendar::cal::hijri::UmmAlQura;
use icu_calendar::cal::Hijri;
use icu_calendar::Iso;

use super::expression::{self, HijriYear};
use super::period::When;
use crate::metadata::Date;

/// The Hijri years of the Umm al-Qura table; the tabular calendar outside.
const TABLE: std::ops::RangeInclusive<i32> = 1300..=1600;

/// Hijri years the timeline converts: from the first to a century past the
/// table (a larger number before هـ is a count, not a year).
const YEARS: std::ops::RangeInclusive<i32> = 1..=1700;

/// Days the tabular calendar can be off the observed one.
const TABULAR_ERROR_DAYS: i64 = 2;

/// The Gregorian days of a Hijri period, first and last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: Date,
    pub last: Date,
    /// Converted by the Umm al-Qura table, not the tabular fallback.
    pub tabled: bool,
}

impl Span {
    /// The span widened by the tabular calendar's error when outside the table.
    pub fn coarse(self) -> (Date, Date) {
        if self.tabled {
            return (self.first, self.last);
        }
        let widen = |d: Date, by: i64| d.add_days(by).unwrap_or(d);
        (
            widen(self.first, -TABULAR_ERROR_DAYS),
            widen(self.last, TABULAR_ERROR_DAYS),
        )
    }

    pub fn overlaps(self, first: Date, last: Date) -> bool {
        self.first <= last && first <= self.last
    }
}

/// The Gregorian days a Hijri expression names. A month or a feast named
/// with a Gregorian year is its one occurrence in that year; none when the
/// year holds two (which one is meant is not written).
pub fn span_of(h: expression::Hijri) -> Option<Span> {
    match (h.year, h.month, h.day) {
        (HijriYear::Hijri(y), None, _) => year(y),
        (HijriYear::Hijri(y), Some(m), None) => month(y, m),
        (HijriYear::Hijri(y), Some(m), Some(d)) => day(y, m, d),
        (HijriYear::Gregorian(g), Some(m), d) => match in_gregorian_year(g, m, d)[..] {
            [one] => Some(one),
            _ => None,
        },
        (HijriYear::Gregorian(_), None, _) => None,
    }
}

/// A span as the timeline's periods: a day of the table is that day; a month
/// or a year is the Gregorian months of its first and last day (the second
/// `None` when they are one month). Outside the table, one step coarser: a
/// day is its month(s), a month or a year its Gregorian year(s).
pub fn periods(span: Span, is_day: bool) -> Option<(When, Option<When>)> {
    if is_day && span.tabled {
        return Some((When::Day(span.first), None));
    }
    let (first, last) = span.coarse();
    let (a, b) = if is_day || span.tabled {
        (
            When::month(first.year(), first.month())?,
            When::month(last.year(), last.month())?,
        )
    } else {
        (When::year(first.year())?, When::year(last.year())?)
    };
    Some((a, (a != b).then_some(b)))
}

/// The Gregorian day of a Hijri date, if that date exists (no 30 Safar in a
/// year whose Safar has 29 days).
pub fn day(year: i32, month: u8, day: u8) -> Option<Span> {
    let d = gregorian(year, month, day)?;
    Some(Span {
        first: d,
        last: d,
        tabled: TABLE.contains(&year),
    })
}

/// The Gregorian days of a Hijri month.
pub fn month(year: i32, month: u8) -> Option<Span> {
    let first = hijri_date(year, month, 1)?;
    let last = first.days_in_month();
    Some(Span {
        first: to_date(&first)?,
        last: gregorian(year, month, last)?,
        tabled: TABLE.contains(&year),
    })
}

/// The Gregorian days of a Hijri year, about 354.
pub fn year(year: i32) -> Option<Span> {
    let last_month = month(year, 12)?;
    Some(Span {
        first: month(year, 1)?.first,
        last: last_month.last,
        tabled: last_month.tabled,
    })
}

/// The occurrences of a Hijri month (a day of it when `day` is set) that
/// overlap the Gregorian year `gregorian_year`: one, or two when the lunar
/// year's drift puts the month at both ends of it (Ramadan in 1997).
pub fn in_gregorian_year(gregorian_year: i32, month_number: u8, day_of: Option<u8>) -> Vec<Span> {
    let (Some(jan1), Some(dec31)) = (
        Date::new(gregorian_year, 1, 1),
        Date::new(gregorian_year, 12, 31),
    ) else {
        return Vec::new();
    };
    let (Some(from), Some(to)) = (hijri_year_of(jan1), hijri_year_of(dec31)) else {
        return Vec::new();
    };
    (from..=to)
        .filter_map(|y| match day_of {
            Some(d) => day(y, month_number, d),
            None => month(y, month_number),
        })
        .filter(|s| s.overlaps(jan1, dec31))
        .collect()
}

/// The Hijri year a Gregorian day falls in.
fn hijri_year_of(d: Date) -> Option<i32> {
    let iso = icu_calendar::Date::try_new_iso(d.year(), d.month(), d.day()).ok()?;
    Some(
        iso.to_calendar(Hijri::new_umm_al_qura())
            .year()
            .extended_year(),
    )
}

fn hijri_date(year: i32, month: u8, day: u8) -> Option<icu_calendar::Date<Hijri<UmmAlQura>>> {
    if !YEARS.contains(&year) {
        return None;
    }
    icu_calendar::Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura()).ok()
}

fn gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    to_date(&hijri_date(year, month, day)?)
}

fn to_date<A: icu_calendar::AsCalendar>(d: &icu_calendar::Date<A>) -> Option<Date> {
    let iso = d.to_calendar(Iso);
    Date::new(
        iso.year().extended_year(),
        iso.month().ordinal,
        iso.day_of_month().0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(s: Span) -> (String, String) {
        (s.first.to_string(), s.last.to_string())
    }

    #[test]
    fn umm_al_qura_days_months_and_years() {
        assert_eq!(
            day(1445, 9, 1).map(|s| s.first.to_string()).as_deref(),
            Some("2024-03-11")
        );
        assert_eq!(
            day(1443, 12, 10).map(|s| s.first.to_string()).as_deref(),
            Some("2022-07-09")
        );
        assert_eq!(
            month(1444, 9).map(ymd),
            Some(("2023-03-23".into(), "2023-04-20".into()))
        );
        assert_eq!(
            year(1444).map(ymd),
            Some(("2022-07-30".into(), "2023-07-18".into()))
        );
        assert!(year(1444).is_some_and(|s| s.tabled));
    }

    #[test]
    fn outside_the_table_is_tabular_and_widened() {
        let s = year(808).unwrap();
        assert!(!s.tabled);
        let (first, last) = s.coarse();
        assert_eq!(first.year(), 1405);
        assert_eq!(last.year(), 1406);
        assert!(first < s.first && s.last < last);
    }

    #[test]
    fn dates_that_do_not_exist() {
        assert_eq!(day(1445, 13, 1), None);
        assert_eq!(day(1445, 1, 31), None);
        assert_eq!(day(0, 1, 1), None);
        assert_eq!(day(99_999, 1, 1), None);
        assert_eq!(month(1445, 0), None);
    }

    #[test]
    fn a_month_in_a_gregorian_year() {
        let ramadan = in_gregorian_year(2019, 9, None);
        assert_eq!(ramadan.len(), 1);
        assert_eq!(ramadan[0].first.to_string(), "2019-05-06");
        let adha = in_gregorian_year(2019, 12, Some(10));
        assert_eq!(
            adha.iter().map(|s| s.first.to_string()).collect::<Vec<_>>(),
            ["2019-08-11"]
        );
        assert_eq!(
            in_gregorian_year(1997, 9, None).len(),
            2,
            "January and December"
        );
        assert!(in_gregorian_year(100_000, 9, None).is_empty());
    }
}
