//! Text and JSON printers for the subcommands. JSON shapes are the serde types of
//! the library, so tests and scripts read exactly what the code produces.
//!
//! This module prints search results and index reports; [`timeline`] renders
//! a timeline as text, CSV, Markdown or JSON.

pub mod json;
pub mod search;
pub mod sources;
pub mod timeline;

use std::io::{self, Write};
use std::ops::Range;

use crate::index::{SearchResults, UpdateReport};

/// `text` laid out for a terminal line by line, as `sanad bidi --align` does:
/// each line one paragraph in visual order, wrapped at `width` cells,
/// right-to-left lines right-aligned. `options.width` is set from `width`.
pub fn laid_out(text: &str, options: &crate::bidi::LayoutOptions, width: usize) -> String {
    let options = crate::bidi::LayoutOptions {
        width: Some(width),
        ..*options
    };
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for paragraph in text.lines() {
        if paragraph.is_empty() {
            out.push('\n');
            continue;
        }
        for line in crate::bidi::layout_plain(paragraph, &options).lines {
            out.push_str(&" ".repeat(line.indent(width)));
            out.push_str(&line.text);
            out.push('\n');
        }
    }
    out
}

/// How matched words are marked in text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marking {
    /// ANSI reverse video + bold.
    Ansi,
    /// ⟦…⟧ around each match, for pipes and NO_COLOR.
    Brackets,
}

impl Marking {
    fn open(self) -> &'static str {
        match self {
            Marking::Ansi => "\x1b[1;7m",
            Marking::Brackets => "⟦",
        }
    }

    fn close(self) -> &'static str {
        match self {
            Marking::Ansi => "\x1b[0m",
            Marking::Brackets => "⟧",
        }
    }
}

/// `text` with the byte ranges `marks` (sorted, non-overlapping, relative to
/// `text`) wrapped in markers and control characters made visible.
pub fn mark_ranges(text: &str, marks: &[Range<usize>], marking: Marking) -> String {
    let mut out = String::with_capacity(text.len() + marks.len() * 8);
    let mut at = 0;
    for r in marks {
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&crate::bidi::visible_controls(&text[at..r.start]));
        out.push_str(marking.open());
        out.push_str(&crate::bidi::visible_controls(&text[r.start..r.end]));
        out.push_str(marking.close());
        at = r.end;
    }
    out.push_str(&crate::bidi::visible_controls(&text[at..]));
    out
}

/// One block per hit: rank, file:paragraph, score, then the passage.
///
/// With `layout_width` (a terminal that does no bidi of its own), passages are
/// laid out in visual order, wrapped to that width and right-aligned when
/// right-to-left; without it they stay in logical order, for pipes and scripts.
pub fn print_search_text(
    out: &mut impl Write,
    results: &SearchResults,
    marking: Marking,
    layout_width: Option<usize>,
) -> io::Result<()> {
    if results.hits.is_empty() {
        return writeln!(
            out,
            "no passages match {:?}",
            crate::bidi::visible_controls(&results.query)
        );
    }
    for (rank, hit) in results.hits.iter().enumerate() {
        let marks: Vec<Range<usize>> = hit
            .highlights
            .iter()
            .map(|[s, e]| s.saturating_sub(hit.start)..e.saturating_sub(hit.start))
            .collect();
        writeln!(
            out,
            "{}. {}  score {:.2}",
            rank + 1,
            crate::bidi::visible_controls(&hit.address()),
            hit.score
        )?;
        match layout_width {
            // On a terminal, matches are marked with attributes (bold and
            // reverse, no colour): bracket characters would change the widths
            // the lines were wrapped to.
            Some(width) => write_visual(out, &hit.text, &marks, Marking::Ansi, width)?,
            None => writeln!(out, "   {}", mark_ranges(&hit.text, &marks, marking))?,
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} of {} matching passages shown",
        results.hits.len(),
        crate::index::describe_total(results.total, results.total_exact)
    )
}

/// What the search matched Latin words to, one line each, for the reader to
/// judge: "Stepanakert → ستيباناكيرت", and the spellings too unsure to be hits
/// as a question. Document text goes through the display filter.
pub fn transliteration_notes(results: &SearchResults) -> Vec<String> {
    let show = |word: &str, spellings: &[String]| {
        let spellings: Vec<String> = spellings
            .iter()
            .map(|s| crate::bidi::visible_controls(s).into_owned())
            .collect();
        (
            crate::bidi::visible_controls(word).into_owned(),
            spellings.join("، "),
        )
    };
    let mut notes = Vec::new();
    for (word, spellings) in &results.transliterations {
        let (word, spellings) = show(word, spellings);
        notes.push(format!("{word} → {spellings}"));
    }
    for (word, spellings) in &results.did_you_mean {
        let latin = crate::query::is_latin(&crate::arabic::normalize_word(word));
        let (word, spellings) = show(word, spellings);
        if latin {
            notes.push(format!(
                "{word}: no sure Arabic spelling; did you mean {spellings}?"
            ));
        } else {
            notes.push(format!("{word}: not found; did you mean {spellings}?"));
        }
    }
    notes
}

/// One line of JSON; characters that could steer a terminal are `\u` escapes
/// ([`json::line`]), so the output is safe to print.
pub fn print_json(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    writeln!(out, "{}", json::line(value))
}

#[derive(serde::Serialize)]
struct IndexSummary {
    index: String,
    documents: usize,
    passages: usize,
    skipped: usize,
    added: usize,
    changed: usize,
    removed: usize,
    rebuilt: bool,
    seconds: f64,
}

pub fn print_index_report(
    out: &mut impl Write,
    dir: &std::path::Path,
    r: &UpdateReport,
    json: bool,
) -> io::Result<()> {
    if json {
        let s = IndexSummary {
            index: dir.display().to_string(),
            documents: r.documents,
            passages: r.passages,
            skipped: r.skipped,
            added: r.added,
            changed: r.changed,
            removed: r.removed,
            rebuilt: r.rebuilt.is_some(),
            seconds: r.elapsed.as_secs_f64(),
        };
        return print_json(out, &s);
    }
    writeln!(
        out,
        "{} documents, {} passages, {} skipped files ({} added, {} changed, {} removed) in {:.2}s\nindex: {}",
        r.documents,
        r.passages,
        r.skipped,
        r.added,
        r.changed,
        r.removed,
        r.elapsed.as_secs_f64(),
        crate::bidi::visible_controls(&dir.display().to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Hit;

    fn results(file: &str, text: &str) -> SearchResults {
        SearchResults {
            query: "q".into(),
            total: 1,
            total_exact: true,
            hits: vec![Hit {
                file: file.into(),
                paragraph: 2,
                start: 10,
                end: 10 + text.len(),
                score: 1.0,
                text: text.into(),
                highlights: vec![[10, 12]],
                highlight_matches: vec![crate::query::WordMatch::Exact],
                kind: crate::index::MatchKind::Native,
                ..Hit::default()
            }],
            transliterations: Default::default(),
            did_you_mean: Default::default(),
            fuzzy_words: Vec::new(),
            suggestions: Vec::new(),
            freshness: None,
        }
    }

    #[test]
    fn file_names_and_passages_are_printed_inert() {
        let r = results("evil\u{1b}[31m\u{9b}1m\u{202e}.txt", "ab \u{1b}]0;x\u{7}");
        for marking in [Marking::Brackets, Marking::Ansi] {
            let mut out = Vec::new();
            print_search_text(&mut out, &r, marking, None).unwrap();
            let text = String::from_utf8(out).unwrap();
            let text = text
                .replace(Marking::Ansi.open(), "")
                .replace(Marking::Ansi.close(), "");
            assert!(text.contains("evil␛[31m�1m.txt:2"), "{text}");
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{text:?}"
            );
            assert!(!text.contains('\u{202e}'));
        }
    }

    #[test]
    fn json_is_printed_inert_and_means_the_same() {
        let r = results("evil\u{9b}1m\u{202e}.txt", "ab \u{85}\u{2066}");
        let mut out = Vec::new();
        print_json(&mut out, &r).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(!text.contains(['\u{202e}', '\u{2066}']));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["hits"][0]["file"], "evil\u{9b}1m\u{202e}.txt");
        assert_eq!(v["hits"][0]["text"], "ab \u{85}\u{2066}");
    }

    #[test]
    fn the_index_report_shows_the_index_path_inert() {
        let mut out = Vec::new();
        let dir = std::path::Path::new("/tmp/idx\u{1b}[2J");
        print_index_report(&mut out, dir, &UpdateReport::default(), false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("/tmp/idx␛[2J"), "{text}");
    }
}

/// Indent of passages under their header line.
const PASSAGE_INDENT: usize = 3;

/// `text` laid out in visual lines of `width` cells (indent included), matches
/// marked; markers wrap each run of matched cells as it appears on screen.
fn write_visual(
    out: &mut impl Write,
    text: &str,
    marks: &[Range<usize>],
    marking: Marking,
    width: usize,
) -> io::Result<()> {
    let inner = width.saturating_sub(PASSAGE_INDENT).max(1);
    let styles: Vec<(Range<usize>, bool)> = marks.iter().map(|r| (r.clone(), true)).collect();
    let options = crate::bidi::LayoutOptions {
        width: Some(inner),
        ..Default::default()
    };
    for line in crate::bidi::layout(text, &options, &styles).lines {
        let mut row = " ".repeat(PASSAGE_INDENT + line.indent(inner));
        let mut in_mark = false;
        for (cell, shown) in line.cells_with_text() {
            if cell.style != in_mark {
                row.push_str(if cell.style {
                    marking.open()
                } else {
                    marking.close()
                });
                in_mark = cell.style;
            }
            row.push_str(shown);
        }
        if in_mark {
            row.push_str(marking.close());
        }
        writeln!(out, "{}", row.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod visual_tests {
    use super::*;

    #[test]
    fn passages_for_a_terminal_are_visual_wrapped_and_marked() {
        let text = "أرسلت روسيا قوات حفظ السلام إلى ممر لاتشين";
        let hit = text.find("لاتشين").unwrap();
        let mut out = Vec::new();
        let marks: Vec<Range<usize>> = std::iter::once(hit..hit + "لاتشين".len()).collect();
        write_visual(&mut out, text, &marks, Marking::Brackets, 24).unwrap();
        let printed = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = printed.lines().collect();
        assert!(lines.len() >= 2, "{printed}");
        let visual_word = crate::bidi::visual_string("لاتشين", None).remove(0);
        assert!(printed.contains(&format!("⟦{visual_word}⟧")), "{printed}");
        for l in &lines {
            let plain = l.replace(['⟦', '⟧'], "");
            assert!(
                unicode_width::UnicodeWidthStr::width(plain.as_str()) <= 24,
                "{l}"
            );
        }
    }
}
