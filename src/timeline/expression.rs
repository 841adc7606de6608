//! The interface between recognizing date expressions and resolving them: what
//! an expression says, as written, before it has a date.

use std::ops::Range;

use super::lexicon::{Anchor, Part, Unit};

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
    /// «من 3 إلى 7 حزيران», «(1992-1994)»: two ends, the first leaving out
    /// what the second gives (its month, its year).
    Interval { from: Calendar, to: Calendar },
    /// A date of the Hijri calendar: «15 شعبان 1445 هـ», «رمضان 1444», «عام
    /// 1444 هـ», «عيد الأضحى 2019».
    Hijri(Hijri),
    /// A date written in both calendars: «سنة 1390 هـ الموافق 1970 م», «20
    /// مايو 2012 الموافق 29 جمادى الآخرة 1433 هـ». The Gregorian one is the
    /// date; the Hijri one must agree with it.
    Corroborated { gregorian: Calendar, hijri: Hijri },
    /// «التسعينيات»: the tens digit, and the century when it is written.
    Decade {
        tens: u8,
        century: Option<i32>,
        part: Option<Part>,
    },
    /// «القرن التاسع عشر»: the ordinal of the century (19), or the century
    /// counted from the publication date («القرن الماضي»).
    Century {
        number: CenturyRef,
        part: Option<Part>,
    },
    /// اليوم (0), أمس (-1), أول من أمس (-2), غدًا (1), from the publication date.
    DayOffset(i32),
    /// «قبل يومين» (-2 days), «بعد ثلاثة أسابيع» (+3 weeks), «منذ عامين»:
    /// counted from the publication date.
    Offset { amount: i32, unit: Unit },
    /// الأسبوع الماضي / الجاري / المقبل, هذا الأسبوع.
    RelativeWeek(Anchor),
    /// A weekday on its own (1 = Monday … 7 = Sunday), and which way from the
    /// publication date it lies.
    Weekday { day: u8, toward: Toward },
    /// في اليوم التالي, or غداة when `ghadat`.
    NextDay { ghadat: bool },
    /// اليوم السابق.
    PreviousDay,
    /// في اليوم نفسه, في نفس اليوم.
    SameDay,
    /// الشهر الماضي / الجاري / المقبل, or الشهر نفسه (`None`).
    RelativeMonth(Option<Anchor>),
    /// العقد الماضي / المقبل: the ten years up to or from the publication
    /// year, as news means «خلال العقد الماضي».
    RelativeDecade(Anchor),
    /// العام الماضي / الجاري / المقبل, or العام نفسه (`None`).
    RelativeYear(Option<Anchor>),
}

/// Which occurrence of a weekday a text means, from its publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    /// The latest on or before publication: a bare weekday in reporting.
    Latest,
    /// Strictly before: «الثلاثاء الماضي».
    Previous,
    /// The first on or after: a weekday in a future-tense sentence
    /// («سيزور … يوم الأحد», «من المقرر أن … الاثنين»).
    Coming,
    /// Strictly after: «الخميس المقبل».
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CenturyRef {
    /// The ordinal as written: 19 for القرن التاسع عشر.
    Ordinal(u8),
    /// القرن الماضي / الحالي / المقبل.
    Relative(Anchor),
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

/// A Hijri date as written: a year, a month of it, a day of that month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hijri {
    pub day: Option<u8>,
    /// 1 = محرم … 12 = ذو الحجة.
    pub month: Option<u8>,
    pub year: HijriYear,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HijriYear {
    /// «1444 هـ», «رمضان 1444».
    Hijri(i32),
    /// «رمضان 2019», «عيد الأضحى 2019»: the month or day of that name that
    /// falls in this Gregorian year.
    Gregorian(i32),
}
