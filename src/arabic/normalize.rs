//! Orthographic normalization of one token, the same for index and query.

/// Harakat, Quranic annotation marks and the superscript alef: dropped for matching,
/// but kept inside a token so highlights cover the whole written word.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}')
}

/// Characters that carry no meaning for matching: marks, tatweel, joiners and
/// Latin combining accents.
pub(crate) fn is_ignorable(c: char) -> bool {
    is_arabic_mark(c)
        || matches!(
            c,
            '\u{0640}' | '\u{200C}' | '\u{200D}' | '\u{0300}'..='\u{036F}'
        )
}

const FATHATAN: char = '\u{064B}';

/// Normalizes one token as written: drops marks and tatweel, unifies letter
/// variants, maps Arabic-Indic and Persian digits to ASCII, lowercases Latin and
/// folds the accusative tanween alef (جنديًا, جندياً → جندي).
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &mut out);
    out
}

/// [`normalize_word`] into a buffer the caller reuses (cleared first), so a loop
/// over many words allocates nothing.
pub fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    let mut has_fathatan = false;
    for c in word.chars() {
        if c == FATHATAN {
            has_fathatan = true;
        }
        if is_ignorable(c) {
            continue;
        }
        match c {
            'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => out.push('ا'),
            'ى' | 'ی' => out.push('ي'),
            'ة' | 'ۀ' | 'ہ' => out.push('ه'),
            'ک' => out.push('ك'),
            '\u{0660}'..='\u{0669}' => out.push(shift_digit(c, '\u{0660}')),
            '\u{06F0}'..='\u{06F9}' => out.push(shift_digit(c, '\u{06F0}')),
            // The rest of the Arabic block has no case: skip the Unicode lookup.
            '\u{0600}'..='\u{06FF}' => out.push(c),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c if c.is_uppercase() => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
    if has_fathatan && out.chars().count() > 2 && out.ends_with('ا') {
        out.pop();
    }
}

fn shift_digit(c: char, zero: char) -> char {
    char::from(b'0' + (c as u32 - zero as u32) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tashkeel_and_tatweel() {
        assert_eq!(normalize_word("وُقِّع"), "وقع");
        assert_eq!(normalize_word("ووفقًا"), "ووفق");
        assert_eq!(normalize_word("بـ"), "ب");
    }

    #[test]
    fn unifies_letter_variants() {
        assert_eq!(normalize_word("أذربيجان"), "اذربيجان");
        assert_eq!(normalize_word("إلهام"), "الهام");
        assert_eq!(normalize_word("آقدام"), "اقدام");
        assert_eq!(normalize_word("مستشفى"), "مستشفي");
        assert_eq!(normalize_word("قرة"), "قره");
        assert_eq!(normalize_word("کرد"), "كرد");
    }

    #[test]
    fn folds_tanween_alef_in_both_orders() {
        assert_eq!(normalize_word("جنديًا"), "جندي");
        assert_eq!(normalize_word("جندياً"), "جندي");
        // Without the mark the alef may be part of the word (روسيا): keep it here;
        // the stemmer decides.
        assert_eq!(normalize_word("روسيا"), "روسيا");
    }

    #[test]
    fn maps_digits_and_lowercases_latin() {
        assert_eq!(normalize_word("١٩٦٠"), "1960");
        assert_eq!(normalize_word("۱۹۶۰"), "1960");
        assert_eq!(normalize_word("RTJMC"), "rtjmc");
        assert_eq!(normalize_word("Ärger"), "ärger");
    }
}
