//! Every document as sanad understands it: title, outlet, publication date
//! and kind, each from `sources.toml` where it says, else worked out from the
//! text, and each with where it came from. What `sanad sources` lists and the
//! explorer shows; `sources.toml` itself is never written.

use serde::Serialize;

use crate::corpus::Document;
use crate::metadata::infer;
use crate::metadata::{Date, Kind, Metadata, Source};
use crate::timeline::publication::Dating;

/// A value and where it came from (`sources.toml`, `first line`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field<T> {
    pub value: T,
    pub from: String,
}

/// What sanad knows of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Described {
    pub file: String,
    pub title: Option<Field<String>>,
    pub outlet: Option<Field<String>>,
    pub date: Option<Field<Date>>,
    /// The date was worked out, not printed (`≈` in the explorer).
    pub date_inferred: bool,
    /// Why a news document has no date, when it has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undated: Option<String>,
    pub kind: Field<Kind>,
    /// The text's URL, when `sources.toml` or the file gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Described {
    /// A file known by name only: no title, outlet or date; reference text.
    #[cfg(test)]
    pub(crate) fn bare(file: &str) -> Described {
        Described {
            file: file.to_string(),
            title: None,
            outlet: None,
            date: None,
            date_inferred: false,
            undated: None,
            kind: Field {
                value: Kind::Encyclopedia,
                from: String::new(),
            },
            url: None,
        }
    }
}

const METADATA: &str = crate::metadata::FILE_NAME;

/// Describes a document from its metadata and its dating: what its
/// [`crate::timeline::FileRecord`] keeps.
pub(crate) fn describe_one(doc: &Document, source: Option<&Source>, dating: &Dating) -> Described {
    let given = |value: &Option<String>| {
        value.clone().map(|value| Field {
            value,
            from: METADATA.to_string(),
        })
    };
    // sources.toml, then the file's own metadata, then the text.
    let embedded = |value: Option<&String>, field: &str| {
        let meta = doc.meta.as_deref()?;
        Some(Field {
            value: value?.clone(),
            from: format!("the file's {}", meta.source_of(field)?),
        })
    };
    let meta = doc.meta.as_deref();
    let title = given(&source.and_then(|s| s.title.clone()))
        .or_else(|| embedded(meta.and_then(|m| m.title.as_ref()), "title"))
        .or_else(|| {
            infer::title(doc).map(|(value, from)| Field {
                value,
                from: from.to_string(),
            })
        });
    let outlet = given(&source.and_then(|s| s.outlet.clone()))
        .or_else(|| embedded(meta.and_then(|m| m.outlet.as_ref()), "outlet"))
        .or_else(|| {
            infer::outlet(doc).map(|(value, from)| Field {
                value,
                from: from.to_string(),
            })
        });
    let publication = dating.publication();
    let date = publication.map(|p| Field {
        value: p.date,
        from: if dating.contradicted {
            format!("{}, but the text's weekdays disagree", p.evidence)
        } else {
            p.evidence.to_string()
        },
    });
    let undated = match (&dating.kind, &dating.publication) {
        (Kind::News, Err(why)) => Some(why.to_string()),
        _ => None,
    };
    Described {
        file: doc.path.clone(),
        title,
        outlet,
        date,
        date_inferred: publication.is_some_and(|p| p.inferred),
        undated,
        kind: Field {
            value: dating.kind,
            from: dating.kind_evidence.to_string(),
        },
        url: source
            .and_then(|s| s.url.clone())
            .or_else(|| meta.and_then(|m| m.url.clone())),
    }
}

/// `meta` with what the text shows filled into the fields it leaves empty:
/// what the explorer's document list and Source title show.
pub fn completed(meta: &Metadata, described: &[Described]) -> Metadata {
    let mut out = meta.clone();
    for d in described {
        out.insert(d.file.clone(), completed_one(meta.get(&d.file), d));
    }
    out
}

/// One file's `sources.toml` entry (`given`, if it has one) with what its
/// text shows filled into the fields the entry leaves empty.
pub fn completed_one(given: Option<&Source>, d: &Described) -> Source {
    let mut source = given.cloned().unwrap_or_default();
    source.title = source
        .title
        .or_else(|| d.title.as_ref().map(|f| f.value.clone()));
    source.outlet = source
        .outlet
        .or_else(|| d.outlet.as_ref().map(|f| f.value.clone()));
    if source.date.is_none() {
        source.date = d.date.as_ref().map(|f| f.value);
        source.date_inferred = d.date_inferred;
    }
    source.kind = source.kind.or(Some(d.kind.value));
    source.url = source.url.or_else(|| d.url.clone());
    source
}
