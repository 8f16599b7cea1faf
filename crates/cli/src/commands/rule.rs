//! `copydesk rule`: rule documentation from the registry.

use std::io::Write as _;

use copydesk::lint::{FixAvailability, RULES, find};

use crate::Status;
use crate::args::RuleArgs;

pub(crate) fn run(args: &RuleArgs) -> anyhow::Result<Status> {
    let mut out = std::io::stdout().lock();
    if args.all {
        writeln!(out, "{:<6} {:<28} {:<8} fix", "code", "name", "severity")?;
        for rule in RULES {
            let fix = match rule.fix {
                FixAvailability::None => "",
                FixAvailability::Sometimes => "sometimes",
                FixAvailability::Always => "yes",
            };
            writeln!(
                out,
                "{:<6} {:<28} {:<8} {fix}",
                rule.code,
                rule.name,
                rule.severity.as_str()
            )?;
        }
        return Ok(Status::Clean);
    }
    let wanted = args.rule.as_deref().unwrap_or_default();
    let Some(rule) = find(wanted) else {
        anyhow::bail!("no rule `{wanted}`; `copydesk rule --all` lists them");
    };
    writeln!(
        out,
        "# {} {} ({}, default {})\n",
        rule.code, rule.name, rule.summary, rule.severity
    )?;
    write!(out, "{}", rule.documentation())?;
    Ok(Status::Clean)
}
