//! A problem in a pack file, located the way an editor counts.

use std::fmt;
use std::ops::Range;

/// One problem, printed as `file:line:col: message`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters (a Chinese character counts as one).
    pub col: usize,
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at byte `offset` of `text`, the contents of `file`.
    pub fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, col) = line_col(text, offset);
        Diagnostic { file: file.to_string(), line, col, message: message.into() }
    }

    /// A diagnostic at the start of a span.
    pub fn at_span(file: &str, text: &str, span: &Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(file, text, span.start, message)
    }

    /// Where this diagnostic points in `text` (its file's contents), in the
    /// UTF-16 units a browser's text selection counts: how the studio puts
    /// the cursor on a problem.
    pub fn utf16_offset_in(&self, text: &str) -> usize {
        let mut units = 0;
        for (i, l) in text.split('\n').enumerate() {
            if i + 1 == self.line {
                return units + l.chars().take(self.col.saturating_sub(1)).map(char::len_utf16).sum::<usize>();
            }
            units += l.encode_utf16().count() + 1;
        }
        units.saturating_sub(1)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.col, self.message)
    }
}

/// The 1-based line and character column of byte `offset`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters() {
        let text = "a = 1\n名称 = \"x\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 6 + "名称 ".len()), (2, 4));
        assert_eq!(line_col(text, 999), (3, 1));
    }

    #[test]
    fn a_diagnostic_points_at_the_same_place_in_a_browser_selection() {
        let text = "a = 1\n名称 = \"惠才卡\"\nwhen = 'x >= '\n\u{20000}x";
        let at = |line, col| Diagnostic { file: String::new(), line, col, message: String::new() }.utf16_offset_in(text);
        assert_eq!(at(1, 1), 0);
        assert_eq!(at(2, 1), 6);
        // A Chinese character is one column and one UTF-16 unit.
        assert_eq!(at(2, 4), 9);
        assert_eq!(at(3, 14), 6 + 11 + 13);
        // A character outside the BMP is one column but two units.
        assert_eq!(at(4, 2), 6 + 11 + 15 + 2);
        // Beyond the text: its end.
        assert_eq!(at(9, 1), text.encode_utf16().count());
        // Every diagnostic's byte offset comes back as the same character.
        for (offset, _) in text.char_indices() {
            let (line, col) = line_col(text, offset);
            let units = Diagnostic { file: String::new(), line, col, message: String::new() }.utf16_offset_in(text);
            assert_eq!(units, text[..offset].encode_utf16().count(), "byte {offset}");
        }
    }
}
