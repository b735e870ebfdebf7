//! The policy library's HTML: one policy's sheet and the grouped list of
//! policies, written as text from [`engine::describe`]'s words. The static
//! pages (`policy docs`, [`crate::docs`]) and the app's library page both
//! use it, so the two show the same markup as well as the same sentences.
//! (In the app this is set as the inner HTML of a container: plain markup
//! with no handler costs far less wasm than the same tree as Leptos views.)
//!
//! Every pack text goes through [`esc`]: a pack a host serves is untrusted.

use crate::engine::{by_level, labels, scope_text, Basis, Lang, Pack, Quoted, Sheet};
use std::fmt::Write as _;

/// One policy's sheet: its facts, conditions with basis and source, amount,
/// where to apply and the pack's "rules as of" date, as an `<article>`
/// whose heading is `h1`.
pub fn sheet_html(pack: &Pack, sheet: &Sheet, lang: Lang) -> String {
    let l = labels(lang);
    let mut main = String::new();
    let _ = writeln!(
        main,
        "<article class=\"policy-sheet\" data-testid=\"policy-sheet\" data-policy=\"{}\">\n<h1 id=\"page-heading\" tabindex=\"-1\">{}</h1>",
        esc(&sheet.id),
        esc(&sheet.name)
    );
    // What changes how the whole page reads comes first: not in force, or
    // from an old report.
    if let Some(note) = &sheet.validity_note {
        let _ = writeln!(main, "<p class=\"note validity-note\" data-testid=\"sheet-validity-note\">{}</p>", esc(note));
    }
    if let Some(note) = &sheet.source_age_note {
        let _ = writeln!(main, "<p class=\"note source-age-note\" data-testid=\"source-age-note\">{}</p>", esc(note));
    }
    main.push_str("<dl class=\"card-facts\">\n");
    let mut fact = |label: &str, value: &str, more: &[String]| {
        let _ = write!(main, "<dt>{}</dt><dd>{}", esc(label), esc(value));
        for m in more {
            let _ = write!(main, "<p class=\"local\">{}</p>", esc(m));
        }
        main.push_str("</dd>\n");
    };
    fact(l.scope, &sheet.scope, &[]);
    fact(l.benefit, &sheet.benefit, &sheet.local_benefits);
    fact(l.decision, &sheet.decision, &[]);
    fact(l.issuer, &sheet.issuer, &[]);
    fact(l.validity, &sheet.validity, &[]);
    main.push_str("</dl>\n");
    if let Some(note) = &sheet.reading_note {
        let _ = writeln!(main, "<p class=\"note reading-note\">{}</p>", esc(note));
    }
    let _ = writeln!(main, "<h2>{}</h2>", esc(l.criteria_heading));
    if sheet.conditions.is_empty() {
        let _ = writeln!(main, "<p class=\"no-criteria\">{}</p>", esc(l.no_criteria));
    } else {
        main.push_str("<ul class=\"criteria\">\n");
        for c in &sheet.conditions {
            let tag = match c.basis {
                Basis::Stated => String::new(),
                Basis::Inferred | Basis::Example => format!(" <span class=\"basis-tag\">{}</span>", esc(c.basis_label)),
            };
            let _ = write!(main, "<li class=\"criterion\" data-basis=\"{}\"><p class=\"criterion-line\">{}{tag}</p>", c.basis.as_str(), esc(&c.label));
            if let Some(reading) = &c.reading {
                let _ = write!(main, "<p class=\"reading\">{}</p>", esc(reading));
            }
            let _ = writeln!(main, "{}</li>", source(l.source, &c.source));
        }
        main.push_str("</ul>\n");
    }
    if let Some((label, quoted)) = &sheet.amount {
        let _ = writeln!(main, "<h2>{}</h2>\n<p>{}</p>\n{}", esc(l.amount), esc(label), source(l.source, quoted));
    }
    let _ = writeln!(main, "<h2>{}</h2>\n<p class=\"apply\">{}</p>", esc(l.where_to_apply), esc(&sheet.apply));
    for local in &sheet.local_apply {
        let _ = writeln!(main, "<p class=\"apply local\">{}</p>", esc(local));
    }
    let _ = writeln!(main, "<p class=\"rules-as-of\">{} {}</p>\n</article>", esc(l.rules_as_of), pack.rules_as_of);
    main
}

/// `policies` (indices into the pack) grouped by issuer level, each group an
/// `h2` and a list of links; `href` gives each policy's address.
pub fn list_html(pack: &Pack, policies: &[usize], lang: Lang, href: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    for (level, group) in by_level(pack, policies) {
        let _ = writeln!(
            out,
            "<section class=\"library-group\" data-level=\"{}\">\n<h2>{}</h2>\n<ul class=\"library-list\">",
            level.as_str(),
            esc(level.label(lang))
        );
        for p in group {
            let policy = &pack.policies[p];
            let _ = writeln!(
                out,
                "<li><a href=\"{}\" data-policy=\"{}\">{}</a><span class=\"library-scope\">{}</span></li>",
                esc(&href(&policy.id)),
                esc(&policy.id),
                esc(policy.name.get(lang)),
                esc(&scope_text(policy, lang))
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    out
}

/// "出处：《…》 “…”", the quote in its own language.
fn source(label: &str, quoted: &Quoted) -> String {
    format!("<p class=\"source\">{}{} <q lang=\"{}\">{}</q></p>", esc(label), esc(&quoted.document_title), quoted.quote_lang, esc(&quoted.quote))
}

/// Text for HTML content and double-quoted attributes.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_pack;
    use crate::engine::describe;

    #[test]
    fn escapes_markup_in_pack_text() {
        assert_eq!(esc(r#"<b>"A&B"</b>"#), "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;");
    }

    #[test]
    fn a_sheet_shows_every_condition_with_its_source_in_its_script() {
        let pack = default_pack::pack();
        for policy in &pack.policies {
            let sheet = describe(&pack, policy, Lang::Zh, crate::engine::Date::new(2026, 12, 3).unwrap());
            let html = sheet_html(&pack, &sheet, Lang::Zh);
            for c in &sheet.conditions {
                assert!(html.contains(&esc(&c.label)), "missing {}", c.label);
                assert!(html.contains(&format!("<q lang=\"{}\">{}</q>", c.source.quote_lang, esc(&c.source.quote))));
            }
            assert_eq!(html.matches("class=\"basis-tag\"").count(), sheet.conditions.iter().filter(|c| c.basis != Basis::Stated).count());
        }
    }

    #[test]
    fn pack_text_cannot_inject_markup() {
        let mut pack = default_pack::pack();
        pack.policies[0].name.zh = "<img src=x onerror=alert(1)>".into();
        let sheet = describe(&pack, &pack.policies[0], Lang::Zh, crate::engine::Date::new(2026, 12, 3).unwrap());
        let html = sheet_html(&pack, &sheet, Lang::Zh);
        assert!(!html.contains("<img"));
        let list = list_html(&pack, &[0], Lang::Zh, |id| format!("#policy={id}"));
        assert!(!list.contains("<img") && list.contains("&lt;img"));
    }
}
