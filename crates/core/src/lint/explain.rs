//! `copydesk config [FILE]`: the lint settings in force for one file, and which configuration
//! file or `[[lint.overrides]]` table set each of them.
//!
//! Resolution itself is [`super::settings`] (top level) and [`super::overrides`] (per path);
//! this module only retraces it with the origin of every decision, for people.

use std::path::{Path, PathBuf};

use super::overrides::{RuleOrigin, Variants};
use super::registry::RULES;
use super::settings::RuleLevel;
use crate::article::{Article, Status};
use crate::config::Config;
use crate::diagnostic::{RuleCode, Severity};

/// The lint settings in force for one file.
///
/// # Example
///
/// ```
/// use std::path::Path;
/// use copydesk::Config;
/// use copydesk::lint::EffectiveSettings;
///
/// let text = "[lint]\nignore = [\"ED006\"]\n[[lint.overrides]]\npaths = [\"articles/opinion/**\"]\nignore = [\"ED003\"]\n";
/// let config = Config::parse(Path::new("copydesk.toml"), text)?;
/// let settings = EffectiveSettings::for_file(&config, Path::new(""), Path::new("articles/opinion/a.md"), None);
/// let ed003 = settings.rules.iter().find(|r| r.code.as_str() == "ED003").expect("every rule is listed");
/// assert_eq!(ed003.severity, None);
/// assert!(ed003.origin.contains("[[lint.overrides]] 1"));
/// # Ok::<(), copydesk::ConfigError>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EffectiveSettings {
    /// The configuration files, the newsroom's first, then each file it extends.
    pub files: Vec<PathBuf>,
    /// The overrides that match the file, in the order they apply, as `copydesk config`
    /// names them.
    pub overrides: Vec<String>,
    /// Every rule's setting, in code-table order.
    pub rules: Vec<RuleSetting>,
    /// The written options in force, by code, as TOML inline tables, with their origin.
    pub options: Vec<(RuleCode, String, String)>,
    /// The baseline file and the configuration file that named it.
    pub baseline: Option<(PathBuf, PathBuf)>,
}

/// One rule's setting for a file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RuleSetting {
    /// The code.
    pub code: RuleCode,
    /// The kebab-case name.
    pub name: &'static str,
    /// The severity it reports at; `None` when it is off.
    pub severity: Option<Severity>,
    /// What set it: `default`, a key and its file, or an override.
    pub origin: String,
}

impl EffectiveSettings {
    /// The settings for `path` (a file of the newsroom at `root`, which need not exist; an
    /// absolute path or one relative to the root) with `article` read from it, whose desk
    /// and status the overrides may match. Without a path, the top-level settings.
    pub fn for_file(
        config: &Config,
        root: &Path,
        path: &Path,
        article: Option<&Article>,
    ) -> EffectiveSettings {
        let absolute = if path.is_absolute() || root.as_os_str().is_empty() {
            path.to_path_buf()
        } else {
            root.join(path)
        };
        let (desk, status): (Option<&str>, Option<Status>) =
            article.map_or((None, None), |a| (a.desk.as_deref(), Some(a.status)));
        let which = if path.as_os_str().is_empty() {
            Vec::new()
        } else {
            Variants::matching(config, root, &absolute, desk, status)
        };
        let lint = &config.lint;
        let overrides = lint.overrides();
        let top = lint.top_level_states();
        let severities = lint.severities();
        let rules = RULES
            .iter()
            .zip(top)
            .map(|(rule, (mut level, mut origin))| {
                for &i in &which {
                    let (next, named) = overrides[i].apply(rule, level, severities);
                    if named {
                        level = next;
                        origin = RuleOrigin::Override(i);
                    }
                }
                let severity = level.map(|level| match level {
                    RuleLevel::AsReported => rule.severity,
                    RuleLevel::Override(severity) => severity,
                });
                RuleSetting {
                    code: rule.code,
                    name: rule.name,
                    severity,
                    origin: describe(config, root, &origin),
                }
            })
            .collect();
        let mut options: Vec<(RuleCode, String, String)> = Vec::new();
        for rule in RULES {
            let code = rule.code.as_str();
            let mut found = lint.written_options().get(code).map(|table| {
                let key = format!("lint.options.{code}");
                (table, describe(config, root, &RuleOrigin::Key(key)))
            });
            for &i in &which {
                if let Some(table) = overrides[i].options.get(code) {
                    found = Some((table, describe(config, root, &RuleOrigin::Override(i))));
                }
            }
            if let Some((table, origin)) = found {
                options.push((rule.code, inline(table), origin));
            }
        }
        EffectiveSettings {
            files: config.files.clone(),
            overrides: which.iter().map(|&i| overrides[i].label(root)).collect(),
            rules,
            options,
            baseline: config.baseline.clone().map(|baseline| {
                let origin = config.origin_of("lint.baseline").unwrap_or(Path::new(""));
                (baseline, origin.to_path_buf())
            }),
        }
    }
}

/// How `origin` reads in `copydesk config`.
fn describe(config: &Config, root: &Path, origin: &RuleOrigin) -> String {
    match origin {
        RuleOrigin::Key(key) => match config.origin_of(key) {
            Some(file) => format!(
                "{key} in {}",
                file.strip_prefix(root).unwrap_or(file).display()
            ),
            None => "default".to_string(),
        },
        RuleOrigin::Override(i) => config.lint.overrides()[*i].label(root),
    }
}

/// A rule's options table as a TOML inline table, keys sorted.
fn inline(table: &toml::Table) -> String {
    let fields: Vec<String> = table
        .iter()
        .map(|(key, value)| format!("{key} = {value}"))
        .collect();
    format!("{{ {} }}", fields.join(", "))
}
