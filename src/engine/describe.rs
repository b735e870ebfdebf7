//! A policy described for reading, before any answer: the library's page in
//! the app and the static page `policy docs` writes both render this one
//! text, so that the two never say different things.

use super::wording;
use super::{truth, Basis, Date, FactIx, FactKind, Facts, Lang, Pack, Policy, Truth, Validity, Value};

/// Which government issued a policy: the library groups policies this way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IssuerLevel {
    Province,
    City,
    District,
}

impl IssuerLevel {
    pub const ALL: [IssuerLevel; 3] = [IssuerLevel::Province, IssuerLevel::City, IssuerLevel::District];

    /// From the place the policy applies to, as the pack's place questions
    /// know it: a place that is a choice of a question asked of everyone is a
    /// city; one asked only within a city is a district (or county-level
    /// city); a place no question offers is the whole province.
    pub fn of(pack: &Pack, policy: &Policy) -> IssuerLevel {
        match pack.region(&policy.jurisdiction).map(|answers| answers.len()) {
            Some(1) => IssuerLevel::City,
            Some(_) => IssuerLevel::District,
            None => IssuerLevel::Province,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            IssuerLevel::Province => "province",
            IssuerLevel::City => "city",
            IssuerLevel::District => "district",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (IssuerLevel::Province, Lang::Zh) => "省级政策",
            (IssuerLevel::Province, Lang::En) => "Provincial policies",
            (IssuerLevel::City, Lang::Zh) => "市级政策",
            (IssuerLevel::City, Lang::En) => "City policies",
            (IssuerLevel::District, Lang::Zh) => "区（市）级政策",
            (IssuerLevel::District, Lang::En) => "District and county-level policies",
        }
    }
}

/// Where a sentence comes from, as a reader sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quoted {
    pub document_title: String,
    /// The source sentence, verbatim.
    pub quote: String,
    /// The quote's language tag: `zh`, or `zh-Hant` for a Traditional source.
    pub quote_lang: &'static str,
    /// The quote in English (ours), for English readers.
    pub translation: Option<String>,
    /// The language of the page it is shown on.
    pub lang: Lang,
}

/// One condition of a policy, before any answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionText {
    pub label: String,
    pub basis: Basis,
    /// "文章明确写明" / "我们的理解" / "文章举的例子".
    pub basis_label: &'static str,
    /// For a condition that is not stated: that it is our reading or the
    /// article's example, and why.
    pub reading: Option<String>,
    pub source: Quoted,
}

/// A policy's page: everything the article says about it, in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    pub id: String,
    pub name: String,
    pub issuer: String,
    /// Who it is for ("个人 · 青岛市市南区").
    pub scope: String,
    pub benefit: String,
    /// What single places add, each with its place ("在青岛市市南区：…").
    pub local_benefits: Vec<String>,
    /// The amount's wording ("最高 5000 万元 …") and where it comes from.
    pub amount: Option<(String, Quoted)>,
    pub conditions: Vec<ConditionText>,
    /// How it is decided, and by whom.
    pub decision: String,
    pub validity: String,
    /// Whether the policy is not in force on the date, in words ("该政策有效期为 … 已过期").
    pub validity_note: Option<String>,
    pub apply: String,
    /// Where single places name their own office or route, with the place.
    pub local_apply: Vec<String>,
    /// Where a condition is our reading: whom to confirm it with.
    pub reading_note: Option<String>,
    /// When its sources are more than two years old on the date: the
    /// report's year, and that the policy may have changed.
    pub source_age_note: Option<String>,
}

/// The headings of a policy's page, shared by the app and the static pages.
pub struct Labels {
    pub all_policies: &'static str,
    pub scope: &'static str,
    pub benefit: &'static str,
    pub amount: &'static str,
    pub criteria_heading: &'static str,
    pub no_criteria: &'static str,
    pub source: &'static str,
    pub decision: &'static str,
    pub issuer: &'static str,
    pub validity: &'static str,
    pub where_to_apply: &'static str,
    pub rules_as_of: &'static str,
    /// The button (app) or link (static page) that checks one policy.
    pub check_this: &'static str,
    /// Above what to do about a result.
    pub next_step: &'static str,
    /// The toggle of a result's full text, conditions and sources.
    pub details: &'static str,
    /// The control that reads a question or a result aloud, and the
    /// header's switch that shows those controls.
    pub read_aloud: &'static str,
    /// Under every page: what this page is and is not.
    pub disclaimer: &'static str,
}

pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

static ZH: Labels = Labels {
    all_policies: "全部政策",
    scope: "适用对象",
    benefit: "政策内容",
    amount: "金额",
    criteria_heading: "条件",
    no_criteria: "除适用对象外，文章未列出其他条件。",
    source: "出处：",
    decision: "如何决定",
    issuer: "发布单位",
    validity: "有效期",
    where_to_apply: "如何申请",
    rules_as_of: "政策整理截至",
    check_this: "看看我是否适用",
    next_step: "下一步",
    details: "查看详情",
    read_aloud: "朗读",
    disclaimer: "本页根据新闻报道整理，仅供参考；是否符合条件、能否获得，以发布单位的决定为准。",
};

static EN: Labels = Labels {
    all_policies: "All policies",
    scope: "Who it is for",
    benefit: "What you get",
    amount: "Amount",
    criteria_heading: "Conditions",
    no_criteria: "The article sets no condition beyond who it is for.",
    source: "Source: ",
    decision: "How it is decided",
    issuer: "Issued by",
    validity: "Valid",
    where_to_apply: "How to apply",
    rules_as_of: "Rules as of",
    check_this: "Check whether this applies to me",
    next_step: "Next step",
    details: "Details",
    read_aloud: "Read aloud",
    disclaimer: "Compiled from news reports, for guidance only; whether you qualify and what you receive is for the issuer to decide.",
};

/// Describes `policy` of `pack` in `lang`, as it stands on `date` (whether
/// it is in force, how old its sources are).
pub fn describe(pack: &Pack, policy: &Policy, lang: Lang, date: Date) -> Sheet {
    let quoted = |s: &super::Source| Quoted {
        document_title: pack.documents[s.document].title.get(lang).to_string(),
        quote: s.quote.clone(),
        quote_lang: chinese_script(&s.quote),
        translation: s.translation.clone(),
        lang,
    };

    let local = |part: fn(&super::LocalBenefit) -> Option<&super::Text>| -> Vec<String> {
        policy.local.iter().filter_map(|l| part(l).map(|t| wording::local_text(l.place_label.get(lang), t.get(lang), lang))).collect()
    };
    Sheet {
        id: policy.id.clone(),
        name: policy.name.get(lang).to_string(),
        issuer: policy.issuer.get(lang).to_string(),
        scope: wording::scope_text(policy, lang),
        benefit: policy.benefit.get(lang).to_string(),
        local_benefits: local(|l| Some(&l.benefit)),
        amount: policy.amount.as_ref().map(|a| (a.rule.label.get(lang).to_string(), quoted(&a.rule.source))),
        conditions: policy
            .criteria
            .iter()
            .map(|c| ConditionText {
                label: c.rule.label.get(lang).to_string(),
                basis: c.basis,
                basis_label: wording::basis_label(c.basis, lang),
                reading: wording::reading_text(c.basis, c.reading.as_ref().map(|r| r.get(lang)), lang),
                source: quoted(&c.rule.source),
            })
            .collect(),
        decision: wording::decision_text(policy, lang),
        validity: validity_text(&policy.validity, lang),
        validity_note: policy.validity.out_of_force(date).and_then(|s| wording::validity_note(&policy.validity, s, lang)),
        apply: policy.apply.get(lang).to_string(),
        local_apply: local(|l| l.apply.as_ref()),
        reading_note: wording::reading_note(policy, lang),
        source_age_note: policy.source_age(date).map(|year| wording::source_age_note(policy, year, lang)),
    }
}

/// A policy's dates in words.
pub fn validity_text(validity: &Validity, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match (validity.from, validity.until) {
        (None, None) => (if zh { "文章未写明期限" } else { "The article gives no dates" }).to_string(),
        (Some(from), None) => {
            if zh {
                format!("自 {from} 起")
            } else {
                format!("From {from}")
            }
        }
        (None, Some(until)) => {
            if zh {
                format!("至 {until} 止")
            } else {
                format!("Until {until}")
            }
        }
        (Some(from), Some(until)) => format!("{from} – {until}"),
    }
}

/// Whether a quote is in Traditional characters (`zh-Hant`) or not (`zh`),
/// so that a reader's browser and screen reader treat it right. Judged by
/// characters that exist only in the Traditional script and are common in
/// policy texts; a quote with none of them reads the same either way.
pub fn chinese_script(text: &str) -> &'static str {
    const TRADITIONAL_ONLY: &str = "與為區會發證務業學們這個說來時從對將還開關過種經實現點員於產資質級務鄉鎮圖書館單職稱頒獎勵補貼領導體隊專術藝華國際續";
    if text.chars().any(|c| TRADITIONAL_ONLY.contains(c)) {
        "zh-Hant"
    } else {
        "zh"
    }
}

/// The kinds of applicant a library can filter by: the one fact the
/// policies' scopes ask about applicants, with its choices. `None` when the
/// scopes read no such single question.
pub fn applicant_fact(pack: &Pack) -> Option<FactIx> {
    let mut facts = pack.policies.iter().flat_map(|p| p.scope.applicant.facts());
    let first = facts.next()?;
    (facts.all(|f| f == first) && matches!(pack.facts[first].kind, FactKind::Enum(_))).then_some(first)
}

/// The policies whose name or benefit, in either language, contains every
/// word of `query` (split at spaces; Chinese is matched as a substring,
/// since it has no word breaks; Latin letters ignore case), and that may be
/// for an applicant who gives `applicant`'s answer (false only where a
/// policy's scope rules that kind out), in pack order.
pub fn search(pack: &Pack, query: &str, applicant: Option<(FactIx, Value)>) -> Vec<usize> {
    let words: Vec<String> = query.split_whitespace().map(|w| w.to_ascii_lowercase()).collect();
    let answered = applicant.map(|(fact, value)| {
        let mut facts = Facts::unknown(&pack.facts);
        facts.set(fact, Some(value));
        facts
    });
    pack.policies
        .iter()
        .enumerate()
        .filter(|(_, p)| answered.as_ref().is_none_or(|facts| truth(&p.scope.applicant, facts) != Truth::False))
        .filter(|(_, p)| {
            words.is_empty() || {
                let mut haystack: Vec<String> = [&p.name.zh, &p.name.en, &p.benefit.zh, &p.benefit.en, &p.id].iter().map(|s| s.to_ascii_lowercase()).collect();
                // Its keywords, and what single places add, are part of what it gives.
                haystack.extend(p.keywords.iter().flat_map(|k| [&k.zh, &k.en]).map(|s| s.to_ascii_lowercase()));
                haystack
                    .extend(p.local.iter().flat_map(|l| [&l.benefit.zh, &l.benefit.en, &l.place_label.zh, &l.place_label.en]).map(|s| s.to_ascii_lowercase()));
                words.iter().all(|w| haystack.iter().any(|h| h.contains(w.as_str())))
            }
        })
        .map(|(ix, _)| ix)
        .collect()
}

/// `policies` grouped by issuer level, province first; empty groups left out.
pub fn by_level(pack: &Pack, policies: &[usize]) -> Vec<(IssuerLevel, Vec<usize>)> {
    // Each policy's level once: it is worked out from the pack's questions.
    let levelled: Vec<(IssuerLevel, usize)> = policies.iter().map(|&p| (IssuerLevel::of(pack, &pack.policies[p]), p)).collect();
    IssuerLevel::ALL
        .iter()
        .map(|&level| (level, levelled.iter().filter(|(l, _)| *l == level).map(|&(_, p)| p).collect::<Vec<_>>()))
        .filter(|(_, group)| !group.is_empty())
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::fixtures::mini_pack_with;

    /// A Traditional article, for the test pack's manifest.
    const TRADITIONAL_ARTICLE: &str = r#"
[[document]]
id = "seed-004"
file = "004_traditional.txt"
reported = 2024
title = { zh = "文章丁", en = "Article D" }
"#;

    /// A provincial card for enterprises, found by a keyword, with what one
    /// city adds, quoting the Traditional article.
    const PROVINCIAL_CARD: &str = r#"
id = "huicai"
name = { zh = "山东惠才卡", en = "Shandong Huicai Card" }
issuer = { zh = "山东省", en = "Shandong Province" }
jurisdiction = "shandong"
benefit = { zh = "持卡人享受绿色通道服务。", en = "Card holders get a green channel." }
keywords = { zh = "人才卡", en = "talent card" }
apply = { zh = "文章未给出受理部门。", en = "The article names no office." }
decision = "service"

[scope]
applicant = "enterprise"
place = 'city in ["qingdao", "zaozhuang"]'
place_label = { zh = "青岛市、枣庄市", en = "Qingdao and Zaozhuang" }

[[local]]
when = 'city == "zaozhuang"'
place_label = { zh = "枣庄市", en = "Zaozhuang" }
benefit = { zh = "另给予补贴。", en = "A grant as well." }

[[criterion]]
when = 'talent_titles is_not_empty'
basis = "stated"
label = { zh = "持有人才称号", en = "You hold a talent title" }
source = { document = "seed-004", quote = "積極為符合條件的高層次人才申領、發放省市惠才卡" }
"#;

    /// The test pack (a district card, a city grant, a district service)
    /// and the provincial card.
    fn pack() -> Pack {
        mini_pack_with(&[("pack.toml", TRADITIONAL_ARTICLE), ("rules/huicai.toml", PROVINCIAL_CARD)])
    }

    fn ids(pack: &Pack, found: &[usize]) -> Vec<String> {
        found.iter().map(|&p| pack.policies[p].id.clone()).collect()
    }

    #[test]
    fn search_matches_chinese_substrings_and_english_words_in_either_language() {
        let pack = pack();
        assert_eq!(ids(&pack, &search(&pack, "惠才卡", None)), ["huicai"]);
        // A query in the other language finds the same policies, whatever its case.
        assert_eq!(search(&pack, "HUICAI card", None), search(&pack, "惠才卡", None));
        // Words people use that the names do not: a policy's keywords.
        assert_eq!(ids(&pack, &search(&pack, "人才卡", None)), ["card", "huicai"]);
        assert_eq!(search(&pack, "TALENT Card", None), search(&pack, "人才卡", None));
        // Every word must match, wherever it is (the provincial card names
        // what Zaozhuang gives its holders).
        assert_eq!(ids(&pack, &search(&pack, "人才卡 枣庄", None)), ["huicai"]);
        assert_eq!(ids(&pack, &search(&pack, "补贴", None)), ["grant", "huicai"]);
        assert!(search(&pack, "惠才卡 不存在的词", None).is_empty());
        // An empty query is the whole pack, in pack order.
        assert_eq!(search(&pack, "  ", None), (0..pack.policies.len()).collect::<Vec<_>>());
    }

    #[test]
    fn the_applicant_filter_keeps_what_may_be_for_that_kind() {
        let pack = pack();
        let applicant = applicant_fact(&pack).expect("the scopes read one applicant question");
        let FactKind::Enum(choices) = &pack.facts[applicant].kind else { unreachable!() };
        let person = Value::Enum(choices.iter().position(|c| c.id == "individual").unwrap() as u8);
        let enterprise = Value::Enum(choices.iter().position(|c| c.id == "enterprise").unwrap() as u8);
        let people = search(&pack, "", Some((applicant, person)));
        let firms = search(&pack, "", Some((applicant, enterprise)));
        assert_eq!(ids(&pack, &people), ["card", "grant", "service"]);
        assert_eq!(ids(&pack, &firms), ["card", "huicai", "service"]);
    }

    #[test]
    fn policies_are_grouped_by_the_level_of_their_issuer() {
        let pack = pack();
        let all: Vec<usize> = (0..pack.policies.len()).collect();
        let groups: Vec<(IssuerLevel, Vec<String>)> = by_level(&pack, &all).into_iter().map(|(level, g)| (level, ids(&pack, &g))).collect();
        let group = |level: IssuerLevel, ids: &[&str]| (level, ids.iter().map(|id| id.to_string()).collect::<Vec<_>>());
        assert_eq!(
            groups,
            [
                // Shandong is no answer of any question.
                group(IssuerLevel::Province, &["huicai"]),
                // Qingdao is an answer to the city question, asked of everyone.
                group(IssuerLevel::City, &["grant"]),
                // Shinan and the Hi-tech Zone are answers to the district
                // question, asked only in Qingdao.
                group(IssuerLevel::District, &["card", "service"]),
            ]
        );
    }

    #[test]
    fn a_sheet_carries_every_condition_with_its_basis_and_source() {
        let pack = pack();
        assert!(pack.policies.iter().any(|p| p.all_stated()) && pack.policies.iter().any(|p| !p.all_stated()), "stated and inferred conditions");
        for policy in &pack.policies {
            for lang in [Lang::Zh, Lang::En] {
                let sheet = describe(&pack, policy, lang, crate::engine::Date::new(2026, 12, 3).unwrap());
                assert_eq!(sheet.conditions.len(), policy.criteria.len());
                for (c, text) in policy.criteria.iter().zip(&sheet.conditions) {
                    assert_eq!(text.source.quote, c.rule.source.quote);
                    assert_eq!(text.reading.is_some(), c.basis != Basis::Stated);
                }
                assert_eq!(sheet.reading_note.is_some(), !policy.all_stated());
                assert!(!sheet.scope.is_empty() && !sheet.decision.is_empty() && !sheet.apply.is_empty());
            }
        }
    }

    #[test]
    fn quotes_from_the_traditional_article_are_tagged_zh_hant_and_no_other() {
        let pack = pack();
        let traditional = pack.documents.iter().position(|d| d.file.starts_with("004_")).unwrap();
        let mut tagged = 0;
        for policy in &pack.policies {
            let sheet = describe(&pack, policy, Lang::Zh, crate::engine::Date::new(2026, 12, 3).unwrap());
            for (c, text) in policy.criteria.iter().zip(&sheet.conditions) {
                let expected = if c.rule.source.document == traditional { "zh-Hant" } else { "zh" };
                assert_eq!(text.source.quote_lang, expected, "{}: {}", policy.id, c.rule.source.quote);
                tagged += usize::from(expected == "zh-Hant");
            }
        }
        assert_eq!(tagged, 1);
    }

    #[test]
    fn validity_says_what_the_article_gives() {
        let d = |s| Some(crate::engine::Date::parse(s).unwrap());
        assert_eq!(validity_text(&Validity { from: None, until: None }, Lang::Zh), "文章未写明期限");
        assert_eq!(validity_text(&Validity { from: d("2024-01-01"), until: None }, Lang::En), "From 2024-01-01");
        assert_eq!(validity_text(&Validity { from: d("2024-01-01"), until: d("2025-12-31") }, Lang::Zh), "2024-01-01 – 2025-12-31");
    }
}
