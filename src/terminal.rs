//! Text from a pack, a bundle or a facts file, made safe to print on a
//! terminal (the `policy` command). Whoever wrote the input may have put in
//! escape sequences that a terminal acts on (clear the screen, retitle the
//! window, rewrite earlier lines, in C0 as `ESC [` or in C1 as the one
//! character U+009B) or bidirectional overrides that make text read other
//! than it is. Each such character is printed as its code, `\u{1b}`, so the
//! person sees that it is there and the terminal does nothing.
//!
//! It cannot make the text true: a pack may still say anything in plain
//! words. And it does not reach what the command writes to files (`bundle`,
//! `docs`), which are not for a terminal.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether a terminal could act on `c` or draw the text around it
/// misleadingly: control characters (C0, DEL, C1), the bidirectional marks,
/// embeddings, overrides and isolates, and the line and paragraph separators.
pub fn is_terminal_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

fn escape_where(text: &str, escape: impl Fn(char) -> bool, code: fn(&mut String, char)) -> Cow<'_, str> {
    if !text.chars().any(&escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escape(c) {
            code(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn rust_code(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

/// One line from input: every terminal control escaped, line breaks too,
/// so that the text cannot forge a line of its own (a diagnostic, a name).
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape_where(text, is_terminal_control, rust_code)
}

/// A message of several lines: every terminal control escaped but the line
/// breaks, which are the message's own. Text from input in it should have
/// gone through [`one_line`] first.
pub fn lines(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c != '\n' && is_terminal_control(c), rust_code)
}

/// JSON text, as serde_json writes it: the terminal controls JSON leaves
/// as they are (DEL, C1, the bidirectional ones) written as JSON's own
/// `\u` escapes, so that the JSON means the same and a terminal shows
/// codes. serde_json escapes the other control characters in strings
/// already; a line break outside a string is the layout's.
pub fn json(text: &str) -> Cow<'_, str> {
    escape_where(
        text,
        |c| c != '\n' && is_terminal_control(c),
        |out, c| {
            // Every such character is in the Basic Multilingual Plane.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_overrides_are_shown_as_codes() {
        let hostile = "a\u{1b}[2J\u{1b}]0;x\u{7}b\u{9b}31m\u{202e}c\u{2066}d\u{7f}\r\n";
        assert_eq!(one_line(hostile), "a\\u{1b}[2J\\u{1b}]0;x\\u{7}b\\u{9b}31m\\u{202e}c\\u{2066}d\\u{7f}\\u{d}\\u{a}");
        assert_eq!(lines(hostile), "a\\u{1b}[2J\\u{1b}]0;x\\u{7}b\\u{9b}31m\\u{202e}c\\u{2066}d\\u{7f}\\u{d}\n");
        assert!(matches!(one_line("青岛市 ok: 6,000 元"), Cow::Borrowed(_)), "plain text, Chinese included, is left alone");
        assert_eq!(lines(&one_line("x\ny")), "x\\u{a}y", "escaping twice changes nothing more");
    }

    #[test]
    fn json_keeps_its_meaning() {
        let value = serde_json::json!({ "label": "a\u{9b}b\u{202e}c\u{7f}\u{1b}" });
        let text = serde_json::to_string_pretty(&value).unwrap();
        let safe = json(&text);
        assert!(!safe.chars().any(|c| c != '\n' && is_terminal_control(c)), "{safe}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), value);
    }
}
