//! ODT (OpenDocument text): the paragraphs and headings of `content.xml` in
//! document order, its notes (inline, `text:note`) as the reference list, and
//! the title and creation date of `meta.xml`.

use std::collections::HashMap;

use super::xml::{self, Lines, Step};
use super::zip::Archive;
use super::{Extracted, FileMeta};
use crate::corpus::Skip;

const CONTENT: &str = "content.xml";
const META: &str = "meta.xml";
const MANIFEST: &str = "META-INF/manifest.xml";

pub fn extract(bytes: &[u8]) -> Result<Extracted, Skip> {
    let mut zip = Archive::open(bytes, "ODT")?;
    refuse_encrypted(&mut zip)?;
    let content = zip.require_text(CONTENT)?;
    let mut walk = Walk::default();
    xml::walk(&content, |step| walk.step(step)).map_err(|e| zip.fail(format!("{CONTENT}: {e}")))?;
    let meta = read_meta(&mut zip)?;
    xml::assemble(walk.lines.finish(true), &walk.notes, meta, Vec::new())
}

/// A password-protected document keeps its manifest in the clear and says
/// there how each part is encrypted: the parts themselves are not XML.
fn refuse_encrypted(zip: &mut Archive) -> Result<(), Skip> {
    match zip.read_text(MANIFEST)? {
        Some(manifest) if manifest.contains("encryption-data") => {
            Err(zip.fail("it is password-protected"))
        }
        _ => Ok(()),
    }
}

/// The walk through `content.xml`.
#[derive(Default)]
struct Walk {
    lines: Lines,
    /// The notes in order: note n at index n - 1.
    notes: Vec<String>,
    /// The body of the note being read, which is not part of the paragraph
    /// around it.
    note: Option<Lines>,
    /// Depth inside elements whose text is not the document's: the note's
    /// own number, tracked deletions, comments.
    hidden: usize,
    /// Each note's number by its `text:id`, for `text:note-ref`.
    note_ids: HashMap<String, usize>,
}

impl Walk {
    /// The lines that text goes to now: the note's while inside one.
    fn target(&mut self) -> &mut Lines {
        self.note.as_mut().unwrap_or(&mut self.lines)
    }

    fn step(&mut self, step: Step) {
        match step {
            Step::Open(tag) => {
                let name = tag.name();
                if is_hidden(name) {
                    self.hidden += 1;
                }
                if self.hidden > 0 {
                    return;
                }
                match name {
                    "p" | "h" => self.target().open(),
                    "s" => {
                        let count = tag.attr("c").and_then(|c| c.parse().ok()).unwrap_or(1);
                        self.target().push(&" ".repeat(count.min(64)));
                    }
                    "tab" | "line-break" => self.target().push(" "),
                    "note" if self.note.is_none() => {
                        let n = self.notes.len() + 1;
                        self.lines.push(&format!("[{n}]"));
                        if let Some(id) = tag.attr("id") {
                            self.note_ids.insert(id, n);
                        }
                        self.note = Some(Lines::default());
                    }
                    "note-ref" => {
                        // A second reference to a note already given: its
                        // number again; its printed text is left out.
                        let n = tag
                            .attr("ref-name")
                            .and_then(|id| self.note_ids.get(&id).copied());
                        if let Some(n) = n {
                            self.target().push(&format!("[{n}]"));
                        }
                        self.hidden += 1;
                    }
                    _ => {}
                }
            }
            Step::Close(name) => {
                if is_hidden(&name) || name == "note-ref" {
                    self.hidden = self.hidden.saturating_sub(1);
                    return;
                }
                if self.hidden > 0 {
                    return;
                }
                match name.as_str() {
                    "p" | "h" => self.target().close(true),
                    "note" => {
                        if let Some(note) = self.note.take() {
                            let lines = note.finish(true);
                            let text: Vec<_> =
                                lines.into_iter().filter(|l| !l.is_empty()).collect();
                            self.notes.push(text.join(" "));
                        }
                    }
                    _ => {}
                }
            }
            Step::Text(text) => {
                if self.hidden == 0 {
                    self.target().push(&text);
                }
            }
        }
    }
}

/// Elements whose text is not the document's: a note's number as printed (the
/// marker stands for it), the deleted text that change tracking keeps,
/// comments, a frame's description, and the body of a generated index (a
/// table of contents repeats the headings).
fn is_hidden(name: &str) -> bool {
    matches!(
        name,
        "note-citation" | "tracked-changes" | "annotation" | "desc" | "index-body"
    )
}

/// The title and the creation date (or, without one, `dc:date`).
fn read_meta(zip: &mut Archive) -> Result<FileMeta, Skip> {
    let mut meta = FileMeta::default();
    let Some(xml) = zip.read_text(META)? else {
        return Ok(meta);
    };
    // Metadata that does not parse is only metadata: the text is still read.
    let Ok(found) = xml::first_texts(&xml, &["title", "creation-date", "date"]) else {
        return Ok(meta);
    };
    let [title, created, date] = <[Option<String>; 3]>::try_from(found).unwrap_or_default();
    meta.set_title(title, "dc:title");
    // ODF's dc:date is when the file was last saved: both say when the file
    // was made, not when its text was published.
    meta.set_iso_created(created.as_deref(), "meta:creation-date");
    meta.set_iso_created(date.as_deref(), "dc:date");
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::{markers_in, ReferenceList};
    use crate::corpus::Document;
    use crate::extract::zip::testing::zip_of;

    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0""#;

    fn content(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:automatic-styles><style:style style:name="P1"/></office:automatic-styles><office:body><office:text><text:sequence-decls><text:sequence-decl text:name="Table"/></text:sequence-decls>{body}</office:text></office:body></office:document-content>"#
        )
    }

    fn odt(parts: &[(&str, &str)]) -> Extracted {
        extract(&zip_of(parts)).unwrap()
    }

    const MIMETYPE: (&str, &str) = ("mimetype", "application/vnd.oasis.opendocument.text");

    #[test]
    fn paragraphs_headings_lists_and_tables_in_order() {
        let body = content(
            r#"<text:h text:outline-level="1">عودة   النازحين</text:h>
<text:p text:style-name="P1">عاد <text:span>25 ألفًا</text:span><text:s text:c="2"/>من<text:tab/>الأرمن<text:line-break/>إلى المنطقة.</text:p>
<text:list><text:list-item><text:p>بند أول</text:p></text:list-item><text:list-item><text:p>بند ثان</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>خلية</text:p></table:table-cell></table:table-row></table:table>
<text:p/><text:p>  الخاتمة
  هنا </text:p>"#,
        );
        let got = odt(&[MIMETYPE, (CONTENT, &body)]);
        assert_eq!(
            got.text,
            "عودة النازحين\nعاد 25 ألفًا من الأرمن إلى المنطقة.\nبند أول\nبند ثان\nخلية\n\nالخاتمة هنا\n"
        );
    }

    #[test]
    fn notes_become_markers_and_the_reference_list() {
        let note = |class: &str, n: &str, text: &str| {
            format!(
                r#"<text:note text:id="ftn{n}" text:note-class="{class}"><text:note-citation>{n}</text:note-citation><text:note-body><text:p>{text}</text:p></text:note-body></text:note>"#
            )
        };
        let body = content(&format!(
            r#"<text:p>افتُتح المركز في 30 يناير 2021.{}</text:p><text:p>وحضر الوزيران.{} ثم غادرا.{}<text:note-ref text:note-class="footnote" text:ref-name="ftn1">1</text:note-ref></text:p>"#,
            note("footnote", "1", "وكالة الأناضول، 30 يناير 2021."),
            note("footnote", "2", "بيان وزارة الدفاع"),
            r#"<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>تعليق</text:p><text:p>طويل.</text:p></text:note-body></text:note>"#,
        ));
        let got = odt(&[MIMETYPE, (CONTENT, &body)]);
        assert_eq!(
            got.text,
            "افتُتح المركز في 30 يناير 2021.[1]\nوحضر الوزيران.[2] ثم غادرا.[3][1]\n\
             ^ وكالة الأناضول، 30 يناير 2021.\n^ بيان وزارة الدفاع\n^ تعليق طويل.\n"
        );
        let doc = Document::new("a.odt".into(), got.text.clone(), got.encoding, 0);
        let refs = ReferenceList::of(&doc);
        let second = &markers_in(&doc.text, 0..doc.text.len())[1];
        assert_eq!(
            refs.resolve(second).map(|r| r.text.as_str()),
            Some("بيان وزارة الدفاع")
        );
    }

    #[test]
    fn tracked_deletions_comments_and_generated_indexes_are_left_out() {
        let body = content(
            r#"<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>نص محذوف</text:p></text:deletion></text:changed-region></text:tracked-changes><text:table-of-content><text:index-body><text:p>البداية 1</text:p></text:index-body></text:table-of-content><text:h>البداية</text:h><text:p>بقي <office:annotation><text:p>تعليق المحرر</text:p></office:annotation>هذا.<draw:frame><svg:desc>صورة</svg:desc></draw:frame></text:p>"#,
        );
        assert_eq!(odt(&[(CONTENT, &body)]).text, "البداية\nبقي هذا.\n");
    }

    #[test]
    fn meta_gives_title_and_date() {
        let meta = |fields: &str| {
            format!(
                r#"<office:document-meta {NS} xmlns:dc="d" xmlns:meta="m"><office:meta>{fields}</office:meta></office:document-meta>"#
            )
        };
        let body = content("<text:p>نص</text:p>");
        let got = odt(&[
            (CONTENT, &body),
            (META, &meta("<dc:date>2021-02-01T10:00:00</dc:date><meta:creation-date>2021-01-11T09:30:00</meta:creation-date><dc:title>قمة موسكو</dc:title>")),
        ]);
        assert_eq!(got.meta.title.as_deref(), Some("قمة موسكو"));
        assert_eq!(
            got.meta.created.map(|d| d.to_string()).as_deref(),
            Some("2021-01-11")
        );
        assert_eq!(got.meta.date, None);
        assert_eq!(got.meta.source_of("created"), Some("meta:creation-date"));
        let got = odt(&[
            (CONTENT, &body),
            (META, &meta("<dc:date>2021-02-01T10:00:00</dc:date>")),
        ]);
        assert_eq!(got.meta.source_of("created"), Some("dc:date"));
        assert_eq!(got.meta.title, None);
    }

    #[test]
    fn broken_and_encrypted_files_are_clear_skips() {
        let reason = |parts: &[(&str, &str)]| extract(&zip_of(parts)).unwrap_err().to_string();
        assert_eq!(
            reason(&[MIMETYPE]),
            "cannot be read as ODT (no content.xml in the zip), skipped"
        );
        assert_eq!(
            reason(&[
                MIMETYPE,
                (
                    MANIFEST,
                    r#"<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>"#
                ),
                (CONTENT, "\u{1}\u{2}"),
            ]),
            "cannot be read as ODT (it is password-protected), skipped"
        );
        assert!(reason(&[(CONTENT, "<office:text><text:p></office:text>")])
            .contains("content.xml: XML error"));
        assert!(extract(b"not a zip").is_err());
    }
}
