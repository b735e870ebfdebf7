//! A pack split by region (`policy bundle --split-by FACT --out DIR`), loaded
//! as the visitor needs it. The app starts on the index (the facts, the
//! policies for every region, a line for every policy) and fetches the
//! visitor's region's shard from the index's own folder as soon as the
//! splitting fact is known: from the host's preset or a link before the
//! first page, from an answer after it. The app then starts again on the
//! index and that one shard, on the same answers, page and settings
//! (`state::Carry`); a changed or forgotten answer (another city, the next
//! person at a kiosk) starts it again on the index and the new region's
//! shard, or on the index alone, so that no one's results show a region
//! loaded for someone else. A shard's address names a region only, and it
//! is fetched from the app's origin, as the index is.

use super::fetch_bytes;
use policy_explainer::compiled::SplitPack;
use policy_explainer::engine::{Facts, Pack, Value};
use std::cell::RefCell;

struct Loaded {
    index: SplitPack,
    /// The index's folder (an absolute address ending in `/`).
    folder: String,
    /// Shards fetched so far, by value: a region visited again is not
    /// fetched again.
    fetched: Vec<(u8, Vec<u8>)>,
    /// The region the app's pack now holds.
    shown: Option<u8>,
    /// The region whose pack is being made.
    making: Option<Option<u8>>,
}

thread_local! {
    static LOADED: RefCell<Option<Loaded>> = const { RefCell::new(None) };
}

/// Opens an index fetched from `address`, with the shard for the region
/// `known` finds in the preset's or link's answers (given the index's
/// pack), so that the visitor starts on their region.
pub async fn open(bytes: &[u8], address: &str, known: impl FnOnce(&Pack) -> Facts) -> Result<Pack, String> {
    let index = SplitPack::decode_index(bytes).map_err(|e| e.to_string())?;
    let region = region_in(&known(&index.pack), &index);
    let folder = address[..address.rfind('/').map_or(0, |i| i + 1)].to_string();
    LOADED.with(|l| *l.borrow_mut() = Some(Loaded { index, folder, fetched: Vec::new(), shown: None, making: None }));
    pack_for(region).await
}

fn region_in(facts: &Facts, index: &SplitPack) -> Option<u8> {
    match facts.get(index.fact) {
        Some(Value::Enum(v)) => Some(v),
        _ => None,
    }
}

/// Whether the app runs on a split pack.
pub fn active() -> bool {
    LOADED.with(|l| l.borrow().is_some())
}

/// The region of `facts` when the app's pack is for another one and no
/// pack is being made for it yet; marks it as being made.
pub fn claim(facts: &Facts) -> Option<Option<u8>> {
    LOADED.with(|l| {
        let mut l = l.borrow_mut();
        let l = l.as_mut()?;
        let region = region_in(facts, &l.index);
        (region != l.shown && l.making != Some(region)).then(|| {
            l.making = Some(region);
            region
        })
    })
}

/// The index with the shard of `region` (fetched once), or alone.
pub async fn pack_for(region: Option<u8>) -> Result<Pack, String> {
    let wanted = region.and_then(|v| {
        LOADED.with(|l| {
            let l = l.borrow();
            let l = l.as_ref()?;
            let file = l.index.shard_file(v)?;
            let have = l.fetched.iter().any(|(f, _)| *f == v);
            Some((v, format!("{}{file}", l.folder), file, have))
        })
    });
    if let Some((v, address, file, false)) = &wanted {
        let bytes = fetch_bytes(web_sys::window().map(|w| w.fetch_with_str(address))).await.map_err(|e| format!("{file}: {e}"))?;
        LOADED.with(|l| l.borrow_mut().as_mut().map(|l| l.fetched.push((*v, bytes))));
    }
    LOADED.with(|l| {
        let mut l = l.borrow_mut();
        let l = l.as_mut().ok_or("no split pack is open")?;
        let mut pack = SplitPack { pack: l.index.pack.clone(), fact: l.index.fact, listings: Vec::new(), loaded: Vec::new() };
        if let Some((v, _, file, _)) = &wanted {
            let bytes = l.fetched.iter().find(|(f, _)| f == v).map(|(_, b)| b.as_slice()).unwrap_or_default();
            let got = pack.add_shard(bytes).map_err(|e| format!("{file}: {e}"))?;
            if got != *v {
                return Err(format!(
                    "{file}: this shard holds another region's policies: serve each region's shard under its own name, as `policy bundle --split-by` wrote it"
                ));
            }
        }
        l.shown = region;
        l.making = None;
        Ok(pack.pack)
    })
}
