//! A problem in a pack file, located the way an editor counts.

mod kind;

pub use kind::{CaseProblem, Cited, DiagnosticKind, TomlShape};

use std::cmp::Ordering;
use std::fmt;
use std::ops::Range;

/// A place in a pack file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters (a Chinese character counts as one).
    pub col: usize,
}

impl Location {
    /// Byte `offset` of `text`, the contents of `file`.
    pub fn at(file: &str, text: &str, offset: usize) -> Location {
        let (line, col) = line_col(text, offset);
        Location { file: file.to_string(), line, col }
    }
}

/// One problem, printed as `file:line:col: message`.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters (a Chinese character counts as one).
    pub col: usize,
    pub kind: DiagnosticKind,
}

impl Diagnostic {
    /// A diagnostic at byte `offset` of `text`, the contents of `file`.
    pub fn at(file: &str, text: &str, offset: usize, kind: DiagnosticKind) -> Diagnostic {
        Diagnostic::located(Location::at(file, text, offset), kind)
    }

    /// A diagnostic at the start of a span.
    pub fn at_span(file: &str, text: &str, span: &Range<usize>, kind: DiagnosticKind) -> Diagnostic {
        Diagnostic::at(file, text, span.start, kind)
    }

    pub fn located(Location { file, line, col }: Location, kind: DiagnosticKind) -> Diagnostic {
        Diagnostic { file, line, col, kind }
    }

    /// What the problem is, in words: the one text `policy check`, the
    /// studio and the tests show.
    pub fn message(&self) -> String {
        self.kind.to_string()
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

    fn place(&self) -> (&str, usize, usize) {
        (&self.file, self.line, self.col)
    }
}

/// Two diagnostics are the same when they say the same at the same place,
/// whichever kinds said it: what a reader sees, and so what diagnostics are
/// deduplicated by.
impl PartialEq for Diagnostic {
    fn eq(&self, other: &Diagnostic) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Diagnostic {}

/// By file, then line, then column, then message.
impl Ord for Diagnostic {
    fn cmp(&self, other: &Diagnostic) -> Ordering {
        self.place().cmp(&other.place()).then_with(|| if self.kind == other.kind { Ordering::Equal } else { self.message().cmp(&other.message()) })
    }
}

impl PartialOrd for Diagnostic {
    fn partial_cmp(&self, other: &Diagnostic) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.col, self.kind)
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
    fn diagnostics_at_one_place_sort_by_their_words_and_the_same_words_are_one() {
        let at = |kind| Diagnostic::at("rules/a.toml", "x = 1\n", 6, kind);
        let mut found = vec![at(DiagnosticKind::NoScope), at(DiagnosticKind::CitesNoDocument), at(DiagnosticKind::NoScope)];
        found.sort();
        found.dedup();
        assert_eq!(found.iter().map(ToString::to_string).collect::<Vec<_>>(), [
            "rules/a.toml:2:1: missing `[scope]`: who the policy is for, e.g. [scope] applicant = \"individual\", place = 'city == \"qingdao\"', place_label = { zh = \"青岛市\", en = \"Qingdao\" }",
            "rules/a.toml:2:1: the policy cites no document: add source = { document = \"…\", quote = \"…\" }, the sentence its benefit comes from",
        ]);
        assert_eq!(found[1].message(), DiagnosticKind::CitesNoDocument.to_string());
    }

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
        let at = |line, col| Diagnostic { file: String::new(), line, col, kind: DiagnosticKind::Unreadable }.utf16_offset_in(text);
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
            let units = Diagnostic { file: String::new(), line, col, kind: DiagnosticKind::Unreadable }.utf16_offset_in(text);
            assert_eq!(units, text[..offset].encode_utf16().count(), "byte {offset}");
        }
    }
}
