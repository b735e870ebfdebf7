//! Static pages of the policy library (`policy docs`): one page per policy
//! and an index, in each language, for search engines, browsers without
//! JavaScript, printing, and sites that link to one policy.
//!
//! Every sentence comes from [`engine::describe`] and [`engine::labels`], and
//! the sheet and the list are [`crate::html`]'s, as on the app's library
//! page; this module only writes the page around them.
//! The pages carry no script and no inline style, so they load under the
//! app's strict Content-Security-Policy, and use the app's stylesheet.
//!
//! Layout, beside the app's `index.html`:
//! `policies/index.html`, `policies/<id>.html` (Chinese) and
//! `policies/en/index.html`, `policies/en/<id>.html` (English). A policy's
//! file name is its id, which the pack keeps stable.

use crate::engine::{describe, is_policy_id, labels, Date, Lang, Pack, Sheet};
use crate::html::{esc, list_html, sheet_html};
use std::path::{Path, PathBuf};

/// The same policy as the app's `index.html`: no script at all.
const CSP: &str = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'";

/// Writes every page of `pack` under `out`, as the policies stand on `date`
/// (in force or not, how old their sources are); returns the files written.
///
/// Refuses, before writing anything, a pack with a policy whose id is not a
/// policy id (`index`, a path): its page would be written over the index or
/// outside `out`. The loader refuses such ids already; this is the second
/// lock, for a pack from anywhere else.
pub fn write_docs(pack: &Pack, out: &Path, date: Date) -> std::io::Result<Vec<PathBuf>> {
    if let Some(p) = pack.policies.iter().find(|p| !is_policy_id(&p.id)) {
        let message = format!("policy id {:?} cannot name a page of the library: no page written", p.id);
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, message));
    }
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
        write("index.html".into(), index_page(pack, lang, date))?;
        for policy in &pack.policies {
            write(format!("{}.html", policy.id), policy_page(pack, &describe(pack, policy, lang, date), lang))?;
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

/// The index: every policy, grouped by issuer level.
pub fn index_page(pack: &Pack, lang: Lang, date: Date) -> String {
    let l = labels(lang);
    let all: Vec<usize> = (0..pack.policies.len()).collect();
    let main = format!(
        "<h1 id=\"page-heading\">{}</h1>\n<p class=\"lead\">{}</p>\n{}",
        esc(l.all_policies),
        esc(pack.name.get(lang)),
        list_html(pack, &all, lang, date, |id| format!("{id}.html"))
    );
    let (_, other_dir) = paths(lang);
    page(pack, lang, l.all_policies, pack.name.get(lang), &format!("{other_dir}index.html"), &main)
}

/// One policy's page: its sheet, and a link to check it in the app.
pub fn policy_page(pack: &Pack, sheet: &Sheet, lang: Lang) -> String {
    let main = format!(
        "{}<p class=\"button-row\"><a class=\"button primary\" href=\"{}\">{}</a></p>\n",
        sheet_html(pack, sheet, lang),
        esc(&app_link(lang, &format!("policy={}&check=1", sheet.id))),
        esc(labels(lang).check_this)
    );
    let (_, other_dir) = paths(lang);
    page(pack, lang, &sheet.name, &sheet.benefit, &format!("{other_dir}{}.html", sheet.id), &main)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_pack;

    #[test]
    fn a_policy_page_has_every_condition_its_source_and_a_link_to_check_it() {
        let pack = default_pack::pack();
        let policy = pack.policy("qd-apprenticeship-subsidy").unwrap();
        let sheet = describe(&pack, policy, Lang::Zh, crate::engine::Date::new(2026, 12, 3).unwrap());
        let html = policy_page(&pack, &sheet, Lang::Zh);
        assert!(html.starts_with("<!doctype html>\n<html lang=\"zh-Hans\">"));
        assert!(!html.contains("<script"), "static pages carry no script");
        assert!(!html.contains("style="), "no inline style under the strict CSP");
        for c in &sheet.conditions {
            assert!(html.contains(&esc(&c.label)), "missing {}", c.label);
            assert!(html.contains(&esc(&c.source.quote)));
        }
        assert!(html.contains("href=\"../index.html#policy=qd-apprenticeship-subsidy&amp;check=1\""));
        assert!(html.contains("href=\"en/qd-apprenticeship-subsidy.html\""));
        let en = policy_page(&pack, &describe(&pack, policy, Lang::En, crate::engine::Date::new(2026, 12, 3).unwrap()), Lang::En);
        assert!(en.contains("href=\"../../index.html#policy=qd-apprenticeship-subsidy&amp;check=1&amp;lang=en\""));
        assert!(en.contains("<html lang=\"en\">"));
    }

    #[test]
    fn a_policy_that_would_be_written_over_the_index_stops_every_page() {
        let out = std::env::temp_dir().join(format!("policy-docs-index-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let date = crate::engine::Date::new(2026, 12, 3).unwrap();
        for id in ["index", "../outside", "en/index"] {
            let mut pack = default_pack::pack();
            pack.policies[1].id = id.to_string();
            let error = write_docs(&pack, &out, date).unwrap_err();
            assert_eq!(error.to_string(), format!("policy id {id:?} cannot name a page of the library: no page written"));
            assert!(!out.exists(), "{id}: nothing is written");
        }
        // The same pack with its own ids writes its index once per language.
        let written = write_docs(&default_pack::pack(), &out, date).unwrap();
        assert!(written.contains(&out.join("index.html")) && written.contains(&out.join("en/index.html")));
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn the_index_lists_every_policy_once() {
        let pack = default_pack::pack();
        let html = index_page(&pack, Lang::En, crate::engine::Date::new(2026, 12, 3).unwrap());
        for policy in &pack.policies {
            assert_eq!(html.matches(&format!("href=\"{}.html\"", policy.id)).count(), 1, "{}", policy.id);
        }
    }
}
