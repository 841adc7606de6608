//! The words date expressions are made of, in their normalized form
//! ([`normalize_word`]: أ إ آ → ا, ى → ي, ة → ه, accusative tanween folded).

use std::collections::HashSet;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::arabic::normalize_word;

/// Which part of a month, year or decade a period word names. Kept for the
/// reader (it is in the expression's text); the date stays the whole period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Early,
    Mid,
    Late,
}

/// A relative anchor word after a month or a year: الجاري, الماضي, المقبل.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Past,
    Current,
    Next,
}

impl Anchor {
    pub fn offset(self) -> i32 {
        match self {
            Anchor::Past => -1,
            Anchor::Current => 0,
            Anchor::Next => 1,
        }
    }
}

/// The unit of a count of time: «قبل يومين», «بعد ثلاثة أسابيع».
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// The role a word can play in a date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// A month name that is unambiguous on its own (نوفمبر, أيلول).
    Month(u8),
    /// A month name that is also a common word or name (مارس "practised", آب
    /// "father", نيسان, تموز): a month only next to a day or a year.
    AmbiguousMonth(u8),
    /// كانون / تشرين: a month only with the ordinal that follows.
    Kanun,
    Tishrin,
    /// الأول / أول and الثاني / ثاني.
    First,
    Second,
    Weekday(u8),
    /// فجر, صباح, مساء, ظهر, ليل …: a time of day before a day expression.
    TimeOfDay,
    Period(Part),
    /// The tens digit of a decade word (9 for التسعينيات).
    Decade(u8),
    /// عام / سنة: "year" before a year number.
    YearWord,
    /// العام / السنة: "the year", before الماضي, نفسه or a number.
    TheYear,
    /// الشهر: "the month".
    TheMonth,
    /// شهر: "month (of)", before a month name.
    MonthWord,
    /// يوم: "day (of)", before a weekday or a day number.
    DayWord,
    Today,
    Yesterday,
    Tomorrow,
    /// غداة: "on the morrow of".
    Ghadat,
    /// التالي: "the following (day)".
    Following,
    /// السابق: "the previous (day)".
    Preceding,
    /// نفسه / ذاته after its noun.
    SameAfter,
    /// نفس / ذات before its noun.
    SameBefore,
    Anchor(Anchor),
    /// هذا / هذه: "this (year, month)".
    This,
    /// من: "of", as in «20 من الشهر نفسه».
    Of,
    /// في / حتى / خلال: the prepositions that make a bare four-digit number a
    /// year (منذ is [`Word::Since`]).
    YearPreposition,
    /// القرن: "century", after a decade word or before its ordinal.
    Century,
    /// An ordinal from 1 to 10 other than الأول / الثاني (those are
    /// [`Word::First`] / [`Word::Second`]), masculine or feminine: الخامس,
    /// الخامسة, خامس.
    Ordinal(u8),
    /// الحادي / الحادية: "first" only inside 11, 21, 31.
    UnitOne,
    /// عشر / عشرة after an ordinal unit: 11 to 19.
    Teen,
    /// العشرين / الثلاثين: the tens of an ordinal, alone or after و.
    OrdinalTens(u8),
    /// هـ, هجري, للهجرة: the number before is a Hijri year, never a Gregorian one.
    HijriMark,
    /// م, ميلادي, للميلاد: the number before is a Gregorian year.
    GregorianMark,
    /// تاريخ (بتاريخ), الموافق: "dated", "corresponding to", before a date.
    DateCue,
    /// قبل / بعد: "before", "after", before a count of time or أمس / غد.
    Before,
    After,
    /// منذ: "since", before a year or a count of time.
    Since,
    /// A unit of time with its count folded in: يومين (2), أسبوع (1); 0 for
    /// a plural that needs a count before it (أيام, سنوات).
    Duration(Unit, u8),
    /// A cardinal from 3 to 9 before a plural unit (ثلاثة أيام).
    Cardinal(u8),
    /// ربيع, صيف, خريف: a season, by its first month (the northern seasons
    /// of the Arab world). شتاء is left out: «شتاء 1942» straddles two years
    /// and texts differ on which.
    Season(u8),
    /// بين: "between", opening an interval.
    Between,
    /// إلى: "to", joining an interval's ends.
    To,
    /// عامي / سنتي: "the years (of)", the dual before two years.
    YearsWord,
    /// العقد: "the decade" (also "the contract"), before الماضي / المقبل.
    TheDecade,
    /// الأسبوع: "the week", before الماضي / المقبل.
    TheWeek,
    /// محرم, شعبان, رمضان, شوال: a Hijri month (1 to 12), a date only with a
    /// year after it.
    HijriMonth(u8),
    /// صفر ("zero"), رجب (a name): a Hijri month that needs a day, غرة, شهر
    /// or a year marked هـ beside it.
    AmbiguousHijriMonth(u8),
    /// جمادى, before الأولى / الآخرة (5, 6); ربيع before الأول / الآخر (3, 4)
    /// is the [`Word::Season`] word.
    Jumada,
    /// ذو / ذي / ذا, before القعدة or الحجة.
    Dhu,
    /// القعدة (11), الحجة (12) after ذو.
    DhuMonth(u8),
    /// الآخر / الآخرة: "the latter", in ربيع الآخر, جمادى الآخرة.
    Last,
    /// غرة: the first day of a (Hijri) month.
    Ghurra,
    /// عيد, before الفطر or الأضحى.
    Eid,
    /// الفطر (1 شوال), الأضحى (10 ذو الحجة): the feast's Hijri month and day.
    Feast(u8, u8),
    /// شارع, ميدان, مدينة …: a day and month after one is a name («شارع 26
    /// يوليو», «مدينة 6 أكتوبر»), not a date.
    NamedAfterDate,
}

/// Looks up a normalized word, also without the clitics و ف ب ل and the
/// assimilated article of لل. Returns the word and how many leading letters of
/// the written word the clitics took (0 when the article was assimilated, since
/// the written word then has no clean boundary to cut at).
pub fn lookup(norm: &str) -> Option<(Word, usize)> {
    if norm.len() > MAX_KEY_BYTES + 4 {
        return None;
    }
    let table = table();
    if let Some(&w) = table.get(norm) {
        return Some((w, 0));
    }
    let (rest, conj) = match norm.strip_prefix('و').or_else(|| norm.strip_prefix('ف')) {
        Some(rest) => (rest, 1),
        None => (norm, 0),
    };
    if conj == 1 {
        if let Some(&w) = table.get(rest) {
            return Some((w, 1));
        }
    }
    let inner = rest.strip_prefix('ب').or_else(|| rest.strip_prefix('ل'))?;
    if let Some(&w) = table.get(inner) {
        // بالأمس: after the article the preposition is unambiguous.
        let allowed = takes_preposition(w) || inner.starts_with("ال");
        return allowed.then_some((w, conj + 1));
    }
    // لل + noun is ل + ال + noun with the alef dropped: للعام → العام.
    if !inner.starts_with('ل') || inner.len() > MAX_KEY_BYTES {
        return None;
    }
    let with_article = format!("ا{inner}");
    match table.get(with_article.as_str()) {
        Some(&w) if takes_preposition(w) => Some((w, 0)),
        _ => None,
    }
}

/// Longer words (in UTF-8 bytes, clitics included) are not in the lexicon.
const MAX_KEY_BYTES: usize = 32;

/// Words that may carry an attached ب or ل. أمس may not: لامس is "touched".
fn takes_preposition(w: Word) -> bool {
    !matches!(
        w,
        Word::Yesterday | Word::Tomorrow | Word::First | Word::Second | Word::Of
    )
}

/// Nouns that count things: a number before one is a quantity, never a year
/// («1960 جنديًا», «44 يوماً», «30 ألف»).
pub fn is_counted_noun(raw: &str) -> bool {
    if raw.contains('\u{064B}') {
        // Accusative tanween marks the counted noun (tamyiz) after a number.
        return true;
    }
    let norm = normalize_word(raw);
    let set = counted();
    if set.contains(norm.as_str()) {
        return true;
    }
    let bare = norm.strip_prefix('و').unwrap_or(&norm);
    set.contains(bare) || set.contains(bare.strip_suffix('ا').unwrap_or(bare))
}

fn counted() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COUNTED.iter().copied().collect())
}

const COUNTED: &[&str] = &[
    "جندي",
    "جنود",
    "شخص",
    "اشخاص",
    "يوم",
    "ايام",
    "ساعه",
    "ساعات",
    "دقيقه",
    "دقائق",
    "اسبوع",
    "اسابيع",
    "شهر",
    "اشهر",
    "شهور",
    "سنه",
    "سنوات",
    "عام",
    "اعوام",
    "الف",
    "الاف",
    "مليون",
    "ملايين",
    "مليار",
    "كلم",
    "كم",
    "كيلومتر",
    "كيلومترا",
    "متر",
    "دولار",
    "يورو",
    "قتيل",
    "قتلي",
    "جريح",
    "جرحي",
    "مدني",
    "مدنيين",
    "عسكري",
    "عسكريين",
    "خبير",
    "خبراء",
    "ضابط",
    "ضباط",
    "فرد",
    "افراد",
    "نازح",
    "نازحين",
    "اسير",
    "اسري",
    "مدرعه",
    "مركبه",
    "دبابه",
    "طائره",
    "صاروخ",
    "قذيفه",
    "منزل",
    "عائله",
    "نسمه",
    "طن",
    "هكتار",
    "هكتارات",
    "غرفه",
    "موقع",
    "قريه",
    "قري",
    "لاجئ",
    "لاجئين",
    "مقاتل",
    "مقاتلين",
    "عنصر",
    "عناصر",
    "شرطي",
    "رجل",
    "امراه",
    "طفل",
    "اطفال",
    "قطعه",
    "مرات",
    "مره",
];

/// FxHash: the table is looked up for every word of the text, and its keys are
/// fixed, so a fast non-keyed hash is the right trade.
fn table() -> &'static FxHashMap<&'static str, Word> {
    static TABLE: OnceLock<FxHashMap<&'static str, Word>> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

fn build_table() -> FxHashMap<&'static str, Word> {
    let mut t = FxHashMap::default();
    for (name, month) in MONTHS {
        t.insert(*name, Word::Month(*month));
    }
    for (name, month) in AMBIGUOUS_MONTHS {
        t.insert(*name, Word::AmbiguousMonth(*month));
    }
    for (name, day) in WEEKDAYS {
        t.insert(*name, Word::Weekday(*day));
    }
    for (name, tens) in DECADES {
        t.insert(*name, Word::Decade(*tens));
    }
    for (name, part) in PERIODS {
        t.insert(*name, Word::Period(*part));
    }
    for (name, anchor) in ANCHORS {
        t.insert(*name, Word::Anchor(*anchor));
    }
    for (name, n) in ORDINALS {
        t.insert(*name, Word::Ordinal(*n));
    }
    for (name, tens) in ORDINAL_TENS {
        t.insert(*name, Word::OrdinalTens(*tens));
    }
    for (name, unit, count) in DURATIONS {
        t.insert(*name, Word::Duration(*unit, *count));
    }
    for (name, n) in CARDINALS {
        t.insert(*name, Word::Cardinal(*n));
    }
    for name in NAMED_AFTER_DATE {
        t.insert(*name, Word::NamedAfterDate);
    }
    for (names, word) in OTHERS {
        for name in *names {
            t.insert(*name, *word);
        }
    }
    t
}

/// Month names of every region, normalized: Egyptian and Gulf (يناير …
/// ديسمبر with يونيه, يوليه), Maghrebi (جانفي, فيفري, أفريل, جوان, جويلية,
/// أوت), Moroccan (يوليوز, غشت, شتنبر, نونبر, دجنبر), Mauritanian (أغشت,
/// شتمبر, دجمبر), Levantine and Iraqi (شباط … أيلول; كانون and تشرين with
/// their ordinal are read apart), and spellings with ڤ or without a letter.
const MONTHS: &[(&str, u8)] = &[
    ("يناير", 1),
    ("جانفي", 1),
    ("جانفييه", 1),
    ("فيفري", 2),
    ("فبرير", 2),
    ("ڤبراير", 2),
    ("افريل", 4),
    ("جوان", 6),
    ("جوين", 6),
    ("جويليه", 7),
    ("جوليت", 7),
    ("اوت", 8),
    ("اغشت", 8),
    ("اغسطوس", 8),
    ("شتمبر", 9),
    ("سيبتمبر", 9),
    ("اكتوبر", 10),
    ("اكتوبير", 10),
    ("نوڤمبر", 11),
    ("نوفمير", 11),
    ("دجمبر", 12),
    ("دسمبر", 12),
    ("ديسيمبر", 12),
    ("فبراير", 2),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("يوليوز", 7),
    ("اغسطس", 8),
    ("غشت", 8),
    ("سبتمبر", 9),
    ("شتنبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("نونبر", 11),
    ("ديسمبر", 12),
    ("دجنبر", 12),
    ("شباط", 2),
    ("اذار", 3),
    ("ايار", 5),
    ("حزيران", 6),
    ("ايلول", 9),
];

/// ماي is also dialect "water" and a name.
const AMBIGUOUS_MONTHS: &[(&str, u8)] = &[
    ("مارس", 3),
    ("نيسان", 4),
    ("ماي", 5),
    ("تموز", 7),
    ("اب", 8),
];

/// Ordinals 3 to 10, masculine and feminine, with and without the article (1
/// and 2 are [`Word::First`] / [`Word::Second`], which كانون and تشرين share).
const ORDINALS: &[(&str, u8)] = &[
    ("الاولي", 1),
    ("الثانيه", 2),
    ("الثالث", 3),
    ("الثالثه", 3),
    ("ثالث", 3),
    ("الرابع", 4),
    ("الرابعه", 4),
    ("رابع", 4),
    ("الخامس", 5),
    ("الخامسه", 5),
    ("خامس", 5),
    ("السادس", 6),
    ("السادسه", 6),
    ("سادس", 6),
    ("السابع", 7),
    ("السابعه", 7),
    ("سابع", 7),
    ("الثامن", 8),
    ("الثامنه", 8),
    ("ثامن", 8),
    ("التاسع", 9),
    ("التاسعه", 9),
    ("تاسع", 9),
    ("العاشر", 10),
    ("العاشره", 10),
    ("عاشر", 10),
];

/// Units of time other than يوم, شهر, عام and سنة (which have their own
/// roles), with the count the form carries: the dual 2, the singular 1, the
/// plural and the accusative singular after 11 and more 0 (they take a count
/// before them: «ثلاثة أيام», «15 يوما»).
const DURATIONS: &[(&str, Unit, u8)] = &[
    ("يوما", Unit::Day, 0),
    ("اسبوعا", Unit::Week, 0),
    ("شهرا", Unit::Month, 0),
    ("عاما", Unit::Year, 0),
    ("يومين", Unit::Day, 2),
    ("ايام", Unit::Day, 0),
    ("اسبوع", Unit::Week, 1),
    ("اسبوعين", Unit::Week, 2),
    ("اسابيع", Unit::Week, 0),
    ("شهرين", Unit::Month, 2),
    ("اشهر", Unit::Month, 0),
    ("شهور", Unit::Month, 0),
    ("عامين", Unit::Year, 2),
    ("سنتين", Unit::Year, 2),
    ("اعوام", Unit::Year, 0),
    ("سنوات", Unit::Year, 0),
    ("سنين", Unit::Year, 0),
];

/// Cardinals 3 to 9, both genders (عشرة is [`Word::Teen`], read as 10 here).
const CARDINALS: &[(&str, u8)] = &[
    ("ثلاثه", 3),
    ("ثلاث", 3),
    ("اربعه", 4),
    ("اربع", 4),
    ("خمسه", 5),
    ("خمس", 5),
    ("سته", 6),
    ("ست", 6),
    ("سبعه", 7),
    ("سبع", 7),
    ("ثمانيه", 8),
    ("ثماني", 8),
    ("تسعه", 9),
    ("تسع", 9),
];

/// The tens of ordinals 20 to 31 (the same words as the cardinals: «الحادي
/// والعشرين», «الثلاثين»).
const ORDINAL_TENS: &[(&str, u8)] = &[("العشرين", 20), ("الثلاثين", 30)];

/// Nouns a day and month name a place or a body after, in Egypt, the Levant,
/// Iraq and the Maghreb («مدينة 6 أكتوبر», «جسر 14 تموز», «حركة 20 فبراير»).
const NAMED_AFTER_DATE: &[&str] = &[
    "شارع",
    "ميدان",
    "ساحه",
    "مدينه",
    "حي",
    "جسر",
    "كوبري",
    "جامعه",
    "مطار",
    "ملعب",
    "مستشفي",
    "مدرسه",
    "نفق",
    "محور",
    "طريق",
    "جاده",
    "حركه",
    "تيار",
    "تحالف",
    "قوي",
    "كليه",
    "معهد",
    "مسجد",
    "نادي",
    "قاعده",
    "منطقه",
];

const WEEKDAYS: &[(&str, u8)] = &[
    ("الاثنين", 1),
    ("الثلاثاء", 2),
    ("الاربعاء", 3),
    ("الخميس", 4),
    ("الجمعه", 5),
    ("السبت", 6),
    ("الاحد", 7),
];

/// Decade words with and without the article, in the -يات and -ات spellings.
const DECADES: &[(&str, u8)] = &[
    ("العشرينيات", 2),
    ("العشرينات", 2),
    ("عشرينيات", 2),
    ("الثلاثينيات", 3),
    ("الثلاثينات", 3),
    ("ثلاثينيات", 3),
    ("الاربعينيات", 4),
    ("الاربعينات", 4),
    ("اربعينيات", 4),
    ("الخمسينيات", 5),
    ("الخمسينات", 5),
    ("خمسينيات", 5),
    ("الستينيات", 6),
    ("الستينات", 6),
    ("ستينيات", 6),
    ("السبعينيات", 7),
    ("السبعينات", 7),
    ("سبعينيات", 7),
    ("الثمانينيات", 8),
    ("الثمانينات", 8),
    ("ثمانينيات", 8),
    ("التسعينيات", 9),
    ("التسعينات", 9),
    ("تسعينيات", 9),
];

const PERIODS: &[(&str, Part)] = &[
    ("منتصف", Part::Mid),
    ("اواسط", Part::Mid),
    ("اوائل", Part::Early),
    ("مطلع", Part::Early),
    ("بدايه", Part::Early),
    ("مستهل", Part::Early),
    ("اواخر", Part::Late),
    ("نهايه", Part::Late),
];

const ANCHORS: &[(&str, Anchor)] = &[
    ("الماضي", Anchor::Past),
    ("الماضيه", Anchor::Past),
    ("المنصرم", Anchor::Past),
    ("المنصرمه", Anchor::Past),
    ("الفائت", Anchor::Past),
    ("الجاري", Anchor::Current),
    ("الجاريه", Anchor::Current),
    ("الحالي", Anchor::Current),
    ("الحاليه", Anchor::Current),
    ("المقبل", Anchor::Next),
    ("المقبله", Anchor::Next),
    ("القادم", Anchor::Next),
    ("القادمه", Anchor::Next),
];

const OTHERS: &[(&[&str], Word)] = &[
    (&["كانون"], Word::Kanun),
    (&["تشرين"], Word::Tishrin),
    (&["الاول", "اول"], Word::First),
    (&["الثاني", "ثاني"], Word::Second),
    (
        &["فجر", "صباح", "مساء", "ظهر", "عصر", "ليل", "ليله", "ظهيره"],
        Word::TimeOfDay,
    ),
    (&["عام", "سنه"], Word::YearWord),
    (&["العام", "السنه"], Word::TheYear),
    (&["الشهر"], Word::TheMonth),
    (&["شهر"], Word::MonthWord),
    (&["يوم"], Word::DayWord),
    (&["اليوم"], Word::Today),
    (&["امس", "البارحه"], Word::Yesterday),
    (&["غدا", "غد"], Word::Tomorrow),
    (&["غداه"], Word::Ghadat),
    (&["التالي", "التاليه"], Word::Following),
    (&["السابق", "السابقه"], Word::Preceding),
    (&["نفسه", "ذاته", "نفسها", "ذاتها"], Word::SameAfter),
    (&["نفس", "ذات"], Word::SameBefore),
    (&["هذا", "هذه"], Word::This),
    (&["من"], Word::Of),
    (&["في", "حتي", "خلال"], Word::YearPreposition),
    (&["منذ"], Word::Since),
    (&["قبل"], Word::Before),
    (&["بعد"], Word::After),
    (&["الاسبوع"], Word::TheWeek),
    (&["العقد"], Word::TheDecade),
    (&["عامي", "سنتي"], Word::YearsWord),
    (&["بين"], Word::Between),
    (&["الي"], Word::To),
    (&["ربيع"], Word::Season(3)),
    (&["صيف"], Word::Season(6)),
    (&["خريف"], Word::Season(9)),
    (&["القرن"], Word::Century),
    (&["الحادي", "الحاديه", "حادي"], Word::UnitOne),
    (&["عشر", "عشره"], Word::Teen),
    (
        &["ه", "هجري", "هجريه", "الهجره", "الهجري", "هجريا"],
        Word::HijriMark,
    ),
    (
        &["م", "ميلادي", "ميلاديه", "الميلاد", "الميلادي"],
        Word::GregorianMark,
    ),
    (&["تاريخ", "الموافق"], Word::DateCue),
    (&["محرم", "المحرم"], Word::HijriMonth(1)),
    (&["صفر"], Word::AmbiguousHijriMonth(2)),
    (&["رجب"], Word::AmbiguousHijriMonth(7)),
    (&["شعبان"], Word::HijriMonth(8)),
    (&["رمضان"], Word::HijriMonth(9)),
    (&["شوال"], Word::HijriMonth(10)),
    (&["جمادي"], Word::Jumada),
    (&["ذو", "ذي", "ذا"], Word::Dhu),
    (&["القعده"], Word::DhuMonth(11)),
    (&["الحجه"], Word::DhuMonth(12)),
    (&["الاخر", "الاخره"], Word::Last),
    (&["غره"], Word::Ghurra),
    (&["عيد"], Word::Eid),
    (&["الفطر"], Word::Feast(10, 1)),
    (&["الاضحي"], Word::Feast(12, 10)),
    (&["الامس"], Word::Yesterday),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn look(raw: &str) -> Option<(Word, usize)> {
        lookup(&normalize_word(raw))
    }

    #[test]
    fn finds_words_with_and_without_clitics() {
        assert_eq!(look("نوفمبر"), Some((Word::Month(11), 0)));
        assert_eq!(look("وأيلول"), Some((Word::Month(9), 1)));
        assert_eq!(look("لعام"), Some((Word::YearWord, 1)));
        assert_eq!(look("للعام"), Some((Word::TheYear, 0)));
        assert_eq!(look("واليوم"), Some((Word::Today, 1)));
        assert_eq!(look("ففي"), Some((Word::YearPreposition, 1)));
        assert_eq!(look("الإثنين"), Some((Word::Weekday(1), 0)));
        assert_eq!(look("الجمعة"), Some((Word::Weekday(5), 0)));
    }

    #[test]
    fn rejects_look_alikes() {
        assert_eq!(look("لامس"), None, "touched, not yesterday");
        assert_eq!(look("الجمعية"), None);
        assert_eq!(look("وقف"), None);
    }

    #[test]
    fn every_key_fits_the_length_bound() {
        assert!(table().keys().all(|k| k.len() <= MAX_KEY_BYTES));
    }

    #[test]
    fn counted_nouns() {
        assert!(is_counted_noun("جنديًا"));
        assert!(is_counted_noun("يوماً"));
        assert!(is_counted_noun("شخصا"));
        assert!(is_counted_noun("ألف"));
        assert!(!is_counted_noun("أرسلت"));
    }
}
