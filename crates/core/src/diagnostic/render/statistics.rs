//! `copydesk lint --statistics`: how many findings each rule made and how many of them
//! `--fix` would fix, as an aligned table or JSON, most frequent first (ruff's
//! `--statistics` is the model).
//!
//! "Fixable" counts findings with a safe fix, the ones `copydesk lint --fix` applies; unsafe
//! fixes are only ever shown.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{LintReport, escape_controls};
use crate::diagnostic::{Applicability, RuleCode};

/// Findings per rule code.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
#[non_exhaustive]
pub struct Statistics {
    /// One row per code that has findings, most findings first, then by code.
    pub rows: Vec<StatisticsRow>,
}

/// The findings of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct StatisticsRow {
    /// Rule code, e.g. `FM003`.
    pub code: RuleCode,
    /// Rule name, e.g. `invalid-value`.
    pub name: &'static str,
    /// How many findings it made.
    pub count: usize,
    /// How many of them have a safe fix (what `--fix` applies).
    pub fixable: usize,
}

impl Statistics {
    /// Counts the findings of `report` per code.
    pub fn new(report: &LintReport) -> Statistics {
        let mut by_code: BTreeMap<RuleCode, StatisticsRow> = BTreeMap::new();
        for diagnostic in &report.diagnostics {
            let row = by_code
                .entry(diagnostic.code)
                .or_insert_with(|| StatisticsRow {
                    code: diagnostic.code,
                    name: diagnostic.name,
                    count: 0,
                    fixable: 0,
                });
            row.count += 1;
            if diagnostic
                .fix
                .as_ref()
                .is_some_and(|fix| fix.applicability == Applicability::Safe)
            {
                row.fixable += 1;
            }
        }
        let mut rows: Vec<StatisticsRow> = by_code.into_values().collect();
        // Stable: equal counts stay in code order.
        rows.sort_by_key(|row| std::cmp::Reverse(row.count));
        Statistics { rows }
    }

    /// Writes the table: `code`, `name`, `count` and `fixable` columns under a header, or
    /// nothing at all when there are no findings.
    pub fn render_text(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let width = |header: &str, cells: &mut dyn Iterator<Item = usize>| {
            cells.max().unwrap_or(0).max(header.len())
        };
        let code = width("code", &mut self.rows.iter().map(|r| r.code.as_str().len()));
        let name = width("name", &mut self.rows.iter().map(|r| r.name.len()));
        let count = width("count", &mut self.rows.iter().map(|r| digits(r.count)));
        let fixable = width("fixable", &mut self.rows.iter().map(|r| digits(r.fixable)));
        writeln!(
            out,
            "{:<code$}  {:<name$}  {:>count$}  {:>fixable$}",
            "code", "name", "count", "fixable"
        )?;
        for row in &self.rows {
            writeln!(
                out,
                "{:<code$}  {:<name$}  {:>count$}  {:>fixable$}",
                row.code.as_str(),
                escape_controls(row.name),
                row.count,
                row.fixable
            )?;
        }
        Ok(())
    }

    /// Writes the rows as a JSON array of `{code, name, count, fixable}` objects.
    pub fn render_json(&self, out: &mut dyn Write) -> io::Result<()> {
        super::escape::write_json(out, self)?;
        writeln!(out)
    }
}

fn digits(n: usize) -> usize {
    n.to_string().len()
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::{Diagnostic, Edit, Fix, Span};
    use crate::lint::RULES;

    fn finding(rule: usize, fix: Option<Applicability>) -> Diagnostic {
        let diagnostic = Diagnostic::new(
            &RULES[rule],
            Arc::from(Path::new("a.md")),
            Span::at(rule),
            "found",
        );
        match fix {
            Some(applicability) => diagnostic.with_fix(Fix {
                title: "fix it".into(),
                applicability,
                edits: vec![Edit {
                    span: Span::at(0),
                    replacement: String::new(),
                }],
            }),
            None => diagnostic,
        }
    }

    #[test]
    fn counts_per_code_most_frequent_first_with_safe_fixes() {
        let report = LintReport::new(
            vec![
                finding(0, None),
                finding(1, Some(Applicability::Safe)),
                finding(1, Some(Applicability::Unsafe)),
                finding(1, None),
                finding(2, None),
            ],
            crate::SourceMap::new(),
            1,
        );
        let statistics = Statistics::new(&report);
        let rows: Vec<(&str, usize, usize)> = statistics
            .rows
            .iter()
            .map(|r| (r.code.as_str(), r.count, r.fixable))
            .collect();
        assert_eq!(
            rows,
            [
                (RULES[1].code.as_str(), 3, 1),
                (RULES[0].code.as_str(), 1, 0),
                (RULES[2].code.as_str(), 1, 0),
            ]
        );
        let mut text = Vec::new();
        statistics.render_text(&mut text).expect("writes");
        let text = String::from_utf8(text).expect("utf-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[0].starts_with("code ") && lines[0].ends_with("count  fixable"));
        assert!(lines[1].starts_with(RULES[1].code.as_str()) && lines[1].ends_with("3        1"));
    }

    #[test]
    fn no_findings_print_nothing_as_text_and_an_empty_array_as_json() {
        let statistics = Statistics::new(&LintReport::default());
        let mut text = Vec::new();
        statistics.render_text(&mut text).expect("writes");
        assert!(text.is_empty());
        let mut json = Vec::new();
        statistics.render_json(&mut json).expect("writes");
        assert_eq!(String::from_utf8(json).expect("utf-8"), "[]\n");
    }
}
