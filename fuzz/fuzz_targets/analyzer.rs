//! The Arabic analyzer and sentence splitter on arbitrary text: no panic, and
//! token and sentence spans are ordered char ranges of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut last_end = 0;
    for token in sanad::arabic::analyze(text) {
        assert!(last_end <= token.start && token.start < token.end);
        assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        assert_eq!(
            token.norm,
            sanad::arabic::normalize_word(&text[token.start..token.end])
        );
        assert_eq!(token.stem, sanad::arabic::stem(&token.norm));
        last_end = token.end;
    }
    let _ = sanad::arabic::stem(text);
    let mut last_end = 0;
    for span in sanad::sentences::sentence_spans(text, 0..text.len()) {
        assert!(last_end <= span.start && span.start < span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        last_end = span.end;
    }
});
