//! "Did you mean" suggestions for misspelt keys, codes and ids: which candidate is close
//! ([`nearest`]) and how a suggestion is worded ([`did_you_mean`]), for every message that
//! makes one.

/// The candidate closest to `input`, if any is close enough to be a plausible typo.
pub(crate) fn nearest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::jaro_winkler(&input_lower, &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

/// The wording of every suggestion: "did you mean `best`?". Callers put it after their own
/// message with their own separator.
pub(crate) fn did_you_mean(best: &str) -> String {
    format!("did you mean `{best}`?")
}

/// [`did_you_mean`] for a rule, which also names what the code stands for:
/// "did you mean `FM002` (unknown-field)?".
pub(crate) fn did_you_mean_rule(rule: &crate::lint::RuleMeta) -> String {
    format!("did you mean `{}` ({})?", rule.code, rule.name)
}

#[cfg(test)]
mod tests {
    use super::{did_you_mean, nearest};

    #[test]
    fn one_wording() {
        assert_eq!(did_you_mean("title"), "did you mean `title`?");
        let rule = crate::lint::find("FM002").expect("FM002 exists");
        assert_eq!(
            super::did_you_mean_rule(rule),
            "did you mean `FM002` (unknown-field)?"
        );
    }

    #[test]
    fn finds_plausible_typos_only() {
        let keys = ["published", "updated", "title"];
        assert_eq!(nearest("publshed", keys), Some("published"));
        assert_eq!(nearest("Titel", keys), Some("title"));
        assert_eq!(nearest("zzz", keys), None);
    }
}
