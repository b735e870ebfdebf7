//! Explanations: a verdict in plain sentences, in the applicant's language:
//! who the policy is for, each criterion with its status, its basis and its
//! source, and who decides.

use super::{Basis, CriterionStatus, Decision, Facts, Lang, OutOfScope, Pack, Policy, Status, Verdict};

/// One criterion of a policy, explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriterionLine {
    pub label: String,
    pub status: CriterionStatus,
    /// "符合" / "Met", so that status never rests on colour or an icon alone.
    pub status_text: String,
    pub basis: Basis,
    /// For an inferred criterion: "我们对文章的理解" and why, shown beside
    /// the article's own words.
    pub reading: Option<String>,
    pub document_title: String,
    /// The source sentence, verbatim (in the language of the source).
    pub quote: String,
}

/// A policy's verdict as sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub policy_id: String,
    pub name: String,
    pub issuer: String,
    pub benefit: String,
    pub apply: String,
    pub status: Status,
    /// The status in words ("符合条件" / "You qualify"; for a reviewed
    /// benefit, who decides).
    pub headline: String,
    /// Who the policy is for ("个人 · 青岛市市南区").
    pub scope: String,
    /// How the benefit is granted and by whom.
    pub decision: String,
    /// "最高 120,000 元", or "如获批准，最高 …" where someone decides; only
    /// once every condition holds and the amount is known.
    pub amount: Option<String>,
    /// Where the amount comes from: its label, the document's title and the
    /// sentence, for any policy that has an amount.
    pub amount_source: Option<(String, String, String)>,
    pub criteria: Vec<CriterionLine>,
    /// For an ineligible policy, the labels of the criteria not met.
    pub failed: Vec<String>,
    /// Where exactly one criterion fails: a sentence saying it is the one
    /// thing that would change the result.
    pub only_failure: Option<String>,
    /// For a policy that is not for the applicant, one line saying why.
    pub not_for_you: Option<String>,
    /// For an undetermined policy, the questions still to answer.
    pub still_needed: Vec<String>,
    /// Where some criterion is our reading of the article: confirm with the office.
    pub reading_note: Option<String>,
    /// In scope, but the applicant is outside what the pack covers: say so.
    pub coverage_note: Option<String>,
    /// For a policy not in force on the date, its dates.
    pub validity_note: Option<String>,
}

/// Explains `verdict` (made from `facts`) in `lang`.
pub fn explain(pack: &Pack, verdict: &Verdict, facts: &Facts, lang: Lang) -> Explanation {
    let policy = &pack.policies[verdict.policy];
    let zh = lang == Lang::Zh;
    let t = |zh_text: &str, en_text: &str| if zh { zh_text.to_string() } else { en_text.to_string() };
    let criteria: Vec<CriterionLine> = policy
        .criteria
        .iter()
        .zip(&verdict.criteria)
        .map(|(c, s)| CriterionLine {
            label: c.rule.label.get(lang).to_string(),
            status: *s,
            status_text: criterion_status_text(*s, lang).to_string(),
            basis: c.basis,
            reading: (c.basis == Basis::Inferred).then(|| reading_text(c.reading.as_ref(), lang)),
            document_title: pack.documents[c.rule.source.document].title.get(lang).to_string(),
            quote: c.rule.source.quote.clone(),
        })
        .collect();
    // Failed criteria explain an "ineligible" verdict; a policy out of force
    // or out of scope is not for the applicant whatever the answers, so
    // nothing "failed" there and no near miss is offered.
    let failed: Vec<String> = if verdict.status == Status::Ineligible { verdict.failed().map(|i| criteria[i].label.clone()).collect() } else { Vec::new() };
    let only_failure = (verdict.status == Status::Ineligible && failed.len() == 1).then(|| {
        if zh {
            format!("只有一项条件不满足：“{}”。这是唯一会改变结果的一项。", failed[0])
        } else {
            format!("Only one condition is not met: “{}”. It is the one thing that would change the result.", failed[0])
        }
    });
    let not_for_you = verdict.out_of_scope.map(|why| match why {
        OutOfScope::Applicant => format!("{}{}", t("仅面向", "Only for "), lower_first(policy.scope.applicant_label.get(lang), lang)),
        OutOfScope::Place => format!("{}{}", t("仅面向", "Only for "), policy.scope.place_label.get(lang)),
        OutOfScope::Coverage => {
            pack.coverage.as_ref().map_or_else(|| t("不在本工具涵盖的地区", "Outside the area this tool covers"), |c| c.note.get(lang).to_string())
        }
    });
    let still_needed = if verdict.status == Status::Undetermined {
        verdict.missing.iter().map(|f| pack.facts[*f].worded(facts).0.get(lang).to_string()).collect()
    } else {
        Vec::new()
    };
    let fmt_date = |d: Option<super::Date>| d.map_or_else(|| t("不限", "open"), |d| d.to_string());
    let validity_note = matches!(verdict.status, Status::Expired | Status::NotYetEffective).then(|| {
        let (from, until) = (fmt_date(policy.validity.from), fmt_date(policy.validity.until));
        match (verdict.status, zh) {
            (Status::Expired, true) => format!("该政策有效期为 {from} 至 {until}，已过期。"),
            (Status::Expired, false) => format!("This policy ran from {from} to {until} and has ended."),
            (_, true) => format!("该政策有效期为 {from} 至 {until}，尚未生效。"),
            (_, false) => format!("This policy runs from {from} to {until} and has not started yet."),
        }
    });
    let decider = policy.decider().get(lang);
    let amount = verdict.max_amount.map(|n| match verdict.status {
        Status::MeetsConditions => format_amount_if_approved(n, lang),
        _ => format_amount(n, lang),
    });
    let coverage_note =
        (verdict.outside_coverage && verdict.status != Status::NotApplicable).then(|| pack.coverage.as_ref().map(|c| c.note.get(lang).to_string())).flatten();
    Explanation {
        policy_id: policy.id.clone(),
        name: policy.name.get(lang).to_string(),
        issuer: policy.issuer.get(lang).to_string(),
        benefit: policy.benefit.get(lang).to_string(),
        apply: policy.apply.get(lang).to_string(),
        status: verdict.status,
        headline: headline(policy, verdict.status, lang),
        scope: scope_text(policy, lang),
        decision: decision_text(policy.decision, decider, lang),
        amount,
        amount_source: policy
            .amount
            .as_ref()
            .map(|a| (a.label.get(lang).to_string(), pack.documents[a.source.document].title.get(lang).to_string(), a.source.quote.clone())),
        criteria,
        failed,
        only_failure,
        not_for_you,
        still_needed,
        reading_note: (!policy.all_stated()).then(|| reading_note(decider, lang)),
        coverage_note,
        validity_note,
    }
}

/// Beside an inferred condition: it is our reading of the article, and why.
pub(super) fn reading_text(why: Option<&super::Text>, lang: Lang) -> String {
    match (why, lang) {
        (Some(why), Lang::Zh) => format!("这是我们对文章的理解，文章原文见下：{}", why.get(lang)),
        (Some(why), Lang::En) => format!("This is our reading of the article; its own words are below: {}", why.get(lang)),
        (None, Lang::Zh) => "这是我们对文章的理解，文章原文见下。".into(),
        (None, Lang::En) => "This is our reading of the article; its own words are below.".into(),
    }
}

/// Under a policy with an inferred condition: whom to confirm it with.
pub(super) fn reading_note(decider: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("部分条件是我们根据文章作出的理解，文章并未明确写出（详情中标注为“我们的理解”）；请向{decider}确认。"),
        Lang::En => format!(
            "Some conditions are our reading of the article, which does not state them as such (marked “Our reading” in the details): confirm with {decider}."
        ),
    }
}

/// "Shinan District" stays; "An enterprise" becomes "an enterprise" mid-sentence.
/// ASCII only: `char::to_lowercase` would pull Unicode case tables (11 KB)
/// into the browser's wasm for one article.
fn lower_first(text: &str, lang: Lang) -> String {
    match (lang, text.split(' ').next()) {
        (Lang::En, Some("A" | "An")) => format!("a{}", &text[1..]),
        _ => text.to_string(),
    }
}

/// Who a policy is for, in words: "个人 · 青岛市市南区".
pub fn scope_text(policy: &Policy, lang: Lang) -> String {
    format!("{} · {}", policy.scope.applicant_label.get(lang), policy.scope.place_label.get(lang))
}

/// The headline of a result: never "you qualify" where someone else decides
/// or where a condition is our reading.
pub fn headline(policy: &Policy, status: Status, lang: Lang) -> String {
    if status != Status::MeetsConditions {
        return status_text(status, lang).to_string();
    }
    let who = policy.decider().get(lang);
    match (policy.decision, lang) {
        (Decision::Review, Lang::Zh) => format!("符合公开条件，最终由{who}审核决定"),
        (Decision::Review, Lang::En) => format!("You meet the published conditions; {who} decides after review"),
        (Decision::Selection, Lang::Zh) => format!("符合公开条件，最终由{who}评选决定"),
        (Decision::Selection, Lang::En) => format!("You meet the published conditions; {who} selects among candidates"),
        (_, Lang::Zh) => format!("按我们对文章的理解符合条件，请向{who}确认"),
        (_, Lang::En) => format!("You meet the conditions as we read the article; confirm with {who}"),
    }
}

/// How a benefit is granted, and by whom.
pub fn decision_text(decision: Decision, who: &str, lang: Lang) -> String {
    match (decision, lang) {
        (Decision::Entitlement, Lang::Zh) => "按公布的条件和标准给予".into(),
        (Decision::Entitlement, Lang::En) => "Granted on the published conditions and rates".into(),
        (Decision::Review, Lang::Zh) => format!("由{who}审核决定"),
        (Decision::Review, Lang::En) => format!("{who} reviews each application and decides"),
        (Decision::Selection, Lang::Zh) => format!("由{who}从申请人中评选"),
        (Decision::Selection, Lang::En) => format!("{who} selects among the candidates"),
        (Decision::Service, Lang::Zh) => "面向适用对象开放的服务，无需评审".into(),
        (Decision::Service, Lang::En) => "A service open to everyone it is for, with no selection".into(),
    }
}

/// A status in words.
pub fn status_text(status: Status, lang: Lang) -> &'static str {
    match (status, lang) {
        (Status::Eligible, Lang::Zh) => "符合条件",
        (Status::Eligible, Lang::En) => "You qualify",
        (Status::MeetsConditions, Lang::Zh) => "符合公开条件，待审核或评选",
        (Status::MeetsConditions, Lang::En) => "You meet the published conditions; others decide",
        (Status::Ineligible, Lang::Zh) => "不符合条件",
        (Status::Ineligible, Lang::En) => "You do not qualify",
        (Status::Undetermined, Lang::Zh) => "可能符合，还需更多信息",
        (Status::Undetermined, Lang::En) => "You may qualify: more answers needed",
        (Status::NotApplicable, Lang::Zh) => "不适用于您",
        (Status::NotApplicable, Lang::En) => "Not for you",
        (Status::Expired, Lang::Zh) => "已过期",
        (Status::Expired, Lang::En) => "No longer in force",
        (Status::NotYetEffective, Lang::Zh) => "尚未生效",
        (Status::NotYetEffective, Lang::En) => "Not yet in force",
    }
}

/// A criterion status in words.
pub fn criterion_status_text(status: CriterionStatus, lang: Lang) -> &'static str {
    match (status, lang) {
        (CriterionStatus::Met, Lang::Zh) => "符合",
        (CriterionStatus::Met, Lang::En) => "Met",
        (CriterionStatus::NotMet, Lang::Zh) => "不符合",
        (CriterionStatus::NotMet, Lang::En) => "Not met",
        (CriterionStatus::Unknown, Lang::Zh) => "尚不确定",
        (CriterionStatus::Unknown, Lang::En) => "Not known yet",
    }
}

/// "最高 120,000 元" / "Up to 120,000 yuan".
pub fn format_amount(yuan: i64, lang: Lang) -> String {
    let digits = yuan.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if yuan < 0 {
        grouped.insert(0, '-');
    }
    match lang {
        Lang::Zh => format!("最高 {grouped} 元"),
        Lang::En => format!("Up to {grouped} yuan"),
    }
}

/// "如获批准，最高 50,000,000 元" / "Up to 50,000,000 yuan if approved".
pub fn format_amount_if_approved(yuan: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("如获批准，{}", format_amount(yuan, lang)),
        Lang::En => format!("{} if approved", format_amount(yuan, lang)),
    }
}

/// An answer in words, for the answers check: the choice's label, "是/否",
/// the number with its unit, or "都没有 / None" for an empty set.
pub fn value_label(def: &super::FactDef, value: super::Value, lang: Lang) -> String {
    use super::Value;
    let choices = def.kind.choices();
    match value {
        Value::Bool(b) => match (b, lang) {
            (true, Lang::Zh) => "是".into(),
            (false, Lang::Zh) => "否".into(),
            (true, Lang::En) => "Yes".into(),
            (false, Lang::En) => "No".into(),
        },
        Value::Int(n) => match &def.unit {
            Some(u) => format!("{n} {}", u.get(lang)),
            None => n.to_string(),
        },
        Value::Date(d) => d.to_string(),
        Value::Enum(i) => choices.get(usize::from(i)).map_or_else(String::new, |c| c.label.get(lang).to_string()),
        Value::Set(0) => if lang == Lang::Zh { "都没有" } else { "None" }.into(),
        Value::Set(mask) => {
            let sep = if lang == Lang::Zh { "、" } else { "; " };
            choices.iter().enumerate().filter(|(i, _)| mask & (1u64 << i) != 0).map(|(_, c)| c.label.get(lang)).collect::<Vec<_>>().join(sep)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(format_amount(120_000, Lang::Zh), "最高 120,000 元");
        assert_eq!(format_amount(50_000_000, Lang::En), "Up to 50,000,000 yuan");
        assert_eq!(format_amount(999, Lang::En), "Up to 999 yuan");
        assert_eq!(format_amount_if_approved(50_000_000, Lang::Zh), "如获批准，最高 50,000,000 元");
        assert_eq!(format_amount_if_approved(50_000_000, Lang::En), "Up to 50,000,000 yuan if approved");
    }
}
