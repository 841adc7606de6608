//! The words of a text as date recognition sees them: numbers with their digit
//! count, lexicon words with the clitics they carry, and everything else.

use rustc_hash::FxHashMap;

use crate::arabic::{for_each_token, is_arabic_mark, normalize_word};
use crate::timeline::lexicon::{self, Word};

/// What a word can be in a date expression.
#[derive(Debug, Clone, Copy)]
pub(super) enum Class {
    Number {
        value: u32,
        digits: u8,
    },
    Word(Word),
    /// A word with no date role that puts its clause in the future (سيزور,
    /// سوف): found here so the cache remembers it.
    Future,
    Other,
}

/// A word of the searched text, with its byte span in the whole text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Bytes of the written word taken by clitics (و in وفي).
    pub(super) clitic: usize,
    pub(super) class: Class,
}

/// The words of `slice`, which starts at byte `base` of the text.
pub(super) fn tokenize(slice: &str, base: usize) -> Vec<Tok> {
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
            None if super::tense::is_future_word(&norm) => (Class::Future, 0),
            None => (Class::Other, 0),
        };
        if cache.len() >= CACHE_WORDS {
            cache.clear();
        }
        cache.insert(compact_str::CompactString::from(raw), class);
        class
    })
}

/// Distinct words remembered per thread: a text's vocabulary is small next to
/// its length, and normalizing every occurrence of every word was the
/// extraction's main cost after tokenization.
const CACHE_WORDS: usize = 1 << 16;

thread_local! {
    // Keys inline (CompactString, as in the analyzer's memo): a look-up
    // compares the word in the table, not behind a pointer.
    static CACHE: std::cell::RefCell<FxHashMap<compact_str::CompactString, (Class, usize)>> =
        std::cell::RefCell::new(FxHashMap::default());
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
        if !is_arabic_mark(c) && c != '\u{0640}' {
            if seen == letters {
                return i;
            }
            seen += 1;
        }
    }
    0
}
