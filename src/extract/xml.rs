//! Walking the XML inside DOCX, ODT and EPUB files, and building the lines of
//! extracted text from it.
//!
//! The walk is a flat pull loop over quick-xml's events, never a recursion, so
//! no nesting depth can overflow the stack. quick-xml reads a `<!DOCTYPE>` as
//! one opaque event and never processes it: no external entity is fetched and
//! no entity a DTD declares is expanded (a `&xxe;` defined there comes out as
//! its own name, see [`entity`]). Names are compared by their local part
//! (`w:p` is `p`): the prefixes are fixed by each format in practice, and the
//! local names the extractors look for do not clash within one part.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{Extracted, FileMeta, Place};
use crate::corpus::{Encoding, Skip};

/// One step of the walk, with entities already resolved in text.
#[derive(Debug)]
pub enum Step<'a> {
    /// An element opens (an empty one opens and then closes).
    Open(Tag<'a>),
    /// An element closes: its local name.
    Close(String),
    /// Character data (text, a CDATA section or a resolved reference).
    Text(Cow<'a, str>),
}

/// An opening tag, read for its name and attributes.
#[derive(Debug)]
pub struct Tag<'a>(BytesStart<'a>);

impl Tag<'_> {
    /// The element's local name: `p` for `w:p`.
    pub fn name(&self) -> &str {
        local(self.0.name().into_inner())
    }

    /// The value of the attribute whose local name is `name` (`w:id` is asked
    /// for as `id`), entities resolved.
    pub fn attr(&self, name: &str) -> Option<String> {
        self.0
            .attributes()
            .with_checks(false)
            .flatten()
            .find(|a| local(a.key.into_inner()) == name)
            .map(|a| {
                a.normalized_value_with(quick_xml::XmlVersion::Implicit1_0, 1, entity)
                    .map(Cow::into_owned)
                    // A reference the resolver does not know: the value as written.
                    .unwrap_or_else(|_| a.value.clone().into_owned())
            })
    }
}

/// The part of a qualified name after its prefix.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Walks `xml`, handing every [`Step`] to `visit`; the error is a short
/// reason for a message (where the XML stops parsing).
pub fn walk<'a>(xml: &'a str, visit: impl FnMut(Step<'a>)) -> Result<(), String> {
    walk_with(xml, false, visit)
}

/// [`walk`] for XHTML written by hand (an EPUB chapter): an end tag that does
/// not match, or a bare `&`, is taken as it comes rather than an error.
pub fn walk_lenient<'a>(xml: &'a str, visit: impl FnMut(Step<'a>)) -> Result<(), String> {
    walk_with(xml, true, visit)
}

fn walk_with<'a>(
    xml: &'a str,
    lenient: bool,
    mut visit: impl FnMut(Step<'a>),
) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    // `<a/>` as `<a></a>`: the extractors then see one shape for both.
    config.expand_empty_elements = true;
    if lenient {
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
    }
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("XML error at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(tag) => visit(Step::Open(Tag(tag))),
            Event::End(tag) => visit(Step::Close(local(tag.name().into_inner()).to_string())),
            Event::Text(text) => visit(Step::Text(text.xml10_content())),
            Event::CData(data) => visit(Step::Text(data.xml10_content())),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(Cow::Owned(c.to_string())),
                    Ok(None) => entity(&reference).map(Cow::Borrowed),
                    Err(_) => None,
                };
                visit(Step::Text(resolved.unwrap_or_else(|| {
                    // Unknown (an entity a DTD would declare): left as written,
                    // never looked up.
                    Cow::Owned(format!("&{};", &*reference))
                })));
            }
            Event::Eof => return Ok(()),
            // The DOCTYPE is skipped whole: nothing it declares is used.
            Event::Empty(_)
            | Event::Comment(_)
            | Event::Decl(_)
            | Event::PI(_)
            | Event::DocType(_) => {}
        }
    }
}

/// The replacement text of a named entity: XML's five, and the HTML ones that
/// EPUB books written by hand use without declaring them.
pub fn entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        "nbsp" => "\u{a0}",
        "shy" => "\u{ad}",
        "zwnj" => "\u{200c}",
        "zwj" => "\u{200d}",
        "lrm" => "\u{200e}",
        "rlm" => "\u{200f}",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "laquo" => "«",
        "raquo" => "»",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "copy" => "©",
        "middot" => "·",
        "bull" => "•",
        "deg" => "°",
        _ => return None,
    })
}

/// The text of the first element named (locally) each of `names`, trimmed,
/// in the order of `names`: the metadata fields of a properties file.
pub fn first_texts(xml: &str, names: &[&str]) -> Result<Vec<Option<String>>, String> {
    let mut found: Vec<Option<String>> = vec![None; names.len()];
    // The field being read and its text so far.
    let mut current: Option<(usize, String)> = None;
    walk(xml, |step| match step {
        Step::Open(tag) => {
            let at = names.iter().position(|n| *n == tag.name());
            if let Some(i) = at.filter(|i| found[*i].is_none()) {
                current = Some((i, String::new()));
            }
        }
        Step::Text(text) => {
            if let Some((_, buf)) = &mut current {
                buf.push_str(&text);
            }
        }
        Step::Close(name) => {
            if let Some((i, buf)) = current.take_if(|(i, _)| names[*i] == name) {
                let value = collapse_spaces(&buf);
                found[i] = (!value.is_empty()).then_some(value);
            }
        }
    })?;
    Ok(found)
}

/// `text` with every run of white space made one space, and none at the ends:
/// how ODF and (X)HTML render the spaces of their source (a no-break space is
/// not white space there, and is kept).
pub fn collapse_spaces(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lines of extracted text as a walk builds them: one per paragraph.
/// Paragraphs may nest (a text box anchored in a paragraph, in DOCX and ODT),
/// so the open ones are a stack; an inner one is a line of its own, before the
/// line of the paragraph around it.
#[derive(Debug, Default)]
pub struct Lines {
    done: Vec<String>,
    open: Vec<String>,
}

impl Lines {
    /// A paragraph begins.
    pub fn open(&mut self) {
        self.open.push(String::new());
    }

    /// Text of the innermost open paragraph; text outside every paragraph is
    /// not part of the document's text (indentation between elements).
    pub fn push(&mut self, text: &str) {
        if let Some(line) = self.open.last_mut() {
            line.push_str(text);
        }
    }

    /// The innermost paragraph ends and becomes a line, its line breaks and
    /// tabs as spaces (a line is a paragraph). An empty paragraph is a blank
    /// line, so paragraph numbers stay those of the original.
    pub fn close(&mut self, collapse: bool) {
        if let Some(line) = self.open.pop() {
            self.done.push(tidy(&line, collapse));
        }
    }

    /// The lines, with any paragraph left open (a truncated part) closed.
    pub fn finish(mut self, collapse: bool) -> Vec<String> {
        while !self.open.is_empty() {
            self.close(collapse);
        }
        self.done
    }
}

/// A paragraph's text as one line: white space collapsed when the format says
/// so, else only newlines and tabs made spaces; trimmed either way.
fn tidy(line: &str, collapse: bool) -> String {
    if collapse {
        collapse_spaces(line)
    } else {
        line.replace(['\n', '\r', '\t'], " ").trim().to_string()
    }
}

/// The extracted text of a markup document: the body's lines (blank ones at
/// its end dropped, a document often ends with an empty paragraph), then the
/// reference list (`^ note`, one per note, in marker order); a document with
/// no text at all is [`Skip::Empty`].
pub fn assemble(
    mut lines: Vec<String>,
    notes: &[String],
    meta: FileMeta,
    places: Vec<Place>,
) -> Result<Extracted, Skip> {
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    if lines.is_empty() && notes.is_empty() {
        return Err(Skip::Empty);
    }
    let mut text = String::new();
    for line in &lines {
        text.push_str(line);
        text.push('\n');
    }
    for note in notes {
        text.push_str("^ ");
        text.push_str(note);
        text.push('\n');
    }
    Ok(Extracted {
        meta,
        places,
        ..Extracted::plain(text, Encoding::Utf8, 0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> String {
        let mut out = String::new();
        walk(xml, |step| {
            if let Step::Text(t) = step {
                out.push_str(&t);
            }
        })
        .unwrap();
        out
    }

    #[test]
    fn references_resolve_and_html_ones_are_known() {
        assert_eq!(
            texts("<p>قال&#160;الوزير &amp; &laquo;نعم&raquo;&#x0021;&nbsp;</p>"),
            "قال\u{a0}الوزير & «نعم»!\u{a0}"
        );
    }

    #[test]
    fn a_dtd_is_never_processed_nor_its_entities_expanded() {
        let xml = r#"<?xml version="1.0"?>
<!DOCTYPE p [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY big "كلمة كلمة"> ]>
<p>قبل &xxe; بعد &big;</p>"#;
        let got = texts(xml);
        assert!(got.contains("قبل &xxe; بعد &big;"), "{got}");
        assert!(!got.contains("root:"), "{got}");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 200_000;
        let xml = format!("{}نص{}", "<a>".repeat(depth), "</a>".repeat(depth));
        assert_eq!(texts(&xml), "نص");
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        for bad in ["<a><b></a>", "<a", "<a>&</a>", "</a>"] {
            let mut n = 0;
            let got = walk(bad, |_| n += 1);
            assert!(got.is_err(), "{bad}");
        }
    }

    #[test]
    fn tags_give_local_names_and_attributes() {
        let mut seen = Vec::new();
        walk(r#"<w:p><w:ref w:id="3" x="&lt;"/></w:p>"#, |step| {
            if let Step::Open(tag) = step {
                seen.push((tag.name().to_string(), tag.attr("id"), tag.attr("x")));
            }
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                ("p".into(), None, None),
                ("ref".into(), Some("3".into()), Some("<".into()))
            ]
        );
    }

    #[test]
    fn first_texts_finds_each_field_once() {
        let xml = "<m><dc:title> عنوان  أول </dc:title><dc:title>ثان</dc:title><x/></m>";
        assert_eq!(
            first_texts(xml, &["title", "date"]).unwrap(),
            [Some("عنوان أول".to_string()), None]
        );
    }

    #[test]
    fn nested_paragraphs_are_lines_of_their_own() {
        let mut lines = Lines::default();
        lines.push("خارج");
        lines.open();
        lines.push("أول ");
        lines.open();
        lines.push("داخل\t النص");
        lines.close(false);
        lines.push("ثم\nبعد");
        lines.open();
        lines.push("  مفتوح   هنا ");
        assert_eq!(
            lines.finish(true),
            ["داخل  النص", "مفتوح هنا", "أول ثم بعد"]
        );
    }
}
