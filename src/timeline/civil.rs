//! A small proleptic Gregorian calendar: dates, the periods a date expression
//! can name (day, month, year, decade), and their order.
//!
//! Written here rather than taken from a crate because the timeline needs only
//! day arithmetic, weekdays and month lengths, and its own notion of a period.

use std::cmp::Ordering;
use std::fmt;

use serde::{Serialize, Serializer};

/// Years the timeline accepts: four-digit years only, so that a count such as
/// «136 خبير» or a citation number is never mistaken for a year.
pub const MIN_YEAR: i32 = 1000;
pub const MAX_YEAR: i32 = 2999;

/// A calendar day. Field order makes the derived order chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists (years 1–9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, if its year is within 1–9999.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        let year = i32::try_from(year).ok()?;
        Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }

    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days(self.to_days().checked_add(days)?)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        (self.to_days() + 3).rem_euclid(7) as u8 + 1
    }

    /// The latest day on or before `self` that falls on `weekday` (1–7).
    pub fn latest_weekday(self, weekday: u8) -> Option<Date> {
        let back = (i64::from(self.weekday()) - i64::from(weekday)).rem_euclid(7);
        self.add_days(-back)
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        match When::parse(s)? {
            When::Day(d) => Some(d),
            _ => None,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// How finely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Decade,
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Decade => "decade",
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// The period a date expression names once resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum When {
    Day(Date),
    Month {
        year: i32,
        month: u8,
    },
    Year(i32),
    /// The decade starting in this year (1990 for التسعينيات).
    Decade(i32),
}

impl When {
    /// A month, if it exists.
    pub fn month(year: i32, month: u8) -> Option<When> {
        Date::new(year, month, 1).map(|_| When::Month { year, month })
    }

    pub fn year(year: i32) -> Option<When> {
        Date::new(year, 1, 1).map(|_| When::Year(year))
    }

    pub fn decade(first_year: i32) -> Option<When> {
        let aligned = first_year.rem_euclid(10) == 0;
        (aligned && Date::new(first_year, 1, 1).is_some()).then_some(When::Decade(first_year))
    }

    pub fn precision(self) -> Precision {
        match self {
            When::Day(_) => Precision::Day,
            When::Month { .. } => Precision::Month,
            When::Year(_) => Precision::Year,
            When::Decade(_) => Precision::Decade,
        }
    }

    pub fn year_of(self) -> i32 {
        match self {
            When::Day(d) => d.year(),
            When::Month { year, .. } | When::Year(year) | When::Decade(year) => year,
        }
    }

    /// The month, for day and month precision.
    pub fn month_of(self) -> Option<u8> {
        match self {
            When::Day(d) => Some(d.month()),
            When::Month { month, .. } => Some(month),
            _ => None,
        }
    }

    pub fn first_day(self) -> Date {
        let (year, month, day) = match self {
            When::Day(d) => return d,
            When::Month { year, month } => (year, month, 1),
            When::Year(year) | When::Decade(year) => (year, 1, 1),
        };
        Date::new(year, month, day).unwrap_or(Date {
            year: 1,
            month: 1,
            day: 1,
        })
    }

    pub fn last_day(self) -> Date {
        let (year, month) = match self {
            When::Day(d) => return d,
            When::Month { year, month } => (year, month),
            When::Year(year) => (year, 12),
            When::Decade(year) => (year.saturating_add(9).min(9999), 12),
        };
        Date::new(year, month, days_in_month(year, month)).unwrap_or(Date {
            year: 9999,
            month: 12,
            day: 31,
        })
    }

    /// True when the two periods share at least one day.
    pub fn overlaps(self, other: When) -> bool {
        self.first_day() <= other.last_day() && other.first_day() <= self.last_day()
    }

    /// The contract's date string: `2020-11-10`, `2020-11`, `2020`, `199X`.
    pub fn label(self) -> String {
        match self {
            When::Day(d) => d.to_string(),
            When::Month { year, month } => format!("{year:04}-{month:02}"),
            When::Year(year) => format!("{year:04}"),
            When::Decade(year) => format!("{:03}X", year / 10),
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the `--from`/`--to` forms).
    pub fn parse(s: &str) -> Option<When> {
        let mut parts = s.trim().split('-');
        let year = parse_fixed(parts.next()?, 4)?;
        let year = i32::try_from(year).ok()?;
        let Some(month) = parts.next() else {
            return When::year(year);
        };
        let month = u8::try_from(parse_fixed(month, 2)?).ok()?;
        let Some(day) = parts.next() else {
            return When::month(year, month);
        };
        let day = u8::try_from(parse_fixed(day, 2)?).ok()?;
        if parts.next().is_some() {
            return None;
        }
        Date::new(year, month, day).map(When::Day)
    }
}

fn parse_fixed(s: &str, width: usize) -> Option<u32> {
    if s.len() == width && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// Chronological by first day; a coarser period sorts before the finer ones that
/// start with it (2020 before 2020-01 before 2020-01-01).
impl Ord for When {
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then_with(|| self.precision().cmp(&other.precision()))
            .then_with(|| self.last_day().cmp(&other.last_day()))
    }
}

impl PartialOrd for When {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl Serialize for When {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn day_numbers_round_trip() {
        for days in [-700_000, -1, 0, 1, 18_576, 19_620, 2_000_000] {
            let date = Date::from_days(days).unwrap();
            assert_eq!(date.to_days(), days, "{date}");
        }
        assert_eq!(d(1970, 1, 1).to_days(), 0);
        assert_eq!(d(2020, 11, 10).add_days(-1), Some(d(2020, 11, 9)));
        assert_eq!(d(2020, 12, 31).add_days(1), Some(d(2021, 1, 1)));
        assert_eq!(d(2024, 2, 28).add_days(1), Some(d(2024, 2, 29)));
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
        assert!(Date::from_days(i64::MAX).is_none());
        assert!(Date::new(2020, 11, 10)
            .unwrap()
            .add_days(i64::MIN)
            .is_none());
    }

    #[test]
    fn labels_and_parsing() {
        assert_eq!(When::Decade(1990).label(), "199X");
        assert_eq!(
            When::Month {
                year: 2020,
                month: 9
            }
            .label(),
            "2020-09"
        );
        assert_eq!(When::parse("2020-11-10"), Some(When::Day(d(2020, 11, 10))));
        assert_eq!(When::parse("2020-11"), When::month(2020, 11));
        assert_eq!(When::parse("2020"), When::year(2020));
        for bad in [
            "20",
            "2020-1",
            "2020-11-31",
            "2020-11-10-1",
            "abcd",
            "",
            "2020-",
        ] {
            assert_eq!(When::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn order_puts_coarse_periods_first() {
        let mut v = [
            When::Day(d(2020, 1, 1)),
            When::Month {
                year: 2020,
                month: 1,
            },
            When::Year(2020),
        ];
        v.sort();
        assert_eq!(v[0], When::Year(2020));
        assert_eq!(v[2], When::Day(d(2020, 1, 1)));
        assert!(When::Decade(1990) < When::Year(1992));
        assert!(When::Year(2020).overlaps(When::Day(d(2020, 6, 1))));
        assert!(!When::Year(2020).overlaps(When::Year(2021)));
    }
}
