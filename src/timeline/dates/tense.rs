//! The tense of the clause a weekday stands in: «سيزور الوفد القاهرة يوم الأحد»
//! is the coming Sunday, «زار الوفد القاهرة يوم الأحد» the last one. Only the
//! words before the weekday in its sentence are read: Arabic puts the verb and
//! «من المقرر أن» first.

use super::tokens::Class;
use super::Matcher;

/// How far back a future marker may stand, in words.
const REACH: usize = 12;

/// Words and phrases that put a clause in the future.
const FUTURE_WORDS: &[&str] = &["سوف", "المقرر", "المتوقع", "المزمع", "يعتزم", "تعتزم"];

/// Nouns and past verbs that begin like a سـ future verb.
const NOT_FUTURE: &[&str] = &[
    "سيطر", "سياس", "سيار", "سيد", "سينا", "سيول", "سنو", "سنه", "سنت", "ستين", "سته", "ستمر",
    "سيبق",
];

impl Matcher<'_> {
    /// A future marker between the start of the sentence and word `i`.
    pub(super) fn future_before(&self, i: usize) -> bool {
        let from = i.saturating_sub(REACH);
        for j in (from..i).rev() {
            if ends_sentence(self.gap(j + 1)) {
                return false;
            }
            if self
                .words
                .get(j)
                .is_some_and(|w| matches!(w.class, Class::Future))
            {
                return true;
            }
        }
        false
    }
}

fn ends_sentence(gap: &str) -> bool {
    gap.contains(['.', '!', '؟', '?', '\n', '؛'])
}

/// سيزور, ستنطلق, سنعمل (the prefix سـ on an imperfect verb), سوف, المقرر.
pub(super) fn is_future_word(norm: &str) -> bool {
    let bare = norm.strip_prefix('و').unwrap_or(norm);
    if FUTURE_WORDS.contains(&bare) {
        return true;
    }
    let Some(rest) = bare.strip_prefix('س') else {
        return false;
    };
    // A سـ verb is short: longer words beginning so are names (ستيبانيان),
    // except with the plural ending (سيجتمعون).
    let letters = bare.chars().count();
    let short = letters <= 7 || (letters <= 9 && bare.ends_with("ون"));
    let imperfect = rest.starts_with(['ي', 'ت', 'ن']) && letters >= 4 && short;
    imperfect && !NOT_FUTURE.iter().any(|p| bare.starts_with(p)) && !bare.ends_with('ت')
}

#[cfg(test)]
mod tests {
    use super::is_future_word;

    #[test]
    fn future_verbs_and_markers() {
        for w in [
            "سيزور",
            "ستنطلق",
            "سيلتقي",
            "سنعمل",
            "سوف",
            "المقرر",
            "وسيعقد",
            "يعتزم",
            "سيجتمعون",
        ] {
            assert!(is_future_word(w), "{w}");
        }
        for w in [
            "سيطرت",
            "سيطر",
            "ستيبانيان",
            "سياسه",
            "سياره",
            "سنوات",
            "سنه",
            "زار",
            "ستين",
            "سيدات",
        ] {
            assert!(!is_future_word(w), "{w}");
        }
    }
}
