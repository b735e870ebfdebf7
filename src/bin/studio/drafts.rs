//! What the studio keeps, in this browser's localStorage only: the pack as it
//! was opened (when it is not the built-in one) and a draft of each edited
//! file. Nothing is ever sent anywhere.
//!
//! A draft is `policy-studio-draft:<pack id>:<path>` → `{"base", "text"}`,
//! where `text` is the file's new text (`null`: the file was removed) and
//! `base` a checksum of the file it was drafted from (of "" for a new file):
//! when that file has changed since (a newer built-in pack), the draft still
//! wins, and the page says so rather than silently hiding the new file.

use serde::{Deserialize, Serialize};

const DRAFT_PREFIX: &str = "policy-studio-draft:";
const ORIGIN_KEY: &str = "policy-studio-origin";

/// The pack as opened: its files, and where they came from (`None`: built in).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Origin {
    pub name: Option<String>,
    pub files: Vec<(String, String)>,
}

/// A draft of one file: its text, or `None` for a file removed from the pack.
#[derive(Serialize, Deserialize)]
struct Draft {
    base: String,
    text: Option<String>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn draft_key(pack_id: &str, path: &str) -> String {
    format!("{DRAFT_PREFIX}{pack_id}:{path}")
}

/// FNV-1a, 64 bits, in hex: enough to tell one version of a file from another.
fn checksum(text: &str) -> String {
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    format!("{h:016x}")
}

/// The pack opened last, if it was not the built-in one.
pub fn opened_origin() -> Option<Origin> {
    serde_json::from_str(&storage()?.get_item(ORIGIN_KEY).ok()??).ok()
}

/// Remembers the pack as opened (forgets it for the built-in one). False when
/// the browser refuses: then no pack is remembered, so that a reload opens
/// the built-in pack rather than an older one under this pack's drafts.
pub fn keep_origin(origin: &Origin) -> bool {
    let Some(store) = storage() else { return false };
    let kept = match &origin.name {
        None => store.remove_item(ORIGIN_KEY).is_ok(),
        Some(_) => serde_json::to_string(origin).is_ok_and(|json| store.set_item(ORIGIN_KEY, &json).is_ok()),
    };
    if !kept {
        let _ = store.remove_item(ORIGIN_KEY);
    }
    kept
}

/// The files as opened with this browser's drafts over them (edited, added
/// and removed files), and the paths whose draft was made from another
/// version of the file.
pub fn restore(pack_id: &str, origin: &[(String, String)]) -> (Vec<(String, String)>, Vec<String>) {
    let mut files = origin.to_vec();
    let mut outdated = Vec::new();
    let Some(store) = storage() else { return (files, outdated) };
    let prefix = draft_key(pack_id, "");
    for i in 0..store.length().unwrap_or(0) {
        let Some(key) = store.key(i).ok().flatten() else { continue };
        let Some(path) = key.strip_prefix(&prefix) else { continue };
        let Some(stored) = store.get_item(&key).ok().flatten() else { continue };
        let original = origin.iter().find(|(p, _)| p == path).map_or("", |(_, t)| t.as_str());
        // A draft from before drafts were JSON is the file's text.
        let draft = serde_json::from_str::<Draft>(&stored).unwrap_or(Draft { base: checksum(original), text: Some(stored) });
        if draft.base != checksum(original) {
            outdated.push(path.to_string());
        }
        let at = files.iter().position(|(p, _)| p == path);
        match (draft.text, at) {
            (Some(text), Some(at)) => files[at].1 = text,
            (Some(text), None) => files.push((path.to_string(), text)),
            (None, Some(at)) => drop(files.remove(at)),
            (None, None) => {}
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    outdated.sort();
    (files, outdated)
}

/// Stores every edited, added and removed file, and forgets every file back
/// to its text as opened. False when the browser refuses (storage disabled
/// or full).
pub fn save(pack_id: &str, origin: &[(String, String)], files: &[(String, String)]) -> bool {
    let Some(store) = storage() else { return false };
    let text_of = |list: &[(String, String)], path: &str| list.iter().find(|(p, _)| p == path).map(|(_, t)| t.clone());
    let mut paths: Vec<&str> = origin.iter().chain(files).map(|(p, _)| p.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    // A file added and then removed again leaves nothing behind.
    let prefix = draft_key(pack_id, "");
    let stale: Vec<String> = (0..store.length().unwrap_or(0))
        .filter_map(|i| store.key(i).ok().flatten())
        .filter(|k| k.strip_prefix(&prefix).is_some_and(|p| paths.binary_search(&p).is_err()))
        .collect();
    let mut ok = true;
    for key in stale {
        ok &= store.remove_item(&key).is_ok();
    }
    for path in paths {
        let key = draft_key(pack_id, path);
        let (original, text) = (text_of(origin, path), text_of(files, path));
        let done = if original == text {
            store.remove_item(&key)
        } else {
            let draft = Draft { base: checksum(original.as_deref().unwrap_or("")), text };
            serde_json::to_string(&draft).map_err(|_| wasm_bindgen::JsValue::NULL).and_then(|json| store.set_item(&key, &json))
        };
        ok &= done.is_ok();
    }
    ok
}

/// Forgets every draft of this pack, including files it no longer has.
pub fn clear(pack_id: &str) {
    let Some(store) = storage() else { return };
    let prefix = draft_key(pack_id, "");
    let keys: Vec<String> = (0..store.length().unwrap_or(0)).filter_map(|i| store.key(i).ok().flatten()).filter(|k| k.starts_with(&prefix)).collect();
    for key in keys {
        let _ = store.remove_item(&key);
    }
}
