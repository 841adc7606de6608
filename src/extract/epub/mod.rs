//! EPUB (2 and 3): the chapters in spine order, each chapter's paragraphs as
//! lines and where it begins as a [`Place`] titled from the table of contents,
//! and the package's title, date and publisher.
//!
//! Chapters are read with a simple block walk (paragraphs, headings, list
//! items, quotations), not a full HTML extractor: EPUB's XHTML is XML, and
//! well-formed in practice.

use std::collections::HashMap;

mod notes;

use notes::{role_of, BookNotes, Role};

use super::xml::{self, Lines, Step};
use super::zip::{parent, resolve, Archive};
use super::{Extracted, FileMeta, Place};
use crate::corpus::Skip;

const CONTAINER: &str = "META-INF/container.xml";
const ENCRYPTION: &str = "META-INF/encryption.xml";

pub fn extract(bytes: &[u8]) -> Result<Extracted, Skip> {
    let mut zip = Archive::open(bytes, "EPUB")?;
    refuse_encrypted(&mut zip)?;
    let opf_path = package_path(&mut zip)?;
    let opf = zip.require_text(&opf_path)?;
    let package = Package::parse(&opf, parent(&opf_path))
        .map_err(|e| zip.fail(format!("{opf_path}: {e}")))?;
    let titles = toc_titles(&mut zip, &package)?;
    let mut chapters = Vec::new();
    for href in package.chapters() {
        // A spine entry the archive lacks: the rest of the book is read.
        if let Some(xhtml) = zip.read_text(href)? {
            chapters.push((href.to_string(), xhtml));
        }
    }
    let mut notes = BookNotes::default();
    for (href, xhtml) in &chapters {
        notes.gather(href, xhtml);
    }
    let mut lines = Vec::new();
    let mut places = Vec::new();
    for (href, xhtml) in &chapters {
        let chapter = chapter_lines(xhtml, href, &mut notes);
        if chapter.is_empty() {
            continue;
        }
        let title = titles
            .get(href.as_str())
            .cloned()
            .unwrap_or_else(|| file_name(href).to_string());
        places.push(Place {
            line: lines.len() + 1,
            page: None,
            chapter: Some(title),
        });
        lines.extend(chapter);
    }
    let meta = package_meta(&opf);
    xml::assemble(lines, &notes.into_list(), meta, places)
}

/// Font obfuscation (IDPF's and Adobe's) is the only encryption a readable
/// book has: any other algorithm is DRM over the content itself.
const FONT_OBFUSCATION: &[&str] = &[
    "http://www.idpf.org/2008/embedding",
    "http://ns.adobe.com/pdf/enc#RC",
];

fn refuse_encrypted(zip: &mut Archive) -> Result<(), Skip> {
    let Some(xml) = zip.read_text(ENCRYPTION)? else {
        return Ok(());
    };
    let mut drm = false;
    // A manifest that does not parse cannot say what is readable: the
    // chapters themselves will tell.
    let _ = xml::walk(&xml, |step| {
        if let Step::Open(tag) = step {
            if tag.name() == "EncryptionMethod" {
                let algorithm = tag.attr("Algorithm").unwrap_or_default();
                drm |= !FONT_OBFUSCATION.contains(&algorithm.as_str());
            }
        }
    });
    if drm {
        return Err(zip.fail("its content is encrypted (DRM)"));
    }
    Ok(())
}

/// Where the package document (the OPF) is, as `container.xml` says.
fn package_path(zip: &mut Archive) -> Result<String, Skip> {
    let container = zip.require_text(CONTAINER)?;
    let mut path = None;
    xml::walk(&container, |step| {
        if let Step::Open(tag) = step {
            if tag.name() == "rootfile" && path.is_none() {
                path = tag.attr("full-path");
            }
        }
    })
    .map_err(|e| zip.fail(format!("{CONTAINER}: {e}")))?;
    path.filter(|p| !p.is_empty())
        .ok_or_else(|| zip.fail(format!("{CONTAINER} names no package document")))
}

/// What the package document lists: its files, and the order of reading.
#[derive(Debug, Default)]
struct Package {
    /// Manifest items by id: their path in the archive and media type.
    items: HashMap<String, Item>,
    /// The spine: item ids in reading order.
    spine: Vec<String>,
    /// The EPUB 2 table of contents' item id (the spine's `toc`).
    ncx: Option<String>,
}

#[derive(Debug)]
struct Item {
    path: String,
    media_type: String,
    /// The EPUB 3 navigation document (`properties="nav"`).
    nav: bool,
}

impl Package {
    /// Reads the OPF at `dir` (the folder its hrefs are relative to).
    fn parse(opf: &str, dir: &str) -> Result<Package, String> {
        let mut package = Package::default();
        xml::walk(opf, |step| {
            let Step::Open(tag) = step else {
                return;
            };
            match tag.name() {
                "item" => {
                    let (Some(id), Some(href)) = (tag.attr("id"), tag.attr("href")) else {
                        return;
                    };
                    let properties = tag.attr("properties").unwrap_or_default();
                    package.items.insert(
                        id,
                        Item {
                            path: resolve(dir, &href),
                            media_type: tag.attr("media-type").unwrap_or_default(),
                            nav: properties.split_whitespace().any(|p| p == "nav"),
                        },
                    );
                }
                "itemref" => package.spine.extend(tag.attr("idref")),
                "spine" => package.ncx = tag.attr("toc"),
                _ => {}
            }
        })?;
        Ok(package)
    }

    /// The chapters' paths in spine order: the (X)HTML documents, without
    /// the navigation document (a list of the chapters' titles, not text of
    /// the book) nor an image or SVG page.
    fn chapters(&self) -> impl Iterator<Item = &str> {
        self.spine
            .iter()
            .filter_map(|id| self.items.get(id))
            .filter(|item| !item.nav && item.media_type.contains("html"))
            .map(|item| item.path.as_str())
    }

    fn nav(&self) -> Option<&Item> {
        self.items.values().find(|item| item.nav)
    }

    fn ncx(&self) -> Option<&Item> {
        let by_spine = self.ncx.as_ref().and_then(|id| self.items.get(id));
        by_spine.or_else(|| {
            self.items
                .values()
                .find(|item| item.media_type == "application/x-dtbncx+xml")
        })
    }
}

/// Reads a table of contents in a folder into (path, title) entries.
type TocReader = fn(&str, &str) -> Vec<(String, String)>;

/// Each chapter's title by its path, from the EPUB 3 navigation document or,
/// without one, the EPUB 2 NCX; the first entry for a file names it (later
/// ones point into it). A table of contents that cannot be read only costs
/// the titles.
fn toc_titles(zip: &mut Archive, package: &Package) -> Result<HashMap<String, String>, Skip> {
    let (item, read): (_, TocReader) = match (package.nav(), package.ncx()) {
        (Some(nav), _) => (nav, nav_entries),
        (None, Some(ncx)) => (ncx, ncx_entries),
        (None, None) => return Ok(HashMap::new()),
    };
    let Some(toc) = zip.read_text(&item.path)? else {
        return Ok(HashMap::new());
    };
    let mut titles = HashMap::new();
    for (path, title) in read(&toc, parent(&item.path)) {
        if !title.is_empty() {
            titles.entry(path).or_insert(title);
        }
    }
    Ok(titles)
}

/// The (path, title) links of an EPUB 3 `<nav epub:type="toc">`.
fn nav_entries(xhtml: &str, dir: &str) -> Vec<(String, String)> {
    let mut entries = Vec::new();
    // Depth inside the toc nav (0: outside it), and the link being read.
    let mut in_toc = 0usize;
    let mut link: Option<(String, String)> = None;
    let _ = xml::walk_lenient(xhtml, |step| match step {
        Step::Open(tag) => match tag.name() {
            "nav" if in_toc > 0 => in_toc += 1,
            "nav" => {
                let kind = tag.attr("type").unwrap_or_default();
                if kind.split_whitespace().any(|k| k == "toc") {
                    in_toc = 1;
                }
            }
            "a" if in_toc > 0 => {
                link = tag
                    .attr("href")
                    .map(|href| (resolve(dir, &href), String::new()));
            }
            _ => {}
        },
        Step::Text(text) => {
            if let Some((_, title)) = &mut link {
                title.push_str(&text);
            }
        }
        Step::Close(name) => match name.as_str() {
            "nav" => in_toc = in_toc.saturating_sub(1),
            "a" => {
                if let Some((path, title)) = link.take() {
                    entries.push((path, xml::collapse_spaces(&title)));
                }
            }
            _ => {}
        },
    });
    entries
}

/// The (path, title) of each `navPoint` of an EPUB 2 NCX: its `navLabel`'s
/// text, then its `content src`.
fn ncx_entries(ncx: &str, dir: &str) -> Vec<(String, String)> {
    let mut entries = Vec::new();
    let mut label: Option<String> = None;
    let mut in_label = false;
    let _ = xml::walk(ncx, |step| match step {
        Step::Open(tag) => match tag.name() {
            "navLabel" => {
                in_label = true;
                label = Some(String::new());
            }
            "content" => {
                if let (Some(title), Some(src)) = (label.take(), tag.attr("src")) {
                    entries.push((resolve(dir, &src), xml::collapse_spaces(&title)));
                }
            }
            _ => {}
        },
        Step::Text(text) => {
            if let Some(title) = label.as_mut().filter(|_| in_label) {
                title.push_str(&text);
            }
        }
        Step::Close(name) => {
            if name == "navLabel" {
                in_label = false;
            }
        }
    });
    entries
}

/// A chapter's paragraphs, blank ones left out (the lines between blocks of
/// markup are not paragraphs); a chapter that stops parsing keeps what was
/// read before.
fn chapter_lines(xhtml: &str, path: &str, notes: &mut BookNotes) -> Vec<String> {
    let mut lines = Lines::default();
    // Depth inside elements whose text is not read: scripts, styles, the head.
    let mut hidden = 0usize;
    // Element depth, and the depth of the note or note reference being passed
    // over (a note is in the reference list; a reference is written `[n]`).
    let mut depth = 0usize;
    let mut passed: Option<usize> = None;
    let mut list: Option<usize> = None;
    let _ = xml::walk_lenient(xhtml, |step| match step {
        Step::Open(tag) => {
            depth += 1;
            if passed.is_some() {
                return;
            }
            let name = tag.name();
            match role_of(&tag, list.is_some()) {
                Role::NoteList if list.is_none() => list = Some(depth),
                // A note, or the heading of a list of notes («الهوامش»): the
                // reference list says both.
                Role::Note(_) => {
                    passed = Some(depth);
                    return;
                }
                _ if list.is_some() && matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                    passed = Some(depth);
                    return;
                }
                Role::Ref(href) => {
                    if let Some(n) = notes.cite(path, &href) {
                        lines.push(&format!("[{n}]"));
                        passed = Some(depth);
                        return;
                    }
                }
                _ => {}
            }
            if is_hidden(name) {
                hidden += 1;
            } else if hidden == 0 && is_block(name) {
                lines.open();
            } else if hidden == 0 && name == "br" {
                lines.push(" ");
            }
        }
        Step::Close(name) => {
            let closing = depth;
            depth = depth.saturating_sub(1);
            if passed == Some(closing) {
                passed = None;
                return;
            }
            if passed.is_some() {
                return;
            }
            if list == Some(closing) {
                list = None;
            }
            if is_hidden(&name) {
                hidden = hidden.saturating_sub(1);
            } else if hidden == 0 && is_block(&name) {
                lines.close(true);
            }
        }
        Step::Text(text) => {
            if hidden == 0 && passed.is_none() {
                lines.push(&text);
            }
        }
    });
    lines
        .finish(true)
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect()
}

/// The elements whose text is a paragraph of its own.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "blockquote"
            | "div"
            | "dt"
            | "dd"
            | "td"
            | "th"
            | "pre"
            | "figcaption"
            | "caption"
    )
}

fn is_hidden(name: &str) -> bool {
    matches!(name, "head" | "script" | "style" | "template")
}

/// The package's title, date and publisher; a package that does not parse
/// has already failed, so a failure here only costs the metadata.
fn package_meta(opf: &str) -> FileMeta {
    let mut meta = FileMeta::default();
    let found = xml::first_texts(opf, &["title", "date", "publisher"]).unwrap_or_default();
    let [title, date, publisher] = <[Option<String>; 3]>::try_from(found).unwrap_or_default();
    meta.set_title(title, "dc:title");
    meta.set_iso_date(date.as_deref(), "dc:date");
    meta.set_outlet(publisher, "dc:publisher");
    meta
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::zip::testing::zip_of;

    const MIMETYPE: (&str, &str) = ("mimetype", "application/epub+zip");
    const CONTAINER_XML: &str = r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;

    fn chapter(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>عنوان الصفحة</title><style>p {{ margin: 0 }}</style></head><body>{body}</body></html>"#
        )
    }

    /// An EPUB 3 whose manifest lists the chapters in another order than the
    /// spine reads them.
    fn book(extra: &[(&str, &str)]) -> Vec<u8> {
        let opf = r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>حرب قره باغ</dc:title><dc:publisher>دار النشر</dc:publisher><dc:date>2021-03-04</dc:date><meta property="dcterms:modified">2024-01-01T00:00:00Z</meta></metadata><manifest><item id="c3" href="text/three.xhtml" media-type="application/xhtml+xml"/><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="c1" href="text/one%20a.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="text/two.xhtml" media-type="application/xhtml+xml"/><item id="cover" href="cover.svg" media-type="image/svg+xml"/></manifest><spine><itemref idref="cover"/><itemref idref="nav" linear="no"/><itemref idref="c1"/><itemref idref="c2"/><itemref idref="c3"/><itemref idref="missing"/></spine></package>"#;
        let nav = r#"<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="landmarks"><ol><li><a href="text/two.xhtml">ليس عنوانًا</a></li></ol></nav><nav epub:type="toc"><ol><li><a href="text/one%20a.xhtml">الفصل الأول: <span>البداية</span></a></li><li><a href="text/two.xhtml#s1">الفصل الثاني</a><ol><li><a href="text/two.xhtml#s2">قسم منه</a></li></ol></li></ol></nav></body></html>"#;
        let one = chapter("<h1>البداية</h1><p>اندلعت الحرب في 27 سبتمبر 2020.</p><script>var x = '<p>لا</p>';</script>");
        let two = chapter("<section><p>وقّع الطرفان&nbsp;الاتفاق <em>في</em> 10 نوفمبر&#160;2020.</p><div><p>نشرت روسيا<br/>قواتها.</p></div><ul><li>بند</li></ul></section>");
        let three = chapter("<blockquote><p>انتهى.</p></blockquote>");
        let mut parts = vec![
            MIMETYPE,
            ("META-INF/container.xml", CONTAINER_XML),
            ("OEBPS/content.opf", opf),
            ("OEBPS/nav.xhtml", nav),
            (
                "OEBPS/cover.svg",
                "<svg><foreignObject><p>الغلاف</p></foreignObject></svg>",
            ),
            ("OEBPS/text/three.xhtml", &three),
            ("OEBPS/text/one a.xhtml", &one),
            ("OEBPS/text/two.xhtml", &two),
        ];
        parts.extend_from_slice(extra);
        zip_of(&parts)
    }

    #[test]
    fn chapters_come_in_spine_order_with_their_toc_titles() {
        let got = extract(&book(&[])).unwrap();
        assert_eq!(
            got.text,
            "البداية\nاندلعت الحرب في 27 سبتمبر 2020.\n\
             وقّع الطرفان\u{a0}الاتفاق في 10 نوفمبر\u{a0}2020.\nنشرت روسيا قواتها.\nبند\n\
             انتهى.\n"
        );
        let places: Vec<_> = got
            .places
            .iter()
            .map(|p| (p.line, p.page, p.chapter.as_deref()))
            .collect();
        assert_eq!(
            places,
            [
                (1, None, Some("الفصل الأول: البداية")),
                (3, None, Some("الفصل الثاني")),
                (6, None, Some("three.xhtml")),
            ]
        );
        assert_eq!(got.meta.title.as_deref(), Some("حرب قره باغ"));
        assert_eq!(got.meta.outlet.as_deref(), Some("دار النشر"));
        assert_eq!(
            got.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2021-03-04")
        );
        assert_eq!(got.meta.source_of("outlet"), Some("dc:publisher"));
    }

    /// A book of `parts` whose package is `content.opf` at the archive's root.
    fn rooted_book(opf: &str, parts: &[(&str, &str)]) -> Vec<u8> {
        let container =
            r#"<container><rootfiles><rootfile full-path="content.opf"/></rootfiles></container>"#;
        let mut all = vec![MIMETYPE, (CONTAINER, container), ("content.opf", opf)];
        all.extend_from_slice(parts);
        zip_of(&all)
    }

    #[test]
    fn footnotes_and_endnotes_become_the_reference_list_and_resolve() {
        let opf = r#"<package version="3.0"><metadata><dc:title>كتاب</dc:title></metadata><manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/><item id="n" href="notes/end.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/><itemref idref="n"/></spine></package>"#;
        let a = chapter(
            r##"<p>انتشرت القوات<a epub:type="noteref" href="notes/end.xhtml#e1" id="r1"><sup>1</sup></a> في قره باغ<a epub:type="noteref" href="#f1">*</a>.</p>
            <aside epub:type="footnote" id="f1"><p>حاشية في الفصل نفسه.</p></aside>
            <p>ثم عادت<a role="doc-noteref" href="notes/end.xhtml#e1">1</a> وبقي<a epub:type="noteref" href="#nowhere">؟</a>.</p>"##,
        );
        let end = chapter(
            r##"<section epub:type="endnotes"><h2>الهوامش</h2><ol><li id="e1"><p><a epub:type="backlink" href="../a.xhtml#r1">↩</a> بيان وزارة الدفاع، 10 نوفمبر 2020.</p></li><li id="e2"><p>هامش لم يشر إليه.</p></li></ol></section>"##,
        );
        let got = extract(&rooted_book(
            opf,
            &[("a.xhtml", &a), ("notes/end.xhtml", &end)],
        ))
        .unwrap();
        assert_eq!(
            got.text,
            "انتشرت القوات[1] في قره باغ[2].\nثم عادت[1] وبقي؟.\n\
             ^ بيان وزارة الدفاع، 10 نوفمبر 2020.\n^ حاشية في الفصل نفسه.\n^ هامش لم يشر إليه.\n"
        );
        crate::extract::assert_markers_resolve(
            &got,
            &[
                Some("بيان وزارة الدفاع، 10 نوفمبر 2020."),
                Some("حاشية في الفصل نفسه."),
                Some("بيان وزارة الدفاع، 10 نوفمبر 2020."),
            ],
        );
    }

    #[test]
    fn an_epub2_ncx_gives_the_titles() {
        let opf = r#"<package version="2.0"><metadata><dc:title>كتاب</dc:title></metadata><manifest><item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/><item id="a" href="a.html" media-type="application/xhtml+xml"/></manifest><spine toc="ncx"><itemref idref="a"/></spine></package>"#;
        let ncx = r#"<ncx><navMap><navPoint id="p1" playOrder="1"><navLabel><text>المقدمة</text></navLabel><content src="a.html#top"/></navPoint></navMap></ncx>"#;
        let a = chapter("<p>نص المقدمة &copy; &unknown; & غيره</p>");
        let got = extract(&rooted_book(opf, &[("toc.ncx", ncx), ("a.html", &a)])).unwrap();
        assert_eq!(got.text, "نص المقدمة © &unknown; & غيره\n");
        assert_eq!(got.places[0].chapter.as_deref(), Some("المقدمة"));
    }

    #[test]
    fn encrypted_content_is_a_clear_skip_and_obfuscated_fonts_are_not() {
        let encryption = |algorithm: &str| {
            format!(
                r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="{algorithm}"/><enc:CipherData><enc:CipherReference URI="OEBPS/text/two.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>"#
            )
        };
        let drm = encryption("http://www.w3.org/2001/04/xmlenc#aes128-cbc");
        assert_eq!(
            extract(&book(&[(ENCRYPTION, &drm)]))
                .unwrap_err()
                .to_string(),
            "cannot be read as EPUB (its content is encrypted (DRM)), skipped"
        );
        let fonts = encryption("http://www.idpf.org/2008/embedding");
        assert!(extract(&book(&[(ENCRYPTION, &fonts)])).is_ok());
    }

    #[test]
    fn broken_books_are_clear_skips() {
        let reason = |parts: &[(&str, &str)]| extract(&zip_of(parts)).unwrap_err().to_string();
        assert_eq!(
            reason(&[MIMETYPE]),
            "cannot be read as EPUB (no META-INF/container.xml in the zip), skipped"
        );
        assert_eq!(
            reason(&[MIMETYPE, (CONTAINER, CONTAINER_XML)]),
            "cannot be read as EPUB (no OEBPS/content.opf in the zip), skipped"
        );
        assert_eq!(
            reason(&[MIMETYPE, (CONTAINER, "<container><rootfiles/></container>")]),
            "cannot be read as EPUB (META-INF/container.xml names no package document), skipped"
        );
        assert!(extract(b"PK\x05\x06").is_err());
    }
}
