//! The paragraphs of an HTML tree: every block element (paragraph, heading,
//! list item, quotation, table row…) and every `<br>` ends a line, inline
//! elements and text run on inside it, white space collapses as a browser
//! collapses it, and the writing direction the page gives (`dir`, `<bdi>`)
//! survives as the Unicode marks the layout reads.
//!
//! The walk keeps its own stack, so a page nested thousands of elements deep
//! cannot overflow the thread's.

use dom_query::NodeRef;

use crate::bidi::{strong_direction, Direction};

/// Elements whose start and end are paragraph breaks.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
    "body",
    "html",
    "center",
    "legend",
];

/// Elements whose content is never text a reader sees.
const UNSEEN: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "title",
    "meta",
    "link",
    "svg",
    "annotation",
    "annotation-xml",
    "canvas",
    "iframe",
    "object",
    "embed",
    "audio",
    "video",
    "img",
    "picture",
    "select",
    "textarea",
    "input",
    "button",
];

/// Table cells of one row are kept apart by this, as a reader sees columns.
const CELL_GAP: &str = " |";

/// The paragraphs under `root`, one line each, in document order.
pub fn lines_of(root: &NodeRef, page_direction: Option<Direction>) -> Vec<String> {
    let mut out = Lines::default();
    let mut stack = vec![Frame::Enter(*root, page_direction)];
    while let Some(frame) = stack.pop() {
        let (node, dir) = match frame {
            Frame::Enter(node, dir) => (node, dir),
            Frame::Leave(leave) => {
                out.leave(leave);
                continue;
            }
        };
        if node.is_text() {
            out.push_text(&node.text(), dir);
            continue;
        }
        if !node.is_element() && !node.is_document() && !node.is_fragment() {
            continue;
        }
        let name = node.node_name().map(|n| n.to_ascii_lowercase());
        let name = name.as_deref().unwrap_or("");
        if UNSEEN.contains(&name) {
            continue;
        }
        let own = node.attr("dir").and_then(|d| direction_named(&d));
        stack.push(Frame::Leave(enter(&mut out, name, own)));
        let inner = own.or(dir);
        let children: Vec<_> = node.children_it(true).collect();
        stack.extend(children.into_iter().map(|c| Frame::Enter(c, inner)));
    }
    out.finish()
}

/// A step of the walk: an element to enter with the direction around it, or
/// one whose children are done.
enum Frame<'a> {
    Enter(NodeRef<'a>, Option<Direction>),
    Leave(Leave),
}

/// What leaving an element does, decided when it was entered.
#[derive(Debug, Clone, Copy)]
enum Leave {
    Nothing,
    EndLine,
    CloseIsolate,
}

fn enter(out: &mut Lines, name: &str, own: Option<Direction>) -> Leave {
    match name {
        "br" => {
            out.end_line();
            Leave::Nothing
        }
        "td" | "th" => {
            out.push_gap();
            Leave::Nothing
        }
        _ if BLOCKS.contains(&name) => {
            out.end_line();
            Leave::EndLine
        }
        // An inline run the page sets apart keeps its own direction in the
        // line: an isolate, as `<bdi>` and `dir` are in a browser.
        _ => match isolate_of(name, own) {
            Some(mark) => {
                out.open_isolate(mark);
                Leave::CloseIsolate
            }
            None => Leave::Nothing,
        },
    }
}

/// The isolate an inline element opens: LRI or RLI for a `dir` of its own,
/// FSI for a `<bdi>` without one.
fn isolate_of(name: &str, own: Option<Direction>) -> Option<char> {
    match own {
        Some(Direction::Ltr) => Some('\u{2066}'),
        Some(Direction::Rtl) => Some('\u{2067}'),
        None if name == "bdi" => Some('\u{2068}'),
        None => None,
    }
}

/// The direction a `dir` attribute's value names (`auto` names none: the
/// text's own first strong letter decides, as it would anyway).
pub fn direction_named(value: &str) -> Option<Direction> {
    match value.trim().to_ascii_lowercase().as_str() {
        "rtl" => Some(Direction::Rtl),
        "ltr" => Some(Direction::Ltr),
        _ => None,
    }
}

/// Lines being built: the current one's text, white space collapsed as it
/// comes, and the direction the page gives it.
#[derive(Default)]
struct Lines {
    done: Vec<String>,
    line: String,
    direction: Option<Direction>,
    space_pending: bool,
    /// Isolates opened but not yet followed by any text: written before the
    /// next word, or dropped if none comes.
    opening: String,
}

impl Lines {
    fn leave(&mut self, leave: Leave) {
        match leave {
            Leave::Nothing => {}
            Leave::EndLine => self.end_line(),
            Leave::CloseIsolate => self.close_isolate(),
        }
    }

    fn push_text(&mut self, text: &str, dir: Option<Direction>) {
        for (i, word) in text.split(is_collapsible).enumerate() {
            if i > 0 {
                self.space_pending = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.line.is_empty() && self.opening.is_empty() {
                self.direction = dir;
            }
            if self.space_pending && !self.line.is_empty() {
                self.line.push(' ');
            }
            self.space_pending = false;
            self.line.push_str(&std::mem::take(&mut self.opening));
            self.line.push_str(word);
        }
    }

    fn open_isolate(&mut self, mark: char) {
        self.opening.push(mark);
    }

    fn close_isolate(&mut self) {
        if self.opening.pop().is_none() && !self.line.is_empty() {
            self.line.push('\u{2069}');
        }
    }

    /// Between two cells of a row: never at the start of a line.
    fn push_gap(&mut self) {
        if !self.line.is_empty() {
            self.line.push_str(CELL_GAP);
            self.space_pending = true;
        }
    }

    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.space_pending = false;
        self.opening.clear();
        let line = line.trim_end_matches([' ', '|']);
        if line.is_empty() {
            self.direction = None;
            return;
        }
        self.done
            .push(with_direction_mark(line, self.direction.take()));
    }

    fn finish(mut self) -> Vec<String> {
        self.end_line();
        self.done
    }
}

/// White space as HTML collapses it (not U+00A0, which the page asked for).
fn is_collapsible(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0C}')
}

/// A line whose first strong letter would give it another direction than the
/// page does («NATO تقول…» in a right-to-left page) begins with the mark
/// (RLM or LRM) that makes the layout follow the page.
fn with_direction_mark(line: &str, page: Option<Direction>) -> String {
    match (page, strong_direction(line)) {
        (Some(Direction::Rtl), Some(Direction::Ltr)) => format!("\u{200F}{line}"),
        (Some(Direction::Ltr), Some(Direction::Rtl)) => format!("\u{200E}{line}"),
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn lines(html: &str) -> Vec<String> {
        let doc = Document::from(html);
        let root = doc.root();
        let dir = doc
            .select("html")
            .attr("dir")
            .and_then(|d| direction_named(&d));
        lines_of(&root, dir)
    }

    #[test]
    fn blocks_are_lines_and_inline_runs_join() {
        let got = lines(
            "<h1>قوات  حفظ\n السلام</h1><p>أعلنت <b>وزارة</b> الدفاع<a href=x>،</a> فجر الثلاثاء</p>\
             <ul><li>أول</li><li>ثان</li></ul>text<div>بعد<br>السطر</div>",
        );
        assert_eq!(
            got,
            [
                "قوات حفظ السلام",
                "أعلنت وزارة الدفاع، فجر الثلاثاء",
                "أول",
                "ثان",
                "text",
                "بعد",
                "السطر"
            ]
        );
    }

    #[test]
    fn what_a_reader_never_sees_is_left_out() {
        let got = lines(
            "<head><title>عنوان</title><style>p{}</style></head><body><script>var x='كلمة'</script>\
             <p>نص<noscript>مخفي</noscript> ظاهر</p><template><p>قالب</p></template></body>",
        );
        assert_eq!(got, ["نص ظاهر"]);
    }

    #[test]
    fn table_rows_are_lines_with_their_cells_apart() {
        let got = lines("<table><tr><th>التاريخ</th><th>الحدث</th></tr><tr><td>10 نوفمبر 2020</td><td>وقف إطلاق النار</td></tr></table>");
        assert_eq!(got, ["التاريخ | الحدث", "10 نوفمبر 2020 | وقف إطلاق النار"]);
    }

    #[test]
    fn a_cell_or_break_with_a_dir_closes_no_isolate() {
        // Leaving an element undoes what entering it did, and a cell opens
        // no isolate.
        let got = lines(
            r#"<table><tr><td dir="ltr">NATO</td><td>قره باغ</td></tr></table><p>أ<br dir="rtl">ب</p>"#,
        );
        assert_eq!(got, ["NATO | قره باغ", "أ", "ب"]);
    }

    #[test]
    fn entities_and_no_break_spaces_are_text() {
        let got = lines("<p>قال&nbsp;الوزير &laquo;نعم&raquo; &amp; &#1604;&#x627;</p>");
        assert_eq!(got, ["قال\u{a0}الوزير «نعم» & لا"]);
    }

    #[test]
    fn the_page_direction_survives_a_latin_first_word() {
        let got = lines("<html dir=rtl><body><p>NATO تقول</p><p>روسيا تقول</p><p dir=ltr>Reuters, قره باغ</p><p dir=ltr>قره باغ</p></body></html>");
        assert_eq!(got[0], "\u{200F}NATO تقول");
        assert_eq!(got[1], "روسيا تقول");
        assert_eq!(got[2], "Reuters, قره باغ");
        assert_eq!(got[3], "\u{200E}قره باغ");
    }

    #[test]
    fn inline_direction_becomes_an_isolate_that_does_not_join_words() {
        let got =
            lines("<p>قالت وكالة <span dir=ltr>Interfax News</span> إن <bdi>Lachin</bdi> هادئ</p>");
        assert_eq!(
            got,
            ["قالت وكالة \u{2066}Interfax News\u{2069} إن \u{2068}Lachin\u{2069} هادئ"]
        );
    }

    #[test]
    fn a_deeply_nested_page_does_not_overflow_the_stack() {
        let depth = crate::extract::html::depth::MAX_DEPTH;
        let html = format!(
            "{}<p>عميق</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let got = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || lines(&html))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(got, ["عميق"]);
    }
}
