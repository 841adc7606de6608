//! JSON that is safe to print, written in one pass: `serde_json`'s own layout
//! (compact, or pretty at any depth), with each character that could steer a
//! terminal written as a `\u` escape as its string is written
//! ([`crate::bidi::sanitize::write_inert`]). A timeline's JSON can be hundreds
//! of megabytes; it is neither laid out again to indent it nor scanned again to
//! escape it.
//!
//! ```
//! let json = sanad::output::json::line(&"a\u{9b}31m\u{202e}b");
//! assert_eq!(json, r#""a\u009b31m\u202eb""#);
//! assert_eq!(serde_json::from_str::<String>(&json).unwrap(), "a\u{9b}31m\u{202e}b");
//! ```

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

/// `value` on one line.
pub fn line(value: &impl Serialize) -> String {
    written(value, Inert::new(CompactFormatter, 0))
}

/// `value` as `serde_json::to_string_pretty` lays it out, every line `indent`
/// spaces deeper: the layout it has inside a document at that depth.
pub fn pretty(value: &impl Serialize, indent: usize) -> String {
    written(value, Inert::new(PrettyFormatter::new(), indent))
}

fn written<F: Formatter>(value: &impl Serialize, formatter: Inert<F>) -> String {
    let mut out = vec![b' '; formatter.indent];
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    if value.serialize(&mut serializer).is_err() {
        // Only a map with keys that are not strings fails; sanad has none.
        return "null".to_string();
    }
    // serde_json writes UTF-8, and the escapes are ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// A formatter that escapes what could steer a terminal and indents each
/// line it begins by `indent` more spaces.
struct Inert<F> {
    layout: F,
    indent: usize,
}

impl<F> Inert<F> {
    fn new(layout: F, indent: usize) -> Self {
        Inert { layout, indent }
    }
}

/// Spaces the deepest sanad document indents by, written in one call.
const SPACES: &[u8; 64] = &[b' '; 64];

fn pad<W: io::Write + ?Sized>(out: &mut W, mut width: usize) -> io::Result<()> {
    while width > 0 {
        let n = width.min(SPACES.len());
        out.write_all(&SPACES[..n])?;
        width -= n;
    }
    Ok(())
}

/// A writer that puts `indent` spaces after each newline: the layout's own
/// newlines, which only it writes (a newline in a string is an escape).
struct Indented<'a, W: ?Sized> {
    out: &'a mut W,
    indent: usize,
}

impl<W: io::Write + ?Sized> io::Write for Indented<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        for (i, piece) in buf.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
                pad(self.out, self.indent)?;
            }
            self.out.write_all(piece)?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Forwards a layout call that may begin a line through [`Indented`].
macro_rules! indented {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: io::Write + ?Sized>(&mut self, out: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            let mut out = Indented { out, indent: self.indent };
            self.layout.$name(&mut out $(, $arg)*)
        }
    )*};
}

impl<F: Formatter> Formatter for Inert<F> {
    indented! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: io::Write + ?Sized>(
        &mut self,
        out: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        crate::bidi::sanitize::write_inert(out, fragment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bidi::sanitize::{shown_as, Shown};

    fn sample() -> serde_json::Value {
        serde_json::json!({
            "text": "سلام \u{1b}[2J \u{85}\u{9b}31m \u{202e}\u{2066}\u{61c} \u{2028} \u{e0041}\n\"q\"",
            "\u{202e}key": [1, {"a": [], "b": {}}, null, 2.5, true],
            "empty": [],
            "nested": {"deep": [["x"]]},
        })
    }

    /// serde_json's output with what steers escaped after the fact.
    fn escaped_after(json: &str) -> String {
        let mut out = Vec::new();
        crate::bidi::sanitize::write_inert(&mut out, json).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_layout_is_serde_jsons_with_steering_characters_escaped() {
        let value = sample();
        let compact = serde_json::to_string(&value).unwrap();
        assert_eq!(line(&value), escaped_after(&compact));
        let pretty_json = serde_json::to_string_pretty(&value).unwrap();
        assert_eq!(pretty(&value, 0), escaped_after(&pretty_json));
    }

    #[test]
    fn a_deeper_layout_indents_every_line() {
        let value = sample();
        let plain = pretty(&value, 0);
        let deeper: String = plain
            .lines()
            .map(|l| format!("{}{l}", " ".repeat(70)))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(pretty(&value, 70), deeper);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&deeper).unwrap(),
            value
        );
    }

    #[test]
    fn json_keeps_its_meaning_without_raw_steering_characters() {
        let value = serde_json::json!({
            "text": "\u{1b}[2J \u{7f}\u{85}\u{9b}31m \u{202e}\u{2066}\u{200f}\u{61c} \u{2028}\u{2029} سلام \u{e0041}\u{ad}",
            "\u{202e}key": ["\u{9b}"]
        });
        for inert in [line(&value), pretty(&value, 0), pretty(&value, 4)] {
            assert!(
                !inert
                    .chars()
                    .any(|c| shown_as(c) != Shown::Same && c != '\n'),
                "{inert}"
            );
            let back: serde_json::Value = serde_json::from_str(&inert).unwrap();
            assert_eq!(back, value);
        }
        // Past the Basic Multilingual Plane, a surrogate pair (a tag character
        // is invisible): one six-digit escape would read back as two characters.
        assert_eq!(line(&"\u{e0041}"), r#""\udb40\udc41""#);
    }
}
