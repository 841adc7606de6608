//! The analysis of words already seen, per thread: text repeats its words
//! (in news and in the hadith benchmark corpus alike, a few thousand forms
//! make most of the running words), and what a token becomes depends on
//! nothing but the token, so each written form is normalized and stemmed
//! once, not once per occurrence.

use std::cell::RefCell;

use compact_str::CompactString;
use rustc_hash::FxHashMap;

use super::{for_each_stem, normalize_into};

/// Forms kept per thread before the memo starts afresh: some 10 MB, far more
/// forms than a corpus's frequent words, and a bound on a stream of unique
/// tokens (a hostile file of random letters).
const MAX_FORMS: usize = 100_000;

#[derive(Default)]
struct Memo {
    /// Token as written → its normalized form and its stems, all
    /// space-separated (no form holds a space: tokens never do); empty for a
    /// token that normalizes to nothing.
    words: FxHashMap<CompactString, CompactString>,
    /// Reused for the next token's normalized form.
    norm: String,
    /// Reused for the analysis handed to the caller.
    out: String,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// Calls `f(normalized, stems)` for the token `written`, the stems
/// space-separated with [`super::stem`]'s first, as [`normalize_into`] and
/// [`for_each_stem`] give them; nothing for a token that normalizes to
/// nothing.
///
/// `f` runs with the memo released (it may analyze other text itself): the
/// analysis is copied into a reused buffer first, a few bytes.
pub fn with_word<R>(written: &str, f: impl FnOnce(&str, &str) -> R) -> Option<R> {
    let analysis = MEMO.with(|memo| match memo.try_borrow_mut() {
        Ok(mut memo) => memo.analysis(written),
        // Only if a caller's `f` is itself inside the memo: work it out afresh.
        Err(_) => analyze(written, &mut String::new()),
    });
    let out = split(&analysis).map(|(norm, stems)| f(norm, stems));
    MEMO.with(|memo| {
        if let Ok(mut memo) = memo.try_borrow_mut() {
            memo.out = analysis;
        }
    });
    out
}

impl Memo {
    /// The analysis of `written`, in the reused buffer.
    fn analysis(&mut self, written: &str) -> String {
        let mut out = std::mem::take(&mut self.out);
        out.clear();
        if let Some(known) = self.words.get(written) {
            out.push_str(known);
            return out;
        }
        let analysis = analyze(written, &mut self.norm);
        out.push_str(&analysis);
        if self.words.len() >= MAX_FORMS {
            self.words.clear();
        }
        self.words
            .insert(CompactString::from(written), CompactString::from(analysis));
        out
    }
}

/// `normalized stem other…`, or empty.
fn analyze(written: &str, norm: &mut String) -> String {
    normalize_into(written, norm);
    if norm.is_empty() {
        return String::new();
    }
    let mut joined = norm.clone();
    for_each_stem(norm, |stem| {
        joined.push(' ');
        joined.push_str(stem);
    });
    joined
}

fn split(known: &str) -> Option<(&str, &str)> {
    known.split_once(' ')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arabic::{normalize_word, stems};

    #[test]
    fn remembered_words_are_analyzed_as_afresh() {
        for word in [
            "والقوات",
            "ووفد",
            "حكومتها",
            "للجنة",
            "كتاب",
            "معلمو",
            "Karabakh",
            "2020",
            "الْقُوَّاتُ",
        ] {
            let norm = normalize_word(word);
            let want = (norm.clone(), stems(&norm).join(" "));
            let got = || with_word(word, |n, s| (n.to_string(), s.to_string()));
            assert_eq!(got(), Some(want.clone()), "{word}");
            // The second time from the memo, the same.
            assert_eq!(got(), Some(want), "{word}");
        }
        // A token of marks alone normalizes to nothing, remembered or not.
        assert_eq!(with_word("\u{064E}\u{0651}", |_, _| ()), None);
        assert_eq!(with_word("\u{064E}\u{0651}", |_, _| ()), None);
    }

    #[test]
    fn a_caller_may_analyze_inside_its_callback() {
        let nested = with_word("القوات", |norm, _| {
            with_word("الروسية", |inner, _| format!("{norm} {inner}"))
        });
        assert_eq!(nested.flatten().as_deref(), Some("القوات الروسيه"));
    }

    #[test]
    fn the_memo_is_bounded() {
        for i in 0..MAX_FORMS + 10 {
            with_word(&format!("كلمة{i}"), |_, _| ());
        }
        assert!(MEMO.with(|m| m.borrow().words.len()) <= MAX_FORMS);
    }
}
