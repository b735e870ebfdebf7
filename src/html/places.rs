//! "What if I worked elsewhere" as HTML text: for each place the pack
//! covers (other than the person's own), the policies whose result would
//! differ on the same answers, with their headline and amount in
//! `engine::wording`'s words, and the questions that place would still need.

use super::esc;
use crate::engine::{wording, Lang, Pack};
use crate::journey::Place;
use std::fmt::Write as _;

/// The differences listed for each place; the rest are counted. A province
/// can differ in hundreds of policies between two cities, and the person
/// reads the first few: those the place would offer come first.
pub const DIFFERENCES_SHOWN: usize = 8;

/// The places' comparison, each place a section; `data-place` is the
/// place's index in `places`, for its "answer these" button.
pub fn places_html(pack: &Pack, places: &[Place], lang: Lang) -> String {
    let mut out = format!("<p class=\"places-intro\">{}</p>", esc(wording::places_intro(lang)));
    for (ix, place) in places.iter().enumerate().filter(|(_, p)| !p.is_current) {
        let parts: Vec<&str> = place.answers.iter().map(|&(f, v)| pack.facts[f].kind.choices()[v as usize].label.get(lang)).collect();
        let key: Vec<&str> = place.answers.iter().map(|&(f, v)| pack.facts[f].kind.choices()[v as usize].id.as_str()).collect();
        let _ = write!(
            out,
            "<section class=\"place\" data-testid=\"place\" data-place=\"{}\"><h3>{}</h3>",
            esc(&key.join("/")),
            esc(&wording::place_name(&parts, lang))
        );
        if place.differences.is_empty() {
            let _ = write!(out, "<p>{}</p>", esc(wording::place_same(lang)));
        } else {
            out.push_str("<ul>");
            for v in place.differences.iter().take(DIFFERENCES_SHOWN) {
                let policy = &pack.policies[v.policy];
                let _ = write!(
                    out,
                    "<li data-testid=\"place-difference\" data-policy=\"{}\" data-status=\"{}\"><span class=\"summary-name\">{}</span> — {}",
                    esc(&policy.id),
                    v.status.as_str(),
                    esc(policy.name.get(lang)),
                    esc(&wording::headline(policy, v.status, lang))
                );
                if let Some(yuan) = v.max_amount.filter(|_| v.status.conditions_hold()) {
                    let _ = write!(out, " <span class=\"summary-amount\">{}</span>", esc(&wording::amount_text(v.status, yuan, lang)));
                }
                out.push_str("</li>");
            }
            out.push_str("</ul>");
            if let Some(more) = place.differences.len().checked_sub(DIFFERENCES_SHOWN).filter(|&n| n > 0) {
                let _ = write!(out, "<p data-testid=\"place-more\">{}</p>", esc(&wording::place_more(more, lang)));
            }
        }
        if !place.questions.is_empty() {
            let _ = write!(
                out,
                "<p>{} <button type=\"button\" class=\"button secondary no-print\" data-action=\"place-questions\" data-place-ix=\"{ix}\" data-testid=\"place-questions\">{}</button></p>",
                esc(&wording::place_questions(place.questions.len(), lang)),
                esc(wording::answer_these(lang))
            );
        }
        out.push_str("</section>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_pack;
    use crate::engine::{evaluate, Date, Facts};
    use crate::journey::compare_places;

    fn compared(json: serde_json::Value, lang: Lang) -> String {
        let pack = default_pack::pack();
        let facts = Facts::from_json(&pack.facts, &json).unwrap();
        let date = Date::new(2026, 12, 3).unwrap();
        let verdicts = evaluate(&pack, &facts, date);
        places_html(&pack, &compare_places(&pack, &facts, &verdicts, &[], date), lang)
    }

    #[test]
    fn a_doctorate_in_shinan_sees_each_other_place_the_pack_covers_and_never_outside_shandong() {
        let html = compared(serde_json::json!({"applicant": "individual", "city": "qingdao", "district": "shinan", "age": 35}), Lang::Zh);
        for place in ["qingdao/laoshan", "qingdao/gaoxin", "qingdao/pingdu", "qingdao/licang", "qingdao/other", "zaozhuang", "shandong_other"] {
            assert!(html.contains(&format!("data-place=\"{place}\"")), "{place} missing");
        }
        assert!(!html.contains("data-place=\"qingdao/shinan\""), "her own place is not compared with itself");
        assert!(!html.contains("data-place=\"other\""), "no policy of the pack reaches outside Shandong");
        assert!(html.contains("<h3>青岛市崂山区</h3>") && html.contains("<h3>枣庄市</h3>"));
        assert!(html.contains("不会让哪个地方显得更好或更差"));
    }

    #[test]
    fn what_differs_is_worded_as_the_results_are_and_an_amount_never_more_than_its_grounds() {
        let html = compared(serde_json::json!({"applicant": "individual", "city": "zaozhuang", "age": 35, "talent_titles": ["national_high_level"]}), Lang::En);
        let shinan = &html[html.find("data-place=\"qingdao/shinan\"").unwrap()..];
        let shinan = &shinan[..shinan.find("</section>").unwrap()];
        assert!(shinan.contains("data-testid=\"place-difference\""), "{shinan}");
        assert!(!shinan.contains("You qualify, up to"), "an office decides these: never a settled amount");
        assert!(html.contains("<h3>Laoshan District, Qingdao</h3>"));
    }

    #[test]
    fn a_place_that_differs_in_many_policies_lists_the_first_and_counts_the_rest() {
        let pack = crate::pack::load(&crate::pack::generated_pack_files(&crate::default_pack::files(), 400)).unwrap();
        let facts = Facts::from_json(&pack.facts, &serde_json::json!({"applicant": "individual", "city": "zaozhuang", "age": 40})).unwrap();
        let date = Date::new(2026, 12, 3).unwrap();
        let verdicts = evaluate(&pack, &facts, date);
        let places = compare_places(&pack, &facts, &verdicts, &[], date);
        let (ix, big) = places.iter().enumerate().max_by_key(|(_, p)| p.differences.len()).unwrap();
        assert!(big.differences.len() > DIFFERENCES_SHOWN + 1, "the generated pack must differ in many: {}", big.differences.len());
        let html = places_html(&pack, &places, Lang::En);
        let key: Vec<&str> = big.answers.iter().map(|&(f, v)| pack.facts[f].kind.choices()[v as usize].id.as_str()).collect();
        let section = &html[html.find(&format!("data-place=\"{}\"", key.join("/"))).unwrap()..];
        let section = &section[..section.find("</section>").unwrap()];
        assert_eq!(section.matches("data-testid=\"place-difference\"").count(), DIFFERENCES_SHOWN, "place {ix}");
        let more = big.differences.len() - DIFFERENCES_SHOWN;
        assert!(section.contains(&format!("{more} more policies' results would differ here too.")), "{section}");
    }

    #[test]
    fn pack_text_cannot_inject_markup_into_the_comparison() {
        let mut pack = default_pack::pack();
        let city = pack.fact_ix("city").unwrap();
        if let crate::engine::FactKind::Enum(choices) = &mut pack.facts[city].kind {
            choices[1].label.zh = "<img src=x onerror=alert(1)>".into();
        }
        let facts = Facts::unknown(&pack.facts);
        let date = Date::new(2026, 12, 3).unwrap();
        let verdicts = evaluate(&pack, &facts, date);
        let html = places_html(&pack, &compare_places(&pack, &facts, &verdicts, &[], date), Lang::Zh);
        assert!(html.contains("&lt;img") && !html.contains("<img"));
    }
}
