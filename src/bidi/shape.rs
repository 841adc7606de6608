//! Optional Arabic shaping into presentation forms, for terminals that do not join letters.
//!
//! Shaping picks each letter's contextual form (isolated, initial, medial, final) from its
//! logical neighbours. Terminals that shape themselves (VTE, Konsole, kitty, WezTerm, iTerm2,
//! Terminal.app) must get plain letters; xterm, Alacritty and Windows Terminal draw isolated
//! letters unless they get presentation forms (U+FB50–U+FEFF). Presentation forms keep bidi
//! class AL, so reordering is unaffected.
//!
//! The mapping is one char to one char: ligatures are off (lam-alef stays two cells, as the
//! layout counts it) and harakat, ZWJ and tatweel stay where they are. This is what lets the
//! layout show shaped glyphs while every logical byte offset still refers to the original
//! text.

use std::str::FromStr;

use ar_reshaper::{ArabicReshaper, ReshaperConfig};

/// The `--shape` setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ShapeMode {
    /// Shape only when the environment names a terminal known not to shape Arabic
    /// (see [`ShapeMode::resolve`]).
    Auto,
    /// Always shape.
    On,
    /// Never shape (the default: most Linux terminals shape by themselves and should get
    /// plain letters).
    #[default]
    Off,
}

impl FromStr for ShapeMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(Self::Auto),
            "on" => Ok(Self::On),
            "off" => Ok(Self::Off),
            other => Err(format!(
                "unknown shape mode {other:?}: expected auto, on or off"
            )),
        }
    }
}

/// Environment variables set by terminals that do their own Arabic shaping.
const SHAPING_TERMINAL_VARS: &[&str] = &[
    "VTE_VERSION",
    "KONSOLE_VERSION",
    "KITTY_WINDOW_ID",
    "WEZTERM_PANE",
    "ITERM_SESSION_ID",
];

/// Environment variables set by terminals that draw Arabic letters unjoined.
const NON_SHAPING_TERMINAL_VARS: &[&str] = &[
    "XTERM_VERSION",
    "ALACRITTY_WINDOW_ID",
    "ALACRITTY_SOCKET",
    "WT_SESSION",
];

impl ShapeMode {
    /// Whether to shape, given a way to read environment variables (`std::env::var` in the
    /// app, a map in tests).
    ///
    /// `Auto` is deliberately conservative: it shapes only when a variable of a known
    /// non-shaping terminal (xterm, Alacritty, Windows Terminal) is set and none of a known
    /// shaping one (VTE, Konsole, kitty, WezTerm, iTerm2) is. `TERM` alone proves nothing
    /// (every terminal claims `xterm-256color`), so anything unknown means off.
    pub fn resolve(self, env: impl Fn(&str) -> Option<String>) -> bool {
        match self {
            Self::On => true,
            Self::Off => false,
            Self::Auto => {
                let is_set = |name: &&str| env(name).is_some_and(|value| !value.is_empty());
                let shapes_itself = SHAPING_TERMINAL_VARS.iter().any(is_set)
                    || env("TERM_PROGRAM").is_some_and(|p| is_shaping_program(&p));
                !shapes_itself && NON_SHAPING_TERMINAL_VARS.iter().any(is_set)
            }
        }
    }
}

/// `TERM_PROGRAM` values of terminals that shape Arabic themselves.
fn is_shaping_program(program: &str) -> bool {
    matches!(
        program,
        "WezTerm" | "iTerm.app" | "Apple_Terminal" | "vscode"
    )
}

/// Arabic letters of `text` replaced by their contextual presentation forms: one char per
/// input char, or `None` if the shaper's output cannot be aligned char by char with the
/// input (it should always be; this is a guard, not an expected path).
pub(super) fn shaped_chars(text: &str) -> Option<Vec<char>> {
    // Harakat and ZWJ are deleted by the shaper (harakat are transparent to joining, and
    // deleting them avoids its harakat bookkeeping, which underflows on a leading mark);
    // they are put back from the input.
    let reshaper = ArabicReshaper::new(ReshaperConfig {
        delete_harakat: true,
        support_ligatures: false,
        ..Default::default()
    });
    let shaped = reshaper.reshape(text);
    let mut shaped = shaped.chars();
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if is_dropped_by_shaper(c) {
            out.push(c);
        } else {
            out.push(shaped.next()?);
        }
    }
    match shaped.next() {
        Some(_) => None,
        None => Some(out),
    }
}

/// Chars the shaper removes from its output: its harakat set and ZWJ.
fn is_dropped_by_shaper(c: char) -> bool {
    matches!(
        c,
        '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06DC}'
            | '\u{06DF}'..='\u{06E8}'
            | '\u{06EA}'..='\u{06ED}'
            | '\u{08D4}'..='\u{08E1}'
            | '\u{08E3}'..='\u{08FF}'
            | '\u{200D}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shaped text, or the text itself where it cannot be aligned (as the layout does).
    fn shape_arabic(text: &str) -> String {
        match shaped_chars(text) {
            Some(chars) => chars.into_iter().collect(),
            None => text.to_string(),
        }
    }

    #[test]
    fn lam_alef_is_two_forms_and_latin_is_kept() {
        // lam initial + alef final: two chars, no ligature.
        assert_eq!(shape_arabic("لا"), "\u{FEDF}\u{FE8E}");
        assert_eq!(shape_arabic("ab (1)"), "ab (1)");
    }

    #[test]
    fn tanween_stays_after_its_letter() {
        let shaped: Vec<char> = shape_arabic("وفقًا").chars().collect();
        assert_eq!(shaped.len(), 5);
        assert_eq!(shaped[3], '\u{064B}');
        // faa initial, qaf medial, alef final.
        assert_eq!(&shaped[1..3], &['\u{FED3}', '\u{FED8}']);
        assert_eq!(shaped[4], '\u{FE8E}');
    }

    #[test]
    fn leading_mark_and_zwj_do_not_panic_or_misalign() {
        for text in [
            "\u{064B}",
            "\u{064B}ب",
            "ب\u{200D}",
            "\u{200D}\u{200D}ب\u{064E}",
            "",
        ] {
            assert_eq!(
                shape_arabic(text).chars().count(),
                text.chars().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn allah_is_not_a_ligature() {
        assert_eq!(shape_arabic("الله").chars().count(), 4);
    }

    #[test]
    fn auto_needs_a_known_non_shaping_terminal() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_string())
            }
        };
        assert!(!ShapeMode::Auto.resolve(env(&[("TERM", "xterm-256color")])));
        assert!(ShapeMode::Auto.resolve(env(&[("XTERM_VERSION", "XTerm(390)")])));
        assert!(ShapeMode::Auto.resolve(env(&[("WT_SESSION", "abc")])));
        assert!(
            !ShapeMode::Auto.resolve(env(&[("ALACRITTY_SOCKET", "/x"), ("VTE_VERSION", "7600")]))
        );
        assert!(ShapeMode::On.resolve(env(&[])));
        assert!(!ShapeMode::Off.resolve(env(&[("XTERM_VERSION", "1")])));
    }

    #[test]
    fn parses_cli_values() {
        assert_eq!("auto".parse(), Ok(ShapeMode::Auto));
        assert!("yes".parse::<ShapeMode>().is_err());
    }
}
