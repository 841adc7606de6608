//! Search results exported for a report or a spreadsheet: `sanad search
//! --format md|csv` and the explorer's copy of its results. Each hit with its
//! place, its source's title and date (given or inferred), and the passage
//! with its matched words marked; every field through the display filter.

use std::fmt::Write;
use std::ops::Range;

use super::timeline::{csv_field, md_escape};
use super::{mark_ranges, Marking};
use crate::index::{Hit, SearchResults};
use crate::metadata::Metadata;

/// The CSV header; each row is one hit.
pub const CSV_HEADER: &str = "rank,file,paragraph,title,outlet,date,score,passage";

/// A Markdown report: a heading per hit (its source's title, else its file),
/// the passage quoted with the matched words in bold, then where it is.
pub fn markdown(results: &SearchResults, meta: &Metadata) -> String {
    let mut out = format!(
        "# Search: «{}» — {} {}\n",
        md_escape(&results.query),
        results.total,
        if results.total == 1 {
            "passage"
        } else {
            "passages"
        }
    );
    for (rank, hit) in results.hits.iter().enumerate() {
        let source = meta.get(&hit.file);
        let title = source
            .and_then(|s| s.title.clone())
            .unwrap_or_else(|| hit.file.clone());
        let about: Vec<String> = [
            source.and_then(|s| s.outlet.clone()),
            source.and_then(|s| s.date_label()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let about = if about.is_empty() {
            String::new()
        } else {
            format!(" — {}", md_escape(&about.join(", ")))
        };
        let _ = write!(
            out,
            "\n## {}. {}{about}\n\n> {}\n\n`{}`, paragraph {} (score {:.2})\n",
            rank + 1,
            md_escape(&title),
            markdown_marked(&hit.text, &marks(hit)),
            crate::bidi::visible_controls(&hit.file).replace('`', "'"),
            hit.paragraph,
            hit.score
        );
    }
    out
}

/// RFC 4180 CSV, one row per hit, the matched words marked ⟦so⟧; no cell can
/// start a spreadsheet formula.
pub fn csv(results: &SearchResults, meta: &Metadata) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    for (rank, hit) in results.hits.iter().enumerate() {
        let source = meta.get(&hit.file);
        let fields = [
            (rank + 1).to_string(),
            hit.file.clone(),
            hit.paragraph.to_string(),
            source.and_then(|s| s.title.clone()).unwrap_or_default(),
            source.and_then(|s| s.outlet.clone()).unwrap_or_default(),
            source.and_then(|s| s.date_label()).unwrap_or_default(),
            format!("{:.2}", hit.score),
            mark_ranges(&hit.text, &marks(hit), Marking::Brackets),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The matched words' byte ranges within the passage.
fn marks(hit: &Hit) -> Vec<Range<usize>> {
    hit.highlights
        .iter()
        .filter_map(|[s, e]| Some(s.checked_sub(hit.start)?..e.checked_sub(hit.start)?))
        .collect()
}

/// The passage escaped for Markdown, the marked ranges in bold.
fn markdown_marked(text: &str, marks: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + marks.len() * 4);
    let mut at = 0;
    for r in marks {
        // A range before the last one, or not on character boundaries, is
        // left unmarked.
        let (Some(before), Some(word)) = (text.get(at..r.start), text.get(r.start..r.end)) else {
            continue;
        };
        out.push_str(&md_escape(before));
        out.push_str("**");
        out.push_str(&md_escape(word));
        out.push_str("**");
        at = r.end;
    }
    out.push_str(&md_escape(text.get(at..).unwrap_or("")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::{Date, Source};

    fn results() -> SearchResults {
        let text = "=cmd وصلت قافلة إلى لاتشين *صباح* اليوم".to_string();
        let start = 100;
        let at = text.find("لاتشين").unwrap();
        SearchResults {
            query: "لاتشين".into(),
            total: 1,
            total_exact: true,
            hits: vec![Hit {
                file: "a\nb.txt".into(),
                paragraph: 3,
                start,
                end: start + text.len(),
                score: 1.5,
                highlights: vec![[start + at, start + at + "لاتشين".len()]],
                text,
                ..Hit::default()
            }],
            ..SearchResults::default()
        }
    }

    fn meta() -> Metadata {
        let mut m = Metadata::default();
        m.insert(
            "a\nb.txt",
            Source {
                title: Some("عنوان".into()),
                date: Date::new(2023, 9, 22),
                date_inferred: true,
                ..Source::default()
            },
        );
        m
    }

    #[test]
    fn markdown_marks_matches_and_escapes_markup() {
        let md = markdown(&results(), &meta());
        assert!(md.contains("## 1. عنوان — ≈2023-09-22"), "{md}");
        assert!(md.contains("**لاتشين**"), "{md}");
        assert!(md.contains("\\*صباح\\*"), "{md}");
        assert!(md.contains("`a␊b.txt`, paragraph 3"), "{md}");
    }

    #[test]
    fn csv_has_one_row_per_hit_and_no_formula() {
        let c = csv(&results(), &meta());
        let lines: Vec<&str> = c.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 2, "{c}");
        assert!(lines[1].contains("⟦لاتشين⟧"), "{c}");
        assert!(lines[1].contains("\"'=cmd"), "a formula is defused: {c}");
        assert!(lines[1].contains("≈2023-09-22"));
    }
}
