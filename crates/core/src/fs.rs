//! File reading and path safety shared by the loader, scaffolding and export.

use std::path::{Component, Path};

use crate::error::IoError;

/// Reads a UTF-8 text file (a BOM is kept; callers that care strip it).
pub(crate) fn read_text(path: &Path) -> Result<String, IoError> {
    let bytes = std::fs::read(path).map_err(|e| IoError::new("cannot read", path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        IoError::new(
            "cannot read",
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("invalid UTF-8 at byte {offset}"),
            ),
        )
    })
}

/// Whether `path` is relative and never climbs above where it starts (`..`, root, prefix).
pub fn is_safe_relative(path: &Path) -> bool {
    !path.as_os_str().is_empty()
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}
