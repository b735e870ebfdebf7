//! Explanations: a verdict in plain sentences, in the applicant's language,
//! each criterion with its status and its source.

use super::{Certainty, CriterionStatus, Lang, Pack, Status, Verdict};

/// One criterion of a policy, explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriterionLine {
    pub label: String,
    pub status: CriterionStatus,
    /// "符合" / "Met", so that status never rests on colour or an icon alone.
    pub status_text: String,
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
    /// The status in words ("符合条件" / "You qualify").
    pub headline: String,
    /// "最高 120,000 元" for an eligible policy with a known amount.
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
    /// For an undetermined policy, the questions still to answer.
    pub still_needed: Vec<String>,
    /// For indicative criteria: confirm with the office.
    pub indicative_note: Option<String>,
    /// For a policy not in force on the date, its dates.
    pub validity_note: Option<String>,
}

/// Explains `verdict` in `lang`.
pub fn explain(pack: &Pack, verdict: &Verdict, lang: Lang) -> Explanation {
    let policy = &pack.policies[verdict.policy];
    let zh = lang == Lang::Zh;
    let t = |zh_text: &str, en_text: &str| if zh { zh_text.to_string() } else { en_text.to_string() };
    let criteria: Vec<CriterionLine> = policy
        .criteria
        .iter()
        .zip(&verdict.criteria)
        .map(|(c, s)| CriterionLine {
            label: c.label.get(lang).to_string(),
            status: *s,
            status_text: criterion_status_text(*s, lang).to_string(),
            document_title: pack.documents[c.source.document].title.get(lang).to_string(),
            quote: c.source.quote.clone(),
        })
        .collect();
    // Failed criteria explain an "ineligible" verdict; a policy out of force
    // is not in force whatever the answers, so nothing "failed" there.
    let failed: Vec<String> = if verdict.status == Status::Ineligible { verdict.failed().map(|i| criteria[i].label.clone()).collect() } else { Vec::new() };
    let only_failure = (verdict.status == Status::Ineligible && failed.len() == 1).then(|| {
        if zh {
            format!("只有一项条件不满足：“{}”。这是唯一会改变结果的一项。", failed[0])
        } else {
            format!("Only one condition is not met: “{}”. It is the one thing that would change the result.", failed[0])
        }
    });
    let still_needed = if verdict.status == Status::Undetermined {
        verdict.missing.iter().map(|f| pack.facts[*f].question.get(lang).to_string()).collect()
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
    Explanation {
        policy_id: policy.id.clone(),
        name: policy.name.get(lang).to_string(),
        issuer: policy.issuer.get(lang).to_string(),
        benefit: policy.benefit.get(lang).to_string(),
        apply: policy.apply.get(lang).to_string(),
        status: verdict.status,
        headline: status_text(verdict.status, lang).to_string(),
        amount: verdict.max_amount.map(|n| format_amount(n, lang)),
        amount_source: policy.amount.as_ref().map(|a| (a.label.get(lang).to_string(), pack.documents[a.source.document].title.get(lang).to_string(), a.source.quote.clone())),
        criteria,
        failed,
        only_failure,
        still_needed,
        indicative_note: (policy.certainty == Certainty::Indicative).then(|| {
            t(
                "此政策的条件根据新闻报道整理，仅供参考，请向办理部门确认。",
                "These criteria come from news reports and are indicative: confirm with the issuing office.",
            )
        }),
        validity_note,
    }
}

/// A status in words.
pub fn status_text(status: Status, lang: Lang) -> &'static str {
    match (status, lang) {
        (Status::Eligible, Lang::Zh) => "符合条件",
        (Status::Eligible, Lang::En) => "You qualify",
        (Status::Ineligible, Lang::Zh) => "不符合条件",
        (Status::Ineligible, Lang::En) => "You do not qualify",
        (Status::Undetermined, Lang::Zh) => "可能符合，还需更多信息",
        (Status::Undetermined, Lang::En) => "You may qualify: more answers needed",
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
    }
}
