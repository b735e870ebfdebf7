//! The studio's few calls into the browser beyond Leptos: downloading a
//! file made in the page, reading files the user chose or dropped, the
//! built-in pack fetched from beside the page, zip entries inflated and
//! deflated by the browser's own streams, and today's date. Every file stays
//! in the browser.

use js_sys::{Reflect, Uint8Array};
use leptos::prelude::{Effect, Get, GetUntracked, NodeRef};
use policy_explainer::engine::Date;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Today's date in China, by the browser's clock.
pub fn today_in_china() -> Date {
    Date::in_china_at((js_sys::Date::now() / 1000.0) as i64)
}

/// Offers `bytes` as a download named `name`: made in the page, never
/// fetched. False when the browser refuses.
pub fn download(name: &str, bytes: &[u8], mime: &str) -> bool {
    let offer = || -> Result<(), JsValue> {
        let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let document = web_sys::window().and_then(|w| w.document()).ok_or(JsValue::NULL)?;
        let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
        link.set_href(&url);
        link.set_download(name);
        link.click();
        // The download has its own copy once it starts.
        leptos::prelude::set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(5));
        Ok(())
    };
    offer().is_ok()
}

pub use crate::opening::Picked;

/// The name of the folder the user chose (the first part of the files'
/// paths), or "" for files chosen on their own.
pub fn top_folder(picked: &[Picked]) -> String {
    picked.first().and_then(|(p, _)| p.split_once('/')).map_or("", |(top, _)| top).to_string()
}

/// What choosing gave: the files, nothing (the user cancelled), or why they
/// could not be read.
pub type Picking = Result<Option<Vec<Picked>>, String>;

/// Makes a file input a folder input once it is in the page
/// (`webkitdirectory`, an attribute Leptos does not know).
pub fn folder_input(input: NodeRef<leptos::html::Input>) {
    Effect::new(move |_| {
        if let Some(input) = input.get() {
            let _ = input.set_attribute("webkitdirectory", "");
        }
    });
}

/// A file dropped outside the drop zone must not make the browser open it,
/// leaving the studio.
pub fn keep_drops_in_the_page() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    for name in ["dragover", "drop"] {
        let options = gloo_events::EventListenerOptions::enable_prevent_default();
        gloo_events::EventListener::new_with_options(&document, name, options, |e| e.prevent_default()).forget();
    }
}

/// Asks for a folder: File System Access's picker where the browser has
/// it, the folder input otherwise (which then reports through its change).
pub fn choose_folder(input: NodeRef<leptos::html::Input>, take: impl FnOnce(Picking) + 'static) {
    if can_pick_directory_here() {
        leptos::task::spawn_local(async move { take(pick_directory().await) });
    } else if let Some(input) = input.get_untracked() {
        input.click();
    }
}

/// Reads the files a file input was given, then empties it, so that the
/// same file can be chosen again.
pub fn read_input(input: web_sys::HtmlInputElement, take: impl FnOnce(Picking) + 'static) {
    let Some(list) = input.files().filter(|l| l.length() > 0) else { return };
    leptos::task::spawn_local(async move {
        take(read_file_list(list).await.map(Some));
        input.set_value("");
    });
}

async fn bytes_of(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| format!("{} could not be read", file.name()))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The files of a file input: chosen files, or a folder's files with their
/// paths inside it (`webkitdirectory`).
async fn read_file_list(list: web_sys::FileList) -> Result<Vec<Picked>, String> {
    let mut out = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        let relative = Reflect::get(&file, &"webkitRelativePath".into()).ok().and_then(|v| v.as_string()).filter(|p| !p.is_empty());
        out.push((relative.unwrap_or_else(|| file.name()), bytes_of(&file).await?));
    }
    Ok(out)
}

fn call(target: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = Reflect::get(target, &method.into())?.dyn_into()?;
    f.call0(target)
}

/// Whether this browser lets a page pick a folder through the File System
/// Access API (`showDirectoryPicker`); others get the folder file input.
pub fn can_pick_directory_here() -> bool {
    web_sys::window().is_some_and(|w| Reflect::has(&w, &"showDirectoryPicker".into()).unwrap_or(false))
}

/// Asks for a folder (File System Access) and reads its files, read-only.
/// `Ok(None)` when the user cancels.
async fn pick_directory() -> Picking {
    let window: JsValue = web_sys::window().ok_or("no window")?.into();
    let Ok(handle) =
        JsFuture::from(call(&window, "showDirectoryPicker").map_err(|_| "this browser cannot open folders")?.unchecked_into::<js_sys::Promise>()).await
    else {
        return Ok(None);
    };
    let mut out = Vec::new();
    read_handle(handle, String::new(), &mut out).await?;
    Ok(Some(out))
}

/// A dropped file or folder: folders through File System Access where the
/// browser has it; plain files everywhere.
pub async fn read_drop(data: web_sys::DataTransfer) -> Result<Vec<Picked>, String> {
    let items = data.items();
    // Everything must be asked for before the first await: the drop's data
    // is gone once the event returns. A handle may come back empty (a
    // browser without File System Access, or a page-made drop): the file then.
    let mut dropped = Vec::new();
    for i in 0..items.length() {
        let Some(item) = items.get(i) else { continue };
        if item.kind() != "file" {
            continue;
        }
        let handle = call(&item, "getAsFileSystemHandle").ok().map(|p| JsFuture::from(p.unchecked_into::<js_sys::Promise>()));
        dropped.push((handle, item.get_as_file().ok().flatten()));
    }
    let mut out = Vec::new();
    for (handle, file) in dropped {
        let handle = match handle {
            Some(promise) => promise.await.ok().filter(|h| h.is_object()),
            None => None,
        };
        match (handle, file) {
            (Some(handle), _) => read_handle(handle, String::new(), &mut out).await?,
            (None, Some(file)) => out.push((file.name(), bytes_of(&file).await?)),
            (None, None) => return Err("a dropped item could not be read".into()),
        }
    }
    Ok(out)
}

/// Reads a file handle, or a folder handle's pack and source files three
/// levels deep (a pack's own files and its rules/ and tests/, also when
/// the folder chosen holds the pack's folder).
fn read_handle<'a>(handle: JsValue, prefix: String, out: &'a mut Vec<Picked>) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + 'a>> {
    Box::pin(async move {
        let unreadable = |_| "a file or folder could not be read".to_string();
        let name = Reflect::get(&handle, &"name".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        let kind = Reflect::get(&handle, &"kind".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        if kind == "file" {
            // In a folder, only what a pack or its sources can be.
            if !(prefix.is_empty() || name.ends_with(".toml") || name.ends_with(".txt")) {
                return Ok(());
            }
            let file: web_sys::File =
                JsFuture::from(call(&handle, "getFile").map_err(unreadable)?.unchecked_into::<js_sys::Promise>()).await.map_err(unreadable)?.unchecked_into();
            out.push((format!("{prefix}{name}"), bytes_of(&file).await?));
            return Ok(());
        }
        // Deep enough for a pack in a folder of the chosen one (its rules/
        // and tests/ too), no deeper.
        if prefix.matches('/').count() >= 3 {
            return Ok(());
        }
        let entries = call(&handle, "values").map_err(unreadable)?;
        loop {
            let next = JsFuture::from(call(&entries, "next").map_err(unreadable)?.unchecked_into::<js_sys::Promise>()).await.map_err(unreadable)?;
            if Reflect::get(&next, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
                break;
            }
            let entry = Reflect::get(&next, &"value".into()).map_err(unreadable)?;
            read_handle(entry, format!("{prefix}{name}/"), out).await?;
        }
        Ok(())
    })
}

/// Fetches a file that lies beside studio.html (the built-in pack): from the
/// studio's own origin, and from its worker's cache when offline.
pub async fn fetch_beside(name: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let failed = |_| format!("{name} could not be fetched");
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(name)).await.map_err(failed)?.unchecked_into();
    if !response.ok() {
        return Err(format!("{name}: HTTP {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(failed)?).await.map_err(failed)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// `bytes` through the browser's `DecompressionStream` or `CompressionStream`
/// (`ctor`) in "deflate-raw" (a zip entry's deflate), reading no more than
/// `cap` bytes of output: `Ok(None)` when there is more.
async fn through(ctor: &str, bytes: &[u8], cap: u64) -> Result<Option<Vec<u8>>, JsValue> {
    let global = js_sys::global();
    let ctor: js_sys::Function = Reflect::get(&global, &ctor.into())?.dyn_into()?;
    let stream = Reflect::construct(&ctor, &js_sys::Array::of1(&"deflate-raw".into()))?;
    let blob = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&Uint8Array::from(bytes)))?;
    let input = call(&blob, "stream")?;
    let pipe: js_sys::Function = Reflect::get(&input, &"pipeThrough".into())?.dyn_into()?;
    let reader = call(&pipe.call1(&input, &stream)?, "getReader")?;
    let mut out = Vec::new();
    loop {
        let next = JsFuture::from(call(&reader, "read")?.unchecked_into::<js_sys::Promise>()).await?;
        if Reflect::get(&next, &"done".into())?.as_bool().unwrap_or(true) {
            return Ok(Some(out));
        }
        let chunk: Uint8Array = Reflect::get(&next, &"value".into())?.dyn_into()?;
        if out.len() as u64 + u64::from(chunk.length()) > cap {
            // Stop unpacking at once: a zip bomb must not fill the memory.
            let _ = call(&reader, "cancel");
            return Ok(None);
        }
        out.extend(chunk.to_vec());
    }
}

/// A zip entry's deflated bytes unpacked: `Ok(None)` when they hold more than `cap`.
pub async fn inflate(bytes: &[u8], cap: u64) -> Result<Option<Vec<u8>>, ()> {
    through("DecompressionStream", bytes, cap).await.map_err(|_| ())
}

/// Bytes deflated for a zip entry, or `None` where the browser cannot.
pub async fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    through("CompressionStream", bytes, u64::MAX).await.ok().flatten()
}

/// A zip's pack files unpacked by the browser, within the caps whatever the
/// zip says of their sizes; each checked against its CRC.
pub async fn unzip(u: crate::opening::Unzipping) -> Result<crate::opening::Opened, String> {
    use crate::opening::{lying, MAX_FILE, MAX_TOTAL};
    use crate::zipfile::{crc32, DEFLATED, STORED};
    let mut total = 0u64;
    let mut unpacked = Vec::new();
    for (path, e) in &u.entries {
        let packed = &u.bytes[e.data.clone()];
        let cap = MAX_FILE.min(MAX_TOTAL - total);
        let bytes = match e.method {
            STORED => (packed.len() as u64 <= cap).then(|| packed.to_vec()),
            DEFLATED => inflate(packed, cap).await.map_err(|_| format!("{}: {path} could not be unpacked: the zip is damaged", u.zip))?,
            m => return Err(format!("{}: {path} is compressed with method {m}, which the studio cannot read: zip it with deflate", u.zip)),
        };
        let bytes = bytes.ok_or_else(|| lying(&u.zip, path))?;
        if crc32(&bytes) != e.crc {
            return Err(format!("{}: {path} is damaged (its checksum differs)", u.zip));
        }
        total += bytes.len() as u64;
        unpacked.push(Ok(bytes));
    }
    u.finish(unpacked)
}

/// A pack from the files the user gave (or the built-in pack's zip): a
/// zip's pack files are unpacked here, by the browser.
pub async fn read_pack(picked: Vec<Picked>) -> Result<crate::opening::Opened, String> {
    match crate::opening::open(picked)? {
        crate::opening::Opening::Ready(opened) => Ok(opened),
        crate::opening::Opening::Unzip(unzipping) => unzip(unzipping).await,
    }
}

/// The element matching `selector` that a click landed in, for one listener
/// over a list written as HTML text.
pub fn clicked(ev: &web_sys::MouseEvent, selector: &str) -> Option<web_sys::Element> {
    ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest(selector).ok()?
}
