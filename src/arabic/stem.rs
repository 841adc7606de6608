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
    if !normalized.chars().any(is_arabic_letter) {
        return normalized.to_string();
    }
    let mut chars: Vec<char> = normalized.chars().collect();
    strip_prefix(&mut chars);
    if chars.len() >= 4 && chars.last() == Some(&'ا') {
        chars.pop();
    }
    for suffix in SUFFIXES {
        strip_suffix(&mut chars, suffix);
    }
    chars.into_iter().collect()
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0620}'..='\u{064A}').contains(&c) || ('\u{066E}'..='\u{06D3}').contains(&c)
}

fn strip_prefix(chars: &mut Vec<char>) {
    // Lucene's order puts ال before وال; take the longest match instead so that
    // والروسية loses its whole وال.
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
}

fn strip_suffix(chars: &mut Vec<char>, suffix: &str) {
    let n = suffix.chars().count();
    if chars.len() >= n + 2 && chars[chars.len() - n..].iter().copied().eq(suffix.chars()) {
        chars.truncate(chars.len() - n);
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

    #[test]
    fn latin_and_numbers_are_not_stemmed() {
        assert_eq!(stem("rtjmc"), "rtjmc");
        assert_eq!(stem("1960"), "1960");
    }
}
