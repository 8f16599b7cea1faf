//! The rule catalogue, one file per rule, grouped by family.

pub(crate) mod editorial;
pub(crate) mod entries;
pub(crate) mod front_matter;
pub(crate) mod markdown;
pub(crate) mod prose;
pub(crate) mod references;
pub(crate) mod style;
pub(crate) mod timeline;
