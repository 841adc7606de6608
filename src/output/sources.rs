//! `sanad sources`: every document with its title, outlet, date and kind and
//! where each came from, as text, JSON, or a `sources.toml` to review and save.
//! Every field from a document passes the display filter as it is formatted.

use std::fmt::Write;

use crate::bidi::sanitize::visible_controls;
use crate::catalog::{Described, Field};

/// One block per document: the file, then one line per field with its origin.
pub fn text(described: &[Described]) -> String {
    let mut out = String::new();
    for d in described {
        let _ = writeln!(out, "{}", visible_controls(&d.file));
        line(&mut out, "title", d.title.as_ref().map(text_field));
        line(&mut out, "outlet", d.outlet.as_ref().map(text_field));
        let date = match (&d.date, &d.undated) {
            (Some(f), _) => Some(format!(
                "{}{}  ({})",
                if d.date_inferred { "≈" } else { "" },
                f.value,
                visible_controls(&f.from)
            )),
            (None, Some(why)) => Some(format!("—  ({})", visible_controls(why))),
            (None, None) => None,
        };
        line(&mut out, "date", date);
        line(
            &mut out,
            "kind",
            Some(format!(
                "{}  ({})",
                d.kind.value.as_str(),
                visible_controls(&d.kind.from)
            )),
        );
        out.push('\n');
    }
    out
}

fn text_field(f: &Field<String>) -> String {
    format!(
        "{}  ({})",
        visible_controls(&f.value),
        visible_controls(&f.from)
    )
}

fn line(out: &mut String, name: &str, value: Option<String>) {
    let _ = writeln!(out, "  {name:<7}{}", value.as_deref().unwrap_or("—"));
}

/// `{"sources": [...]}`, each field `{"value", "from"}` or null.
pub fn json(described: &[Described]) -> String {
    let value = serde_json::json!({ "sources": described });
    crate::output::json::pretty(&value, 0)
}

/// A `sources.toml` for the corpus, each inferred field commented with its
/// evidence, for the user to review and save (sanad never writes it).
pub fn toml(described: &[Described]) -> String {
    let mut out = String::from(
        "# sources.toml written by `sanad sources --toml`: review, correct and save it\n\
         # as sources.toml in the corpus folder. Each field's comment says where it\n\
         # came from; the ones from the text are sanad's inference.\n",
    );
    for d in described {
        let _ = writeln!(out, "\n[sources.{}]", quoted(&d.file));
        if let Some(f) = &d.title {
            field(&mut out, "title", &quoted(&f.value), &f.from);
        }
        if let Some(f) = &d.outlet {
            field(&mut out, "outlet", &quoted(&f.value), &f.from);
        }
        match (&d.date, &d.undated) {
            (Some(f), _) => {
                field(&mut out, "date", &f.value.to_string(), &f.from);
                if d.date_inferred {
                    let _ = writeln!(out, "date_inferred = true");
                }
            }
            (None, Some(why)) => {
                let _ = writeln!(out, "# date: none found ({})", comment(why));
            }
            (None, None) => {}
        }
        field(
            &mut out,
            "kind",
            &quoted(d.kind.value.as_str()),
            &d.kind.from,
        );
        if let Some(url) = &d.url {
            let _ = writeln!(out, "url = {}", quoted(url));
        }
    }
    out
}

fn field(out: &mut String, name: &str, value: &str, from: &str) {
    let _ = writeln!(out, "{name} = {value}  # {}", comment(from));
}

/// A TOML basic string: quotes, backslashes and control characters escaped
/// (so a newline in a title cannot end the line), then made inert.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    visible_controls(&out).into_owned()
}

/// Evidence on one comment line.
fn comment(s: &str) -> String {
    visible_controls(s).replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Field;
    use crate::metadata::{Date, Kind, Metadata};

    fn described() -> Vec<Described> {
        vec![Described {
            file: "a\nb.txt".into(),
            title: Some(Field {
                value: "عنوان \"مقتبس\"\n[sources.x]".into(),
                from: "first line".into(),
            }),
            outlet: None,
            date: Some(Field {
                value: Date::new(2023, 9, 22).unwrap(),
                from: "consistency of 2 weekdays".into(),
            }),
            date_inferred: true,
            undated: None,
            kind: Field {
                value: Kind::News,
                from: "3 relative dates".into(),
            },
            url: None,
        }]
    }

    #[test]
    fn the_toml_parses_back_as_metadata_and_keeps_every_field() {
        let written = toml(&described());
        let meta = Metadata::parse(&written, std::path::Path::new("sources.toml")).unwrap();
        let (file, source) = meta.iter().next().unwrap();
        assert_eq!(file, "a\nb.txt");
        assert_eq!(source.date, Date::new(2023, 9, 22));
        assert!(source.date_inferred);
        assert_eq!(source.kind, Some(Kind::News));
        assert!(source
            .title
            .as_deref()
            .unwrap()
            .starts_with("عنوان \"مقتبس\""));
        assert_eq!(
            written
                .lines()
                .filter(|l| l.starts_with("[sources."))
                .count(),
            1
        );
    }

    #[test]
    fn text_and_json_make_controls_visible() {
        let t = text(&described());
        assert!(!t.contains("a\nb"), "{t}");
        assert!(t.contains("≈2023-09-22"));
        let j = json(&described());
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v["sources"][0]["date"]["value"], "2023-09-22");
        assert_eq!(v["sources"][0]["kind"]["value"], "news");
        assert_eq!(v["sources"][0]["outlet"], serde_json::Value::Null);
    }
}
