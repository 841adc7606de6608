//! What kind of text a document is and, for news, when it was published: what
//! `sources.toml` says, and for what it leaves out, what the text itself shows.
//!
//! The evidence for a date, strongest first: a publishing cue («نشر في
//! 21/09/2023», [`dateline`]), a date in the file name, the first full date of
//! the lead; each taken only when the text's relative dates do not contradict
//! it («اليوم الجمعة» rules out a Tuesday). Then the one date those relative
//! dates agree on ([`consistency`]). Reference text needs no date: its dates
//! resolve against the dates around them.

mod consistency;
mod dateline;

use std::fmt;

use super::resolve::Found;
use crate::cite::{self, ReferenceList};
use crate::corpus::Document;
use crate::metadata::{Date, Kind, Source};

pub(crate) use consistency::counts_from_publication;
use consistency::Clues;

/// When a news document was published, and how sanad knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    pub date: Date,
    /// Worked out rather than given: from the text, or marked so in
    /// `sources.toml` (`date_inferred = true`).
    pub inferred: bool,
    pub evidence: DateEvidence,
}

/// Where a publication date came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateEvidence {
    /// `sources.toml` gives it.
    Metadata,
    /// The file's own metadata gives it: where (`article:published_time`,
    /// `dc:date`, the PDF's creation date).
    Embedded(&'static str),
    /// Printed after a publishing cue: the cue as written («نشر», «آخر تحديث»).
    Cue(String),
    /// The file's name (`2023-09-21-…`).
    FileName,
    /// The first full date of the lead, as written.
    Lead(String),
    /// The one day that agrees with the text's relative dates.
    Consistency { weekdays: usize, named_twice: usize },
}

impl fmt::Display for DateEvidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateEvidence::Metadata => f.write_str("sources.toml"),
            DateEvidence::Embedded(field) => write!(f, "the file's {field}"),
            DateEvidence::Cue(cue) => write!(f, "dateline «{cue}»"),
            DateEvidence::FileName => f.write_str("file name"),
            DateEvidence::Lead(written) => write!(f, "lead «{written}»"),
            DateEvidence::Consistency {
                weekdays,
                named_twice,
            } => {
                let mut parts = Vec::new();
                if *weekdays > 0 {
                    parts.push(plural(*weekdays, "weekday named with اليوم/أمس"));
                }
                if *named_twice > 0 {
                    parts.push(plural(*named_twice, "relative date matching a written one"));
                }
                write!(f, "consistency of {}", parts.join(" and "))
            }
        }
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Why a news document has no publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undated {
    /// Relative dates, but no date written in full to count them from.
    NothingToCountFrom { relative: usize },
    /// The relative dates contradict each other, or fit several days.
    Ambiguous { relative: usize },
    /// No relative date and no printed date.
    NoEvidence,
}

impl fmt::Display for Undated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Undated::NothingToCountFrom { relative } => write!(
                f,
                "{} but no date written in full to count from",
                plural(*relative, "relative date")
            ),
            Undated::Ambiguous { relative } => write!(
                f,
                "{} that contradict each other or fit several days",
                plural(*relative, "relative date")
            ),
            Undated::NoEvidence => f.write_str("no dateline and no relative date"),
        }
    }
}

/// Where a document's kind came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KindEvidence {
    Metadata,
    /// Lines of a reference list (`^ …`) or citation markers (`[14]`).
    References {
        lines: usize,
        markers: bool,
    },
    /// «مؤرشف من الأصل», the archive links of reference text.
    Archived,
    /// Relative dates, which only dated reporting has.
    RelativeDates(usize),
    /// A printed date (cue, file name or lead) and no relative date.
    Dateline,
    /// Neither relative dates nor a printed date: dates resolve against the
    /// text around them, as in reference text.
    NoDateline,
}

impl fmt::Display for KindEvidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KindEvidence::Metadata => f.write_str("sources.toml"),
            KindEvidence::References { lines, markers } => match (lines, markers) {
                (0, _) => f.write_str("citation markers"),
                (n, false) => write!(f, "{}", plural(*n, "reference line")),
                (n, true) => write!(f, "citation markers and {}", plural(*n, "reference line")),
            },
            KindEvidence::Archived => f.write_str("«مؤرشف من الأصل» links"),
            KindEvidence::RelativeDates(n) => write!(f, "{}", plural(*n, "relative date")),
            KindEvidence::Dateline => f.write_str("a dateline"),
            KindEvidence::NoDateline => f.write_str("no dateline and no relative date"),
        }
    }
}

/// How a document is dated: its kind, and for news its publication date or
/// why it has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dating {
    pub kind: Kind,
    pub kind_evidence: KindEvidence,
    pub publication: Result<Publication, Undated>,
    /// The date `sources.toml` gives breaks a clue of the text («اليوم
    /// الجمعة» in a text it dates on a Tuesday): worth a look, since every
    /// relative date of the text counts from it.
    pub contradicted: bool,
}

impl Dating {
    /// The publication date, for news that has one.
    pub fn publication(&self) -> Option<&Publication> {
        match self.kind {
            Kind::News => self.publication.as_ref().ok(),
            Kind::Encyclopedia => None,
        }
    }
}

/// More relative dates than this outweigh citation markers: a news story can
/// quote a reference, but reference text does not say «أمس» three times.
const RELATIVE_DATES_OF_NEWS: usize = 3;

/// Dates `doc` from `source` and, for what it leaves out, from the text.
pub(crate) fn dating(
    doc: &Document,
    source: Option<&Source>,
    refs: &ReferenceList,
    found: &[Found],
) -> Dating {
    let clues = Clues::of(&doc.text, found);
    let printed = match source.and_then(|s| s.date) {
        Some(date) => Ok(Publication {
            date,
            inferred: source.is_some_and(|s| s.date_inferred),
            evidence: DateEvidence::Metadata,
        }),
        None => embedded_date(doc)
            .map_or_else(|| inferred_date(doc, found, &clues), Ok)
            .or_else(|undated| creation_date(doc, &clues).ok_or(undated)),
    };
    let (kind, kind_evidence) = match source.and_then(|s| s.kind) {
        Some(kind) => (kind, KindEvidence::Metadata),
        None => inferred_kind(doc, refs, &clues, printed.is_ok()),
    };
    let contradicted = printed
        .as_ref()
        .is_ok_and(|p| p.evidence == DateEvidence::Metadata && clues.contradicted_by(p.date));
    Dating {
        kind,
        kind_evidence,
        publication: printed,
        contradicted,
    }
}

/// The publication date the file's own metadata gives (a news page's
/// `article:published_time`), which `sources.toml` overrides.
fn embedded_date(doc: &Document) -> Option<Publication> {
    let meta = doc.meta.as_deref()?;
    Some(Publication {
        date: meta.date?,
        inferred: false,
        evidence: DateEvidence::Embedded(meta.source_of("date")?),
    })
}

/// The day the file was made, for a text that shows no date of its own: a
/// report exported to PDF the day it came out. Inferred, since a file can be
/// made long after; never against the text's weekdays.
fn creation_date(doc: &Document, clues: &Clues) -> Option<Publication> {
    let meta = doc.meta.as_deref()?;
    let date = meta.created?;
    (!clues.contradicted_by(date)).then(|| Publication {
        date,
        inferred: true,
        evidence: DateEvidence::Embedded(meta.source_of("created").unwrap_or("creation date")),
    })
}

/// The publication date the text shows, strongest evidence first.
fn inferred_date(doc: &Document, found: &[Found], clues: &Clues) -> Result<Publication, Undated> {
    let inferred = |date, evidence| Publication {
        date,
        inferred: true,
        evidence,
    };
    let printed = dateline::cued(doc, found)
        .map(|(d, cue)| inferred(d, DateEvidence::Cue(cue)))
        .into_iter()
        .chain(dateline::in_file_name(&doc.path).map(|d| inferred(d, DateEvidence::FileName)))
        .chain(dateline::lead(doc, found).map(|(d, w)| inferred(d, DateEvidence::Lead(w.into()))));
    for p in printed {
        if !clues.contradicted_by(p.date) {
            return Ok(p);
        }
    }
    if let Some(s) = clues.solve() {
        return Ok(inferred(
            s.date,
            DateEvidence::Consistency {
                weekdays: s.weekdays,
                named_twice: s.named_twice,
            },
        ));
    }
    let relative = clues.relative;
    Err(match relative {
        0 => Undated::NoEvidence,
        _ if clues.has_written_days() => Undated::Ambiguous { relative },
        _ => Undated::NothingToCountFrom { relative },
    })
}

/// News or reference text, from what the text shows.
fn inferred_kind(
    doc: &Document,
    refs: &ReferenceList,
    clues: &Clues,
    dated: bool,
) -> (Kind, KindEvidence) {
    let relative = clues.relative;
    let markers = cite::has_markers(&doc.text);
    if (!refs.is_empty() || markers) && relative < RELATIVE_DATES_OF_NEWS {
        let lines = refs.entries().len();
        return (
            Kind::Encyclopedia,
            KindEvidence::References { lines, markers },
        );
    }
    if relative == 0 && doc.text.contains("مؤرشف من الأصل") {
        return (Kind::Encyclopedia, KindEvidence::Archived);
    }
    match (relative, dated) {
        (0, true) => (Kind::News, KindEvidence::Dateline),
        (0, false) => (Kind::Encyclopedia, KindEvidence::NoDateline),
        (n, _) => (Kind::News, KindEvidence::RelativeDates(n)),
    }
}
