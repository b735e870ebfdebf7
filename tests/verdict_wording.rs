//! What the results say to the people of issue 16, in both languages, as
//! the pages, the receipt and `policy eval` show it: every verdict as strong
//! as its grounds and no stronger (catalogue revision 3).

use policy_explainer::default_pack;
use policy_explainer::engine::{evaluate, explain, Date, Explanation, Facts, Lang, Pack, Status};
use serde_json::json;

fn pack() -> Pack {
    default_pack::pack()
}

fn revision_3_day() -> Date {
    Date::new(2026, 12, 3).unwrap()
}

/// One policy's explanation for `facts` (JSON answers) on `date`.
fn explained(pack: &Pack, facts: serde_json::Value, id: &str, date: Date, lang: Lang) -> Explanation {
    let facts = Facts::from_json(&pack.facts, &facts).unwrap();
    let ix = pack.policy_ix(id).unwrap();
    explain(pack, &evaluate(pack, &facts, date)[ix], &facts, lang)
}

#[test]
fn a_laoshan_doctorate_without_a_title_is_told_the_article_cannot_settle_housing_with_its_5031_figure() {
    let pack = pack();
    let facts = json!({"applicant": "individual", "city": "qingdao", "district": "laoshan", "education": "doctorate", "talent_titles": []});
    for lang in Lang::ALL {
        let e = explained(&pack, facts.clone(), "ls-talent-housing", revision_3_day(), lang);
        assert_eq!(e.status, Status::Unclear);
        assert!(!e.headline.contains("不符合") && !e.headline.contains("do not qualify"), "{}", e.headline);
        assert!(e.unclear_note.as_deref().unwrap().contains("5031"), "{:?}", e.unclear_note);
        assert!(e.only_failure.is_none(), "no 'the one thing that would change the result'");
        assert!(e.failed.is_empty() && e.needed.is_empty(), "an example is not held against anyone");
        assert!(e.amount.is_none());
    }
    let zh = explained(&pack, facts, "ls-talent-housing", revision_3_day(), Lang::Zh);
    assert_eq!(zh.headline, "文章没有公布能确定您是否符合的条件，请向崂山区咨询");
    // The title condition reads as the article's example, with what was answered.
    let line = &zh.criteria[0];
    assert_eq!((line.basis_label, line.status_text.as_str()), ("文章举的例子", "不属于文章举的例子"));
    assert_eq!(line.needed.as_deref(), Some("文章举的例子：您是两院院士、国家级高层次人才、泰山产业领军人才或国务院政府特殊津贴专家（您的回答：都没有）"));
}

#[test]
fn a_zaozhuang_expert_with_the_qingdao_allowance_is_not_refused_the_card_and_hears_of_577_cards() {
    let pack = pack();
    let facts = json!({"applicant": "individual", "city": "zaozhuang", "talent_titles": ["qingdao_allowance"]});
    let zh = explained(&pack, facts.clone(), "zz-huicai-card", revision_3_day(), Lang::Zh);
    let en = explained(&pack, facts, "zz-huicai-card", revision_3_day(), Lang::En);
    assert_eq!((zh.status, en.status), (Status::Unclear, Status::Unclear));
    assert!(zh.unclear_note.unwrap().contains("577"));
    assert!(en.unclear_note.unwrap().contains("577"));
    assert_eq!(en.headline, "The article publishes no conditions that settle this for you: ask Zaozhuang Municipality");
    // Zaozhuang's sources are of 2023: more than two years old in 2026.
    assert!(zh.source_age_note.unwrap().contains("2023"));
}

#[test]
fn every_skilled_worker_in_laoshan_may_be_considered_as_we_read_it_never_meets_published_conditions() {
    let pack = pack();
    let facts = json!({"applicant": "individual", "city": "qingdao", "district": "laoshan", "role": "skilled_worker", "craftsman_titles": []});
    let zh = explained(&pack, facts.clone(), "ls-craftsman-recognition", revision_3_day(), Lang::Zh);
    let en = explained(&pack, facts, "ls-craftsman-recognition", revision_3_day(), Lang::En);
    assert_eq!(zh.status, Status::Likely);
    assert_eq!(zh.headline, "按我们对文章的理解，您可能符合；最终由崂山区评选决定");
    assert_eq!(en.headline, "As we read the article, you may qualify; Laoshan District selects among candidates");
    assert!(!zh.headline.contains("符合公开条件") && !en.headline.contains("published"));
    // Both its conditions are our reading: "all", never "some".
    assert!(zh.reading_note.unwrap().starts_with("这些条件都是我们对文章的理解"));
    assert!(en.reading_note.unwrap().starts_with("These conditions are all our reading"));
}

#[test]
fn a_laoshan_craftsman_is_told_they_hold_the_title_not_that_they_may_be_selected() {
    let pack = pack();
    let facts = json!({"applicant": "individual", "city": "qingdao", "district": "laoshan", "role": "skilled_worker", "craftsman_titles": ["laoshan"]});
    let e = explained(&pack, facts, "ls-craftsman-recognition", revision_3_day(), Lang::Zh);
    assert_eq!(e.status, Status::Unlikely);
    assert_eq!(e.needed, ["您已获评“崂山工匠”，这项评选是为尚未获评的人举办的"]);
    assert!(!e.headline.contains("可能符合"));
}

#[test]
fn the_eleven_policies_resting_on_our_reading_never_say_published_conditions_when_met() {
    // Every policy with a condition that is not stated, met: "likely".
    let pack = pack();
    let met = json!({
        "applicant": "individual", "city": "qingdao", "district": "laoshan", "age": 65, "retired": true,
        "role": "skilled_worker", "talent_titles": ["academician"], "craftsman_titles": ["qingdao"], "founded_enterprise": true,
        "team_lead": true, "labor_dispute": true
    });
    let facts = Facts::from_json(&pack.facts, &met).unwrap();
    let verdicts = evaluate(&pack, &facts, revision_3_day());
    let mut likely = 0;
    for v in &verdicts {
        let policy = &pack.policies[v.policy];
        if v.status.conditions_hold() && !policy.all_stated() {
            likely += 1;
            assert_eq!(v.status, Status::Likely, "{}", policy.id);
            for lang in Lang::ALL {
                let e = explain(&pack, v, &facts, lang);
                assert!(!e.headline.contains("符合公开条件") && !e.headline.contains("published conditions"), "{}: {}", policy.id, e.headline);
            }
        }
    }
    assert!(likely >= 6, "only {likely} likely results");
}

#[test]
fn pingdu_is_not_offered_the_hi_tech_zone_hall_and_is_told_where_to_ask() {
    let pack = pack();
    let facts = json!({"applicant": "individual", "city": "qingdao", "district": "pingdu"});
    let zh = explained(&pack, facts.clone(), "gx-assisted-service", revision_3_day(), Lang::Zh);
    assert_eq!(zh.status, Status::NotApplicable);
    assert_eq!(zh.not_for_you.as_deref(), Some("这是青岛高新区的服务；其他区(市)的帮办服务请向当地政务服务中心咨询"));
    let en = explained(&pack, facts, "gx-assisted-service", revision_3_day(), Lang::En);
    assert!(en.not_for_you.unwrap().starts_with("This is the Qingdao Hi-tech Zone's service"));
}

#[test]
fn the_ended_zaozhuang_training_is_not_for_a_qingdao_enterprise_or_someone_outside_shandong_never_expired() {
    let pack = pack();
    for facts in [json!({"applicant": "enterprise", "city": "qingdao"}), json!({"applicant": "individual", "city": "other"})] {
        let e = explained(&pack, facts.clone(), "zz-new-business-training", revision_3_day(), Lang::Zh);
        assert_eq!(e.status, Status::NotApplicable, "{facts}");
        assert!(e.validity_note.is_none(), "{facts}: no dates for a policy that is not for them");
        assert!(e.not_for_you.is_some());
    }
    let outside = explained(&pack, json!({"applicant": "individual", "city": "other"}), "zz-new-business-training", revision_3_day(), Lang::Zh);
    assert_eq!(outside.not_for_you.as_deref(), Some("本工具只涵盖青岛市、枣庄市的政策指引；其他城市的政策请向当地人才工作部门咨询。"));
}

#[test]
fn the_2019_shinan_measures_say_how_old_their_report_is_on_any_day_of_2026() {
    let pack = pack();
    let facts = json!({"applicant": "individual", "city": "qingdao", "district": "shinan"});
    for day in [Date::new(2026, 1, 1).unwrap(), revision_3_day(), Date::new(2026, 12, 31).unwrap()] {
        for id in ["sn-high-level-talent-support", "sn-talent-team-support"] {
            let zh = explained(&pack, facts.clone(), id, day, Lang::Zh);
            assert_eq!(zh.source_age_note.as_deref(), Some("这项政策的信息来自 2019 年的报道，此后可能已有变化；请向市南区确认。"), "{id} on {day}");
            let en = explained(&pack, facts.clone(), id, day, Lang::En);
            assert!(en.source_age_note.unwrap().contains("a report of 2019"));
        }
    }
    // The apprenticeship subsidy's 2025 report is recent.
    let firm = json!({"applicant": "enterprise", "city": "qingdao"});
    assert!(explained(&pack, firm, "qd-apprenticeship-subsidy", revision_3_day(), Lang::Zh).source_age_note.is_none());
}

#[test]
fn a_failed_condition_reads_as_what_was_needed_and_what_was_answered() {
    let pack = pack();
    // The purple-collar chain, for someone who answered "other".
    let facts = json!({"applicant": "individual", "city": "qingdao", "role": "other"});
    let zh = explained(&pack, facts.clone(), "qd-purple-collar-training", revision_3_day(), Lang::Zh);
    assert_eq!(zh.status, Status::Unlikely);
    assert_eq!(zh.needed.len(), 1);
    assert!(zh.needed[0].starts_with("需要：您是"), "{}", zh.needed[0]);
    assert!(zh.needed[0].contains("（您的回答：其他（包括退休人员"), "{}", zh.needed[0]);
    let en = explained(&pack, facts, "qd-purple-collar-training", revision_3_day(), Lang::En);
    assert!(en.needed[0].starts_with("Needed: you are"), "{}", en.needed[0]);
    assert!(en.needed[0].contains("(you answered: "), "{}", en.needed[0]);
    // A stated threshold, with the number answered and its unit.
    let firm = json!({"applicant": "enterprise", "city": "qingdao", "apprentice_hours_per_year": 400});
    let e = explained(&pack, firm, "qd-apprenticeship-subsidy", revision_3_day(), Lang::Zh);
    assert_eq!(e.status, Status::Ineligible);
    assert_eq!(e.needed, ["需要：每年培训不少于500课时（您的回答：400 课时）"]);
    assert!(e.only_failure.is_some());
}

#[test]
fn the_provincial_card_names_no_reviewer_and_shows_each_place_its_own_services_only() {
    let pack = pack();
    let shinan = json!({"applicant": "individual", "city": "qingdao", "district": "shinan", "talent_titles": ["state_council_allowance"]});
    let zaozhuang = json!({"applicant": "individual", "city": "zaozhuang", "talent_titles": ["state_council_allowance"]});
    let laoshan = json!({"applicant": "individual", "city": "qingdao", "district": "laoshan", "talent_titles": ["state_council_allowance"]});
    let s = explained(&pack, shinan, "sd-huicai-card", revision_3_day(), Lang::Zh);
    let z = explained(&pack, zaozhuang, "sd-huicai-card", revision_3_day(), Lang::Zh);
    let l = explained(&pack, laoshan, "sd-huicai-card", revision_3_day(), Lang::Zh);
    assert_eq!(s.status, Status::Likely);
    assert_eq!(s.headline, "按我们对文章的理解，您可能符合；文章未说明由哪个部门审核，发布方为山东省");
    assert!(s.decision.contains("文章未说明由哪个部门审核"), "{}", s.decision);
    assert!(s.benefit.contains("一对一") && !s.benefit.contains("29项"), "{}", s.benefit);
    assert!(s.apply.contains("市南区人社部门"));
    assert!(z.benefit.contains("29项") && !z.benefit.contains("一对一"), "{}", z.benefit);
    assert!(!z.apply.contains("市南区人社部门"));
    assert!(!l.benefit.contains("29项") && !l.benefit.contains("一对一"), "{}", l.benefit);
}

#[test]
fn an_entitlement_without_an_amount_never_speaks_of_published_rates_and_english_kinds_read_as_a_sentence() {
    let pack = pack();
    for policy in &pack.policies {
        for lang in Lang::ALL {
            let text = policy_explainer::engine::wording::decision_text(policy, lang);
            if policy.amount.is_none() {
                assert!(!text.contains("标准") && !text.contains("rates"), "{}: {text}", policy.id);
            }
        }
        let en = policy_explainer::engine::scope_text(policy, Lang::En);
        assert!(!en.contains(" or An "), "{}: {en}", policy.id);
    }
    let team = pack.policy("sn-talent-team-support").unwrap();
    assert_eq!(policy_explainer::engine::scope_text(team, Lang::En), "An individual or an enterprise · Shinan District, Qingdao");
}
