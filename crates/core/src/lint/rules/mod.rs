//! The rule catalogue, one file per rule, grouped by family.

pub(crate) mod front_matter;
pub(crate) mod markdown;
