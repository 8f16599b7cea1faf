//! Which rules run and how loud they are: `[lint]` in `copydesk.toml`, plus run-time overlays.
//!
//! The written settings (selectors, overrides, option tables) are resolved once, when they are
//! loaded and again after each overlay, into per-rule tables indexed by the rule's place in the
//! registry: whether it runs, the severity it reports at, and its parsed typed options. The
//! engine asks these tables once per diagnostic and rule, never scans selectors or parses
//! options per article.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use super::overrides::{LintOverride, RuleOrigin};
use super::registry::{self, RULES};
use super::rule::{AnyOptions, RuleMeta, RuleOptions};
use crate::config::RawLint;
use crate::diagnostic::{RuleCode, Severity};

/// Lint selection, severity overrides and rule options.
#[derive(Debug, Clone, PartialEq)]
pub struct LintSettings {
    select: Vec<String>,
    ignore: Vec<String>,
    severity: BTreeMap<&'static str, Level>,
    options: BTreeMap<&'static str, toml::Table>,
    /// `[[lint.overrides]]`, in the order they apply.
    overrides: Vec<LintOverride>,
    resolved: Resolved,
}

impl Default for LintSettings {
    fn default() -> Self {
        let mut settings = LintSettings {
            select: vec!["ALL".into()],
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            options: BTreeMap::new(),
            overrides: Vec::new(),
            resolved: Resolved::default(),
        };
        settings.resolve();
        settings
    }
}

/// The written settings resolved per rule, by the rule's index in [`RULES`].
#[derive(Clone, Default)]
struct Resolved {
    /// What each rule reports at: `None` when it is off.
    state: Vec<Option<RuleLevel>>,
    /// Each rule's parsed options (its defaults when none are configured); `None` for a rule
    /// that takes no options.
    options: Vec<Option<AnyOptions>>,
}

/// The severity a running rule's findings are shown at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuleLevel {
    /// The severity the rule reported.
    AsReported,
    /// A configured override.
    Override(Severity),
}

// Derived from the written settings, which the settings compare and print instead.
impl PartialEq for Resolved {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl fmt::Debug for Resolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Resolved")
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

/// The selector a mistyped one most likely meant: a rule code or name (see
/// [`registry::nearest_rule`]), a family such as `ED`, or `ALL`.
pub fn nearest_selector(input: &str) -> Option<String> {
    const FAMILIES: [&str; 8] = ["ALL", "FM", "RF", "TL", "MD", "ED", "ST", "SP"];
    if let Some(rule) = registry::nearest_rule(input) {
        // Answer in the form the writer used: a name for a name, a code for a code.
        let typed_a_name = input.contains('-') && !input.bytes().any(|b| b.is_ascii_digit());
        let meant = if typed_a_name {
            rule.name
        } else {
            rule.code.as_str()
        };
        return Some(meant.to_string());
    }
    // A code with digits that matches no rule (`FM999`) is not a mistyped family.
    if input.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    crate::suggest::nearest(input, FAMILIES).map(str::to_string)
}

/// The message for a selector that picks no rule, naming the nearest valid one when there
/// is a plausible one; shared by `[lint]`, `--select`/`--ignore`, an article's
/// `[lint] ignore` and suppression comments so they all read the same.
pub fn unknown_selector_message(selector: &str) -> String {
    format!(
        "unknown rule code or family `{selector}`{}",
        unknown_selector_hint(selector)
    )
}

/// What to write instead of a selector that picks no rule: "; did you mean `FM002`?", or
/// the forms a selector takes when nothing is close.
pub fn unknown_selector_hint(selector: &str) -> String {
    match nearest_selector(selector) {
        Some(best) => format!("; {}", crate::suggest::did_you_mean(&best)),
        None => "; use a code such as `FM003`, a family such as `ED`, or `ALL`".to_string(),
    }
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
            if let Some(list) = read_selectors(key, list, &mut errors) {
                *target = list;
            }
        }
        settings.severity = read_severities("lint", raw.severity, &mut errors);
        settings.options = read_options("lint", raw.options, &mut errors);
        for (i, raw) in raw.overrides.unwrap_or_default().into_iter().enumerate() {
            if let Some(found) =
                LintOverride::from_raw(&format!("lint.overrides[{i}]"), raw, &mut errors)
            {
                settings.overrides.push(found);
            }
        }
        if errors.is_empty() {
            settings.resolve();
            Ok(settings)
        } else {
            Err(errors)
        }
    }

    /// Resolves the written settings into the per-rule tables; options were validated when
    /// they were read, so a table that fails to parse here cannot happen and falls back to
    /// the defaults.
    fn resolve(&mut self) {
        let state = self
            .top_level_states()
            .into_iter()
            .map(|(level, _)| level)
            .collect();
        self.resolved = Resolved {
            state,
            options: resolve_options(&self.options),
        };
    }

    /// Each rule's level under the top-level settings, and which key decided it.
    pub(crate) fn top_level_states(&self) -> Vec<(Option<RuleLevel>, RuleOrigin)> {
        RULES
            .iter()
            .map(|rule| {
                let code = rule.code.as_str();
                if self.ignore.iter().any(|s| selector_matches(s, rule)) {
                    return (None, RuleOrigin::Key("lint.ignore".into()));
                }
                if !self.select.iter().any(|s| selector_matches(s, rule)) {
                    return (None, RuleOrigin::Key("lint.select".into()));
                }
                match self.severity.get(code) {
                    Some(level) => (
                        level.running(),
                        RuleOrigin::Key(format!("lint.severity.{code}")),
                    ),
                    None => (
                        Some(RuleLevel::AsReported),
                        RuleOrigin::Key("lint.select".into()),
                    ),
                }
            })
            .collect()
    }

    /// The settings for an article that the overrides at `which` (indices into
    /// `overrides`, in order) match: the top-level settings with each override applied in
    /// turn. The result has no overrides of its own.
    pub(crate) fn with_overrides(&self, which: &[usize]) -> LintSettings {
        let mut variant = self.clone();
        variant.overrides = Vec::new();
        if which.is_empty() {
            return variant;
        }
        let mut states: Vec<Option<RuleLevel>> = self.resolved.state.clone();
        for &i in which {
            let Some(found) = self.overrides.get(i) else {
                continue;
            };
            for (state, rule) in states.iter_mut().zip(RULES) {
                *state = found.apply(rule, *state, &self.severity).0;
            }
            for (code, table) in &found.options {
                variant.options.insert(code, table.clone());
            }
        }
        variant.resolved = Resolved {
            state: states,
            options: resolve_options(&variant.options),
        };
        variant
    }

    /// The top-level per-code severities.
    pub(crate) fn severities(&self) -> &BTreeMap<&'static str, Level> {
        &self.severity
    }

    /// The overrides, in order.
    pub(crate) fn overrides(&self) -> &[LintOverride] {
        &self.overrides
    }

    /// Records which file, and which of its overrides, wrote each override (in order).
    pub(crate) fn set_override_origins(&mut self, origins: Vec<(PathBuf, usize)>) {
        for (found, origin) in self.overrides.iter_mut().zip(origins) {
            found.origin = Some(origin);
        }
    }

    /// The written `[lint.options]` tables, by rule code.
    pub(crate) fn written_options(&self) -> &BTreeMap<&'static str, toml::Table> {
        &self.options
    }

    /// The resolved level of the rule with `code`; `None` for an unknown code or a rule that
    /// is off.
    fn level_of(&self, code: RuleCode) -> Option<RuleLevel> {
        let index = registry::index_of(code)?;
        self.resolved.state.get(index).copied().flatten()
    }

    /// The severity `rule` reports at, or `None` when it is turned off.
    pub fn severity_of(&self, rule: &RuleMeta) -> Option<Severity> {
        self.severity_for(rule, rule.severity)
    }

    /// The severity a finding that `rule` reported at `reported` is shown at: the configured
    /// override, else the severity the rule chose (most rules report their default; ED009
    /// grades by the article's status); `None` when the rule is turned off.
    pub fn severity_for(&self, rule: &RuleMeta, reported: Severity) -> Option<Severity> {
        self.severity_of_code(rule.code, reported)
    }

    /// [`severity_for`](Self::severity_for) by code, for a diagnostic: `None` also for a
    /// code no rule has.
    pub(crate) fn severity_of_code(&self, code: RuleCode, reported: Severity) -> Option<Severity> {
        match self.level_of(code)? {
            RuleLevel::AsReported => Some(reported),
            RuleLevel::Override(severity) => Some(severity),
        }
    }

    /// Whether `rule` runs at all.
    pub fn is_enabled(&self, rule: &RuleMeta) -> bool {
        self.level_of(rule.code).is_some()
    }

    /// The options table configured for `rule`.
    pub fn options_of(&self, rule: &RuleMeta) -> Option<&toml::Table> {
        self.options.get(rule.code.as_str())
    }

    /// The parsed options of the rule whose options type is `T`: the configured ones, or the
    /// defaults.
    ///
    /// # Panics
    ///
    /// When `T`'s rule is not in the registry: every declared rule with options is, which a
    /// registry test checks.
    pub(crate) fn options<T: RuleOptions>(&self) -> &T {
        registry::index_of(T::RULE.code)
            .and_then(|index| self.resolved.options.get(index))
            .and_then(Option::as_ref)
            .and_then(|options| options.downcast_ref::<T>())
            .expect("a rule's options type is the one its declaration registers")
    }

    /// Replaces the selection (a command-line `--select`).
    pub fn set_select(&mut self, selectors: Vec<String>) {
        self.select = selectors;
        self.resolve();
    }

    /// Adds to the ignore list (a command-line `--ignore`).
    pub fn extend_ignore(&mut self, selectors: impl IntoIterator<Item = String>) {
        self.ignore.extend(selectors);
        self.resolve();
    }
}

/// Each rule's parsed options: the written ones, else its defaults.
fn resolve_options(written: &BTreeMap<&'static str, toml::Table>) -> Vec<Option<AnyOptions>> {
    RULES
        .iter()
        .map(|rule| {
            let spec = registry::options_spec(rule)?;
            let configured = written
                .get(rule.code.as_str())
                .and_then(|table| (spec.parse)(table).ok());
            Some(configured.unwrap_or_else(spec.defaults))
        })
        .collect()
}

/// Validates a `severity` table under `prefix` (`lint`, `lint.overrides[0]`).
pub(crate) fn read_severities(
    prefix: &str,
    raw: Option<BTreeMap<String, String>>,
    errors: &mut Vec<(String, String)>,
) -> BTreeMap<&'static str, Level> {
    let mut read = BTreeMap::new();
    for (code, level) in raw.unwrap_or_default() {
        let key = format!("{prefix}.severity.{code}");
        let Some(rule) = registry::find(&code) else {
            errors.push((key, unknown_code_message(&code)));
            continue;
        };
        match parse_severity(&level) {
            Some(severity) => {
                read.insert(rule.code.as_str(), severity);
            }
            None => errors.push((
                key,
                format!("severity `{level}` must be one of error, warning, info, off"),
            )),
        }
    }
    read
}

/// Validates an `options` table under `prefix` (`lint`, `lint.overrides[0]`).
pub(crate) fn read_options(
    prefix: &str,
    raw: Option<BTreeMap<String, toml::Table>>,
    errors: &mut Vec<(String, String)>,
) -> BTreeMap<&'static str, toml::Table> {
    let mut read = BTreeMap::new();
    for (code, table) in raw.unwrap_or_default() {
        let key = format!("{prefix}.options.{code}");
        let Some(rule) = registry::find(&code) else {
            errors.push((key, unknown_code_message(&code)));
            continue;
        };
        let parsed = match registry::options_spec(rule) {
            Some(spec) => (spec.parse)(&table).map(drop),
            None => Err(format!("{} takes no options", rule.code)),
        };
        match parsed {
            Ok(()) => {
                read.insert(rule.code.as_str(), table);
            }
            Err(message) => {
                errors.push((key, format!("invalid options for {}: {message}", rule.code)));
            }
        }
    }
    read
}

/// Validates a `select` or `ignore` list at `key`.
pub(crate) fn read_selectors(
    key: &str,
    list: Option<Vec<String>>,
    errors: &mut Vec<(String, String)>,
) -> Option<Vec<String>> {
    let list = list?;
    for (i, selector) in list.iter().enumerate() {
        if !is_known_selector(selector) {
            errors.push((format!("{key}[{i}]"), unknown_selector_message(selector)));
        }
    }
    Some(list)
}

/// The message for a key that must name one rule (`[lint.severity]`, `[lint.options]`).
fn unknown_code_message(code: &str) -> String {
    match registry::nearest_rule(code) {
        Some(rule) => format!(
            "unknown rule code `{code}`; {}",
            crate::suggest::did_you_mean(rule.code.as_str())
        ),
        None => format!("unknown rule code `{code}`; `copydesk rule --all` lists them"),
    }
}

/// A configured level: a severity, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    On(Severity),
    Off,
}

impl Level {
    /// The level a rule runs at when this is configured for it (`None`: off).
    pub(crate) fn running(self) -> Option<RuleLevel> {
        match self {
            Level::On(severity) => Some(RuleLevel::Override(severity)),
            Level::Off => None,
        }
    }
}

fn parse_severity(level: &str) -> Option<Level> {
    match level {
        "error" => Some(Level::On(Severity::Error)),
        "warning" => Some(Level::On(Severity::Warning)),
        "info" => Some(Level::On(Severity::Info)),
        "off" => Some(Level::Off),
        _ => None,
    }
}
