//! The few browser facilities the app needs, each failing quietly: storage
//! may be disabled, the clipboard may be refused. Nothing here sends data
//! anywhere.

use policy_explainer::engine::{Date, Lang};
use wasm_bindgen::{JsCast, JsValue};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn session() -> Option<web_sys::Storage> {
    window()?.session_storage().ok().flatten()
}

const ANSWERS_KEY: &str = "policy-explainer.answers";
const STEP_KEY: &str = "policy-explainer.step";
const LANG_KEY: &str = "policy-explainer.lang";

/// Today's date in China, where the policies apply, by the browser's clock.
pub fn today_in_china() -> Date {
    Date::in_china_at((js_sys::Date::now() / 1000.0) as i64)
}

/// Saves this tab's answers, so that an accidental reload loses nothing.
/// Session storage: gone when the tab closes.
pub fn save(code: &str, step: &str, lang: Lang) {
    if let Some(s) = session() {
        let _ = s.set_item(ANSWERS_KEY, code);
        let _ = s.set_item(STEP_KEY, step);
        let _ = s.set_item(LANG_KEY, lang.code());
    }
}

/// The saved answers and page, if any.
pub fn saved_answers() -> Option<(String, String)> {
    let s = session()?;
    let code = s.get_item(ANSWERS_KEY).ok().flatten()?;
    let step = s.get_item(STEP_KEY).ok().flatten().unwrap_or_default();
    (!code.is_empty()).then_some((code, step))
}

pub fn saved_lang() -> Option<Lang> {
    Lang::from_code(&session()?.get_item(LANG_KEY).ok().flatten()?)
}

/// Removes everything this app saved, and takes the answers out of the
/// address, leaving only the launch settings.
pub fn forget_saved(settings_fragment: &str) {
    if let Some(s) = session() {
        for key in [ANSWERS_KEY, STEP_KEY, LANG_KEY] {
            let _ = s.remove_item(key);
        }
    }
    write_fragment(settings_fragment);
}

/// The URL fragment as it is (with its `#`).
pub fn fragment() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Replaces the fragment without adding a history entry or reloading.
pub fn write_fragment(fragment: &str) {
    let Some(w) = window() else { return };
    let location = w.location();
    let url = location.pathname().unwrap_or_default() + &location.search().unwrap_or_default() + fragment;
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// A host's `pack=` address resolved by the browser's own URL parser, the
/// one `fetch` uses: only an address on this page's origin and under its
/// directory is taken (a text check alone can be passed: a control
/// character before `//host` is dropped by the parser).
pub fn resolve_pack_address(relative: &str) -> Option<String> {
    let location = window()?.location();
    let here = web_sys::Url::new(&location.href().ok()?).ok()?;
    let url = web_sys::Url::new_with_base(relative, &here.href()).ok()?;
    let directory = here.pathname();
    let directory = &directory[..directory.rfind('/').map_or(0, |i| i + 1)];
    (url.origin() == here.origin() && url.pathname().starts_with(directory) && url.username().is_empty()).then(|| url.href())
}

/// The address of this page without its fragment.
pub fn page_address() -> String {
    let Some(w) = window() else { return String::new() };
    let l = w.location();
    l.origin().unwrap_or_default() + &l.pathname().unwrap_or_default()
}

pub fn decode_component(s: &str) -> String {
    js_sys::decode_uri_component(s).ok().and_then(|v| v.as_string()).unwrap_or_else(|| s.to_string())
}

/// Turns a class on the root element on or off (kiosk, elder-friendly mode).
pub fn set_root_class(class: &str, on: bool) {
    if let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let list = root.class_list();
        let _ = if on { list.add_1(class) } else { list.remove_1(class) };
    }
}

/// Sets a `--pe-NAME` custom property on the root element, through the CSS
/// object model, which a strict Content-Security-Policy allows.
pub fn set_theme_colour(name: &str, value: &str) {
    if let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        if let Ok(el) = root.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.style().set_property(&format!("--pe-{name}"), value);
        }
    }
}

/// Activates a waiting app update (see boot.js). Called only between two
/// people, so an update never lands mid-questionnaire.
pub fn apply_waiting_update() {
    call_boot("policyExplainerApplyUpdate", &JsValue::UNDEFINED, &JsValue::UNDEFINED);
}

/// Registers the offline service worker (boot.js does it, once).
pub fn register_offline() {
    call_boot("policyExplainerRegisterOffline", &JsValue::UNDEFINED, &JsValue::UNDEFINED);
}

/// Read-aloud (public/read-aloud.js, loaded on first use): shows its
/// controls when `on` and the browser has a local voice for the page's
/// language.
pub fn read_aloud_show(on: bool) {
    call_boot("policyExplainerReadAloud", &"show".into(), &on.into());
}

/// Stops any speech at once (a new page, a wipe, the idle timeout).
pub fn read_aloud_stop() {
    call_boot("policyExplainerReadAloud", &"stop".into(), &JsValue::UNDEFINED);
}

/// Calls one of the functions boot.js leaves on the global object.
fn call_boot(name: &str, a: &JsValue, b: &JsValue) {
    let global = js_sys::global();
    if let Ok(f) = js_sys::Reflect::get(&global, &name.into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call2(&global, a, b);
        }
    }
}

/// The pack studio's edited pack for its preview (`preview=1`), as a
/// response that boot.js asks the studio for (see studio-preview.js).
pub fn preview_pack() -> Option<js_sys::Promise> {
    js_sys::Reflect::get(&js_sys::global(), &"policyExplainerPreviewPack".into()).ok()?.dyn_into().ok()
}

/// Runs `f` at the next animation frame: after the DOM updates of this task
/// are done, as the browser is about to paint them.
pub fn after_next_frame(f: impl FnOnce() + 'static) {
    // The handle cancels the frame when dropped; this one must run.
    std::mem::forget(gloo_render::request_animation_frame(move |_| f()));
}

pub fn copy_to_clipboard(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

pub fn set_title(title: &str) {
    if let Some(d) = window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

pub fn set_html_lang(lang: Lang) {
    if let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.html_tag());
    }
}

/// The page's element with this id.
pub fn element_by_id(id: &str) -> Option<web_sys::Element> {
    window()?.document()?.get_element_by_id(id)
}

/// Focuses the element with `id` once the page has been drawn.
pub fn focus_soon(id: &'static str) {
    after_next_frame(move || {
        if let Some(el) = element_by_id(id) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// The attribute `name` of the clicked element or of its nearest ancestor
/// that has one: how a page made of HTML text (the library's) knows which
/// of its links or buttons was pressed.
pub fn clicked_data(event: &web_sys::MouseEvent, name: &str) -> Option<String> {
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    target.closest(&format!("[{name}]")).ok()??.get_attribute(name)
}

/// Prints the page (see [`open_details_before_printing`]).
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Opens every collapsed section whenever the page is about to be printed,
/// from our button or from the browser's own menu, so that the conditions and
/// their sources are on paper. Not the live summary's list, which is never
/// printed and whose rows are drawn only when it opens itself.
pub fn open_details_before_printing() {
    let Some(w) = window() else { return };
    let open_all = gloo_events::EventListener::new(&w, "beforeprint", |_| {
        let Some(d) = web_sys::window().and_then(|w| w.document()) else { return };
        if let Ok(list) = d.query_selector_all("details:not(.live-summary details)") {
            for i in 0..list.length() {
                if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                    let _ = el.set_attribute("open", "");
                }
            }
        }
    });
    // Listens for the life of the page.
    open_all.forget();
}

/// The browser's own `location.reload`, bound to this page's location: a
/// function that works even when the wasm instance has crashed.
fn location_reload() -> Option<js_sys::Function> {
    let location = window()?.location();
    let reload = js_sys::Reflect::get(&location, &"reload".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    Some(reload.bind0(&location))
}

/// Reloads the page whenever the fragment is changed by navigation.
pub fn reload_on_hash_change() {
    if let (Some(w), Some(reload)) = (window(), location_reload()) {
        let _ = w.add_event_listener_with_callback("hashchange", &reload);
    }
}

/// Reloads the page after `delay`, from a timer that calls the browser's own
/// `location.reload`: it works even when the wasm instance has crashed.
pub fn reload_after(delay: std::time::Duration) {
    if let (Some(w), Some(reload)) = (window(), location_reload()) {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&reload, delay.as_millis() as i32);
    }
}

/// Shows a message outside the app's own DOM: used when the app itself
/// cannot run (a broken pack, a panic). The reload button, if labelled, calls
/// the browser's `location.reload` directly, not into the wasm.
pub fn show_fatal(message: &str, reload_label: &str) {
    let Some(d) = window().and_then(|w| w.document()) else { return };
    let Some(panel) = d.get_element_by_id("fatal") else { return };
    panel.set_text_content(None);
    if let Ok(p) = d.create_element("p") {
        p.set_text_content(Some(message));
        let _ = panel.append_child(&p);
    }
    if !reload_label.is_empty() {
        if let Ok(button) = d.create_element("button") {
            button.set_text_content(Some(reload_label));
            let _ = button.set_attribute("type", "button");
            let _ = button.set_attribute("class", "button primary");
            let _ = button.set_attribute("data-testid", "reload");
            if let Some(reload) = location_reload() {
                let _ = button.add_event_listener_with_callback("click", &reload);
            }
            let _ = panel.append_child(&button);
        }
    }
    let _ = panel.remove_attribute("hidden");
    if let Some(app) = d.get_element_by_id("app") {
        let _ = app.set_attribute("hidden", "");
    }
}

/// Adds a mark to the page's performance timeline (read by scripts/measure.mjs
/// and the browser's own tools; it never leaves the page).
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Records the time from the mark `start` to now as the measure `name`.
pub fn measure(name: &str, start: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, start);
    }
}
