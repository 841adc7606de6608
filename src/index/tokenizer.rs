//! The Arabic analyzer as tantivy tokenizers, one per indexed form.
//!
//! Each indexed field runs the analyzer through its tokenizer. (Handing tantivy
//! pre-tokenized text instead costs more: it serializes every token list to
//! JSON and parses it back in the indexing threads.)

use tantivy::tokenizer::{Token as TantivyToken, TokenStream, Tokenizer};

use crate::arabic::for_each_analyzed;

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
    tokens: Vec<TantivyToken>,
    next: usize,
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream {
        let form = self.0;
        let mut tokens = Vec::new();
        for_each_analyzed(text, |start, end, norm, stem| {
            tokens.push(TantivyToken {
                offset_from: start,
                offset_to: end,
                position: tokens.len(),
                text: match form {
                    Form::Exact => norm.to_string(),
                    Form::Stem => stem.to_string(),
                },
                position_length: 1,
            });
        });
        ArabicTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for ArabicTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &TantivyToken {
        &self.tokens[self
            .next
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1))]
    }

    fn token_mut(&mut self) -> &mut TantivyToken {
        let i = self
            .next
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1));
        &mut self.tokens[i]
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
}
