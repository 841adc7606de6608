//! The second pass, as HeidelTime does it: giving each expression found by
//! [`super::dates`] a date, in document order.
//!
//! News resolves missing years and relative words against its publication date.
//! Encyclopedic text has no such date: a year-less «11 ديسمبر» takes its year from
//! the explicit dates around it in the same paragraph, then from the document's
//! main span. The main span matters because articles flash forward: 000 mentions
//! April 2024 once among events of 2020–2021, and carrying 2024 on to the next
//! «11 نوفمبر» would be wrong.

use std::collections::BTreeMap;

use super::expression::{Calendar, CenturyRef, Expression, Hijri, Kind, MonthRef, YearRef};
use super::hijri;
use super::lexicon::{Anchor, Unit};
use super::mention::Certainty;
use super::period::When;
use super::reckon::{
    anchored_year, latest_not_after, nearest_year, weekday_from, year_with_weekday,
};
use crate::metadata::Date;

/// How year-less dates are resolved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Resolver {
    /// Publication date for news; paragraph anchors, then the main span, for
    /// other text. The product uses this.
    #[default]
    Contextual,
    /// The naive baseline: a year-less date takes the last year written before
    /// it in the document. Only for measuring what the contextual rules gain.
    CarryLastYear,
}

/// What a document offers for resolution.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// Set for news: the day the text was published.
    pub publication: Option<Date>,
    pub resolver: Resolver,
}

/// An expression placed in its document.
#[derive(Debug, Clone)]
pub struct Found {
    /// Index of the paragraph in `Document::paragraphs`.
    pub paragraph: usize,
    /// Index of the sentence in the document, counting from 0.
    pub sentence: usize,
    pub expr: Expression,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    /// The date, or an interval's first end.
    pub when: When,
    /// An interval's last end.
    pub end: Option<When>,
    pub certainty: Certainty,
}

/// Resolves every expression of one document; `None` where the text gives no
/// way to a date (a bare weekday in an encyclopedia, a date that does not exist).
pub fn resolve_all(found: &[Found], ctx: &Context) -> Vec<Option<Resolved>> {
    let explicit: Vec<Option<When>> = found.iter().map(|f| explicit_when(f.expr.kind)).collect();
    let span = MainSpan::of(explicit.iter().flatten().copied());
    let anchors = Anchors::of(found, &explicit, span.as_ref());
    let first_written_year = explicit.iter().flatten().next().map(|w| w.year_of());
    let mut walk = Walk {
        ctx,
        span,
        anchors,
        state: State::default(),
        explicit: &explicit,
        first_written_year,
    };
    found
        .iter()
        .enumerate()
        .map(|(i, f)| walk.step(i, f))
        .collect()
}

/// The date of an expression that needs no context: a written year.
pub(crate) fn explicit_when(kind: Kind) -> Option<When> {
    let c = match kind {
        Kind::Calendar(c) | Kind::Corroborated { gregorian: c, .. } => c,
        _ => return None,
    };
    let YearRef::Explicit(year) = c.year else {
        return None;
    };
    match (c.month, c.day) {
        (MonthRef::None, _) => When::year(year),
        (MonthRef::Named(m), None) => When::month(year, m),
        (MonthRef::Named(m), Some(d)) => Date::new(year, m, d).map(When::Day),
        _ => None,
    }
}

/// The years a document is mainly about: the run of consecutive years around
/// the most mentioned one, and the first and last day its explicit dates cover.
#[derive(Debug, Clone, Copy)]
struct MainSpan {
    first: Date,
    last: Date,
    mode: i32,
}

impl MainSpan {
    fn of(explicit: impl Iterator<Item = When> + Clone) -> Option<MainSpan> {
        let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
        for w in explicit.clone() {
            *counts.entry(w.year_of()).or_default() += 1;
        }
        // Most mentions wins; on a tie the earlier year, where a narrative starts.
        let (&mode, _) = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
        let mut lo = mode;
        while counts.contains_key(&(lo - 1)) {
            lo -= 1;
        }
        let mut hi = mode;
        while counts.contains_key(&(hi + 1)) {
            hi += 1;
        }
        let inside = |w: &When| (lo..=hi).contains(&w.year_of());
        let fine: Vec<When> = explicit
            .filter(inside)
            .filter(|w| !matches!(w, When::Year(_)))
            .collect();
        let (first, last) = match (fine.iter().min(), fine.iter().map(|w| w.last_day()).max()) {
            (Some(f), Some(l)) => (f.first_day(), l),
            _ => (When::Year(lo).first_day(), When::Year(hi).last_day()),
        };
        Some(MainSpan { first, last, mode })
    }

    fn contains(&self, w: When) -> bool {
        self.first <= w.last_day() && w.first_day() <= self.last
    }

    /// The year for `month` that falls inside the span, nearest the mode.
    fn year_for(&self, month: u8) -> i32 {
        (self.first.year()..=self.last.year())
            .filter(|&y| When::month(y, month).is_some_and(|w| self.contains(w)))
            .min_by_key(|&y| ((y - self.mode).abs(), y))
            .unwrap_or(self.mode)
    }
}

/// For each expression, the explicit dates of its paragraph just before it and
/// just after it (the latter only inside the main span, so a flash-forward at
/// the end of a paragraph does not pull the dates before it forward).
struct Anchors {
    before: Vec<Option<When>>,
    after: Vec<Option<When>>,
}

impl Anchors {
    fn of(found: &[Found], explicit: &[Option<When>], span: Option<&MainSpan>) -> Anchors {
        let n = found.len();
        let mut before = vec![None; n];
        let mut after = vec![None; n];
        let mut last: Option<(usize, When)> = None;
        for i in 0..n {
            before[i] = last
                .filter(|(p, _)| *p == found[i].paragraph)
                .map(|(_, w)| w);
            if let Some(w) = explicit[i] {
                last = Some((found[i].paragraph, w));
            }
        }
        let mut next: Option<(usize, When)> = None;
        for i in (0..n).rev() {
            after[i] = next
                .filter(|(p, _)| *p == found[i].paragraph)
                .map(|(_, w)| w);
            if let Some(w) = explicit[i].filter(|w| span.is_some_and(|s| s.contains(*w))) {
                next = Some((found[i].paragraph, w));
            }
        }
        Anchors { before, after }
    }
}

#[derive(Debug, Default)]
struct State {
    paragraph: Option<usize>,
    sentence: Option<usize>,
    /// The last day-level date, anywhere before.
    previous_day: Option<Date>,
    /// The latest day-level date of the current paragraph: where its narrative
    /// stands, even after a flashback inside reported speech.
    paragraph_latest_day: Option<Date>,
    sentence_has_day: bool,
    /// The last resolved date with a year, for «العام نفسه», «الشهر نفسه».
    previous: Option<When>,
    last_written_year: Option<i32>,
}

struct Walk<'a> {
    ctx: &'a Context,
    span: Option<MainSpan>,
    anchors: Anchors,
    state: State,
    explicit: &'a [Option<When>],
    first_written_year: Option<i32>,
}

impl Walk<'_> {
    fn step(&mut self, i: usize, f: &Found) -> Option<Resolved> {
        if self.state.paragraph != Some(f.paragraph) {
            self.state.paragraph = Some(f.paragraph);
            self.state.paragraph_latest_day = None;
        }
        if self.state.sentence != Some(f.sentence) {
            self.state.sentence = Some(f.sentence);
            self.state.sentence_has_day = false;
        }
        let resolved = self.resolve(i, f.expr.kind);
        if let Some(r) = resolved {
            let hijri = matches!(f.expr.kind, Kind::Hijri(_));
            self.record(r, self.explicit[i].is_some(), hijri);
        }
        resolved
    }

    /// Remembers `r` for the dates counted from it. A converted Hijri date
    /// is no month or year for «الشهر نفسه», «العام نفسه»: those name its Hijri
    /// month or year, which the Gregorian one does not give.
    fn record(&mut self, r: Resolved, written: bool, hijri: bool) {
        let s = &mut self.state;
        if let When::Day(d) = r.when {
            s.previous_day = Some(d);
            s.paragraph_latest_day = Some(s.paragraph_latest_day.map_or(d, |l| l.max(d)));
            s.sentence_has_day = true;
        }
        if !hijri && !matches!(r.when, When::Decade(_) | When::Century(_)) {
            s.previous = Some(r.when);
        }
        if written {
            s.last_written_year = Some(r.when.year_of());
        }
    }

    fn publication(&self) -> Option<Date> {
        self.ctx.publication
    }

    fn resolve(&self, i: usize, kind: Kind) -> Option<Resolved> {
        let relative = |when| {
            Some(Resolved {
                when,
                end: None,
                certainty: Certainty::Relative,
            })
        };
        match kind {
            Kind::Calendar(c) => self.calendar(i, c),
            Kind::Interval { from, to } => self.interval(i, from, to),
            Kind::Hijri(h) => converted(h),
            Kind::Corroborated { gregorian, hijri } => self.corroborated(i, gregorian, hijri),
            Kind::Decade { tens, century, .. } => self.decade(tens, century),
            Kind::Century { number, .. } => self.century(number),
            Kind::Offset { amount, unit } => relative(self.offset(amount, unit)?),
            Kind::RelativeWeek(a) => {
                let day = self.publication()?.add_days(7 * i64::from(a.offset()))?;
                relative(When::week_of(day)?)
            }
            Kind::DayOffset(days) => {
                relative(When::Day(self.publication()?.add_days(days.into())?))
            }
            Kind::Weekday { day, toward } => {
                relative(When::Day(weekday_from(self.publication()?, day, toward)?))
            }
            Kind::NextDay { ghadat } => {
                // «غداة إعلانه» after a day in the same sentence dates that
                // sentence's event relative to another one: not a new date.
                if ghadat && self.state.sentence_has_day {
                    return None;
                }
                relative(When::Day(self.narrative_day()?.add_days(1)?))
            }
            Kind::PreviousDay => relative(When::Day(self.narrative_day()?.add_days(-1)?)),
            Kind::SameDay => relative(When::Day(self.state.previous_day?)),
            Kind::RelativeMonth(anchor) => {
                let (year, month) = match anchor {
                    Some(a) => self.shifted_month(a.offset())?,
                    None => (
                        self.state.previous?.year_of(),
                        self.state.previous?.month_of()?,
                    ),
                };
                relative(When::month(year, month)?)
            }
            Kind::RelativeDecade(a) => {
                let year = self.publication()?.year();
                let (from, to) = match a {
                    Anchor::Next => (year, year + 10),
                    _ => (year - 10, year),
                };
                Some(Resolved {
                    when: When::year(from)?,
                    end: Some(When::year(to)?),
                    certainty: Certainty::Relative,
                })
            }
            Kind::RelativeYear(anchor) => {
                let year = match anchor {
                    Some(a) => self.publication()?.year() + a.offset(),
                    None => self.state.previous?.year_of(),
                };
                relative(When::year(year)?)
            }
        }
    }

    /// The period `amount` units from the publication date.
    fn offset(&self, amount: i32, unit: Unit) -> Option<When> {
        let p = self.publication()?;
        match unit {
            Unit::Day => p.add_days(amount.into()).map(When::Day),
            Unit::Week => When::week_of(p.add_days(7 * i64::from(amount))?),
            Unit::Month => {
                let (year, month) = self.shifted_month(amount)?;
                When::month(year, month)
            }
            Unit::Year => When::year(p.year() + amount),
        }
    }

    /// The day «في اليوم التالي» counts from.
    fn narrative_day(&self) -> Option<Date> {
        self.state.paragraph_latest_day.or(self.state.previous_day)
    }

    /// The publication month moved by `offset` months.
    fn shifted_month(&self, offset: i32) -> Option<(i32, u8)> {
        let p = self.publication()?;
        let index = p.year() * 12 + i32::from(p.month()) - 1 + offset;
        Some((
            index.div_euclid(12),
            u8::try_from(index.rem_euclid(12) + 1).ok()?,
        ))
    }

    fn calendar(&self, i: usize, c: Calendar) -> Option<Resolved> {
        let mut certainty = Certainty::Inferred;
        let (month, mut year) = match c.month {
            MonthRef::None => (None, None),
            MonthRef::Named(m) => (Some(m), None),
            MonthRef::Same => {
                let prev = self.state.previous?;
                (Some(prev.month_of()?), Some(prev.year_of()))
            }
            MonthRef::Relative(a) => {
                let (y, m) = self.shifted_month(a.offset())?;
                (Some(m), Some(y))
            }
        };
        match c.year {
            YearRef::Explicit(y) => {
                year = Some(y);
                if matches!(c.month, MonthRef::None | MonthRef::Named(_)) {
                    certainty = Certainty::Explicit;
                }
            }
            YearRef::Same => year = Some(self.state.previous?.year_of()),
            YearRef::Relative(a) => {
                year = Some(self.publication()?.year() + a.offset());
                certainty = Certainty::Relative;
            }
            YearRef::MonthAnchor(a) => {
                if let (Some(p), Some(m)) = (self.publication(), month) {
                    year = Some(anchored_year(p, m, a));
                }
            }
            YearRef::Missing => {}
        }
        let year = match (year, month) {
            (Some(y), _) => y,
            (None, Some(m)) => {
                let inferred = self.missing_year(i, m, c.day)?;
                match (c.day, c.weekday) {
                    (Some(d), Some(w)) => year_with_weekday(inferred, m, d, w),
                    _ => inferred,
                }
            }
            (None, None) => return None,
        };
        let when = match (month, c.day) {
            (None, _) => When::year(year)?,
            (Some(m), None) => When::month(year, m)?,
            (Some(m), Some(d)) => When::Day(Date::new(year, m, d)?),
        };
        Some(Resolved {
            when,
            end: None,
            certainty,
        })
    }

    /// «من 3 إلى 7 حزيران»: the last end resolved first, the first end taking
    /// the month and year it leaves out from it.
    fn interval(&self, i: usize, from: Calendar, to: Calendar) -> Option<Resolved> {
        let last = self.calendar(i, to)?;
        let (last_year, last_month) = (last.when.year_of(), last.when.month_of());
        let mut from = from;
        if from.day.is_some() && from.month == MonthRef::None {
            // «من 28 إلى 3 مايو» starts in April.
            let back = i32::from(from.day > to.day);
            let index = last_year * 12 + i32::from(last_month?) - 1 - back;
            from.month = MonthRef::Named(u8::try_from(index.rem_euclid(12) + 1).ok()?);
            from.year = YearRef::Explicit(index.div_euclid(12));
        }
        if from.year == YearRef::Missing {
            // «من نوفمبر إلى فبراير 2017» starts in 2016.
            let later = match (from.month, last_month) {
                (MonthRef::Named(a), Some(b)) => a > b || (a == b && from.day > to.day),
                _ => false,
            };
            from.year = YearRef::Explicit(last_year - i32::from(later));
        }
        let first = self.calendar(i, from)?;
        if first.when.first_day() > last.when.first_day() {
            return None;
        }
        Some(Resolved {
            when: first.when,
            end: Some(last.when),
            certainty: first.certainty.min(last.certainty),
        })
    }

    /// «سنة 1390 هـ الموافق 1970 م»: the Gregorian date, when the Hijri one
    /// falls in it (give or take the days a sighting moves a month's start);
    /// no date when they disagree, since which of the two is mistyped is not
    /// known.
    fn corroborated(&self, i: usize, gregorian: Calendar, h: Hijri) -> Option<Resolved> {
        let resolved = self.calendar(i, gregorian)?;
        let span = hijri::span_of(h)?;
        let (first, last) = span.coarse();
        let slack = |d: Date, days: i64| d.add_days(days).unwrap_or(d);
        let last_day = resolved.end.unwrap_or(resolved.when).last_day();
        let agree = slack(first, -SIGHTING_DAYS) <= last_day
            && resolved.when.first_day() <= slack(last, SIGHTING_DAYS);
        agree.then_some(resolved)
    }

    /// The year of a written month whose year is not written.
    fn missing_year(&self, i: usize, month: u8, day: Option<u8>) -> Option<i32> {
        if self.ctx.resolver == Resolver::CarryLastYear {
            let s = &self.state;
            let publication = self.publication().map(Date::year);
            return s
                .last_written_year
                .or(publication)
                .or(self.first_written_year);
        }
        let before = self.anchors.before[i];
        if let Some(p) = self.publication() {
            // News: a month-level date just before in the paragraph tells the
            // story's year; otherwise the latest such month not after publication.
            return Some(match before.filter(|w| w.month_of().is_some()) {
                Some(anchor) => nearest_year(anchor, month, day),
                None => latest_not_after(p.year(), p.month(), month),
            });
        }
        if let Some(anchor) = before.or(self.anchors.after[i]) {
            return Some(nearest_year(anchor, month, day));
        }
        self.span.map(|s| s.year_for(month))
    }

    /// The nineteenth century is 18XX; «القرن الماضي» the one before publication's.
    fn century(&self, number: CenturyRef) -> Option<Resolved> {
        let (first, certainty) = match number {
            CenturyRef::Ordinal(n) => ((i32::from(n) - 1) * 100, Certainty::Explicit),
            CenturyRef::Relative(a) => {
                let year = self.publication()?.year();
                (
                    year - year.rem_euclid(100) + 100 * a.offset(),
                    Certainty::Relative,
                )
            }
        };
        Some(Resolved {
            when: When::century(first)?,
            end: None,
            certainty,
        })
    }

    fn decade(&self, tens: u8, century: Option<i32>) -> Option<Resolved> {
        let offset = i32::from(tens) * 10;
        let first = match century {
            Some(c) => c + offset,
            None => {
                let reference = self
                    .publication()
                    .map(Date::year)
                    .or(self.span.map(|s| s.last.year()))
                    .unwrap_or(1999);
                let candidate = reference - reference.rem_euclid(100) + offset;
                if candidate > reference {
                    candidate - 100
                } else {
                    candidate
                }
            }
        };
        Some(Resolved {
            when: When::decade(first)?,
            end: None,
            certainty: Certainty::Explicit,
        })
    }
}

/// Days a month's start on a local sighting can differ from Umm al-Qura.
const SIGHTING_DAYS: i64 = 2;

/// A Hijri date, converted: its Gregorian day, or the months (years, outside
/// the Umm al-Qura table) it spans.
fn converted(h: Hijri) -> Option<Resolved> {
    let span = hijri::span_of(h)?;
    let (when, end) = hijri::periods(span, h.day.is_some())?;
    Some(Resolved {
        when,
        end,
        certainty: Certainty::Converted,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::timeline::dates;

    /// Finds and resolves the dates of `paragraphs` (one sentence each).
    fn run(paragraphs: &[&str], ctx: Context) -> Vec<(String, Option<String>)> {
        let mut found = Vec::new();
        for (p, text) in paragraphs.iter().enumerate() {
            for expr in dates::find(text, 0..text.len()) {
                found.push((
                    text,
                    Found {
                        paragraph: p,
                        sentence: p,
                        expr,
                    },
                ));
            }
        }
        let list: Vec<Found> = found.iter().map(|(_, f)| f.clone()).collect();
        let resolved = resolve_all(&list, &ctx);
        found
            .iter()
            .zip(resolved)
            .map(|((t, f), r)| (t[f.expr.span()].to_string(), r.map(|r| r.when.label())))
            .collect()
    }

    fn news(y: i32, m: u8, d: u8) -> Context {
        Context {
            publication: Date::new(y, m, d),
            resolver: Resolver::Contextual,
        }
    }

    fn labels(got: &[(String, Option<String>)]) -> Vec<&str> {
        got.iter()
            .map(|(_, l)| l.as_deref().unwrap_or("-"))
            .collect()
    }

    #[test]
    fn news_relative_days_and_weekdays() {
        let got = run(
            &[
                "وأعلنت أرمينيا أمس أن العملية بدأت صباح أول من أمس",
                "اليوم الجمعة وأمس الخميس والثلاثاء",
            ],
            news(2023, 9, 22),
        );
        assert_eq!(
            labels(&got),
            [
                "2023-09-21",
                "2023-09-20",
                "2023-09-22",
                "2023-09-21",
                "2023-09-19"
            ]
        );
    }

    #[test]
    fn news_months_with_anchor_words_and_without_year() {
        let got = run(
            &["حتى 15 نوفمبر الجاري و20 من الشهر نفسه و1 ديسمبر المقبل منذ 27 سبتمبر الماضي"],
            news(2020, 11, 10),
        );
        assert_eq!(
            labels(&got),
            ["2020-11-15", "2020-11-20", "2020-12-01", "2020-09-27"]
        );
        let got = run(
            &["الاتفاق الذي وقع في نوفمبر والعام الماضي"],
            news(2021, 1, 11),
        );
        assert_eq!(labels(&got), ["2020-11", "2020"]);
    }

    #[test]
    fn year_less_date_after_a_flash_forward_uses_the_main_span() {
        let text = [
            "في 27 سبتمبر 2020 اندلعت الاشتباكات",
            "وفي 22 نوفمبر عاد النازحون. وفي أبريل 2024 أكد الكرملين الانسحاب",
            "في 11 نوفمبر وقع الوزيران مذكرة تفاهم",
            "وصل الضباط في 30 يناير 2021",
        ];
        let got = run(&text, Context::default());
        assert_eq!(
            labels(&got),
            [
                "2020-09-27",
                "2020-11-22",
                "2024-04",
                "2020-11-11",
                "2021-01-30"
            ]
        );
        let naive = run(
            &text,
            Context {
                resolver: Resolver::CarryLastYear,
                ..Context::default()
            },
        );
        assert_eq!(
            naive[3].1.as_deref(),
            Some("2024-11-11"),
            "the baseline carries 2024"
        );
    }

    #[test]
    fn paragraph_anchors_before_and_after() {
        let got = run(
            &["في 11 نوفمبر وقع وفي ديسمبر أرسلت وافتتح في 30 يناير 2021"],
            Context::default(),
        );
        assert_eq!(labels(&got), ["2020-11-11", "2020-12", "2021-01-30"]);
        let got = run(
            &["وفي أوائل يناير 2021 اتهمت. وفي 7 يناير ندد"],
            Context::default(),
        );
        assert_eq!(labels(&got), ["2021-01", "2021-01-07"]);
    }

    #[test]
    fn next_day_counts_from_where_the_paragraph_narrative_stands() {
        let got = run(
            &[
                "في 13 ديسمبر 2020 سيطرت. في اليوم التالي أصدرت",
                "في 11 ديسمبر 2020 أصيب. قتلوا في 26 نوفمبر. وفي اليوم التالي كرر",
            ],
            Context::default(),
        );
        assert_eq!(
            labels(&got),
            [
                "2020-12-13",
                "2020-12-14",
                "2020-12-11",
                "2020-11-26",
                "2020-12-12"
            ]
        );
    }

    #[test]
    fn ghadat_after_a_day_in_the_same_sentence_is_not_a_new_date() {
        let got = run(
            &["أعلنت روسيا أمس الخميس أنها رصدت انتهاكات غداة إعلانه"],
            news(2023, 9, 22),
        );
        assert_eq!(labels(&got), ["2023-09-21", "-"]);
        let got = run(
            &["وصل الوفد في 3 مارس 2021", "وغداة وصوله عقد اجتماع"],
            Context::default(),
        );
        assert_eq!(labels(&got), ["2021-03-03", "2021-03-04"]);
    }

    #[test]
    fn encyclopedic_text_has_no_today() {
        let got = run(&["وقع الهجوم أمس الخميس"], Context::default());
        assert_eq!(labels(&got), ["-"]);
    }

    #[test]
    fn decades_take_the_century_before_the_reference_year() {
        assert_eq!(
            labels(&run(&["في التسعينيات"], news(2021, 1, 11))),
            ["199X"]
        );
        assert_eq!(labels(&run(&["في العشرينيات"], news(2023, 1, 1))), ["202X"]);
        assert_eq!(
            labels(&run(&["تسعينيات القرن الماضي"], news(2023, 1, 1))),
            ["199X"]
        );
    }

    #[test]
    fn weekdays_with_direction_and_year() {
        let got = run(
            &[
                "التقى نظيره الثلاثاء الماضي",
                "سيزور باريس الخميس المقبل",
                "سيزور الوفد القاهرة يوم الأحد",
                "زار الوفد القاهرة يوم السبت",
                "تنطلق الحملة السبت المقبل",
                "أعلن في بيان الخميس 12 ديسمبر",
            ],
            news(2019, 6, 15),
        );
        assert_eq!(
            labels(&got),
            [
                "2019-06-11",
                "2019-06-20",
                "2019-06-16",
                "2019-06-15",
                "2019-06-22",
                "2019-12-12"
            ]
        );
    }

    /// The date expressions of `paragraphs`, each paragraph one sentence.
    pub(crate) fn found_in(paragraphs: &[&str]) -> Vec<Found> {
        let mut found = Vec::new();
        for (p, text) in paragraphs.iter().enumerate() {
            for expr in dates::find(text, 0..text.len()) {
                found.push(Found {
                    paragraph: p,
                    sentence: p,
                    expr,
                });
            }
        }
        found
    }

    /// The dates of `paragraphs`, an interval as `start..end`.
    fn ends(paragraphs: &[&str], ctx: Context) -> Vec<String> {
        let found = found_in(paragraphs);
        resolve_all(&found, &ctx)
            .into_iter()
            .map(|r| match r {
                Some(Resolved {
                    when,
                    end: Some(end),
                    ..
                }) => format!("{when}..{end}"),
                Some(r) => r.when.label(),
                None => "-".into(),
            })
            .collect()
    }

    fn certainties(paragraphs: &[&str]) -> Vec<Option<Certainty>> {
        let found = found_in(paragraphs);
        resolve_all(&found, &Context::default())
            .into_iter()
            .map(|r| r.map(|r| r.certainty))
            .collect()
    }

    #[test]
    fn hijri_dates_are_converted() {
        let got = ends(
            &[
                "افتتح المسجد في 15 شعبان 1445 هـ",
                "ارتفعت الأسعار في رمضان 1444",
                "تأسست المدرسة عام 1444 هـ",
                "بدأ العام غرة محرم 1446",
                "توفي المؤرخ سنة 808 هـ",
                "اعتكف في رمضان 2019",
                "صلى عيد الأضحى 2019 في مكة",
                "وفي 20 من رمضان 808 هـ دخل",
            ],
            Context::default(),
        );
        assert_eq!(
            got,
            [
                "2024-02-25",
                "2023-03..2023-04",
                "2022-07..2023-07",
                "2024-07-07",
                "1405..1406",
                "2019-05..2019-06",
                "2019-08-11",
                "1406-03",
            ]
        );
        assert!(certainties(&["في 15 شعبان 1445 هـ"])
            .iter()
            .all(|c| *c == Some(Certainty::Converted)));
    }

    #[test]
    fn the_same_month_after_a_hijri_date_is_not_a_gregorian_month() {
        let got = ends(
            &["في 1 رمضان 1445 هـ بدأ الصيام، وفي 20 من الشهر نفسه أعلن، وفي اليوم التالي"],
            Context::default(),
        );
        assert_eq!(got, ["2024-03-11", "-", "2024-03-12"]);
    }

    #[test]
    fn hijri_days_that_do_not_exist_or_years_that_hold_two() {
        assert_eq!(
            ends(
                &["في 30 رمضان 1444 هـ", "في رمضان 1997"],
                Context::default()
            ),
            ["-", "-"]
        );
    }

    #[test]
    fn both_calendars_agree_or_give_no_date() {
        let got = ends(
            &[
                "ولد سنة 1390 هـ الموافق 1970 م",
                "توفي عام 1420 هـ (1999 م)",
                "وقع في 20 مايو 2012 الموافق 29 جمادى الآخرة 1433 هـ",
                "ولد سنة 1390 هـ الموافق 1990 م",
                "وقع في 20 مايو 2012 الموافق 10 رجب 1433 هـ",
            ],
            Context::default(),
        );
        assert_eq!(got, ["1970", "1999", "2012-05-20", "-", "-"]);
        assert_eq!(
            certainties(&["ولد سنة 1390 هـ الموافق 1970 م"]),
            [Some(Certainty::Explicit)]
        );
    }

    #[test]
    fn the_last_decade_and_since_to() {
        assert_eq!(
            ends(
                &["تضاعف السكان خلال العقد الماضي", "وسيتضاعف في العقد المقبل"],
                news(2019, 6, 15)
            ),
            ["2009..2019", "2019..2029"]
        );
        assert_eq!(
            ends(&["ينتهي العقد الحالي للاعب"], news(2019, 6, 15)),
            Vec::<String>::new()
        );
        // The seeds' gold set reads «منذ عام 1992 إلى عام 1994» as two events
        // (002:22: the fighting from 1992, its end in 1994), so منذ opens no
        // interval.
        assert_eq!(
            ends(&["حكم منذ عام 1992 إلى عام 1994"], Context::default()),
            ["1992", "1994"]
        );
    }

    #[test]
    fn intervals_keep_both_ends() {
        assert_eq!(
            ends(
                &["يقام من 3 إلى 7 حزيران", "من نوفمبر إلى فبراير 2017"],
                news(2019, 6, 15)
            ),
            ["2019-06-03..2019-06-07", "2016-11..2017-02"]
        );
        assert_eq!(
            ends(&["بين عامي 1992 و1994", "(1914-1918)"], Context::default()),
            ["1992..1994", "1914..1918"]
        );
        assert_eq!(
            ends(&["من 20 إلى 3 مايو 2018"], Context::default()),
            ["2018-04-20..2018-05-03"],
            "the first day is in the month before"
        );
    }

    #[test]
    fn impossible_dates_are_dropped() {
        assert_eq!(
            labels(&run(&["في 31 نوفمبر 2020"], Context::default())),
            ["-"]
        );
    }
}
