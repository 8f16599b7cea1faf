//! Any bytes as an article file: parsing never panics and every span is on a character
//! boundary inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (parsed, text) = copydesk::Article::parse_bytes("articles/fuzz.md", data);
    for diagnostic in &parsed.diagnostics {
        let span = diagnostic.span;
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "{diagnostic:?}"
        );
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
});
