//! Component tests, run in headless Chromium by wasm-bindgen-test
//! (`make component-tests`): the parts of the app that only exist in a
//! browser, mounted for real, without the whole page around them.

use super::{browser, components::qr_code::qr_path, App};
use leptos::prelude::*;
use policy_explainer::default_pack;
use policy_explainer::engine::Pack;
use policy_explainer::launch::LaunchOptions;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn pack() -> &'static Pack {
    Box::leak(Box::new(default_pack::pack()))
}

/// Mounts the app in a fresh element and returns that element.
fn mount(options: LaunchOptions) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let _ = web_sys::window().unwrap().session_storage().unwrap().unwrap().clear();
    browser::write_fragment("");
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let pack = pack();
    let options: &'static LaunchOptions = Box::leak(Box::new(options));
    leptos::mount::mount_to(host.clone(), move || view! { <App pack=pack options=options /> }).forget();
    host
}

fn find(host: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    host.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).unchecked_into()
}

/// Lets the reactive system and the browser catch up.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn the_qr_code_grows_with_its_text_and_keeps_a_quiet_zone() {
    let (short_path, short_side) = qr_path("https://example.gov.cn/#a=age:61").unwrap();
    let long = format!("https://example.gov.cn/policy/#a={}", "city:qingdao;district:laoshan;talent_titles:;".repeat(8));
    let (_, long_side) = qr_path(&long).unwrap();
    assert_eq!(short_side, 25 + 8, "a short link fits QR version 2 (25 modules) plus 4 quiet modules each side");
    assert!(long_side > short_side);
    assert!(short_path.starts_with("M4 4h1v1h-1z"), "the finder pattern's corner is dark, inside the quiet zone");
    assert!(qr_path(&"x".repeat(5000)).is_none(), "too long for any QR code: no code rather than a broken one");
}

#[wasm_bindgen_test]
async fn continuing_without_an_answer_shows_an_error_summary_not_a_verdict() {
    let host = mount(LaunchOptions::default());
    settle().await;
    find(&host, "[data-testid=start]").click();
    settle().await;
    let fact = find(&host, ".question-page").get_attribute("data-fact").unwrap();
    assert_eq!(fact, "applicant", "who is asking comes first");
    find(&host, "[data-testid=continue]").click();
    settle().await;
    let summary = find(&host, "[data-testid=error-summary]");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    assert!(summary.inner_text().contains("请选择一项"));
    assert_eq!(find(&host, "fieldset").get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(find(&host, ".question-page").get_attribute("data-fact").as_deref(), Some("applicant"), "still on the same question");
    host.remove();
}

#[wasm_bindgen_test]
async fn i_dont_know_leaves_the_fact_unknown_and_moves_on() {
    let host = mount(LaunchOptions::default());
    settle().await;
    find(&host, "[data-testid=start]").click();
    settle().await;
    find(&host, "[data-testid=dont-know]").click();
    settle().await;
    let next = find(&host, ".question-page").get_attribute("data-fact").unwrap();
    assert_eq!(next, "city", "the opening's second question");
    let saved = web_sys::window().unwrap().session_storage().unwrap().unwrap().get_item("policy-explainer.answers").unwrap();
    assert_eq!(saved.as_deref(), Some("applicant:?"), "saved for a reload as 'I don't know', not as an answer");
    host.remove();
}

#[wasm_bindgen_test]
async fn a_kiosk_keeps_nothing_and_end_and_clear_wipes_at_once() {
    let host = mount(LaunchOptions { kiosk: true, ..LaunchOptions::default() });
    settle().await;
    find(&host, "[data-testid=start]").click();
    settle().await;
    find(&host, "#q-choice-0").click();
    find(&host, "[data-testid=continue]").click();
    settle().await;
    let storage = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    assert_eq!(storage.length().unwrap(), 0, "a kiosk writes nothing to storage");
    assert!(!browser::fragment().contains("a="), "nor to the address");
    // A mis-tap is undone and keeps the answers.
    find(&host, "[data-testid=end-session]").click();
    settle().await;
    assert!(find(&host, "[data-testid=ending-note]").inner_text().contains("5"), "says how long before the wipe");
    find(&host, "[data-testid=undo-end]").click();
    settle().await;
    assert_eq!(find(&host, ".question-page").get_attribute("data-fact").as_deref(), Some("city"), "undo keeps the person where they were");
    // Meant: cleared at once with "clear now".
    find(&host, "[data-testid=end-session]").click();
    settle().await;
    find(&host, "[data-testid=clear-now]").click();
    settle().await;
    assert!(host.query_selector("[data-testid=start]").unwrap().is_some(), "back at the start");
    assert!(host.query_selector("[data-testid=clear-answers]").unwrap().is_none());
    find(&host, "[data-testid=start]").click();
    settle().await;
    assert_eq!(find(&host, ".question-page").get_attribute("data-fact").as_deref(), Some("applicant"), "the next person starts afresh");
    host.remove();
}
