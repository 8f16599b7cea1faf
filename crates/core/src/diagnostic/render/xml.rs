//! What the XML reports (`junit`, `checkstyle`) share: text cleaned for XML 1.0 and written
//! visibly, and attribute values that keep their line breaks.
//!
//! XML 1.0 cannot carry most C0 controls even escaped, and U+FFFE and U+FFFF not at all.
//! Rather than dropping them (as the feed exporter does for published text), a report writes
//! them as `\u{…}`, the form every other format uses, so a reader sees that the article holds
//! one. Element text and attribute values are then escaped by quick-xml.

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, Event};

use super::escape_controls;

/// `text` with every character XML 1.0 cannot carry (and every control character but tab
/// and newline) written as `\u{…}`.
pub(super) fn visible(text: &str) -> Cow<'_, str> {
    let escaped = escape_controls(text);
    if !escaped.contains(['\u{FFFE}', '\u{FFFF}']) {
        return escaped;
    }
    Cow::Owned(
        escaped
            .replace('\u{FFFE}', "\\u{fffe}")
            .replace('\u{FFFF}', "\\u{ffff}"),
    )
}

/// An attribute whose value is [`visible`] and escaped, with tab and line feed written as
/// character references: a parser turns raw ones into spaces (attribute-value normalization).
pub(super) fn attribute<'a>(key: &'a str, value: &str) -> Attribute<'a> {
    let escaped = quick_xml::escape::escape(visible(value).into_owned())
        .replace('\n', "&#10;")
        .replace('\t', "&#9;");
    Attribute {
        key: quick_xml::name::QName(key),
        value: Cow::Owned(escaped),
    }
}

/// A writer indenting by two spaces, after the XML declaration.
pub(super) fn writer(out: &mut dyn Write) -> io::Result<Writer<&mut dyn Write>> {
    let mut writer = Writer::new_with_indent(out, b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    Ok(writer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_cannot_carry_are_written_visibly() {
        assert_eq!(
            visible("a\u{1b}b\u{FFFE}\u{FFFF}\tc\n"),
            "a\\u{1b}b\\u{fffe}\\u{ffff}\tc\n"
        );
        assert!(matches!(visible("plain <&>"), Cow::Borrowed(_)));
    }

    #[test]
    fn attribute_values_keep_line_breaks_and_tabs() {
        let attribute = attribute("message", "a <b>\n\t\"c\" & \u{7}");
        assert_eq!(
            attribute.value,
            "a &lt;b&gt;&#10;&#9;&quot;c&quot; &amp; \\u{7}"
        );
    }
}
