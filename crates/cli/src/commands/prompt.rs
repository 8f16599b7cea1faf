//! Prompts for values missing from the command line, only when stdin is a terminal: CI and
//! scripts get an error naming the missing flag instead of a prompt that would hang.

use std::io::IsTerminal as _;

use anyhow::Context as _;

/// Whether prompting is allowed: stdin and stderr (where prompts draw) are terminals.
pub(crate) fn is_interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Asks for one line of text, again until it is not blank.
pub(crate) fn text(label: &str) -> anyhow::Result<String> {
    dialoguer::Input::<String>::new()
        .with_prompt(label)
        .validate_with(|value: &String| {
            if value.trim().is_empty() {
                Err("this cannot be empty")
            } else {
                Ok(())
            }
        })
        .interact_text()
        .with_context(|| format!("cannot read the {}", label.to_lowercase()))
}

/// The one id to use from `known`: the only one there is, or one picked from a list when
/// interactive; otherwise an error naming `flag` and the choices.
pub(crate) fn choose(kind: &str, flag: &str, known: &[String]) -> anyhow::Result<String> {
    match known {
        [] => anyhow::bail!("the newsroom has no {kind}s yet; add one first"),
        [only] => Ok(only.clone()),
        _ if is_interactive() => {
            let index = dialoguer::Select::new()
                .with_prompt(format!("{}{}", kind[..1].to_uppercase(), &kind[1..]))
                .items(known)
                .default(0)
                .interact()
                .with_context(|| format!("cannot read the {kind}"))?;
            Ok(known[index].clone())
        }
        _ => anyhow::bail!(
            "missing {flag}: the newsroom has several {kind}s ({}); pass one with {flag} ID",
            known.join(", ")
        ),
    }
}
