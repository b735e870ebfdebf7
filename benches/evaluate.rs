//! How long one questionnaire step takes: `evaluate` every policy for the
//! answers so far, then pick the `next_question`. Measured on the seed pack
//! (18 policies) and on a generated pack of 1,000 policies over the same facts;
//! comparing places (比一比) on the results; decoding each in its
//! compiled form, as the browser does; and a generated province of 5,000
//! policies over 16 cities, whole and split by city (the index and one
//! city's shard).
//!
//! ```text
//! cargo bench --bench evaluate            # or: -- --quick
//! ```

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use policy_explainer::compiled;
use policy_explainer::default_pack;
use policy_explainer::engine::{evaluate, next_question, Date, Facts, Pack, Status};
use policy_explainer::journey::compare_places;
use policy_explainer::pack::{generated_pack_files, generated_province_files, load};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn partial_facts(pack: &Pack) -> Facts {
    let json = serde_json::json!({ "applicant": "individual", "city": "qingdao", "district": "laoshan", "age": 45 });
    Facts::from_json(&pack.facts, &json).expect("valid facts")
}

fn step(pack: &Pack, facts: &Facts, date: Date) -> Option<usize> {
    let verdicts = evaluate(pack, facts, date);
    next_question(pack, facts, &verdicts)
}

fn bench_pack(c: &mut Criterion, group_name: &str, pack: &Pack) {
    let date = Date::parse("2026-06-01").unwrap();
    let mut group = c.benchmark_group(group_name);
    for (label, facts) in [("partial", partial_facts(pack)), ("no_facts", Facts::unknown(&pack.facts))] {
        group.bench_with_input(BenchmarkId::new("evaluate+next_question", label), &facts, |b, facts| {
            b.iter(|| step(black_box(pack), black_box(facts), black_box(date)))
        });
        let verdicts = evaluate(pack, &facts, date);
        group.bench_with_input(BenchmarkId::new("compare_places", label), &facts, |b, facts| {
            b.iter(|| compare_places(black_box(pack), black_box(facts), black_box(&verdicts), &[], black_box(date)).len())
        });
    }
    group.finish();
}

/// Decoding a compiled pack: what the browser does before its first paint.
fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode");
    group.bench_function("seed_pack", |b| b.iter(|| compiled::decode(black_box(default_pack::BYTES)).map(|p| p.policies.len())));
    let big = compiled::encode(&load(&generated_pack_files(&default_pack::files(), 1000)).expect("the generated pack loads"));
    eprintln!("generated_1000: compiled to {} bytes", big.len());
    group.bench_function("generated_1000", |b| b.iter(|| compiled::decode(black_box(&big)).map(|p| p.policies.len())));
    group.finish();
}

/// A province of 5,000 policies over 16 cities: what a visitor in one city
/// decodes and evaluates with the pack whole, and split by city.
fn province(c: &mut Criterion) {
    let whole = load(&generated_province_files(&default_pack::files(), 5000, 16)).expect("the province loads");
    let bundle = compiled::encode(&whole);
    let split = compiled::split(&whole, "city").expect("the province splits by city");
    let shard = &split.shards.iter().find(|(name, _)| name == "city-c03.bin").expect("a shard for c03").1;
    eprintln!("province_5000: bundle {} bytes; index {} bytes and c03's shard {} bytes", bundle.len(), split.index.len(), shard.len());
    let index_and_shard = || {
        let mut loaded = compiled::SplitPack::decode_index(black_box(&split.index)).expect("the index decodes");
        loaded.add_shard(black_box(shard)).expect("the shard adds");
        loaded
    };
    let mut group = c.benchmark_group("province_5000");
    group.bench_function("decode/whole", |b| b.iter(|| compiled::decode(black_box(&bundle)).map(|p| p.policies.len())));
    group.bench_function("decode/index_and_one_shard", |b| b.iter(|| index_and_shard().pack.policies.len()));
    let date = Date::parse("2026-06-01").unwrap();
    let answers = serde_json::json!({"applicant": "individual", "city": "c03", "age": 40});
    let loaded = index_and_shard().pack;
    for (label, pack) in [("whole", &whole), ("index_and_one_shard", &loaded)] {
        let facts = Facts::from_json(&pack.facts, &answers).expect("the answers fit");
        group.bench_function(BenchmarkId::new("evaluate+next_question", label), |b| b.iter(|| step(black_box(pack), black_box(&facts), black_box(date))));
    }
    group.finish();
}

fn seed_pack(c: &mut Criterion) {
    let pack = load(&default_pack::files()).expect("the default pack loads");
    bench_pack(c, "seed_pack", &pack);
}

fn generated_1000(c: &mut Criterion) {
    let files = generated_pack_files(&default_pack::files(), 1000);
    let started = Instant::now();
    let pack = load(&files).unwrap_or_else(|d| panic!("the generated pack does not load:\n{}", d.iter().map(|d| format!("  {d}\n")).collect::<String>()));
    eprintln!("generated_1000: loaded {} policies in {:?}", pack.policies.len(), started.elapsed());
    assert_eq!(pack.policies.len(), 1000);
    // A realistic spread of results, not a pack that settles at once.
    let verdicts = evaluate(&pack, &partial_facts(&pack), Date::parse("2026-06-01").unwrap());
    for status in [Status::Eligible, Status::MeetsConditions, Status::Ineligible, Status::Undetermined, Status::NotApplicable, Status::Expired] {
        assert!(verdicts.iter().any(|v| v.status == status), "no generated policy is {status:?}");
    }
    bench_pack(c, "generated_1000", &pack);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_secs(1));
    targets = seed_pack, generated_1000, decode, province
}
criterion_main!(benches);
