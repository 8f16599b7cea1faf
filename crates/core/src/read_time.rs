//! Read-time estimates: prose words, CJK characters and images, as SPEC section 1 defines them.
//!
//! Words are Unicode words of the prose (headings, paragraphs, lists, quotes, tables); code is
//! skipped unless `count_code`. Han, Hiragana, Katakana and Hangul are counted per character
//! at their own rate because word segmentation does not apply to them.
//!
//! The API is [`ReadTime::estimate_markdown`] with the rates of a newsroom's `[read_time]`.
//!
//! ```
//! use copydesk::{ReadTime, ReadTimeSettings};
//!
//! let body = "word ".repeat(400);
//! let settings = ReadTimeSettings::default();
//! let estimate = ReadTime::estimate_markdown(&body, &settings);
//! assert_eq!(estimate.words, 400);
//! assert_eq!(estimate.minutes, 400_u32.div_ceil(settings.words_per_minute));
//! ```

use comrak::nodes::{AstNode, NodeValue};
use serde::Serialize;

/// Reading rates, from `[read_time]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReadTimeSettings {
    /// Prose words per minute (default 200).
    pub words_per_minute: u32,
    /// CJK characters per minute (default 500).
    pub cjk_characters_per_minute: u32,
    /// Seconds for the first image; each next one gets a second less, never under 3; 0 = off.
    pub image_seconds: u32,
    /// Count code blocks as prose.
    pub count_code: bool,
}

impl Default for ReadTimeSettings {
    fn default() -> Self {
        ReadTimeSettings {
            words_per_minute: 200,
            cjk_characters_per_minute: 500,
            image_seconds: 12,
            count_code: false,
        }
    }
}

/// An estimate of how long an article takes to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub struct ReadTime {
    /// Whole minutes, rounded up, at least 1 (or the manual override).
    pub minutes: u32,
    /// Prose words, CJK excluded.
    pub words: usize,
    /// Han, Hiragana, Katakana and Hangul characters.
    pub cjk_characters: usize,
    /// Images in the body.
    pub images: usize,
}

/// Whether `c` is read per character: Han, Hiragana, Katakana or Hangul.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x309F     // Hiragana
        | 0x30A0..=0x30FF   // Katakana
        | 0x31F0..=0x31FF   // Katakana phonetic extensions
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0xFF66..=0xFF9D   // half-width Katakana
        | 0x1100..=0x11FF   // Hangul Jamo
        | 0x3130..=0x318F   // Hangul compatibility Jamo
        | 0xAC00..=0xD7AF   // Hangul syllables
        | 0x20000..=0x3134F // CJK extensions B to G
    )
}

/// Word and character counts of a piece of prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct TextCount {
    /// Unicode words outside CJK runs.
    pub(crate) words: usize,
    /// CJK characters.
    pub(crate) cjk_characters: usize,
}

impl TextCount {
    /// Counts `text`.
    pub(crate) fn of(text: &str) -> TextCount {
        let cjk_characters = if text.is_ascii() {
            0
        } else {
            text.chars().filter(|c| is_cjk(*c)).count()
        };
        let words = if cjk_characters == 0 {
            crate::text::count(text)
        } else {
            // CJK characters separate the surrounding words instead of joining them.
            text.split(is_cjk).map(crate::text::count).sum()
        };
        TextCount {
            words,
            cjk_characters,
        }
    }

    fn add(&mut self, other: TextCount) {
        self.words += other.words;
        self.cjk_characters += other.cjk_characters;
    }
}

impl ReadTime {
    /// Estimates the read time of a parsed Markdown body.
    pub(crate) fn estimate<'a>(root: &'a AstNode<'a>, settings: &ReadTimeSettings) -> ReadTime {
        let mut count = TextCount::default();
        let mut images = 0;
        let mut block_text = String::new();
        for node in root.descendants() {
            let data = node.data.borrow();
            match &data.value {
                NodeValue::Paragraph | NodeValue::Heading(_) | NodeValue::TableCell => {
                    block_text.clear();
                    collect_inline_text(node, &mut block_text);
                    count.add(TextCount::of(&block_text));
                }
                NodeValue::CodeBlock(code) if settings.count_code => {
                    count.add(TextCount::of(&code.literal));
                }
                NodeValue::Image(_) => images += 1,
                _ => {}
            }
        }
        ReadTime::from_counts(count, images, settings)
    }

    /// Parses `markdown` and estimates it (convenience for callers without a tree).
    pub fn estimate_markdown(markdown: &str, settings: &ReadTimeSettings) -> ReadTime {
        let arena = comrak::Arena::new();
        let root = crate::markdown::parse(&arena, markdown);
        ReadTime::estimate(root, settings)
    }

    /// Combines counts into minutes.
    pub(crate) fn from_counts(
        count: TextCount,
        images: usize,
        settings: &ReadTimeSettings,
    ) -> ReadTime {
        let seconds = count.words as f64 * 60.0 / f64::from(settings.words_per_minute.max(1))
            + count.cjk_characters as f64 * 60.0
                / f64::from(settings.cjk_characters_per_minute.max(1))
            + image_seconds(images, settings.image_seconds) as f64;
        let minutes = (seconds / 60.0).ceil().max(1.0) as u32;
        ReadTime {
            minutes,
            words: count.words,
            cjk_characters: count.cjk_characters,
            images,
        }
    }

    /// This estimate with a manual override of the minutes, when one is given.
    #[must_use]
    pub fn with_override(mut self, minutes: Option<u32>) -> ReadTime {
        if let Some(minutes) = minutes {
            self.minutes = minutes;
        }
        self
    }
}

/// 12 s for the first image, 11 s for the second, … never under 3 s (as Medium counts them).
fn image_seconds(images: usize, first: u32) -> u64 {
    if first == 0 {
        return 0;
    }
    (0..images)
        .map(|i| {
            u64::from(
                first
                    .saturating_sub(u32::try_from(i).unwrap_or(u32::MAX))
                    .max(3),
            )
        })
        .sum()
}

/// Appends the text a reader reads in an inline subtree (links and emphasis included,
/// inline code only as its literal, image alt text skipped).
pub(crate) fn collect_inline_text<'a>(node: &'a AstNode<'a>, out: &mut String) {
    for child in node.children() {
        let data = child.data.borrow();
        match &data.value {
            NodeValue::Text(text) => out.push_str(text),
            NodeValue::Code(code) => out.push_str(&code.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            NodeValue::Image(_) | NodeValue::FootnoteReference(_) => {}
            _ => {
                drop(data);
                collect_inline_text(child, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn estimate(markdown: &str, settings: &ReadTimeSettings) -> ReadTime {
        ReadTime::estimate_markdown(markdown, settings)
    }

    #[test]
    fn words_at_default_rate_round_up() {
        let body = "word ".repeat(1021);
        let time = estimate(&body, &ReadTimeSettings::default());
        assert_eq!((time.minutes, time.words), (6, 1021));
        assert_eq!(estimate("", &ReadTimeSettings::default()).minutes, 1);
    }

    #[test]
    fn japanese_counts_characters() {
        let body = "東京は日本の首都です。人口は約千四百万人です。";
        let time = estimate(body, &ReadTimeSettings::default());
        assert_eq!(time.cjk_characters, 21);
        assert_eq!(time.words, 0);
        let mixed = estimate("OpenAIは東京で発表した", &ReadTimeSettings::default());
        assert_eq!((mixed.words, mixed.cjk_characters), (1, 8));
    }

    #[test]
    fn code_is_excluded_unless_counted() {
        let body = "One two three.\n\n```\nlet a = b + c;\nlet d = e;\n```\n";
        assert_eq!(estimate(body, &ReadTimeSettings::default()).words, 3);
        let settings = ReadTimeSettings {
            count_code: true,
            ..ReadTimeSettings::default()
        };
        assert_eq!(estimate(body, &settings).words, 3 + 7);
    }

    #[test]
    fn images_add_decreasing_seconds() {
        assert_eq!(image_seconds(1, 12), 12);
        assert_eq!(image_seconds(3, 12), 12 + 11 + 10);
        assert_eq!(image_seconds(12, 12), (3..=12).sum::<u64>() + 3 * 2);
        assert_eq!(image_seconds(5, 0), 0);
        let body = "![a](a.jpg) ![b](b.jpg)\n\n".to_string() + &"word ".repeat(190);
        let time = estimate(&body, &ReadTimeSettings::default());
        assert_eq!(time.images, 2);
        // 190 words = 57 s, plus 23 s of images, is over a minute.
        assert_eq!(time.minutes, 2);
    }

    #[test]
    fn override_wins() {
        let time = estimate("short", &ReadTimeSettings::default()).with_override(Some(9));
        assert_eq!(time.minutes, 9);
    }
}
