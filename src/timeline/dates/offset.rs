//! Counts of time from the publication date: «قبل يومين», «منذ ثلاثة أيام»,
//! «بعد أسبوعين», «قبل خمس سنوات», «قبل أمس», «بعد غد», and the weeks
//! «الأسبوع الماضي», «هذا الأسبوع».
//!
//! A count with «من» or «على» after it is counted from an event, not from
//! publication («بعد يومين من الهجوم»), and gives no date; so does a count
//! without قبل / بعد / منذ («لمدة يومين»: a duration) or without a number
//! («قبل أيام»: vague).

use super::{Match, Matcher};
use crate::arabic::normalize_word;
use crate::timeline::expression::Kind;
use crate::timeline::lexicon::{Unit, Word};

impl Matcher<'_> {
    /// «قبل يومين», «منذ ثلاثة أشهر», «بعد شهر», «قبل أمس», «بعد غد», from
    /// قبل / بعد / منذ at `i`.
    pub(super) fn offset(&self, i: usize) -> Option<Match> {
        if !self.tight(i + 1) {
            return None;
        }
        let sign = if self.is(i, Word::After) { 1 } else { -1 };
        match self.word(i + 1) {
            Some(Word::Yesterday) if self.is(i, Word::Before) => {
                return Some((i + 2, self.expr(i, i + 1, Kind::DayOffset(-2))));
            }
            Some(Word::Tomorrow) if self.is(i, Word::After) => {
                return Some((i + 2, self.expr(i, i + 1, Kind::DayOffset(2))));
            }
            _ => {}
        }
        let (next, count, unit) = self.count_of_time(i + 1)?;
        if self.counted_from_an_event(next) {
            return None;
        }
        let kind = Kind::Offset {
            amount: sign * i32::from(count),
            unit,
        };
        Some((next, self.expr(i, next - 1, kind)))
    }

    /// A count of time at `j`: يومين, أسبوع, شهر, عامين, ثلاثة أيام, عشرة أيام,
    /// 15 يوما. Returns the next word, the count and the unit.
    fn count_of_time(&self, j: usize) -> Option<(usize, u8, Unit)> {
        if let Some((unit, count)) = self.unit_at(j) {
            return (count > 0).then_some((j + 1, count, unit));
        }
        let count = match self.word(j) {
            Some(Word::Cardinal(n)) => n,
            Some(Word::Teen) => 10,
            _ => match self.number(j)? {
                (n, digits) if digits <= 2 && n > 0 => u8::try_from(n).ok()?,
                _ => return None,
            },
        };
        if !self.tight(j + 1) {
            return None;
        }
        let (unit, _) = self.unit_at(j + 1)?;
        Some((j + 2, count, unit))
    }

    /// The unit of time at `j` and the count its form carries (0 for a
    /// plural). عام and سنة before a year number are «the year 1967», not
    /// «a year».
    fn unit_at(&self, j: usize) -> Option<(Unit, u8)> {
        match self.word(j)? {
            Word::Duration(unit, count) => Some((unit, count)),
            Word::DayWord => Some((Unit::Day, 1)),
            Word::MonthWord => Some((Unit::Month, 1)),
            Word::YearWord if self.number(j + 1).is_none() => Some((Unit::Year, 1)),
            _ => None,
        }
    }

    /// «من» or «على» right after the count: «بعد يومين من الهجوم».
    fn counted_from_an_event(&self, next: usize) -> bool {
        let Some(w) = self.words.get(next) else {
            return false;
        };
        let norm = normalize_word(&self.text[w.start..w.end]);
        self.tight(next) && (norm == "من" || norm == "علي")
    }

    /// «الأسبوع الماضي», «الأسبوع المقبل», «الأسبوع الجاري».
    pub(super) fn relative_week(&self, i: usize) -> Option<Match> {
        match self.word(i + 1)? {
            Word::Anchor(a) if self.tight(i + 1) => {
                Some((i + 2, self.expr(i, i + 1, Kind::RelativeWeek(a))))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::find_all;
    use crate::timeline::expression::Kind;
    use crate::timeline::lexicon::{Anchor, Unit};

    fn offset(amount: i32, unit: Unit) -> Kind {
        Kind::Offset { amount, unit }
    }

    #[test]
    fn counts_before_and_after() {
        for (text, want) in [
            ("وصل قبل يومين إلى", offset(-2, Unit::Day)),
            ("قبل ثلاثة أيام", offset(-3, Unit::Day)),
            ("قبل عشرة أيام", offset(-10, Unit::Day)),
            ("منذ يومين", offset(-2, Unit::Day)),
            ("بعد أسبوعين", offset(2, Unit::Week)),
            ("بعد ثلاثة أسابيع", offset(3, Unit::Week)),
            ("قبل شهرين", offset(-2, Unit::Month)),
            ("بعد شهر", offset(1, Unit::Month)),
            ("قبل خمس سنوات", offset(-5, Unit::Year)),
            ("منذ عامين", offset(-2, Unit::Year)),
            ("قبل 15 يوما", offset(-15, Unit::Day)),
            ("قبل أمس", Kind::DayOffset(-2)),
            ("بعد غد", Kind::DayOffset(2)),
        ] {
            let got = find_all(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].1, want, "{text}");
        }
    }

    #[test]
    fn durations_vague_counts_and_events_are_not_offsets() {
        for text in [
            "استمر الاعتصام لمدة يومين",
            "استمرت ثلاثة أيام متواصلة",
            "منذ سنوات",
            "قبل أيام",
            "بعد يومين من الهجوم",
            "قبل أسبوع على الانتخابات",
            "منذ 1000 عام",
        ] {
            assert!(find_all(text).is_empty(), "{text}");
        }
        assert_eq!(find_all("قبل عام 1967")[0].0, "عام 1967");
    }

    #[test]
    fn weeks() {
        assert_eq!(
            find_all("في الأسبوع الماضي زار"),
            [("الأسبوع الماضي", Kind::RelativeWeek(Anchor::Past))]
        );
        assert_eq!(
            find_all("هذا الأسبوع"),
            [("هذا الأسبوع", Kind::RelativeWeek(Anchor::Current))]
        );
        assert!(find_all("الأسبوع الأول من البطولة").is_empty());
    }
}
