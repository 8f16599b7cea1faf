//! Per-path settings: `[[lint.overrides]]`, each matching articles by path glob, desk and
//! status and changing `select`, `ignore`, `severity` and `options` for them.
//!
//! Overrides apply in order, after the top-level `[lint]` settings. The settings of an
//! article depend only on which overrides match it, so a run resolves them once per distinct
//! combination of matching overrides ([`Variants`]), never once per article. Reading
//! `copydesk.toml` (and the files it extends) is [`crate::config`]; the top-level settings are
//! [`super::settings`].

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use rustc_hash::FxHashMap;

use super::rule::RuleMeta;
use super::settings::{Level, RuleLevel, read_options, read_selectors, read_severities};
use super::{ArticleFacts, selector_matches};
use crate::article::Status;
use crate::config::{Config, RawOverride};
use crate::diagnostic::Diagnostic;

/// One validated `[[lint.overrides]]` table.
#[derive(Clone)]
pub(crate) struct LintOverride {
    /// The globs as written, matched against the path relative to the newsroom root.
    pub(crate) paths: Vec<String>,
    matcher: Option<GlobSet>,
    /// Desk ids; any matches.
    pub(crate) desks: Vec<String>,
    /// Statuses; any matches.
    pub(crate) status: Vec<Status>,
    select: Vec<String>,
    ignore: Vec<String>,
    severity: BTreeMap<&'static str, Level>,
    /// Options by code, replacing the top-level ones for the rule.
    pub(crate) options: BTreeMap<&'static str, toml::Table>,
    /// The configuration file that wrote it, and its place among that file's overrides.
    pub(crate) origin: Option<(PathBuf, usize)>,
}

// The compiled matcher is derived from `paths`; the written fields are what the override
// means (and what the lint index's key hashes through `Config`'s `Debug`).
impl fmt::Debug for LintOverride {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LintOverride")
            .field("paths", &self.paths)
            .field("desks", &self.desks)
            .field("status", &self.status)
            .field("select", &self.select)
            .field("ignore", &self.ignore)
            .field("severity", &self.severity)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl PartialEq for LintOverride {
    fn eq(&self, other: &Self) -> bool {
        self.paths == other.paths
            && self.desks == other.desks
            && self.status == other.status
            && self.select == other.select
            && self.ignore == other.ignore
            && self.severity == other.severity
            && self.options == other.options
    }
}

/// What decided a rule's level for `copydesk config`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RuleOrigin {
    /// A top-level `[lint]` key, such as `lint.ignore` or `lint.severity.ED004`.
    Key(String),
    /// The override at this index of the settings' overrides.
    Override(usize),
}

impl LintOverride {
    /// Validates one override at `key` (`lint.overrides[2]`); problems are (dotted key,
    /// message) pairs.
    pub(crate) fn from_raw(
        key: &str,
        raw: RawOverride,
        errors: &mut Vec<(String, String)>,
    ) -> Option<LintOverride> {
        let before = errors.len();
        let paths = raw.paths.unwrap_or_default();
        let mut builder = GlobSetBuilder::new();
        for (i, pattern) in paths.iter().enumerate() {
            // `*` stops at `/` and `**` crosses directories, as in `.gitignore`.
            match GlobBuilder::new(pattern).literal_separator(true).build() {
                Ok(glob) => {
                    builder.add(glob);
                }
                Err(error) => errors.push((
                    format!("{key}.paths[{i}]"),
                    format!("invalid glob `{pattern}`: {}", error.kind()),
                )),
            }
        }
        let matcher = if paths.is_empty() {
            None
        } else {
            match builder.build() {
                Ok(matcher) => Some(matcher),
                Err(error) => {
                    errors.push((format!("{key}.paths"), format!("invalid globs: {error}")));
                    None
                }
            }
        };
        let desks = raw.desks.unwrap_or_default();
        let mut status = Vec::new();
        for (i, name) in raw.status.unwrap_or_default().iter().enumerate() {
            match parse_status(name) {
                Some(parsed) => status.push(parsed),
                None => errors.push((
                    format!("{key}.status[{i}]"),
                    format!(
                        "status `{name}` must be one of draft, review, scheduled, published, retracted"
                    ),
                )),
            }
        }
        if paths.is_empty() && desks.is_empty() && status.is_empty() {
            errors.push((
                key.to_string(),
                "an override needs `paths`, `desks` or `status` to say which articles it is for"
                    .into(),
            ));
        }
        let select = read_selectors(&format!("{key}.select"), raw.select, errors);
        let ignore = read_selectors(&format!("{key}.ignore"), raw.ignore, errors);
        let severity = read_severities(key, raw.severity, errors);
        let options = read_options(key, raw.options, errors);
        (errors.len() == before).then(|| LintOverride {
            paths,
            matcher,
            desks,
            status,
            select: select.unwrap_or_default(),
            ignore: ignore.unwrap_or_default(),
            severity,
            options,
            origin: None,
        })
    }

    /// Whether the override is for the article at `relative` (relative to the root, `/`
    /// between directories) with `desk` and `status`: every condition it has holds. A file
    /// with no readable front matter has no desk or status, so only `paths` can match it.
    pub(crate) fn matches(
        &self,
        relative: &str,
        desk: Option<&str>,
        status: Option<Status>,
    ) -> bool {
        let path_ok = self
            .matcher
            .as_ref()
            .is_none_or(|matcher| matcher.is_match(relative));
        let desk_ok =
            self.desks.is_empty() || desk.is_some_and(|desk| self.desks.iter().any(|d| d == desk));
        let status_ok = self.status.is_empty() || status.is_some_and(|s| self.status.contains(&s));
        path_ok && desk_ok && status_ok
    }

    /// The level of `rule` after this override, from its level `before`: `select` turns it on
    /// (at the top-level severity override, if any), `ignore` turns it off, and `severity`
    /// sets the level of a rule that is on (`off` turns it off). The flag says whether this
    /// override named the rule at all.
    pub(crate) fn apply(
        &self,
        rule: &RuleMeta,
        before: Option<RuleLevel>,
        top_severity: &BTreeMap<&'static str, Level>,
    ) -> (Option<RuleLevel>, bool) {
        let code = rule.code.as_str();
        let mut level = before;
        let mut named = false;
        if self.select.iter().any(|s| selector_matches(s, rule)) {
            named = true;
            level = match top_severity.get(code) {
                Some(Level::On(severity)) => Some(RuleLevel::Override(*severity)),
                _ => Some(RuleLevel::AsReported),
            };
        }
        if self.ignore.iter().any(|s| selector_matches(s, rule)) {
            named = true;
            level = None;
        }
        if let Some(configured) = self.severity.get(code)
            && (level.is_some() || *configured == Level::Off)
        {
            named = true;
            level = configured.running();
        }
        (level, named)
    }

    /// How `copydesk config` names it: `[[lint.overrides]] 2 of copydesk.toml (paths = [...])`,
    /// the file relative to `root` when it is under it.
    pub(crate) fn label(&self, root: &Path) -> String {
        let mut conditions = Vec::new();
        if !self.paths.is_empty() {
            conditions.push(format!("paths = {:?}", self.paths));
        }
        if !self.desks.is_empty() {
            conditions.push(format!("desks = {:?}", self.desks));
        }
        if !self.status.is_empty() {
            let names: Vec<&str> = self.status.iter().map(|s| s.as_str()).collect();
            conditions.push(format!("status = {names:?}"));
        }
        let place = match &self.origin {
            Some((file, n)) => format!(
                "[[lint.overrides]] {} of {}",
                n + 1,
                file.strip_prefix(root).unwrap_or(file).display()
            ),
            None => "[[lint.overrides]]".to_string(),
        };
        format!("{place} ({})", conditions.join(", "))
    }
}

fn parse_status(name: &str) -> Option<Status> {
    [
        Status::Draft,
        Status::Review,
        Status::Scheduled,
        Status::Published,
        Status::Retracted,
    ]
    .into_iter()
    .find(|status| status.as_str() == name)
}

/// The configurations of one run by combination of matching overrides, each resolved the
/// first time an article needs it and shared by every article with the same combination.
#[derive(Default)]
pub(crate) struct Variants {
    cache: Mutex<FxHashMap<Vec<usize>, Arc<Config>>>,
}

impl fmt::Debug for Variants {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Variants")
    }
}

impl Variants {
    /// The indices of `config`'s overrides that match the file at `path` (under `root`)
    /// with `desk` and `status`.
    pub(crate) fn matching(
        config: &Config,
        root: &Path,
        path: &Path,
        desk: Option<&str>,
        status: Option<Status>,
    ) -> Vec<usize> {
        let overrides = config.lint.overrides();
        if overrides.is_empty() {
            return Vec::new();
        }
        let relative = super::index::relative_key(root, path).unwrap_or_default();
        overrides
            .iter()
            .enumerate()
            .filter(|(_, found)| found.matches(&relative, desk, status))
            .map(|(i, _)| i)
            .collect()
    }

    /// The configuration for articles that the overrides `which` match; `None` when none
    /// does and `base` itself applies.
    pub(crate) fn config_for(&self, base: &Config, which: Vec<usize>) -> Option<Arc<Config>> {
        if which.is_empty() {
            return None;
        }
        // A poisoned lock only means another thread panicked mid-insert; the map is still
        // a valid cache.
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let config = cache.entry(which).or_insert_with_key(|which| {
            let mut config = base.clone();
            config.lint = base.lint.with_overrides(which);
            Arc::new(config)
        });
        Some(Arc::clone(config))
    }

    /// Applies each file's own settings to the corpus rules' findings (which ran with the
    /// top-level settings): an override that turns a rule off or changes its severity for
    /// an article does so for corpus findings in that article too.
    pub(crate) fn settle_corpus(
        &self,
        base: &Config,
        root: &Path,
        facts: &[ArticleFacts],
        corpus: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        if base.lint.overrides().is_empty() {
            return corpus;
        }
        let by_path: FxHashMap<&Path, &ArticleFacts> =
            facts.iter().map(|facts| (&*facts.path, facts)).collect();
        corpus
            .into_iter()
            .filter_map(|mut diagnostic| {
                let (desk, status) = by_path
                    .get(&*diagnostic.path)
                    .map_or((None, None), |facts| {
                        (facts.desk.as_deref(), Some(facts.status))
                    });
                let which = Variants::matching(base, root, &diagnostic.path, desk, status);
                let Some(config) = self.config_for(base, which) else {
                    return Some(diagnostic);
                };
                diagnostic.severity = config
                    .lint
                    .severity_of_code(diagnostic.code, diagnostic.severity)?;
                Some(diagnostic)
            })
            .collect()
    }
}
