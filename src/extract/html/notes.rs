//! A page's notes as the document's reference list: Wikipedia's
//! `<ol class="references">`, the footnote sections of pandoc, Markdown and
//! DPUB-ARIA (`role="doc-endnotes"`, `class="footnotes"`). Each note becomes a
//! `^` line, and each link to it in the text the `[n]` marker that resolves to
//! it, as the seeds' reference lists resolve.

use std::collections::HashMap;

use dom_query::{Document, NodeRef};

use super::blocks::lines_of;
use crate::extract::xml::collapse_spaces;
use crate::extract::zip::percent_decoded;

/// The containers of a page's notes, taken out of its text.
const NOTE_SECTIONS: &str = "ol.references, [role=doc-endnotes], section.footnotes, \
    div.footnotes, aside.footnotes, ol.footnotes";

/// The notes themselves, inside those containers or standing alone.
const NOTES: &str = "ol.references > li, [role=doc-endnotes] li, section.footnotes li, \
    div.footnotes li, aside.footnotes li, ol.footnotes > li, [role=doc-footnote], \
    [role=doc-endnote]";

/// The link back from a note to where it is cited: not the note's text.
const BACKLINKS: &str = ".mw-cite-backlink, [role=doc-backlink], a.footnote-back, \
    a.footnote-backref, a.reversefootnote";

/// Takes the notes out of `doc`, rewriting every link to one as `[n]` (n its
/// place in the list), and returns their texts in order.
pub fn take_notes(doc: &Document) -> Vec<String> {
    let all: Vec<NodeRef> = doc.select(NOTES).nodes().to_vec();
    // A list inside a note (its items match the selectors too) is part of
    // that note, not notes of its own.
    let ids: std::collections::HashSet<_> = all.iter().map(|n| n.id).collect();
    let notes: Vec<NodeRef> = all
        .into_iter()
        .filter(|n| !n.ancestors_it(None).any(|a| ids.contains(&a.id)))
        .collect();
    if notes.is_empty() {
        return Vec::new();
    }
    // Backlinks live only in notes.
    doc.select(BACKLINKS).remove();
    let mut number_of = HashMap::new();
    let mut texts = Vec::with_capacity(notes.len());
    for note in &notes {
        if let Some(id) = note.id_attr() {
            number_of.insert(id.to_string(), texts.len() + 1);
        }
        texts.push(note_text(note));
    }
    mark_references(doc, &number_of);
    for section in doc.select(NOTE_SECTIONS).nodes() {
        remove_heading_before(section);
        section.remove_from_parent();
    }
    for note in &notes {
        note.remove_from_parent();
    }
    texts
}

/// The heading that introduces a list of notes («المراجع», «الهوامش»)
/// goes with it: the list is now the document's own reference list. The
/// heading is looked for before the list and before the one or two wrappers
/// around it (Wikipedia's `div.reflist > div.mw-references-wrap`).
fn remove_heading_before(section: &NodeRef) {
    let mut at = *section;
    for _ in 0..3 {
        if let Some(before) = at.prev_element_sibling() {
            if ["h1", "h2", "h3", "h4", "h5", "h6"]
                .iter()
                .any(|h| before.has_name(h))
            {
                before.remove_from_parent();
            }
            return;
        }
        match at.parent() {
            Some(parent) => at = parent,
            None => return,
        }
    }
}

/// A note's text on one line (a note of several paragraphs is one entry).
fn note_text(note: &NodeRef) -> String {
    let text = lines_of(note, None).join(" ");
    collapse_spaces(text.trim_start_matches(['^', '↑', ' ']))
}

/// Every in-page link to a note becomes `[n]`: the `<sup>` around it when
/// there is one (Wikipedia's `<sup><a>[14]</a></sup>`), else the link
/// (pandoc's `<a><sup>1</sup></a>`).
fn mark_references(doc: &Document, number_of: &HashMap<String, usize>) {
    for link in doc.select(r##"a[href^="#"]"##).nodes() {
        let Some(href) = link.attr("href") else {
            continue;
        };
        let target = percent_decoded(&href[1..]);
        let Some(n) = number_of.get(&target) else {
            continue;
        };
        let marker = link.parent().filter(|p| p.has_name("sup")).unwrap_or(*link);
        marker.set_text(format!("[{n}]").as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts_and_body(html: &str) -> (Vec<String>, Vec<String>) {
        let doc = Document::from(html);
        let notes = take_notes(&doc);
        (notes, lines_of(&doc.root(), None))
    }

    #[test]
    fn wikipedia_references_become_the_list_and_markers_resolve_to_them() {
        let (notes, body) = texts_and_body(
            r##"<p>انتشرت القوات<sup id="cite_ref-a" class="reference"><a href="#cite_note-a-1">[1]</a></sup> في قره باغ<sup class="reference"><a href="#cite_note-2">[2]</a></sup>.</p>
            <h2>المراجع</h2><div class="reflist"><ol class="references">
            <li id="cite_note-a-1"><span class="mw-cite-backlink"><a href="#cite_ref-a">^</a></span> <span class="reference-text">Kucera (2020). EurasiaNet.</span></li>
            <li id="cite_note-2"><span class="mw-cite-backlink">^ <a href="#x">أ</a> <a href="#y">ب</a></span> <cite>Hakobyan (2020)</cite>. CivilNet.</li>
            </ol></div>"##,
        );
        assert_eq!(
            notes,
            ["Kucera (2020). EurasiaNet.", "Hakobyan (2020). CivilNet."]
        );
        assert_eq!(body, ["انتشرت القوات[1] في قره باغ[2]."]);
    }

    #[test]
    fn pandoc_footnotes_are_numbered_by_their_place() {
        let (notes, body) = texts_and_body(
            r##"<p>نص<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a> ثم<a href="#fn%D9%86" role="doc-noteref"><sup>2</sup></a></p>
            <section class="footnotes" role="doc-endnotes"><hr><ol>
            <li id="fn1"><p>الحاشية الأولى.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
            <li id="fnن"><p>الحاشية</p><p>الثانية.</p></li></ol></section>"##,
        );
        assert_eq!(notes, ["الحاشية الأولى.", "الحاشية الثانية."]);
        assert_eq!(body, ["نص[1] ثم[2]"]);
    }

    #[test]
    fn a_list_inside_a_note_is_part_of_it() {
        let (notes, _) = texts_and_body(
            r##"<p>نص<a href="#fn1" role="doc-noteref"><sup>1</sup></a></p>
            <section class="footnotes" role="doc-endnotes"><ol><li id="fn1"><p>مصادر:</p><ul><li>الأول</li><li>الثاني</li></ul></li></ol></section>"##,
        );
        assert_eq!(notes, ["مصادر: الأول الثاني"]);
    }

    #[test]
    fn a_page_without_notes_is_left_as_it_is() {
        let (notes, body) = texts_and_body(
            r##"<p>انظر <a href="#s2">القسم الثاني</a></p><ol><li id="s2">بند</li></ol>"##,
        );
        assert!(notes.is_empty());
        assert_eq!(body, ["انظر القسم الثاني", "بند"]);
    }
}
