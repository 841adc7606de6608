//! The Arabic analyzer as tantivy tokenizers, one per indexed form.
//!
//! A passage is indexed under two fields, its exact forms and its stems, from
//! one analysis: the exact field's tokenizer keeps the passage's [`Words`] in a
//! one-entry cache of its thread, and the stem field (next in the schema, on the
//! same indexing thread) takes them from there. Tokens are written into one
//! reused token, not a string each. (Handing tantivy pre-tokenized text instead
//! costs more: it serializes every token list to JSON and parses it back.)

use std::cell::RefCell;
use std::rc::Rc;

use tantivy::tokenizer::{Token as TantivyToken, TokenStream, Tokenizer};

use crate::arabic::Words;

pub const EXACT_TOKENIZER: &str = "sanad_exact";
pub const STEM_TOKENIZER: &str = "sanad_stem";

/// Which form of each word a tokenizer emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Exact,
    Stem,
}

#[derive(Debug, Clone, Copy)]
pub struct ArabicTokenizer(pub Form);

pub struct ArabicTokenStream {
    words: Rc<Words>,
    form: Form,
    next: usize,
    /// For the stem form: which of the current word's other stems comes next
    /// (they are indexed at the word's position, so any reading is found).
    next_other: usize,
    token: TantivyToken,
}

thread_local! {
    /// The last text analyzed on this thread, and its words.
    static LAST: RefCell<Option<(String, Rc<Words>)>> = const { RefCell::new(None) };
}

/// The words of `text`, analyzed once for both fields.
fn words_of(text: &str) -> Rc<Words> {
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((cached, words)) = last.as_ref() {
            if cached == text {
                return Rc::clone(words);
            }
        }
        let words = Rc::new(Words::of(text));
        *last = Some((text.to_string(), Rc::clone(&words)));
        words
    })
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream {
        ArabicTokenStream {
            words: words_of(text),
            form: self.0,
            next: 0,
            next_other: 0,
            token: TantivyToken::default(),
        }
    }
}

impl TokenStream for ArabicTokenStream {
    fn advance(&mut self) -> bool {
        if self.form == Form::Stem && self.next > 0 {
            let other = self.words.get(self.next - 1).and_then(|w| {
                w.other_stems
                    .split(' ')
                    .filter(|s| !s.is_empty())
                    .nth(self.next_other)
            });
            if let Some(other) = other {
                self.token.text.clear();
                self.token.text.push_str(other);
                self.next_other += 1;
                return true;
            }
        }
        let Some(word) = self.words.get(self.next) else {
            return false;
        };
        self.token.offset_from = word.start;
        self.token.offset_to = word.end;
        self.token.position = self.next;
        self.token.position_length = 1;
        self.token.text.clear();
        self.token.text.push_str(match self.form {
            Form::Exact => word.norm,
            Form::Stem => word.stem,
        });
        self.next += 1;
        self.next_other = 0;
        true
    }

    fn token(&self) -> &TantivyToken {
        &self.token
    }

    fn token_mut(&mut self) -> &mut TantivyToken {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_each_form_with_positions() {
        let mut tok = ArabicTokenizer(Form::Stem);
        let mut stream = tok.token_stream("والقوات الروسية");
        let mut got = Vec::new();
        while stream.advance() {
            got.push((stream.token().position, stream.token().text.clone()));
        }
        assert_eq!(got, [(0, "قو".to_string()), (1, "روس".to_string())]);
    }

    #[test]
    fn other_readings_of_a_stem_share_its_position() {
        // الوزير has one reading; ووفد two (و + وفد, or a word in وو);
        // حكومتها two (its ت as ت, or as ة).
        let mut tok = ArabicTokenizer(Form::Stem);
        let mut stream = tok.token_stream("الوزير ووفد حكومتها");
        let mut got = Vec::new();
        while stream.advance() {
            let t = stream.token();
            got.push((t.position, t.offset_from, t.text.clone()));
        }
        let positions: Vec<usize> = got.iter().map(|g| g.0).collect();
        assert_eq!(positions, [0, 1, 1, 2, 2], "{got:?}");
        assert!(got.iter().any(|g| g.2 == "حكوم"), "{got:?}");
        assert_eq!(got[1].1, got[2].1);
    }

    #[test]
    fn both_fields_get_their_forms_from_one_analysis() {
        let text = "وقعت القوات الروسية";
        let forms = |form| {
            let mut tok = ArabicTokenizer(form);
            let mut stream = tok.token_stream(text);
            let mut got = Vec::new();
            while stream.advance() {
                let t = stream.token();
                got.push((t.position, t.offset_from, t.offset_to, t.text.clone()));
            }
            got
        };
        let exact = forms(Form::Exact);
        // Other readings of a stem come at its word's position, after it.
        let mut stem = forms(Form::Stem);
        stem.dedup_by_key(|t| t.0);
        let expected = crate::arabic::analyze(text);
        assert_eq!(exact.len(), expected.len());
        for (i, t) in expected.iter().enumerate() {
            assert_eq!(exact[i], (i, t.start, t.end, t.norm.clone()));
            assert_eq!(stem[i], (i, t.start, t.end, t.stem.clone()));
        }
        // Another text is analyzed afresh, not served from the cache.
        let mut tok = ArabicTokenizer(Form::Exact);
        let mut stream = tok.token_stream("لاتشين");
        assert!(stream.advance());
        assert_eq!(stream.token().text, "لاتشين");
        assert!(!stream.advance());
    }
}
