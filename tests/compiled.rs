//! The compiled pack: what `policy bundle` writes and the browser decodes.
//! A round trip loses nothing, and no bytes whatever (truncated, altered,
//! another version, crafted) make the decoder panic: each is an error that
//! says what is wrong.

use policy_explainer::compiled::{decode, encode, DecodeError, FORMAT_VERSION};
use policy_explainer::default_pack;
use policy_explainer::engine::{evaluate, explain, next_question, Date, Facts, Lang, Value};
use policy_explainer::pack::load;
use proptest::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};

const HEADER: usize = 18;

/// The payload's checksum, as the format defines it (FNV-1a 64).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// `bytes` with a new payload and a header that matches it, so that the
/// decoder gets past the checksum to the payload itself.
fn resealed(payload: &[u8]) -> Vec<u8> {
    let mut out = default_pack::BYTES[..6].to_vec();
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&fnv(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

fn payload() -> &'static [u8] {
    &default_pack::BYTES[HEADER..]
}

fn decode_without_panic(bytes: &[u8]) -> Result<(), DecodeError> {
    match catch_unwind(AssertUnwindSafe(|| decode(bytes).map(|_| ()))) {
        Ok(result) => result,
        Err(_) => panic!("the decoder panicked on {} bytes: {:?}…", bytes.len(), &bytes[..bytes.len().min(64)]),
    }
}

#[test]
fn the_embedded_pack_is_the_loaded_pack_and_re_encodes_to_the_same_bytes() {
    let loaded = load(&default_pack::files()).unwrap();
    let decoded = default_pack::pack();
    assert_eq!(encode(&loaded), default_pack::BYTES, "the build compiled the current policies/");
    assert_eq!(encode(&decoded), default_pack::BYTES, "decoding loses nothing");
    assert_eq!((decoded.id.as_str(), decoded.policies.len(), decoded.facts.len()), (loaded.id.as_str(), loaded.policies.len(), loaded.facts.len()));
    // What is derived rather than stored is derived again.
    for (a, b) in decoded.policies.iter().zip(&loaded.policies) {
        assert_eq!(a.scope.facts, b.scope.facts, "{}", a.id);
        assert_eq!(
            a.criteria.iter().map(|c| c.rule.facts.clone()).collect::<Vec<_>>(),
            b.criteria.iter().map(|c| c.rule.facts.clone()).collect::<Vec<_>>(),
            "{}",
            a.id
        );
    }
    for f in 0..loaded.facts.len() {
        assert_eq!(decoded.probes(f), loaded.probes(f));
    }
}

#[test]
fn each_kind_of_bad_bytes_is_named() {
    let good = default_pack::BYTES;
    assert_eq!(decode(br#"{"files": {}}"#).err(), Some(DecodeError::NotAPack), "an old JSON bundle");
    assert_eq!(decode(b"<!doctype html>").err(), Some(DecodeError::NotAPack), "an error page");
    assert_eq!(decode(b"").err(), Some(DecodeError::NotAPack));
    let mut other_version = good.to_vec();
    other_version[4..6].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    assert_eq!(decode(&other_version).err(), Some(DecodeError::Version(FORMAT_VERSION + 1)));
    assert!(decode(&other_version).unwrap_err().to_string().contains("rebuild it with this version's `policy bundle`"));
    let cut = &good[..good.len() - 100];
    assert_eq!(decode(cut).err(), Some(DecodeError::Truncated { expected: good.len(), found: good.len() - 100 }));
    let mut altered = good.to_vec();
    let middle = altered.len() / 2;
    altered[middle] ^= 0x20;
    assert_eq!(decode(&altered).err(), Some(DecodeError::Checksum));
    // A payload that decodes but points outside the pack.
    let mut pack = default_pack::pack();
    pack.policies[0].criteria.clear();
    pack.policies[0].scope.place = policy_explainer::engine::Expr::EnumIn(999, 1);
    match decode(&encode(&pack)) {
        Err(DecodeError::Malformed(why)) => assert_eq!(why, format!("policy `{}`: reads a fact the pack does not have", pack.policies[0].id)),
        other => panic!("{other:?}"),
    }
    let mut pack = default_pack::pack();
    pack.policies[0].scope.place = policy_explainer::engine::Expr::IntFact(0);
    assert!(matches!(decode(&encode(&pack)), Err(DecodeError::Malformed(_))), "a number where a condition belongs");
}

#[test]
fn every_truncation_is_an_error_never_a_panic() {
    let good = default_pack::BYTES;
    for len in (0..good.len()).step_by(97).chain(good.len() - 20..good.len()) {
        assert!(decode_without_panic(&good[..len]).is_err(), "{len} bytes decoded");
    }
    // Cut payloads with a matching header reach the payload decoder itself.
    for len in (0..payload().len()).step_by(211) {
        assert!(decode_without_panic(&resealed(&payload()[..len])).is_err(), "a payload of {len} bytes decoded");
    }
}

#[test]
fn a_deeply_nested_crafted_expression_is_refused_without_overflowing_the_stack() {
    // Postfix: one leaf then a million `not`s, placed as policy 0's place.
    let mut pack = default_pack::pack();
    let mut e = policy_explainer::engine::Expr::Bool(true);
    for _ in 0..10 {
        e = policy_explainer::engine::Expr::Not(Box::new(e));
    }
    pack.policies[0].scope.place = e;
    let bytes = encode(&pack);
    // Find the ten `not`s (variant 9, no payload) after the leaf and grow them.
    let body = &bytes[HEADER..];
    let at = body.windows(12).position(|w| w[0] == 0 && w[1] == 1 && w[2..].iter().all(|b| *b == 9)).expect("the encoded chain");
    let count_at = at - 1;
    assert_eq!(body[count_at], 11, "the op count precedes the ops");
    let mut crafted = body[..count_at].to_vec();
    let n: u32 = 1_000_001;
    let mut v = n;
    while v >= 0x80 {
        crafted.push((v as u8) | 0x80);
        v >>= 7;
    }
    crafted.push(v as u8);
    crafted.extend_from_slice(&[0, 1]);
    crafted.extend(std::iter::repeat_n(9u8, 1_000_000));
    crafted.extend_from_slice(&body[at + 12..]);
    match decode(&resealed(&crafted)) {
        Err(DecodeError::Malformed(why)) => assert!(why.contains("nested more than 64 levels"), "{why}"),
        other => panic!("{:?}", other.map(|_| ())),
    }
    // The same chain within the depth limit decodes.
    assert!(decode(&bytes).is_ok());
}

fn facts_strategy() -> impl Strategy<Value = Vec<Option<u64>>> {
    prop::collection::vec(prop::option::weighted(0.5, any::<u64>()), default_pack::pack().facts.len())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// Altered bytes anywhere in the payload, resealed so the checksum holds:
    /// the decoder must refuse them or return a pack that works.
    #[test]
    fn altered_payloads_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut body = payload().to_vec();
        for (at, byte) in &edits {
            let i = at.index(body.len());
            body[i] = *byte;
        }
        let bytes = resealed(&body);
        if let Ok(Ok(pack)) = catch_unwind(AssertUnwindSafe(|| decode(&bytes))).map_err(|_| "panic") {
            // A pack that decodes is usable: evaluating it must not panic either.
            let facts = Facts::unknown(&pack.facts);
            let verdicts = evaluate(&pack, &facts, Date::parse("2026-06-01").unwrap());
            let _ = next_question(&pack, &facts, &verdicts);
            for v in &verdicts {
                let _ = explain(&pack, v, &facts, Lang::En);
            }
        } else {
            prop_assert!(decode_without_panic(&bytes).is_err());
        }
    }

    #[test]
    fn random_bytes_after_a_valid_header_never_panic(body in prop::collection::vec(any::<u8>(), 0..2048)) {
        prop_assert!(decode_without_panic(&resealed(&body)).is_err());
    }

    /// The decoded pack gives the same verdicts as the loaded one.
    #[test]
    fn decoded_and_loaded_packs_agree(raw in facts_strategy()) {
        let loaded = load(&default_pack::files()).unwrap();
        let decoded = default_pack::pack();
        let mut facts = Facts::unknown(&loaded.facts);
        for (f, r) in raw.iter().enumerate() {
            if let Some(r) = r {
                let value = match &loaded.probes(f).get((*r as usize) % loaded.probes(f).len().max(1)) {
                    Some(v) => **v,
                    None => Value::Bool(r % 2 == 0),
                };
                if Facts::check_value(&loaded.facts[f], value).is_ok() {
                    facts.set(f, Some(value));
                }
            }
        }
        let date = Date::parse("2026-06-01").unwrap();
        let (a, b) = (evaluate(&loaded, &facts, date), evaluate(&decoded, &facts, date));
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(next_question(&loaded, &facts, &a), next_question(&decoded, &facts, &b));
    }
}
