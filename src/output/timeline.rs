//! Renderers of a timeline: plain text (one line per entry), CSV and Markdown
//! (one row or item per mention, with citations), and the JSON contract.
//!
//! Every field that comes from a document or a file name goes through the
//! display filter ([`visible_controls`]) as it is formatted, before any line is split: a
//! newline in a file name is a picture (`␊`), never a forged line, and every
//! renderer's output is safe to print on a terminal as it is.

use std::fmt::Write;
use std::io;

use crate::bidi::visible_controls;
use crate::timeline::{Entry, Mention, Timeline};

/// How a timeline is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// One line per entry ([`text`]).
    Text,
    /// [`text_laid_out`] for a terminal this many cells wide.
    TextLaidOut(usize),
    Csv,
    Markdown,
    /// Markdown laid out for a terminal this many cells wide.
    MarkdownLaidOut(usize),
    Json,
}

/// Writes `batches` of entries as `form` lays them out, a batch at a time
/// and each batch on several threads: a timeline of a million mentions is
/// never held, nor its output, which can be larger.
pub fn write<B: std::ops::Deref<Target = [Entry]>>(
    out: &mut impl io::Write,
    batches: impl IntoIterator<Item = B>,
    form: Form,
) -> io::Result<()> {
    out.write_all(head(form).as_bytes())?;
    let mut any = false;
    for batch in batches {
        let numbered: Vec<(usize, &Entry)> = batch.iter().enumerate().collect();
        let chunks =
            crate::parallel::map_in_order(&numbered, 2, |&(i, e)| render(e, form, any || i > 0));
        for chunk in chunks {
            out.write_all(chunk.as_bytes())?;
        }
        any |= !batch.is_empty();
    }
    out.write_all(tail(form, any).as_bytes())
}

/// One entry as `form` lays it out; `after_another` when one came before.
fn render(e: &Entry, form: Form, after_another: bool) -> String {
    match form {
        Form::Text => text_entry(e),
        Form::TextLaidOut(width) => text_entry_laid_out(e, width),
        Form::Csv => csv_rows(e),
        Form::Markdown => markdown_entry(e),
        Form::MarkdownLaidOut(width) => crate::output::laid_out(
            &markdown_entry(e),
            &crate::bidi::LayoutOptions::default(),
            width,
        ),
        Form::Json => json_entry(e, after_another),
    }
}

fn head(form: Form) -> String {
    match form {
        Form::Text | Form::TextLaidOut(_) => String::new(),
        Form::Csv => format!("{CSV_HEADER}\n"),
        Form::Markdown => "# Timeline\n".to_string(),
        Form::MarkdownLaidOut(width) => crate::output::laid_out(
            "# Timeline\n",
            &crate::bidi::LayoutOptions::default(),
            width,
        ),
        Form::Json => "{\n  \"entries\": [".to_string(),
    }
}

fn tail(form: Form, any: bool) -> &'static str {
    match (form, any) {
        (Form::Json, true) => "\n  ]\n}",
        (Form::Json, false) => "]\n}",
        _ => "",
    }
}

fn rendered(timeline: &Timeline, form: Form) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and every chunk is UTF-8.
    let _ = write(&mut out, timeline.entries.chunks(64), form);
    String::from_utf8(out).unwrap_or_default()
}

/// One line per entry: date, summary, sources (`file:line`).
pub fn text(timeline: &Timeline) -> String {
    rendered(timeline, Form::Text)
}

fn text_entry(e: &Entry) -> String {
    format!(
        "{:<10}  {}  [{}]\n",
        e.label(),
        visible_controls(&e.summary),
        sources(e)
    )
}

/// The text form laid out for a terminal `width` cells wide: the date in its
/// own column, the summary in visual order wrapped beside it (right-aligned,
/// as `sanad show` lays out a paragraph), the sources on a line of their own.
/// Each field is laid out alone, so a date or a file name is never reordered
/// with the Arabic around it.
pub fn text_laid_out(timeline: &Timeline, width: usize) -> String {
    rendered(timeline, Form::TextLaidOut(width))
}

fn text_entry_laid_out(e: &Entry, width: usize) -> String {
    const DATE: usize = 22;
    let column = width.saturating_sub(DATE + 2).max(10);
    let options = crate::bidi::LayoutOptions {
        width: Some(column),
        ..Default::default()
    };
    let mut out = String::new();
    let summary = crate::bidi::layout_plain(&e.summary, &options);
    let mut label = e.label();
    for line in &summary.lines {
        let pad = line.indent(column);
        let _ = writeln!(out, "{label:<DATE$}│ {}{}", " ".repeat(pad), line.text);
        label.clear();
    }
    let _ = writeln!(out, "{:<DATE$}│ [{}]", label, sources(e));
    out
}

fn sources(e: &Entry) -> String {
    // A set beside the list: an event reported by thousands of files.
    let mut seen = rustc_hash::FxHashSet::default();
    let mut listed: Vec<String> = Vec::new();
    for m in &e.mentions {
        let s = visible_controls(&m.address()).into_owned();
        if seen.insert(s.clone()) {
            listed.push(s);
        }
    }
    listed.join(", ")
}

/// The CSV header; each row is one mention with its entry's fields.
pub const CSV_HEADER: &str = "date,precision,certainty,summary,file,paragraph,start,end,\
date_text,text,markers,references";

/// RFC 4180 CSV, one row per mention, each ended by a newline (a raw CR would
/// be a control character on a terminal). Markers are joined with spaces and
/// references with ` | `. Every cell is shown text ([`visible_controls`]) and none can
/// start a spreadsheet formula ([`csv_field`]).
pub fn csv(timeline: &Timeline) -> String {
    rendered(timeline, Form::Csv)
}

fn csv_rows(e: &Entry) -> String {
    let mut out = String::new();
    for m in &e.mentions {
        let fields = [
            e.label(),
            e.precision.as_str().to_string(),
            e.certainty.as_str().to_string(),
            e.summary.clone(),
            m.file.clone(),
            m.paragraph.to_string(),
            m.start.to_string(),
            m.end.to_string(),
            m.date_text.clone(),
            m.text.clone(),
            m.markers.join(" "),
            m.references.join(" | "),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// One CSV cell, as OWASP's CSV-injection guidance says: a cell that a
/// spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, TAB
/// or CR, or a full-width `＝＋－＠`) gets a leading `'` and is quoted, so that
/// `=HYPERLINK(…)` in a document or a file name stays text. A cell holding a
/// separator (`,`, or `;` for locales that split on it) or a quote is quoted.
/// No column of ours is a negative number: dates and counts start with a digit.
pub(crate) fn csv_field(s: &str) -> String {
    let s = visible_controls(s);
    let formula = s.starts_with([
        '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
    ]);
    if formula {
        format!("\"'{}\"", s.replace('"', "\"\""))
    } else if s.contains([',', ';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// A Markdown document: a heading per entry, a quote per mention with its
/// source, and its references as sub-items.
pub fn markdown(timeline: &Timeline) -> String {
    rendered(timeline, Form::Markdown)
}

fn markdown_entry(e: &Entry) -> String {
    let mut out = format!(
        "\n## {} ({}, {})\n\n{}\n\n",
        e.label(),
        e.precision.as_str(),
        e.certainty.as_str(),
        md_escape(&e.summary)
    );
    for m in &e.mentions {
        markdown_mention(&mut out, m);
    }
    out
}

fn markdown_mention(out: &mut String, m: &Mention) {
    let markers = if m.markers.is_empty() {
        String::new()
    } else {
        format!(" {}", md_escape(&m.markers.join("")))
    };
    let _ = writeln!(
        out,
        "- `{}`, line {}, bytes {}–{}: «{}» (date: «{}»){}",
        visible_controls(&m.file).replace('`', "'"),
        m.paragraph,
        m.start,
        m.end,
        md_escape(&m.text),
        md_escape(&m.date_text),
        markers
    );
    for r in &m.references {
        let _ = writeln!(out, "  - {}", md_escape(r));
    }
}

/// Escapes what Markdown would read as markup in shown text ([`visible_controls`], which
/// keeps it on one line).
pub(crate) fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in visible_controls(s).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The `--json` output, safe to print on a terminal: characters that could
/// steer it are `\u` escapes ([`crate::output::json`]).
pub fn json(timeline: &Timeline) -> String {
    rendered(timeline, Form::Json)
}

/// One entry of the `--json` array, as `serde_json`'s pretty printer lays it
/// out at that depth, with the separator before it when it is not the first.
fn json_entry(e: &Entry, after_another: bool) -> String {
    let mut out = String::from(if after_another { ",\n" } else { "\n" });
    // The entry without its mentions, then its mentions each on its own
    // (on several threads: an event can have tens of thousands), at the
    // depths the pretty printer gives them in the whole document.
    let head = Entry {
        date: e.date,
        start: e.start,
        end: e.end,
        precision: e.precision,
        certainty: e.certainty,
        summary: e.summary.clone(),
        mentions: Vec::new(),
    };
    let head = crate::output::json::pretty(&head, 4);
    let open = match head.strip_suffix("[]\n    }") {
        Some(open) if !e.mentions.is_empty() => open,
        _ => return out + &head,
    };
    out.push_str(open);
    out.push('[');
    let mentions = crate::parallel::map_in_order(&e.mentions, PARALLEL_MENTIONS, |m| {
        crate::output::json::pretty(m, 8)
    });
    for (i, m) in mentions.enumerate() {
        out.push_str(if i > 0 { ",\n" } else { "\n" });
        out.push_str(&m);
    }
    out.push_str("\n      ]\n    }");
    out
}

/// Mentions past this many are laid out on several threads.
const PARALLEL_MENTIONS: usize = 512;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::{Certainty, Date, When};

    fn sample() -> Timeline {
        let mention = Mention {
            file: "a.txt".into(),
            paragraph: 3,
            page: None,
            chapter: None,
            start: 10,
            end: 40,
            text: "قال \"نعم\"، ثم [1]".into(),
            date_text: "10 نوفمبر".into(),
            markers: vec!["[1]".into()],
            references: vec!["Kucera, \"title\"".into()],
            date_start: 12,
            date_end: 20,
            certainty: Certainty::Inferred,
        };
        let date = When::Day(Date::new(2020, 11, 10).unwrap());
        Timeline {
            entries: vec![Entry {
                date,
                start: None,
                end: None,
                precision: date.precision(),
                certainty: Certainty::Inferred,
                summary: "قال \"نعم\"، ثم".into(),
                mentions: vec![mention],
            }],
        }
    }

    #[test]
    fn text_is_one_line_per_entry() {
        assert_eq!(text(&sample()), "2020-11-10  قال \"نعم\"، ثم  [a.txt:3]\n");
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let out = csv(&sample());
        let mut lines = out.split("\n");
        assert_eq!(lines.next(), Some(CSV_HEADER));
        let row = lines.next().unwrap();
        assert!(row.starts_with("2020-11-10,day,inferred,\"قال \"\"نعم\"\"، ثم\",a.txt,3,10,40,"));
        assert!(row.ends_with(",[1],\"Kucera, \"\"title\"\"\""));
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        for (cell, written) in [
            ("=1+1", "\"'=1+1\""),
            ("+1", "\"'+1\""),
            ("-1", "\"'-1\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\u{FF1D}1+1", "\"'\u{FF1D}1+1\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("a;=1", "\"a;=1\""),
            ("2020-11-10", "2020-11-10"),
            ("a=1", "a=1"),
        ] {
            assert_eq!(csv_field(cell), written, "{cell:?}");
        }
        // TAB and CR are shown as a space and a picture, then nothing starts a
        // formula.
        assert_eq!(csv_field("\t=1"), " =1");
        assert_eq!(csv_field("\r=1"), "\u{240d}=1");
    }

    #[test]
    fn markdown_escapes_markup() {
        let out = markdown(&sample());
        assert!(out.contains("## 2020-11-10 (day, inferred)"));
        assert!(out.contains("\\[1\\]"));
        assert!(out.contains("  - Kucera"));
    }

    #[test]
    fn json_written_entry_by_entry_is_the_pretty_serde_form() {
        let mut two = sample();
        two.entries.push(two.entries[0].clone());
        // An event of many mentions, laid out on several threads.
        let mut many = sample();
        let mention = many.entries[0].mentions[0].clone();
        many.entries[0].mentions = (0..2000)
            .map(|i| Mention {
                paragraph: i,
                text: format!("نص {i}"),
                ..mention.clone()
            })
            .collect();
        let mut none = sample();
        none.entries[0].mentions.clear();
        for t in [sample(), two, Timeline::default(), many, none] {
            assert_eq!(json(&t), serde_json::to_string_pretty(&t).unwrap());
        }
    }

    #[test]
    fn json_is_the_serde_form() {
        let v: serde_json::Value = serde_json::from_str(&json(&sample())).unwrap();
        assert_eq!(v["entries"][0]["mentions"][0]["paragraph"], 3);
    }

    #[test]
    fn json_escapes_what_could_steer_a_terminal() {
        let mut t = sample();
        t.entries[0].mentions[0].text = "ثم \u{9b}31m \u{202e}مقلوب \u{1b}[2J".into();
        let out = json(&t);
        assert!(!out.contains(['\u{9b}', '\u{202e}', '\u{1b}']), "{out}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v["entries"][0]["mentions"][0]["text"],
            "ثم \u{9b}31m \u{202e}مقلوب \u{1b}[2J"
        );
    }
}
