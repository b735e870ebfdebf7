//! Sending the results to the embedding host page, on the applicant's
//! consent, in a way another page cannot trick them into:
//!
//! - the host must be on the deployment's own list (`embed-hosts.txt` beside
//!   the app, written by the site's operator), not merely named in the URL;
//! - the Send button must have been on screen and unobscured when pressed,
//!   as the browser's IntersectionObserver (version 2, `trackVisibility`)
//!   reports it: a page that frames the app nearly transparent, or covers
//!   it with decoys, gets nothing;
//! - where the browser cannot tell, the consent screen says so and asks for
//!   a second, deliberate confirmation a moment later.

use crate::app::{browser, embed, i18n::ui, state::AppState};
use leptos::prelude::*;
use policy_explainer::html::esc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// The operator's list of host origins allowed to receive results.
const ALLOWED_HOSTS: &str = "embed-hosts.txt";
/// How long a confirmation must wait after the first press, in ms: a
/// second click landing at once is a double click, not a decision.
const CONFIRM_DELAY_MS: f64 = 1000.0;

/// Whether `origin` is one of the lines of an `embed-hosts.txt` (one origin
/// per line; `#` starts a comment).
pub fn host_allowed(list: &str, origin: &str) -> bool {
    list.lines().map(|l| l.split('#').next().unwrap_or("").trim()).any(|l| !l.is_empty() && l == origin)
}

/// Where the sending stands; the section is drawn from this alone.
#[derive(Clone, Copy, PartialEq)]
enum Sending {
    /// The operator's list not yet asked for.
    Unknown,
    /// Reading the operator's list.
    Checking,
    /// The host is not on the list: nothing can be sent.
    NotAllowed,
    Ready,
    /// Pressed without the consent box ticked.
    NeedsConsent,
    /// Pressed where visibility cannot be told: awaiting the second,
    /// deliberate confirmation, pressed no sooner than a moment after (ms).
    Confirming(f64),
    /// Pressed while covered or off screen: not sent.
    Hidden,
    Sent,
}

thread_local! {
    static SENDING: std::cell::Cell<Sending> = const { std::cell::Cell::new(Sending::Unknown) };
    static VISIBILITY: Visibility = Visibility::new();
    /// Whether the consent box is ticked: kept here, so that a redraw of
    /// the page (a new language, say) neither loses nor invents a tick.
    static CONSENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The session (see `AppState::session`) the two above belong to.
    static SESSION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// The section's place on the results page. It is filled in by [`start`]
/// and redrawn by [`act`] as plain DOM text, with the page's one click
/// listener: a component of its own views would cost the first load
/// several kilobytes for one rarely shown box.
pub const PLACE: &str = r#"<section id="send-results" class="send-results no-print" aria-labelledby="send-heading" data-testid="send-results"></section>"#;

/// Reads the operator's list once and draws the section; called whenever
/// the results page (with its [`PLACE`]) is drawn, so the section is drawn
/// again, as it stood, into the new page.
pub fn start(state: AppState) {
    forget_earlier_sessions(&state);
    match SENDING.with(|s| s.get()) {
        Sending::Unknown => {}
        // The list's answer draws into whichever page is showing by then.
        Sending::Checking => return,
        _ => {
            crate::app::browser::after_next_frame(move || redraw(&state));
            return;
        }
    }
    SENDING.with(|s| s.set(Sending::Checking));
    let origin = state.options.host_origin.clone().unwrap_or_default();
    wasm_bindgen_futures::spawn_local(async move {
        // The same fetch as a host's pack: a same-origin GET that carries nothing.
        let list = crate::app::fetch_bytes(web_sys::window().map(|w| w.fetch_with_str(ALLOWED_HOSTS))).await.unwrap_or_default();
        let allowed = host_allowed(std::str::from_utf8(&list).unwrap_or_default(), &origin);
        SENDING.with(|s| s.set(if allowed { Sending::Ready } else { Sending::NotAllowed }));
        redraw(&state);
    });
}

/// Draws the section into the page as it stands, and watches it.
fn redraw(state: &AppState) {
    draw(state, SENDING.with(|s| s.get()));
    if let Some(section) = section() {
        VISIBILITY.with(|v| v.watch(&section));
    }
}

/// Forgets the consent and any sending once the answers were cleared: the
/// next person (at a kiosk, or after "clear my answers") agrees afresh.
fn forget_earlier_sessions(state: &AppState) {
    let session = state.session.get_value();
    if SESSION.with(|s| s.replace(session)) != session {
        CONSENT.with(|c| c.set(false));
        // The list's answer stands; whatever was pressed does not.
        SENDING.with(|s| {
            if matches!(s.get(), Sending::NeedsConsent | Sending::Confirming(_) | Sending::Hidden | Sending::Sent) {
                s.set(Sending::Ready)
            }
        });
    }
}

/// The page's click listener hands over every click inside the section.
pub fn clicked(ev: &web_sys::MouseEvent) {
    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).filter(|i| i.id() == "send-consent") {
        CONSENT.with(|c| c.set(input.checked()));
    }
}

/// The page's click listener hands over `send` and `confirm` here.
pub fn act(state: &AppState, action: &str, ev: &web_sys::MouseEvent) {
    let now = js_sys::Date::now();
    let (supported, visible) = VISIBILITY.with(|v| (v.supported(), v.visible.get()));
    let next = match (action, SENDING.with(|s| s.get())) {
        (_, Sending::Unknown | Sending::Checking | Sending::NotAllowed | Sending::Sent) => return,
        ("send", _) if !consented() => Sending::NeedsConsent,
        ("send", _) if !supported => Sending::Confirming(now),
        ("send", _) if !visible || !in_view(ev) => Sending::Hidden,
        ("send", _) => Sending::Sent,
        ("confirm", Sending::Confirming(at)) if now - at >= CONFIRM_DELAY_MS && consented() => Sending::Sent,
        _ => return,
    };
    if next == Sending::Sent {
        state.progress.with_untracked(|p| embed::send_results(state.options, state.pack, &state.date.to_string(), &p.verdicts));
    }
    draw(state, next);
}

fn section() -> Option<web_sys::Element> {
    browser::element_by_id("send-results")
}

fn consented() -> bool {
    CONSENT.with(|c| c.get())
}

/// Redraws the section for `sending`, keeping the consent box as it was.
fn draw(state: &AppState, sending: Sending) {
    SENDING.with(|s| s.set(sending));
    let Some(section) = section() else { return };
    let t = ui(state.lang.get_untracked());
    let origin = state.options.host_origin.as_deref().unwrap_or_default();
    let supported = VISIBILITY.with(|v| v.supported());
    let html = match sending {
        Sending::Unknown | Sending::Checking => String::new(),
        Sending::NotAllowed => format!(r#"<p class="note" data-testid="send-not-allowed">{}</p>"#, esc(&(t.send_not_allowed)(origin))),
        _ => {
            let checked = if consented() { " checked" } else { "" };
            let cannot_tell =
                if supported { String::new() } else { format!(r#"<p class="note" data-testid="send-cannot-tell">{}</p>"#, esc(t.send_cannot_tell)) };
            let confirm = match sending {
                Sending::Confirming(_) => format!(
                    r#"<p>{}</p><button type="button" class="button primary" data-action="confirm" data-testid="send-confirm">{}</button>"#,
                    esc(t.send_confirm_prompt),
                    esc(t.send_confirm)
                ),
                _ => String::new(),
            };
            let status = match sending {
                Sending::Sent => t.send_done,
                Sending::Hidden => t.send_hidden,
                Sending::NeedsConsent => t.send_needs_consent,
                _ => "",
            };
            let disabled = if sending == Sending::Sent { " disabled" } else { "" };
            format!(
                r#"<h2 id="send-heading">{}</h2><p>{}</p><p data-testid="send-to">{}</p><p class="note" data-testid="send-amounts-note">{}</p>{cannot_tell}<div class="choice"><input type="checkbox" id="send-consent" data-testid="send-consent"{checked}{disabled}><label for="send-consent">{}</label></div><button type="button" class="button secondary" data-action="send" data-testid="send-button"{disabled}>{}</button>{confirm}<p role="status" data-testid="send-status">{}</p>"#,
                esc(t.send_heading),
                esc(t.send_explain),
                esc(&(t.send_to)(origin)),
                esc(t.send_amounts_note),
                esc(t.send_consent),
                esc(t.send_button),
                esc(status)
            )
        }
    };
    section.set_inner_html(&html);
}

/// Whether the section is on screen and unobscured, as the browser's
/// IntersectionObserver v2 tells it (`isVisible`, with `trackVisibility`):
/// one observer for the life of the page, moved to each new section.
struct Visibility {
    /// None where the browser cannot tell.
    observer: Option<web_sys::IntersectionObserver>,
    visible: std::rc::Rc<std::cell::Cell<bool>>,
}

impl Visibility {
    fn new() -> Visibility {
        let visible = std::rc::Rc::new(std::cell::Cell::new(false));
        let supported = js_sys::Reflect::get(&js_sys::global(), &"IntersectionObserverEntry".into())
            .ok()
            .and_then(|c| js_sys::Reflect::get(&c, &"prototype".into()).ok())
            .is_some_and(|proto| js_sys::Reflect::has(&proto, &"isVisible".into()).unwrap_or(false));
        if !supported {
            return Visibility { observer: None, visible };
        }
        let seen = visible.clone();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(last) = entries.iter().last() {
                seen.set(js_sys::Reflect::get(&last, &"isVisible".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false));
            }
        });
        let init = web_sys::IntersectionObserverInit::new();
        let _ = js_sys::Reflect::set(&init, &"trackVisibility".into(), &JsValue::TRUE);
        // The shortest delay the browser allows with trackVisibility.
        let _ = js_sys::Reflect::set(&init, &"delay".into(), &JsValue::from(100));
        let observer = web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init).ok();
        // Called for the life of the page, as the observer is.
        callback.forget();
        Visibility { observer, visible }
    }

    fn supported(&self) -> bool {
        self.observer.is_some()
    }

    /// Watches `section` alone: a redrawn page's section replaces the last.
    fn watch(&self, section: &web_sys::Element) {
        if let Some(observer) = &self.observer {
            observer.disconnect();
            self.visible.set(false);
            observer.observe(section);
        }
    }
}

/// Whether the pressed element lies wholly inside the frame's viewport (the
/// observer watches the whole section, which may be taller than a screen).
fn in_view(ev: &leptos::ev::MouseEvent) -> bool {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return false };
    let Some(w) = web_sys::window() else { return false };
    let (width, height) = (w.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(0.0), w.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0));
    let r = target.get_bounding_client_rect();
    r.top() >= 0.0 && r.left() >= 0.0 && r.bottom() <= height && r.right() <= width
}

#[cfg(test)]
mod tests {
    use super::host_allowed;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn only_a_listed_origin_is_allowed_exactly() {
        let list = "# hosts that may receive results\nhttps://www.example.gov.cn\n  https://hr.example.gov.cn  # HR portal\n";
        assert!(host_allowed(list, "https://www.example.gov.cn"));
        assert!(host_allowed(list, "https://hr.example.gov.cn"));
        assert!(!host_allowed(list, "https://www.example.gov.cn.evil.example"));
        assert!(!host_allowed(list, "http://www.example.gov.cn"));
        assert!(!host_allowed(list, "# hosts that may receive results"));
        assert!(!host_allowed("", ""));
    }
}
