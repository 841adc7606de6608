//! A light stemmer in the manner of Larkey's Light10 as Lucene's `ArabicStemmer`
//! implements it, applied to normalized words, extended for the forms of news
//! text that Light10 leaves apart (issue 14): pronoun suffixes, stacked
//! proclitics, ة written ت before a suffix, and words whose first letter only
//! looks like a proclitic.

use std::borrow::Cow;

use super::lexicon::{lexicon, Lexicon};

/// Longest match wins. Light10's, then the stacked ones news text writes
/// (وللحكومة, وبالانتخابات, فللمعلمين).
const PREFIXES: [&str; 12] = [
    "ال", "وال", "بال", "كال", "فال", "لل", "ولل", "فلل", "وبال", "فبال", "وكال", "و",
];
/// Attached pronouns, tried before Light10's suffixes so that ات+ها (قواتها)
/// loses both; the longest that leaves three letters is taken.
const PRONOUNS: [&str; 11] = [
    "هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ني", "ه", "ي",
];
// Normalization has already turned ة into ه, so Lucene's ية and ة rows are covered
// by يه and ه.
const SUFFIXES: [&str; 8] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];
/// Ends the stem of a word kept whole: normalization drops tatweel from every
/// word, so no other word's stem can end with it.
const KEPT_MARK: &str = "\u{0640}";

/// Which way an ambiguous word is read.
#[derive(Debug, Clone, Copy, Default)]
struct Reading {
    /// A leading و belongs to the word (وزير), not a conjunction.
    keep_waw: bool,
    /// لل is ل before a word in ل with its article (للجنة = ل + اللجنة).
    single_lam: bool,
    /// No prefix is stripped (to look a word up in the lexicon).
    no_prefix: bool,
}

/// What the stemmer had to guess, so the other readings can be made.
#[derive(Debug, Default)]
struct Guesses {
    waw: bool,
    lam_pair: bool,
    /// Byte offset in the word of a ت a suffix exposed, which may be ة.
    ta_at: Option<usize>,
    /// The word may be a plural in construct, ون without its ن (معلمو).
    construct: bool,
}

/// Stems a normalized word. Words that are not Arabic script come back unchanged.
pub fn stem(normalized: &str) -> String {
    stem_slice(normalized).into_owned()
}

/// [`stem`] without allocating for nearly every word: a slice of the
/// normalized word, owned only for a word kept whole.
///
/// One prefix at most is removed (the longest), then one attached pronoun, a
/// final alef from words of four letters or more (undiacritized accusatives,
/// and ى written ا before a suffix: مستواه), then Light10's suffixes in list
/// order, each only when enough letters remain.
pub fn stem_slice(normalized: &str) -> Cow<'_, str> {
    light(normalized, Reading::default(), lexicon()).0
}

/// Every stem the word may have: [`stem`] first, then the other readings of
/// its ambiguous affixes (و as conjunction or first letter, لل as one or two
/// proclitics, ت as ة before a suffix). The index holds them all, and a
/// query word matches a text word when they share one.
pub fn stems(normalized: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_stem(normalized, |s| out.push(s.to_string()));
    out
}

/// [`stems`] without collecting them: calls `f` with each stem once, [`stem`]
/// first. Allocates only for the words that have another reading.
pub fn for_each_stem(normalized: &str, mut f: impl FnMut(&str)) {
    let lex = lexicon();
    let (first, guesses) = light(normalized, Reading::default(), lex);
    f(&first);
    let mut others: Vec<String> = Vec::new();
    let mut add = |s: Cow<'_, str>, f: &mut dyn FnMut(&str)| {
        if !s.is_empty() && s != first && !others.iter().any(|o| *o == s) {
            f(&s);
            others.push(s.into_owned());
        }
    };
    if guesses.waw {
        let reading = Reading {
            keep_waw: true,
            ..Reading::default()
        };
        add(light(normalized, reading, lex).0, &mut f);
    }
    if guesses.lam_pair {
        let reading = Reading {
            single_lam: true,
            ..Reading::default()
        };
        add(light(normalized, reading, lex).0, &mut f);
    }
    if let Some(at) = guesses.ta_at {
        if let Some(before) = normalized.get(..at) {
            let restored = format!("{before}ه");
            add(light(&restored, Reading::default(), lex).0, &mut f);
        }
    }
    if guesses.construct {
        if let Some(without) = first.strip_suffix('و') {
            add(Cow::Owned(without.to_string()), &mut f);
        }
    }
}

/// Is `word` (normalized) one whose first letter belongs to it, by the word
/// list: كتاب is not ك + تاب, وزير not و + زير.
pub fn is_radical_initial(word: &str) -> bool {
    let lex = lexicon();
    may_start_with_proclitic(word)
        && (lex.is_kept(word) || lex.is_radical_initial(word, &stem_without_prefix(word, lex)))
}

/// The stem with no prefix stripped: how the lexicon's words are looked up.
pub(crate) fn stem_without_prefix<'a>(normalized: &'a str, lex: &Lexicon) -> Cow<'a, str> {
    let reading = Reading {
        no_prefix: true,
        ..Reading::default()
    };
    light(normalized, reading, lex).0
}

fn light<'a>(word: &'a str, reading: Reading, lex: &Lexicon) -> (Cow<'a, str>, Guesses) {
    let mut guesses = Guesses::default();
    if !word.chars().any(is_arabic_letter) {
        return (Cow::Borrowed(word), guesses);
    }
    // Works on string slices, counting letters once: the affixes are whole
    // characters, so `starts_with`/`ends_with` compare exactly what a comparison
    // of `char`s would, without collecting the word into a vector.
    let mut w = word;
    let mut len = w.chars().count();
    if lex.is_kept(w) {
        return (kept(w), guesses);
    }
    if !reading.no_prefix {
        strip_prefix(&mut w, &mut len, reading, lex, &mut guesses);
        if w.len() < word.len() && lex.is_kept(w) {
            return (kept(w), guesses);
        }
    }
    let mut last = strip_pronoun(&mut w, &mut len);
    // An adjective in ي of a name kept whole is the name's (اللبناني).
    if last == Some("ي") && lex.is_name(w) {
        return (kept(w), guesses);
    }
    if last.is_some() && w.ends_with('ت') {
        guesses.ta_at = Some(offset_in(word, w) + w.len() - 'ت'.len_utf8());
    }
    if len >= 4 {
        if let Some(rest) = w.strip_suffix('ا') {
            w = rest;
            len -= 1;
        }
    }
    for suffix in SUFFIXES {
        if strip_suffix(&mut w, &mut len, suffix) {
            last = Some(suffix);
            if matches!(suffix, "ين" | "ان") && w.ends_with('ت') && guesses.ta_at.is_none() {
                // The dual of a word in ة: الدولتين.
                guesses.ta_at = Some(offset_in(word, w) + w.len() - 'ت'.len_utf8());
            }
        }
    }
    if matches!(last, Some("ي" | "يه")) && lex.is_name(w) {
        return (kept(w), guesses);
    }
    guesses.construct = last.is_none() && is_construct_plural(w, len);
    (Cow::Borrowed(w), guesses)
}

/// Sound plurals are nearly all participles in م; in construct they lose
/// their ن (مسؤولو الحكومة, معلمو المدارس). Other words in و (باكو, موسكو)
/// keep their reading as written beside this one.
fn is_construct_plural(word: &str, len: usize) -> bool {
    len >= 5 && word.starts_with('م') && word.ends_with('و')
}

fn kept(word: &str) -> Cow<'_, str> {
    Cow::Owned(format!("{word}{KEPT_MARK}"))
}

/// Byte offset of `part` (a slice of `whole`) in `whole`.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0620}'..='\u{064A}').contains(&c) || ('\u{066E}'..='\u{06D3}').contains(&c)
}

/// Letters in an affix (all affixes are Arabic letters, two bytes each in UTF-8).
fn letters(affix: &str) -> usize {
    affix.len() / 'ا'.len_utf8()
}

/// Letters that could be a proclitic: what a stripped prefix would leave a
/// word in one of these.
fn may_start_with_proclitic(word: &str) -> bool {
    word.starts_with(['و', 'ف', 'ب', 'ل', 'ك'])
}

fn strip_prefix(
    word: &mut &str,
    len: &mut usize,
    reading: Reading,
    lex: &Lexicon,
    guesses: &mut Guesses,
) {
    // A final alef is the accusative's (ولدا = ولداً), not one of the letters
    // a single و must leave.
    let body = *len - usize::from(word.ends_with('ا'));
    let mut best: Option<&str> = None;
    for prefix in PREFIXES {
        let n = letters(prefix);
        let long_enough = if n == 1 { body >= 4 } else { *len >= n + 2 };
        if long_enough && word.starts_with(prefix) && best.is_none_or(|b| b.len() < prefix.len()) {
            best = Some(prefix);
        }
    }
    let Some(mut prefix) = best else { return };
    // The reading that keeps و needs no look-up: it keeps it either way.
    if prefix == "و" && reading.keep_waw {
        return;
    }
    // Looked up only when a prefix would come off: most words need no lookup.
    if may_start_with_proclitic(word)
        && lex.is_radical_initial(word, &stem_without_prefix(word, lex))
    {
        return;
    }
    guesses.waw = prefix == "و";
    if prefix.ends_with("لل") {
        guesses.lam_pair = true;
        if reading.single_lam {
            prefix = &prefix[..prefix.len() - 'ل'.len_utf8()];
        }
    }
    *word = &word[prefix.len()..];
    *len -= letters(prefix);
}

/// Strips one attached pronoun that leaves at least three letters. ني after
/// alef or ي is left alone: it ends adjectives of names in ان and ين
/// (الباكستاني, البحريني).
fn strip_pronoun(word: &mut &str, len: &mut usize) -> Option<&'static str> {
    for suffix in PRONOUNS {
        let n = letters(suffix);
        if *len < n + 3 {
            continue;
        }
        let Some(rest) = word.strip_suffix(suffix) else {
            continue;
        };
        if suffix == "ني" && rest.ends_with(['ا', 'ي']) {
            continue;
        }
        *word = rest;
        *len -= n;
        return Some(suffix);
    }
    None
}

/// Strips `suffix` when enough letters remain: two, as Light10 asks, or
/// three for the dual and plural endings, which otherwise take words apart
/// (بيان, مكان, ضمان are not بي, مك, ضم + ان).
fn strip_suffix(word: &mut &str, len: &mut usize, suffix: &str) -> bool {
    let n = letters(suffix);
    let keep = if matches!(suffix, "ان" | "ين" | "ون") {
        3
    } else {
        2
    };
    if *len >= n + keep {
        if let Some(rest) = word.strip_suffix(suffix) {
            *word = rest;
            *len -= n;
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arabic::normalize_word;

    fn s(w: &str) -> String {
        stem(&normalize_word(w))
    }

    /// Do two written words share a stem (any reading)?
    fn meet(a: &str, b: &str) -> bool {
        let a = stems(&normalize_word(a));
        let b = stems(&normalize_word(b));
        a.iter().any(|x| b.contains(x))
    }

    #[test]
    fn strips_article_and_conjunction_prefixes() {
        assert_eq!(s("الروسية"), s("روسي"));
        assert_eq!(s("والروسية"), s("الروسية"));
        assert_eq!(s("بالقرب"), "قرب");
        assert_eq!(s("للسلام"), "سلام");
    }

    #[test]
    fn keeps_names_that_start_with_particle_letters() {
        assert_eq!(s("باكو"), "باكو");
        assert_eq!(s("لاجئين"), "لاجئ");
        assert!(s("بوتين").starts_with("بوت"));
        assert_eq!(s("ستيباناكيرت"), "ستيباناكيرت");
    }

    #[test]
    fn strips_suffixes_with_minimum_length() {
        assert_eq!(s("قوات"), "قو");
        assert_eq!(s("بيانها"), "بيان");
        assert_eq!(s("هذه"), "هذ");
        assert_eq!(s("من"), "من");
        // The dual/plural endings leave three letters: these are words.
        assert_eq!(s("مكان"), "مكان");
        assert_eq!(s("ضمان"), "ضمان");
        assert_eq!(s("بلدان"), "بلد");
    }

    #[test]
    fn undiacritized_accusative_meets_diacritized() {
        assert_eq!(s("جنديا"), s("جنديًا"));
        assert_eq!(s("جندياً"), s("جندي"));
        // و is not taken for a conjunction when the alef is the accusative's.
        assert_eq!(s("ولدا"), s("ولداً"));
        assert_eq!(s("وقتا"), s("وقت"));
    }

    #[test]
    fn pronoun_suffixes_come_off_before_plural_endings() {
        for (a, b) in [
            ("رئيسهم", "رئيس"),
            ("بلدنا", "البلد"),
            ("أرضكن", "أرض"),
            ("وطنهما", "وطن"),
            ("استقبلهم", "استقبل"),
            ("قواتها", "القوات"),
            ("مفاوضاتهم", "مفاوضات"),
            ("تصريحاته", "التصريحات"),
            ("مستواه", "المستوى"),
            ("مستشفاها", "مستشفى"),
            // Beyond the test set.
            ("جنسيتهم", "الجنسية"),
            ("أسلحتهم", "أسلحة"),
            ("مطالبكم", "المطالب"),
        ] {
            assert!(meet(a, b), "{a} {b}");
        }
    }

    #[test]
    fn ta_before_a_suffix_is_read_as_ta_marbuta_too() {
        for (a, b) in [
            ("حكومتها", "الحكومة"),
            ("الدولتين", "دولة"),
            ("قريتنا", "القرية"),
            ("سنتين", "سنة"),
            ("حكومتها", "حكومتهم"),
            ("شرطتهم", "الشرطة"),
            ("المحافظتين", "محافظة"),
        ] {
            assert!(meet(a, b), "{a} {b}");
        }
        // The ت that is the word's own still finds the word.
        assert!(meet("بيتهم", "البيت"));
        assert!(meet("صوتها", "صوت"));
    }

    #[test]
    fn waw_is_read_both_ways_unless_the_word_is_known() {
        assert!(meet("الوزير", "وزير"));
        assert!(meet("الوثيقة", "وثيقة"));
        assert!(meet("الوسيط", "وسيط"));
        assert!(meet("ووزير", "الوزير"));
        assert!(meet("وقال", "قال"));
        assert!(meet("والحكومة", "حكومة"));
        // Not in the word list: found both ways.
        assert!(meet("الولائم", "ولائم"));
        // In it: و is the word's, so its look-alikes without و stay apart.
        assert!(!meet("وحدة", "حدة"));
        assert!(!meet("وكيل", "كيل"));
        assert!(!meet("وجود", "جود"));
    }

    #[test]
    fn plurals_in_construct_meet_their_plurals() {
        assert!(meet("مسؤولو", "المسؤولين"));
        assert!(meet("معلمو", "معلمون"));
        assert!(meet("مقاتلو", "المقاتلين"));
        assert!(meet("مواطنو", "مواطن"));
        // Names in و keep matching themselves.
        assert!(meet("موسكو", "وموسكو"));
        assert!(meet("باكو", "باكو"));
    }

    #[test]
    fn stacked_proclitics_and_lam_lam() {
        for (a, b) in [
            ("وللحكومة", "حكومة"),
            ("وبالانتخابات", "الانتخابات"),
            ("فللمعلمين", "معلمين"),
            ("للاجئين", "اللاجئين"),
            ("للجنة", "اللجنة"),
            ("لليل", "الليل"),
            ("وكالمعتاد", "المعتاد"),
        ] {
            assert!(meet(a, b), "{a} {b}");
        }
    }

    #[test]
    fn names_and_kept_words_do_not_collide() {
        assert!(!meet("البحرين", "البحر"));
        assert!(!meet("لبنان", "لبن"));
        assert!(!meet("الرياض", "الرياضة"));
        assert!(!meet("كورونا", "كوريا"));
        assert!(!meet("طهران", "طهر"));
        assert!(!meet("الألمان", "الألم"));
        assert!(!meet("الأسرى", "الأسرة"));
        // Their adjectives in ي still find them.
        assert!(meet("اللبنانية", "لبنان"));
        assert!(meet("البحريني", "البحرين"));
        assert!(meet("الألماني", "ألمان"));
        assert!(meet("الرياضية", "الرياضة"));
    }

    #[test]
    fn latin_and_numbers_are_not_stemmed() {
        assert_eq!(stem("rtjmc"), "rtjmc");
        assert_eq!(stem("1960"), "1960");
    }

    #[test]
    fn no_panic_and_no_empty_stem_on_affix_letters_alone() {
        let alphabet = ['ا', 'ل', 'و', 'ب', 'ك', 'ف', 'ه', 'ن', 'ت', 'ي', 'م', 'x'];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            words = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            for w in &words {
                for st in stems(w) {
                    assert!(!st.is_empty(), "{w}");
                }
            }
        }
    }
}
