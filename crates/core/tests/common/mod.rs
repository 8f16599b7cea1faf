//! What the core crate's tests share: the fixed "now" every lint runs at, the fixture and
//! example roots, a copy of the example newsroom to change, and the export read-back checks.

#![allow(dead_code, unreachable_pub)]

pub mod parse_back;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

/// The instant tests lint at: the example newsroom and the fixtures are clean at it.
pub const NOW: &str = "2026-06-01T00:00:00Z";

/// [`NOW`] as a time.
pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(NOW).expect("valid time")
}

/// The rule fixtures: one newsroom whose articles each show one rule's findings.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

/// The bundled example newsroom (read-only: copy it with [`example_copy`] to change it).
pub fn example_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsroom")
}

/// The example newsroom (clean at [`NOW`]) in a temporary directory.
pub fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&example_root(), dir.path());
    dir
}

/// Copies the directory tree `from` to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
