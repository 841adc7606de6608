//! What stops a date-looking phrase from being a date. A missed date costs a
//! reader one event; a wrong one puts a false event on the timeline, so these
//! err towards no date:
//!
//! - a Hijri year («عام 1444 هـ») is never a Gregorian one;
//! - a day and month after a place or body is its name («شارع 26 يوليو»,
//!   «مدينة 6 أكتوبر», «حركة 20 فبراير»);
//! - a number after في with a noun after it counts the noun («في 1500 مدرسة»);
//! - اليوم before an ordinal or an adjective is a day of something or a named
//!   day («اليوم الخامس للاحتجاجات», «اليوم الوطني»), not today;
//! - a decade «من عمره» is an age.

use super::Matcher;
use crate::arabic::normalize_word;
use crate::timeline::lexicon::Word;

/// Words a bare year after في may be followed by when it is a year: particles
/// and the verbs that open a clause (a noun there is what the number counts).
const AFTER_BARE_YEAR: &[&str] = &[
    "في",
    "على",
    "من",
    "الي",
    "عن",
    "مع",
    "حتي",
    "بعد",
    "قبل",
    "ثم",
    "قد",
    "لم",
    "لن",
    "كان",
    "كانت",
    "اصبح",
    "اصبحت",
    "بدا",
    "بدات",
    "وقع",
    "وقعت",
    "قال",
    "قالت",
    "اعلن",
    "اعلنت",
    "انتقل",
    "عاد",
    "زار",
    "تم",
    "جري",
    "جرت",
    "شهد",
    "شهدت",
    "وفق",
    "وفقا",
    "حسب",
    "بحسب",
];

impl Matcher<'_> {
    /// هـ, هجري or للهجرة right after word `i`.
    pub(super) fn hijri_after(&self, i: usize) -> bool {
        self.is(i + 1, Word::HijriMark) && self.gap(i + 1).trim().is_empty()
    }

    /// «شارع 26 يوليو», «مدينة 6 أكتوبر»: a place or body noun at `i` named
    /// by the day and month after it. Returns the word after the name, so
    /// that neither the date nor its month alone is read.
    pub(super) fn named_by_date(&self, i: usize) -> Option<usize> {
        if !self.is(i, Word::NamedAfterDate) || !self.tight(i + 1) {
            return None;
        }
        self.day_month(i + 1, None, i + 1).map(|(next, _)| next)
    }

    /// After a bare four-digit number at `i` (no عام, no month), whether the
    /// next word lets it be a year: the end of the clause, a date word, a
    /// definite word, a particle or a verb; not a noun it counts.
    pub(super) fn year_may_end_at(&self, i: usize) -> bool {
        let Some(next) = self.words.get(i + 1) else {
            return true;
        };
        match self.word(i + 1) {
            _ if !self.tight(i + 1) => return true,
            Some(Word::NamedAfterDate) | None => {}
            Some(_) => return true,
        }
        let raw = &self.text[next.start..next.end];
        let norm = normalize_word(raw);
        let bare = norm
            .strip_prefix('و')
            .or_else(|| norm.strip_prefix('ف'))
            .unwrap_or(&norm);
        if bare.starts_with("ال") || bare.starts_with("لل") || bare.starts_with("بال") {
            return true;
        }
        if AFTER_BARE_YEAR.contains(&bare) || AFTER_BARE_YEAR.contains(&norm.as_str()) {
            return true;
        }
        // A past verb in the feminine (أعلنت, اندلعت); not a plural in -ات.
        raw.ends_with('ت') && !["ات", "يت", "وت"].iter().any(|s| norm.ends_with(s))
    }

    /// اليوم at `i` before a word that makes it «the day of …»: an ordinal
    /// («اليوم الخامس للاحتجاجات») or a relational adjective («اليوم الوطني»).
    pub(super) fn day_of_something(&self, i: usize) -> bool {
        if !self.tight(i + 1) {
            return false;
        }
        if self.ordinal(i + 1).is_some() {
            return true;
        }
        let Some(next) = self.words.get(i + 1) else {
            return false;
        };
        if self.word(i + 1).is_some() {
            return false;
        }
        let raw = &self.text[next.start..next.end];
        if !raw.ends_with(['ي', 'ى', '\u{651}']) {
            return false; // the common case, without normalizing
        }
        let norm = normalize_word(raw);
        norm.starts_with("ال") && norm.ends_with('ي') && norm.chars().count() >= 5
    }

    /// «من عمره» after the decade word at `i`: an age, not a decade.
    pub(super) fn age_after(&self, i: usize) -> bool {
        let Some(w) = self.words.get(i + 2) else {
            return false;
        };
        let norm = normalize_word(&self.text[w.start..w.end]);
        self.is(i + 1, Word::Of) && self.tight(i + 1) && self.tight(i + 2) && norm.contains("عمر")
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{find_all, texts};
    use crate::timeline::expression::Kind;

    #[test]
    fn hijri_years_are_not_gregorian() {
        for text in [
            "تأسست عام 1444 هـ في",
            "بنيت سنة 1440 للهجرة",
            "صدر سنة 1400 هجري",
            "في 1390 هـ",
            "تأسست عام 1444هـ في",
        ] {
            let got = find_all(text);
            assert!(
                !got.is_empty() && got.iter().all(|(_, k)| matches!(k, Kind::Hijri(_))),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn named_places_keep_their_dates_as_names() {
        for text in [
            "يسكن في مدينة 6 أكتوبر قرب",
            "في شارع 26 يوليو وسط",
            "على كوبري 15 مايو.",
            "بميدان 23 يوليو",
            "جسر 14 تموز",
            "نظمت حركة 20 فبراير",
        ] {
            assert!(find_all(text).is_empty(), "{text}");
        }
        assert_eq!(texts("في 26 يوليو 1952 غادر"), ["26 يوليو 1952"]);
    }

    #[test]
    fn numbers_that_count_nouns_are_not_years() {
        for text in [
            "يدرس الأطفال في 1500 مدرسة حكومية",
            "انتشر الجنود في 2000 حاجز",
            "في 1200 مصنع صغير",
        ] {
            assert!(find_all(text).is_empty(), "{text}");
        }
        for (text, year) in [
            ("انتقل في 1999 للدراسة", "1999"),
            ("في 2020، أعلنت", "2020"),
            ("في 2011 اندلعت الاحتجاجات", "2011"),
            ("في 2011 الحكومة", "2011"),
            ("منذ 2003.", "2003"),
            ("تمتد حتى 2025 وفق الخطة", "2025"),
        ] {
            assert_eq!(texts(text), [year], "{text}");
        }
    }

    #[test]
    fn days_of_something_and_ages() {
        for text in [
            "في اليوم الخامس للاحتجاجات",
            "احتفلت البلاد باليوم الوطني للشجرة",
            "باليوم العالمي للمرأة",
            "وهو في الخمسينيات من عمره",
            "اجتمع الأحد عشر وزيرا",
        ] {
            assert!(find_all(text).is_empty(), "{text}");
        }
        assert_eq!(texts("وأعلن اليوم أن"), ["اليوم"]);
        assert_eq!(
            texts("في اليوم الرابع من تشرين الأول افتتح"),
            ["اليوم الرابع من تشرين الأول"]
        );
    }
}
