//! What the studio keeps, in this browser's localStorage only: the pack as it
//! was opened (when it is not the built-in one) and a draft of each edited
//! file. Nothing is ever sent anywhere.
//!
//! A draft is `policy-studio-draft:<pack id>:<path>` → `{"base", "text"}`
//! (see [`Draft`]). Each change writes only the files it touched, so two
//! tabs on the same pack never erase each other's drafts; and each tab hears
//! of the other's (the `storage` event, which a browser sends to every other
//! page of the origin).

use policy_explainer::pack::PackFiles;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

use crate::model::{Origin, Save};

const DRAFT_PREFIX: &str = "policy-studio-draft:";
const ORIGIN_KEY: &str = "policy-studio-origin";

/// The pack as opened, as stored: where it came from and its files.
#[derive(Serialize, Deserialize)]
struct StoredOrigin {
    name: Option<String>,
    files: Vec<(String, String)>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn draft_key(pack_id: &str, path: &str) -> String {
    format!("{DRAFT_PREFIX}{pack_id}:{path}")
}

/// The pack opened last, if it was not the built-in one.
pub fn opened_origin() -> Option<Origin> {
    let stored: StoredOrigin = serde_json::from_str(&storage()?.get_item(ORIGIN_KEY).ok()??).ok()?;
    Some(Origin { name: stored.name, files: PackFiles::from_pairs(stored.files) })
}

/// Remembers the pack as opened (forgets it for the built-in one). False when
/// the browser refuses: then no pack is remembered, so that a reload opens
/// the built-in pack rather than an older one under this pack's drafts.
pub fn keep_origin(origin: &Origin) -> bool {
    let Some(store) = storage() else { return false };
    let kept = match &origin.name {
        None => store.remove_item(ORIGIN_KEY).is_ok(),
        Some(name) => {
            let stored = StoredOrigin { name: Some(name.clone()), files: origin.files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect() };
            serde_json::to_string(&stored).is_ok_and(|json| store.set_item(ORIGIN_KEY, &json).is_ok())
        }
    };
    if !kept {
        let _ = store.remove_item(ORIGIN_KEY);
    }
    kept
}

/// Every draft stored for this pack: (path, stored value).
pub fn stored(pack_id: &str) -> Vec<(String, String)> {
    let Some(store) = storage() else { return Vec::new() };
    let prefix = draft_key(pack_id, "");
    let keys: Vec<String> = (0..store.length().unwrap_or(0)).filter_map(|i| store.key(i).ok().flatten()).collect();
    keys.into_iter()
        .filter_map(|key| {
            let path = key.strip_prefix(&prefix)?.to_string();
            Some((path, store.get_item(&key).ok()??))
        })
        .collect()
}

/// Stores one change's draft (or forgets it). False when the browser
/// refuses (storage disabled or full).
pub fn write(pack_id: &str, save: &Save) -> bool {
    let Some(store) = storage() else { return false };
    let key = draft_key(pack_id, &save.path);
    match &save.draft {
        Some(draft) => store.set_item(&key, &draft.to_json()).is_ok(),
        None => store.remove_item(&key).is_ok(),
    }
}

/// Forgets the drafts of these paths.
pub fn forget(pack_id: &str, paths: &[String]) {
    let Some(store) = storage() else { return };
    for path in paths {
        let _ = store.remove_item(&draft_key(pack_id, path));
    }
}

/// Calls `noticed(key suffix, new value)` whenever another page of this
/// origin stores or forgets a draft: `noticed` gets the part of the key
/// after the draft prefix (`<pack id>:<path>`), for the page to match.
pub fn on_other_tabs(noticed: impl Fn(&str, Option<String>) + 'static) {
    let Some(window) = web_sys::window() else { return };
    gloo_events::EventListener::new(&window, "storage", move |event| {
        let get = |name: &str| js_sys::Reflect::get(event.unchecked_ref(), &name.into()).ok().and_then(|v| v.as_string());
        if let Some(rest) = get("key").as_deref().and_then(|k| k.strip_prefix(DRAFT_PREFIX)) {
            noticed(rest, get("newValue"));
        }
    })
    .forget();
}
