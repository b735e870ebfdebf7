//! Which question to ask next: never one whose answer cannot change a result.

use super::{eval::truth, probe_values_for, Basis, CriterionStatus, Expr, FactIx, FactKind, Facts, Pack, Status, Truth, Value, Verdict};

/// Whether the question for `fact` may be asked now: its `asked_when`
/// condition (if any) is known to hold. District is asked only for Qingdao.
pub fn is_askable(pack: &Pack, facts: &Facts, fact: FactIx) -> bool {
    pack.facts[fact].asked_when.as_ref().is_none_or(|c| truth(c, facts) == Truth::True)
}

/// Whether the gate of `fact` may still open: each unknown fact it reads can
/// still be answered (was not skipped). District stays closed once the city
/// was answered "I don't know".
fn gate_reachable(pack: &Pack, facts: &Facts, fact: FactIx, skipped: &[FactIx]) -> bool {
    match &pack.facts[fact].asked_when {
        Some(gate) if truth(gate, facts) == Truth::Unknown => gate.facts().iter().any(|g| !facts.is_known(*g) && !skipped.contains(g)),
        _ => true,
    }
}

/// Whether the question for `fact` can never be asked with these answers.
fn is_ruled_out(pack: &Pack, facts: &Facts, fact: FactIx) -> bool {
    pack.facts[fact].asked_when.as_ref().is_some_and(|c| truth(c, facts) == Truth::False)
}

/// The pack's opening facts first (who is asking, then where), each while
/// it is unknown, may be asked, and some result still depends on it; then
/// the unknown fact whose answer would settle the most still-undetermined
/// policies. Ties go to facts that more undetermined policies need, then to
/// facts that complete an eligible policy's amount, then to the pack's
/// question order. `None` when no answer could change any result.
///
/// `verdicts` are [`super::evaluate`]'s for the same facts.
pub fn next_question(pack: &Pack, facts: &Facts, verdicts: &[Verdict]) -> Option<FactIx> {
    next_question_skipping(pack, facts, verdicts, &[])
}

/// [`next_question`], never choosing a fact in `skipped` (the questions the
/// applicant answered "I don't know").
pub fn next_question_skipping(pack: &Pack, facts: &Facts, verdicts: &[Verdict], skipped: &[FactIx]) -> Option<FactIx> {
    // Whether each fact may be asked now: worked out once, not per policy.
    let open: Vec<bool> = (0..pack.facts.len()).map(|f| !skipped.contains(&f) && is_askable(pack, facts, f)).collect();
    let needed = |f: FactIx| verdicts.iter().any(|v| (v.status == Status::Undetermined || v.status.conditions_hold()) && v.missing.contains(&f));
    if let Some(&first) = pack.opening.iter().find(|&&f| open[f] && !facts.is_known(f) && needed(f)) {
        return Some(first);
    }
    // (settles, needed by, completes an amount) per fact.
    let mut score = vec![(0u32, 0u32, 0u32); pack.facts.len()];
    let mut scratch = facts.clone();
    for v in verdicts {
        let policy = &pack.policies[v.policy];
        match v.status {
            Status::Undetermined => {
                // The conditions still unknown: parts of the scope, then criteria.
                // Each scope part is taken to read all the scope's facts: a part
                // that does not read `f` stays unknown when `f` is probed, so
                // this only spares an allocation per policy and call.
                let mut unknown: Vec<(&Expr, &[FactIx], Option<Basis>)> = Vec::new();
                if v.scope == CriterionStatus::Unknown {
                    for part in [&policy.scope.applicant, &policy.scope.place] {
                        if truth(part, facts) == Truth::Unknown {
                            unknown.push((part, &policy.scope.facts, None));
                        }
                    }
                }
                // Only the unknown criteria that still matter: an unknown
                // example beside a false one cannot change the result.
                let example_false = policy.criteria.iter().zip(&v.criteria).any(|(c, s)| c.basis == Basis::Example && *s == CriterionStatus::NotMet);
                unknown.extend(
                    policy
                        .criteria
                        .iter()
                        .zip(&v.criteria)
                        .filter(|(c, s)| **s == CriterionStatus::Unknown && !(example_false && c.basis == Basis::Example))
                        .map(|(c, _)| (&c.rule.expr, &c.rule.facts[..], Some(c.basis))),
                );
                for &f in &v.missing {
                    if !open[f] {
                        continue;
                    }
                    // Only the unknown conditions that read `f` can change when
                    // it is answered; the rest stay unknown (or true).
                    let reading: Vec<(&Expr, Option<Basis>)> = unknown.iter().filter(|(_, read, _)| read.contains(&f)).map(|(e, _, b)| (*e, *b)).collect();
                    if reading.is_empty() {
                        score[f].2 += 1;
                        continue;
                    }
                    score[f].1 += 1;
                    let decides_all = reading.len() == unknown.len();
                    // A number is probed only around the thresholds these
                    // conditions compare it with: between two of them every
                    // answer gives the same truth, and a large pack's other
                    // thresholds would only repeat the work.
                    let local;
                    let probes: &[Value] = if let FactKind::Int { .. } = pack.facts[f].kind {
                        let mut thresholds = Vec::new();
                        reading.iter().for_each(|(e, _)| e.int_thresholds(&mut thresholds));
                        local = probe_values_for(f, &pack.facts[f].kind, &thresholds);
                        &local
                    } else {
                        pack.probes(f)
                    };
                    // An answer settles the policy when it rules it out (a
                    // false scope or a false stated or inferred criterion),
                    // or when it decides every unknown condition (all true,
                    // or an example false: "unclear").
                    let settles = probes.iter().any(|&value| {
                        scratch.set(f, Some(value));
                        let mut all_known = true;
                        for (e, basis) in &reading {
                            match truth(e, &scratch) {
                                Truth::False if *basis != Some(Basis::Example) => return true,
                                Truth::Unknown => all_known = false,
                                _ => {}
                            }
                        }
                        decides_all && all_known
                    });
                    scratch.set(f, None);
                    if settles {
                        score[f].0 += 1;
                    }
                }
            }
            // A met verdict's missing facts are those its amount still needs.
            Status::Eligible | Status::MeetsConditions | Status::Likely => {
                for &f in v.missing.iter().filter(|&&f| open[f]) {
                    score[f].2 += 1;
                }
            }
            _ => {}
        }
    }
    score
        .iter()
        .enumerate()
        .filter(|(_, s)| **s != (0, 0, 0))
        // max_by_key keeps the last maximum; reverse so the earliest fact wins ties.
        .rev()
        .max_by_key(|(_, s)| **s)
        .map(|(ix, _)| ix)
}

/// At most how many more questions this journey can take: the unknown facts
/// that some result still depends on and that may yet be asked.
pub fn questions_left(pack: &Pack, facts: &Facts, verdicts: &[Verdict]) -> usize {
    questions_left_skipping(pack, facts, verdicts, &[])
}

/// [`questions_left`], not counting the facts in `skipped`.
pub fn questions_left_skipping(pack: &Pack, facts: &Facts, verdicts: &[Verdict], skipped: &[FactIx]) -> usize {
    let mut needed = vec![false; pack.facts.len()];
    for v in verdicts {
        if v.status == Status::Undetermined || v.status.conditions_hold() {
            for &f in &v.missing {
                needed[f] = true;
            }
        }
    }
    // A gated fact becomes askable only through its gate's facts, which are
    // themselves unknown and counted; one that can never be asked is not.
    needed.iter().enumerate().filter(|(f, n)| **n && !skipped.contains(f) && !is_ruled_out(pack, facts, *f) && gate_reachable(pack, facts, *f, skipped)).count()
}

/// Whether every opening fact is answered or can no longer be asked: only
/// then is a count of the questions left one a person can trust (before,
/// who is asking and where decide which questions there are at all).
pub fn past_opening(pack: &Pack, facts: &Facts, skipped: &[FactIx]) -> bool {
    pack.opening.iter().all(|&f| facts.is_known(f) || skipped.contains(&f) || is_ruled_out(pack, facts, f))
}
