//! From `pdftotext`'s pages of wrapped lines to paragraphs.
//!
//! A PDF has no paragraphs, only lines placed on a page. A paragraph's lines
//! reach across the text block, and its last line stops short (or a gap
//! follows it): that is where a paragraph ends. Lines that open or close most
//! pages the same way (a running title, a page number) are the page's
//! furniture, not its text.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

/// A line at most this share of the page's long lines stops short: the last
/// line of its paragraph. Justified text fills its lines to the margin; a
/// ragged margin rarely leaves a line a fifth short.
const SHORT_LINE: f64 = 0.8;

/// The paragraphs of each page, from text whose pages are separated by form
/// feeds. A paragraph that runs on to the next page belongs to the page where
/// it starts.
pub fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|page| page.lines().map(clean_line).collect())
        .collect();
    for page in &mut pages {
        put_in_logical_order(page);
        rejoin_split_lines(page);
    }
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(|p| p.iter().all(|l| l.is_empty())) {
        pages.pop();
    }
    drop_page_furniture(&mut pages);
    join_lines(&pages)
}

/// A line as sanad stores it: pdftotext's embeddings resolved (sanad lays
/// out bidi itself), presentation forms folded, marks put back on their
/// letters, spaces trimmed.
fn clean_line(line: &str) -> String {
    let logical = resolve_embeddings(line);
    attach_detached_marks(fold_presentation_forms(logical.trim()).trim())
}

const LRE: char = '\u{202A}';
const RLE: char = '\u{202B}';
const PDF: char = '\u{202C}';

/// pdftotext marks each left-to-right run inside right-to-left text with
/// LRE…PDF and writes it in visual order, with the spaces and punctuation
/// around it (` ،2020` for «2020، »). In logical order the run's own text
/// comes first and the neutrals at its left edge after it, reversed; those
/// at its right edge before it. Other embedding marks are dropped.
fn resolve_embeddings(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    let rtl = line.contains(RLE);
    while let Some(at) = rest.find(LRE) {
        out.extend(rest[..at].chars().filter(|c| !is_embedding(*c)));
        let run = &rest[at + LRE.len_utf8()..];
        let end = run.find(PDF).unwrap_or(run.len());
        let inner: String = run[..end].chars().filter(|c| !is_embedding(*c)).collect();
        if rtl {
            out.push_str(&logical_run(&inner));
        } else {
            out.push_str(&inner);
        }
        rest = run.get(end + PDF.len_utf8()..).unwrap_or("");
    }
    out.extend(rest.chars().filter(|c| !is_embedding(*c)));
    out
}

fn is_embedding(c: char) -> bool {
    crate::bidi::sanitize::is_bidi_format(c)
}

/// A left-to-right run written in visual order inside right-to-left text,
/// in logical order: right-edge neutrals, the run, left-edge neutrals, each
/// edge read from the right.
fn logical_run(visual: &str) -> String {
    let strong = |c: &char| c.is_alphanumeric();
    let Some(first) = visual
        .char_indices()
        .find(|(_, c)| strong(c))
        .map(|(i, _)| i)
    else {
        return visual.chars().rev().collect();
    };
    let last = visual
        .char_indices()
        .rfind(|(_, c)| strong(c))
        .map_or(visual.len(), |(i, c)| i + c.len_utf8());
    let (left, core, right) = (&visual[..first], &visual[first..last], &visual[last..]);
    let mut out: String = right.chars().rev().collect();
    out.push_str(core);
    out.extend(left.chars().rev());
    out
}

/// Arabic marks (shadda, tanwin…) that pdftotext set apart with a space
/// («وقفا ً») put back on the letter before them: no word begins with a mark.
fn attach_detached_marks(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if is_arabic_mark(c) {
            while out.ends_with(' ') {
                out.pop();
            }
        }
        out.push(c);
    }
    out
}

fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// True when the line's last word is one letter and its mark (`إ ّ`): a
/// letter that no word ends with alone, cut from the word it begins.
fn ends_in_lone_marked_letter(line: &str) -> bool {
    let unmarked = line.trim_end_matches(is_arabic_mark);
    if unmarked.len() == line.len() {
        return false;
    }
    let last_word = unmarked.trim_end().rsplit(' ').next().unwrap_or("");
    let mut letters = last_word.chars();
    letters.next().is_some_and(is_arabic_letter) && letters.next().is_none()
}

/// pdftotext breaks a printed line at a letter carrying a stacked mark
/// («إنّ») and prints the part after it first: `ن هذه الخطوة…` then
/// `…في بيانها إ ّ`. A line that ends in a lone mark is put back before the
/// line above it, the mark after that line's first letter.
fn rejoin_split_lines(page: &mut Vec<String>) {
    let mut i = 1;
    while i < page.len() {
        let ends_in_mark = ends_in_lone_marked_letter(&page[i]);
        let above_starts_with_letter = page[i - 1].chars().next().is_some_and(is_arabic_letter);
        if ends_in_mark && above_starts_with_letter {
            let head = page[i].clone();
            let tail = page.remove(i - 1);
            let marks_at = head.trim_end_matches(is_arabic_mark).len();
            let (text, marks) = head.split_at(marks_at);
            let mut chars = tail.chars();
            let mut joined = text.trim_end().to_string();
            joined.extend(chars.next());
            joined.push_str(marks);
            joined.push_str(chars.as_str());
            page[i - 1] = joined;
            // The next line's line above is the one just rejoined: not a half.
            i += 1;
        } else {
            i += 1;
        }
    }
}

/// A page whose Arabic reads backwards (its text layer stored in visual
/// order) with every line put back in logical order. Decided for the whole
/// page: one line has too few words to tell.
fn put_in_logical_order(page: &mut [String]) {
    let tally = page.iter().fold(Tally::default(), |t, l| t.add(l));
    if tally.reads_backwards() {
        for line in page.iter_mut() {
            *line = reverse_visual(line);
        }
    }
}

/// Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF: the shaped
/// glyphs some PDFs map their text to) folded to the letters they show, as
/// compatibility decomposition (NFKC) does: «ﻻ» is «لا». Nothing else changes.
pub fn fold_presentation_forms(text: &str) -> String {
    if !text.chars().any(is_presentation_form) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_presentation_form(c) {
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    out
}

fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}') && c != '\u{FEFF}'
}

/// How a text's Arabic words read: the letters that only end a word (ة, ى)
/// and the article (ال) at the end they belong to, or at the other
/// («ةيسورلا» is «الروسية» stored backwards).
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    /// Words ending in ة or ى, or opening with ال.
    forwards: usize,
    /// Words opening with ة or ى: no Arabic word does.
    backwards: usize,
    /// Words ending in لا: the article backwards, or an adverb (مثلا، أولا).
    maybe_backwards: usize,
}

impl Tally {
    fn add(mut self, line: &str) -> Tally {
        for word in line.split(|c: char| !is_arabic_letter(c)) {
            let chars: Vec<char> = word.chars().collect();
            let (Some(&first), Some(&last)) = (chars.first(), chars.last()) else {
                continue;
            };
            self.forwards += usize::from(matches!(last, 'ة' | 'ى'));
            self.backwards += usize::from(matches!(first, 'ة' | 'ى'));
            if chars.len() >= 4 {
                self.forwards += usize::from(chars.starts_with(&['ا', 'ل']));
                self.maybe_backwards += usize::from(chars.ends_with(&['ل', 'ا']));
            }
        }
        self
    }

    /// Words that no logical text has, and more of them than of the other
    /// kind by far.
    fn reads_backwards(self) -> bool {
        self.backwards >= 2 && self.backwards + self.maybe_backwards > 2 * self.forwards
    }
}

/// A line in logical order: reversed when it reads backwards.
#[cfg(test)]
fn logical_line(line: &str) -> String {
    let mut page = [line.to_string()];
    put_in_logical_order(&mut page);
    let [line] = page;
    line
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
}

/// The line in reverse, except runs of digits and Latin letters, which a
/// visual line stores left to right as they read; brackets mirrored.
fn reverse_visual(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut ltr_run: Vec<char> = Vec::new();
    for c in line.chars().rev() {
        if c.is_ascii_alphanumeric() || (!ltr_run.is_empty() && matches!(c, '.' | ',' | ':' | '/'))
        {
            ltr_run.push(c);
            continue;
        }
        flush_ltr(&mut ltr_run, &mut out);
        out.push(mirrored(c));
    }
    flush_ltr(&mut ltr_run, &mut out);
    out
}

/// Puts a left-to-right run back in its order; punctuation the run caught at
/// its end (read first when reversed) stays outside it.
fn flush_ltr(run: &mut Vec<char>, out: &mut String) {
    let trailing = run
        .iter()
        .take_while(|c| !c.is_ascii_alphanumeric())
        .count();
    let inner: Vec<char> = run.drain(trailing..).collect();
    out.extend(inner.iter().rev());
    out.extend(run.drain(..).map(mirrored));
}

fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '«' => '»',
        '»' => '«',
        _ => c,
    }
}

/// Removes the first and last lines that repeat across most pages (a running
/// head, a footer, a page number), comparing lines with their digits removed.
fn drop_page_furniture(pages: &mut [Vec<String>]) {
    if pages.len() < 2 {
        drop_lone_page_numbers(pages);
        return;
    }
    // A running head can be two lines (a date, then a title): three passes
    // at each end.
    for end in [
        End::First,
        End::Last,
        End::First,
        End::Last,
        End::First,
        End::Last,
    ] {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for page in pages.iter() {
            if let Some(line) = end.line(page) {
                *seen.entry(furniture_key(line)).or_default() += 1;
            }
        }
        let count = pages.len();
        // On more than half the pages; on both of two.
        let repeated = |key: &str| seen.get(key).is_some_and(|n| *n * 2 > count);
        for page in pages.iter_mut() {
            if let Some(at) = end.index(page) {
                if repeated(&furniture_key(&page[at])) {
                    page[at].clear();
                }
            }
        }
    }
    drop_lone_page_numbers(pages);
}

/// A line that is only a page number (`12`, `- 12 -`, `١٢`, `صفحة 12`) at the
/// top or bottom of a page.
fn drop_lone_page_numbers(pages: &mut [Vec<String>]) {
    for page in pages.iter_mut() {
        for end in [End::First, End::Last] {
            if let Some(at) = end.index(page) {
                if is_page_number(&page[at]) {
                    page[at].clear();
                }
            }
        }
    }
}

fn is_page_number(line: &str) -> bool {
    let rest = line
        .trim_start_matches("صفحة")
        .trim_start_matches("الصفحة")
        .trim_start_matches("Page")
        .trim_start_matches("page");
    let digits = rest.chars().filter(|c| c.is_numeric()).count();
    digits > 0
        && digits <= 4
        && rest.chars().all(|c| {
            c.is_numeric() || c.is_whitespace() || matches!(c, '-' | '–' | '/' | '|' | '.')
        })
}

fn furniture_key(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_numeric() && !c.is_whitespace())
        .collect()
}

#[derive(Clone, Copy)]
enum End {
    First,
    Last,
}

impl End {
    /// Where the page's first (last) line with text is.
    fn index(self, page: &[String]) -> Option<usize> {
        match self {
            End::First => page.iter().position(|l| !l.is_empty()),
            End::Last => page.iter().rposition(|l| !l.is_empty()),
        }
    }

    fn line(self, page: &[String]) -> Option<&str> {
        self.index(page).map(|i| page[i].as_str())
    }
}

/// Joins each page's lines into paragraphs: a blank line or a line that stops
/// short ends one; a paragraph still open at the end of a page goes on at the
/// next page's first line.
fn join_lines(pages: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new(); pages.len()];
    let mut open: Option<(usize, String)> = None;
    for (number, page) in pages.iter().enumerate() {
        let full = long_line_width(page);
        let blank_ends_paragraph = !blank_after_most_lines(page);
        let lines: Vec<&String> = page
            .iter()
            .filter(|l| blank_ends_paragraph || !l.is_empty())
            .collect();
        for (i, line) in lines.iter().enumerate() {
            if line.is_empty() {
                close(&mut open, &mut out);
                continue;
            }
            match &mut open {
                Some((_, text)) => append_line(text, line),
                None => open = Some((number, line.to_string())),
            }
            let next = lines.get(i + 1).map(|l| l.as_str());
            if stops_short(line, next, full) {
                close(&mut open, &mut out);
            }
        }
    }
    close(&mut open, &mut out);
    out
}

/// A line ends its paragraph when it stops well short of the full width, or
/// when the next line's first word would have fitted after it with room to
/// spare (ragged text breaks a line only where the word does not fit; the
/// spare room allows for letters of different widths).
fn stops_short(line: &str, next: Option<&str>, full: usize) -> bool {
    let w = width(line);
    if (w as f64) < SHORT_LINE * full as f64 {
        return true;
    }
    let next_word = next
        .and_then(|n| n.split_whitespace().next())
        .map_or(0, width);
    next_word > 0 && ((w + 1 + next_word) as f64) < NEXT_WORD_FITS * full as f64
}

/// See [`stops_short`]: a tenth of the line is what letter widths can differ by.
const NEXT_WORD_FITS: f64 = 0.9;

/// Some producers (Chromium) make every printed line a block of its own, and
/// pdftotext puts a blank line after each: blank lines then say nothing.
fn blank_after_most_lines(page: &[String]) -> bool {
    let lines = page.iter().filter(|l| !l.is_empty()).count();
    let followed_by_blank = page
        .windows(2)
        .filter(|w| !w[0].is_empty() && w[1].is_empty())
        .count();
    followed_by_blank * 2 > lines
}

fn close(open: &mut Option<(usize, String)>, out: &mut [Vec<String>]) {
    if let Some((page, text)) = open.take() {
        out[page].push(text);
    }
}

/// Adds a wrapped line to its paragraph: after a space, or without the hyphen
/// a Latin word was broken at («peace-» «keeping»).
fn append_line(text: &mut String, line: &str) {
    let hyphenated = text.ends_with('-')
        && text[..text.len() - 1]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_lowercase())
        && line.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    if hyphenated {
        text.pop();
    } else {
        text.push(' ');
    }
    text.push_str(line);
}

/// The width of the page's long lines: the longest but for a stray outlier,
/// the line at nine tenths of the way up the lengths.
fn long_line_width(page: &[String]) -> usize {
    let mut widths: Vec<usize> = page
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| width(l))
        .collect();
    widths.sort_unstable();
    widths
        .get((widths.len() * 9 / 10).min(widths.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0)
}

/// A line's length in characters, without its combining marks (a vowelled
/// line is no wider on the page).
fn width(line: &str) -> usize {
    line.chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}'))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG_1: &str =
        "أعلنت وزارة الدفاع الروسية فجر الثلاثاء توجه قوات حفظ سلام تابعة لها للانتشار في";
    const LONG_2: &str =
        "مناطق التماس بين قوات أذربيجان وأرمينيا في قره باغ وذلك بعد أن أعلن الرئيس الروسي";
    const SHORT: &str = "وقف إطلاق النار على كامل خطوط الجبهة.";

    #[test]
    fn wrapped_lines_join_until_a_line_stops_short() {
        let text = format!("{LONG_1}\n{LONG_2}\n{SHORT}\n{LONG_1}\n{SHORT}\n\u{c}");
        let pages = paragraphs(&text);
        assert_eq!(pages.len(), 1);
        assert_eq!(
            pages[0],
            [
                format!("{LONG_1} {LONG_2} {SHORT}"),
                format!("{LONG_1} {SHORT}")
            ]
        );
    }

    #[test]
    fn a_blank_line_ends_a_paragraph_and_headings_stand_alone() {
        let text = format!("تمهيد\n{LONG_1}\n{LONG_2}\n\n{LONG_1}\n");
        let pages = paragraphs(&text);
        assert_eq!(
            pages[0],
            [
                "تمهيد".to_string(),
                format!("{LONG_1} {LONG_2}"),
                LONG_1.to_string()
            ]
        );
    }

    #[test]
    fn a_paragraph_running_over_a_page_belongs_to_its_first_page() {
        let text = format!("{LONG_1}\n{LONG_2}\n\u{c}{LONG_2}\n{SHORT}\n\u{c}");
        let pages = paragraphs(&text);
        assert_eq!(pages[0], [format!("{LONG_1} {LONG_2} {LONG_2} {SHORT}")]);
        assert!(pages[1].is_empty());
    }

    #[test]
    fn running_heads_and_page_numbers_are_left_out() {
        let page = |n: usize, body: &str| {
            format!("12/{n}/26, 6:25 AM\nتقرير مجموعة الأزمات الدولية\n{body}\n{n}/4\n")
        };
        let text = [
            page(1, LONG_1),
            page(2, SHORT),
            page(3, LONG_2),
            page(4, SHORT),
        ]
        .join("\u{c}");
        let all = paragraphs(&text).concat().join(" ");
        assert_eq!(all, format!("{LONG_1} {SHORT} {LONG_2} {SHORT}"));
    }

    #[test]
    fn a_page_number_alone_goes_even_in_a_short_document() {
        for number in ["12", "- 12 -", "١٢", "صفحة 3", "Page 3 / 10"] {
            let pages = paragraphs(&format!("{SHORT}\n{number}\n"));
            assert_eq!(pages[0], [SHORT.to_string()], "{number}");
        }
        // A number inside the text stays.
        let pages = paragraphs("جنديا\n1960\nمدرعة\n");
        assert!(pages[0].iter().any(|p| p.contains("1960")), "{pages:?}");
    }

    #[test]
    fn latin_words_broken_at_a_hyphen_are_joined() {
        let mut text = "the peace-".to_string();
        append_line(&mut text, "keeping mission");
        assert_eq!(text, "the peacekeeping mission");
        let mut text = "إيل-".to_string();
        append_line(&mut text, "76");
        assert_eq!(text, "إيل- 76");
    }

    #[test]
    fn presentation_forms_fold_to_letters() {
        // «السلام» in isolated/initial/medial/final forms, and the lam-alef ligature.
        assert_eq!(fold_presentation_forms("ﺍﻟﺴﻼﻡ"), "السلام");
        assert_eq!(fold_presentation_forms("ﻗﻮﺍﺕ ﺣﻔﻆ"), "قوات حفظ");
        assert_eq!(fold_presentation_forms("ﻻ"), "لا");
        let plain = "قوات 1960 (غرب)";
        assert_eq!(fold_presentation_forms(plain), plain);
    }

    #[test]
    fn lines_in_visual_order_are_put_back() {
        for logical in [
            "أعلنت وزارة الدفاع الروسية توجه قوات حفظ السلام",
            "تتألف القوة من 1960 جنديا في المنطقة الجبلية",
            "وصلت القوات إلى مدينة ستيباناكيرت (خانكندي) في الليلة التالية",
        ] {
            let visual: String = logical.chars().rev().map(mirrored).collect();
            // Digits keep their order in a visual line.
            let visual = visual.replace("0691", "1960");
            assert_eq!(logical_line(&visual), logical, "{visual}");
            assert_eq!(logical_line(logical), logical, "a logical line stays");
        }
    }

    #[test]
    fn short_or_mixed_lines_are_not_reversed_on_weak_evidence() {
        for line in ["قال", "مثلا أولا فعلا", "Nagorno-Karabakh 2020", "ةيرق"] {
            assert_eq!(logical_line(line), line, "{line}");
        }
    }

    #[test]
    fn a_page_in_visual_order_is_put_back_line_by_line() {
        let logical = [
            "مقدمة",
            "أعلنت وزارة الدفاع الروسية توجه قوات حفظ السلام",
            "إلى المنطقة",
        ];
        let visual: Vec<String> = logical
            .iter()
            .map(|l| l.chars().rev().map(mirrored).collect())
            .collect();
        let pages = paragraphs(&visual.join("\n"));
        assert_eq!(pages[0], [logical[0].to_string(), logical[1..].join(" ")]);
    }

    #[test]
    fn left_to_right_runs_written_in_visual_order_are_put_in_logical_order() {
        // What pdftotext writes for «الروسية، فجر الثلاثاء 10 نوفمبر/تشرين الثاني 2020، توجه».
        let written = "\u{202B}الروسية\u{202A} ،\u{202C}فجر الثلاثاء \u{202A} 10\u{202C}نوفمبر\u{202A}/\u{202C}تشرين الثاني \u{202A} ،2020\u{202C}توجه\u{202C}";
        assert_eq!(
            clean_line(written),
            "الروسية، فجر الثلاثاء 10 نوفمبر/تشرين الثاني 2020، توجه"
        );
        assert_eq!(
            clean_line("\u{202B}طراز إيل\u{202A}.76-\u{202C}\u{202C}"),
            "طراز إيل-76."
        );
        // Left-to-right text is left as it is.
        assert_eq!(
            clean_line("\u{202A}Stepanakert, 2023\u{202C}"),
            "Stepanakert, 2023"
        );
    }

    #[test]
    fn marks_set_apart_go_back_on_their_letter() {
        assert_eq!(attach_detached_marks("وقفا ً لإطلاق"), "وقفاً لإطلاق");
        assert_eq!(attach_detached_marks("وقفاً لإطلاق"), "وقفاً لإطلاق");
    }

    #[test]
    fn a_line_broken_at_a_stacked_mark_is_rejoined_in_order() {
        let mut page = vec![
            "ن هذه الخطوة تأتي بناء على الاتفاق".to_string(),
            "بيان الدفاع الروسية قالت في بيانها إ ّ".to_string(),
            "أ ّ".to_string(),
        ];
        rejoin_split_lines(&mut page);
        assert_eq!(
            page,
            [
                "بيان الدفاع الروسية قالت في بيانها إنّ هذه الخطوة تأتي بناء على الاتفاق",
                "أ ّ"
            ]
        );
    }

    #[test]
    fn ragged_lines_end_a_paragraph_where_the_next_word_would_have_fit() {
        let full = "أعلنت وزارة الدفاع الروسية فجر الثلاثاء توجه قوات حفظ سلام تابعة";
        let second = "لها للانتشار في مناطق التماس بين قوات أذربيجان وأرمينيا في إقليم";
        let text = format!("{full}\n{second}\nقره باغ.\n{full}\n");
        let pages = paragraphs(&text);
        assert_eq!(
            pages[0],
            [format!("{full} {second} قره باغ."), full.to_string()]
        );
        // A first word that would have fit on the line before starts a paragraph.
        let text = format!("{full}\nلها للانتشار في مناطق التماس بين قوات أذربيجان\nقره باغ.\n");
        assert_eq!(paragraphs(&text)[0].len(), 2);
    }

    #[test]
    fn blank_lines_after_every_line_say_nothing() {
        let text = format!("{LONG_1}\n\n{LONG_2}\n\n{SHORT}\n\n{LONG_1}\n\n{SHORT}\n");
        let pages = paragraphs(&text);
        assert_eq!(
            pages[0],
            [
                format!("{LONG_1} {LONG_2} {SHORT}"),
                format!("{LONG_1} {SHORT}")
            ]
        );
    }
}
