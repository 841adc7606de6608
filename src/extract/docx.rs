//! DOCX (Word's WordprocessingML): the body's paragraphs in document order,
//! footnotes and endnotes as the reference list, and the core properties'
//! title and creation date.
//!
//! Parts are found as the package's relationships say (`_rels/.rels`, then
//! the body's own), and by their usual names (`word/document.xml`,
//! `word/footnotes.xml`, `word/endnotes.xml`, `docProps/core.xml`) when a
//! package has no relationships.

use std::collections::HashMap;

use super::xml::{self, Lines, Step};
use super::zip::{parent, resolve, Archive};
use super::{Extracted, FileMeta};
use crate::corpus::Skip;

const BODY: &str = "word/document.xml";
const FOOTNOTES: &str = "word/footnotes.xml";
const ENDNOTES: &str = "word/endnotes.xml";
const CORE: &str = "docProps/core.xml";
const PACKAGE_RELS: &str = "_rels/.rels";

pub fn extract(bytes: &[u8]) -> Result<Extracted, Skip> {
    let mut zip = Archive::open(bytes, "DOCX")?;
    let package = Relationships::read(&mut zip, PACKAGE_RELS)?;
    let body_part = package.target("/officeDocument", BODY);
    let body = zip.require_text(&body_part)?;
    let rels = Relationships::read(&mut zip, &rels_of(&body_part))?;
    let mut refs = NoteRefs {
        footnotes: read_notes(&mut zip, &rels.target("/footnotes", FOOTNOTES))?,
        endnotes: read_notes(&mut zip, &rels.target("/endnotes", ENDNOTES))?,
        numbered: HashMap::new(),
        order: Vec::new(),
    };
    let lines =
        walk_part(&body, Some(&mut refs)).map_err(|e| zip.fail(format!("{body_part}: {e}")))?;
    let meta = read_meta(&mut zip, &package.target("/core-properties", CORE))?;
    xml::assemble(lines, &refs.order, meta, Vec::new())
}

/// The relationships of one part (or of the package): (type, target part).
struct Relationships(Vec<(String, String)>);

impl Relationships {
    /// The relationships in `part`, targets resolved against its source's
    /// folder; none when there is no such part or it does not parse (the
    /// usual names are then used).
    fn read(zip: &mut Archive, part: &str) -> Result<Relationships, Skip> {
        let mut found = Vec::new();
        if let Some(xml) = zip.read_text(part)? {
            // `word/_rels/document.xml.rels` speaks for `word/document.xml`.
            let source_dir = parent(parent(part));
            let _ = xml::walk(&xml, |step| {
                let Step::Open(tag) = step else {
                    return;
                };
                let external = tag.attr("TargetMode").is_some_and(|m| m == "External");
                if tag.name() == "Relationship" && !external {
                    if let (Some(kind), Some(target)) = (tag.attr("Type"), tag.attr("Target")) {
                        found.push((kind, resolve(source_dir, &target)));
                    }
                }
            });
        }
        Ok(Relationships(found))
    }

    /// The target of the first relationship whose type ends with `kind`
    /// (transitional and strict OOXML differ only before it), else `usual`.
    fn target(&self, kind: &str, usual: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k.ends_with(kind))
            .map_or_else(|| usual.to_string(), |(_, target)| target.clone())
    }
}

/// Where a part's relationships are: `word/_rels/document.xml.rels` for
/// `word/document.xml`.
fn rels_of(part: &str) -> String {
    let dir = parent(part);
    let name = part.rsplit('/').next().unwrap_or(part);
    if dir.is_empty() {
        format!("_rels/{name}.rels")
    } else {
        format!("{dir}/_rels/{name}.rels")
    }
}

/// The notes of a footnotes or endnotes part by their `w:id`, each note's
/// paragraphs joined as one line; no part, no notes.
fn read_notes(zip: &mut Archive, part: &str) -> Result<HashMap<String, String>, Skip> {
    let Some(xml) = zip.read_text(part)? else {
        return Ok(HashMap::new());
    };
    notes_of(&xml).map_err(|e| zip.fail(format!("{part}: {e}")))
}

fn notes_of(xml: &str) -> Result<HashMap<String, String>, String> {
    let mut notes = HashMap::new();
    // The note being read: its id (None for a separator, left out) and the
    // walk of its paragraphs.
    let mut current: Option<(Option<String>, Runs)> = None;
    xml::walk(xml, |step| match step {
        Step::Open(tag) if is_note(tag.name()) => {
            let separator = tag.attr("type").is_some_and(|t| t != "normal");
            let id = tag.attr("id").filter(|_| !separator);
            current = Some((id, Runs::default()));
        }
        Step::Close(name) if is_note(&name) => {
            if let Some((Some(id), runs)) = current.take() {
                let lines = runs.lines.finish(false);
                let text = lines
                    .into_iter()
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>();
                notes.insert(id, text.join(" "));
            }
        }
        step => {
            if let Some((_, runs)) = &mut current {
                runs.step(step, None);
            }
        }
    })?;
    Ok(notes)
}

fn is_note(name: &str) -> bool {
    name == "footnote" || name == "endnote"
}

/// The lines of a part's paragraphs; with `refs`, note references become
/// `[n]` markers numbered in order of first reference.
fn walk_part(xml: &str, mut refs: Option<&mut NoteRefs>) -> Result<Vec<String>, String> {
    let mut runs = Runs::default();
    xml::walk(xml, |step| runs.step(step, refs.as_deref_mut()))?;
    Ok(runs.lines.finish(false))
}

/// The notes a body can point to, and the ones it has pointed to so far: the
/// reference list, in marker order.
struct NoteRefs {
    footnotes: HashMap<String, String>,
    endnotes: HashMap<String, String>,
    /// The number each note referenced so far has, by (is an endnote, id): a
    /// note referenced twice keeps its first number and is listed once.
    numbered: HashMap<(bool, String), usize>,
    /// The text of note n at index n - 1.
    order: Vec<String>,
}

impl NoteRefs {
    /// The marker for a reference to the note `id` of `kind`, if there is
    /// such a note.
    fn marker(&mut self, kind: &str, id: &str) -> Option<String> {
        let endnote = kind == "endnoteReference";
        let notes = if endnote {
            &self.endnotes
        } else {
            &self.footnotes
        };
        let text = notes.get(id)?;
        let n = *self
            .numbered
            .entry((endnote, id.to_string()))
            .or_insert_with(|| {
                self.order.push(text.clone());
                self.order.len()
            });
        Some(format!("[{n}]"))
    }
}

/// The state of a walk through runs of text: which paragraphs are open,
/// whether the walk is inside text that is not the document's.
#[derive(Default)]
struct Runs {
    lines: Lines,
    /// Depth inside elements whose text is left out: deleted revisions, and
    /// the fallback copy of content the walk already reads once.
    hidden: usize,
    /// Depth inside runs: a `w:tab` outside one is a tab stop definition.
    runs: usize,
    /// Inside a `w:t`.
    in_text: bool,
    /// The run being read is hidden text (`w:vanish` in its properties).
    vanished: bool,
}

impl Runs {
    fn step(&mut self, step: Step, refs: Option<&mut NoteRefs>) {
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
                    "p" => self.lines.open(),
                    "r" => self.runs += 1,
                    "t" => self.in_text = true,
                    "tab" | "br" | "cr" if self.runs > 0 => self.lines.push(" "),
                    "vanish" if self.runs > 0 => self.vanished = is_on(tag.attr("val")),
                    "noBreakHyphen" => self.lines.push("-"),
                    "footnoteReference" | "endnoteReference" => {
                        let marker = refs.and_then(|refs| {
                            let id = tag.attr("id")?;
                            refs.marker(name, &id)
                        });
                        if let Some(marker) = marker {
                            self.lines.push(&marker);
                        }
                    }
                    _ => {}
                }
            }
            Step::Close(name) => {
                if is_hidden(&name) {
                    self.hidden = self.hidden.saturating_sub(1);
                    return;
                }
                if self.hidden > 0 {
                    return;
                }
                match name.as_str() {
                    "p" => self.lines.close(false),
                    "r" => {
                        self.runs = self.runs.saturating_sub(1);
                        self.vanished = false;
                    }
                    "t" => self.in_text = false,
                    _ => {}
                }
            }
            Step::Text(text) => {
                if self.in_text && self.hidden == 0 && !self.vanished {
                    self.lines.push(&text);
                }
            }
        }
    }
}

/// A toggle property's value: on when absent or anything but off.
fn is_on(val: Option<String>) -> bool {
    !matches!(val.as_deref(), Some("0" | "false" | "off"))
}

/// Elements whose text is not the document's: deleted and moved-away
/// revisions, and `mc:Fallback`, the copy of a text box for older readers
/// (its `mc:Choice` is read).
fn is_hidden(name: &str) -> bool {
    matches!(name, "del" | "moveFrom" | "Fallback")
}

/// The core properties' title and creation date.
fn read_meta(zip: &mut Archive, part: &str) -> Result<FileMeta, Skip> {
    let mut meta = FileMeta::default();
    let Some(core) = zip.read_text(part)? else {
        return Ok(meta);
    };
    // Metadata that does not parse is only metadata: the text is still read.
    let Ok(found) = xml::first_texts(&core, &["title", "created"]) else {
        return Ok(meta);
    };
    let [title, created] = <[Option<String>; 2]>::try_from(found).unwrap_or_default();
    meta.set_title(title, "dc:title");
    // When the file was made, not when its text was published.
    meta.set_iso_created(created.as_deref(), "dcterms:created");
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::zip::testing::zip_of;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn document(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        )
    }

    fn para(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn footnotes(notes: &[(&str, &str)]) -> String {
        let mut xml = format!(
            r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>فاصل</w:t></w:r></w:p></w:footnote>"#
        );
        for (id, text) in notes {
            xml.push_str(&format!(
                r#"<w:footnote w:id="{id}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>"#
            ));
        }
        xml + "</w:footnotes>"
    }

    fn docx(parts: &[(&str, &str)]) -> Extracted {
        extract(&zip_of(parts)).unwrap()
    }

    #[test]
    fn paragraphs_come_in_document_order_tables_included() {
        let body = document(&format!(
            r#"{}<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>الفقرة</w:t></w:r><w:r><w:tab/><w:t>الثانية</w:t><w:br/><w:t xml:space="preserve">بسطر </w:t></w:r><w:r><w:t>جديد</w:t></w:r></w:p><w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl><w:p/>{}<w:p/><w:sectPr/>"#,
            para("عنوان المقالة"),
            para("خلية أولى"),
            para("خلية ثانية"),
            para("الخاتمة"),
        ));
        let got = docx(&[("[Content_Types].xml", "<Types/>"), (BODY, &body)]);
        assert_eq!(
            got.text,
            "عنوان المقالة\nالفقرة الثانية بسطر جديد\nخلية أولى\nخلية ثانية\n\nالخاتمة\n"
        );
        assert_eq!(got.meta, FileMeta::default());
    }

    #[test]
    fn footnotes_become_markers_and_the_reference_list() {
        let body = document(
            r#"<w:p><w:r><w:t>وقّع الطرفان الاتفاق.</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="7"/></w:r><w:r><w:t xml:space="preserve"> ثم انسحبت القوات.</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p><w:p><w:r><w:t>وأكد البيان ذلك.</w:t></w:r><w:r><w:footnoteReference w:id="7"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r><w:r><w:footnoteReference w:id="99"/></w:r></w:p>"#,
        );
        let endnotes = format!(
            r#"<w:endnotes {W}><w:endnote w:type="separator" w:id="0"><w:p/></w:endnote><w:endnote w:id="1"><w:p><w:r><w:t>تعليق ختامي</w:t></w:r></w:p><w:p><w:r><w:t>بفقرتين.</w:t></w:r></w:p></w:endnote></w:endnotes>"#
        );
        let got = docx(&[
            (BODY, &body),
            (
                FOOTNOTES,
                &footnotes(&[
                    ("2", "وكالة الأنباء، 2020."),
                    ("7", "صحيفة الشرق، 12 مارس 2021."),
                ]),
            ),
            (ENDNOTES, &endnotes),
        ]);
        assert_eq!(
            got.text,
            "وقّع الطرفان الاتفاق.[1] ثم انسحبت القوات.[2]\nوأكد البيان ذلك.[1][3]\n\
             ^ صحيفة الشرق، 12 مارس 2021.\n^ وكالة الأنباء، 2020.\n^ تعليق ختامي بفقرتين.\n"
        );
        // The markers resolve to their notes as the seeds' do.
        crate::extract::assert_markers_resolve(
            &got,
            &[
                Some("صحيفة الشرق، 12 مارس 2021."),
                Some("وكالة الأنباء، 2020."),
                Some("صحيفة الشرق، 12 مارس 2021."),
                Some("تعليق ختامي بفقرتين."),
            ],
        );
    }

    #[test]
    fn deleted_and_hidden_text_is_left_out_and_insertions_kept() {
        let body = document(
            r#"<w:p><w:r><w:t xml:space="preserve">بلغ عدد الجنود </w:t></w:r><w:del w:id="1" w:author="م"><w:r><w:delText>ألفين</w:delText></w:r><w:r><w:t>خطأ</w:t></w:r></w:del><w:ins w:id="2" w:author="م"><w:r><w:t>1960</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> جنديًا.</w:t></w:r></w:p><w:p><w:r><mc:AlternateContent xmlns:mc="m"><mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>مربع نص</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>مربع نص</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>حوله</w:t></w:r></w:p>"#,
        );
        let got = docx(&[(BODY, &body)]);
        assert_eq!(got.text, "بلغ عدد الجنود 1960 جنديًا.\nمربع نص\nحوله\n");
        let body = document(
            r#"<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>نص مخفي</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>ظاهر</w:t></w:r><w:r><w:t xml:space="preserve"> أيضًا</w:t></w:r></w:p>"#,
        );
        assert_eq!(docx(&[(BODY, &body)]).text, "ظاهر أيضًا\n");
    }

    #[test]
    fn core_properties_give_title_and_date() {
        let core = r#"<cp:coreProperties xmlns:cp="c" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>تقرير عن الهدنة</dc:title><dc:creator>مراسل</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2020-11-10T21:05:00Z</dcterms:created></cp:coreProperties>"#;
        let got = docx(&[(BODY, &document(&para("نص"))), (CORE, core)]);
        assert_eq!(got.meta.title.as_deref(), Some("تقرير عن الهدنة"));
        assert_eq!(
            got.meta.created.map(|d| d.to_string()).as_deref(),
            Some("2020-11-10")
        );
        assert_eq!(
            got.meta.date, None,
            "a creation date is not a publication date"
        );
        assert_eq!(got.meta.source_of("created"), Some("dcterms:created"));
        assert_eq!(got.meta.source_of("title"), Some("dc:title"));
        // A broken core.xml costs only the metadata.
        let got = docx(&[(BODY, &document(&para("نص"))), (CORE, "<a><b></a>")]);
        assert_eq!((got.text.as_str(), got.meta), ("نص\n", FileMeta::default()));
    }

    #[test]
    fn parts_are_found_through_the_relationships() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/text/main.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="props/core.xml"/></Relationships>"#;
        let body_rels = r#"<Relationships><Relationship Id="rId3" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/footnotes" Target="notes/fn.xml"/></Relationships>"#;
        let body = document(
            r#"<w:p><w:r><w:t>نص</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#,
        );
        let core = r#"<cp:coreProperties><dc:title>عنوان آخر</dc:title></cp:coreProperties>"#;
        let got = docx(&[
            (PACKAGE_RELS, rels),
            ("text/main.xml", &body),
            ("text/_rels/main.xml.rels", body_rels),
            ("text/notes/fn.xml", &footnotes(&[("1", "حاشية")])),
            ("props/core.xml", core),
            // Decoys where the usual names are: not what the package says.
            (BODY, &document(&para("ليس هذا"))),
            (
                CORE,
                "<cp:coreProperties><dc:title>خطأ</dc:title></cp:coreProperties>",
            ),
        ]);
        assert_eq!(got.text, "نص[1]\n^ حاشية\n");
        assert_eq!(got.meta.title.as_deref(), Some("عنوان آخر"));
        assert_eq!(rels_of("word/document.xml"), "word/_rels/document.xml.rels");
        assert_eq!(rels_of("main.xml"), "_rels/main.xml.rels");
    }

    #[test]
    fn broken_files_are_clear_skips() {
        let reason = |bytes: &[u8]| extract(bytes).unwrap_err().to_string();
        assert!(reason(b"PK\x03\x04garbage").starts_with("cannot be read as DOCX (corrupt zip: "));
        assert_eq!(
            reason(&zip_of(&[("word/other.xml", "<a/>")])),
            "cannot be read as DOCX (no word/document.xml in the zip), skipped"
        );
        let bad = reason(&zip_of(&[(BODY, "<w:document><w:body></w:document>")]));
        assert!(
            bad.starts_with("cannot be read as DOCX (word/document.xml: XML error"),
            "{bad}"
        );
        assert_eq!(
            extract(&zip_of(&[(BODY, &document("<w:p/>"))])).unwrap_err(),
            Skip::Empty
        );
    }

    #[test]
    fn an_external_entity_is_not_expanded() {
        let body = format!(
            r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document {W}><w:body><w:p><w:r><w:t>سر: &xxe;</w:t></w:r></w:p></w:body></w:document>"#
        );
        let got = docx(&[(BODY, &body)]);
        assert_eq!(got.text, "سر: &xxe;\n");
    }
}
