//! The Arabic analyzer as tantivy tokenizers, one per indexed form.
//!
//! Documents are indexed pre-tokenized (analysis runs once for both fields), but
//! the tokenizers are registered under the fields' names so tantivy can open the
//! index and any tantivy tool reading it analyzes text the same way.

use tantivy::tokenizer::{Token as TantivyToken, TokenStream, Tokenizer};

use crate::arabic::{analyze, Token};

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
        ArabicTokenStream {
            tokens: to_tantivy_tokens(&analyze(text), self.0),
            next: 0,
        }
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

/// Converts analyzed words into tantivy tokens of one form, positions in order.
pub fn to_tantivy_tokens(tokens: &[Token], form: Form) -> Vec<TantivyToken> {
    tokens
        .iter()
        .enumerate()
        .map(|(position, t)| TantivyToken {
            offset_from: t.start,
            offset_to: t.end,
            position,
            text: match form {
                Form::Exact => t.norm.clone(),
                Form::Stem => t.stem.clone(),
            },
            position_length: 1,
        })
        .collect()
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
