//! Any bytes as a DOCX, ODT and EPUB file: an error or a document, never a
//! panic, and the places found are lines of the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanad::extract::{extract, Format};

fuzz_target!(|bytes: &[u8]| {
    for format in [Format::Docx, Format::Odt, Format::Epub] {
        if let Ok(got) = extract(format, bytes) {
            let lines = got.text.lines().count();
            assert!(got.places.iter().all(|p| p.line >= 1 && p.line <= lines));
        }
    }
});
