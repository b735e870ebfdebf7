//! A pack split by region (`policy bundle --split-by FACT`): the index and
//! one shard give exactly the verdicts the whole pack gives for that
//! region's and the shared policies; a shard of another pack, version or
//! split, a damaged or cut one, and a file of the wrong kind are each named,
//! never a panic. The pack is a generated province, built in the test.

use policy_explainer::compiled::{encode, split, DecodeError, SplitError, SplitPack};
use policy_explainer::engine::{evaluate, Date, Facts, Pack, Status};
use policy_explainer::pack::{generated_province_files, load};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

fn province(n: usize, regions: usize) -> Pack {
    load(&generated_province_files(&policy_explainer::default_pack::files(), n, regions)).expect("the province loads")
}

fn shard<'a>(split: &'a policy_explainer::compiled::Split, name: &str) -> &'a [u8] {
    &split.shards.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no shard {name}")).1
}

/// Every policy's status for `answers`, by id.
fn statuses(pack: &Pack, answers: serde_json::Value) -> BTreeMap<String, Status> {
    let facts = Facts::from_json(&pack.facts, &answers).unwrap();
    evaluate(pack, &facts, Date::new(2026, 12, 3).unwrap()).into_iter().map(|v| (pack.policies[v.policy].id.clone(), v.status)).collect()
}

#[test]
fn the_index_and_one_citys_shard_give_the_whole_packs_verdicts_for_that_city() {
    let whole = province(400, 8);
    let split = split(&whole, "city").unwrap();
    assert_eq!(split.shards.len(), 9, "c01…c08 and other");
    let mut loaded = SplitPack::decode_index(&split.index).unwrap();
    assert_eq!(loaded.listings.len(), 400, "the index lists every policy, for the library");
    let shared = loaded.pack.policies.len();
    assert_eq!(shared, loaded.listings.iter().filter(|l| l.region.is_none()).count());
    assert!((15..=25).contains(&shared), "the provincial policies stay in the index: {shared}");

    let c03 = loaded.add_shard(shard(&split, "city-c03.bin")).unwrap();
    assert_eq!(loaded.pack.facts[loaded.fact].kind.choices()[c03 as usize].id, "c03");
    let own = loaded.listings.iter().filter(|l| l.region.as_deref() == Some("c03")).count();
    assert_eq!(loaded.pack.policies.len(), shared + own);
    // A second copy of the same shard changes nothing.
    loaded.add_shard(shard(&split, "city-c03.bin")).unwrap();
    assert_eq!(loaded.pack.policies.len(), shared + own);

    for answers in [
        serde_json::json!({"applicant": "individual", "city": "c03"}),
        serde_json::json!({"applicant": "individual", "city": "c03", "age": 40, "education": "master", "talent_titles": [], "retired": false}),
        serde_json::json!({"applicant": "enterprise", "city": "c03", "apprentice_hours_per_year": 600}),
    ] {
        let all = statuses(&whole, answers.clone());
        let part = statuses(&loaded.pack, answers.clone());
        for (id, status) in &part {
            assert_eq!(all[id], *status, "{id} for {answers}");
        }
        // Every policy left out is another city's: not for this person.
        for (id, status) in all.iter().filter(|(id, _)| !part.contains_key(*id)) {
            assert_eq!(*status, Status::NotApplicable, "{id} is not for a person in c03");
        }
    }
}

#[test]
fn a_district_policy_goes_with_its_city_and_the_shard_for_outside_the_province_is_empty() {
    let whole = province(300, 4);
    let split = split(&whole, "city").unwrap();
    let mut loaded = SplitPack::decode_index(&split.index).unwrap();
    let districts: Vec<&str> = whole
        .policies
        .iter()
        .filter(|p| policy_explainer::engine::expr_text(&p.scope.place, &whole.facts).contains("district"))
        .map(|p| p.id.as_str())
        .collect();
    assert!(!districts.is_empty());
    for id in &districts {
        let listing = loaded.listings.iter().find(|l| l.id == *id).unwrap();
        assert_eq!(listing.region.as_deref(), Some("c01"), "{id} is in c01's shard, not the index");
    }
    loaded.add_shard(shard(&split, "city-c01.bin")).unwrap();
    assert!(districts.iter().all(|id| loaded.pack.policy_ix(id).is_some()));
    let before = loaded.pack.policies.len();
    loaded.add_shard(shard(&split, "city-other.bin")).unwrap();
    assert_eq!(loaded.pack.policies.len(), before, "no policy is confined to outside the province");
}

#[test]
fn a_shard_of_another_version_or_split_and_a_file_of_the_wrong_kind_are_refused_by_name() {
    let whole = province(120, 4);
    let ours = split(&whole, "city").unwrap();
    let mut later = whole.clone();
    later.version = "3.1.0".into();
    let newer = split(&later, "city").unwrap();
    let mut loaded = SplitPack::decode_index(&ours.index).unwrap();
    let e = loaded.add_shard(shard(&newer, "city-c02.bin")).unwrap_err();
    assert!(matches!(e, SplitError::ForeignShard { .. }), "{e:?}");
    let message = e.to_string();
    assert!(message.contains("3.1.0") && message.contains("3.0.0"), "names both versions: {message}");
    let by_district = split(&whole, "district").unwrap();
    assert!(matches!(loaded.add_shard(shard(&by_district, "district-laoshan.bin")), Err(SplitError::ForeignShard { .. })));

    assert_eq!(loaded.add_shard(&ours.index).unwrap_err(), SplitError::NotPart("shard"));
    assert_eq!(SplitPack::decode_index(shard(&ours, "city-c01.bin")).unwrap_err(), SplitError::NotPart("index"));
    assert_eq!(SplitPack::decode_index(&encode(&whole)).unwrap_err(), SplitError::NotPart("index"), "a whole bundle is not an index");
    assert!(SplitPack::decode_index(&ours.index).unwrap().pack.policies.len() < whole.policies.len());
    assert!(loaded.pack.policies.len() < 40, "nothing of the refused shards was added");
}

#[test]
fn every_cut_and_every_altered_byte_of_a_shard_is_an_error_never_a_panic() {
    let whole = province(60, 3);
    let split = split(&whole, "city").unwrap();
    let bytes = shard(&split, "city-c02.bin").to_vec();
    let index = SplitPack::decode_index(&split.index).unwrap();
    let fresh = || SplitPack { pack: index.pack.clone(), fact: index.fact, listings: Vec::new(), loaded: Vec::new() };
    for cut in 0..bytes.len() {
        let mut s = fresh();
        let r = catch_unwind(AssertUnwindSafe(|| s.add_shard(&bytes[..cut])));
        assert!(matches!(r, Ok(Err(_))), "cut at {cut}: {r:?}");
        assert_eq!(s.pack.policies.len(), index.pack.policies.len(), "cut at {cut}: nothing added");
    }
    for at in (18..bytes.len()).step_by(7) {
        let mut altered = bytes.clone();
        altered[at] ^= 0x5a;
        let mut s = fresh();
        assert_eq!(s.add_shard(&altered), Err(SplitError::Decode(DecodeError::Checksum)), "byte {at}");
    }
    for cut in (0..split.index.len()).step_by(97) {
        let r = catch_unwind(|| SplitPack::decode_index(&split.index[..cut]).map(|_| ()));
        assert!(matches!(r, Ok(Err(_))), "index cut at {cut}");
    }
}
