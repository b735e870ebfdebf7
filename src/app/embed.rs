//! The app's side of embedding in a host page (see `public/embed.js`): it
//! tells the host its height, and, only when the host asked and the
//! applicant agreed, its results. Messages go to the host's exact origin,
//! never to `*`, and carry data only.

use policy_explainer::engine::Pack;
use policy_explainer::engine::Verdict;
use policy_explainer::launch::LaunchOptions;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// The message types, shared with embed.js.
const HEIGHT: &str = "policy-explainer:height";
const RESULTS: &str = "policy-explainer:results";

fn post_to_host(options: &LaunchOptions, message: &js_sys::Object) {
    let Some(origin) = &options.host_origin else { return };
    let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else { return };
    let _ = parent.post_message(message, origin);
}

fn message(kind: &str) -> js_sys::Object {
    let m = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&m, &"type".into(), &kind.into());
    m
}

/// Reports the document's height to the host whenever it changes, so the
/// iframe can grow and shrink with the page (no scrollbar inside a scrollbar).
pub fn report_height(options: &'static LaunchOptions) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(root) = document.document_element() else { return };
    // The body's own height: the root element's scroll height can never be
    // less than the iframe, so the iframe could grow but never shrink back.
    let send = move || {
        let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
        let m = message(HEIGHT);
        let _ = js_sys::Reflect::set(&m, &"height".into(), &JsValue::from(body.offset_height()));
        post_to_host(options, &m);
    };
    let callback = Closure::<dyn FnMut(JsValue)>::new(move |_| send());
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&root);
        if let Some(body) = document.body() {
            observer.observe(&body);
        }
        // The observer lives as long as the page.
        std::mem::forget(observer);
    }
    callback.forget();
}

/// Sends the verdicts (not the answers) to the host, after consent.
pub fn send_results(options: &LaunchOptions, pack: &Pack, date: &str, verdicts: &[Verdict]) {
    let m = message(RESULTS);
    let _ = js_sys::Reflect::set(&m, &"pack".into(), &pack.label().into());
    let _ = js_sys::Reflect::set(&m, &"date".into(), &date.into());
    let list = js_sys::Array::new();
    for v in verdicts {
        let r = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&r, &"id".into(), &pack.policies[v.policy].id.as_str().into());
        let _ = js_sys::Reflect::set(&r, &"status".into(), &v.status.as_str().into());
        let amount = v.max_amount.map_or(JsValue::NULL, |n| JsValue::from(n as f64));
        let _ = js_sys::Reflect::set(&r, &"max_amount".into(), &amount);
        // The year of an old report the result rests on, so a host can say so too.
        let age = v.source_age.map_or(JsValue::NULL, JsValue::from);
        let _ = js_sys::Reflect::set(&r, &"source_age".into(), &age);
        list.push(&r);
    }
    let _ = js_sys::Reflect::set(&m, &"results".into(), &list);
    post_to_host(options, &m);
}
