//! `copydesk rule`: rule documentation from the registry.

use std::io::Write as _;

use copydesk::lint::{FixAvailability, RULES, find, unknown_rule_hint};

use crate::Status;
use crate::args::{RuleArgs, RuleFormat};

pub(crate) fn run(args: &RuleArgs) -> anyhow::Result<Status> {
    let mut out = std::io::stdout().lock();
    if args.all && args.format == RuleFormat::Json {
        // RuleMeta's serde shape (code, name, severity, fix, scope, status, since, summary).
        serde_json::to_writer_pretty(&mut out, RULES)?;
        writeln!(out)?;
        return Ok(Status::Clean);
    }
    if args.all {
        let header = ["code", "name", "severity", "fix", "summary"];
        writeln!(
            out,
            "{:<6} {:<28} {:<8} {:<9} {}",
            header[0], header[1], header[2], header[3], header[4]
        )?;
        for rule in RULES {
            let fix = match rule.fix {
                FixAvailability::None => "",
                FixAvailability::Sometimes => "sometimes",
                FixAvailability::Always => "yes",
            };
            writeln!(
                out,
                "{:<6} {:<28} {:<8} {fix:<9} {}",
                rule.code,
                rule.name,
                rule.severity.as_str(),
                rule.summary
            )?;
        }
        return Ok(Status::Clean);
    }
    let wanted = args.rule.as_deref().unwrap_or_default();
    let Some(rule) = find(wanted) else {
        let hint = unknown_rule_hint(wanted);
        anyhow::bail!("no rule `{wanted}`{hint}\n  help: `copydesk rule --all` lists every rule");
    };
    writeln!(
        out,
        "# {} {} ({}, default {})\n",
        rule.code, rule.name, rule.summary, rule.severity
    )?;
    write!(out, "{}", rule.documentation())?;
    Ok(Status::Clean)
}
