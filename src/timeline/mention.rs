//! What one source says about a dated event, the interface between extraction
//! and merging: the mention as the timeline shows it, and the draft the merger
//! groups (a mention with its resolved date and document).

use serde::Serialize;

use super::period::When;

/// How sure the date is, strongest last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// Counted from another date: أمس, الخميس, في اليوم التالي, العام الماضي.
    Relative,
    /// Part of it written, the rest taken from context: «11 ديسمبر» with its
    /// year from the paragraph or the publication date.
    Inferred,
    /// Written in the Hijri calendar and converted by Umm al-Qura («15 شعبان
    /// 1445 هـ», «رمضان 2019»): where a month began on a local sighting, a
    /// day off the Umm al-Qura date is possible.
    Converted,
    /// Written in full: «10 نوفمبر 2020», «عام 1992»; or in both calendars,
    /// the Hijri date confirming the Gregorian one («سنة 1390 هـ الموافق 1970 م»).
    Explicit,
}

impl Certainty {
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Relative => "relative",
            Certainty::Inferred => "inferred",
            Certainty::Converted => "converted",
            Certainty::Explicit => "explicit",
        }
    }
}

/// One source's statement of a dated event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Corpus-relative path of the document.
    pub file: String,
    /// The paragraph's 1-based line number.
    pub paragraph: usize,
    /// The PDF page it is on, and the EPUB chapter (as [`crate::index::Hit`]
    /// has them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chapter: Option<String>,
    /// Byte span of the sentence (or clause) in `Document::text`.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The date expression as written.
    pub date_text: String,
    /// The citation markers inside the sentence, as written (`[23]`).
    pub markers: Vec<String>,
    /// The reference-list entries those markers point to.
    pub references: Vec<String>,
    /// Byte span of the date expression in `Document::text`.
    #[serde(skip)]
    pub date_start: usize,
    #[serde(skip)]
    pub date_end: usize,
    #[serde(skip)]
    pub certainty: Certainty,
}

impl Mention {
    /// Where it is, as text output writes an address: `file:paragraph`, or
    /// `file:page:paragraph` in a PDF and `file:chapter:paragraph` in a book.
    pub fn address(&self) -> String {
        crate::extract::address(
            &self.file,
            self.page.map(u64::from),
            self.chapter.as_deref(),
            self.paragraph as u64,
        )
    }
}

/// A mention with its resolved date: what extraction gives of one dated
/// thing, before the merger groups it with the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub when: When,
    /// An interval's last end.
    pub end: Option<When>,
    pub mention: Mention,
}
