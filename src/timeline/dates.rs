//! The first pass: finding date expressions in text, rule by rule, with their
//! byte spans. Nothing is resolved here; a year-less «11 ديسمبر» or a bare
//! «الخميس» comes out as written and [`super::resolve`] gives it a date.
//!
//! The text is cut into words with [`for_each_token`] (the same word boundaries
//! as search), each word is normalized and looked up in [`lexicon`], and the
//! patterns are matched on the sequence of words and the characters between
//! them.

use std::collections::HashMap;
use std::ops::Range;

use super::lexicon::{self, Anchor, Part, Word};
use crate::arabic::{for_each_token, normalize_word};

/// A date expression as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expression {
    /// Byte span in the searched text, clitics (و ف ب ل) excluded.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Expression {
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// What an expression says, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Day, month and year as far as written: «10 نوفمبر 2020», «في نوفمبر»,
    /// «عام 1992», «منتصف ديسمبر», «20 من الشهر نفسه».
    Calendar(Calendar),
    /// «التسعينيات»: the tens digit, and the century when it is written.
    Decade {
        tens: u8,
        century: Option<i32>,
        part: Option<Part>,
    },
    /// اليوم (0), أمس (-1), أول من أمس (-2), غدًا (1), from the publication date.
    DayOffset(i32),
    /// A weekday on its own (1 = Monday … 7 = Sunday).
    Weekday(u8),
    /// في اليوم التالي, or غداة when `ghadat`.
    NextDay { ghadat: bool },
    /// اليوم السابق.
    PreviousDay,
    /// في اليوم نفسه, في نفس اليوم.
    SameDay,
    /// الشهر الماضي / الجاري / المقبل, or الشهر نفسه (`None`).
    RelativeMonth(Option<Anchor>),
    /// العام الماضي / الجاري / المقبل, or العام نفسه (`None`).
    RelativeYear(Option<Anchor>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    pub day: Option<u8>,
    pub month: MonthRef,
    pub year: YearRef,
    /// The weekday written before the day («الثلاثاء 10 نوفمبر»).
    pub weekday: Option<u8>,
    pub part: Option<Part>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthRef {
    /// No month: a year on its own.
    None,
    Named(u8),
    /// «من الشهر نفسه»: the month of the previous date.
    Same,
    /// «من الشهر الجاري / الماضي / المقبل», from the publication date.
    Relative(Anchor),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRef {
    Missing,
    Explicit(i32),
    /// «من العام نفسه»: the year of the previous date.
    Same,
    /// «من العام الماضي»: a year counted from the publication date.
    Relative(Anchor),
    /// A named month with الجاري / الماضي / المقبل: the month of that name in
    /// the current year, the latest before, or the next after publication.
    MonthAnchor(Anchor),
}

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
        match matcher.at(i) {
            Some((next, expr)) => {
                out.push(expr);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Class {
    Number { value: u32, digits: u8 },
    Word(Word),
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    /// Bytes of the written word taken by clitics (و in وفي).
    clitic: usize,
    class: Class,
}

fn tokenize(slice: &str, base: usize) -> Vec<Tok> {
    let mut words = Vec::new();
    for_each_token(slice, |s, e| {
        let raw = &slice[s..e];
        let (class, clitic) = classify(raw);
        words.push(Tok {
            start: base + s,
            end: base + e,
            clitic,
            class,
        });
    });
    words
}

fn classify(raw: &str) -> (Class, usize) {
    let first = raw.chars().next().unwrap_or(' ');
    if is_digit(first) {
        return (number_class(raw), 0);
    }
    if !is_arabic(first) {
        return (Class::Other, 0);
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(&hit) = cache.get(raw) {
            return hit;
        }
        let norm = normalize_word(raw);
        let class = match lexicon::lookup(&norm) {
            Some((word, letters)) => (Class::Word(word), clitic_bytes(raw, letters)),
            None => (Class::Other, 0),
        };
        if cache.len() >= CACHE_WORDS {
            cache.clear();
        }
        cache.insert(raw.into(), class);
        class
    })
}

/// Distinct words remembered per thread: a text's vocabulary is small next to
/// its length, and normalizing every occurrence of every word was the
/// extraction's main cost after tokenization.
const CACHE_WORDS: usize = 1 << 16;

thread_local! {
    static CACHE: std::cell::RefCell<HashMap<Box<str>, (Class, usize), lexicon::FxBuild>> =
        std::cell::RefCell::new(HashMap::default());
}

/// The digits normalization turns into ASCII ones.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

fn is_arabic(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c)
}

fn number_class(raw: &str) -> Class {
    let norm = normalize_word(raw);
    if norm.len() > 9 || !norm.bytes().all(|b| b.is_ascii_digit()) {
        return Class::Other;
    }
    match norm.parse() {
        Ok(value) => Class::Number {
            value,
            digits: norm.len() as u8,
        },
        Err(_) => Class::Other,
    }
}

/// Byte length of the first `letters` letters of `raw`, with any marks on them.
fn clitic_bytes(raw: &str, letters: usize) -> usize {
    if letters == 0 {
        return 0;
    }
    let mut seen = 0;
    for (i, c) in raw.char_indices() {
        if !crate::arabic::is_arabic_mark(c) && c != '\u{0640}' {
            if seen == letters {
                return i;
            }
            seen += 1;
        }
    }
    0
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
            Kind::DayOffset(_) | Kind::Weekday(_) | Kind::NextDay { .. } => true,
            Kind::PreviousDay | Kind::SameDay => true,
            _ => false,
        };
        day_level.then(|| (next, self.expr(i, next - 1, expr.kind)))
    }

    fn core(&self, i: usize) -> Option<Match> {
        match self.word(i) {
            Some(Word::First) => self.day_before_yesterday(i),
            Some(Word::Today) => self.today(i),
            Some(Word::SameBefore) => self.same_before(i),
            Some(Word::Yesterday) => Some(self.with_weekday(i, Kind::DayOffset(-1))),
            Some(Word::Tomorrow) => Some(self.with_weekday(i, Kind::DayOffset(1))),
            Some(Word::Ghadat) => Some((i + 1, self.expr(i, i, Kind::NextDay { ghadat: true }))),
            Some(Word::TheYear) => self.relative_year(i),
            Some(Word::TheMonth) => self.relative_month(i),
            Some(Word::This) => self.this(i),
            Some(Word::Decade(tens)) => Some(self.decade(i, tens, None)),
            Some(Word::Period(part)) => self.period(i, part),
            Some(Word::Weekday(day)) => self.weekday(i, day),
            Some(Word::DayWord) => self.day_word(i),
            Some(Word::Month(_) | Word::AmbiguousMonth(_) | Word::Kanun | Word::Tishrin) => {
                self.month_alone(i, None)
            }
            Some(Word::MonthWord) if self.tight(i + 1) => self.month_alone(i + 1, None),
            Some(Word::YearWord) => self.year_word(i, None),
            Some(Word::YearPreposition) => self.bare_year(i + 1),
            _ if self.number(i).is_some() => self.day_month(i, None, i),
            _ => None,
        }
    }

    /// «أول من أمس».
    fn day_before_yesterday(&self, i: usize) -> Option<Match> {
        let ok = self.is(i + 1, Word::Of)
            && self.tight(i + 1)
            && self.is(i + 2, Word::Yesterday)
            && self.tight(i + 2);
        if !ok {
            return None;
        }
        let (next, _) = self.with_weekday(i + 2, Kind::DayOffset(-2));
        Some((next, self.expr(i, next - 1, Kind::DayOffset(-2))))
    }

    /// «اليوم», «اليوم الجمعة», «اليوم التالي», «اليوم نفسه».
    fn today(&self, i: usize) -> Option<Match> {
        let kind = match self.word(i + 1) {
            Some(Word::Following) if self.tight(i + 1) => Kind::NextDay { ghadat: false },
            Some(Word::Preceding) if self.tight(i + 1) => Kind::PreviousDay,
            Some(Word::SameAfter) if self.tight(i + 1) => Kind::SameDay,
            _ => return Some(self.with_weekday(i, Kind::DayOffset(0))),
        };
        Some((i + 2, self.expr(i, i + 1, kind)))
    }

    /// «نفس اليوم», «ذات الشهر», «نفس العام».
    fn same_before(&self, i: usize) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        let kind = match self.word(i + 1)? {
            Word::Today => Kind::SameDay,
            Word::TheMonth => Kind::RelativeMonth(None),
            Word::TheYear => Kind::RelativeYear(None),
            _ => return None,
        };
        Some((i + 2, self.expr(i, i + 1, kind)))
    }

    /// A day word optionally followed by its weekday («أمس الخميس»).
    fn with_weekday(&self, i: usize, kind: Kind) -> Match {
        let last = match self.word(i + 1) {
            Some(Word::Weekday(_)) if self.joined(i + 1) => i + 1,
            _ => i,
        };
        (last + 1, self.expr(i, last, kind))
    }

    /// «العام الماضي», «العام نفسه», «العام 2020».
    fn relative_year(&self, i: usize) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        let kind = match self.word(i + 1) {
            Some(Word::Anchor(a)) => Kind::RelativeYear(Some(a)),
            Some(Word::SameAfter) => Kind::RelativeYear(None),
            _ => return self.year_word(i, None),
        };
        Some((i + 2, self.expr(i, i + 1, kind)))
    }

    /// «الشهر الماضي», «الشهر نفسه».
    fn relative_month(&self, i: usize) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        let kind = match self.word(i + 1)? {
            Word::Anchor(a) => Kind::RelativeMonth(Some(a)),
            Word::SameAfter => Kind::RelativeMonth(None),
            _ => return None,
        };
        Some((i + 2, self.expr(i, i + 1, kind)))
    }

    /// «هذا العام», «هذا الشهر».
    fn this(&self, i: usize) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        let kind = match self.word(i + 1)? {
            Word::TheYear => Kind::RelativeYear(Some(Anchor::Current)),
            Word::TheMonth => Kind::RelativeMonth(Some(Anchor::Current)),
            _ => return None,
        };
        Some((i + 2, self.expr(i, i + 1, kind)))
    }

    /// «التسعينيات», «تسعينيات القرن الماضي».
    fn decade(&self, i: usize, tens: u8, part: Option<Part>) -> Match {
        let past_century = self.is(i + 1, Word::Century)
            && self.tight(i + 1)
            && self.is(i + 2, Word::Anchor(Anchor::Past))
            && self.tight(i + 2);
        let (last, century) = if past_century {
            (i + 2, Some(1900))
        } else {
            (i, None)
        };
        (
            last + 1,
            self.expr(
                i,
                last,
                Kind::Decade {
                    tens,
                    century,
                    part,
                },
            ),
        )
    }

    /// «منتصف ديسمبر», «نهاية أيلول (سبتمبر) 2020», «أواخر عام 2019»,
    /// «مطلع التسعينيات», «بداية العام الماضي».
    fn period(&self, i: usize, part: Part) -> Option<Match> {
        let j = i + 1;
        if !self.tight(j) {
            return None;
        }
        let (next, inner) = match self.word(j) {
            Some(Word::Decade(tens)) => self.decade(j, tens, Some(part)),
            Some(Word::Month(_) | Word::AmbiguousMonth(_) | Word::Kanun | Word::Tishrin) => {
                self.month_alone(j, Some(part))?
            }
            Some(Word::MonthWord) if self.tight(j + 1) => self.month_alone(j + 1, Some(part))?,
            Some(Word::YearWord | Word::TheYear) => self.period_of_year(j, part)?,
            _ => self.year_number(j, Some(part))?,
        };
        Some((next, self.expr(i, next - 1, inner.kind)))
    }

    fn period_of_year(&self, j: usize, part: Part) -> Option<Match> {
        if let Some(m) = self.year_word(j, Some(part)) {
            return Some(m);
        }
        let anchor = match self.word(j + 1) {
            Some(Word::Anchor(a)) if self.tight(j + 1) => Some(a),
            Some(Word::SameAfter) if self.tight(j + 1) => None,
            _ => return None,
        };
        let year = match anchor {
            Some(a) => YearRef::Relative(a),
            None => YearRef::Same,
        };
        let cal = Calendar {
            day: None,
            month: MonthRef::None,
            year,
            weekday: None,
            part: Some(part),
        };
        Some((j + 2, self.expr(j, j + 1, Kind::Calendar(cal))))
    }

    /// «الخميس», «الثلاثاء 10 نوفمبر», «الإثنين-الثلاثاء» (the night between:
    /// the second day).
    fn weekday(&self, i: usize, day: u8) -> Option<Match> {
        if self.number(i + 1).is_some() && self.joined(i + 1) {
            if let Some(m) = self.day_month(i + 1, Some(day), i) {
                return Some(m);
            }
        }
        if let Some(Word::Weekday(second)) = self.word(i + 1) {
            if self.gap(i + 1).trim() == "-" {
                return Some((i + 2, self.expr(i, i + 1, Kind::Weekday(second))));
            }
        }
        Some((i + 1, self.expr(i, i, Kind::Weekday(day))))
    }

    /// «يوم الخميس», «يوم 15 أكتوبر».
    fn day_word(&self, i: usize) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        let (next, inner) = match self.word(i + 1) {
            Some(Word::Weekday(day)) => self.weekday(i + 1, day)?,
            _ if self.number(i + 1).is_some() => self.day_month(i + 1, None, i + 1)?,
            _ => return None,
        };
        Some((next, self.expr(i, next - 1, inner.kind)))
    }

    /// A day number followed by a month: «10 نوفمبر 2020», «20 من الشهر نفسه».
    /// `first` is the word the expression starts at (a weekday before the day).
    fn day_month(&self, i: usize, weekday: Option<u8>, first: usize) -> Option<Match> {
        let (day, digits) = self.number(i)?;
        if digits > 2 || !(1..=31).contains(&day) || self.in_brackets(i) {
            return None;
        }
        let mut j = i + 1;
        if self.is(j, Word::Of) && self.tight(j) {
            j += 1;
        }
        if !self.tight(j) {
            return None;
        }
        let (next, month, year) = self.month_phrase(j, true)?;
        let cal = Calendar {
            day: Some(day as u8),
            month,
            year,
            weekday,
            part: None,
        };
        Some((next, self.expr(first, next - 1, Kind::Calendar(cal))))
    }

    /// A month without a day: «في نوفمبر», «أبريل 2024», «كانون الثاني».
    fn month_alone(&self, i: usize, part: Option<Part>) -> Option<Match> {
        let (next, month, year) = self.month_phrase(i, false)?;
        let cal = Calendar {
            day: None,
            month,
            year,
            weekday: None,
            part,
        };
        Some((next, self.expr(i, next - 1, Kind::Calendar(cal))))
    }

    /// A month name (or «الشهر نفسه» after a day), its paired name, and what
    /// says its year. Returns the next word index.
    fn month_phrase(&self, i: usize, has_day: bool) -> Option<(usize, MonthRef, YearRef)> {
        if has_day && self.is(i, Word::TheMonth) {
            let month = match self.word(i + 1)? {
                Word::SameAfter => MonthRef::Same,
                Word::Anchor(a) => MonthRef::Relative(a),
                _ => return None,
            };
            return self
                .tight(i + 1)
                .then_some((i + 2, month, YearRef::Missing));
        }
        let (mut next, number, ambiguous) = self.month_name(i)?;
        if let Some(after) = self.paired_month(next, number) {
            next = after;
        }
        let (next, year) = self.year_after_month(next);
        let context =
            has_day || year != YearRef::Missing || self.is(i.wrapping_sub(1), Word::MonthWord);
        if ambiguous && !context {
            return None;
        }
        Some((next, MonthRef::Named(number), year))
    }

    /// A month name at `i`: its number, the next word, and whether it needs a
    /// day or a year beside it to count as a month.
    fn month_name(&self, i: usize) -> Option<(usize, u8, bool)> {
        match self.word(i)? {
            Word::Month(m) => Some((i + 1, m, false)),
            Word::AmbiguousMonth(m) => Some((i + 1, m, true)),
            head @ (Word::Kanun | Word::Tishrin) => {
                if !self.tight(i + 1) {
                    return None;
                }
                let month = match (head, self.word(i + 1)?) {
                    (Word::Kanun, Word::Second) => 1,
                    (Word::Kanun, Word::First) => 12,
                    (Word::Tishrin, Word::First) => 10,
                    (Word::Tishrin, Word::Second) => 11,
                    _ => return None,
                };
                Some((i + 2, month, false))
            }
            _ => None,
        }
    }

    /// The other calendar's name for the same month after `/` or in brackets.
    fn paired_month(&self, i: usize, number: u8) -> Option<usize> {
        let gap = self.gap(i);
        if !self.joined(i) || !(gap.contains('/') || gap.contains('(')) {
            return None;
        }
        let (next, other, _) = self.month_name(i)?;
        (other == number).then_some(next)
    }

    /// What follows a month to give its year: a number, «عام 2020», «من العام
    /// نفسه», or الجاري / الماضي / المقبل.
    fn year_after_month(&self, i: usize) -> (usize, YearRef) {
        // `joined`, not `tight`: a bracketed paired name may close just before.
        if !self.joined(i) {
            return (i, YearRef::Missing);
        }
        if let Some(year) = self.year_at(i) {
            return (i + 1, YearRef::Explicit(year));
        }
        if self.is(i, Word::YearWord) {
            if let Some(year) = self.year_at(i + 1).filter(|_| self.tight(i + 1)) {
                return (i + 2, YearRef::Explicit(year));
            }
        }
        let j = if self.is(i, Word::Of) { i + 1 } else { i };
        // «نوفمبر العام الماضي», «نوفمبر من العام نفسه», but not «نوفمبر والعام
        // الماضي», which is a second date.
        let bare = j > i || self.words.get(j).is_some_and(|w| w.clitic == 0);
        let the_year = self.is(j, Word::TheYear) && bare && self.tight(j + 1) && self.tight(j);
        if the_year {
            match self.word(j + 1) {
                Some(Word::SameAfter) => return (j + 2, YearRef::Same),
                Some(Word::Anchor(a)) => return (j + 2, YearRef::Relative(a)),
                _ => {}
            }
        }
        match self.word(i) {
            Some(Word::Anchor(a)) => (i + 1, YearRef::MonthAnchor(a)),
            _ => (i, YearRef::Missing),
        }
    }

    /// «عام 1992», «لعام 2020», «سنة 2019».
    fn year_word(&self, i: usize, part: Option<Part>) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        self.explicit_year(i, i + 1, part)
    }

    /// «في 2020», «منذ 1992»: a four-digit number after في or منذ.
    fn bare_year(&self, i: usize) -> Option<Match> {
        if !self.tight(i) {
            return None;
        }
        self.year_number(i, None)
    }

    fn year_number(&self, i: usize, part: Option<Part>) -> Option<Match> {
        self.explicit_year(i, i, part)
    }

    /// An expression from token `start` to the year at token `year`.
    fn explicit_year(&self, start: usize, year: usize, part: Option<Part>) -> Option<Match> {
        let value = self.year_at(year)?;
        let cal = Calendar {
            day: None,
            month: MonthRef::None,
            year: YearRef::Explicit(value),
            weekday: None,
            part,
        };
        Some((year + 1, self.expr(start, year, Kind::Calendar(cal))))
    }

    /// A four-digit number at `i` that can be a year where it stands: not a
    /// citation, not part of 2.5 or 20%, not followed by a counted noun.
    fn year_at(&self, i: usize) -> Option<i32> {
        let (value, digits) = self.number(i)?;
        let year = i32::try_from(value).ok()?;
        let plausible =
            digits == 4 && (super::civil::MIN_YEAR..=super::civil::MAX_YEAR).contains(&year);
        if !plausible || self.in_brackets(i) || self.glued_to_number(i) {
            return None;
        }
        let counted = self
            .words
            .get(i + 1)
            .filter(|_| self.tight(i + 1))
            .is_some_and(|w| lexicon::is_counted_noun(&self.text[w.start..w.end]));
        (!counted).then_some(year)
    }

    /// `[32]`: a citation marker's number.
    fn in_brackets(&self, i: usize) -> bool {
        let Some(w) = self.words.get(i) else {
            return false;
        };
        self.text[..w.start].ends_with('[') && self.text[w.end..].starts_with(']')
    }

    /// 2.5, 20%, 1992-1994, 2020-10-04, 12:30: a number inside a larger one.
    fn glued_to_number(&self, i: usize) -> bool {
        let Some(w) = self.words.get(i) else {
            return false;
        };
        let after = &self.text[w.end..];
        let before = &self.text[..w.start];
        let joiner = |c: char| matches!(c, '.' | ',' | '/' | ':' | '-' | '٫' | '٬');
        let mut next = after.chars();
        let glued_after = match (next.next(), next.next()) {
            (Some('%' | '٪'), _) => true,
            (Some(c), Some(d)) => joiner(c) && d.is_numeric(),
            _ => false,
        };
        let mut prev = before.chars().rev();
        let glued_before = match (prev.next(), prev.next()) {
            (Some(c), Some(d)) => joiner(c) && d.is_numeric(),
            _ => false,
        };
        glued_after || glued_before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_all(text: &str) -> Vec<(&str, Kind)> {
        find(text, 0..text.len())
            .into_iter()
            .map(|e| (&text[e.span()], e.kind))
            .collect()
    }

    fn texts(text: &str) -> Vec<&str> {
        find_all(text).into_iter().map(|(t, _)| t).collect()
    }

    fn cal(day: Option<u8>, month: MonthRef, year: YearRef) -> Kind {
        Kind::Calendar(Calendar {
            day,
            month,
            year,
            weekday: None,
            part: None,
        })
    }

    #[test]
    fn day_month_year() {
        let got = find_all("الموقعة في 10 نوفمبر 2020 أرسلت");
        assert_eq!(
            got,
            [(
                "10 نوفمبر 2020",
                cal(Some(10), MonthRef::Named(11), YearRef::Explicit(2020))
            )]
        );
    }

    #[test]
    fn slash_and_levantine_month_names() {
        let got = find_all("فجر الثلاثاء 10 نوفمبر/تشرين الثاني 2020، توجه");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "فجر الثلاثاء 10 نوفمبر/تشرين الثاني 2020");
        let Kind::Calendar(c) = got[0].1 else {
            panic!()
        };
        assert_eq!(
            (c.day, c.month, c.year, c.weekday),
            (
                Some(10),
                MonthRef::Named(11),
                YearRef::Explicit(2020),
                Some(2)
            )
        );

        let got = find_all(
            "ومع نهاية أيلول (سبتمبر) 2020، استؤنف وفي 10 تشرين ثاني (نوفمبر) من العام نفسه، اتفقت",
        );
        assert_eq!(got[0].0, "نهاية أيلول (سبتمبر) 2020");
        assert_eq!(got[1].0, "10 تشرين ثاني (نوفمبر) من العام نفسه");
        assert_eq!(got[1].1, cal(Some(10), MonthRef::Named(11), YearRef::Same));
        assert_eq!(
            texts("في كانون الأول 2019 و شباط"),
            ["كانون الأول 2019", "شباط"]
        );
        assert_eq!(
            texts("منذ 27 سبتمبر/أيلول الماضي، تتواصل"),
            ["27 سبتمبر/أيلول الماضي"]
        );
    }

    #[test]
    fn mismatched_pair_keeps_only_the_first_month() {
        assert_eq!(
            texts("في 10 نوفمبر/كانون الأول"),
            ["10 نوفمبر", "كانون الأول"]
        );
    }

    #[test]
    fn years_only_in_a_date_context() {
        assert_eq!(
            texts("منذ عام 1992 نحو 20% ولعام 2020 وفي 2020."),
            ["عام 1992", "عام 2020", "2020"]
        );
        assert!(find_all("قوامها 1960 جنديًا، و 44 يوماً").is_empty());
        assert!(find_all("في 1960 جنديًا").is_empty());
        assert!(find_all("إلى أذربيجان.[32] وفي 29").is_empty());
        assert!(find_all("في 2020-10-04 و 12.5 و 2020% و 136 خبير").is_empty());
        assert!(find_all("لواء البندقية الآلي ال15 المنفصل").is_empty());
    }

    #[test]
    fn arabic_indic_digits() {
        let got = find_all("في ١١ ديسمبر ٢٠٢٠");
        assert_eq!(
            got[0].1,
            cal(Some(11), MonthRef::Named(12), YearRef::Explicit(2020))
        );
    }

    #[test]
    fn relative_day_words() {
        let got = find_all("وأعلنت أرمينيا أمس أن 32 شخصا قتلوا والتي بدأت صباح أول من أمس في");
        assert_eq!(
            got,
            [
                ("أمس", Kind::DayOffset(-1)),
                ("صباح أول من أمس", Kind::DayOffset(-2))
            ]
        );
        assert_eq!(
            find_all("اليوم الجمعة"),
            [("اليوم الجمعة", Kind::DayOffset(0))]
        );
        assert_eq!(find_all("واليوم، نقلت"), [("اليوم", Kind::DayOffset(0))]);
        assert_eq!(
            find_all("أمس الخميس،"),
            [("أمس الخميس", Kind::DayOffset(-1))]
        );
        assert_eq!(
            find_all("وفي اليوم التالي ذكر"),
            [("اليوم التالي", Kind::NextDay { ghadat: false })]
        );
        assert_eq!(find_all("في نفس اليوم."), [("نفس اليوم", Kind::SameDay)]);
        assert_eq!(
            find_all("وفي اليوم نفسه دعا"),
            [("اليوم نفسه", Kind::SameDay)]
        );
        assert_eq!(
            find_all("غداة إعلانه"),
            [("غداة", Kind::NextDay { ghadat: true })]
        );
        assert!(find_all("لامس الجدار").is_empty());
    }

    #[test]
    fn weekdays() {
        assert_eq!(
            find_all("مساء الخميس أنه"),
            [("مساء الخميس", Kind::Weekday(4))]
        );
        assert_eq!(
            find_all("من منتصف ليل الإثنين-الثلاثاء."),
            [("منتصف ليل الإثنين-الثلاثاء", Kind::Weekday(2))]
        );
        assert_eq!(find_all("يوم الأحد"), [("يوم الأحد", Kind::Weekday(7))]);
        assert!(find_all("الجمعية العامة").is_empty());
    }

    #[test]
    fn relative_months_and_years() {
        assert_eq!(
            find_all("العام الماضي"),
            [("العام الماضي", Kind::RelativeYear(Some(Anchor::Past)))]
        );
        assert_eq!(
            find_all("الشهر المقبل"),
            [("الشهر المقبل", Kind::RelativeMonth(Some(Anchor::Next)))]
        );
        assert_eq!(
            find_all("هذا العام"),
            [("هذا العام", Kind::RelativeYear(Some(Anchor::Current)))]
        );
        let got = find_all("وأغدام حتى 20 من الشهر نفسه");
        assert_eq!(
            got,
            [(
                "20 من الشهر نفسه",
                cal(Some(20), MonthRef::Same, YearRef::Missing)
            )]
        );
        let got = find_all("حتى 15 نوفمبر/تشرين الثاني الجاري و1 ديسمبر/كانون الأول المقبل");
        assert_eq!(
            got[0].1,
            cal(
                Some(15),
                MonthRef::Named(11),
                YearRef::MonthAnchor(Anchor::Current)
            )
        );
        assert_eq!(
            got[1].1,
            cal(
                Some(1),
                MonthRef::Named(12),
                YearRef::MonthAnchor(Anchor::Next)
            )
        );
        assert!(find_all("لمدة عام واحد").is_empty());
    }

    #[test]
    fn periods_and_decades() {
        let got = find_all("في منتصف ديسمبر أفادت");
        let Kind::Calendar(c) = got[0].1 else {
            panic!()
        };
        assert_eq!(
            (got[0].0, c.part, c.month),
            ("منتصف ديسمبر", Some(Part::Mid), MonthRef::Named(12))
        );
        assert_eq!(texts("وفي أوائل يناير 2021 اتهمت"), ["أوائل يناير 2021"]);
        assert_eq!(
            texts("أواخر عام 2019 ثم بداية 2020"),
            ["أواخر عام 2019", "بداية 2020"]
        );
        let got = find_all("في مطلع التسعينيات، أودت");
        assert_eq!(
            got,
            [(
                "مطلع التسعينيات",
                Kind::Decade {
                    tens: 9,
                    century: None,
                    part: Some(Part::Early)
                }
            )]
        );
        let got = find_all("تسعينيات القرن الماضي");
        assert_eq!(
            got[0].1,
            Kind::Decade {
                tens: 9,
                century: Some(1900),
                part: None
            }
        );
        assert!(find_all("منتصف الطريق").is_empty());
    }

    #[test]
    fn ambiguous_month_names_need_a_number() {
        assert!(find_all("مارس الضغط على أب").is_empty());
        assert_eq!(texts("في 3 آب 2019"), ["3 آب 2019"]);
        assert_eq!(texts("شهر مارس"), ["مارس"]);
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
        ] {
            let _ = find(text, 0..text.len());
        }
        let text = "10 نوفمبر";
        assert!(find(text, 0..1).is_empty(), "range inside a character");
        assert!(find(text, 5..1000).is_empty());
    }
}
