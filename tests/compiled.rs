//! The compiled pack: what `policy bundle` writes and the browser decodes.
//! A round trip loses nothing, and no bytes whatever (truncated, altered,
//! another version, crafted) make the decoder panic: each is an error that
//! says what is wrong. Crafted counts are refused quickly and without
//! setting memory aside for them (measured by a counting allocator).

use policy_explainer::compiled::{decode, encode, DecodeError, FORMAT_VERSION};
use policy_explainer::default_pack;
use policy_explainer::engine::{evaluate, explain, next_question, Date, Facts, Lang, Value};
use policy_explainer::pack::load;
use proptest::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// The system allocator, counting each thread's bytes in use and their peak,
/// so that a test can measure what one call on its own thread allocates
/// (tests run on threads of their own).
struct Counting;

thread_local! {
    static IN_USE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn note_alloc(bytes: usize) {
    let _ = IN_USE.try_with(|u| {
        u.set(u.get().saturating_add(bytes));
        let _ = PEAK.try_with(|p| p.set(p.get().max(u.get())));
    });
}

fn note_free(bytes: usize) {
    let _ = IN_USE.try_with(|u| u.set(u.get().saturating_sub(bytes)));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note_free(layout.size());
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as the new block allocated before the old one is freed.
        note_alloc(new_size);
        note_free(layout.size());
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Decodes `bytes`, returning the result, the most memory in use at once
/// beyond what was in use before, and how long it took.
fn decode_measured(bytes: &[u8]) -> (Result<(), DecodeError>, usize, Duration) {
    let before = IN_USE.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let start = Instant::now();
    let result = decode_without_panic(bytes);
    (result, PEAK.with(Cell::get) - before, start.elapsed())
}

/// The most a decode may allocate, as a multiple of the file's size: the
/// strings themselves, plus what the decoded items take in memory.
const MEMORY_PER_BYTE: usize = 8;

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

/// A LEB128 varint, as the payload writes lengths.
fn varint(mut n: u64) -> Vec<u8> {
    let mut out = Vec::new();
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
    out
}

/// The default pack without its policies: the payload's last byte is then
/// the policies' count (0), where a crafted count can go.
fn payload_before_the_policies() -> Vec<u8> {
    let mut pack = default_pack::pack();
    pack.policies.clear();
    let bytes = encode(&pack);
    let body = bytes[HEADER..].to_vec();
    assert_eq!(body.last(), Some(&0), "the policies' count ends the payload");
    body[..body.len() - 1].to_vec()
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
    // An id that would name the library's index page, or a path.
    for id in ["index", "../index", "a\u{1b}[2J"] {
        let mut pack = default_pack::pack();
        let was = std::mem::replace(&mut pack.policies[0].id, id.to_string());
        assert_ne!(was, id);
        match decode(&encode(&pack)) {
            Err(DecodeError::Malformed(why)) => {
                assert_eq!(why, format!("policy `{id}`: its id is not a policy id (lower-case letters, digits and hyphens, not `index`)"))
            }
            other => panic!("{id:?}: {:?}", other.map(|_| ())),
        }
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

// ------------------------------------------------------- crafted as an attacker

/// A valid checksum over a count that fits in the bytes left (one byte per
/// item) but whose items cannot (a policy takes at least 31 bytes): refused
/// by name, at once, before memory is set aside for a million policies.
#[test]
fn a_count_that_fits_the_bytes_but_not_its_items_is_refused_without_allocating_for_them() {
    let n = 1_000_000;
    let mut body = payload_before_the_policies();
    body.extend(varint(n as u64));
    body.extend(std::iter::repeat_n(0u8, n));
    let bytes = resealed(&body);
    let (result, peak, took) = decode_measured(&bytes);
    assert!(peak <= MEMORY_PER_BYTE * bytes.len(), "{peak} bytes allocated for a file of {}", bytes.len());
    assert!(took < Duration::from_secs(2), "{took:?}");
    match result {
        Err(DecodeError::Oversized { what: "policies", count, left }) => assert_eq!((count, left), (n as u64, n)),
        other => panic!("{other:?}"),
    }
    let message = decode(&bytes).unwrap_err().to_string();
    assert_eq!(message, format!("the compiled pack is damaged: it says {n} policies follow, but the {n} bytes left cannot hold that many"));
}

/// The same count at every list and text of the pack, as large as a varint
/// can say: each refused by name, quickly, allocating little.
#[test]
fn huge_counts_anywhere_are_refused_by_name_quickly() {
    // Huge counts in place of the policies' count, each with a megabyte of
    // zeros after it (which could not be a pack anyway).
    for count in [u64::MAX, u64::from(u32::MAX), 1 << 40, 10_000_000] {
        let mut body = payload_before_the_policies();
        body.extend(varint(count));
        body.extend(std::iter::repeat_n(0u8, 1 << 20));
        let bytes = resealed(&body);
        let (result, peak, took) = decode_measured(&bytes);
        assert!(matches!(result, Err(DecodeError::Oversized { what: "policies", count: c, .. }) if c == count), "{count}: {result:?}");
        assert!(peak <= MEMORY_PER_BYTE * bytes.len(), "{count}: {peak} bytes allocated");
        assert!(took < Duration::from_secs(2), "{count}: {took:?}");
    }
    // The pack's id is its first text: a huge length there.
    let mut body = varint(u64::MAX);
    body.extend(std::iter::repeat_n(b'a', 1 << 16));
    assert!(matches!(decode(&resealed(&body)), Err(DecodeError::Oversized { what: "bytes of text", .. })));
}

/// A million policies each with a million criteria announced: the first
/// count fits (31 bytes each), the nested one cannot.
#[test]
fn nested_counts_are_each_bounded_by_the_bytes_left() {
    let mut pack = default_pack::pack();
    pack.policies.truncate(1);
    pack.policies[0].criteria.clear();
    let bytes = encode(&pack);
    let body = &bytes[HEADER..];
    assert_eq!(body.last(), Some(&0), "the criteria's count ends the last policy");
    let mut crafted = body[..body.len() - 1].to_vec();
    crafted.extend(varint(4_000_000));
    crafted.extend(std::iter::repeat_n(0u8, 4_000_000));
    let bytes = resealed(&crafted);
    let (result, peak, took) = decode_measured(&bytes);
    assert!(peak <= MEMORY_PER_BYTE * bytes.len(), "{peak} bytes allocated for a file of {}", bytes.len());
    assert!(took < Duration::from_secs(2), "{took:?}");
    assert!(matches!(result, Err(DecodeError::Oversized { what: "criteria", count: 4_000_000, .. })), "{result:?}");
}

#[test]
fn bytes_appended_after_a_valid_pack_are_refused() {
    let good = default_pack::BYTES;
    let mut appended = good.to_vec();
    appended.extend_from_slice(b"<script>");
    assert_eq!(decode(&appended).err(), Some(DecodeError::TrailingBytes { expected: good.len(), found: good.len() + 8 }));
    assert_eq!(
        decode(&appended).unwrap_err().to_string(),
        format!("the compiled pack has 8 bytes after its end (it ends at byte {} of {}): it was altered or joined to another file", good.len(), good.len() + 8)
    );
    // Two packs joined.
    let twice = [good, good].concat();
    assert!(matches!(decode(&twice), Err(DecodeError::TrailingBytes { .. })));
    // Inside the payload, under a valid checksum: the same refusal.
    let mut body = payload().to_vec();
    body.push(0);
    assert_eq!(decode(&resealed(&body)).err(), Some(DecodeError::TrailingBytes { expected: good.len(), found: good.len() + 1 }));
}

/// What decoding a real pack costs, so that the bound above is not loose
/// only because decoding is always cheap.
#[test]
fn decoding_the_default_pack_stays_within_the_same_memory_bound() {
    let (result, peak, _) = decode_measured(default_pack::BYTES);
    assert_eq!(result, Ok(()));
    eprintln!("decoding the default pack ({} bytes) allocated at most {peak} bytes at once", default_pack::BYTES.len());
    assert!(peak > default_pack::BYTES.len(), "decoding allocates at least the texts");
    assert!(peak <= MEMORY_PER_BYTE * default_pack::BYTES.len(), "{peak} bytes for a pack of {}", default_pack::BYTES.len());
}

/// The most memory per byte of file that valid content can take: a policy
/// of empty texts and a one-letter id is 32 bytes on the wire and about 1 KB in memory (on a
/// 64-bit machine; about half that in the browser's 32-bit wasm).
const WORST_MEMORY_PER_BYTE: usize = 64;

/// The worst a file can do without being refused: only the smallest valid
/// policies, tens of thousands of them. Memory stays proportional.
#[test]
fn a_pack_of_the_smallest_valid_policies_takes_memory_in_proportion_to_its_size() {
    use policy_explainer::engine::{Decision, Expr, Policy, Scope, Text, Validity};
    let leaf = || Expr::Bool(false);
    let smallest = Policy {
        // The shortest id the decoder takes.
        id: "a".into(),
        name: Text::default(),
        issuer: Text::default(),
        jurisdiction: String::new(),
        benefit: Text::default(),
        summary: None,
        keywords: None,
        benefit_source: None,
        local: vec![],
        apply: Text::default(),
        scope: Scope::new(leaf(), Text::default(), leaf(), Text::default(), None),
        decision: Decision::ALL[0],
        decided_by: None,
        validity: Validity { from: None, until: None },
        amount: None,
        criteria: vec![],
        reported: None,
    };
    let mut pack = default_pack::pack();
    pack.policies = vec![smallest; 30_000];
    let bytes = encode(&pack);
    let (result, peak, took) = decode_measured(&bytes);
    assert_eq!(result, Ok(()));
    assert!(peak <= WORST_MEMORY_PER_BYTE * bytes.len(), "{peak} bytes for a file of {}", bytes.len());
    assert!(took < Duration::from_secs(5), "{took:?}");
}
