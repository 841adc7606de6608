//! Text and JSON printers for the subcommands. JSON shapes are the serde types of
//! the library, so tests and scripts read exactly what the code produces.

use std::io::{self, Write};
use std::ops::Range;

use crate::index::{SearchResults, UpdateReport};

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
pub fn print_search_text(
    out: &mut impl Write,
    results: &SearchResults,
    marking: Marking,
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
            "{}. {}:{}  score {:.2}",
            rank + 1,
            hit.file,
            hit.paragraph,
            hit.score
        )?;
        writeln!(out, "   {}", mark_ranges(&hit.text, &marks, marking))?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} of {} matching passages shown",
        results.hits.len(),
        results.total
    )
}

pub fn print_json(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
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
        dir.display()
    )
}
