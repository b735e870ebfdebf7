//! Every word that states or qualifies a result, in one place: the
//! headline of each status, who decides, the basis of a condition, what a
//! failed condition needed, the notes on our reading, old sources, dates and
//! scope, amounts and the names of the results' groups.
//!
//! The app's cards and summary, the results page, the printout and the
//! kiosk receipt, the library and the static pages (through
//! [`super::explain`] and [`super::describe`]), `policy eval` and the
//! studio's preview all take their words from here, so a verdict can never
//! say more on one screen than on another. A verdict is as strong as its
//! weakest ground (catalogue revision 3): never "you qualify" where someone
//! else decides or a condition is our reading, never "you do not qualify"
//! where the article publishes no such condition.

use super::{Basis, CriterionStatus, Decision, Lang, OutOfScope, Pack, Policy, ResultGroup, Status, Validity};

/// Picks the text of the language.
fn pick<T>(lang: Lang, zh: T, en: T) -> T {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Who examines or selects, in the article's words: the office it names, or
/// that it names none (then the issuer).
enum Decider<'a> {
    Named(&'a str),
    Unnamed { issuer: &'a str },
}

fn decider(policy: &Policy, lang: Lang) -> Decider<'_> {
    match &policy.decided_by {
        Some(who) => Decider::Named(who.get(lang)),
        None => Decider::Unnamed { issuer: policy.issuer.get(lang) },
    }
}

/// "最终由崂山区审核决定" / "Laoshan District decides after review", or that
/// the article names no office; for an entitlement or a service, whom to
/// confirm with.
fn who_decides(policy: &Policy, lang: Lang) -> String {
    let selects = policy.decision == Decision::Selection;
    match (policy.decision.is_discretionary(), decider(policy, lang), lang) {
        (true, Decider::Named(who), Lang::Zh) => format!("最终由{who}{}决定", if selects { "评选" } else { "审核" }),
        (true, Decider::Named(who), Lang::En) => {
            if selects {
                format!("{who} selects among candidates")
            } else {
                format!("{who} decides after review")
            }
        }
        (true, Decider::Unnamed { issuer }, Lang::Zh) => format!("文章未说明由哪个部门{}，发布方为{issuer}", if selects { "评选" } else { "审核" }),
        (true, Decider::Unnamed { issuer }, Lang::En) => {
            format!("the article does not say which office {} (the issuer is {issuer})", if selects { "selects" } else { "reviews applications" })
        }
        (false, _, Lang::Zh) => format!("请向{}确认", policy.decider().zh),
        (false, _, Lang::En) => format!("confirm with {}", policy.decider().en),
    }
}

/// The headline of a result: what the person may take from it, as strong as
/// its grounds and no stronger.
pub fn headline(policy: &Policy, status: Status, lang: Lang) -> String {
    let (lead, rest) = headline_parts(policy, status, lang);
    lead.to_owned() + &rest
}

/// A headline in two parts: what it shares with the title of its result
/// group (our reading, published conditions, no settling conditions), and
/// what is this policy's own (who decides, whom to ask). A card drawn
/// under its group's title shows the second part (the title, on screen and
/// on paper, says the first) and keeps the first for screen readers, so
/// that a phone does not repeat a line per card; a card alone (the
/// library's) shows both. The lead is empty where the headline is short, or
/// says what the title does not.
pub fn headline_parts(policy: &Policy, status: Status, lang: Lang) -> (&'static str, String) {
    let ask = policy.decider().get(lang);
    match (status, lang) {
        (Status::MeetsConditions, Lang::Zh) => ("符合公开条件，", who_decides(policy, lang)),
        (Status::MeetsConditions, Lang::En) => ("You meet the published conditions; ", who_decides(policy, lang)),
        // A service or an entitlement says "may be for you", which the
        // group's title ("may qualify") does not: its card keeps it all.
        (Status::Likely, Lang::Zh) if !policy.decision.is_discretionary() => ("", format!("按我们对文章的理解，您可能适用；{}", who_decides(policy, lang))),
        (Status::Likely, Lang::En) if !policy.decision.is_discretionary() => {
            ("", format!("As we read the article, this may be for you; {}", who_decides(policy, lang)))
        }
        (Status::Likely, Lang::Zh) => ("按我们对文章的理解，您可能符合；", who_decides(policy, lang)),
        (Status::Likely, Lang::En) => ("As we read the article, you may qualify; ", who_decides(policy, lang)),
        (Status::Unclear, Lang::Zh) => ("文章没有公布能确定您是否符合的条件，", format!("请向{ask}咨询")),
        (Status::Unclear, Lang::En) => ("The article publishes no conditions that settle this for you: ", format!("ask {ask}")),
        (Status::Unlikely, Lang::Zh) => ("", format!("按我们对文章的理解，这项政策可能不面向您；文章没有明确写出这一条件，如有疑问请向{ask}咨询")),
        (Status::Unlikely, Lang::En) => (
            "",
            format!("As we read the article, this policy is probably not for you; the article does not state this condition, so if you think it is, ask {ask}"),
        ),
        _ => ("", status_label(status, lang).to_string()),
    }
}

/// A status in a few words, where the policy's own headline does not fit
/// (a count, a tag).
pub fn status_label(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Eligible => pick(lang, "符合条件", "You qualify"),
        Status::MeetsConditions => pick(lang, "符合公开条件，待审核或评选", "You meet the published conditions; an office decides"),
        Status::Likely => pick(lang, "按我们的理解可能符合", "You may qualify, as we read the article"),
        Status::Undetermined => pick(lang, "可能符合，还需更多信息", "You may qualify: more answers needed"),
        Status::Unclear => pick(lang, "文章未公布能确定的条件，请咨询", "The article does not settle it: ask"),
        Status::Unlikely => pick(lang, "按我们的理解可能不面向您", "Probably not for you, as we read the article"),
        Status::Ineligible => pick(lang, "不符合条件", "You do not qualify"),
        Status::NotApplicable => pick(lang, "不适用于您", "Not for you"),
        Status::Expired => pick(lang, "已过期", "No longer in force"),
        Status::NotYetEffective => pick(lang, "尚未生效", "Not yet in force"),
    }
}

/// The heading of a group of results.
pub fn group_title(group: ResultGroup, lang: Lang) -> &'static str {
    match group {
        ResultGroup::Eligible => pick(lang, "符合条件", "You qualify"),
        ResultGroup::MeetsConditions => pick(lang, "符合公开条件，由有关部门审核或评选", "You meet the published conditions: an office reviews or selects"),
        ResultGroup::Likely => pick(lang, "按我们对文章的理解可能符合，请向有关部门确认", "You may qualify, as we read the articles: confirm with the office"),
        ResultGroup::Possible => pick(lang, "可能符合，还需要更多信息", "You may qualify: more answers needed"),
        ResultGroup::Unclear => pick(lang, "文章没有公布能确定结果的条件，请咨询", "The articles publish no conditions that settle these: ask"),
        ResultGroup::Unlikely => pick(lang, "按我们对文章的理解可能不面向您", "Probably not for you, as we read the articles"),
        ResultGroup::Ineligible => pick(lang, "不符合条件的政策", "Policies you do not qualify for"),
        ResultGroup::NotInForce => pick(lang, "目前不在有效期内的政策", "Policies not currently in force"),
        ResultGroup::NotForYou => pick(lang, "不适用于您的政策", "Policies not for you"),
    }
}

/// The results' first line: how many policies the person may get. Counted
/// are those whose conditions hold (you qualify, you meet the published
/// conditions, you may qualify as we read it), never a sum of amounts.
pub fn summary_lead(may_get: usize, lang: Lang) -> String {
    match (may_get, lang) {
        (0, Lang::Zh) => "根据您的回答，目前没有找到您可以申请的政策。".into(),
        (0, Lang::En) => "From your answers, we found no policy you can apply for yet.".into(),
        (n, Lang::Zh) => format!("根据您的回答，您可能可以获得 {n} 项政策。"),
        (1, Lang::En) => "From your answers, you may be able to get 1 policy.".into(),
        (n, Lang::En) => format!("From your answers, you may be able to get {n} policies."),
    }
}

/// How many of those an office still reviews, selects or confirms.
pub fn summary_confirm(n: usize, of: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh if n == of => "每一项都要由有关部门审核或确认后才能确定。".into(),
        Lang::Zh => format!("其中 {n} 项要由有关部门审核或确认后才能确定。"),
        Lang::En if n == of => "Each of them is for an office to review or confirm.".into(),
        Lang::En => format!("{n} of them are for an office to review or confirm."),
    }
}

/// How many more are still open or for an office to say.
pub fn summary_open(possible: usize, unclear: usize, lang: Lang) -> Option<String> {
    let mut parts = Vec::new();
    if possible > 0 {
        parts.push(pick(lang, format!("还有 {possible} 项需要更多信息"), format!("{possible} more need more answers")));
    }
    if unclear > 0 {
        parts.push(pick(
            lang,
            format!("{unclear} 项文章没有公布能确定的条件，可以向有关部门咨询"),
            format!("for {unclear}, the articles publish no conditions that settle it: ask the office"),
        ));
    }
    (!parts.is_empty()).then(|| match lang {
        Lang::Zh => format!("{}。", parts.join("；")),
        Lang::En => format!("{}.", capitalised(&parts.join("; "))),
    })
}

/// What to do first: the best result's next step.
pub fn summary_next(name: &str, step: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("先从“{name}”开始：{step}"),
        Lang::En => format!("Start with “{name}”: {step}"),
    }
}

/// The heading above the results that do not apply or are ruled out, each
/// one line, collapsed.
pub fn others_heading(n: usize, lang: Lang) -> String {
    pick(lang, format!("其他 {n} 项政策（不适用、不符合或不在有效期内）"), format!("{n} other policies (not for you, not met or not in force)"))
}

/// The heading of "what if I worked elsewhere", the results' comparison
/// of places.
pub fn places_heading(lang: Lang) -> &'static str {
    pick(lang, "比一比：如果在别处", "Compare places: what if I were elsewhere")
}

/// What the comparison of places is, and what it is not.
pub fn places_intro(lang: Lang) -> &'static str {
    pick(
        lang,
        "同样的回答，只换地方：下面列出在每个地方结果会不同的政策。您没有回答的问题仍算作“不知道”，不会让哪个地方显得更好或更差。其他条件也可能因地而异；结果依据的仍是同样的文章。",
        "The same answers with only the place changed: for each place, the policies whose result would differ. Questions you have not answered stay unknown, so no place is made to look better or worse. Other conditions may differ by place too; the results follow the same articles.",
    )
}

/// A place by its parts, the widest first ("青岛市", "崂山区"):
/// "青岛市崂山区" / "Laoshan District, Qingdao".
pub fn place_name(parts: &[&str], lang: Lang) -> String {
    match lang {
        Lang::Zh => parts.concat(),
        Lang::En => parts.iter().rev().copied().collect::<Vec<_>>().join(", "),
    }
}

/// A place where no result would differ from the person's own.
pub fn place_same(lang: Lang) -> &'static str {
    pick(lang, "结果与您现在的相同。", "The results would be the same as yours.")
}

/// A group's cards beyond those shown at first, behind one tap.
pub fn more_cards(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Zh, n) => format!("显示本组其余 {n} 项政策"),
        (Lang::En, 1) => "Show one more policy in this group".to_string(),
        (Lang::En, n) => format!("Show the other {n} policies in this group"),
    }
}

/// The differences of a place beyond those listed.
pub fn place_more(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Zh, n) => format!("另有 {n} 项政策的结果在这里也会不同。"),
        (Lang::En, 1) => "One more policy's result would differ here too.".to_string(),
        (Lang::En, n) => format!("{n} more policies' results would differ here too."),
    }
}

/// The questions a place would still need, offered and never assumed.
pub fn place_questions(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Zh, n) => format!("还有 {n} 个问题可能改变这里的结果。"),
        (Lang::En, 1) => "One more question could change the results here.".to_string(),
        (Lang::En, n) => format!("{n} more questions could change the results here."),
    }
}

/// "for 2 more" → "For 2 more". ASCII only (see [`lower_article`]).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// One group's count in the live summary ("2 项符合条件").
pub fn group_count(group: ResultGroup, n: usize, lang: Lang) -> String {
    let (zh, en) = match group {
        ResultGroup::Eligible => ("符合条件", "qualify"),
        ResultGroup::MeetsConditions => ("符合公开条件", "meet the published conditions"),
        ResultGroup::Likely => ("按我们的理解可能符合", "may qualify as we read them"),
        ResultGroup::Possible => ("还需更多信息", "need more answers"),
        ResultGroup::Unclear => ("需向有关部门咨询", "to ask about"),
        ResultGroup::Unlikely => ("可能不面向您", "probably not for you"),
        ResultGroup::Ineligible => ("不符合条件", "not met"),
        ResultGroup::NotInForce => ("不在有效期内", "not in force"),
        ResultGroup::NotForYou => ("不适用", "not for you"),
    };
    pick(lang, format!("{n} 项{zh}"), format!("{n} {en}"))
}

/// How one condition stands, in words that never rest on colour or an
/// icon alone, and never hold an example against anyone.
pub fn criterion_status_text(status: CriterionStatus, basis: Basis, lang: Lang) -> &'static str {
    match (status, basis) {
        (CriterionStatus::Met, _) => pick(lang, "符合", "Met"),
        (CriterionStatus::NotMet, Basis::Stated) => pick(lang, "不符合", "Not met"),
        (CriterionStatus::NotMet, Basis::Inferred) => pick(lang, "按我们的理解不符合", "Not met, as we read it"),
        (CriterionStatus::NotMet, Basis::Example) => pick(lang, "不属于文章举的例子", "Not among the article's examples"),
        (CriterionStatus::Unknown, _) => pick(lang, "尚不确定", "Not known yet"),
    }
}

/// A condition's basis as a citizen reads it, beside the condition.
pub fn basis_label(basis: Basis, lang: Lang) -> &'static str {
    match basis {
        Basis::Stated => pick(lang, "文章明确写明", "Stated in the article"),
        Basis::Inferred => pick(lang, "我们的理解", "Our reading"),
        Basis::Example => pick(lang, "文章举的例子", "The article's example"),
    }
}

/// Beside a condition that is not stated: that it is our reading, or only
/// the article's example, and why.
pub fn reading_text(basis: Basis, why: Option<&str>, lang: Lang) -> Option<String> {
    let lead = match basis {
        Basis::Stated => return None,
        Basis::Inferred => pick(lang, "这是我们对文章的理解，文章原文见下", "This is our reading of the article; its own words are below"),
        Basis::Example => {
            pick(lang, "文章没有公布条件，这是文章举的例子", "The article publishes no condition; this is the kind of person it shows benefiting")
        }
    };
    Some(match (why, lang) {
        (Some(why), Lang::Zh) => format!("{lead}：{why}"),
        (Some(why), Lang::En) => format!("{lead}: {why}"),
        (None, Lang::Zh) => format!("{lead}。"),
        (None, Lang::En) => format!("{lead}."),
    })
}

/// Under a policy with conditions the article does not state: whether all
/// or some are our reading (or its examples), and whom to confirm with.
/// `None` when every condition is stated.
pub fn reading_note(policy: &Policy, lang: Lang) -> Option<String> {
    if policy.all_stated() {
        return None;
    }
    let has = |b: Basis| policy.criteria.iter().any(|c| c.basis == b);
    let kinds = match (has(Basis::Inferred), has(Basis::Example)) {
        (true, false) => pick(lang, "我们对文章的理解", "our reading of the article"),
        (false, true) => pick(lang, "文章举的例子", "the article's examples"),
        _ => pick(lang, "我们对文章的理解或文章举的例子", "our reading of the article or its examples"),
    };
    let who = policy.decider().get(lang);
    Some(match (policy.none_stated(), lang) {
        (true, Lang::Zh) => format!("这些条件都是{kinds}，文章并未明确写出；请向{who}确认。"),
        (true, Lang::En) => format!("These conditions are all {kinds}, not conditions the article states: confirm with {who}."),
        (false, Lang::Zh) => format!("部分条件是{kinds}，文章并未明确写出（详情中已标注）；请向{who}确认。"),
        (false, Lang::En) => format!("Some conditions are {kinds}, not conditions the article states (marked in the details): confirm with {who}."),
    })
}

/// How a benefit is granted, and by whom.
pub fn decision_text(policy: &Policy, lang: Lang) -> String {
    match (policy.decision, lang) {
        (Decision::Entitlement, _) if policy.amount.is_some() => pick(lang, "按公布的条件和标准给予", "Granted on the published conditions and rates").into(),
        (Decision::Entitlement, _) => pick(lang, "按公布的条件给予", "Granted on the published conditions").into(),
        (Decision::Service, _) => pick(lang, "面向适用对象开放的服务，无需评审", "A service open to everyone it is for, with no selection").into(),
        (Decision::Review, Lang::Zh) | (Decision::Selection, Lang::Zh) => match decider(policy, lang) {
            Decider::Named(who) if policy.decision == Decision::Review => format!("由{who}审核决定"),
            Decider::Named(who) => format!("由{who}从申请人中评选"),
            Decider::Unnamed { .. } => format!("需经{}；{}", if policy.decision == Decision::Review { "审核" } else { "评选" }, who_decides(policy, lang)),
        },
        (_, Lang::En) => match decider(policy, lang) {
            Decider::Named(who) if policy.decision == Decision::Review => format!("{who} reviews each application and decides"),
            Decider::Named(who) => format!("{who} selects among the candidates"),
            Decider::Unnamed { .. } => {
                format!(
                    "{}; {}",
                    if policy.decision == Decision::Review { "An office reviews each application" } else { "Chosen among candidates" },
                    who_decides(policy, lang)
                )
            }
        },
    }
}

/// Under a condition that is not met: what was needed and what the person
/// answered, "需要：您是技能工人（您的回答：其他）" / "Needed: you are a
/// skilled worker (you answered: other)". An example is not "needed": it
/// reads as the article's example.
pub fn needed_line(basis: Basis, label: &str, answered: &str, lang: Lang) -> String {
    match (basis, lang) {
        (Basis::Example, Lang::Zh) => format!("文章举的例子：{label}（您的回答：{answered}）"),
        (Basis::Example, Lang::En) => format!("The article's example: {} (you answered: {answered})", lower_first(label)),
        (_, Lang::Zh) => format!("需要：{label}（您的回答：{answered}）"),
        (_, Lang::En) => format!("Needed: {} (you answered: {answered})", lower_first(label)),
    }
}

/// Above the conditions that rule a policy out: stated ones, or ones that
/// are our reading.
pub fn not_met_heading(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Unlikely => pick(lang, "按我们对文章的理解，不符合的条件：", "Not met, as we read the article:"),
        _ => pick(lang, "不符合的条件：", "Conditions not met:"),
    }
}

/// Above the questions an undetermined result still needs.
pub fn still_needed_heading(lang: Lang) -> &'static str {
    pick(lang, "还需要知道：", "Still to find out:")
}

/// The button that asks them.
pub fn answer_these(lang: Lang) -> &'static str {
    pick(lang, "回答这些问题", "Answer these questions")
}

/// Where exactly one stated condition rules a policy out.
pub fn only_failure(label: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("只有一项条件不满足：“{label}”。这是唯一会改变结果的一项。"),
        Lang::En => format!("Only one condition is not met: “{label}”. It is the one thing that would change the result."),
    }
}

/// For a policy that is not for the applicant, one line saying why.
pub fn not_for_you(pack: &Pack, policy: &Policy, why: OutOfScope, lang: Lang) -> String {
    match why {
        OutOfScope::Applicant => format!("{}{}", pick(lang, "仅面向", "Only for "), lower_article(policy.scope.applicant_label.get(lang), lang)),
        OutOfScope::Place => match &policy.scope.elsewhere {
            Some(line) => line.get(lang).to_string(),
            None => format!("{}{}", pick(lang, "仅面向", "Only for "), policy.scope.place_label.get(lang)),
        },
        OutOfScope::Coverage => pack
            .coverage
            .as_ref()
            .map_or_else(|| pick(lang, "不在本工具涵盖的地区", "Outside the area this tool covers").to_string(), |c| c.note.get(lang).to_string()),
    }
}

/// For a policy not in force on the date, its dates.
pub fn validity_note(validity: &Validity, status: Status, lang: Lang) -> Option<String> {
    let open = pick(lang, "不限", "open");
    let (from, until) = (validity.from.map_or(open.to_string(), |d| d.to_string()), validity.until.map_or(open.to_string(), |d| d.to_string()));
    Some(match (status, lang) {
        (Status::Expired, Lang::Zh) => format!("该政策有效期为 {from} 至 {until}，已过期。"),
        (Status::Expired, Lang::En) => format!("This policy ran from {from} to {until} and has ended."),
        (Status::NotYetEffective, Lang::Zh) => format!("该政策有效期为 {from} 至 {until}，尚未生效。"),
        (Status::NotYetEffective, Lang::En) => format!("This policy runs from {from} to {until} and has not started yet."),
        _ => return None,
    })
}

/// For a policy whose sources are more than two years old: the report's
/// year, and that it may have changed since.
pub fn source_age_note(policy: &Policy, year: i32, lang: Lang) -> String {
    let issuer = policy.issuer.get(lang);
    match lang {
        Lang::Zh => format!("这项政策的信息来自 {year} 年的报道，此后可能已有变化；请向{issuer}确认。"),
        Lang::En => format!("This information comes from a report of {year}; the policy may have changed since: confirm with {issuer}."),
    }
}

/// For an unclear result: what the article does say (its examples and
/// figures, from the readings of the examples the person is not among).
/// The headline has already said that the article publishes no conditions
/// that settle it and whom to ask, and every reading begins with what the
/// article says ("文章只说…"), so the note adds no lead of its own: on a
/// phone each repeated clause is another line before the next card.
pub fn unclear_note(readings: &[&str], lang: Lang) -> String {
    readings.join(pick(lang, "", " "))
}

/// A part of a benefit or of where to apply that one place gives:
/// "在青岛市市南区：…" / "In Shinan District, Qingdao: …".
pub fn local_text(place: &str, text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("在{place}：{text}"),
        Lang::En => format!("In {place}: {text}"),
    }
}

/// Beside a quote shown without the pinyin glosses of its corrupted source.
pub fn glosses_left_out(lang: Lang) -> &'static str {
    pick(lang, "（原文中夹杂的拼音注音已略去）", "(pinyin glosses that corrupt the source are left out)")
}

/// Before our English rendering of a Chinese quote.
pub fn our_translation(lang: Lang) -> &'static str {
    pick(lang, "我们的译文：", "Our translation: ")
}

/// Who a policy is for, in words: "个人 · 青岛市市南区".
pub fn scope_text(policy: &Policy, lang: Lang) -> String {
    format!("{} · {}", policy.scope.applicant_label.get(lang), policy.scope.place_label.get(lang))
}

/// "最高 120,000 元" / "Up to 120,000 yuan".
pub fn format_amount(yuan: i64, lang: Lang) -> String {
    let grouped = group_thousands(yuan);
    match lang {
        Lang::Zh => format!("最高 {grouped} 元"),
        Lang::En => format!("Up to {grouped} yuan"),
    }
}

/// "如获批准，最高 50,000,000 元" / "Up to 50,000,000 yuan if approved":
/// wherever an office decides or a condition is our reading.
pub fn format_amount_if_approved(yuan: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("如获批准，{}", format_amount(yuan, lang)),
        Lang::En => format!("{} if approved", format_amount(yuan, lang)),
    }
}

/// A result's amount as the page shows it: "if approved" unless the person
/// qualifies outright.
pub fn amount_text(status: Status, yuan: i64, lang: Lang) -> String {
    if status == Status::Eligible {
        format_amount(yuan, lang)
    } else {
        format_amount_if_approved(yuan, lang)
    }
}

/// An amount worked out with the applicant's numbers: "6,000 元/人·年 × 2 年 ×
/// 10 人 = 120,000 元", and where the formula caps an answer, by how much.
pub fn worked_sum_text(sum: &super::WorkedSum, lang: Lang) -> String {
    let factor = |f: &super::Factor| match &f.unit {
        Some(u) => format!("{} {}", group_thousands(f.value), u.get(lang)),
        None => group_thousands(f.value),
    };
    let product: Vec<String> = sum.factors.iter().map(factor).collect();
    let mut text = format!("{} = {} {}", product.join(" × "), group_thousands(sum.total), pick(lang, "元", "yuan"));
    for f in sum.factors.iter().filter(|f| f.capped_from.is_some()) {
        let unit = f.unit.as_ref().map_or("", |u| u.get(lang));
        let answered = f.capped_from.unwrap_or_default();
        text.push_str(&match lang {
            Lang::Zh => format!("（最多按 {} {unit}计，您填写的是 {answered} {unit}）", f.value),
            Lang::En => format!(" (at most {} {unit} are counted; you answered {answered})", f.value),
        });
    }
    text
}

/// 120000 → "120,000".
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::new();
    if n < 0 {
        grouped.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

/// An answer in words: the choice's label, "是/否", the number with its
/// unit, or "都没有 / None" for an empty set.
pub fn value_label(def: &super::FactDef, value: super::Value, lang: Lang) -> String {
    use super::Value;
    let choices = def.kind.choices();
    match value {
        Value::Bool(b) => pick(lang, if b { "是" } else { "否" }, if b { "Yes" } else { "No" }).into(),
        Value::Int(n) => match &def.unit {
            Some(u) => format!("{n} {}", u.get(lang)),
            None => n.to_string(),
        },
        Value::Date(d) => d.to_string(),
        Value::Enum(i) => choices.get(usize::from(i)).map_or_else(String::new, |c| c.label.get(lang).to_string()),
        Value::Set(0) => pick(lang, "都没有", "None").into(),
        Value::Set(mask) => {
            choices.iter().enumerate().filter(|(i, _)| mask & (1u64 << i) != 0).map(|(_, c)| c.label.get(lang)).collect::<Vec<_>>().join(pick(lang, "、", "; "))
        }
    }
}

/// English labels joined in a sentence: "An individual or an enterprise".
pub fn join_in_sentence(labels: &[&str], lang: Lang) -> String {
    match lang {
        Lang::Zh => labels.join("、"),
        Lang::En => labels.iter().enumerate().map(|(i, l)| if i == 0 { l.to_string() } else { lower_article(l, lang) }).collect::<Vec<_>>().join(" or "),
    }
}

/// "An enterprise" becomes "an enterprise" mid-sentence; "Shinan District"
/// stays. ASCII only: `char::to_lowercase` would pull Unicode case tables
/// (11 KB) into the browser's wasm.
fn lower_article(text: &str, lang: Lang) -> String {
    match (lang, text.split(' ').next()) {
        (Lang::En, Some("A" | "An" | "The")) => lower_first(text),
        _ => text.to_string(),
    }
}

/// A condition's English label mid-sentence: "You are…" becomes "you are…".
/// Only words that are never a name are lowered.
fn lower_first(text: &str) -> String {
    const LOWERED: [&str; 10] = ["You", "Your", "The", "A", "An", "At", "Top", "In", "Not", "Maximum"];
    match text.split(' ').next() {
        Some(word) if LOWERED.contains(&word) => text[..1].to_ascii_lowercase() + &text[1..],
        _ => text.to_string(),
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
        assert_eq!(format_amount(-1_234, Lang::En), "Up to -1,234 yuan");
        assert_eq!(format_amount_if_approved(50_000_000, Lang::Zh), "如获批准，最高 50,000,000 元");
        assert_eq!(format_amount_if_approved(50_000_000, Lang::En), "Up to 50,000,000 yuan if approved");
    }

    #[test]
    fn a_headline_under_its_group_title_leaves_out_only_what_the_title_says() {
        let pack = crate::fixtures::mini_pack_with(&[]);
        for lang in [Lang::Zh, Lang::En] {
            for policy in &pack.policies {
                for status in Status::ALL {
                    let (lead, rest) = headline_parts(policy, status, lang);
                    assert_eq!(format!("{lead}{rest}"), headline(policy, status, lang));
                    assert!(!rest.is_empty(), "{}: {status:?} shows something of its own", policy.id);
                    // A service's or an entitlement's "may be for you" is not
                    // the group title's "may qualify": it stays on the card.
                    if status == Status::Likely && !policy.decision.is_discretionary() {
                        assert_eq!(lead, "", "{}", policy.id);
                    }
                }
            }
        }
        let review = pack.policies.iter().find(|p| p.decision.is_discretionary()).unwrap();
        assert_eq!(headline_parts(review, Status::Likely, Lang::Zh).0, "按我们对文章的理解，您可能符合；");
        assert!(group_title(ResultGroup::Likely, Lang::Zh).starts_with("按我们对文章的理解可能符合"));
    }

    #[test]
    fn english_labels_read_as_sentences() {
        assert_eq!(join_in_sentence(&["An individual", "An enterprise"], Lang::En), "An individual or an enterprise");
        assert_eq!(join_in_sentence(&["个人", "企业"], Lang::Zh), "个人、企业");
        assert_eq!(needed_line(Basis::Stated, "You are a skilled worker", "Other", Lang::En), "Needed: you are a skilled worker (you answered: Other)");
        assert_eq!(needed_line(Basis::Inferred, "您是技能工人", "其他", Lang::Zh), "需要：您是技能工人（您的回答：其他）");
        assert_eq!(lower_first("Qingdao's list"), "Qingdao's list", "a name keeps its capital");
    }
}
