//! MD: Markdown body rules. MD000 is reported by the suppression pass of the engine.

mod invalid_suppression;

pub(crate) use invalid_suppression::InvalidSuppression;
