//! Explanations: a verdict in plain sentences, in the applicant's language:
//! who the policy is for, each criterion with its status, its basis and its
//! source, what a failed one needed and what was answered, and who decides.
//! The words themselves are [`super::wording`]'s; this only gathers them.

use super::wording::{self, value_label};
use super::{chinese_script, eval::truth, Basis, CriterionStatus, Facts, Lang, Pack, Policy, Status, Truth, Verdict};

/// One criterion of a policy, explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriterionLine {
    pub label: String,
    pub status: CriterionStatus,
    /// "符合" / "Met", so that status never rests on colour or an icon alone.
    pub status_text: String,
    pub basis: Basis,
    /// "文章明确写明" / "我们的理解" / "文章举的例子".
    pub basis_label: &'static str,
    /// For a condition that is not stated: that it is our reading or the
    /// article's example, and why, shown beside the article's own words.
    pub reading: Option<String>,
    /// For a condition not met: what was needed and what was answered
    /// ("需要：您是技能工人（您的回答：其他）").
    pub needed: Option<String>,
    pub document_title: String,
    /// The source sentence, verbatim (in the language of the source).
    pub quote: String,
    /// The quote's language tag: `zh`, or `zh-Hant` for a Traditional source.
    pub quote_lang: &'static str,
    /// The quote in English (ours).
    pub translation: Option<String>,
}

/// A policy's verdict as sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub policy_id: String,
    pub name: String,
    pub issuer: String,
    /// What it gives, with what the applicant's own place adds (Shinan's
    /// own services for card holders, shown only in Shinan).
    pub benefit: String,
    /// What it gives in one line, for a results card.
    pub summary: String,
    /// Where to apply, as the article says, with the applicant's place's.
    pub apply: String,
    pub status: Status,
    /// The status in words, as strong as its grounds ("符合条件"; "按我们对
    /// 文章的理解，您可能符合；最终由崂山区评选决定").
    pub headline: String,
    /// Who the policy is for ("个人 · 青岛市市南区").
    pub scope: String,
    /// How the benefit is granted and by whom.
    pub decision: String,
    /// "最高 120,000 元", or "如获批准，最高 …" unless the person qualifies
    /// outright; only once every condition holds and the amount is known.
    pub amount: Option<String>,
    /// The amount worked out with the applicant's own numbers ("6,000 元/人·年
    /// × 2 年 × 10 人 = 120,000 元"), where the formula is a product.
    pub worked_sum: Option<String>,
    /// Where the amount comes from: its label, the document's title, the
    /// sentence and its English, for any policy that has an amount.
    pub amount_source: Option<(String, String, String, Option<String>)>,
    pub criteria: Vec<CriterionLine>,
    /// The labels of the criteria that rule the policy out: stated ones for
    /// "ineligible", inferred ones for "unlikely".
    pub failed: Vec<String>,
    /// The same criteria as what was needed and what was answered.
    pub needed: Vec<String>,
    /// Where exactly one stated criterion fails: a sentence saying it is the
    /// one thing that would change the result.
    pub only_failure: Option<String>,
    /// For a policy that is not for the applicant, one line saying why.
    pub not_for_you: Option<String>,
    /// For an undetermined policy, the questions still to answer.
    pub still_needed: Vec<String>,
    /// For an unclear result: that the article publishes no conditions, and
    /// what it does say (its examples and figures).
    pub unclear_note: Option<String>,
    /// Where some criterion is our reading of the article: confirm with the office.
    pub reading_note: Option<String>,
    /// In scope, but the applicant is outside what the pack covers: say so.
    pub coverage_note: Option<String>,
    /// For a policy not in force on the date, its dates.
    pub validity_note: Option<String>,
    /// For a policy whose sources are more than two years old: the year of
    /// the report, and that it may have changed.
    pub source_age_note: Option<String>,
}

/// Explains `verdict` (made from `facts`) in `lang`.
pub fn explain(pack: &Pack, verdict: &Verdict, facts: &Facts, lang: Lang) -> Explanation {
    let policy = &pack.policies[verdict.policy];
    let criteria: Vec<CriterionLine> = policy
        .criteria
        .iter()
        .zip(&verdict.criteria)
        .map(|(c, s)| {
            let label = c.rule.label.get(lang).to_string();
            let needed = (*s == CriterionStatus::NotMet).then(|| match &c.not_met {
                Some(said) => said.get(lang).to_string(),
                None => wording::needed_line(c.basis, &label, &answered(pack, &c.rule.facts, facts, lang), lang),
            });
            CriterionLine {
                status: *s,
                status_text: wording::criterion_status_text(*s, c.basis, lang).to_string(),
                basis: c.basis,
                basis_label: wording::basis_label(c.basis, lang),
                reading: wording::reading_text(c.basis, c.reading.as_ref().map(|r| r.get(lang)), lang),
                needed,
                document_title: pack.documents[c.rule.source.document].title.get(lang).to_string(),
                quote: c.rule.source.quote.clone(),
                quote_lang: chinese_script(&c.rule.source.quote),
                translation: c.rule.source.translation.clone(),
                label,
            }
        })
        .collect();
    // Failed criteria explain a result that rules the policy out; a policy
    // out of force or out of scope is not for the applicant whatever the
    // answers, so nothing "failed" there and no near miss is offered.
    let ruled_out_by = match verdict.status {
        Status::Ineligible => Some(Basis::Stated),
        Status::Unlikely => Some(Basis::Inferred),
        _ => None,
    };
    let failing: Vec<&CriterionLine> = criteria.iter().filter(|c| c.status == CriterionStatus::NotMet && Some(c.basis) == ruled_out_by).collect();
    let failed: Vec<String> = failing.iter().map(|c| c.label.clone()).collect();
    let needed: Vec<String> = failing.iter().filter_map(|c| c.needed.clone()).collect();
    let only_failure = (verdict.status == Status::Ineligible && failed.len() == 1).then(|| wording::only_failure(&failed[0], lang));
    let unclear_note = (verdict.status == Status::Unclear).then(|| {
        let readings: Vec<&str> = policy
            .criteria
            .iter()
            .zip(&verdict.criteria)
            .filter(|(c, s)| c.basis == Basis::Example && **s == CriterionStatus::NotMet)
            .filter_map(|(c, _)| c.reading.as_ref().map(|r| r.get(lang)))
            .collect();
        wording::unclear_note(&readings, lang)
    });
    let still_needed = if verdict.status == Status::Undetermined {
        verdict.missing.iter().map(|f| pack.facts[*f].worded(facts).0.get(lang).to_string()).collect()
    } else {
        Vec::new()
    };
    let coverage_note =
        (verdict.outside_coverage && verdict.status != Status::NotApplicable).then(|| pack.coverage.as_ref().map(|c| c.note.get(lang).to_string())).flatten();
    Explanation {
        policy_id: policy.id.clone(),
        name: policy.name.get(lang).to_string(),
        issuer: policy.issuer.get(lang).to_string(),
        benefit: with_local(policy, facts, lang, policy.benefit.get(lang), |l| Some(&l.benefit)),
        summary: policy.summary.as_ref().map_or_else(|| first_sentence(policy.benefit.get(lang)), |s| s.get(lang).to_string()),
        apply: with_local(policy, facts, lang, policy.apply.get(lang), |l| l.apply.as_ref()),
        status: verdict.status,
        headline: wording::headline(policy, verdict.status, lang),
        scope: wording::scope_text(policy, lang),
        decision: wording::decision_text(policy, lang),
        amount: verdict.max_amount.map(|n| wording::amount_text(verdict.status, n, lang)),
        worked_sum: verdict.max_amount.and_then(|_| super::worked_sum(policy, facts, &pack.facts)).map(|sum| wording::worked_sum_text(&sum, lang)),
        amount_source: policy.amount.as_ref().map(|a| {
            let s = &a.rule.source;
            (a.rule.label.get(lang).to_string(), pack.documents[s.document].title.get(lang).to_string(), s.quote.clone(), s.translation.clone())
        }),
        criteria,
        failed,
        needed,
        only_failure,
        not_for_you: verdict.out_of_scope.map(|why| wording::not_for_you(pack, policy, why, lang)),
        still_needed,
        unclear_note,
        reading_note: wording::reading_note(policy, lang),
        coverage_note,
        validity_note: wording::validity_note(&policy.validity, verdict.status, lang),
        source_age_note: verdict.source_age.map(|year| wording::source_age_note(policy, year, lang)),
    }
}

/// A text's first sentence (a results card's one line, where the pack gives none).
fn first_sentence(text: &str) -> String {
    match text.find('。').map(|i| i + '。'.len_utf8()).or_else(|| text.find(". ").map(|i| i + 1)) {
        Some(end) => text[..end].to_string(),
        None => text.to_string(),
    }
}

/// The answers given to the facts a condition reads, in words ("其他").
fn answered(pack: &Pack, read: &[super::FactIx], facts: &Facts, lang: Lang) -> String {
    let words: Vec<String> = read.iter().filter_map(|&f| facts.get(f).map(|v| value_label(&pack.facts[f], v, lang))).collect();
    words.join(if lang == Lang::Zh { "，" } else { ", " })
}

/// A text with the parts that the applicant's own place adds, each with its
/// place ("在青岛市市南区：…"); parts of other places, or of a place not yet
/// known, are left out.
fn with_local<'p>(policy: &'p Policy, facts: &Facts, lang: Lang, base: &str, part: impl Fn(&'p super::LocalBenefit) -> Option<&'p super::Text>) -> String {
    let mut text = base.to_string();
    for local in policy.local.iter().filter(|l| truth(&l.when, facts) == Truth::True) {
        if let Some(t) = part(local) {
            text.push(' ');
            text.push_str(&wording::local_text(local.place_label.get(lang), t.get(lang), lang));
        }
    }
    text
}
