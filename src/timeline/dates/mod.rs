//! The first pass: finding date expressions in text, rule by rule, with their
//! byte spans. Nothing is resolved here; a year-less «11 ديسمبر» or a bare
//! «الخميس» comes out as written and [`super::resolve`] gives it a date.
//!
//! The text is cut into words ([`tokens`]: the same word boundaries as search),
//! each word is normalized and looked up in the [`lexicon`](super::lexicon), and
//! the patterns are matched on the sequence of words and the characters between
//! them: the calendar family (days, months, years, periods, decades) in
//! [`calendar`], spelled-out ordinal days and centuries in [`ordinal`],
//! numeric dates in [`numeric`], intervals in [`interval`], the words counted
//! from another day in [`relative`] (with the tense that orients a weekday,
//! [`tense`]), counts of time from publication in [`offset`], Hijri dates (and
//! dates written in both calendars) in [`hijri`]; [`guards`] keeps names,
//! counts and Hijri years from becoming Gregorian dates. The expressions found
//! are [`Expression`]s.

mod calendar;
mod guards;
mod hijri;
mod interval;
mod numeric;
mod offset;
mod ordinal;
mod relative;
mod tense;
mod tokens;

use std::ops::Range;

use self::tokens::{tokenize, Class, Tok};
use super::expression::{Expression, Kind};
use super::lexicon::{Part, Word};

/// Finds the date expressions in `text[range]`, in order, never overlapping.
pub fn find(text: &str, range: Range<usize>) -> Vec<Expression> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    let words = tokenize(slice, range.start);
    let matcher = Matcher {
        text,
        words: &words,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some(next) = matcher.named_by_date(i) {
            i = next;
            continue;
        }
        match matcher.at(i).map(|m| matcher.with_equivalent(m)) {
            Some((next, expr)) => {
                out.push(expr);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// A matched pattern: the index of the first word after it, and the expression.
type Match = (usize, Expression);

struct Matcher<'a> {
    text: &'a str,
    words: &'a [Tok],
}

impl Matcher<'_> {
    fn word(&self, i: usize) -> Option<Word> {
        match self.words.get(i)?.class {
            Class::Word(w) => Some(w),
            _ => None,
        }
    }

    fn is(&self, i: usize, w: Word) -> bool {
        self.word(i) == Some(w)
    }

    fn number(&self, i: usize) -> Option<(u32, u8)> {
        match self.words.get(i)?.class {
            Class::Number { value, digits } => Some((value, digits)),
            _ => None,
        }
    }

    /// The characters between word `i - 1` and word `i`.
    fn gap(&self, i: usize) -> &str {
        match (
            i.checked_sub(1).and_then(|p| self.words.get(p)),
            self.words.get(i),
        ) {
            (Some(a), Some(b)) => self.text.get(a.end..b.start).unwrap_or(""),
            _ => "",
        }
    }

    /// Word `i` follows word `i - 1` with only spaces between.
    fn tight(&self, i: usize) -> bool {
        let g = self.gap(i);
        !g.is_empty() && g.len() <= 8 && g.chars().all(|c| c == ' ' || c == '\u{A0}')
    }

    /// Word `i` follows word `i - 1` with spaces and the punctuation of paired
    /// names (نوفمبر/تشرين الثاني, أيلول (سبتمبر)) between.
    fn joined(&self, i: usize) -> bool {
        let g = self.gap(i);
        !g.is_empty()
            && g.len() <= 8
            && g.chars()
                .all(|c| matches!(c, ' ' | '\u{A0}' | '/' | '(' | ')'))
    }

    fn expr(&self, first: usize, last: usize, kind: Kind) -> Expression {
        let (a, b) = (&self.words[first], &self.words[last]);
        let mut end = b.end;
        let opened = self.text[..a.start].ends_with('(') || self.text[..b.start].ends_with('(');
        if opened && self.text[end..].starts_with(')') {
            end += 1;
        }
        Expression {
            start: a.start + a.clitic,
            end,
            kind,
        }
    }

    fn at(&self, i: usize) -> Option<Match> {
        if let Some(m) = self.time_of_day(i) {
            return Some(m);
        }
        self.core(i)
    }

    /// «فجر الثلاثاء», «صباح أول من أمس», «منتصف ليل الإثنين-الثلاثاء».
    fn time_of_day(&self, i: usize) -> Option<Match> {
        let lead = match self.word(i)? {
            Word::TimeOfDay => i + 1,
            Word::Period(Part::Mid) if self.is(i + 1, Word::TimeOfDay) && self.tight(i + 1) => {
                i + 2
            }
            _ => return None,
        };
        if !self.tight(lead) {
            return None;
        }
        let (next, expr) = self.core(lead)?;
        let day_level = match expr.kind {
            Kind::Calendar(c) => c.day.is_some(),
            Kind::DayOffset(_) | Kind::Weekday { .. } | Kind::NextDay { .. } => true,
            Kind::PreviousDay | Kind::SameDay => true,
            Kind::Hijri(h) => h.day.is_some(),
            _ => false,
        };
        day_level.then(|| (next, self.expr(i, next - 1, expr.kind)))
    }

    /// A date after في, منذ, بتاريخ or الموافق at `i`.
    fn after_cue(&self, i: usize) -> Option<Match> {
        if !self.tight(i) {
            return None;
        }
        self.numeric_date(i, None, i, true)
            .or_else(|| self.bare_year(i))
    }

    /// An expression that starts with a number: a numeric date, a day and a
    /// month, or a year marked «م».
    fn number_first(&self, i: usize) -> Option<Match> {
        self.numeric_date(i, None, i, false)
            .or_else(|| self.interval(i))
            .or_else(|| self.day_month(i, None, i))
            .or_else(|| self.marked_year(i))
            .or_else(|| self.hijri_day(i))
            .or_else(|| self.marked_hijri_year(i))
    }

    fn core(&self, i: usize) -> Option<Match> {
        match self.word(i) {
            Some(Word::First) => self
                .day_before_yesterday(i)
                .or_else(|| self.ordinal_day(i, i))
                .or_else(|| self.ordinal_hijri_day(i)),
            Some(Word::Second | Word::Ordinal(_) | Word::UnitOne | Word::OrdinalTens(_)) => {
                self.ordinal_day(i, i).or_else(|| self.ordinal_hijri_day(i))
            }
            Some(Word::Century) => self.century(i, i, None),
            Some(Word::Today) => self.today(i),
            Some(Word::SameBefore) => self.same_before(i),
            Some(Word::Yesterday) => Some(self.with_weekday(i, Kind::DayOffset(-1))),
            Some(Word::Tomorrow) => Some(self.with_weekday(i, Kind::DayOffset(1))),
            Some(Word::Ghadat) => Some((i + 1, self.expr(i, i, Kind::NextDay { ghadat: true }))),
            Some(Word::TheYear) => self.relative_year(i),
            Some(Word::TheMonth) => self.relative_month(i),
            Some(Word::This) => self.this(i),
            Some(Word::Decade(tens)) => self.decade(i, tens, None),
            Some(Word::Period(part)) => self.period(i, part),
            Some(Word::Weekday(day)) => self.weekday(i, day),
            Some(Word::DayWord) => self.day_word(i),
            Some(Word::Month(_) | Word::AmbiguousMonth(_) | Word::Kanun | Word::Tishrin) => {
                self.interval(i).or_else(|| self.month_alone(i, None))
            }
            Some(Word::YearsWord) => self.interval(i),
            Some(Word::Season(month)) => self
                .hijri_month(i, None, i)
                .or_else(|| self.season(i, month)),
            Some(Word::HijriMonth(_) | Word::AmbiguousHijriMonth(_) | Word::Jumada | Word::Dhu) => {
                self.hijri_month(i, None, i)
            }
            Some(Word::Ghurra) => self.ghurra(i),
            Some(Word::Eid) => self.feast(i),
            Some(Word::MonthWord) if self.tight(i + 1) => self
                .month_alone(i + 1, None)
                .or_else(|| self.hijri_month(i + 1, None, i + 1)),
            Some(Word::YearWord) => self
                .interval(i)
                .or_else(|| self.year_word(i, None))
                .or_else(|| self.hijri_year_word(i)),
            Some(Word::YearPreposition | Word::DateCue) => self.after_cue(i + 1),
            Some(Word::Since) => self.offset(i).or_else(|| self.after_cue(i + 1)),
            Some(Word::TheDecade) => self.relative_decade(i),
            Some(Word::Before | Word::After) => self.offset(i),
            Some(Word::TheWeek) => self.relative_week(i),
            _ if self.number(i).is_some() => self.number_first(i),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::expression::{Calendar, MonthRef, YearRef};

    pub(super) fn find_all(text: &str) -> Vec<(&str, Kind)> {
        find(text, 0..text.len())
            .into_iter()
            .map(|e| (&text[e.span()], e.kind))
            .collect()
    }

    pub(super) fn texts(text: &str) -> Vec<&str> {
        find_all(text).into_iter().map(|(t, _)| t).collect()
    }

    pub(super) fn cal(day: Option<u8>, month: MonthRef, year: YearRef) -> Kind {
        Kind::Calendar(Calendar {
            day,
            month,
            year,
            weekday: None,
            part: None,
        })
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "\0",
            "[",
            "]",
            "(((",
            "١",
            "10 ",
            "نوفمبر/",
            "\u{064B}\u{064B}",
            "ـ10ـنوفمبر",
            "هـ",
            "1445 هـ الموافق",
            "ذي الحجة 99999 هـ",
            "30 رمضان 1700 هـ (",
            "عيد الأضحى 0 هـ",
            "غرة",
            "ربيع الأول 1445 هـ / 2023 م",
        ] {
            let _ = find(text, 0..text.len());
        }
        let text = "10 نوفمبر";
        assert!(find(text, 0..1).is_empty(), "range inside a character");
        assert!(find(text, 5..1000).is_empty());
    }
}
