//! Policies and the pack that holds them, as the engine uses them (already
//! parsed and checked; see `crate::pack` for reading them from text files).

use super::{Date, Expr, FactDef, FactIx, FactKind, Lang, Text, Value};

/// A document that rules cite (a seed article, a regulation).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Document {
    pub id: String,
    /// The document's file name, so a reader can find it.
    pub file: String,
    pub title: Text,
    /// The year of the latest events it reports: a policy whose sources are
    /// all old says so (see [`Policy::reported`]).
    pub reported: i32,
}

/// Where a rule comes from: a document and the sentence in it, verbatim.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Source {
    /// Index into [`Pack::documents`].
    pub document: usize,
    pub quote: String,
    /// The quote in English, our translation, for English readers.
    pub translation: Option<String>,
}

/// What a criterion rests on. How strongly a verdict may speak follows from
/// it: a verdict never states more certainty than its weakest ground.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Basis {
    /// The article states this as a condition: not met, you do not qualify.
    Stated,
    /// Our reading of whom the article means (老年人 read as 60 and over):
    /// not met, the policy is probably not for you, never "you do not qualify".
    Inferred,
    /// The article publishes no condition, only the kind of person it shows
    /// benefiting: met, you may fit; not met, the article cannot tell, so
    /// the result is "unclear: ask the office".
    Example,
}

impl Basis {
    pub const ALL: [Basis; 3] = [Basis::Stated, Basis::Inferred, Basis::Example];

    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Stated => "stated",
            Basis::Inferred => "inferred",
            Basis::Example => "example",
        }
    }

    pub fn parse(text: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.as_str() == text)
    }
}

/// How a benefit is granted once the conditions hold: this decides whether a
/// verdict may say "you qualify" or only "you meet the published conditions".
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Decision {
    /// Granted when the stated conditions hold (a published rate, a prize for a rank).
    Entitlement,
    /// An office examines the application (审核, 终审, 评审, 认定).
    Review,
    /// Chosen among candidates (评选, 招募).
    Selection,
    /// A service open to whoever is in scope.
    Service,
}

impl Decision {
    pub const ALL: [Decision; 4] = [Decision::Entitlement, Decision::Review, Decision::Selection, Decision::Service];

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Entitlement => "entitlement",
            Decision::Review => "review",
            Decision::Selection => "selection",
            Decision::Service => "service",
        }
    }

    pub fn parse(text: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.as_str() == text)
    }

    /// Whether someone other than the rules decides: the verdict can then
    /// never be more than "meets the published conditions".
    pub fn is_discretionary(self) -> bool {
        matches!(self, Decision::Review | Decision::Selection)
    }
}

/// Who a policy is for: a kind of applicant and a place. A policy out of
/// scope is "not for you", never a near miss.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Scope {
    /// The kinds of applicant it is for, as a condition on the applicant fact.
    pub applicant: Expr,
    /// Those kinds in words ("企业" / "an enterprise").
    pub applicant_label: Text,
    /// The place it is for, as a condition on facts such as city and district.
    pub place: Expr,
    /// That place in words ("青岛市市南区" / "Shinan District, Qingdao").
    pub place_label: Text,
    /// The one line shown to someone elsewhere, when "only for (place)" would
    /// not say enough ("这是青岛高新区的服务；其他区(市)的帮办服务请向当地政务服务中心咨询").
    pub elsewhere: Option<Text>,
    /// The facts both conditions read, ascending (derived, not stored).
    #[serde(skip)]
    pub facts: Vec<FactIx>,
}

impl Scope {
    /// A scope, working out the facts its two conditions read.
    pub fn new(applicant: Expr, applicant_label: Text, place: Expr, place_label: Text, elsewhere: Option<Text>) -> Scope {
        let mut facts = applicant.facts();
        facts.extend(place.facts());
        super::sort_small::sort_dedup(&mut facts);
        Scope { applicant, applicant_label, place, place_label, elsewhere, facts }
    }
}

/// Part of a benefit that one place gives on its own (Shinan's one-to-one
/// services for card holders): shown only where `when` holds, and on the
/// policy's page with its place.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LocalBenefit {
    pub when: Expr,
    /// The place in words ("青岛市市南区").
    pub place_label: Text,
    pub benefit: Text,
    /// Where to apply there, when the article says.
    pub apply: Option<Text>,
}

/// Where the pack's guidance reaches (Qingdao and Zaozhuang for the seed
/// pack). Outside it, a policy out of scope says what the tool covers rather
/// than naming a place the applicant is not in.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Coverage {
    pub when: Expr,
    /// "本工具只涵盖青岛市、枣庄市的政策指引。"
    pub note: Text,
}

/// The dates a policy is in force, both inclusive; `None` is open-ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Validity {
    pub from: Option<Date>,
    pub until: Option<Date>,
}

impl Validity {
    /// `Expired` or `NotYetEffective` when `date` is outside these dates.
    pub fn out_of_force(&self, date: Date) -> Option<super::Status> {
        if self.from.is_some_and(|d| date < d) {
            Some(super::Status::NotYetEffective)
        } else if self.until.is_some_and(|d| date > d) {
            Some(super::Status::Expired)
        } else {
            None
        }
    }
}

/// What a criterion and an amount have in common: an expression over facts,
/// its wording, and the sentence of the source it comes from.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Rule {
    /// A condition (for a criterion) or a number of yuan (for an amount).
    pub expr: Expr,
    /// In plain words, a condition stated positively ("You work in Qingdao").
    pub label: Text,
    pub source: Source,
    /// The facts `expr` reads, ascending (derived, not stored).
    #[serde(skip)]
    pub facts: Vec<FactIx>,
}

impl Rule {
    /// A rule, working out the facts it reads.
    pub fn new(expr: Expr, label: Text, source: Source) -> Rule {
        let facts = expr.facts();
        Rule { expr, label, source, facts }
    }
}

/// One condition of a policy.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Criterion {
    pub rule: Rule,
    pub basis: Basis,
    /// For an inferred criterion, why we read the article this way; for an
    /// example, what the article does say (its examples and figures), which
    /// an unclear result shows.
    pub reading: Option<Text>,
    /// What to say when it is not met, where "needed: (label)" would not
    /// fit ("您已获评“崂山工匠”").
    pub not_met: Option<Text>,
}

/// How a policy's maximum amount is computed, in whole yuan, and what its
/// rate is per, so that the sum can be shown worked out with the
/// applicant's own numbers ("6,000 元/人·年 × 2 年 × 10 人").
#[derive(Clone, Debug, serde::Serialize)]
pub struct Amount {
    pub rule: Rule,
    /// The unit of the formula's rate ("元/人·年"), when it has one.
    pub unit: Option<Text>,
}

/// A subsidy, card or service and the conditions for it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Policy {
    pub id: String,
    pub name: Text,
    pub issuer: Text,
    /// Where the policy applies ("qingdao", "laoshan", "shandong", …).
    pub jurisdiction: String,
    pub benefit: Text,
    /// What you get, in one line, for a results card ("每人每年最高6000元的培训补贴").
    pub summary: Option<Text>,
    /// Words people search with that the name and benefit may not contain
    /// ("人才卡 养老"), separated by spaces or 、.
    pub keywords: Option<Text>,
    /// Where the benefit is described (a policy with no criterion and no
    /// amount still cites its article).
    pub benefit_source: Option<Source>,
    /// Parts of the benefit that only one place gives.
    pub local: Vec<LocalBenefit>,
    /// Where and how to apply: only offices the sources name.
    pub apply: Text,
    pub scope: Scope,
    pub decision: Decision,
    /// Who examines or selects, as the article names them; `None` where it
    /// names nobody (the verdict then says so and names the issuer).
    pub decided_by: Option<Text>,
    pub validity: Validity,
    pub amount: Option<Amount>,
    /// All must hold for the policy to apply. May be empty (a service open
    /// to everyone in scope).
    pub criteria: Vec<Criterion>,
    /// The latest year its sources report (derived, not stored).
    #[serde(skip)]
    pub reported: Option<i32>,
}

impl Policy {
    /// Who to ask or confirm with: the office the article names, or the issuer.
    pub fn decider(&self) -> &Text {
        self.decided_by.as_ref().unwrap_or(&self.issuer)
    }

    /// Every source the policy cites: its benefit's, its criteria's, its amount's.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.benefit_source.iter().chain(self.criteria.iter().map(|c| &c.rule.source)).chain(self.amount.iter().map(|a| &a.rule.source))
    }

    /// The year of the report its information comes from, when that is more
    /// than two years before `date`'s year: the policy may have changed since.
    pub fn source_age(&self, date: Date) -> Option<i32> {
        self.reported.filter(|year| year + 2 < date.year())
    }

    /// Every fact the policy's verdict can read: its scope's, its criteria's
    /// and its amount's (with repeats).
    pub fn facts_read(&self) -> Vec<FactIx> {
        let mut facts = self.scope.facts.clone();
        facts.extend(self.criteria.iter().flat_map(|c| c.rule.facts.iter().copied()));
        facts.extend(self.amount.iter().flat_map(|a| a.rule.facts.iter().copied()));
        facts
    }

    /// Whether every criterion is one the source states.
    pub fn all_stated(&self) -> bool {
        self.criteria.iter().all(|c| c.basis == Basis::Stated)
    }

    /// Whether no criterion is one the source states (and there is one).
    pub fn none_stated(&self) -> bool {
        !self.criteria.is_empty() && self.criteria.iter().all(|c| c.basis != Basis::Stated)
    }
}

/// A checked policy pack: facts, policies and the documents they cite.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Pack {
    pub id: String,
    pub version: String,
    /// The date the rules were last checked against their sources.
    pub rules_as_of: Date,
    pub name: Text,
    pub region: Text,
    pub languages: Vec<Lang>,
    /// Where the pack's guidance reaches; `None` when it does not say.
    pub coverage: Option<Coverage>,
    /// The facts that open the questionnaire, in order (who is asking, and
    /// where), before the next question follows the rules.
    pub opening: Vec<FactIx>,
    pub documents: Vec<Document>,
    /// In question order: ties in the next-question choice go to the earlier.
    pub facts: Vec<FactDef>,
    pub policies: Vec<Policy>,
    /// Per fact, the answers worth trying when asking "could this answer
    /// settle a policy?" (derived from domains and the pack's thresholds).
    #[serde(skip)]
    pub(crate) probes: Vec<Vec<Value>>,
}

/// What a pack says about itself (its `pack.toml`).
#[derive(Clone, Debug)]
pub struct Manifest {
    pub id: String,
    pub version: String,
    pub rules_as_of: Date,
    pub name: Text,
    pub region: Text,
    pub languages: Vec<Lang>,
    pub coverage: Option<Coverage>,
    pub opening: Vec<FactIx>,
}

impl Pack {
    /// Assembles a pack and derives what evaluation needs from it.
    pub fn new(manifest: Manifest, documents: Vec<Document>, facts: Vec<FactDef>, mut policies: Vec<Policy>) -> Pack {
        let probes = probe_values(&facts, &policies);
        for p in &mut policies {
            p.reported = p.sources().filter_map(|s| documents.get(s.document)).map(|d| d.reported).max();
        }
        let Manifest { id, version, rules_as_of, name, region, languages, coverage, opening } = manifest;
        Pack { id, version, rules_as_of, name, region, languages, coverage, opening, documents, facts, policies, probes }
    }

    /// The answers a region's name stands for (a host's `data-region`): the
    /// enum fact that has `name` among its choices, and, when that question
    /// is asked only for one value of another (district only in Qingdao),
    /// that value too. `None` when no fact, or more than one (`other`), has it.
    pub fn region(&self, name: &str) -> Option<Vec<(FactIx, Value)>> {
        let mut found =
            self.facts.iter().enumerate().filter(|(_, d)| matches!(d.kind, FactKind::Enum(_))).filter_map(|(ix, d)| Some((ix, d, d.kind.choice_ix(name)?)));
        let (Some((ix, def, choice)), None) = (found.next(), found.next()) else { return None };
        let mut answers = vec![(ix, Value::Enum(u8::try_from(choice).ok()?))];
        if let Some(gate) = &def.asked_when {
            // The gate's single fact and the single answer that opens it.
            if let [g] = gate.facts()[..] {
                let mut facts = super::Facts::unknown(&self.facts);
                let opening: Vec<Value> = self
                    .probes(g)
                    .iter()
                    .copied()
                    .filter(|v| {
                        facts.set(g, Some(*v));
                        super::truth(gate, &facts) == super::Truth::True
                    })
                    .collect();
                if let [v] = opening[..] {
                    answers.push((g, v));
                }
            }
        }
        Some(answers)
    }

    /// `id@version`: which rules a share link or a host's results were made with.
    pub fn label(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    pub fn fact_ix(&self, id: &str) -> Option<FactIx> {
        self.facts.iter().position(|f| f.id == id)
    }

    /// The index of the policy with this id (verdicts are in the same order).
    pub fn policy_ix(&self, id: &str) -> Option<usize> {
        self.policies.iter().position(|p| p.id == id)
    }

    pub fn policy(&self, id: &str) -> Option<&Policy> {
        self.policies.iter().find(|p| p.id == id)
    }

    /// The answers worth trying for fact `ix`.
    pub fn probes(&self, ix: FactIx) -> &[Value] {
        &self.probes[ix]
    }
}

/// For each fact, a small set of answers that together reach every outcome a
/// criterion can have: every choice of an enum, the empty set, each single
/// choice and all choices of a set, and for a number its bounds and each
/// threshold the pack compares it with, one below and one above.
pub(crate) fn probe_values(facts: &[FactDef], policies: &[Policy]) -> Vec<Vec<Value>> {
    let mut thresholds: Vec<(FactIx, i64)> = Vec::new();
    for p in policies {
        p.scope.applicant.int_thresholds(&mut thresholds);
        p.scope.place.int_thresholds(&mut thresholds);
        for c in &p.criteria {
            c.rule.expr.int_thresholds(&mut thresholds);
        }
    }
    for f in facts {
        if let Some(e) = &f.asked_when {
            e.int_thresholds(&mut thresholds);
        }
    }
    facts.iter().enumerate().map(|(ix, f)| probe_values_for(ix, &f.kind, &thresholds)).collect()
}

/// The probe answers of one fact, given the `(fact, constant)` pairs the
/// expressions compare facts with.
pub fn probe_values_for(ix: FactIx, kind: &FactKind, thresholds: &[(FactIx, i64)]) -> Vec<Value> {
    match kind {
        FactKind::Bool => vec![Value::Bool(true), Value::Bool(false)],
        FactKind::Enum(c) => (0..c.len()).map(|i| Value::Enum(i as u8)).collect(),
        FactKind::Set(c) => {
            let mut v = vec![Value::Set(0)];
            v.extend((0..c.len()).map(|i| Value::Set(1 << i)));
            let all = if c.len() >= 64 { u64::MAX } else { (1u64 << c.len()) - 1 };
            v.push(Value::Set(all));
            v.dedup();
            v
        }
        FactKind::Int { min, max } => {
            let mut v = vec![*min, *max];
            for (f, n) in thresholds {
                if *f == ix {
                    v.extend([n.saturating_sub(1), *n, n.saturating_add(1)]);
                }
            }
            v.retain(|n| n >= min && n <= max);
            super::sort_small::sort_dedup(&mut v);
            v.into_iter().map(Value::Int).collect()
        }
        // Dates are not probed: a date fact counts as relevant, never as
        // settling a policy on its own.
        FactKind::Date { .. } => Vec::new(),
    }
}
