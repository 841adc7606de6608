//! Arabic text analysis: tokenization, normalization and light stemming.
//!
//! Pure functions with no knowledge of tantivy or the terminal. The index, the query
//! builder, the highlighter and the timeline's key-term matching all go through
//! [`analyze`], so a word is treated the same way wherever it is compared.

mod lexicon;
mod memo;
mod normalize;
mod stem;
mod tokenize;
pub mod translit;

pub use normalize::{is_arabic_mark, normalize_into, normalize_word};
pub use stem::{for_each_stem, is_radical_initial, stem, stem_slice, stems};
pub use tokenize::{analyze, for_each_analyzed, for_each_token, Token, WordRef, Words};

/// Bumped whenever tokenization, normalization or stemming changes what a word
/// becomes, so persisted indexes built by an older analyzer are rebuilt.
/// 2: pronoun suffixes, stacked proclitics, readings of و, لل and ت, hamza
/// seats and Persian letters folded, word lists (issue 14).
pub const ANALYZER_VERSION: u32 = 2;
