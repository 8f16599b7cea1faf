//! Which rules run and how loud they are: `[lint]` in `copydesk.toml`, plus run-time overlays.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

use super::registry;
use super::rule::RuleMeta;
use crate::config::RawLint;
use crate::diagnostic::Severity;

/// Lint selection, severity overrides and rule options.
#[derive(Debug, Clone, PartialEq)]
pub struct LintSettings {
    select: Vec<String>,
    ignore: Vec<String>,
    severity: BTreeMap<&'static str, Option<Severity>>,
    options: BTreeMap<&'static str, toml::Table>,
}

impl Default for LintSettings {
    fn default() -> Self {
        LintSettings {
            select: vec!["ALL".into()],
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            options: BTreeMap::new(),
        }
    }
}

/// Whether `selector` (`ALL`, a code, a code prefix such as `ED` or `ED00`, or a rule name)
/// picks `rule`.
pub fn selector_matches(selector: &str, rule: &RuleMeta) -> bool {
    selector.eq_ignore_ascii_case("ALL")
        || rule
            .code
            .as_str()
            .starts_with(&selector.to_ascii_uppercase())
        || rule.name == selector
}

/// Whether `selector` picks at least one known rule.
pub fn is_known_selector(selector: &str) -> bool {
    !selector.is_empty()
        && registry::RULES
            .iter()
            .any(|rule| selector_matches(selector, rule))
}

/// Parses a rule's options table into its typed options (defaults for absent keys).
pub(crate) fn parse_options<T: DeserializeOwned>(table: &toml::Table) -> Result<T, String> {
    toml::Value::Table(table.clone())
        .try_into::<T>()
        .map_err(|error| error.message().to_string())
}

impl LintSettings {
    /// Validates `[lint]`; errors are (dotted key path, message) pairs.
    pub(crate) fn from_raw(raw: RawLint) -> Result<LintSettings, Vec<(String, String)>> {
        let mut errors = Vec::new();
        let mut settings = LintSettings::default();
        for (key, list, target) in [
            ("lint.select", raw.select, &mut settings.select),
            ("lint.ignore", raw.ignore, &mut settings.ignore),
        ] {
            if let Some(list) = list {
                for (i, selector) in list.iter().enumerate() {
                    if !is_known_selector(selector) {
                        errors.push((
                            format!("{key}[{i}]"),
                            format!("unknown rule code or family `{selector}`"),
                        ));
                    }
                }
                *target = list;
            }
        }
        for (code, level) in raw.severity.unwrap_or_default() {
            let key = format!("lint.severity.{code}");
            let Some(rule) = registry::find(&code) else {
                errors.push((key, format!("unknown rule code `{code}`")));
                continue;
            };
            match parse_severity(&level) {
                Some(severity) => {
                    settings.severity.insert(rule.code.as_str(), severity);
                }
                None => errors.push((
                    key,
                    format!("severity `{level}` must be one of error, warning, info, off"),
                )),
            }
        }
        for (code, table) in raw.options.unwrap_or_default() {
            let key = format!("lint.options.{code}");
            let Some(rule) = registry::find(&code) else {
                errors.push((key, format!("unknown rule code `{code}`")));
                continue;
            };
            match registry::validate_options(rule, &table) {
                Ok(()) => {
                    settings.options.insert(rule.code.as_str(), table);
                }
                Err(message) => {
                    errors.push((key, format!("invalid options for {}: {message}", rule.code)));
                }
            }
        }
        if errors.is_empty() {
            Ok(settings)
        } else {
            Err(errors)
        }
    }

    /// The severity `rule` reports at, or `None` when it is turned off.
    pub fn severity_of(&self, rule: &RuleMeta) -> Option<Severity> {
        let selected = self.select.iter().any(|s| selector_matches(s, rule));
        let ignored = self.ignore.iter().any(|s| selector_matches(s, rule));
        if !selected || ignored {
            return None;
        }
        match self.severity.get(rule.code.as_str()) {
            Some(level) => *level,
            None => Some(rule.severity),
        }
    }

    /// Whether `rule` runs at all.
    pub fn is_enabled(&self, rule: &RuleMeta) -> bool {
        self.severity_of(rule).is_some()
    }

    /// The options table configured for `rule`.
    pub fn options_of(&self, rule: &RuleMeta) -> Option<&toml::Table> {
        self.options.get(rule.code.as_str())
    }

    /// Replaces the selection (a command-line `--select`).
    pub fn set_select(&mut self, selectors: Vec<String>) {
        self.select = selectors;
    }

    /// Adds to the ignore list (a command-line `--ignore`).
    pub fn extend_ignore(&mut self, selectors: impl IntoIterator<Item = String>) {
        self.ignore.extend(selectors);
    }
}

// `None`: not a level at all; `Some(None)`: the level `off`.
#[allow(clippy::option_option)]
fn parse_severity(level: &str) -> Option<Option<Severity>> {
    match level {
        "error" => Some(Some(Severity::Error)),
        "warning" => Some(Some(Severity::Warning)),
        "info" => Some(Some(Severity::Info)),
        "off" => Some(None),
        _ => None,
    }
}
