//! A light stemmer in the manner of Larkey's Light10 as Lucene's `ArabicStemmer`
//! implements it, applied to normalized words.

const PREFIXES: [&str; 7] = ["ال", "وال", "بال", "كال", "فال", "لل", "و"];
// Normalization has already turned ة into ه, so Lucene's ية and ة rows are covered
// by يه and ه.
const SUFFIXES: [&str; 8] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/// Stems a normalized word. Words that are not Arabic script come back unchanged.
///
/// One prefix at most is removed (longest listed first, as Lucene orders them),
/// then suffixes in list order, each only when at least two letters remain. A
/// final alef is dropped from words of four letters or more, so undiacritized
/// accusatives (جنديا, سابقا) meet their diacritized forms.
pub fn stem(normalized: &str) -> String {
    stem_slice(normalized).to_string()
}

/// [`stem`] without allocating: the stem is always a slice of the normalized word.
pub fn stem_slice(normalized: &str) -> &str {
    if !normalized.chars().any(is_arabic_letter) {
        return normalized;
    }
    // Works on string slices, counting letters once: the affixes are whole
    // characters, so `starts_with`/`ends_with` compare exactly what a comparison
    // of `char`s would, without collecting the word into a vector.
    let mut word = normalized;
    let mut len = word.chars().count();
    strip_prefix(&mut word, &mut len);
    if len >= 4 {
        if let Some(rest) = word.strip_suffix('ا') {
            word = rest;
            len -= 1;
        }
    }
    for suffix in SUFFIXES {
        strip_suffix(&mut word, &mut len, suffix);
    }
    word
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0620}'..='\u{064A}').contains(&c) || ('\u{066E}'..='\u{06D3}').contains(&c)
}

/// Letters in an affix (all affixes are Arabic letters, two bytes each in UTF-8).
fn letters(affix: &str) -> usize {
    affix.len() / 'ا'.len_utf8()
}

fn strip_prefix(word: &mut &str, len: &mut usize) {
    // Lucene's order puts ال before وال; take the longest match instead so that
    // والروسية loses its whole وال.
    let mut best: Option<&str> = None;
    for prefix in PREFIXES {
        let n = letters(prefix);
        let long_enough = if n == 1 { *len >= 4 } else { *len >= n + 2 };
        if long_enough && word.starts_with(prefix) && best.is_none_or(|b| b.len() < prefix.len()) {
            best = Some(prefix);
        }
    }
    if let Some(prefix) = best {
        *word = &word[prefix.len()..];
        *len -= letters(prefix);
    }
}

fn strip_suffix(word: &mut &str, len: &mut usize, suffix: &str) {
    let n = letters(suffix);
    if *len >= n + 2 {
        if let Some(rest) = word.strip_suffix(suffix) {
            *word = rest;
            *len -= n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arabic::normalize_word;

    fn s(w: &str) -> String {
        stem(&normalize_word(w))
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
    }

    #[test]
    fn undiacritized_accusative_meets_diacritized() {
        assert_eq!(s("جنديا"), s("جنديًا"));
        assert_eq!(s("جندياً"), s("جندي"));
    }

    /// The stemmer as first written, on vectors of `char`s: the slice version
    /// must agree with it on every word.
    fn reference_stem(normalized: &str) -> String {
        if !normalized.chars().any(is_arabic_letter) {
            return normalized.to_string();
        }
        let mut chars: Vec<char> = normalized.chars().collect();
        let mut best: Option<usize> = None;
        for prefix in PREFIXES {
            let n = prefix.chars().count();
            let long_enough = if n == 1 {
                chars.len() >= 4
            } else {
                chars.len() >= n + 2
            };
            if long_enough && chars.iter().copied().take(n).eq(prefix.chars()) {
                best = Some(best.map_or(n, |b: usize| b.max(n)));
            }
        }
        if let Some(n) = best {
            chars.drain(..n);
        }
        if chars.len() >= 4 && chars.last() == Some(&'ا') {
            chars.pop();
        }
        for suffix in SUFFIXES {
            let n = suffix.chars().count();
            if chars.len() >= n + 2 && chars[chars.len() - n..].iter().copied().eq(suffix.chars()) {
                chars.truncate(chars.len() - n);
            }
        }
        chars.into_iter().collect()
    }

    #[test]
    fn agrees_with_the_reference_on_every_short_word_of_affix_letters() {
        // Every word of up to five letters over the letters the affixes use (and
        // two that they don't, and a Latin one): 10^5 + ... words, all branches.
        let alphabet = ['ا', 'ل', 'و', 'ب', 'ك', 'ف', 'ه', 'ن', 'ت', 'ي', 'م', 'x'];
        let mut words = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..5 {
            words = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            all.extend(words.iter().cloned());
        }
        for w in &all {
            assert_eq!(stem(w), reference_stem(w), "{w}");
        }
    }

    #[test]
    fn agrees_with_the_reference_on_the_seeds() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for entry in std::fs::read_dir(seeds).unwrap().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                let n = normalize_word(word);
                assert_eq!(stem(&n), reference_stem(&n), "{word}");
            }
        }
    }

    #[test]
    fn latin_and_numbers_are_not_stemmed() {
        assert_eq!(stem("rtjmc"), "rtjmc");
        assert_eq!(stem("1960"), "1960");
    }
}
