//! What changed in the rules between two packs, policy by policy (matched
//! by id): each field and criterion as text, with fact and choice ids, since
//! two packs may number their facts differently.

use crate::engine::{expr_text, Basis, Date, Expr, Pack, Policy};
use serde::{Serialize, Serializer};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PackChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<PolicyChange>,
}

impl PackChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// One policy in both packs, with what differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyChange {
    pub id: String,
    pub fields: Vec<FieldChange>,
    pub criteria: Vec<CriterionChange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// A criterion as staff read it: its wording, its condition, its basis and
/// the source sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CriterionText {
    pub label: String,
    pub condition: String,
    /// As the pack writes it ("stated").
    #[serde(serialize_with = "basis_word")]
    pub basis: Basis,
    pub quote: String,
}

fn basis_word<S: Serializer>(basis: &Basis, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(basis.as_str())
}

/// A criterion added (`before` is none), removed (`after` is none) or changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CriterionChange {
    pub before: Option<CriterionText>,
    pub after: Option<CriterionText>,
}

/// What changed between `old` and `new`, policy by policy (matched by id).
pub fn changes(old: &Pack, new: &Pack) -> PackChanges {
    let mut out = PackChanges::default();
    for p in &new.policies {
        match old.policy(&p.id) {
            None => out.added.push(p.id.clone()),
            Some(before) => {
                let mut fields = field_changes(old, before, new, p);
                let mut criteria = criterion_changes(&criteria_text(old, before), &criteria_text(new, p));
                // Compared whole, shown shortened.
                for f in &mut fields {
                    shorten(&mut f.before);
                    shorten(&mut f.after);
                }
                for c in criteria.iter_mut().flat_map(|c| c.before.iter_mut().chain(c.after.iter_mut())) {
                    for text in [&mut c.label, &mut c.condition, &mut c.quote] {
                        shorten(text);
                    }
                }
                if !fields.is_empty() || !criteria.is_empty() {
                    out.changed.push(PolicyChange { id: p.id.clone(), fields, criteria });
                }
            }
        }
    }
    out.removed = old.policies.iter().filter(|p| new.policy(&p.id).is_none()).map(|p| p.id.clone()).collect();
    out
}

/// The most characters of one field or criterion a report shows: a real
/// condition is a few hundred; a crafted one can be megabytes.
pub const MAX_SHOWN: usize = 2_000;

/// `text` cut to [`MAX_SHOWN`] characters, saying how long it was.
fn shorten(text: &mut String) {
    if let Some((cut, _)) = text.char_indices().nth(MAX_SHOWN) {
        let all = text.chars().count();
        text.truncate(cut);
        text.push_str(&format!("… ({all} characters in all)"));
    }
}

/// Every field but the criteria, as text.
fn fields(pack: &Pack, p: &Policy) -> Vec<(&'static str, String)> {
    let text = |t: &crate::engine::Text| format!("{} | {}", t.zh, t.en);
    let expr = |e: &Expr| expr_text(e, &pack.facts);
    let date = |d: Option<Date>| d.map_or("-".into(), |d| d.to_string());
    vec![
        ("name", text(&p.name)),
        ("issuer", text(&p.issuer)),
        ("jurisdiction", p.jurisdiction.clone()),
        ("benefit", text(&p.benefit)),
        ("summary", p.summary.as_ref().map_or("-".into(), text)),
        (
            "local",
            p.local
                .iter()
                .map(|l| format!("{}: {} ({})", expr(&l.when), text(&l.benefit), l.apply.as_ref().map_or("-".into(), text)))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("apply", text(&p.apply)),
        ("scope.applicant", format!("{} ({})", expr(&p.scope.applicant), text(&p.scope.applicant_label))),
        ("scope.place", format!("{} ({})", expr(&p.scope.place), text(&p.scope.place_label))),
        ("scope.elsewhere", p.scope.elsewhere.as_ref().map_or("-".into(), text)),
        ("decision", p.decision.as_str().to_string()),
        ("decided_by", p.decided_by.as_ref().map_or("-".into(), text)),
        ("validity", format!("{} – {}", date(p.validity.from), date(p.validity.until))),
        ("amount", p.amount.as_ref().map_or("-".into(), |a| format!("{} ({}) “{}”", expr(&a.rule.expr), text(&a.rule.label), a.rule.source.quote))),
    ]
}

fn field_changes(old: &Pack, before: &Policy, new: &Pack, after: &Policy) -> Vec<FieldChange> {
    fields(old, before)
        .into_iter()
        .zip(fields(new, after))
        .filter(|((_, b), (_, a))| a != b)
        .map(|((field, before), (_, after))| FieldChange { field, before, after })
        .collect()
}

pub(super) fn criteria_text(pack: &Pack, p: &Policy) -> Vec<CriterionText> {
    p.criteria
        .iter()
        .map(|c| CriterionText {
            label: c.rule.label.zh.clone(),
            condition: expr_text(&c.rule.expr, &pack.facts),
            basis: c.basis,
            quote: c.rule.source.quote.clone(),
        })
        .collect()
}

/// Criteria that are not the same on both sides, paired where they are
/// plainly one criterion edited: the same wording, else the same condition,
/// else the same source sentence, else what is left in order.
fn criterion_changes(before: &[CriterionText], after: &[CriterionText]) -> Vec<CriterionChange> {
    let mut old: Vec<Option<&CriterionText>> = before.iter().map(Some).collect();
    let mut new: Vec<Option<&CriterionText>> = after.iter().map(Some).collect();
    let mut out = Vec::new();
    let keys: [fn(&CriterionText) -> &str; 3] = [|c| &c.label, |c| &c.condition, |c| &c.quote];
    // Unchanged criteria first, then pairs by each key in turn.
    for same in [None, Some(0), Some(1), Some(2)] {
        for slot in new.iter_mut() {
            let Some(n) = *slot else { continue };
            let found = old.iter_mut().find(|o| o.is_some_and(|o| if let Some(k) = same { keys[k](o) == keys[k](n) } else { o == n }));
            if let Some(o) = found {
                if same.is_some() {
                    out.push(CriterionChange { before: o.cloned(), after: Some(n.clone()) });
                }
                *o = None;
                *slot = None;
            }
        }
    }
    let (old, new): (Vec<_>, Vec<_>) = (old.into_iter().flatten().collect(), new.into_iter().flatten().collect());
    for i in 0..old.len().max(new.len()) {
        out.push(CriterionChange { before: old.get(i).map(|c| (*c).clone()), after: new.get(i).map(|c| (*c).clone()) });
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::default_pack;

    #[test]
    fn added_removed_and_reworded_criteria_are_told_apart() {
        let a = |label: &str, condition: &str| CriterionText { label: label.into(), condition: condition.into(), basis: Basis::Stated, quote: "q".into() };
        let before = [a("one", "x >= 1"), a("two", "y == true"), a("three", "z >= 3")];
        let after = [a("one", "x >= 1"), a("two, reworded", "y == true"), a("four", "w >= 4")];
        let c = criterion_changes(&before, &after);
        // "two" is the same condition reworded; "three" went and "four" came
        // (nothing ties them, so they pair as a change in place).
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].before.as_ref().unwrap().label, "two");
        assert_eq!(c[0].after.as_ref().unwrap().label, "two, reworded");
        assert_eq!(c[1].before.as_ref().unwrap().label, "three");
        assert_eq!(c[1].after.as_ref().unwrap().label, "four");
        let only_added = criterion_changes(&before[..1], &before[..2]);
        assert_eq!(only_added, vec![CriterionChange { before: None, after: Some(before[1].clone()) }]);
        let only_removed = criterion_changes(&before[..2], &before[..1]);
        assert_eq!(only_removed, vec![CriterionChange { before: Some(before[1].clone()), after: None }]);
    }

    #[test]
    fn a_removed_policy_and_a_changed_field_are_listed() {
        let old = default_pack::pack();
        let mut new = old.clone();
        let gone = new.policies.remove(0).id;
        new.policies[0].benefit.en = "Something else".into();
        let c = changes(&old, &new);
        assert_eq!(c.removed, vec![gone.clone()]);
        assert_eq!(c.changed.len(), 1);
        assert_eq!(c.changed[0].fields.iter().map(|f| f.field).collect::<Vec<_>>(), ["benefit"]);
        let back = changes(&new, &old);
        assert_eq!(back.added, vec![gone]);
    }
}
