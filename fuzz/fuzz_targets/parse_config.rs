//! Any text as `copydesk.toml`: parsing never panics, and every problem's span is inside it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(copydesk::ConfigError::Invalid { problems, .. }) =
        copydesk::Config::parse(std::path::Path::new("copydesk.toml"), text)
    {
        for problem in problems {
            assert!(problem.span.start <= problem.span.end);
            assert!(problem.span.end <= text.len(), "{problem:?}");
        }
    }
});
