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

/// What the page shows, as far as the height a host sees may depend on it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum HeightPhase {
    /// The start, the questions and the answers check: pages whose height
    /// could reveal an answer (which question came, how many answers there
    /// are), so the host sees one height for all of them.
    Fixed,
    /// The results, the library and a policy's page (with its verdict):
    /// the page's own height, rounded up to a coarse step.
    Rounded,
}

/// The one height a host sees while the questions are answered, in CSS px:
/// about one and a half screens of a desktop, more than most question pages
/// need. A taller page (a long list of titles on a phone in elder mode can
/// be 4,000 px) scrolls inside the frame rather than telling the host.
pub const FIXED_HEIGHT: i32 = 1400;
/// The results' height is rounded up to a multiple of this.
pub const HEIGHT_STEP: i32 = 600;
/// And it is never more than this: a longer page scrolls inside the frame,
/// and the host learns no more than "long".
pub const MAX_HEIGHT: i32 = 3600;

thread_local! {
    static PHASE: std::cell::Cell<HeightPhase> = const { std::cell::Cell::new(HeightPhase::Fixed) };
    static SEND: std::cell::RefCell<Option<Box<dyn Fn()>>> = const { std::cell::RefCell::new(None) };
}

/// The height a host is told for a page `actual` px tall.
pub fn reported_height(phase: HeightPhase, actual: i32) -> i32 {
    match phase {
        HeightPhase::Fixed => FIXED_HEIGHT,
        HeightPhase::Rounded => ((actual.max(1) + HEIGHT_STEP - 1) / HEIGHT_STEP * HEIGHT_STEP).min(MAX_HEIGHT),
    }
}

/// Tells the embedding code which kind of page is showing (see [`HeightPhase`]).
pub fn set_height_phase(phase: HeightPhase) {
    if PHASE.with(|p| p.replace(phase)) != phase {
        SEND.with(|s| s.borrow().as_ref().map(|send| send()));
    }
}

/// Reports the page's height to the host when it changes, so the iframe
/// can fit the page; but only as [`reported_height`] makes it, and only
/// when that number changes, so that neither the heights nor the number
/// of messages depend on the answers until the results show.
pub fn report_height(options: &'static LaunchOptions) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(root) = document.document_element() else { return };
    let last = std::rc::Rc::new(std::cell::Cell::new(None::<i32>));
    // The body's own height: the root element's scroll height can never be
    // less than the iframe, so the iframe could grow but never shrink back.
    let send = move || {
        let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
        let height = reported_height(PHASE.with(|p| p.get()), body.offset_height());
        if last.replace(Some(height)) == Some(height) {
            return;
        }
        let m = message(HEIGHT);
        let _ = js_sys::Reflect::set(&m, &"height".into(), &JsValue::from(height));
        post_to_host(options, &m);
    };
    send();
    let send: std::rc::Rc<dyn Fn()> = std::rc::Rc::new(send);
    let on_resize = send.clone();
    SEND.with(|s| *s.borrow_mut() = Some(Box::new(move || send())));
    let callback = Closure::<dyn FnMut(JsValue)>::new(move |_| on_resize());
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
