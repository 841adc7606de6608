//! Decoding arbitrary file bytes, then splitting into paragraphs and passages.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanad::corpus::{decode, Document};

fuzz_target!(|bytes: &[u8]| {
    if let Ok((text, encoding, replaced)) = decode(bytes) {
        let doc = Document::new("fuzz.txt".into(), text, encoding, replaced);
        for p in doc.passages() {
            assert!(p.start <= p.end && p.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(p.start) && doc.text.is_char_boundary(p.end));
        }
    }
});
