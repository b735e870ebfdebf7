//! The results as HTML text: a summary that fits one screen, then the
//! results a person can act on as compact cards (most certain first, the
//! largest amount first within a group), each with its next step and its
//! full text one tap away, then every other policy in one line, collapsed.
//! The app's results page, its printout and the kiosk's receipt are this
//! one text (the print styles choose what paper shows), and a library
//! page's verdict is one of its cards.

use super::{esc, quote_html};
use crate::engine::{explain, labels, wording, CriterionStatus, Explanation, Facts, Lang, Pack, ResultGroup, Status, Verdict};
use std::fmt::Write as _;

/// The groups shown as cards, in this order; the rest are one line each.
const ACTIONABLE: [ResultGroup; 5] = [ResultGroup::Eligible, ResultGroup::MeetsConditions, ResultGroup::Likely, ResultGroup::Possible, ResultGroup::Unclear];

/// The cards a group shows at first; the rest are one tap away. On a
/// province's pack hundreds of policies can be undetermined at once: a
/// person reads the first few (the largest amounts), and every card drawn
/// costs the page's layout on every change (measured: opening "compare
/// places" on 1,000 policies took 20 ms with 500 cards drawn, 11 ms with
/// the rest in a closed section).
pub const CARDS_SHOWN: usize = 10;

/// The results as text: the summary (which a kiosk shows beside its
/// take-home code), then the cards and the one-line lists.
pub struct ResultsHtml {
    pub summary: String,
    pub list: String,
}

/// The whole results text for `verdicts` (made from `facts`).
pub fn results_html(pack: &Pack, verdicts: &[Verdict], facts: &Facts, lang: Lang) -> ResultsHtml {
    let explained: Vec<(&Verdict, Explanation)> = verdicts.iter().map(|v| (v, explain(pack, v, facts, lang))).collect();
    let in_group = |g: ResultGroup| -> Vec<&(&Verdict, Explanation)> {
        let mut members: Vec<&(&Verdict, Explanation)> = explained.iter().filter(|(v, _)| ResultGroup::of(v.status) == g).collect();
        // The largest amount first; then the pack's order.
        members.sort_by_key(|(v, _)| std::cmp::Reverse(v.max_amount.unwrap_or(-1)));
        members
    };
    let summary = summary(&explained, lang);
    let mut out = String::new();
    for group in ACTIONABLE {
        let members = in_group(group);
        if members.is_empty() {
            continue;
        }
        let key = group.as_str();
        let _ = write!(
            out,
            "<section class=\"result-group group-{key}\" aria-labelledby=\"group-{key}\" data-testid=\"group-{key}\"><h2 id=\"group-{key}\">{} ({})</h2>",
            esc(wording::group_title(group, lang)),
            members.len()
        );
        let more = members.len().saturating_sub(CARDS_SHOWN);
        for (i, (v, e)) in members.into_iter().enumerate() {
            if i == CARDS_SHOWN {
                let _ = write!(out, "<details class=\"more-cards\" data-testid=\"more-cards\"><summary>{}</summary>", esc(&wording::more_cards(more, lang)));
            }
            out.push_str(&card(pack, v, e, lang, "h3"));
        }
        if more > 0 {
            out.push_str("</details>");
        }
        out.push_str("</section>\n");
    }
    let others: Vec<ResultGroup> = ResultGroup::ALL.into_iter().filter(|g| !ACTIONABLE.contains(g)).collect();
    let count: usize = others.iter().map(|&g| in_group(g).len()).sum();
    if count > 0 {
        let _ = write!(
            out,
            "<section class=\"other-results no-receipt\" aria-labelledby=\"others-heading\" data-testid=\"other-results\"><h2 id=\"others-heading\">{}</h2>",
            esc(&wording::others_heading(count, lang))
        );
        for group in others {
            let members = in_group(group);
            if members.is_empty() {
                continue;
            }
            let _ = write!(
                out,
                "<details class=\"one-line-list\" data-testid=\"group-{}\"><summary>{} ({})</summary><ul>",
                group.as_str(),
                esc(wording::group_title(group, lang)),
                members.len()
            );
            for (v, e) in members {
                let _ = write!(
                    out,
                    "<li data-testid=\"one-line\" data-policy=\"{}\" data-status=\"{}\"><span class=\"summary-name\">{}</span> — <span class=\"why\">{}</span></li>",
                    esc(&e.policy_id),
                    v.status.as_str(),
                    esc(&e.name),
                    esc(&why(e))
                );
            }
            out.push_str("</ul></details>");
        }
        out.push_str("</section>\n");
    }
    ResultsHtml { summary, list: out }
}

/// One policy's verdict as a card, its heading at `heading` (`h2`, `h3`).
pub fn card_html(pack: &Pack, verdict: &Verdict, facts: &Facts, lang: Lang, heading: &str) -> String {
    card(pack, verdict, &explain(pack, verdict, facts, lang), lang, heading)
}

/// The summary that opens the results: how many policies the person may
/// get, the best of them with their own amounts (never a sum of "up to"s),
/// how many an office still decides, and what to do first.
fn summary(explained: &[(&Verdict, Explanation)], lang: Lang) -> String {
    let l = labels(lang);
    let mut may_get: Vec<&(&Verdict, Explanation)> = explained.iter().filter(|(v, _)| v.status.conditions_hold()).collect();
    // The best first: the largest amount, then the most certain.
    may_get.sort_by_key(|(v, _)| (std::cmp::Reverse(v.max_amount.unwrap_or(-1)), v.status));
    let count = |s: &[Status]| explained.iter().filter(|(v, _)| s.contains(&v.status)).count();
    let mut out = String::from("<section class=\"results-summary\" aria-labelledby=\"summary-heading\" data-testid=\"results-summary\">");
    let _ = write!(out, "<h2 id=\"summary-heading\">{}</h2>", esc(&wording::summary_lead(may_get.len(), lang)));
    if !may_get.is_empty() {
        out.push_str("<ul class=\"summary-best\" data-testid=\"summary-best\">");
        for (_, e) in may_get.iter().take(3) {
            let _ = write!(out, "<li><span class=\"summary-name\">{}</span>", esc(&e.name));
            if let Some(a) = &e.amount {
                let _ = write!(out, " <span class=\"summary-amount\">{}</span>", esc(a));
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    // Who still decides, and what is still open: one paragraph, since on a
    // phone each paragraph's last line is mostly empty.
    let confirm = may_get.iter().filter(|(v, _)| v.status != Status::Eligible).count();
    let confirm = if confirm > 0 { wording::summary_confirm(confirm, may_get.len(), lang) } else { String::new() };
    let open = wording::summary_open(count(&[Status::Undetermined]), count(&[Status::Unclear]), lang).unwrap_or_default();
    if !(confirm.is_empty() && open.is_empty()) {
        let gap = if lang == Lang::En && !confirm.is_empty() && !open.is_empty() { " " } else { "" };
        let _ = write!(out, "<p>{}{gap}{}</p>", esc(&confirm), esc(&open));
    }
    if let Some((_, best)) = may_get.first() {
        let _ = write!(
            out,
            "<p class=\"summary-next\" data-testid=\"summary-next\"><strong>{}：</strong>{}</p>",
            esc(l.next_step),
            esc(&wording::summary_next(&best.name, &best.apply, lang))
        );
    }
    out.push_str("</section>\n");
    out
}

/// One line saying why a policy is not one to act on.
fn why(e: &Explanation) -> String {
    if let Some(line) = e.not_for_you.as_ref().or(e.validity_note.as_ref()) {
        return line.clone();
    }
    if e.needed.is_empty() {
        return e.headline.clone();
    }
    e.needed.join("；")
}

fn card(pack: &Pack, v: &Verdict, e: &Explanation, lang: Lang, heading: &str) -> String {
    let l = labels(lang);
    let group = ResultGroup::of(e.status);
    let id = esc(&e.policy_id);
    let mut out = format!(
        "<article class=\"policy-card is-{}\" data-readable id=\"card-{id}\" aria-labelledby=\"policy-{id}\" data-testid=\"policy-card\" data-policy=\"{id}\" data-status=\"{}\">",
        group.as_str(),
        e.status.as_str()
    );
    let _ = write!(
        out,
        "<{heading} id=\"policy-{id}\">{}</{heading}><p class=\"card-status\" data-testid=\"headline\"><span class=\"status-icon\" aria-hidden=\"true\">{}</span> ",
        esc(&e.name),
        group.symbol(),
    );
    // Under its group's title the card shows the headline's own part; the
    // lead stays for screen readers (see the style sheet).
    let (lead, rest) = wording::headline_parts(&pack.policies[v.policy], v.status, lang);
    if lead.is_empty() {
        out.push_str(&esc(&rest));
    } else {
        let _ = write!(out, "<span class=\"status-lead\">{lead}</span><span class=\"status-rest\">{}</span>", esc(&rest));
    }
    out.push_str("</p>");
    if let Some(a) = &e.amount {
        let _ = write!(out, "<p class=\"amount\" data-testid=\"amount\">{}</p>", esc(a));
    }
    if let Some(sum) = &e.worked_sum {
        let _ = write!(out, "<p class=\"worked-sum\" data-testid=\"worked-sum\">{}</p>", esc(sum));
    }
    let _ = write!(out, "<p class=\"card-summary\" data-testid=\"card-summary\">{}</p>", esc(&e.summary));
    // What bears on the verdict stays on the card, beside its headline:
    // where the article publishes no conditions, what it does say.
    // They share one marked block, so that two notes cost their lines only.
    let notes = [
        ("coverage-note", "card-coverage-note", &e.coverage_note),
        ("source-age-note", "source-age-note", &e.source_age_note),
        ("unclear-note", "unclear-note", &e.unclear_note),
        ("validity-note", "validity-note", &e.validity_note),
    ];
    if notes.iter().any(|(_, _, n)| n.is_some()) {
        out.push_str("<div class=\"card-notes\">");
        for (class, testid, note) in notes {
            if let Some(n) = note {
                let _ = write!(out, "<p class=\"note {class}\" data-testid=\"{testid}\">{}</p>", esc(n));
            }
        }
        out.push_str("</div>");
    }
    if !e.needed.is_empty() {
        let _ = write!(out, "<div class=\"why-not\" data-testid=\"why-not\"><p>{}</p><ul>", esc(wording::not_met_heading(e.status, lang)));
        for n in &e.needed {
            let _ = write!(out, "<li data-testid=\"needed\">{}</li>", esc(n));
        }
        out.push_str("</ul>");
        if let Some(only) = &e.only_failure {
            let _ = write!(out, "<p class=\"only-failure\" data-testid=\"only-failure\">{}</p>", esc(only));
        }
        out.push_str("</div>");
    }
    if !e.still_needed.is_empty() {
        let _ = write!(out, "<div class=\"still-needed\"><p>{}</p><ul>", esc(wording::still_needed_heading(lang)));
        for q in &e.still_needed {
            let _ = write!(out, "<li>{}</li>", esc(q));
        }
        let _ = write!(
            out,
            "</ul><button type=\"button\" class=\"button secondary no-print\" data-action=\"answer\" data-policy=\"{id}\" data-testid=\"answer-these\">{}</button></div>",
            esc(wording::answer_these(lang))
        );
    }
    let _ = write!(out, "<p class=\"next-step\" data-testid=\"next-step\"><strong>{}：</strong>{}</p>", esc(l.next_step), esc(&e.apply));
    // Read-aloud (shown only where the browser has a local voice): the
    // name, the headline and what bears on it, the amount, the next step.
    let _ = write!(
        out,
        "<button type=\"button\" class=\"link-button read-aloud no-print\" data-read=\"h2,h3,.card-status,.note,.amount,.worked-sum,.next-step\" aria-pressed=\"false\" aria-describedby=\"policy-{id}\" data-testid=\"read-card\">{}</button>",
        esc(l.read_aloud)
    );
    out.push_str(&details(pack, v, e, lang));
    out.push_str("</article>\n");
    out
}

/// What is one tap away: the full benefit, who it is for, how it is decided,
/// every condition with its basis and source, and the amount's source.
fn details(pack: &Pack, v: &Verdict, e: &Explanation, lang: Lang) -> String {
    let l = labels(lang);
    let _ = (pack, v);
    let mut out = format!("<details class=\"card-details\"><summary>{}</summary><dl class=\"card-facts\">", esc(l.details));
    for (label, value, testid) in
        [(l.benefit, &e.benefit, "benefit"), (l.scope, &e.scope, "scope"), (l.decision, &e.decision, "decision"), (l.issuer, &e.issuer, "issuer")]
    {
        let _ = write!(out, "<dt>{}</dt><dd data-testid=\"{testid}\">{}</dd>", esc(label), esc(value));
    }
    out.push_str("</dl>");
    if let Some(n) = &e.reading_note {
        let _ = write!(out, "<p class=\"note reading-note\" data-testid=\"reading-note\">{}</p>", esc(n));
    }
    let _ = write!(out, "<h4>{}</h4>", esc(l.criteria_heading));
    if e.criteria.is_empty() {
        let _ = write!(out, "<p class=\"no-criteria\">{}</p>", esc(l.no_criteria));
    } else {
        out.push_str("<ul class=\"criteria\">");
        for c in &e.criteria {
            let (icon, class) = match c.status {
                CriterionStatus::Met => ("✓", "is-met"),
                CriterionStatus::NotMet => ("✗", "is-not-met"),
                CriterionStatus::Unknown => ("?", "is-unknown"),
            };
            let tag = if c.basis == crate::engine::Basis::Stated {
                String::new()
            } else {
                format!(" <span class=\"basis-tag\" data-testid=\"basis-tag\">{}</span>", esc(c.basis_label))
            };
            let _ = write!(
                out,
                "<li class=\"criterion {class}\" data-status=\"{}\" data-basis=\"{}\"><p class=\"criterion-line\"><span class=\"status-icon\" aria-hidden=\"true\">{icon}</span> <strong class=\"criterion-status\">{}</strong>: {}{tag}</p>",
                c.status.as_str(),
                c.basis.as_str(),
                esc(&c.status_text),
                esc(&c.label)
            );
            if let Some(n) = &c.needed {
                let _ = write!(out, "<p class=\"needed\">{}</p>", esc(n));
            }
            if let Some(r) = &c.reading {
                let _ = write!(out, "<p class=\"reading\">{}</p>", esc(r));
            }
            let _ = write!(
                out,
                "<p class=\"source\">{}{} {}</p></li>",
                esc(l.source),
                esc(&c.document_title),
                quote_html(&c.quote, c.quote_lang, c.translation.as_deref(), lang)
            );
        }
        out.push_str("</ul>");
    }
    if let Some((label, title, quote, translation)) = &e.amount_source {
        let _ = write!(
            out,
            "<h4>{}</h4><p class=\"source\">{}{} {}</p>",
            esc(label),
            esc(l.source),
            esc(title),
            quote_html(quote, crate::engine::chinese_script(quote), translation.as_deref(), lang)
        );
    }
    out.push_str("</details>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_pack;
    use crate::engine::{evaluate, Date};

    fn results(facts: serde_json::Value, lang: Lang) -> String {
        let pack = default_pack::pack();
        let facts = Facts::from_json(&pack.facts, &facts).unwrap();
        let verdicts = evaluate(&pack, &facts, Date::new(2026, 12, 3).unwrap());
        let r = results_html(&pack, &verdicts, &facts, lang);
        r.summary + &r.list
    }

    #[test]
    fn an_enterprise_sees_the_apprenticeship_subsidy_first_with_its_worked_sum() {
        let html = results(
            serde_json::json!({"applicant": "enterprise", "city": "qingdao", "district": "laoshan", "apprentice_occupation_class": "A", "apprentice_hours_per_year": 600,
                "apprentice_level": "senior", "apprentice_years": 2, "apprentice_count": 10, "apprentice_dual_system": true, "innovation_track": "none"}),
            Lang::Zh,
        );
        let first_card = html.find("data-testid=\"policy-card\"").unwrap();
        assert!(
            html[first_card..].starts_with("data-testid=\"policy-card\" data-policy=\"qd-apprenticeship-subsidy\""),
            "{}",
            &html[first_card..first_card + 120]
        );
        assert!(html.contains("6,000 元/人·年 × 2 年 × 10 人 = 120,000 元"));
        // The summary names it with its amount, and never adds up amounts.
        let summary = &html[..html.find("</section>").unwrap()];
        assert!(summary.contains("企业新型学徒制培训补贴") && summary.contains("最高 120,000 元"), "{summary}");
        assert!(summary.contains("根据您的回答，您可能可以获得 1 项政策。"), "{summary}");
    }

    #[test]
    fn nothing_empty_is_written_and_every_card_has_its_next_step() {
        let html = results(serde_json::json!({"applicant": "individual", "city": "qingdao", "district": "shinan", "age": 62, "retired": true}), Lang::Zh);
        assert!(!html.contains("(0)") && !html.contains("没有。"), "no empty sections");
        assert_eq!(html.matches("data-testid=\"policy-card\"").count(), html.matches("data-testid=\"next-step\"").count());
        // Not for her: one line each, collapsed, never a card.
        assert!(html.contains("<details class=\"one-line-list\" data-testid=\"group-not-for-you\">"));
        assert!(!html.contains("data-policy=\"qd-apprenticeship-subsidy\" data-status=\"not_applicable\"><h3"), "no card for a policy not for her");
    }

    #[test]
    fn a_card_under_its_group_title_keeps_the_whole_headline_and_marks_what_the_title_says() {
        let facts = serde_json::json!({"applicant": "individual", "city": "qingdao", "district": "shinan", "age": 62, "retired": true, "five_olds": ["teacher"],
            "talent_titles": [], "craftsman_titles": []});
        for lang in [Lang::Zh, Lang::En] {
            let html = results(facts.clone(), lang);
            for (group, lead) in [
                (ResultGroup::Likely, ["按我们对文章的理解，您可能符合；", "As we read the article, you may qualify; "]),
                (ResultGroup::Unclear, ["文章没有公布能确定您是否符合的条件，", "The article publishes no conditions that settle this for you: "]),
            ] {
                let lead = lead[if lang == Lang::Zh { 0 } else { 1 }];
                let at = html.find(&format!("data-testid=\"group-{}\"", group.as_str())).unwrap_or_else(|| panic!("no {group:?} group"));
                let section = &html[at..at + html[at..].find("</section>").unwrap()];
                assert!(section.contains(wording::group_title(group, lang)), "the title says it once");
                let cards = section.matches("class=\"card-status\"").count();
                assert!(cards > 0);
                assert_eq!(section.matches(&format!("<span class=\"status-lead\">{lead}</span><span class=\"status-rest\">")).count(), cards, "{section}");
            }
        }
    }

    #[test]
    fn pack_text_cannot_inject_markup_into_the_results() {
        let mut pack = default_pack::pack();
        pack.policies[0].name.zh = "<img src=x onerror=alert(1)>".into();
        pack.policies[0].apply.zh = "<script>alert(1)</script>".into();
        let facts = Facts::unknown(&pack.facts);
        let verdicts = evaluate(&pack, &facts, Date::new(2026, 12, 3).unwrap());
        let html = results_html(&pack, &verdicts, &facts, Lang::Zh);
        assert!(!html.list.contains("<img") && !html.list.contains("<script") && !html.summary.contains("<img"));
    }

    #[test]
    fn a_group_of_hundreds_shows_its_first_cards_and_the_rest_one_tap_away() {
        let pack = crate::pack::load(&crate::pack::generated_pack_files(&default_pack::files(), 400)).unwrap();
        let facts = Facts::from_json(&pack.facts, &serde_json::json!({"applicant": "enterprise", "city": "qingdao"})).unwrap();
        let verdicts = evaluate(&pack, &facts, Date::new(2026, 12, 3).unwrap());
        let html = results_html(&pack, &verdicts, &facts, Lang::En).list;
        let mut groups_split = 0;
        for group in ACTIONABLE {
            let in_group = verdicts.iter().filter(|v| ResultGroup::of(v.status) == group).count();
            let Some(start) = html.find(&format!("data-testid=\"group-{}\"", group.as_str())) else { continue };
            let section = &html[start..];
            let section = &section[..section.find("</section>").unwrap()];
            assert_eq!(section.matches("data-testid=\"policy-card\"").count(), in_group, "every card is written, some behind a tap");
            match section.find("data-testid=\"more-cards\"") {
                None => assert!(in_group <= CARDS_SHOWN, "{} cards of {group:?} shown at once", in_group),
                Some(more) => {
                    groups_split += 1;
                    assert_eq!(section[..more].matches("data-testid=\"policy-card\"").count(), CARDS_SHOWN);
                    assert!(section[more..].contains(&format!("Show the other {} policies in this group", in_group - CARDS_SHOWN)));
                    assert!(section.ends_with("</details>"), "the rest are inside the closed section");
                }
            }
        }
        assert!(groups_split > 0, "the generated pack must fill a group beyond {CARDS_SHOWN}");
    }
}
