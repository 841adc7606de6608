//! The query parser and matcher: the input is split at its first newline into
//! a query and a text. Highlights are sorted, disjoint char ranges of the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let (raw, text) = input.split_once('\n').unwrap_or((input, input));
    let Ok(query) = sanad::query::Query::parse(raw) else {
        return;
    };
    let _ = query.matches(text);
    let mut last_end = None;
    for range in query.highlights(text) {
        assert!(last_end.is_none_or(|end| end < range.start));
        assert!(range.start < range.end && range.end <= text.len());
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        last_end = Some(range.end);
    }
});
