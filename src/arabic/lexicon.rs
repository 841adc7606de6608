//! The stemmer's word lists (`assets/stems.toml`): words whose first letter
//! is not a proclitic, and names and words that must be kept whole.

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use super::normalize::normalize_word;
use super::stem::stem_without_prefix;

#[derive(Deserialize, Default)]
struct StemFile {
    #[serde(default)]
    radical_initial: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    kept: Vec<String>,
}

/// The lists, normalized as the stemmer sees them.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Words whose first letter belongs to the word, normalized, and their
    /// stems taken without prefix stripping (of three letters or more).
    radical: HashSet<String>,
    /// Names kept whole, without their article; their ي adjectives join them.
    names: HashSet<String>,
    /// Words kept whole (the names too), without their article.
    kept: HashSet<String>,
}

impl Lexicon {
    /// Is `word` (normalized), or its stem taken without prefix stripping, a
    /// word whose first letter is its own? Stems under three letters say too
    /// little (وجهة and وجيه both stem to وج): those words are known only
    /// as written.
    pub(crate) fn is_radical_initial(&self, word: &str, stem: &str) -> bool {
        self.radical.contains(word) || (stem.chars().count() >= 3 && self.radical.contains(stem))
    }

    pub(crate) fn is_name(&self, word: &str) -> bool {
        self.names.contains(word)
    }

    /// Is `word` (normalized, article removed) to be kept whole?
    pub(crate) fn is_kept(&self, word: &str) -> bool {
        self.kept.contains(word)
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.radical.is_empty() && self.names.is_empty() && self.kept.is_empty()
    }
}

/// The lexicon of the embedded `assets/stems.toml`.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| build_lexicon(include_str!("../../assets/stems.toml")))
}

fn build_lexicon(source: &str) -> Lexicon {
    // The file is embedded and checked by a test, so a parse failure can only
    // come from a broken build: fall back to no lists rather than panic.
    let file = toml::from_str::<StemFile>(source).unwrap_or_default();
    let whole = |words: &[String]| -> HashSet<String> {
        words
            .iter()
            .map(|w| normalize_word(w.strip_prefix("ال").unwrap_or(w)))
            .filter(|w| !w.is_empty())
            .collect()
    };
    let names = whole(&file.names);
    let mut kept = whole(&file.kept);
    kept.extend(names.iter().cloned());
    let mut lexicon = Lexicon {
        radical: HashSet::default(),
        names,
        kept,
    };
    // Stemmed with the names and kept words already known, as a text word
    // will be.
    let mut radical = HashSet::default();
    for word in &file.radical_initial {
        let norm = normalize_word(word);
        let stem = stem_without_prefix(&norm, &lexicon).into_owned();
        if stem.chars().count() >= 3 {
            radical.insert(stem);
        }
        radical.insert(norm);
    }
    lexicon.radical = radical;
    lexicon
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lists_parse_and_are_disjoint() {
        let source = include_str!("../../assets/stems.toml");
        let file: StemFile = toml::from_str(source).unwrap();
        assert!(file.radical_initial.len() >= 100);
        let mut seen = HashSet::default();
        for w in file
            .radical_initial
            .iter()
            .chain(&file.names)
            .chain(&file.kept)
        {
            assert!(seen.insert(w.clone()), "{w} listed twice");
        }
        assert!(!lexicon().is_empty());
    }
}
