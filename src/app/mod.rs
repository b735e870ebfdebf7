//! The browser app: a thin Leptos layer over the engine and the journey.
//! Pages render [`state::AppState`]; none of them decides eligibility.

mod browser;
mod components;
mod i18n;
mod pages;
mod state;

use policy_explainer::engine::{Lang, Pack};
use policy_explainer::{default_pack, pack::load};
use leptos::prelude::*;
use state::{AppState, Step};

/// Boots the app into `#app`. Never panics on bad input: a broken pack shows
/// an error panel naming every problem.
pub fn start() {
    install_panic_hook();
    let pack = match load(&default_pack::files()) {
        Ok(pack) => pack,
        Err(problems) => {
            let list = problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n");
            browser::show_fatal(&format!("政策包有错误，无法使用。The policy pack has errors and cannot be used:\n{list}"), "重新加载 Reload");
            return;
        }
    };
    // The pack lives as long as the page: leaking it gives every component a
    // plain `&'static` reference instead of a reactive wrapper.
    let pack: &'static Pack = Box::leak(Box::new(pack));
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app")) else { return };
    let root: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(root);
    root.set_inner_html("");
    // Keep the app mounted for the life of the page.
    leptos::mount::mount_to(root, move || view! { <App pack=pack /> }).forget();
}

/// A panic aborts the wasm instance: show a short apology with a way back,
/// outside the (now dead) app. Answers are in session storage, so a reload
/// loses nothing.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        let lang = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .map_or(Lang::Zh, |l| if l.starts_with("en") { Lang::En } else { Lang::Zh });
        let ui = i18n::ui(lang);
        browser::show_fatal(ui.crash_message, ui.reload);
    }));
}

#[component]
fn App(pack: &'static Pack) -> impl IntoView {
    let state = AppState::new(pack, browser::today_in_china());
    state.restore();
    provide_context(state);

    // Title, page language and focus follow the step and the language.
    Effect::new(move |_| {
        let lang = state.lang.get();
        let ui = i18n::ui(lang);
        browser::set_html_lang(lang);
        let page = match state.step.get() {
            Step::Start => None,
            Step::Question { fact, .. } => Some(format!("{}: {}", ui.page_title_question, pack.facts[fact].question.get(lang))),
            Step::Review => Some(ui.page_title_review.to_string()),
            Step::Results => Some(ui.page_title_results.to_string()),
        };
        browser::set_title(&match page {
            Some(p) => format!("{p} - {}", ui.app_name),
            None => ui.app_name.to_string(),
        });
    });
    // Move focus to the new page's heading, so screen readers announce it.
    // Not on first load: the page starts at the top anyway.
    Effect::new(move |previous: Option<Step>| {
        let step = state.step.get();
        if previous.is_some_and(|p| p != step) {
            browser::focus_soon("page-heading");
        }
        step
    });
    Effect::new(move |_| state.persist());

    view! {
        <components::Layout>
            {move || match state.step.get() {
                Step::Start => view! { <pages::StartPage /> }.into_any(),
                Step::Question { fact, then } => view! { <pages::QuestionPage fact=fact then=then /> }.into_any(),
                Step::Review => view! { <pages::ReviewPage /> }.into_any(),
                Step::Results => view! { <pages::ResultsPage /> }.into_any(),
            }}
        </components::Layout>
    }
}
