//! Consistency solving: the one publication date that best explains a news
//! text's relative dates together with the dates it writes in full.
//!
//! A text says more about its own date than any single line of it. «اليوم
//! الجمعة» says the day is a Friday; «أمس الخميس» that the day before was a
//! Thursday; «أول من أمس» for an event the text also dates «19 سبتمبر 2023»
//! that the day is 21 September. Each candidate day is scored against every
//! such clue; the best wins only when it contradicts none, rests on at least
//! one real agreement, and no other day scores as well. Otherwise there is no
//! date: a wrong publication date would move every relative date of the text.

use std::collections::BTreeSet;

use super::super::expression::{Kind, Toward};
use super::super::lexicon::{lookup, Unit, Word};
use super::super::period::When;
use super::super::reckon::weekday_from;
use super::super::resolve::{explicit_when, Found};
use crate::arabic::normalize_word;
use crate::metadata::Date;

/// How far after a date written in full the publication date is looked for:
/// news reports a month's events at most before it dates them again.
const WINDOW_DAYS: i64 = 31;
/// A publication date this close after a date the text writes in full is
/// "recent reporting", the usual shape of news.
const RECENT_DAYS: i64 = 6;
/// The most written dates candidates are drawn from (the latest ones): bounds
/// the work on a text that lists hundreds of dates.
const MAX_ANCHORS: usize = 64;

/// Weights of the clues: a weekday named with «اليوم» or «أمس» is a fact
/// about the day itself; a relative date landing on a written date is one
/// event named twice (a count of days more telling than a bare weekday).
const WEEKDAY_WEIGHT: i32 = 3;
const NAMED_TWICE_DAYS: i32 = 2;
const NAMED_TWICE_WEEKDAY: i32 = 1;
const RECENT_WEIGHT: i32 = 1;

/// What a text's relative dates say about its publication date.
#[derive(Debug, Clone, Default)]
pub(crate) struct Clues {
    /// «اليوم الجمعة», «أمس الخميس»: the day `offset` days from publication
    /// falls on `weekday` (1 = Monday).
    weekdays: Vec<(i64, u8)>,
    /// «أمس», «أول من أمس», «قبل ثلاثة أيام»: a day counted from publication.
    counted_days: Vec<i64>,
    /// «الثلاثاء», «الخميس الماضي»: a weekday taken from publication.
    bare_weekdays: Vec<(u8, Toward)>,
    /// The days the text writes in full («19 سبتمبر 2023»).
    written: BTreeSet<Date>,
    /// How many expressions count from the publication date at all.
    pub relative: usize,
}

/// A solved publication date and how many clues agree with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Solution {
    pub date: Date,
    pub weekdays: usize,
    pub named_twice: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Score {
    total: i32,
    weekdays: usize,
    named_twice: usize,
    contradictions: usize,
}

impl Clues {
    /// The clues of a document's date expressions (`text` is what their spans
    /// point into).
    pub fn of(text: &str, found: &[Found]) -> Clues {
        let mut clues = Clues::default();
        for f in found {
            if let Some(w) = explicit_when(f.expr.kind) {
                if let When::Day(d) = w {
                    clues.written.insert(d);
                }
                continue;
            }
            match f.expr.kind {
                Kind::DayOffset(days) => {
                    let days = i64::from(days);
                    clues.counted_days.push(days);
                    if let Some(weekday) = written_weekday(text.get(f.expr.span()).unwrap_or("")) {
                        clues.weekdays.push((days, weekday));
                    }
                }
                Kind::Offset {
                    amount,
                    unit: Unit::Day,
                } => clues.counted_days.push(i64::from(amount)),
                Kind::Weekday { day, toward } => clues.bare_weekdays.push((day, toward)),
                _ => {}
            }
            if counts_from_publication(f.expr.kind) {
                clues.relative += 1;
            }
        }
        clues
    }

    /// True when the text writes at least one day in full.
    pub fn has_written_days(&self) -> bool {
        !self.written.is_empty()
    }

    /// True when `date` breaks a clue: «اليوم الجمعة» on a Tuesday.
    pub fn contradicted_by(&self, date: Date) -> bool {
        self.score(date).contradictions > 0
    }

    /// The one day the clues pick, if the evidence is strong and unambiguous.
    pub fn solve(&self) -> Option<Solution> {
        let anchors = self.written.iter().rev().take(MAX_ANCHORS);
        let candidates: BTreeSet<Date> = anchors
            .flat_map(|&e| (0..=WINDOW_DAYS).filter_map(move |k| e.add_days(k)))
            .collect();
        let mut best: Option<(Date, Score)> = None;
        let mut tied = false;
        for d in candidates {
            let s = self.score(d);
            match best {
                Some((_, b)) if s.total < b.total => {}
                Some((_, b)) if s.total == b.total => tied = true,
                _ => {
                    best = Some((d, s));
                    tied = false;
                }
            }
        }
        let (date, s) = best?;
        let agreements = s.weekdays + s.named_twice;
        (!tied && s.contradictions == 0 && agreements > 0).then_some(Solution {
            date,
            weekdays: s.weekdays,
            named_twice: s.named_twice,
        })
    }

    fn score(&self, d: Date) -> Score {
        let mut s = Score::default();
        for &(offset, weekday) in &self.weekdays {
            match d.add_days(offset) {
                Some(day) if day.weekday() == weekday => {
                    s.total += WEEKDAY_WEIGHT;
                    s.weekdays += 1;
                }
                _ => {
                    s.total -= WEEKDAY_WEIGHT;
                    s.contradictions += 1;
                }
            }
        }
        for &offset in &self.counted_days {
            if d.add_days(offset)
                .is_some_and(|day| self.written.contains(&day))
            {
                s.total += NAMED_TWICE_DAYS;
                s.named_twice += 1;
            }
        }
        for &(weekday, toward) in &self.bare_weekdays {
            if weekday_from(d, weekday, toward).is_some_and(|day| self.written.contains(&day)) {
                s.total += NAMED_TWICE_WEEKDAY;
                s.named_twice += 1;
            }
        }
        let recent = self
            .written
            .range(d.add_days(-RECENT_DAYS).unwrap_or(Date::FIRST)..=d)
            .next()
            .is_some();
        if recent {
            s.total += RECENT_WEIGHT;
        }
        s
    }
}

/// True for an expression whose date is counted from the publication date.
pub(crate) fn counts_from_publication(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::DayOffset(_)
            | Kind::Offset { .. }
            | Kind::RelativeWeek(_)
            | Kind::Weekday { .. }
            | Kind::RelativeMonth(Some(_))
            | Kind::RelativeYear(Some(_))
    )
}

/// The weekday written inside a relative expression: الجمعة in «اليوم الجمعة».
fn written_weekday(expression: &str) -> Option<u8> {
    expression
        .split_whitespace()
        .skip(1)
        .find_map(|w| match lookup(&normalize_word(w)) {
            Some((Word::Weekday(d), _)) => Some(d),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clues(text: &str) -> Clues {
        Clues::of(text, &crate::timeline::resolve::tests::found_in(&[text]))
    }

    fn solved(text: &str) -> Option<String> {
        clues(text).solve().map(|s| s.date.to_string())
    }

    #[test]
    fn today_friday_and_the_tuesday_it_dates() {
        let text = "قال المتحدث اليوم الجمعة إن المحادثات مستمرة. وأعلنت الوزارة أمس \
                    الخميس أن القتال توقف بعد هجوم بدأ الثلاثاء 19 سبتمبر 2023.";
        assert_eq!(solved(text).as_deref(), Some("2023-09-22"));
    }

    #[test]
    fn the_day_before_yesterday_names_a_written_date() {
        let text = "بدأت العملية في 19 سبتمبر 2023. وقال الوزير إن العملية التي بدأت \
                    صباح أول من أمس انتهت.";
        assert_eq!(solved(text).as_deref(), Some("2023-09-21"));
        // With «أمس» too, either could be the written day: no date.
        let both = format!("{text} وأعلنت أرمينيا أمس عدد القتلى.");
        assert_eq!(solved(&both), None);
    }

    #[test]
    fn moved_by_whole_weeks_the_answer_moves_with_it() {
        for (written, expected) in [
            ("12 سبتمبر 2023", "2023-09-15"),
            ("26 سبتمبر 2023", "2023-09-29"),
            // 2017 has the calendar of 2023.
            ("19 سبتمبر 2017", "2017-09-22"),
        ] {
            let text = format!(
                "قال المتحدث اليوم الجمعة إن المحادثات مستمرة بعد هجوم بدأ الثلاثاء {written}."
            );
            assert_eq!(solved(&text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn one_weekday_and_one_written_date() {
        // 4 March 2019 was a Monday: the Sunday after it is 10 March.
        let text = "افتتح الوزير المعرض في 4 مارس 2019، ويختتم اليوم الأحد.";
        assert_eq!(solved(text).as_deref(), Some("2019-03-10"));
    }

    #[test]
    fn conflicting_clues_give_no_date() {
        let text = "قال المتحدث اليوم الجمعة إن الهدنة صامدة بعد اتفاق 19 سبتمبر 2023، \
                    وأضاف اليوم الأحد أن المحادثات مستمرة.";
        assert_eq!(solved(text), None);
    }

    #[test]
    fn weak_or_ambiguous_evidence_gives_no_date() {
        // A bare Tuesday that is 19 September fits every day of the week after.
        assert_eq!(
            solved("وقع الهجوم في 19 سبتمبر 2023. وقال الثلاثاء إنه انتهى."),
            None
        );
        // Relative words with no date written in full: nothing to count from.
        assert_eq!(solved("قال المتحدث اليوم الجمعة إن القتال توقف أمس."), None);
        // A written date alone says nothing about the day of writing.
        assert_eq!(solved("وقع الاتفاق في 10 نوفمبر 2020."), None);
    }

    const MONTHS: [&str; 12] = [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ];
    const WEEKDAYS: [&str; 7] = [
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد",
    ];

    fn written(d: Date) -> String {
        format!(
            "{} {} {}",
            d.day(),
            MONTHS[usize::from(d.month() - 1)],
            d.year()
        )
    }

    fn weekday(d: Date) -> &'static str {
        WEEKDAYS[usize::from(d.weekday() - 1)]
    }

    /// Over thirty years of days, an article published on D that names its
    /// weekday and dates an event of the week before: D every time, whatever
    /// the calendar; with a second, contradicting weekday: never a date.
    #[test]
    fn every_day_of_thirty_years() {
        let (mut right, mut none, mut wrong, mut conflicting_dated) = (0, 0, 0, 0);
        let first = Date::new(1995, 1, 1).unwrap();
        for n in 0..(30 * 365 / 5) {
            let d = first.add_days(n * 5).unwrap();
            let back = n % 7;
            let event = d.add_days(-back).unwrap();
            let text = format!(
                "قال المتحدث اليوم {} إن المحادثات مستمرة، بعد الاتفاق الموقع في {}.",
                weekday(d),
                written(event)
            );
            match solved(&text) {
                Some(s) if s == d.to_string() => right += 1,
                Some(_) => wrong += 1,
                None => none += 1,
            }
            let other = d.add_days(3).unwrap();
            let conflicting = format!("{text} وأضاف أمس {} أن الهدنة صامدة.", weekday(other));
            if solved(&conflicting).is_some() {
                conflicting_dated += 1;
            }
        }
        assert_eq!((wrong, none, conflicting_dated), (0, 0, 0), "{right} right");
    }

    #[test]
    fn a_contradicted_date_is_recognized() {
        let c = clues("قال المتحدث اليوم الجمعة إن القتال توقف.");
        assert!(c.contradicted_by(Date::new(2023, 9, 19).unwrap()));
        assert!(!c.contradicted_by(Date::new(2023, 9, 22).unwrap()));
        assert_eq!(c.relative, 1);
    }
}
