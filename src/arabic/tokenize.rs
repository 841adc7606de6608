//! Splitting text into words, with byte offsets into the original text.

use super::normalize::is_ignorable;

/// One analyzed word: where it was written, and the two forms it is indexed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the word's first character in the analyzed text.
    pub start: usize,
    /// Byte offset just past the word's last character (marks included).
    pub end: usize,
    /// The word normalized ([`normalize_word`]): exact-form matching and phrases.
    pub norm: String,
    /// The normalized word stemmed ([`stem`]): matching across inflections.
    pub stem: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
}

fn class_of(c: char) -> Option<Class> {
    // ASCII and the Arabic block are nearly all the text: answer them from a
    // table built once by the general rule, which costs two Unicode lookups.
    let code = c as usize;
    if code < 0x80 {
        return FAST_CLASSES.get_or_init(build_fast_classes)[code];
    }
    if (0x600..0x700).contains(&code) {
        return FAST_CLASSES.get_or_init(build_fast_classes)[0x80 + code - 0x600];
    }
    general_class_of(c)
}

static FAST_CLASSES: std::sync::OnceLock<[Option<Class>; 0x180]> = std::sync::OnceLock::new();

fn build_fast_classes() -> [Option<Class>; 0x180] {
    let mut table = [None; 0x180];
    for (i, slot) in table.iter_mut().enumerate() {
        let code = if i < 0x80 {
            i as u32
        } else {
            0x600 + (i - 0x80) as u32
        };
        *slot = char::from_u32(code).and_then(general_class_of);
    }
    table
}

fn general_class_of(c: char) -> Option<Class> {
    // Harakat are Alphabetic in Unicode; they must join a word, never start a class.
    if is_ignorable(c) {
        None
    } else if c.is_numeric() {
        Some(Class::Digit)
    } else if c.is_alphabetic() {
        Some(Class::Letter)
    } else {
        None
    }
}

/// Calls `f(start, end)` for each word of `text`: a run of letters or of digits,
/// with marks, tatweel and joiners kept inside it. A change between letters and
/// digits ends a word (بـ120 → ب, 120), so numbers glued to particles are found.
pub fn for_each_token(text: &str, mut f: impl FnMut(usize, usize)) {
    let mut current: Option<(usize, Option<Class>)> = None;
    for (i, c) in text.char_indices() {
        let class = class_of(c);
        let joins = is_ignorable(c);
        match (current, class) {
            (Some((start, Some(prev))), Some(now)) if prev != now => {
                f(start, i);
                current = Some((i, Some(now)));
            }
            (Some((start, None)), Some(now)) => current = Some((start, Some(now))),
            (Some(_), Some(_)) => {}
            (Some(_), None) if joins => {}
            (Some((start, _)), None) => {
                f(start, i);
                current = None;
            }
            (None, Some(now)) => current = Some((i, Some(now))),
            (None, None) if joins => current = Some((i, None)),
            (None, None) => {}
        }
    }
    if let Some((start, _)) = current {
        f(start, text.len());
    }
}

/// Tokenizes, normalizes and stems `text`. Words that normalize to nothing (a lone
/// mark or tatweel) are dropped.
pub fn analyze(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_analyzed(text, |start, end, norm, stem| {
        tokens.push(Token {
            start,
            end,
            norm: norm.to_string(),
            stem: stem.to_string(),
        })
    });
    tokens
}

/// [`analyze`] without building tokens: calls `f(start, end, norm, stem)` for each
/// word, with the forms borrowed from one reused buffer. For hot loops (indexing
/// builds its own token type from these) it allocates nothing per word.
pub fn for_each_analyzed(text: &str, mut f: impl FnMut(usize, usize, &str, &str)) {
    for_each_token(text, |start, end| {
        super::memo::with_word(&text[start..end], |norm, stems| {
            let stem = stems.split(' ').next().unwrap_or(stems);
            f(start, end, norm, stem)
        });
    });
}

/// The analyzed words of a text with their forms in one buffer: the same as
/// [`analyze`] without two strings per word, for the hot paths (indexing gives
/// tantivy both forms from one analysis; highlighting marks every hit shown).
/// Each word also keeps the other readings of its stem ([`crate::arabic::stems`]).
#[derive(Debug, Default)]
pub struct Words {
    forms: String,
    /// (start, end) in the text, then the ends in `forms` of the norm, the
    /// stem and the other stems (space-separated).
    spans: Vec<(usize, usize, usize, usize, usize)>,
}

/// One word of [`Words`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordRef<'a> {
    pub start: usize,
    pub end: usize,
    pub norm: &'a str,
    pub stem: &'a str,
    /// The other readings of the stem, space-separated (usually none).
    pub other_stems: &'a str,
}

impl<'a> WordRef<'a> {
    /// The stem and its other readings.
    pub fn stems(&self) -> impl Iterator<Item = &'a str> {
        std::iter::once(self.stem).chain(self.other_stems.split(' ').filter(|s| !s.is_empty()))
    }
}

impl Words {
    pub fn of(text: &str) -> Words {
        let mut forms = String::with_capacity(text.len() * 2);
        let mut spans = Vec::new();
        for_each_token(text, |start, end| {
            super::memo::with_word(&text[start..end], |norm, stems| {
                forms.push_str(norm);
                let norm_end = forms.len();
                forms.push_str(stems);
                // The other stems start after the space that ends the first.
                let stem_end = norm_end + stems.find(' ').unwrap_or(stems.len());
                spans.push((start, end, norm_end, stem_end, forms.len()));
            });
        });
        Words { forms, spans }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The `i`th word.
    pub fn get(&self, i: usize) -> Option<WordRef<'_>> {
        let &(start, end, norm_end, stem_end, others_end) = self.spans.get(i)?;
        let from = i.checked_sub(1).map_or(0, |prev| self.spans[prev].4);
        let others = &self.forms[stem_end..others_end];
        Some(WordRef {
            start,
            end,
            norm: &self.forms[from..norm_end],
            stem: &self.forms[norm_end..stem_end],
            other_stems: others.strip_prefix(' ').unwrap_or(others),
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = WordRef<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        analyze(text).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn words_hold_the_same_forms_as_tokens() {
        let text = "والقوات الروسية، بـ120 جنديًا.";
        let words = Words::of(text);
        let from_words: Vec<Token> = words
            .iter()
            .map(|w| Token {
                start: w.start,
                end: w.end,
                norm: w.norm.to_string(),
                stem: w.stem.to_string(),
            })
            .collect();
        assert_eq!(from_words, analyze(text));
        assert_eq!(words.len(), 5);
        assert!(words.get(5).is_none());
        assert!(Words::of("").is_empty());
    }

    #[test]
    fn splits_on_punctuation_and_space_keeping_offsets() {
        let text = "قوات حفظ السلام (RTJMC)، 2020.";
        let tokens = analyze(text);
        let raw: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(raw, ["قوات", "حفظ", "السلام", "RTJMC", "2020"]);
    }

    #[test]
    fn keeps_marks_inside_the_word() {
        let text = "الذي وُقِّع في";
        let tokens = analyze(text);
        assert_eq!(&text[tokens[1].start..tokens[1].end], "وُقِّع");
        assert_eq!(tokens[1].norm, "وقع");
    }

    #[test]
    fn splits_letters_from_digits() {
        assert_eq!(norms("بـ120"), ["ب", "120"]);
        assert_eq!(norms("ال15"), ["ال", "15"]);
        assert_eq!(norms("إيل-76"), ["ايل", "76"]);
        assert_eq!(norms("١٩٦٠ جنديًا"), ["1960", "جندي"]);
    }

    #[test]
    fn citation_markers_yield_only_their_number() {
        assert_eq!(norms("الروسية[14] مكون"), ["الروسيه", "14", "مكون"]);
    }

    #[test]
    fn fast_table_agrees_with_the_general_rule() {
        for code in (0..0x80).chain(0x600..0x700) {
            let c = char::from_u32(code).unwrap();
            assert_eq!(class_of(c), general_class_of(c), "U+{code:04X}");
        }
    }

    #[test]
    fn lone_marks_and_empty_text_give_nothing() {
        assert!(analyze("").is_empty());
        assert!(analyze("\u{064B} ـ").is_empty());
        assert!(analyze(" .,;!").is_empty());
    }
}
