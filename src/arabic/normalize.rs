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
/// variants (and the Persian and Urdu letters Arabic text uses for foreign
/// names: چایلاق → جايلاق), folds hamza seats ([`fold_hamza`]), maps
/// Arabic-Indic and Persian digits to ASCII, lowercases Latin and folds the
/// accusative tanween alef (جنديًا, جندياً → جندي).
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
    let mut has_hamza = false;
    for c in word.chars() {
        if c == FATHATAN {
            has_fathatan = true;
        }
        has_hamza |= matches!(c, 'ء' | 'ؤ' | 'ئ');
        if is_ignorable(c) {
            continue;
        }
        match c {
            'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => out.push('ا'),
            'ى' | 'ی' | 'ې' => out.push('ي'),
            'ة' | 'ۀ' | 'ہ' | 'ە' | 'ھ' => out.push('ه'),
            'ک' | 'گ' => out.push('ك'),
            'چ' => out.push('ج'),
            'پ' => out.push('ب'),
            'ژ' => out.push('ز'),
            'ڤ' | 'ڨ' => out.push('ف'),
            '\u{0660}'..='\u{0669}' => out.push(shift_digit(c, '\u{0660}')),
            '\u{06F0}'..='\u{06F9}' => out.push(shift_digit(c, '\u{06F0}')),
            // The rest of the Arabic block has no case: skip the Unicode lookup.
            '\u{0600}'..='\u{06FF}' => out.push(c),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c if c.is_uppercase() => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
    if has_hamza {
        fold_hamza(out);
    }
    if has_fathatan && out.chars().count() > 2 && out.ends_with('ا') {
        out.pop();
    }
}

/// Pronouns a hamza may stand before at the end of a word.
const AFTER_HAMZA: [&str; 11] = [
    "هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ه", "ك", "ي",
];

/// The seats of one hamza written differently are made one, so that every
/// spelling a reader or a writer uses meets the others:
/// - after alef, before a pronoun, the seat is the case's, not the word's
///   (أعضاؤه, أعضائه → أعضاءه, which stems to أعضاء);
/// - ى or ي before ء is the seat ئ (لاجىء, شيء → لاجئ, شئ);
/// - ئ before و and ؤ are written و by many (مسئول, مسؤول, موتمر → مسوول);
/// - مائة is the older spelling of مئة.
///
/// Hamza on its own between letters (قائد, سائق) is kept: those words have
/// look-alikes without it (قاد, ساق).
fn fold_hamza(word: &mut String) {
    if let Some(before) = word.strip_suffix("مائه") {
        *word = format!("{before}مئه");
    } else if let Some(rest) = word.strip_prefix("مائت") {
        *word = format!("مئت{rest}");
    }
    for pronoun in AFTER_HAMZA {
        let Some(stem) = word.strip_suffix(pronoun) else {
            continue;
        };
        let seat = stem
            .strip_suffix('ئ')
            .or_else(|| stem.strip_suffix('ؤ'))
            .filter(|before| before.ends_with('ا'));
        if let Some(before) = seat {
            *word = format!("{before}ء{pronoun}");
        }
        break;
    }
    // Each rewrite only where its letters are: most words with a hamza need
    // none, and each would copy the word.
    for (from, to) in [
        ("يء", "ئ"),
        ("يئ", "ئ"),
        ("ئو", "وو"),
        ("ءو", "وو"),
        ("ؤ", "و"),
    ] {
        if word.contains(from) {
            *word = word.replace(from, to);
        }
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
    fn persian_and_urdu_letters_fold_to_arabic() {
        assert_eq!(normalize_word("چایلاق"), "جايلاق");
        assert_eq!(normalize_word("پاکستان"), "باكستان");
        assert_eq!(normalize_word("ژیلا"), "زيلا");
        assert_eq!(normalize_word("گیلان"), "كيلان");
        assert_eq!(normalize_word("ڤيينا"), "فيينا");
        assert_eq!(normalize_word("زادە"), "زاده");
    }

    #[test]
    fn hamza_seats_fold_one_way() {
        let same = |a: &str, b: &str| assert_eq!(normalize_word(a), normalize_word(b), "{a} {b}");
        same("مسؤول", "مسئول");
        same("شؤون", "شئون");
        same("مؤتمر", "موتمر");
        same("شيء", "شئ");
        same("لاجئ", "لاجىء");
        same("مبادئ", "مبادىء");
        same("مئة", "مائة");
        same("ثلاثمئة", "ثلاثمائة");
        same("مئتين", "مائتين");
        same("أعضاؤه", "أعضائه");
        same("وزراؤهم", "وزرائهم");
        same("رؤساؤها", "رؤسائها");
        // A hamza between letters stays: these are other words.
        assert_ne!(normalize_word("سائق"), normalize_word("ساق"));
        assert_ne!(normalize_word("قائد"), normalize_word("قاد"));
        assert_ne!(normalize_word("رئيس"), normalize_word("ريس"));
    }

    #[test]
    fn maps_digits_and_lowercases_latin() {
        assert_eq!(normalize_word("١٩٦٠"), "1960");
        assert_eq!(normalize_word("۱۹۶۰"), "1960");
        assert_eq!(normalize_word("RTJMC"), "rtjmc");
        assert_eq!(normalize_word("Ärger"), "ärger");
    }
}
