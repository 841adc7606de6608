//! PDF: the text layer as poppler's `pdftotext` reads it, made into sanad's
//! paragraphs.
//!
//! No Rust PDF library reads Arabic acceptably today (the pure-Rust extractors
//! give glyphs in drawing order, without the ToUnicode and right-to-left
//! handling poppler has), so sanad runs `pdftotext` when it is installed and
//! says clearly when it is not. What comes back is pages of wrapped lines;
//! [`layout`] makes them paragraphs: lines joined, page headers and footers
//! that repeat left out, presentation forms folded to letters, lines stored
//! in visual order put back in logical order.

mod layout;
mod poppler;

use super::{Extracted, FileMeta, Place};
use crate::corpus::{Encoding, Skip};

use layout::fold_presentation_forms;

/// Extracts a PDF's text, a [`Place`] for each page that has any, and its
/// Info title and dates.
pub fn extract(bytes: &[u8]) -> Result<Extracted, Skip> {
    let text = poppler::text(bytes)?;
    let info = poppler::info(bytes).unwrap_or_default();
    let pages = layout::paragraphs(&text);
    let (text, places) = join_pages(&pages);
    if text.trim().is_empty() {
        return Err(unextractable(
            "no text layer: a scanned PDF needs OCR first".into(),
        ));
    }
    Ok(Extracted {
        text,
        encoding: Encoding::Utf8,
        replaced: 0,
        meta: meta_of(&info),
        places,
    })
}

/// A PDF whose text cannot be got out, and why.
fn unextractable(reason: String) -> Skip {
    Skip::Unextractable {
        format: "PDF",
        reason,
    }
}

/// One paragraph a line, and where each page's first paragraph is.
fn join_pages(pages: &[Vec<String>]) -> (String, Vec<Place>) {
    let mut text = String::new();
    let mut places = Vec::new();
    let mut line = 1;
    for (number, paragraphs) in pages.iter().enumerate() {
        if paragraphs.is_empty() {
            continue;
        }
        places.push(Place {
            line,
            page: u32::try_from(number + 1).ok(),
            chapter: None,
        });
        for p in paragraphs {
            text.push_str(p);
            text.push('\n');
            line += 1;
        }
    }
    (text, places)
}

/// The Info dictionary's title, and its creation date as the date the file
/// was made (not necessarily published: the text's own dateline wins).
fn meta_of(info: &poppler::Info) -> FileMeta {
    let mut meta = FileMeta::default();
    if let Some(title) = info
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        meta.title = Some(fold_presentation_forms(title));
        meta.from.push(("title", "PDF Title"));
    }
    if let Some(day) = info.created.as_deref().and_then(super::iso_day) {
        meta.created = Some(day);
        meta.from.push(("created", "PDF CreationDate"));
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_become_places_at_their_first_paragraph() {
        let pages = vec![
            vec!["أ".to_string(), "ب".to_string()],
            vec![],
            vec!["ج".to_string()],
        ];
        let (text, places) = join_pages(&pages);
        assert_eq!(text, "أ\nب\nج\n");
        let at: Vec<(usize, Option<u32>)> = places.iter().map(|p| (p.line, p.page)).collect();
        assert_eq!(at, [(1, Some(1)), (3, Some(3))]);
    }

    #[test]
    fn the_info_title_and_creation_date_become_file_metadata() {
        let info = poppler::Info {
            title: Some(" تقرير البعثة ".into()),
            created: Some("2023-09-21T08:00:00+03:00".into()),
        };
        let meta = meta_of(&info);
        assert_eq!(meta.title.as_deref(), Some("تقرير البعثة"));
        assert_eq!(
            meta.created.map(|d| d.to_string()).as_deref(),
            Some("2023-09-21")
        );
        assert_eq!(meta.date, None, "a creation date is not a publication date");
        assert_eq!(meta.source_of("created"), Some("PDF CreationDate"));
    }
}
