//! A calendar day: the publication date `sources.toml` gives a source, and the
//! day the timeline counts relative dates from.
//!
//! The arithmetic is `time::Date`'s (already in the build through tantivy); this
//! type keeps the years the timeline accepts (1–9999: no negative or
//! five-digit years, whatever features the `time` build has), months as
//! numbers, and the ISO text form of the `--json` contract. The corpus is
//! Gregorian-dated, so no other calendar (Hijri) is converted here.

use std::fmt;

use time::Month;

/// A calendar day of the years 1–9999. The order is chronological.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

/// The Julian day number of 1970-01-01, day 0 of [`Date::to_days`].
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

impl Date {
    /// The first and last days a period can reach (0001-01-01, 9999-12-31):
    /// the bounds a period outside the calendar is clamped to. (The `Err`
    /// arms cannot happen; a constant cannot unwrap.)
    pub const FIRST: Date = Date(match time::Date::from_ordinal_date(1, 1) {
        Ok(d) => d,
        Err(_) => time::Date::MIN,
    });
    pub const LAST: Date = Date(
        match time::Date::from_calendar_date(9999, Month::December, 31) {
            Ok(d) => d,
            Err(_) => time::Date::MAX,
        },
    );

    /// The date, if it exists (years 1–9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let month = Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .and_then(Date::within_years)
    }

    /// The last day of a month, if the month exists (years 1–9999).
    pub fn last_of_month(year: i32, month: u8) -> Option<Date> {
        let length = Month::try_from(month).ok()?.length(year);
        Date::new(year, month, length)
    }

    fn within_years(date: time::Date) -> Option<Date> {
        (1..=9999).contains(&date.year()).then_some(Date(date))
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    pub fn month(self) -> u8 {
        u8::from(self.0.month())
    }

    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// Days since 1970-01-01.
    pub fn to_days(self) -> i64 {
        i64::from(self.0.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY
    }

    /// The date `days` after 1970-01-01 (before it when negative), if its
    /// year is within 1–9999: the inverse of [`Date::to_days`].
    pub fn from_days(days: i64) -> Option<Date> {
        Date::new(1970, 1, 1)?.add_days(days)
    }

    /// The date `days` later (earlier when negative), if its year is within
    /// 1–9999.
    pub fn add_days(self, days: i64) -> Option<Date> {
        let julian_day = i64::from(self.0.to_julian_day()).checked_add(days)?;
        let date = time::Date::from_julian_day(i32::try_from(julian_day).ok()?).ok()?;
        Date::within_years(date)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u8 {
        self.0.weekday().number_from_monday()
    }

    /// The latest day on or before `self` that falls on `weekday` (1–7).
    pub fn latest_weekday(self, weekday: u8) -> Option<Date> {
        let back = (i64::from(self.weekday()) - i64::from(weekday)).rem_euclid(7);
        self.add_days(-back)
    }

    /// Parses `YYYY-MM-DD`: four-digit year, two-digit month and day.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().split('-');
        let year = fixed_width_number(parts.next()?, 4)?;
        let month = fixed_width_number(parts.next()?, 2)?;
        let day = fixed_width_number(parts.next()?, 2)?;
        if parts.next().is_some() {
            return None;
        }
        Date::new(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }
}

/// The ISO form, `2023-09-22`, as in `--json`.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A number written with exactly `width` ASCII digits (`2020`, `09`).
pub(crate) fn fixed_width_number(s: &str, width: usize) -> Option<u32> {
    if s.len() == width && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

/// The ISO form, which test failures are easier to read in.
impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn day_numbers_and_arithmetic() {
        assert_eq!(d(1970, 1, 1).to_days(), 0);
        assert_eq!(d(2020, 11, 10).to_days(), 18_576);
        for days in [-700_000, -1, 0, 1, 18_576, 19_620, 2_000_000] {
            let date = d(1970, 1, 1).add_days(days).unwrap();
            assert_eq!(date.to_days(), days, "{date}");
        }
        assert_eq!(d(2020, 11, 10).add_days(-1), Some(d(2020, 11, 9)));
        assert_eq!(d(2020, 12, 31).add_days(1), Some(d(2021, 1, 1)));
        assert_eq!(d(2024, 2, 28).add_days(1), Some(d(2024, 2, 29)));
        assert_eq!(Date::FIRST.add_days(-1), None, "no year 0");
        assert_eq!(Date::LAST.add_days(1), None, "no year 10000");
        assert_eq!(Date::FIRST.to_string(), "0001-01-01");
        assert_eq!(Date::LAST.to_string(), "9999-12-31");
    }

    #[test]
    fn weekdays_match_the_seed_articles() {
        assert_eq!(d(2020, 11, 10).weekday(), 2, "Tuesday");
        assert_eq!(d(2021, 1, 11).weekday(), 1, "Monday");
        assert_eq!(d(2023, 9, 22).weekday(), 5, "Friday");
        assert_eq!(d(2023, 9, 22).latest_weekday(2), Some(d(2023, 9, 19)));
        assert_eq!(d(2023, 9, 22).latest_weekday(5), Some(d(2023, 9, 22)));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::new(2021, 2, 29).is_none());
        assert!(Date::new(2020, 13, 1).is_none());
        assert!(Date::new(2020, 4, 31).is_none());
        assert!(Date::new(0, 1, 1).is_none());
        assert!(Date::new(-5, 1, 1).is_none());
        assert!(d(2020, 11, 10).add_days(i64::MIN).is_none());
        assert!(d(2020, 11, 10).add_days(i64::MAX).is_none());
        assert_eq!(Date::last_of_month(2024, 2), Some(d(2024, 2, 29)));
        assert_eq!(Date::last_of_month(2023, 2), Some(d(2023, 2, 28)));
        assert_eq!(Date::last_of_month(2023, 13), None);
    }

    #[test]
    fn parses_iso_days_only() {
        assert_eq!(Date::parse_iso("2020-11-10"), Some(d(2020, 11, 10)));
        assert_eq!(Date::parse_iso(" 0001-01-01 "), Some(Date::FIRST));
        for bad in [
            "2020-11",
            "2020",
            "2020-11-31",
            "2020-1-10",
            "2020-11-10-1",
            "",
        ] {
            assert_eq!(Date::parse_iso(bad), None, "{bad}");
        }
    }
}
