//! A synthetic pack of any size over the default pack's facts, for
//! measuring how the engine and the app scale (`policy generate`, the
//! benchmarks, the browser's scale check). Its policies are varied like real
//! ones: local scopes, one to four criteria on distinct facts, amounts,
//! validity windows, every decision and basis.

use super::{load, PackFiles};
use std::fmt::Write as _;

/// A small deterministic generator (64-bit LCG), so that the generated pack
/// is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A non-empty subset of `items`, in their order.
    fn subset<'a>(&mut self, items: &[&'a str]) -> Vec<&'a str> {
        loop {
            let chosen: Vec<&str> = items.iter().copied().filter(|_| self.chance(40)).collect();
            if !chosen.is_empty() {
                return chosen;
            }
        }
    }
}

fn quoted_list(items: &[&str]) -> String {
    format!("[{}]", items.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", "))
}

/// A generated policy's scope and criteria.
struct Generated {
    applicant: &'static str,
    place: String,
    place_label: String,
    /// (condition, zh label, en label), each over its own facts so that a
    /// policy's criteria never contradict each other.
    criteria: Vec<(String, String, String)>,
}

fn criteria_for(rng: &mut Lcg) -> Generated {
    let districts = ["shinan", "laoshan", "gaoxin", "pingdu", "licang", "other"];
    let talent = ["academician", "national_high_level", "taishan_leading", "state_council_allowance", "qingdao_allowance"];
    let roles = ["professional_technical", "skilled_worker", "student_or_jobseeker", "other"];
    let education = ["below_bachelor", "bachelor", "master", "doctorate"];
    let employers = ["zhuanjingtexin", "single_champion", "lithium_battery"];
    let bools = ["retired", "overseas_talent", "founded_enterprise", "team_lead", "labor_dispute", "new_business_form_worker"];
    let mut out = Vec::new();
    let mut applicant = *rng.pick(&["individual", "individual", "individual", "both"]);
    let mut add = |when: String, zh: String, en: String| out.push((when, zh, en));

    // Where: almost every policy is local.
    let (place, place_label) = match rng.below(10) {
        0..=5 if rng.chance(60) => {
            let ds = rng.subset(&districts);
            (format!("city == \"qingdao\" and district in {}", quoted_list(&ds)), ds.join("、"))
        }
        0..=5 => ("city == \"qingdao\"".to_string(), "青岛市".to_string()),
        6..=7 => ("city == \"zaozhuang\"".into(), "枣庄市".into()),
        8 => ("city in [\"qingdao\", \"zaozhuang\"]".into(), "青岛市、枣庄市".into()),
        _ => ("city in [\"qingdao\", \"zaozhuang\", \"shandong_other\"]".into(), "山东省".into()),
    };
    // Who: one to four more conditions on distinct facts.
    let mut slots: Vec<usize> = (0..9).collect();
    let extra = 1 + rng.below(4);
    for _ in 0..extra {
        let slot = slots.remove(rng.below(slots.len()));
        match slot {
            0 => {
                let t = 18 + rng.below(50) as i64;
                if rng.chance(50) {
                    add(format!("age >= {t}"), format!("您年满{t}周岁"), format!("You are {t} or older"));
                } else {
                    add(format!("age < {t}"), format!("您未满{t}周岁"), format!("You are under {t}"));
                }
            }
            1 => {
                let ts = rng.subset(&talent);
                let overseas = rng.chance(30);
                let when = format!("talent_titles has_any {}{}", quoted_list(&ts), if overseas { " or overseas_talent == true" } else { "" });
                add(when, "您持有所列人才称号".into(), "You hold one of the listed talent titles".into());
            }
            2 => {
                let rs = rng.subset(&roles);
                add(format!("role in {}", quoted_list(&rs)), "您的岗位类型符合".into(), "Your kind of job is one listed".into());
            }
            3 => {
                let es = rng.subset(&education);
                add(format!("education in {}", quoted_list(&es)), "您的学历符合".into(), "Your education is one listed".into());
            }
            4 => {
                let b = rng.pick(&bools);
                let yes = rng.chance(70);
                add(format!("{b} == {yes}"), format!("{b} 为 {yes}"), format!("{b} is {yes}"));
            }
            5 => {
                let e = rng.pick(&employers);
                add(format!("employer_kinds has \"{e}\""), "您所在企业类型符合".into(), "Your employer is of a listed kind".into());
            }
            6 => add(
                "five_olds is_not_empty or craftsman_titles is_not_empty".into(),
                "您是“五老”或持有工匠称号".into(),
                "You are one of the five elders or hold a craftsman title".into(),
            ),
            7 => {
                let h = 100 * (1 + rng.below(8) as i64);
                applicant = "enterprise";
                add(format!("apprentice_hours_per_year >= {h}"), format!("每年培训不少于{h}课时"), format!("At least {h} class hours a year"));
            }
            _ => {
                let r = 1 + rng.below(30) as i64;
                add("innovation_track in [\"enterprise\", \"studio\"]".into(), "您参加了全员创新决赛".into(), "You competed in the innovation final".into());
                add(format!("innovation_final_rank <= {r}"), format!("决赛前{r}名"), format!("Top {r} in the final"));
            }
        }
    }
    Generated { applicant, place, place_label, criteria: out }
}

/// A pack of `base`'s manifest and facts (the default pack's) and `n`
/// generated policies, each citing real sentences of `base`'s documents.
/// Deterministic: the same `n` always gives the same pack.
pub fn generated_pack_files(base: &PackFiles, n: usize) -> PackFiles {
    let manifest = ["pack.toml", "facts.toml"].map(|p| (p.to_string(), base.get(p).unwrap().to_string()));
    generated_policies(base, manifest, n, |_, _| None)
}

/// A synthetic province of `n` policies over `regions` cities: the default
/// pack's facts, but with `city` taking the values `c01`…`cK` and `other`
/// (outside the province), the district asked in `c01` only (its
/// district-like sub-regions), about n/K policies confined to each city and
/// about n/20 provincial ones, open in every city (`policy generate N
/// --regions K`, for measuring a pack split by region).
pub fn generated_province_files(base: &PackFiles, n: usize, regions: usize) -> PackFiles {
    let regions = regions.clamp(1, 99);
    let city = |k: usize| format!("c{:02}", k + 1);
    let facts = base.get("facts.toml").unwrap();
    // The city's values (and its hint, which names the real cities), then the district's gate.
    let start = facts.find("id = \"city\"").expect("the base pack asks the city");
    let hint = start + facts[start..].find("\nhint = ").expect("the city has a hint");
    let end = hint + facts[hint..].find("\n]\n").expect("the city's values end") + 3;
    let mut values = String::from("\nhint = { zh = \"生成的省份。\", en = \"A generated province.\" }\nvalues = [\n");
    for k in 0..regions {
        let _ = writeln!(values, "  {{ id = \"{0}\", zh = \"城市 {0}\", en = \"City {0}\" }},", city(k));
    }
    values.push_str("  { id = \"other\", zh = \"省外\", en = \"Outside the province\" },\n]\n");
    let facts = format!("{}{values}{}", &facts[..hint], &facts[end..]).replace("asked_when = 'city == \"qingdao\"'", "asked_when = 'city == \"c01\"'");
    let pack = base.get("pack.toml").unwrap();
    let pack = pack
        .lines()
        .enumerate()
        .map(|(n, line)| {
            // The pack's own id is its first `id`; the documents' follow.
            if line.starts_with("id = ") && !pack.lines().take(n).any(|l| l.starts_with("id = ")) {
                "id = \"generated-province\"".to_string()
            } else if line.starts_with("when = 'city in") {
                "when = 'city != \"other\"'".to_string()
            } else if line.starts_with("region = ") {
                format!("region = {{ zh = \"生成的省份（{regions} 个城市）\", en = \"A generated province of {regions} cities\" }}")
            } else if line.starts_with("note = ") {
                "note = { zh = \"本工具只涵盖本省的政策。\", en = \"This tool covers this province only.\" }".to_string()
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let manifest = [("pack.toml".to_string(), pack + "\n"), ("facts.toml".to_string(), facts)];
    generated_policies(base, manifest, n, move |i, rng| {
        Some(if i % 20 == 19 {
            ("city != \"other\"".to_string(), "全省".to_string())
        } else {
            let c = city(i % regions);
            match c.as_str() {
                "c01" if rng.chance(40) => {
                    let ds = rng.subset(&["shinan", "laoshan", "gaoxin", "pingdu", "licang", "other"]);
                    (format!("city == \"c01\" and district in {}", quoted_list(&ds)), format!("城市 c01 {}", ds.join("、")))
                }
                _ => (format!("city == \"{c}\""), format!("城市 {c}")),
            }
        })
    })
}

/// The manifest and facts given, and `n` generated policies; `place` may
/// set a policy's scope place and its label in place of the default pack's
/// cities.
fn generated_policies(base: &PackFiles, manifest: [(String, String); 2], n: usize, place: impl Fn(usize, &mut Lcg) -> Option<(String, String)>) -> PackFiles {
    let seed = load(base).expect("the base pack loads");
    let sources: Vec<(String, String)> = seed
        .policies
        .iter()
        .flat_map(|p| p.criteria.iter().map(|c| (seed.documents[c.rule.source.document].id.clone(), c.rule.source.quote.clone())))
        .collect();
    let mut pairs: Vec<(String, String)> = manifest.into();
    let mut rng = Lcg(0x005e_ed0f_2026);
    let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    for i in 0..n {
        let id = format!("gen-{i:04}");
        let mut t = String::new();
        let _ = writeln!(t, "id = \"{id}\"");
        let _ = writeln!(t, "name = {{ zh = \"生成的政策 {i}\", en = \"Generated policy {i}\" }}");
        let _ = writeln!(t, "issuer = {{ zh = \"青岛市\", en = \"Qingdao Municipality\" }}");
        let _ = writeln!(t, "jurisdiction = \"qingdao\"");
        let _ = writeln!(t, "benefit = {{ zh = \"第 {i} 项扶持\", en = \"Support number {i}\" }}");
        let _ = writeln!(t, "apply = {{ zh = \"请向有关部门确认。\", en = \"Confirm with the authorities.\" }}");
        // Every policy cites its article, even one with no criterion or amount.
        let (doc, quote) = &sources[i % sources.len()];
        let _ = writeln!(t, "source = {{ document = \"{doc}\", quote = \"{}\" }}", esc(quote));
        let decision = *rng.pick(&["entitlement", "review", "selection", "service"]);
        let _ = writeln!(t, "decision = \"{decision}\"");
        if decision == "review" || decision == "selection" {
            let _ = writeln!(t, "decided_by = {{ zh = \"青岛市\", en = \"Qingdao\" }}");
        }
        if rng.chance(10) {
            let _ = writeln!(t, "valid_from = 2024-01-01\nvalid_until = {}-12-31", 2025 + rng.below(3));
        }
        let mut generated = criteria_for(&mut rng);
        if let Some((p, label)) = place(i, &mut rng) {
            (generated.place, generated.place_label) = (p, label);
        }
        let applicant = if generated.applicant == "both" { "[\"individual\", \"enterprise\"]".to_string() } else { format!("\"{}\"", generated.applicant) };
        let _ = writeln!(t, "\n[scope]\napplicant = {applicant}\nplace = '{}'", generated.place);
        let _ = writeln!(t, "place_label = {{ zh = \"{0}\", en = \"{0}\" }}", generated.place_label);
        let (doc, quote) = rng.pick(&sources).clone();
        if rng.chance(35) {
            let formula = match rng.below(3) {
                0 => format!("{}", 1000 * (1 + rng.below(500))),
                1 => "if age >= 35 then 10000 else 20000".to_string(),
                _ => "(if education in [\"master\", \"doctorate\"] then 30000 else 10000) * 2".to_string(),
            };
            let _ = writeln!(t, "\n[amount]\nformula = '{formula}'");
            let _ = writeln!(t, "label = {{ zh = \"最高金额\", en = \"Maximum amount\" }}");
            let _ = writeln!(t, "source = {{ document = \"{doc}\", quote = \"{}\" }}", esc(&quote));
        }
        for (when, zh, en) in generated.criteria {
            let (doc, quote) = rng.pick(&sources).clone();
            // Half stated; of the rest, every third only the article's example.
            let basis = if rng.chance(50) {
                "stated"
            } else if i % 3 == 0 {
                "example"
            } else {
                "inferred"
            };
            let _ = writeln!(t, "\n[[criterion]]\nwhen = '{when}'\nbasis = \"{basis}\"");
            let _ = writeln!(t, "label = {{ zh = \"{}\", en = \"{}\" }}", esc(&zh), esc(&en));
            if basis != "stated" {
                let _ = writeln!(t, "reading = {{ zh = \"生成的理解 {i}\", en = \"Generated reading {i}\" }}");
            }
            let _ = writeln!(t, "source = {{ document = \"{doc}\", quote = \"{}\" }}", esc(&quote));
        }
        pairs.push((format!("rules/{id}.toml"), t));
    }
    PackFiles::from_pairs(pairs)
}
