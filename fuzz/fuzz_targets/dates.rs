//! The timeline on an arbitrary document: every mention is a span of it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanad::corpus::{Document, Encoding};
use sanad::metadata::Metadata;

fuzz_target!(|text: &str| {
    let docs = [Document::new(
        "fuzz.txt".into(),
        text.to_string(),
        Encoding::Utf8,
        0,
    )];
    let timeline = sanad::timeline::build(&docs, &Metadata::default());
    for entry in &timeline.entries {
        for m in &entry.mentions {
            assert_eq!(docs[0].text.get(m.start..m.end), Some(m.text.as_str()));
            assert_eq!(
                docs[0].text.get(m.date_start..m.date_end),
                Some(m.date_text.as_str())
            );
        }
    }
    let _ = sanad::output::timeline::text(&timeline);
    let _ = sanad::output::timeline::csv(&timeline);
});
