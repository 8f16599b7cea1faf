//! "Did you mean" suggestions for misspelt keys, codes and ids.

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

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn finds_plausible_typos_only() {
        let keys = ["published", "updated", "title"];
        assert_eq!(nearest("publshed", keys), Some("published"));
        assert_eq!(nearest("Titel", keys), Some("title"));
        assert_eq!(nearest("zzz", keys), None);
    }
}
