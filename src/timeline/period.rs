//! The periods a resolved date expression names (day, month, year, decade),
//! their order and their text form. Days are [`Date`]s; the calendar arithmetic
//! is theirs.

use std::cmp::Ordering;
use std::fmt;

use serde::{Serialize, Serializer};

use crate::metadata::{fixed_width_number, Date};

/// How finely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Century,
    Decade,
    Year,
    Month,
    Week,
    Day,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Century => "century",
            Precision::Decade => "decade",
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Week => "week",
            Precision::Day => "day",
        }
    }
}

/// The period a date expression names once resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum When {
    Day(Date),
    /// The ISO week (Monday to Sunday) starting on this Monday.
    Week(Date),
    Month {
        year: i32,
        month: u8,
    },
    Year(i32),
    /// The decade starting in this year (1990 for التسعينيات).
    Decade(i32),
    /// The hundred years starting in this year (1900 for القرن العشرين: the
    /// years 19XX, as readers count it, rather than 1901–2000).
    Century(i32),
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

    /// The ISO week holding `day`.
    pub fn week_of(day: Date) -> Option<When> {
        day.add_days(1 - i64::from(day.weekday())).map(When::Week)
    }

    pub fn century(first_year: i32) -> Option<When> {
        let aligned = first_year.rem_euclid(100) == 0;
        (aligned && Date::new(first_year.max(1), 1, 1).is_some())
            .then_some(When::Century(first_year))
    }

    pub fn precision(self) -> Precision {
        match self {
            When::Century(_) => Precision::Century,
            When::Week(_) => Precision::Week,
            When::Day(_) => Precision::Day,
            When::Month { .. } => Precision::Month,
            When::Year(_) => Precision::Year,
            When::Decade(_) => Precision::Decade,
        }
    }

    pub fn year_of(self) -> i32 {
        match self {
            When::Day(d) | When::Week(d) => d.year(),
            When::Month { year, .. }
            | When::Year(year)
            | When::Decade(year)
            | When::Century(year) => year,
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
            When::Day(d) | When::Week(d) => return d,
            When::Month { year, month } => (year, month, 1),
            When::Year(year) | When::Decade(year) | When::Century(year) => (year.max(1), 1, 1),
        };
        Date::new(year, month, day).unwrap_or(Date::FIRST)
    }

    pub fn last_day(self) -> Date {
        let (year, month) = match self {
            When::Day(d) => return d,
            When::Week(monday) => return monday.add_days(6).unwrap_or(Date::LAST),
            When::Month { year, month } => (year, month),
            When::Year(year) => (year, 12),
            When::Decade(year) => (year.saturating_add(9).min(9999), 12),
            When::Century(year) => (year.saturating_add(99).min(9999), 12),
        };
        Date::last_of_month(year, month).unwrap_or(Date::LAST)
    }

    /// True when the two periods share at least one day.
    pub fn overlaps(self, other: When) -> bool {
        self.first_day() <= other.last_day() && other.first_day() <= self.last_day()
    }

    /// The contract's date string: `2020-11-10`, `2020-11`, `2020`, `199X`.
    pub fn label(self) -> String {
        match self {
            When::Day(d) => d.to_string(),
            When::Week(monday) => iso_week_label(monday),
            When::Month { year, month } => format!("{year:04}-{month:02}"),
            When::Year(year) => format!("{year:04}"),
            When::Decade(year) => format!("{:03}X", year / 10),
            When::Century(year) => format!("{:02}XX", year / 100),
        }
    }

    /// The period as two numbers, the way the index stores it: a tag and a
    /// day count (since 1970) or a year.
    pub fn code(self) -> (u8, i64) {
        match self {
            When::Day(d) => (0, d.to_days()),
            When::Week(d) => (1, d.to_days()),
            When::Month { year, month } => (2, i64::from(year) * 12 + i64::from(month) - 1),
            When::Year(y) => (3, i64::from(y)),
            When::Decade(y) => (4, i64::from(y)),
            When::Century(y) => (5, i64::from(y)),
        }
    }

    /// The period [`When::code`] gave, if it is one.
    pub fn from_code((tag, n): (u8, i64)) -> Option<When> {
        let year = || i32::try_from(n).ok();
        match tag {
            0 => Date::from_days(n).map(When::Day),
            1 => Date::from_days(n).and_then(When::week_of),
            2 => When::month(
                i32::try_from(n.div_euclid(12)).ok()?,
                u8::try_from(n.rem_euclid(12) + 1).ok()?,
            ),
            3 => When::year(year()?),
            4 => When::decade(year()?),
            5 => When::century(year()?),
            _ => None,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the `--from`/`--to` forms).
    pub fn parse(s: &str) -> Option<When> {
        let mut parts = s.trim().split('-');
        let year = i32::try_from(fixed_width_number(parts.next()?, 4)?).ok()?;
        let Some(month) = parts.next() else {
            return When::year(year);
        };
        let month = u8::try_from(fixed_width_number(month, 2)?).ok()?;
        if parts.next().is_none() {
            return When::month(year, month);
        }
        Date::parse_iso(s).map(When::Day)
    }
}

/// `2019-W24`: the ISO week-numbering year is that of the week's Thursday.
fn iso_week_label(monday: Date) -> String {
    let thursday = monday.add_days(3).unwrap_or(monday);
    let year = thursday.year();
    let jan1 = Date::new(year, 1, 1).unwrap_or(thursday);
    let week = (thursday.to_days() - jan1.to_days()) / 7 + 1;
    format!("{year:04}-W{week:02}")
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

    #[test]
    fn every_kind_of_period_survives_its_code() {
        let day = Date::new(2020, 11, 10).unwrap();
        for w in [
            When::Day(day),
            When::week_of(day).unwrap(),
            When::Month {
                year: 2020,
                month: 12,
            },
            When::Month { year: 1, month: 1 },
            When::Year(1994),
            When::Decade(1990),
            When::Century(1900),
        ] {
            assert_eq!(When::from_code(w.code()), Some(w), "{w:?}");
        }
        assert_eq!(When::from_code((9, 0)), None);
        assert_eq!(When::from_code((2, i64::MAX)), None);
        assert_eq!(When::from_code((0, i64::MIN)), None);
    }

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
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
        assert!(When::Century(1900) < When::Decade(1990));
        let week = When::week_of(d(2019, 6, 15)).unwrap();
        assert_eq!(
            (week.label(), week.first_day()),
            ("2019-W24".into(), d(2019, 6, 10))
        );
        assert_eq!(week.last_day(), d(2019, 6, 16));
        assert_eq!(When::week_of(d(2021, 1, 2)).unwrap().label(), "2020-W53");
        assert_eq!(When::week_of(d(2018, 12, 31)).unwrap().label(), "2019-W01");
        assert_eq!(When::century(700).map(When::label).as_deref(), Some("07XX"));
        assert_eq!(When::century(1950), None);
        assert_eq!(When::Century(1800).last_day().to_string(), "1899-12-31");
        assert!(When::Year(2020).overlaps(When::Day(d(2020, 6, 1))));
        assert!(!When::Year(2020).overlaps(When::Year(2021)));
    }
}
