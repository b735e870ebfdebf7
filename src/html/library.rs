//! The policy library's HTML: one policy's sheet and the grouped list of
//! policies, written as text from [`engine::describe`]'s words. The static
//! pages (`policy docs`, [`crate::docs`]) and the app's library page both
//! use it, so the two show the same markup as well as the same sentences.

use super::{esc, quote_html};
use crate::engine::{by_level, labels, scope_text, Basis, Date, Lang, Pack, Quoted, Sheet};
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
/// `h2` and a list of links; `href` gives each policy's address. A policy
/// not in force on `date` says so beside its name.
pub fn list_html(pack: &Pack, policies: &[usize], lang: Lang, date: Date, href: impl Fn(&str) -> String) -> String {
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
            let tag = policy.validity.out_of_force(date).map_or(String::new(), |s| {
                format!(" <span class=\"library-tag\" data-testid=\"not-in-force\">{}</span>", esc(crate::engine::wording::status_label(s, lang)))
            });
            let _ = writeln!(
                out,
                "<li><a href=\"{}\" data-policy=\"{}\">{}</a>{tag}<span class=\"library-scope\">{}</span></li>",
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
    format!(
        "<p class=\"source\">{}{} {}</p>",
        esc(label),
        esc(&quoted.document_title),
        quote_html(&quoted.quote, quoted.quote_lang, quoted.translation.as_deref(), quoted.lang)
    )
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
                // Shown without a corrupted source's pinyin glosses, and saying so.
                let shown = crate::engine::without_glosses(&c.source.quote);
                assert!(html.contains(&format!("<q lang=\"{}\">{}</q>", c.source.quote_lang, esc(shown.as_deref().unwrap_or(&c.source.quote)))));
                if shown.is_some() {
                    assert!(html.contains("拼音注音已略去"));
                }
            }
            assert_eq!(html.matches("class=\"basis-tag\"").count(), sheet.conditions.iter().filter(|c| c.basis != Basis::Stated).count());
        }
    }

    #[test]
    fn english_pages_give_every_quote_our_translation_beside_the_original() {
        let pack = default_pack::pack();
        let date = crate::engine::Date::new(2026, 12, 3).unwrap();
        let zh_card = pack.policy("zz-huicai-card").unwrap();
        let en = sheet_html(&pack, &describe(&pack, zh_card, Lang::En, date), Lang::En);
        assert!(en.contains("<q lang=\"zh-Hant\">積極為符合條件的高層次人才申領、發放省市惠才卡</q>"), "{en}");
        assert!(en.contains("<span class=\"translation\" lang=\"en\">Our translation: Actively applying for"));
        assert!(en.contains("(pinyin glosses that corrupt the source are left out)"));
        let zh = sheet_html(&pack, &describe(&pack, zh_card, Lang::Zh, date), Lang::Zh);
        assert!(!zh.contains("class=\"translation\""), "Chinese readers read the original");
    }

    #[test]
    fn pack_text_cannot_inject_markup() {
        let mut pack = default_pack::pack();
        pack.policies[0].name.zh = "<img src=x onerror=alert(1)>".into();
        let sheet = describe(&pack, &pack.policies[0], Lang::Zh, crate::engine::Date::new(2026, 12, 3).unwrap());
        let html = sheet_html(&pack, &sheet, Lang::Zh);
        assert!(!html.contains("<img"));
        let list = list_html(&pack, &[0], Lang::Zh, crate::engine::Date::new(2026, 12, 3).unwrap(), |id| format!("#policy={id}"));
        assert!(!list.contains("<img") && list.contains("&lt;img"));
    }
}
