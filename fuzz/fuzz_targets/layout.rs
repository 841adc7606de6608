//! The right-to-left layout: the first byte picks the options, the rest is the
//! paragraph. Nothing drawn may be a control or bidi formatting character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanad::bidi::{layout_plain, Direction, LayoutOptions};

fuzz_target!(|input: (u8, u8, &str)| {
    let (flags, width, text) = input;
    let options = LayoutOptions {
        width: (flags & 1 == 1).then_some(usize::from(width)),
        base: match (flags >> 1) & 3 {
            1 => Some(Direction::Ltr),
            2 => Some(Direction::Rtl),
            _ => None,
        },
        shape: flags & 8 != 0,
        logical: flags & 16 != 0,
    };
    let laid = layout_plain(text, &options);
    for line in &laid.lines {
        assert!(!line
            .text
            .chars()
            .any(|c| c.is_control() || sanad::bidi::sanitize::is_bidi_format(c)));
        for cell in &line.cells {
            assert!(cell.logical.end <= text.len());
        }
    }
});
