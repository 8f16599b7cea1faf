use std::ops::Range;
use std::sync::LazyLock;

use chrono::Datelike;

use crate::article::Article;
use crate::lint::LintContext;
use crate::lint::rule::declare_rule;
use crate::lint::rules::prose::{self, PhraseSet};

declare_rule! {
    /// ## What it does
    /// Reports a forecast about a year that was already over when the article was
    /// published: a sentence with forward-looking wording ("expected to", "will", "is set
    /// to", "projected", "forecast", "predicted to", "is poised to") about a year earlier
    /// than the year of `published`, and any "by <year>" with such a year. The years a
    /// forecast is about are those after the wording ("will reach $2 billion in 2025") or
    /// opening the sentence ("In 2025, sales are expected to …"); if any of them is not yet
    /// past, the forecast is current. A year elsewhere before the wording is background
    /// ("the partnership, announced in 2019, will remain") and is not reported. A
    /// "by <year>" in a sentence written in the past ("by 2019 it had invested") is
    /// history, not a forecast, and is not reported unless the sentence also looks ahead
    /// and that year is its latest; neither is a past-tense statement
    /// about a past year ("In 2019, Microsoft invested"). Articles without `published`
    /// are not checked.
    ///
    /// The span is the "by <year>" phrase or the year. The rule runs on English articles
    /// only (the article's `language`, else `site.language`): its wording lists are English.
    ///
    /// ## Why is this bad?
    /// "The market is expected to reach $21 billion by 2025" in a 2026 article tells the
    /// reader a prediction whose outcome is already known. Either the copy was recycled from
    /// an old story or the forecast was never checked.
    ///
    /// ## Example
    /// ```markdown
    /// +++
    /// published = 2026-05-06T14:25:00Z
    /// +++
    ///
    /// The cloud AI market is expected to grow to $21.1 billion by 2025.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// +++
    /// published = 2026-05-06T14:25:00Z
    /// +++
    ///
    /// A 2020 forecast put the cloud AI market at $21.1 billion in 2025; it reached
    /// $19 billion.
    /// ```
    pub(crate) struct StaleForecast {
        code: "ED004",
        name: "stale-forecast",
        severity: Warning,
        fix: None,
        scope: Article,
        summary: "forward-looking wording about a year already past at `published`",
        check: check_stale_forecast,
    }
}

const CUES: &[&str] = &[
    "expected to",
    "will",
    "is set to",
    "are set to",
    "projected",
    "projects",
    "forecast",
    "forecasts",
    "predicted to",
    "is poised to",
    "are poised to",
];

/// Words that put a "by <year>" sentence in the past.
const PAST_MARKERS: &[&str] = &["had", "was", "were", "did"];

/// [`CUES`] then [`PAST_MARKERS`], to find both in one pass.
static WORDING: LazyLock<PhraseSet> =
    LazyLock::new(|| PhraseSet::new(&[CUES, PAST_MARKERS].concat()));

/// The languages whose wording the rule knows; articles in others are skipped.
const LANGUAGES: &[&str] = &["en"];

pub(crate) fn check_stale_forecast(ctx: &LintContext<'_>, article: &Article) {
    if !prose::is_in_language(ctx, LANGUAGES) {
        return;
    }
    let Some(published) = article.published else {
        return;
    };
    let published_year = published.year();
    for paragraph in prose::paragraphs(ctx) {
        // Only a sentence with a year can be a stale forecast.
        if years(&paragraph.text).is_empty() {
            continue;
        }
        for sentence in prose::sentences(&paragraph.text) {
            let text = &paragraph.text[sentence.clone()];
            if let Some((range, year)) = stale(text, published_year) {
                let range = sentence.start + range.start..sentence.start + range.end;
                ctx.push(
                    ctx.diagnostic(
                        &StaleForecast::META,
                        paragraph.span_of(range),
                        format!("forecast about {year}, which was past when the article was published in {published_year}"),
                    )
                    .with_help("report what happened, or date the forecast (\"a 2020 report projected …\")"),
                );
            }
        }
    }
}

/// The stale part of one sentence and its year, if the sentence forecasts a past year.
fn stale(sentence: &str, published_year: i32) -> Option<(Range<usize>, i32)> {
    let years = years(sentence);
    let latest = years.iter().map(|(_, year)| *year).max()?;
    let found = crate::text::Folded::new(sentence).find_any(&WORDING);
    // Where the first forward-looking cue starts, if any.
    let cue_at = found
        .iter()
        .filter(|(id, _)| *id < CUES.len())
        .map(|(_, range)| range.start)
        .min();
    let in_past = found.iter().any(|(id, _)| *id >= CUES.len());
    for (range, year) in &years {
        let before = sentence[..range.start].trim_end();
        let by_at = before.len().checked_sub(2).filter(|&at| {
            before
                .get(at..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case("by"))
                && before[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        });
        if let Some(at) = by_at
            && *year < published_year
            && (!in_past || (cue_at.is_some() && *year == latest))
        {
            return Some((at..range.end, *year));
        }
    }
    let cue_at = cue_at?;
    // The years the forecast is about: after the cue, or opening the sentence ("In 2025,
    // sales are expected to …"). A year before the cue elsewhere is background ("the
    // partnership, announced in 2019, will remain").
    let about: Vec<_> = years
        .into_iter()
        .filter(|(range, _)| {
            range.start > cue_at || {
                let before = sentence[..range.start].trim();
                before.is_empty()
                    || ["in", "for", "during", "through"]
                        .iter()
                        .any(|w| before.eq_ignore_ascii_case(w))
            }
        })
        .collect();
    let (range, year) = about.into_iter().max_by_key(|(_, year)| *year)?;
    (year < published_year).then_some((range, year))
}

/// Four-digit years from 1900 to 2099 in `text`; not amounts ("$2025"), percentages or
/// parts of longer numbers.
fn years(text: &str) -> Vec<(Range<usize>, i32)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // A year from 1900 to 2099 is a run of digits starting with 1 or 2: look only there.
    for start in memchr::memchr2_iter(b'1', b'2', bytes) {
        if start > 0 && bytes[start - 1].is_ascii_digit() {
            continue;
        }
        let i = start
            + bytes[start..]
                .iter()
                .take_while(|byte| byte.is_ascii_digit())
                .count();
        if i - start != 4 {
            continue;
        }
        let before = text[..start].chars().next_back();
        let after = text[i..].chars().next();
        let after_next = text[i..].chars().nth(1);
        let is_number_part = before
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '$' | '€' | '£' | '#' | '.' | ','))
            || after.is_some_and(|c| c.is_alphanumeric() || c == '%')
            || (matches!(after, Some('.' | ',')) && after_next.is_some_and(|c| c.is_ascii_digit()));
        if !is_number_part
            && let Ok(year) = text[start..i].parse::<i32>()
            && (1900..2100).contains(&year)
        {
            out.push((start..i, year));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(sentence: &str) -> Option<&str> {
        stale(sentence, 2026).map(|(range, _)| &sentence[range])
    }

    #[test]
    fn forecasts_of_past_years_are_stale() {
        assert_eq!(
            flagged(
                "The market is expected to grow from $4.2 billion in 2020 to $21.1 billion by 2025, at 38.1%."
            ),
            Some("by 2025")
        );
        assert_eq!(
            flagged("By 2025, 80% of data centers will be using it."),
            Some("By 2025")
        );
        assert_eq!(flagged("Sales are set to double in 2024."), Some("2024"));
        assert_eq!(
            flagged("In 2025, sales are expected to double."),
            Some("2025")
        );
    }

    #[test]
    fn history_and_future_are_not() {
        assert_eq!(flagged("In 2019, Microsoft invested $1 billion."), None);
        assert_eq!(flagged("By 2019, Microsoft had invested $1 billion."), None);
        assert_eq!(flagged("The market is expected to double by 2028."), None);
        assert_eq!(flagged("Revenue will pass $2025 million."), None);
        assert_eq!(flagged("It fell in 2024 and will recover in 2027."), None);
        assert_eq!(
            flagged("The partnership, announced in 2019, will remain."),
            None
        );
        assert_eq!(
            flagged("It is expected to grow from 2020 levels by 2028."),
            None
        );
        assert_eq!(
            flagged("By 2023 it had grown, and it is expected to double by 2028."),
            None
        );
    }
}
