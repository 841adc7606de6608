//! Making untrusted text safe to print: no document, query or file name may move
//! the cursor, recolour or retitle the terminal.

use std::borrow::Cow;

/// Replaces control characters with visible stand-ins: C0 controls and DEL with
/// their Control Pictures (ESC → ␛, NUL → ␀), C1 controls with `<U+0085>`-style
/// tags, and a tab with one space. Bidi formatting characters are left alone: the
/// layout engine gives them their meaning and the terminal draws no cell for them.
pub fn visible_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_replacing) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
            '\u{7f}' => out.push('␡'),
            '\u{80}'..='\u{9f}' => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_replacing(c: char) -> bool {
    c.is_control()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(visible_controls("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(visible_controls("\u{1b}]0;title\u{7}"), "␛]0;title␇");
        assert_eq!(visible_controls("x\u{9b}y"), "x<U+009B>y");
        assert_eq!(visible_controls("\t\r\n"), " ␍␊");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            visible_controls("قوات حفظ السلام"),
            Cow::Borrowed(_)
        ));
    }
}
