//! The source view's text: a document laid out line by line for the pane's width,
//! with search hits and the jump target marked. Recomputed only when the document,
//! the width or the marks change.

use std::ops::Range;

use crate::bidi::{layout, LayoutOptions, VisualLine};
use crate::corpus::Document;

/// How a cell of the source view is marked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Mark {
    #[default]
    Plain,
    /// A word the query matched.
    Hit,
    /// The passage or sentence jumped to.
    Target,
    /// A matched word inside the target.
    TargetHit,
}

/// One screen line of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLine {
    /// The paragraph's 1-based line number.
    pub paragraph: usize,
    /// True on the paragraph's first line (where its number is drawn).
    pub first: bool,
    /// Byte offset of the paragraph in the document (cell offsets are relative to it).
    pub base: usize,
    pub line: VisualLine<Mark>,
}

/// Lays out every paragraph of `doc` at `width` cells. `hits` and `target` are
/// byte ranges in the document.
pub fn lay_out(
    doc: &Document,
    width: usize,
    hits: &[Range<usize>],
    target: Option<&Range<usize>>,
    options: LayoutOptions,
) -> Vec<SourceLine> {
    let options = LayoutOptions {
        width: Some(width.max(1)),
        ..options
    };
    let mut out = Vec::new();
    for p in &doc.paragraphs {
        let styles = marks_in(p.start..p.end, hits, target);
        let laid = layout(&doc.text[p.start..p.end], &options, &styles);
        for (i, line) in laid.lines.into_iter().enumerate() {
            out.push(SourceLine {
                paragraph: p.number,
                first: i == 0,
                base: p.start,
                line,
            });
        }
    }
    out
}

/// The marks falling in `para`, relative to its start; later ranges win in the
/// layout, so hits come after the target.
fn marks_in(
    para: Range<usize>,
    hits: &[Range<usize>],
    target: Option<&Range<usize>>,
) -> Vec<(Range<usize>, Mark)> {
    let clip = |r: &Range<usize>| -> Option<Range<usize>> {
        let s = r.start.max(para.start);
        let e = r.end.min(para.end);
        (s < e).then(|| s - para.start..e - para.start)
    };
    let mut styles = Vec::new();
    if let Some(t) = target.and_then(clip) {
        styles.push((t, Mark::Target));
    }
    for h in hits {
        if let Some(r) = clip(h) {
            let inside = target.is_some_and(|t| h.start < t.end && t.start < h.end);
            styles.push((r, if inside { Mark::TargetHit } else { Mark::Hit }));
        }
    }
    styles
}

/// The index of the first line showing byte `offset` of the document.
pub fn line_of_offset(lines: &[SourceLine], offset: usize) -> Option<usize> {
    lines.iter().position(|l| {
        let r = l.base + l.line.logical.start..l.base + l.line.logical.end;
        r.contains(&offset)
            || (l.first && offset < l.base + l.line.logical.start.max(1) && offset >= l.base)
    })
}

/// The index of the first line of paragraph `number`.
pub fn line_of_paragraph(lines: &[SourceLine], number: usize) -> Option<usize> {
    lines.iter().position(|l| l.paragraph >= number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Encoding;

    #[test]
    fn marks_hits_and_target() {
        let text = "قوات حفظ السلام في قره باغ.\nسطر ثان عن لاتشين.";
        let doc = Document::new("a".into(), text.into(), Encoding::Utf8, 0);
        let hit = text.find("لاتشين").unwrap();
        let target = 0..text.find('\n').unwrap();
        let lines = lay_out(
            &doc,
            20,
            &[hit..hit + "لاتشين".len(), 0..8],
            Some(&target),
            LayoutOptions::default(),
        );
        assert!(lines.len() >= 3);
        assert_eq!(lines[0].paragraph, 1);
        assert!(lines.iter().any(|l| l.paragraph == 2 && l.first));
        let marks: Vec<Mark> = lines
            .iter()
            .flat_map(|l| l.line.cells.iter().map(|c| c.style))
            .collect();
        assert!(
            marks.contains(&Mark::Hit)
                && marks.contains(&Mark::Target)
                && marks.contains(&Mark::TargetHit)
        );
        assert_eq!(
            line_of_offset(&lines, hit).map(|i| lines[i].paragraph),
            Some(2)
        );
        assert_eq!(
            line_of_paragraph(&lines, 2).map(|i| lines[i].first),
            Some(true)
        );
    }
}
