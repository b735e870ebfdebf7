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

/// A file's checksum in hex (the compiled pack's FNV-1a): enough to tell one
/// version of a file from another.
fn checksum(text: &str) -> String {
    format!("{:016x}", policy_explainer::compiled::checksum(text.as_bytes()))
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

/// The keys of this pack's drafts in `store`, with the path each is for.
fn drafts_of(store: &web_sys::Storage, pack_id: &str) -> Vec<(String, String)> {
    let prefix = draft_key(pack_id, "");
    (0..store.length().unwrap_or(0))
        .filter_map(|i| store.key(i).ok().flatten())
        .filter_map(|key| Some((key.strip_prefix(&prefix)?.to_string(), key)))
        .map(|(path, key)| (key, path))
        .collect()
}

/// The files as opened with this browser's drafts over them (edited, added
/// and removed files), and the paths whose draft was made from another
/// version of the file.
pub fn restore(pack_id: &str, origin: &[(String, String)]) -> (Vec<(String, String)>, Vec<String>) {
    let mut files = origin.to_vec();
    let mut outdated = Vec::new();
    let Some(store) = storage() else { return (files, outdated) };
    for (key, path) in drafts_of(&store, pack_id) {
        let Some(stored) = store.get_item(&key).ok().flatten() else { continue };
        let original = text_of(origin, &path).unwrap_or("");
        // A draft from before drafts were JSON is the file's text.
        let draft = serde_json::from_str::<Draft>(&stored).unwrap_or(Draft { base: checksum(original), text: Some(stored) });
        if draft.base != checksum(original) {
            outdated.push(path.clone());
        }
        let at = files.iter().position(|(p, _)| *p == path);
        match (draft.text, at) {
            (Some(text), Some(at)) => files[at].1 = text,
            (Some(text), None) => files.push((path, text)),
            (None, Some(at)) => drop(files.remove(at)),
            (None, None) => {}
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    outdated.sort();
    (files, outdated)
}

fn text_of<'a>(files: &'a [(String, String)], path: &str) -> Option<&'a str> {
    files.iter().find(|(p, _)| p == path).map(|(_, t)| t.as_str())
}

/// Stores the draft of one file (`text` `None`: removed), or forgets it
/// when the file is as opened (`original`; `None`: a new file).
fn put(store: &web_sys::Storage, pack_id: &str, path: &str, original: Option<&str>, text: Option<&str>) -> bool {
    let key = draft_key(pack_id, path);
    let done = if original == text {
        store.remove_item(&key)
    } else {
        let draft = Draft { base: checksum(original.unwrap_or("")), text: text.map(str::to_string) };
        serde_json::to_string(&draft).map_err(|_| wasm_bindgen::JsValue::NULL).and_then(|json| store.set_item(&key, &json))
    };
    done.is_ok()
}

/// Stores every edited, added and removed file, and forgets every file back
/// to its text as opened. False when the browser refuses (storage disabled
/// or full).
pub fn save(pack_id: &str, origin: &[(String, String)], files: &[(String, String)]) -> bool {
    let Some(store) = storage() else { return false };
    let mut paths: Vec<&str> = origin.iter().chain(files).map(|(p, _)| p.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    let mut ok = true;
    // A file added and then removed again leaves nothing behind.
    for (key, path) in drafts_of(&store, pack_id) {
        if paths.binary_search(&path.as_str()).is_err() {
            ok &= store.remove_item(&key).is_ok();
        }
    }
    for path in paths {
        ok &= put(&store, pack_id, path, text_of(origin, path), text_of(files, path));
    }
    ok
}

/// Stores the draft of the one file just typed in: what every keystroke
/// does, so it touches that file's entry only.
pub fn save_file(pack_id: &str, origin: &[(String, String)], path: &str, text: &str) -> bool {
    storage().is_some_and(|store| put(&store, pack_id, path, text_of(origin, path), Some(text)))
}

/// Forgets every draft of this pack, including files it no longer has.
pub fn clear(pack_id: &str) {
    let Some(store) = storage() else { return };
    for (key, _) in drafts_of(&store, pack_id) {
        let _ = store.remove_item(&key);
    }
}
