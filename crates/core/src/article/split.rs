//! Splits a file into BOM, `+++` delimiters, TOML front matter and body, as byte ranges.

use super::model::Layout;
use crate::diagnostic::Span;

/// Why a file has no usable front matter block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SplitError {
    /// The file does not start with a `+++` line (`yaml` is set when it starts with `---`).
    Missing { yaml: bool, span: Span },
    /// The opening `+++` has no closing partner.
    Unterminated { open: Span },
}

/// Lines of `text` from `start`, each as (content span without the line ending, full span).
fn lines_from(text: &str, start: usize) -> impl Iterator<Item = (Span, Span)> + '_ {
    let mut offset = start;
    std::iter::from_fn(move || {
        if offset >= text.len() {
            return None;
        }
        let rest = &text[offset..];
        let (content_len, full_len) = match rest.find('\n') {
            Some(newline) => {
                let content = if rest[..newline].ends_with('\r') {
                    newline - 1
                } else {
                    newline
                };
                (content, newline + 1)
            }
            None => (rest.len(), rest.len()),
        };
        let line = (
            Span::new(offset, offset + content_len),
            Span::new(offset, offset + full_len),
        );
        offset += full_len;
        Some(line)
    })
}

fn is_delimiter(text: &str, line: Span, delimiter: &str) -> bool {
    text[line.start..line.end].trim_end() == delimiter
}

/// Finds the front matter block.
pub(crate) fn split(text: &str) -> Result<Layout, SplitError> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = lines_from(text, bom);
    let Some((open_content, open_full)) = lines.next() else {
        return Err(SplitError::Missing {
            yaml: false,
            span: Span::at(bom),
        });
    };
    if !is_delimiter(text, open_content, "+++") {
        return Err(SplitError::Missing {
            yaml: is_delimiter(text, open_content, "---"),
            span: open_content,
        });
    }
    for (content, full) in lines {
        if is_delimiter(text, content, "+++") {
            return Ok(Layout {
                bom,
                open_delimiter: open_content,
                front_matter: Span::new(open_full.end, full.start),
                close_delimiter: content,
                body: Span::new(full.end, text.len()),
            });
        }
    }
    Err(SplitError::Unterminated { open: open_content })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_bom_and_crlf() {
        let text = "\u{feff}+++\r\ntitle = \"x\"\r\n+++\r\nBody\r\n";
        let layout = split(text).expect("valid block");
        assert_eq!(layout.bom, 3);
        assert_eq!(
            &text[layout.front_matter.start..layout.front_matter.end],
            "title = \"x\"\r\n"
        );
        assert_eq!(&text[layout.body.start..layout.body.end], "Body\r\n");
        assert_eq!(
            &text[layout.close_delimiter.start..layout.close_delimiter.end],
            "+++"
        );
    }

    #[test]
    fn reports_missing_yaml_and_unterminated() {
        assert!(matches!(
            split("# Hi\n"),
            Err(SplitError::Missing { yaml: false, .. })
        ));
        assert!(matches!(
            split("---\ntitle: x\n---\n"),
            Err(SplitError::Missing { yaml: true, .. })
        ));
        assert!(matches!(split(""), Err(SplitError::Missing { .. })));
        assert_eq!(
            split("+++\ntitle = \"x\"\n"),
            Err(SplitError::Unterminated {
                open: Span::new(0, 3)
            })
        );
    }

    #[test]
    fn empty_front_matter_and_no_body() {
        let layout = split("+++\n+++").expect("valid block");
        assert!(layout.front_matter.is_empty());
        assert!(layout.body.is_empty());
    }
}
