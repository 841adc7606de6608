//! The texts the explorer hands out: a passage or an event with its citation
//! for the clipboard, a citation popup's lines, a mention's status line.

use crate::cite::{Marker, ReferenceList};
use crate::corpus::Document;
use crate::index::Hit;
use crate::metadata::Metadata;
use crate::timeline::{Entry, Mention};

/// A search hit with where it is from and what it cites.
pub fn hit_text(hit: &Hit) -> String {
    format!(
        "{}\n— {}, paragraph {}{}",
        hit.text,
        hit.file,
        hit.paragraph,
        citing(&written_markers(&hit.text))
    )
}

/// A merged event as a researcher cites it: its date and summary, then every
/// mention it merges — the sentence, where it is (with the source's title and
/// date when known), and each citation marker with its reference text.
pub fn event_text(entry: &Entry, meta: &Metadata) -> String {
    let mut out = format!("{} — {}\n", entry.label(), entry.summary);
    for (i, m) in entry.mentions.iter().enumerate() {
        let about = meta
            .get(&m.file)
            .map(|s| {
                let parts: Vec<String> = [s.title.clone(), s.outlet.clone(), s.date_label()]
                    .into_iter()
                    .flatten()
                    .collect();
                if parts.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", parts.join(", "))
                }
            })
            .unwrap_or_default();
        let page = m.page.map(|p| format!(", page {p}")).unwrap_or_default();
        let chapter = m
            .chapter
            .as_ref()
            .map(|c| format!(", «{c}»"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}. {}\n   — {}{chapter}{page}, paragraph {}{about}\n",
            i + 1,
            m.text,
            m.file,
            m.paragraph
        ));
        if !m.markers.is_empty() {
            out.push_str(&format!("   cites {}\n", m.markers.join(" ")));
        }
        for reference in &m.references {
            out.push_str(&format!("   · {reference}\n"));
        }
    }
    out.trim_end().to_string()
}

/// Paragraph `p` of `doc` with its source and citations.
pub fn paragraph_text(doc: &Document, p: usize) -> Option<String> {
    let par = doc.paragraph(p)?;
    let text = &doc.text[par.start..par.end];
    Some(format!(
        "{text}\n— {}, paragraph {p}{}",
        doc.path,
        citing(&written_markers(text))
    ))
}

/// The status line of mention `index` of `count`: where it is, what it cites.
pub fn mention_status(m: &Mention, index: usize, count: usize) -> String {
    let cites = if m.markers.is_empty() {
        String::new()
    } else {
        format!("  cites {}", m.markers.join(" "))
    };
    let refs = m
        .references
        .first()
        .map(|r| format!(" — {r}"))
        .unwrap_or_default();
    format!(
        "mention {}/{count}: {}{cites}{refs}",
        index + 1,
        m.address()
    )
}

/// The title of a mention's citation popup: date and place.
pub fn mention_place(entry: &Entry, m: &Mention) -> String {
    format!("{} {}", entry.date, m.address())
}

/// One line per citation marker of `text`: the marker and its reference in
/// `refs`, or that the list has none.
pub fn citation_lines(text: &str, refs: Option<&ReferenceList>) -> Vec<String> {
    let mut lines: Vec<String> = markers_of(text)
        .iter()
        .map(|marker| match refs.and_then(|r| r.resolve(marker)) {
            Some(reference) => format!("{} {}", marker.written(), reference.text),
            None => format!("{} (no reference list entry)", marker.written()),
        })
        .collect();
    if lines.is_empty() {
        lines.push("no citation markers here".into());
    }
    lines
}

fn markers_of(text: &str) -> Vec<Marker> {
    crate::cite::markers_in(text, 0..text.len())
}

fn written_markers(text: &str) -> Vec<String> {
    markers_of(text).iter().map(Marker::written).collect()
}

/// ", citing [3] [7]", or nothing without markers.
fn citing(markers: &[String]) -> String {
    if markers.is_empty() {
        String::new()
    } else {
        format!(", citing {}", markers.join(" "))
    }
}
