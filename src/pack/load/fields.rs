//! The fields any pack file has: texts in both languages, dates, required
//! strings, words from a closed set, and expressions, whose errors are
//! located in the file.

use super::{FileCx, Loader};
use crate::engine::{parse_expr, Date, ExprType, FactDef, Lang, Text};
use crate::pack::{
    diagnostic::DiagnosticKind as K,
    schema::{Scalar, TextToml},
};
use std::ops::Range;
use toml::Spanned;

impl Loader<'_> {
    pub(super) fn text(&mut self, file: &FileCx, field: &str, value: Option<Spanned<TextToml>>, at: &Range<usize>) -> Text {
        let Some(value) = value else {
            self.error(file, at, K::MissingText { field: field.to_string() });
            return Text::default();
        };
        let span = value.span();
        let value = value.into_inner();
        let mut get = |lang: Lang, v: Option<Spanned<String>>| -> String {
            match v {
                Some(s) if !s.get_ref().trim().is_empty() => s.into_inner(),
                Some(s) => {
                    self.error(file, &s.span(), K::EmptyTranslation { field: field.to_string(), lang });
                    String::new()
                }
                None => {
                    self.error(file, &span, K::MissingTranslation { field: field.to_string(), lang });
                    String::new()
                }
            }
        };
        let zh = get(Lang::Zh, value.zh);
        let en = get(Lang::En, value.en);
        Text { zh, en }
    }

    pub(super) fn optional_text(&mut self, file: &FileCx, field: &str, value: Option<Spanned<TextToml>>) -> Option<Text> {
        value.map(|v| {
            let span = v.span();
            self.text(file, field, Some(v), &span)
        })
    }

    pub(super) fn date(&mut self, file: &FileCx, field: &str, value: &Spanned<Scalar>) -> Option<Date> {
        let date = value.get_ref().as_date();
        if date.is_none() {
            self.error(file, &value.span(), K::NotADate { field: field.to_string() });
        }
        date
    }

    /// A field whose value is one of a closed set of words (`decision`,
    /// `basis`): `missing` when it is absent, `unknown` of what is written
    /// when it is none of them.
    pub(super) fn one_of<T>(
        &mut self,
        file: &FileCx,
        at: &Range<usize>,
        value: &Option<Spanned<String>>,
        parse: fn(&str) -> Option<T>,
        (missing, unknown): (K, fn(String) -> K),
    ) -> Option<T> {
        let Some(v) = value else {
            self.error(file, at, missing);
            return None;
        };
        let found = parse(v.get_ref());
        if found.is_none() {
            self.error(file, &v.span(), unknown(v.get_ref().clone()));
        }
        found
    }

    pub(super) fn required_string(&mut self, file: &FileCx, field: &str, value: Option<Spanned<String>>, at: &Range<usize>) -> Option<String> {
        match value {
            Some(v) if !v.get_ref().trim().is_empty() => Some(v.into_inner()),
            Some(v) => {
                self.error(file, &v.span(), K::EmptyField { field: field.to_string() });
                None
            }
            None => {
                self.error(file, at, K::MissingField { field: field.to_string() });
                None
            }
        }
    }

    /// Parses an expression written in a TOML string, mapping error positions
    /// inside the expression to positions in the file.
    pub(super) fn expression(&mut self, file: &FileCx, value: &Spanned<String>, facts: &[FactDef], expected: ExprType) -> Option<crate::engine::Expr> {
        let span = value.span();
        match parse_expr(value.get_ref(), facts, expected) {
            Ok(e) => Some(e),
            Err(errors) => {
                let raw = &file.text[span.clone()];
                for e in errors {
                    let at = span.start + raw_offset(raw, e.span.start);
                    self.error(file, &(at..at), K::Expr(e.kind));
                }
                None
            }
        }
    }
}

/// Where byte `decoded` of a TOML string's value lies in its source token
/// `raw` (quotes included): skips the opening delimiter, the newline TOML
/// trims after `'''` or `"""`, and in basic strings walks the escapes.
fn raw_offset(raw: &str, decoded: usize) -> usize {
    let (delimiter, basic) = if raw.starts_with("\"\"\"") {
        (3, true)
    } else if raw.starts_with("'''") {
        (3, false)
    } else {
        (1, raw.starts_with('"'))
    };
    let mut i = delimiter.min(raw.len());
    if delimiter == 3 {
        if raw[i..].starts_with("\r\n") {
            i += 2;
        } else if raw[i..].starts_with('\n') {
            i += 1;
        }
    }
    let mut seen = 0;
    while seen < decoded && i < raw.len() {
        let rest = &raw[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if basic && c == '\\' {
            let next = rest[1..].chars().next().unwrap_or(' ');
            let (raw_len, decoded_len) = match next {
                'u' => (6, char::from_u32(u32::from_str_radix(rest.get(2..6).unwrap_or("0"), 16).unwrap_or(0)).map_or(1, char::len_utf8)),
                'U' => (10, char::from_u32(u32::from_str_radix(rest.get(2..10).unwrap_or("0"), 16).unwrap_or(0)).map_or(1, char::len_utf8)),
                // A line-ending backslash swallows the newline and the indentation after it.
                '\n' | '\r' | ' ' | '\t' => (rest[1..].len() - rest[1..].trim_start().len() + 1, 0),
                _ => (2, 1),
            };
            i += raw_len.min(rest.len());
            seen += decoded_len;
        } else {
            i += c.len_utf8();
            seen += c.len_utf8();
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::raw_offset;

    #[test]
    fn maps_decoded_offsets_to_the_source() {
        assert_eq!(raw_offset("'abc'", 2), 3);
        assert_eq!(raw_offset("\"a\\\"b\"", 2), 4, "an escaped quote is two source bytes");
        assert_eq!(raw_offset("'''\nabc'''", 0), 4, "the newline after ''' is not part of the value");
        assert_eq!(raw_offset("\"\\u00e9x\"", 2), 7);
    }
}
