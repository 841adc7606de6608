//! Arabic text analysis: tokenization, normalization and light stemming.
//!
//! Pure functions with no knowledge of tantivy or the terminal. The index, the query
//! builder, the highlighter and the timeline's key-term matching all go through
//! [`analyze`], so a word is treated the same way wherever it is compared.

mod normalize;
mod stem;
mod tokenize;
pub mod translit;

pub use normalize::{is_arabic_mark, normalize_into, normalize_word};
pub use stem::{stem, stem_slice};
pub use tokenize::{analyze, for_each_analyzed, for_each_token, Token, WordRef, Words};

/// Bumped whenever tokenization, normalization or stemming changes what a word
/// becomes, so persisted indexes built by an older analyzer are rebuilt.
pub const ANALYZER_VERSION: u32 = 1;
