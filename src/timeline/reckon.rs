//! The calendar arithmetic of resolution: which year a year-less month or
//! day falls in, and which occurrence of a weekday a text means.

use super::expression::Toward;
use super::lexicon::Anchor;
use super::period::When;
use crate::metadata::Date;

/// «الخميس 12 ديسمبر» without a year: of the inferred year and the years
/// beside it, the one where that day is that weekday, the inferred one first.
pub(super) fn year_with_weekday(inferred: i32, month: u8, day: u8, weekday: u8) -> i32 {
    [inferred, inferred + 1, inferred - 1]
        .into_iter()
        .find(|&y| Date::new(y, month, day).is_some_and(|d| d.weekday() == weekday))
        .unwrap_or(inferred)
}

/// The `day` of the week (1 = Monday) the way `toward` says from `p`.
pub(super) fn weekday_from(p: Date, day: u8, toward: Toward) -> Option<Date> {
    let ahead = (i64::from(day) - i64::from(p.weekday())).rem_euclid(7);
    let back = (7 - ahead) % 7;
    // The same weekday as publication is today for Latest and Coming, a week
    // away for Previous and Next.
    match toward {
        Toward::Latest => p.add_days(-back),
        Toward::Previous => p.add_days(if back == 0 { -7 } else { -back }),
        Toward::Coming => p.add_days(ahead),
        Toward::Next => p.add_days(if ahead == 0 { 7 } else { ahead }),
    }
}

/// The year of `month` named with الجاري / الماضي / المقبل in text published on `p`.
pub(super) fn anchored_year(p: Date, month: u8, anchor: Anchor) -> i32 {
    match anchor {
        Anchor::Current => p.year(),
        Anchor::Past if month < p.month() => p.year(),
        Anchor::Past => p.year() - 1,
        Anchor::Next if month > p.month() => p.year(),
        Anchor::Next => p.year() + 1,
    }
}

pub(super) fn latest_not_after(year: i32, current_month: u8, month: u8) -> i32 {
    if month <= current_month {
        year
    } else {
        year - 1
    }
}

/// The year that puts `day month` nearest the anchor date: «7 يناير» after
/// January 2021 is in 2021, «26 نوفمبر» recalled after 11 December 2020 in 2020,
/// «1 فبراير» after 15 December 2020 in 2021.
pub(super) fn nearest_year(anchor: When, month: u8, day: Option<u8>) -> i32 {
    let year = anchor.year_of();
    let candidate = |y: i32| match day {
        Some(d) => Date::new(y, month, d).map(When::Day),
        None => When::month(y, month),
    };
    [year, year - 1, year + 1]
        .into_iter()
        .filter_map(|y| candidate(y).map(|w| (distance_days(w, anchor), y)))
        .min_by_key(|&(distance, y)| (distance, y != year))
        .map_or(year, |(_, y)| y)
}

/// Days between two periods; 0 when they overlap.
fn distance_days(a: When, b: When) -> i64 {
    if a.overlaps(b) {
        0
    } else if a.last_day() < b.first_day() {
        b.first_day().to_days() - a.last_day().to_days()
    } else {
        a.first_day().to_days() - b.last_day().to_days()
    }
}
