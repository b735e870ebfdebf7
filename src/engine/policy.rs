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
}

/// Where a rule comes from: a document and the sentence in it, verbatim.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Source {
    /// Index into [`Pack::documents`].
    pub document: usize,
    pub quote: String,
}

/// Whether a criterion is what the source states, or our reading of it (then
/// the app says so beside the criterion, next to the article's own words).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Basis {
    Stated,
    Inferred,
}

impl Basis {
    pub const ALL: [Basis; 2] = [Basis::Stated, Basis::Inferred];

    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Stated => "stated",
            Basis::Inferred => "inferred",
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
    /// The facts both conditions read, ascending (derived, not stored).
    #[serde(skip)]
    pub facts: Vec<FactIx>,
}

impl Scope {
    /// A scope, working out the facts its two conditions read.
    pub fn new(applicant: Expr, applicant_label: Text, place: Expr, place_label: Text) -> Scope {
        let mut facts = applicant.facts();
        facts.extend(place.facts());
        super::sort_small::sort_dedup(&mut facts);
        Scope { applicant, applicant_label, place, place_label, facts }
    }
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
    /// For an inferred criterion, why we read the article this way.
    pub reading: Option<Text>,
}

/// How a policy's maximum amount is computed, in whole yuan.
pub type Amount = Rule;

/// A subsidy, card or service and the conditions for it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Policy {
    pub id: String,
    pub name: Text,
    pub issuer: Text,
    /// Where the policy applies ("qingdao", "laoshan", "shandong", …).
    pub jurisdiction: String,
    pub benefit: Text,
    /// Where and how to apply: only offices the sources name.
    pub apply: Text,
    pub scope: Scope,
    pub decision: Decision,
    /// Who decides a `review` or `selection` (for the others, the issuer).
    pub decided_by: Option<Text>,
    pub validity: Validity,
    pub amount: Option<Amount>,
    /// All must hold for the policy to apply. May be empty (a service open
    /// to everyone in scope).
    pub criteria: Vec<Criterion>,
}

impl Policy {
    /// Who decides whether the benefit is granted: the named office, or the issuer.
    pub fn decider(&self) -> &Text {
        self.decided_by.as_ref().unwrap_or(&self.issuer)
    }

    /// Every fact the policy's verdict can read: its scope's, its criteria's
    /// and its amount's (with repeats).
    pub fn facts_read(&self) -> Vec<FactIx> {
        let mut facts = self.scope.facts.clone();
        facts.extend(self.criteria.iter().flat_map(|c| c.rule.facts.iter().copied()));
        facts.extend(self.amount.iter().flat_map(|a| a.facts.iter().copied()));
        facts
    }

    /// Whether every criterion is one the source states.
    pub fn all_stated(&self) -> bool {
        self.criteria.iter().all(|c| c.basis == Basis::Stated)
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
}

impl Pack {
    /// Assembles a pack and derives what evaluation needs from it.
    pub fn new(manifest: Manifest, documents: Vec<Document>, facts: Vec<FactDef>, policies: Vec<Policy>) -> Pack {
        let probes = probe_values(&facts, &policies);
        let Manifest { id, version, rules_as_of, name, region, languages, coverage } = manifest;
        Pack { id, version, rules_as_of, name, region, languages, coverage, documents, facts, policies, probes }
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
