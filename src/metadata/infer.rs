//! A document's title and outlet worked out from its text, for the documents
//! `sources.toml` does not describe. Each comes with where it was found; none
//! is guessed: a text that credits no outlet has none.

use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::corpus::Document;

/// A headline is short: more words than this is a sentence.
const MAX_HEADLINE_WORDS: usize = 16;
/// A title cut from a first sentence keeps this many words.
const TITLE_WORDS: usize = 12;
/// Paragraphs at the top and the bottom of a text where a page names its
/// outlet on a line of its own.
const EDGE_PARAGRAPHS: usize = 3;
/// A dateline credit opens the lead: «موسكو (أ ف ب) -» has at most this many
/// words before the parenthesis.
const MAX_WORDS_BEFORE_CREDIT: usize = 3;
/// An «المصدر:» line names its source in a few words, not a sentence.
const MAX_SOURCE_LINE_WORDS: usize = 6;

/// Where a title came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleEvidence {
    /// A Markdown heading (`# …`).
    Heading,
    /// A first line that reads as a headline: short, no final period.
    FirstLine,
    /// The first sentence, cut short.
    FirstSentence,
}

impl fmt::Display for TitleEvidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TitleEvidence::Heading => "heading",
            TitleEvidence::FirstLine => "first line",
            TitleEvidence::FirstSentence => "first sentence",
        })
    }
}

/// Where an outlet came from: the credit as written and how the text gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutletEvidence {
    /// «موسكو (أ ف ب) -»: the agency credit of a dateline.
    Dateline(String),
    /// A line «المصدر: …».
    SourceLine,
    /// A line that is only the outlet's name, at the top or the bottom.
    OwnLine(String),
}

impl fmt::Display for OutletEvidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutletEvidence::Dateline(credit) => write!(f, "dateline credit «{credit}»"),
            OutletEvidence::SourceLine => f.write_str("«المصدر:» line"),
            OutletEvidence::OwnLine(line) => write!(f, "line «{line}»"),
        }
    }
}

/// The title of `doc`: its first heading or headline-like line, else its first
/// sentence cut short. Lines without Arabic or Latin letters, and Latin
/// boilerplate before the Arabic text («Sorry, you need to enable JavaScript»),
/// are passed over.
pub fn title(doc: &Document) -> Option<(String, TitleEvidence)> {
    let text_is_arabic = doc.text.chars().any(is_arabic_letter);
    let line = doc
        .paragraphs
        .iter()
        .map(|p| doc.text[p.range()].trim())
        .find(|l| {
            if text_is_arabic {
                l.chars().any(is_arabic_letter)
            } else {
                l.chars().any(char::is_alphabetic)
            }
        })?;
    if let Some(heading) = line.strip_prefix('#') {
        let heading = heading.trim_start_matches('#').trim();
        if !heading.is_empty() {
            return Some((heading.to_string(), TitleEvidence::Heading));
        }
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let ends_a_sentence = line.ends_with(['.', '!', '؟', '?', ':', '،', ',', '؛']);
    if words.len() <= MAX_HEADLINE_WORDS && !ends_a_sentence {
        return Some((line.to_string(), TitleEvidence::FirstLine));
    }
    let sentence = crate::sentences::sentence_spans(line, 0..line.len())
        .first()
        .map_or(line, |s| line[s.clone()].trim());
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let mut title = words[..words.len().min(TITLE_WORDS)].join(" ");
    if words.len() > TITLE_WORDS {
        title.push('…');
    } else {
        title = title.trim_end_matches(['.', '،', ',', '؛']).to_string();
    }
    Some((title, TitleEvidence::FirstSentence))
}

/// The outlet `doc` credits as its publisher, if it credits one.
pub fn outlet(doc: &Document) -> Option<(String, OutletEvidence)> {
    // Only the first and last few lines can name the outlet: a long text's
    // other lines are never looked at.
    let line = |p: &crate::corpus::Paragraph| doc.text[p.range()].trim();
    let n = doc.paragraphs.len();
    let head = || doc.paragraphs.iter().take(EDGE_PARAGRAPHS).map(line);
    let edges = || {
        head().chain(
            doc.paragraphs[n.saturating_sub(EDGE_PARAGRAPHS)..]
                .iter()
                .map(line),
        )
    };
    if let Some(named) = edges().find_map(|l| source_line(l)) {
        let name = known(named).map_or_else(|| named.to_string(), str::to_string);
        return Some((name, OutletEvidence::SourceLine));
    }
    if let Some((name, credit)) = head().find_map(dateline_credit) {
        return Some((
            name.to_string(),
            OutletEvidence::Dateline(credit.to_string()),
        ));
    }
    edges().find_map(|l| {
        let bare = l.trim_matches(|c: char| !c.is_alphanumeric());
        known(bare).map(|name| (name.to_string(), OutletEvidence::OwnLine(bare.to_string())))
    })
}

/// «المصدر: الجزيرة نت» → «الجزيرة نت».
fn source_line(line: &str) -> Option<&str> {
    let rest = ["المصدر", "المصادر", "مصدر الخبر", "Source"]
        .iter()
        .find_map(|cue| line.strip_prefix(cue))?;
    let named = rest.trim_start().strip_prefix([':', '：'])?.trim();
    let named = named.trim_end_matches(['.', '،']);
    let words = named.split_whitespace().count();
    (1..=MAX_SOURCE_LINE_WORDS)
        .contains(&words)
        .then_some(named)
}

/// «موسكو (أ ف ب) - أعلن …»: the outlet and the credit as written.
fn dateline_credit(line: &str) -> Option<(&'static str, &str)> {
    let open = line.find('(')?;
    let before = &line[..open];
    if before.split_whitespace().count() > MAX_WORDS_BEFORE_CREDIT {
        return None;
    }
    let close = open + line[open..].find(')')?;
    let credit = line[open + 1..close].trim();
    let after = line[close + 1..].trim_start();
    if !after.starts_with(['-', '–', '—', ':']) {
        return None;
    }
    Some((known(credit)?, credit))
}

#[derive(Deserialize)]
struct OutletFile {
    outlets: Vec<Outlet>,
}

#[derive(Deserialize)]
struct Outlet {
    name: String,
    credits: Vec<String>,
}

/// The outlets of `assets/outlets.toml`: each credit, folded, with the name.
fn outlets() -> &'static [(String, String)] {
    static TABLE: OnceLock<Vec<(String, String)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: OutletFile = match toml::from_str(include_str!("../../assets/outlets.toml")) {
            Ok(f) => f,
            // A test checks the bundled file parses.
            Err(_) => return Vec::new(),
        };
        file.outlets
            .into_iter()
            .flat_map(|o| {
                let name = o.name;
                o.credits.into_iter().map(move |c| (fold(&c), name.clone()))
            })
            .collect()
    })
}

/// The outlet a credit names, compared with hamza, dots and case folded.
fn known(credit: &str) -> Option<&'static str> {
    // Folding a line is most of the cost, and a text's first and last lines
    // are often whole paragraphs or headings. A line folds word for word
    // (a word of nothing but marks leaves an empty place, it does not go),
    // so one with more words than the longest credit, or whose first word
    // begins no credit, is none.
    let mut words = words_of(credit);
    let first = words.next()?;
    let longest = longest_credit();
    if words.take(longest).count() >= longest || !first_words().contains(&fold_word(first)) {
        return None;
    }
    let folded = fold(credit);
    outlets()
        .iter()
        .find(|(c, _)| *c == folded)
        .map(|(_, name)| name.as_str())
}

/// The first words of the credits, folded.
fn first_words() -> &'static rustc_hash::FxHashSet<String> {
    static FIRST: OnceLock<rustc_hash::FxHashSet<String>> = OnceLock::new();
    FIRST.get_or_init(|| {
        outlets()
            .iter()
            .filter_map(|(c, _)| c.split(' ').next())
            .map(str::to_string)
            .collect()
    })
}

/// The most words a known credit has.
fn longest_credit() -> usize {
    static LONGEST: OnceLock<usize> = OnceLock::new();
    *LONGEST.get_or_init(|| {
        outlets()
            .iter()
            .map(|(c, _)| c.split(' ').count())
            .max()
            .unwrap_or(0)
            .max(1)
    })
}

fn fold(s: &str) -> String {
    let words: Vec<String> = words_of(s).map(fold_word).collect();
    words.join(" ")
}

/// The words a credit is compared by: dots part them (أ.ف.ب).
fn words_of(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
}

fn fold_word(word: &str) -> String {
    crate::arabic::normalize_word(word).to_lowercase()
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Encoding;

    fn doc(text: &str) -> Document {
        Document::new("a.txt".into(), text.into(), Encoding::Utf8, 0)
    }

    #[test]
    fn the_quick_refusals_refuse_only_what_folding_would() {
        // `known` against folding every line and comparing it with every
        // credit: the credits themselves, written otherwise, with a word
        // more or less, and every line of the seeds.
        let slow = |line: &str| {
            let folded = fold(line);
            outlets()
                .iter()
                .find(|(c, _)| *c == folded)
                .map(|(_, name)| name.as_str())
        };
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut lines: Vec<String> = std::fs::read_dir(seeds)
            .unwrap()
            .flat_map(|e| {
                let text = std::fs::read_to_string(e.unwrap().path()).unwrap_or_default();
                text.lines().map(str::to_string).collect::<Vec<_>>()
            })
            .collect();
        for (credit, _) in outlets() {
            lines.push(credit.clone());
            lines.push(credit.to_uppercase());
            lines.push(credit.replace(' ', "."));
            lines.push(format!("{credit} نت"));
            lines.push(format!("  {credit}\u{064E} "));
            lines.push(credit.split(' ').skip(1).collect::<Vec<_>>().join(" "));
        }
        let mut found = 0;
        for line in &lines {
            assert_eq!(known(line), slow(line), "{line}");
            found += usize::from(known(line).is_some());
        }
        assert!(found >= 2 * outlets().len(), "{found} known");
    }

    #[test]
    fn a_credit_is_known_however_written_and_a_paragraph_never_is() {
        assert_eq!(known("أ.ف.ب"), Some("وكالة الصحافة الفرنسية"));
        assert_eq!(known("reuters"), Some("رويترز"));
        assert_eq!(known("وكالة  الاناضول"), Some("وكالة الأناضول"));
        let paragraph = "قال المتحدث إن القوات انسحبت من المواقع كلها قبل الفجر ".repeat(4);
        assert_eq!(known(&paragraph), None);
        assert_eq!(known(&format!("رويترز {}", "و".repeat(3))), None);
    }

    #[test]
    fn the_bundled_outlet_list_parses() {
        assert!(toml::from_str::<OutletFile>(include_str!("../../assets/outlets.toml")).is_ok());
        assert!(outlets().len() > 30);
    }

    #[test]
    fn titles() {
        let cases = [
            ("# الهدنة في قره باغ\nنص.", "الهدنة في قره باغ", TitleEvidence::Heading),
            (
                "Sorry, you need to enable JavaScript.\n\nأذربيجان تعلن وقف العمليات\n\nنص الخبر.",
                "أذربيجان تعلن وقف العمليات",
                TitleEvidence::FirstLine,
            ),
            (
                "أعلنت وزارة الدفاع الروسية، فجر الثلاثاء، توجه قوات حفظ سلام تابعة لها للانتشار في مناطق التماس. ثم …",
                "أعلنت وزارة الدفاع الروسية، فجر الثلاثاء، توجه قوات حفظ سلام تابعة لها…",
                TitleEvidence::FirstSentence,
            ),
            ("قال الوزير إن الهدنة صامدة.", "قال الوزير إن الهدنة صامدة", TitleEvidence::FirstSentence),
        ];
        for (text, title_, from) in cases {
            assert_eq!(
                title(&doc(text)),
                Some((title_.to_string(), from)),
                "{text}"
            );
        }
        assert_eq!(title(&doc("\n\n---\n")), None);
    }

    #[test]
    fn outlets_the_text_credits() {
        let cases = [
            (
                "موسكو (أ ف ب) - أعلن الكرملين أمس.",
                "وكالة الصحافة الفرنسية",
                "dateline credit «أ ف ب»",
            ),
            (
                "باكو (رويترز) – قالت أذربيجان.",
                "رويترز",
                "dateline credit «رويترز»",
            ),
            (
                "نص الخبر.\nالمصدر: الجزيرة نت",
                "الجزيرة نت",
                "«المصدر:» line",
            ),
            (
                "نص الخبر.\nالمصدر: صحيفة محلية",
                "صحيفة محلية",
                "«المصدر:» line",
            ),
            (
                "سكاي نيوز عربية\nأبوظبي\nنص الخبر.",
                "سكاي نيوز عربية",
                "line «سكاي نيوز عربية»",
            ),
            (
                "(الأناضول) - أنقرة: قال الوزير.",
                "وكالة الأناضول",
                "dateline credit «الأناضول»",
            ),
        ];
        for (text, name, from) in cases {
            let got = outlet(&doc(text)).map(|(n, e)| (n, e.to_string()));
            assert_eq!(got, Some((name.to_string(), from.to_string())), "{text}");
        }
    }

    #[test]
    fn attributions_and_captions_are_not_the_outlet() {
        for text in [
            "وذكرت وكالة رويترز أن القتال توقف.",
            "حسب وكالة رويترز، فإن الرئيس لم يصافح.",
            "قوات حفظ السلام الروسية قرب ستيباناكيرت (أ ب)\nنص.",
            "قال الوزير في مؤتمر صحافي في العاصمة (رويترز) - نص طويل.",
            "نص.\nالمصدر: قال مصدر مطلع للصحيفة إن المحادثات ستستأنف قريبا جدا.",
        ] {
            assert_eq!(outlet(&doc(text)), None, "{text}");
        }
    }
}
