//! Static pages of the policy library (`policy docs`): one page per policy
//! and an index, in each language, for search engines, browsers without
//! JavaScript, printing, and sites that link to one policy.
//!
//! Every sentence comes from [`engine::describe`] and [`engine::labels`], as
//! the app's library page does; this module only writes HTML around them.
//! The pages carry no script and no inline style, so they load under the
//! app's strict Content-Security-Policy, and use the app's stylesheet.
//!
//! Layout, beside the app's `index.html`:
//! `policies/index.html`, `policies/<id>.html` (Chinese) and
//! `policies/en/index.html`, `policies/en/<id>.html` (English). A policy's
//! file name is its id, which the pack keeps stable.

use crate::engine::{by_level, describe, labels, Basis, Lang, Pack, Sheet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The same policy as the app's `index.html`: no script at all.
const CSP: &str = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'";

/// Writes every page of `pack` under `out`; returns the files written.
pub fn write_docs(pack: &Pack, out: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        let dir = match lang {
            Lang::Zh => out.to_path_buf(),
            Lang::En => out.join("en"),
        };
        std::fs::create_dir_all(&dir)?;
        let mut write = |name: String, html: String| -> std::io::Result<()> {
            let path = dir.join(name);
            std::fs::write(&path, html)?;
            written.push(path);
            Ok(())
        };
        write("index.html".into(), index_page(pack, lang))?;
        for policy in &pack.policies {
            write(format!("{}.html", policy.id), policy_page(pack, &describe(pack, policy, lang), lang))?;
        }
    }
    Ok(written)
}

/// How a page of `lang` reaches the app's folder, and the other language's page.
fn paths(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Zh => ("../", "en/"),
        Lang::En => ("../../", "../"),
    }
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    }
}

/// The app's address for `fragment` (`policy=ID`), in `lang`.
fn app_link(lang: Lang, fragment: &str) -> String {
    let (root, _) = paths(lang);
    match lang {
        Lang::Zh => format!("{root}index.html#{fragment}"),
        Lang::En => format!("{root}index.html#{fragment}&lang=en"),
    }
}

/// The page around `main`: head, language switch, footer.
fn page(pack: &Pack, lang: Lang, title: &str, description: &str, other_page: &str, main: &str) -> String {
    let (root, _) = paths(lang);
    let l = labels(lang);
    let switch = match lang {
        Lang::Zh => r#"<a href="OTHER" lang="en" hreflang="en">English</a>"#,
        Lang::En => r#"<a href="OTHER" lang="zh-Hans" hreflang="zh-Hans">中文</a>"#,
    }
    .replace("OTHER", &esc(other_page));
    format!(
        r#"<!doctype html>
<html lang="{html_lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<title>{title} - {pack_name}</title>
<meta name="description" content="{description}">
<link rel="alternate" hreflang="{other_lang}" href="{other_page}">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{root}app.css">
</head>
<body>
<div id="app">
<header class="site-header"><p class="site-name"><a href="index.html">{all}</a></p><p class="header-actions">{switch}</p></header>
<main id="main">
{main}</main>
<footer class="site-footer"><p>{rules_as_of}{colon}{date}</p><p>{disclaimer}</p></footer>
</div>
</body>
</html>
"#,
        html_lang = lang.html_tag(),
        title = esc(title),
        pack_name = esc(pack.name.get(lang)),
        description = esc(description),
        other_lang = other(lang).html_tag(),
        other_page = esc(other_page),
        all = esc(l.all_policies),
        rules_as_of = esc(l.rules_as_of),
        colon = if lang == Lang::Zh { "：" } else { ": " },
        date = pack.rules_as_of,
        disclaimer = esc(l.disclaimer),
    )
}

/// The index: every policy, grouped by issuer level, with its benefit.
pub fn index_page(pack: &Pack, lang: Lang) -> String {
    let l = labels(lang);
    let all: Vec<usize> = (0..pack.policies.len()).collect();
    let mut main = format!("<h1>{}</h1>\n<p class=\"lead\">{}</p>\n", esc(l.all_policies), esc(pack.name.get(lang)));
    for (level, group) in by_level(pack, &all) {
        let _ = writeln!(main, "<h2>{}</h2>\n<ul class=\"library-list\">", esc(level.label(lang)));
        for p in group {
            let policy = &pack.policies[p];
            let _ = writeln!(
                main,
                "<li><a href=\"{}.html\">{}</a><br><span class=\"library-issuer\">{}</span></li>",
                esc(&policy.id),
                esc(policy.name.get(lang)),
                esc(policy.issuer.get(lang))
            );
        }
        main.push_str("</ul>\n");
    }
    let (_, other_dir) = paths(lang);
    page(pack, lang, l.all_policies, pack.name.get(lang), &format!("{other_dir}index.html"), &main)
}

/// One policy's page.
pub fn policy_page(pack: &Pack, sheet: &Sheet, lang: Lang) -> String {
    let l = labels(lang);
    let mut main = String::new();
    let _ = writeln!(main, "<article class=\"policy-sheet\" data-policy=\"{}\">\n<h1>{}</h1>", esc(&sheet.id), esc(&sheet.name));
    main.push_str("<dl class=\"card-facts\">\n");
    let mut fact = |label: &str, value: &str| {
        let _ = writeln!(main, "<dt>{}</dt><dd>{}</dd>", esc(label), esc(value));
    };
    fact(l.scope, &sheet.scope);
    fact(l.benefit, &sheet.benefit);
    if let Some((amount, _)) = &sheet.amount {
        fact(l.amount, amount);
    }
    fact(l.decision, &sheet.decision);
    fact(l.issuer, &sheet.issuer);
    fact(l.validity, &sheet.validity);
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
                Basis::Inferred => format!(" <span class=\"basis-tag\">{}</span>", esc(l.our_reading)),
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
    let _ = writeln!(
        main,
        "<p class=\"button-row\"><a class=\"button primary\" href=\"{}\">{}</a></p>\n</article>",
        esc(&app_link(lang, &format!("policy={}", sheet.id))),
        esc(l.check_this)
    );
    let (_, other_dir) = paths(lang);
    page(pack, lang, &sheet.name, &sheet.benefit, &format!("{other_dir}{}.html", sheet.id), &main)
}

/// "出处：《…》 “…”", the quote in its own language.
fn source(label: &str, quoted: &crate::engine::Quoted) -> String {
    format!("<p class=\"source\">{}{} <q lang=\"{}\">{}</q></p>", esc(label), esc(&quoted.document_title), quoted.quote_lang, esc(&quoted.quote))
}

/// Text for HTML content and double-quoted attributes.
fn esc(text: &str) -> String {
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

    #[test]
    fn escapes_markup_in_pack_text() {
        assert_eq!(esc(r#"<b>"A&B"</b>"#), "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;");
    }

    #[test]
    fn a_policy_page_has_every_condition_its_source_and_a_link_to_check_it() {
        let pack = default_pack::pack();
        let policy = pack.policy("qd-apprenticeship-subsidy").unwrap();
        let sheet = describe(&pack, policy, Lang::Zh);
        let html = policy_page(&pack, &sheet, Lang::Zh);
        assert!(html.starts_with("<!doctype html>\n<html lang=\"zh-Hans\">"));
        assert!(!html.contains("<script"), "static pages carry no script");
        assert!(!html.contains("style="), "no inline style under the strict CSP");
        for c in &sheet.conditions {
            assert!(html.contains(&esc(&c.label)), "missing {}", c.label);
            assert!(html.contains(&esc(&c.source.quote)));
        }
        assert!(html.contains("href=\"../index.html#policy=qd-apprenticeship-subsidy\""));
        assert!(html.contains("href=\"en/qd-apprenticeship-subsidy.html\""));
        let en = policy_page(&pack, &describe(&pack, policy, Lang::En), Lang::En);
        assert!(en.contains("href=\"../../index.html#policy=qd-apprenticeship-subsidy&amp;lang=en\""));
        assert!(en.contains("<html lang=\"en\">"));
    }

    #[test]
    fn the_index_lists_every_policy_once() {
        let pack = default_pack::pack();
        let html = index_page(&pack, Lang::En);
        for policy in &pack.policies {
            assert_eq!(html.matches(&format!("href=\"{}.html\"", policy.id)).count(), 1, "{}", policy.id);
        }
    }
}
