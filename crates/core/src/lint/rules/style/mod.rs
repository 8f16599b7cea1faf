//! ST and SP: house style (terms, their casing, patterns) and spelling. What the rules find
//! comes from `crate::style`; these files declare the rules and turn findings into
//! diagnostics.

mod findings;
mod misspelling;
mod style_pattern;
mod style_term;
mod term_case;

pub(crate) use misspelling::Misspelling;
pub(crate) use style_pattern::StylePatternMatch;
pub(crate) use style_term::AvoidedTerm;
pub(crate) use term_case::TermCase;
