//! The studio's long reports as HTML text, as the library's pages are
//! (`policy_explainer::html`): the check's problems, the failed test cases
//! and the comparison. One string per report, set as a list's content, with
//! one delegated listener where a line is a button: far less wasm than a
//! view per line. Every text is escaped.

use std::fmt::Write;

use policy_explainer::diff::ReportLine;
use policy_explainer::html::esc;

use crate::checks::{Problem, TestRun};

/// Each problem as a button that opens its file at its place (`data-file`,
/// `data-offset`), its text as `policy check` prints it.
pub fn problems_html(problems: &[Problem]) -> String {
    let mut out = String::new();
    for p in problems {
        let _ = write!(
            out,
            r#"<li><button type="button" class="diagnostic" data-testid="diagnostic" data-file="{}" data-offset="{}"><code>{}</code></button></li>"#,
            esc(&p.file),
            p.offset,
            esc(&p.text)
        );
    }
    out
}

/// Each failed case (its place, its name and what differed), or each
/// problem of the case files.
pub fn test_run_html(run: &TestRun) -> String {
    let mut out = String::new();
    match run {
        TestRun::Ran { failures, .. } => {
            for f in failures {
                let _ = write!(out, r#"<li data-testid="test-failure"><code>{}</code> <span class="case-name">{}</span><ul>"#, esc(&f.location), esc(&f.name));
                for d in &f.differences {
                    let _ = write!(out, "<li>{}</li>", esc(d));
                }
                out.push_str("</ul></li>");
            }
        }
        TestRun::CaseProblems(lines) => {
            for l in lines {
                let _ = write!(out, "<li><code>{}</code></li>", esc(l));
            }
        }
        TestRun::CannotRun(_) => {}
    }
    out
}

/// The report of `policy diff`, a line per item, marked by kind.
pub fn diff_html(lines: &[ReportLine]) -> String {
    let mut out = String::new();
    for l in lines {
        let kind = l.kind.as_str();
        let block = if l.kind.opens_block() { " block" } else { "" };
        let _ = write!(out, r#"<li class="diff-{kind}{block}" data-kind="{kind}"><code>{}{}</code></li>"#, l.kind.prefix(), esc(&l.text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Failure;

    #[test]
    fn problems_are_buttons_to_their_place_with_their_text_escaped() {
        let p = Problem { text: "rules/a\".toml:1:2: `<script>` & co".into(), file: "rules/a\".toml".into(), offset: 7 };
        assert_eq!(
            problems_html(&[p]),
            r#"<li><button type="button" class="diagnostic" data-testid="diagnostic" data-file="rules/a&quot;.toml" data-offset="7"><code>rules/a&quot;.toml:1:2: `&lt;script&gt;` &amp; co</code></button></li>"#
        );
    }

    #[test]
    fn failures_list_what_differed() {
        let run = TestRun::Ran {
            passed: 1,
            failures: vec![Failure { location: "tests/a.toml:3:1".into(), name: "<b>".into(), differences: vec!["x: expected a, got b".into()] }],
        };
        assert_eq!(
            test_run_html(&run),
            r#"<li data-testid="test-failure"><code>tests/a.toml:3:1</code> <span class="case-name">&lt;b&gt;</span><ul><li>x: expected a, got b</li></ul></li>"#
        );
        assert_eq!(test_run_html(&TestRun::CaseProblems(vec!["t:1:1: bad".into()])), "<li><code>t:1:1: bad</code></li>");
        assert_eq!(test_run_html(&TestRun::CannotRun(2)), "");
    }

    #[test]
    fn the_diff_report_has_a_line_per_item_as_policy_diff_prints_it() {
        let old = policy_explainer::default_pack::pack();
        let mut new = old.clone();
        new.policies.remove(0);
        let changes = policy_explainer::diff::changes(&old, &new);
        let lines = policy_explainer::diff::report(
            &changes,
            &policy_explainer::diff::verdict_changes(&old, &new, &[], policy_explainer::engine::Date::parse("2026-12-01").unwrap(), 10),
        );
        let html = diff_html(&lines);
        assert_eq!(html.matches("<li ").count(), lines.len());
        assert!(html.contains(&format!("<code>{}{}</code>", lines[0].kind.prefix(), esc(&lines[0].text))), "{html}");
    }
}
