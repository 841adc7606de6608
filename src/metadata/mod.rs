//! Source metadata: an optional `sources.toml` in the corpus root giving, per
//! file, its title, outlet, publication date, kind and URL.
//!
//! ```toml
//! [sources."001_f782a295b2e42d0e.txt"]
//! title = "…"
//! kind = "news"            # or "encyclopedia"
//! date = 2020-11-10        # a TOML date, or the string "2020-11-10"
//! date_inferred = false    # true when the date was worked out, not printed
//! outlet = "…"
//! url = "https://…"
//! ```
//!
//! A missing file means no metadata; a malformed one is an error naming the file
//! and the problem, because a silently ignored typo would change the timeline.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result};

mod date;
pub mod infer;

pub(crate) use date::fixed_width_number;
pub use date::Date;

/// The metadata file's name in the corpus root.
pub const FILE_NAME: &str = "sources.toml";
/// The largest metadata file sanad reads: some 20,000 entries. A larger one
/// (or a link to `/dev/zero`) is an error, not gigabytes read and parsed.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// What kind of text a source is: it decides how its dates are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Dated reporting: relative dates count from the publication date.
    News,
    /// Reference text with no date of its own.
    Encyclopedia,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Encyclopedia => "encyclopedia",
        }
    }
}

/// What `sources.toml` says about one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: Option<String>,
    pub outlet: Option<String>,
    #[serde(default, deserialize_with = "date_field")]
    pub date: Option<Date>,
    /// The date was inferred from the text rather than printed with it.
    #[serde(default)]
    pub date_inferred: bool,
    pub kind: Option<Kind>,
    pub url: Option<String>,
}

impl Source {
    /// The date as the explorer shows it: `≈2023-09-22` when it was inferred.
    pub fn date_label(&self) -> Option<String> {
        let date = self.date?;
        Some(if self.date_inferred {
            format!("≈{date}")
        } else {
            date.to_string()
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(default)]
    sources: BTreeMap<String, Source>,
}

/// The metadata of a corpus, looked up by the file's corpus-relative path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    sources: BTreeMap<String, Source>,
}

impl Metadata {
    /// Reads `root/sources.toml`; no file gives empty metadata. A file that
    /// cannot be read or parsed, is not a regular file (a FIFO) or is larger
    /// than [`MAX_FILE_BYTES`] is an error naming it.
    pub fn load(root: &Path) -> Result<Metadata> {
        use crate::file::{read_text_bounded, ReadError};
        let path = root.join(FILE_NAME);
        let unusable = |reason: String| Error::Metadata {
            path: path.clone(),
            reason,
        };
        match read_text_bounded(&path, MAX_FILE_BYTES) {
            Ok(text) => Metadata::parse(&text, &path),
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Metadata::default())
            }
            Err(e @ ReadError::Io(_)) => Err(unusable(e.to_string())),
            Err(ReadError::TooLarge { .. }) => Err(unusable(format!(
                "larger than {} MB, the most sanad reads for metadata",
                MAX_FILE_BYTES / (1024 * 1024)
            ))),
        }
    }

    /// Parses the text of a metadata file; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Metadata> {
        let file: SourcesFile = toml::from_str(text).map_err(|e| Error::Metadata {
            path: path.to_path_buf(),
            reason: one_line(&e.to_string()),
        })?;
        Ok(Metadata {
            sources: file.sources,
        })
    }

    /// The metadata of a file, by its corpus-relative `/`-separated path.
    pub fn get(&self, file: &str) -> Option<&Source> {
        self.sources.get(file)
    }

    pub fn insert(&mut self, file: impl Into<String>, source: Source) {
        self.sources.insert(file.into(), source);
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Source)> {
        self.sources.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Files the metadata names that are not among `present`, sorted.
    pub fn unknown_files<'a>(&'a self, present: &[&str]) -> Vec<&'a str> {
        self.sources
            .keys()
            .map(String::as_str)
            .filter(|k| !present.contains(k))
            .collect()
    }

    /// One warning line naming the entries of `sources.toml` for files that
    /// are not in `corpus` (a typo, a renamed file), or `None`.
    pub fn unknown_files_warning(&self, present: impl Fn(&str) -> bool) -> Option<String> {
        const NAMED: usize = 5;
        let unknown: Vec<&str> = self
            .sources
            .keys()
            .map(String::as_str)
            .filter(|k| !present(k))
            .collect();
        if unknown.is_empty() {
            return None;
        }
        let mut names: Vec<String> = unknown
            .iter()
            .take(NAMED)
            .map(|n| format!("{n:?}"))
            .collect();
        if unknown.len() > NAMED {
            names.push(format!("and {} more", unknown.len() - NAMED));
        }
        Some(format!(
            "warning: {FILE_NAME} names {} file(s) not in the corpus: {}",
            unknown.len(),
            names.join(", ")
        ))
    }
}

/// toml's messages span several lines (with a caret under the column); the
/// binary prints errors on one.
fn one_line(message: &str) -> String {
    message
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Accepts a TOML date (`2020-11-10`) or a string in the same form.
fn date_field<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<Date>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Toml(toml::value::Datetime),
    }
    let text = match Raw::deserialize(deserializer)? {
        Raw::Text(s) => s,
        Raw::Toml(d) => d.to_string(),
    };
    Date::parse_iso(&text)
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom(BadDate(text)))
}

struct BadDate(String);

impl fmt::Display for BadDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "date {:?} is not a calendar date in the form YYYY-MM-DD",
            self.0
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Metadata> {
        Metadata::parse(text, Path::new("corpus/sources.toml"))
    }

    #[test]
    fn reads_sources_with_toml_and_string_dates() {
        let m = parse(
            r#"
            [sources."a.txt"]
            title = "عنوان"
            kind = "news"
            date = 2020-11-10
            [sources."b.txt"]
            kind = "encyclopedia"
            date = "2023-09-21"
            date_inferred = true
            "#,
        )
        .unwrap();
        let a = m.get("a.txt").unwrap();
        assert_eq!(a.kind, Some(Kind::News));
        assert_eq!(a.date, Date::new(2020, 11, 10));
        assert_eq!(a.title.as_deref(), Some("عنوان"));
        let b = m.get("b.txt").unwrap();
        assert!(b.date_inferred);
        assert_eq!(b.date, Date::new(2023, 9, 21));
        assert!(m.get("c.txt").is_none());
        assert_eq!(m.unknown_files(&["a.txt"]), ["b.txt"]);
    }

    #[test]
    fn malformed_files_name_the_file_and_the_problem() {
        let cases = [
            ("[sources.\"a.txt\"]\nkind = \"blog\"", "blog"),
            ("[sources.\"a.txt\"]\ndate = \"2020-02-30\"", "2020-02-30"),
            ("[sources.\"a.txt\"]\ntitel = \"x\"", "titel"),
            ("[sources.\"a.txt\"\n", "corpus/sources.toml"),
            (
                "[sources.\"a.txt\"]\ndate = 2020-11-10T10:00:00",
                "2020-11-10T10:00:00",
            ),
        ];
        for (text, needle) in cases {
            let err = parse(text).unwrap_err().to_string();
            assert!(err.starts_with("corpus/sources.toml: "), "{err}");
            assert!(err.contains(needle), "{needle} not in {err}");
            assert!(!err.contains('\n'), "{err}");
        }
    }

    #[test]
    fn missing_file_is_empty_metadata() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Metadata::load(dir.path()).unwrap().is_empty());
        std::fs::write(
            dir.path().join(FILE_NAME),
            "[sources.\"x.txt\"]\nkind = \"news\"\n",
        )
        .unwrap();
        assert_eq!(
            Metadata::load(dir.path())
                .unwrap()
                .get("x.txt")
                .and_then(|s| s.kind),
            Some(Kind::News)
        );
    }

    #[test]
    fn the_seed_metadata_parses() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let m = Metadata::load(&root).unwrap();
        assert_eq!(
            m.get("001_f782a295b2e42d0e.txt").and_then(|s| s.date),
            Date::new(2020, 11, 10)
        );
        assert_eq!(
            m.get("000_271304c8eddbc6f6.txt").and_then(|s| s.kind),
            Some(Kind::Encyclopedia)
        );
    }
}
