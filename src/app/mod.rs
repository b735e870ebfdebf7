//! The browser app: a thin Leptos layer over the engine and the journey.
//! Pages render [`state::AppState`]; none of them decides eligibility.

mod browser;
#[cfg(test)]
mod component_tests;
mod components;
mod embed;
mod i18n;
mod idle;
mod pages;
mod state;

use leptos::either::EitherOf7;
use leptos::prelude::*;
use policy_explainer::compiled;
use policy_explainer::default_pack;
use policy_explainer::engine::{Lang, Pack};
use policy_explainer::launch::LaunchOptions;
use state::{AppState, Step};
use wasm_bindgen::JsCast;

/// Boots the app into `#app`. Never panics on bad input: a pack that does not
/// decode shows an error panel saying what is wrong with it.
pub fn start() {
    let options = LaunchOptions::parse(&browser::fragment(), browser::decode_component);
    // The options and the pack live as long as the page: leaking them gives
    // every component plain `&'static` references.
    let options: &'static LaunchOptions = Box::leak(Box::new(options));
    install_panic_hook(options);
    browser::set_root_class("kiosk", options.kiosk);
    // A kiosk and a helper's desk: a bar of their own at the foot of the
    // screen, and an 80 mm receipt for the citizen.
    browser::set_root_class("shared", options.shared_device());
    browser::set_root_class("embedded", options.embedded);
    for (name, value) in &options.theme {
        browser::set_theme_colour(name, value);
    }
    if options.embedded {
        embed::report_height(options);
    }
    // The app rewrites its own fragment without events; a hashchange means
    // someone opened another link (a shared one) in this tab: start afresh
    // from it.
    browser::reload_on_hash_change();
    browser::open_details_before_printing();
    let lang = options.lang.unwrap_or_default();
    match (&options.pack_url, options.preview) {
        (None, false) => boot(decode_measured(default_pack::BYTES).map_err(|e| vec![e.to_string()]), options),
        (url, _) => {
            set_app_text(i18n::ui(lang).pack_loading);
            // A host's bundle, or the pack studio's edited pack for its
            // preview (a response made in the page: see studio-preview.js).
            let source = url.clone().unwrap_or_else(|| "preview=1".into());
            let resolved = url.as_deref().map(browser::resolve_pack_address);
            let response = match &resolved {
                Some(Some(address)) => web_sys::window().map(|w| w.fetch_with_str(address)),
                Some(None) => None,
                None => browser::preview_pack(),
            };
            if resolved == Some(None) {
                let ui = i18n::ui(lang);
                browser::show_fatal(&format!("{}\n{source}: {}", ui.pack_error, ui.pack_not_here), ui.reload);
                return;
            }
            // wasm-bindgen's own executor: Leptos sets up its executor only
            // when the app mounts, which is after the pack has loaded.
            wasm_bindgen_futures::spawn_local(async move {
                let pack = match fetch_bytes(response).await {
                    Ok(bytes) => decode_measured(&bytes).map_err(|e| vec![format!("{source}: {e}")]),
                    Err(e) => Err(vec![format!("{source}: {e}")]),
                };
                boot(pack, options);
            });
        }
    }
}

/// Mounts the app on a loaded pack, or shows what is wrong with it.
fn boot(pack: Result<Pack, Vec<String>>, options: &'static LaunchOptions) {
    let ui = i18n::ui(options.lang.unwrap_or_default());
    let pack = match pack {
        Ok(pack) => pack,
        Err(problems) => {
            browser::show_fatal(&format!("{}\n{}", ui.pack_error, problems.join("\n")), ui.reload);
            return;
        }
    };
    let pack: &'static Pack = Box::leak(Box::new(pack));
    let Some(root) = browser::element_by_id("app") else { return };
    let root: web_sys::HtmlElement = root.unchecked_into();
    root.set_inner_html("");
    // Keep the app mounted for the life of the page.
    leptos::mount::mount_to(root, move || view! { <App pack=pack options=options /> }).forget();
    browser::mark("pe:mounted");
    if options.shared_device() && options.restarts > 0 {
        // Running again: after a minute without a crash, the count of
        // restarts in a row starts afresh.
        leptos::prelude::set_timeout(move || browser::write_fragment(&options.settings_fragment()), std::time::Duration::from_secs(60));
    }
    if options.kiosk && options.self_test_panic {
        // The kiosk self-test: crash on purpose and show that it recovers.
        leptos::prelude::set_timeout(|| panic!("kiosk self-test: a deliberate crash"), std::time::Duration::from_millis(300));
    }
}

fn set_app_text(text: &str) {
    if let Some(app) = browser::element_by_id("app") {
        app.set_text_content(Some(text));
    }
}

/// Decodes a compiled pack, marking the time it takes for the page's own
/// measurements (`pe:decode`, read by scripts/measure.mjs).
fn decode_measured(bytes: &[u8]) -> Result<Pack, compiled::DecodeError> {
    browser::mark("pe:decode-start");
    let pack = compiled::decode(bytes);
    browser::measure("pe:decode", "pe:decode-start");
    pack
}

/// The bytes of a response: a same-origin GET of a host's bundle or of the
/// operator's list of hosts that may receive results (the only requests the
/// app ever makes, and only when a host asks for one of them; neither carries
/// an answer), or the studio's pack for its preview.
pub(crate) async fn fetch_bytes(response: Option<js_sys::Promise>) -> Result<Vec<u8>, String> {
    // The error itself is not shown: a JavaScript error's text carries its
    // stack, which says nothing to the person reading the panel.
    let response = wasm_bindgen_futures::JsFuture::from(response.ok_or("not available here")?)
        .await
        .map_err(|_| "could not be fetched: the address was refused or the network is down".to_string())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("the server answered {} {}", response.status(), response.status_text()));
    }
    let body = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(|_| "no body")?).await.map_err(|_| "the body could not be read")?;
    Ok(js_sys::Uint8Array::new(&body).to_vec())
}

/// A panic aborts the wasm instance, so recovery must not call into it again:
/// the hook shows a short apology outside the app and leaves the restart to
/// the browser. A kiosk restarts by itself within seconds, with no answers;
/// on a personal device the answers are in session storage and a reload
/// button brings them back.
fn install_panic_hook(options: &'static LaunchOptions) {
    std::panic::set_hook(Box::new(move |info| {
        web_sys::console::error_1(&info.to_string().into());
        let lang = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .map_or(Lang::Zh, |l| if l.starts_with("en") { Lang::En } else { Lang::Zh });
        let ui = i18n::ui(lang);
        // A shared device must not keep one person's answers on screen
        // for the next: it restarts empty by itself.
        if options.shared_device() {
            match options.restart_fragment() {
                Some(fragment) => {
                    browser::show_fatal(ui.crash_restarting, "");
                    browser::write_fragment(&fragment);
                    browser::reload_after(std::time::Duration::from_secs(3));
                }
                // The same failure again and again: stop, and say so to
                // whoever looks after the kiosk.
                None => browser::show_fatal(ui.crash_gave_up, ui.reload),
            }
        } else {
            browser::show_fatal(ui.crash_message, ui.reload);
        }
    }));
}

#[component]
fn App(pack: &'static Pack, options: &'static LaunchOptions) -> impl IntoView {
    let state = AppState::new(pack, options, browser::today_in_china());
    state.restore();
    provide_context(state);

    // Title, page language and focus follow the step and the language.
    Effect::new(move |_| {
        let lang = state.lang.get();
        let ui = i18n::ui(lang);
        browser::set_html_lang(lang);
        let page = match state.step.get() {
            Step::Start => None,
            Step::Question { fact, .. } => {
                let question = state.progress.with_untracked(|p| pack.facts[fact].worded(&p.facts).0);
                Some(format!("{}: {}", ui.page_title_question, question.get(lang)))
            }
            Step::Review => Some(ui.page_title_review.to_string()),
            Step::Results => Some(ui.page_title_results.to_string()),
            Step::Library => Some(policy_explainer::engine::labels(lang).all_policies.to_string()),
            Step::Policy(p) => Some(pack.policies[p].name.get(lang).to_string()),
            Step::Helper => Some(ui.assist_heading.to_string()),
        };
        browser::set_title(&match page {
            Some(p) => format!("{p} - {}", ui.app_name),
            None => ui.app_name.to_string(),
        });
    });
    Effect::new(move |_| browser::set_root_class("elder", state.elder.get()));
    // Elder mode brings read-aloud's controls; the header switches them
    // on and off. Shown again after a change of language, whose voice the
    // browser may lack.
    Effect::new(move |_| {
        if state.elder.get() {
            state.read_aloud.set(true);
        }
    });
    Effect::new(move |_| {
        state.lang.track();
        browser::read_aloud_show(state.read_aloud.get());
    });
    if options.embedded {
        Effect::new(move |_| {
            let phase = match state.step.get() {
                Step::Results | Step::Policy(_) | Step::Library => embed::HeightPhase::Rounded,
                _ => embed::HeightPhase::Fixed,
            };
            embed::set_height_phase(phase);
        });
    }
    // Move focus to the new page's heading, so screen readers announce it.
    // Not on first load: the page starts at the top anyway.
    Effect::new(move |previous: Option<Step>| {
        let step = state.step.get();
        if previous.is_some_and(|p| p != step) {
            // Speech belongs to the page it was asked on.
            browser::read_aloud_stop();
            browser::focus_soon("page-heading");
        }
        step
    });
    // Once the first question is painted: mark it for the page's own
    // measurements, and only then set up offline use, whose worker downloads
    // every asset again and must not compete with the first load.
    Effect::new(move |done: Option<bool>| {
        let first_question = matches!(state.step.get(), Step::Question { .. } | Step::Helper);
        if first_question && done != Some(true) {
            browser::after_next_frame(|| {
                browser::mark("pe:first-question");
                browser::register_offline();
            });
        }
        done == Some(true) || first_question
    });
    // Saving (session storage, the address bar) can wait until the new page
    // is on screen: it runs in a task of its own, off the answer-to-update path.
    Effect::new(move |_| {
        state.journey.track();
        state.step.track();
        state.lang.track();
        set_timeout(move || state.persist(), std::time::Duration::ZERO);
    });

    view! {
        <components::Layout>
            {move || match state.step.get() {
                Step::Start => EitherOf7::A(view! { <pages::StartPage /> }),
                Step::Question { fact, then } => EitherOf7::B(view! { <pages::QuestionPage fact=fact then=then /> }),
                Step::Review => EitherOf7::C(view! { <pages::ReviewPage /> }),
                Step::Results => EitherOf7::D(view! { <pages::ResultsPage /> }),
                Step::Library => EitherOf7::E(view! { <pages::LibraryPage /> }),
                Step::Policy(policy) => EitherOf7::F(view! { <pages::PolicyPage policy=policy /> }),
                Step::Helper => EitherOf7::G(view! { <pages::HelperPage /> }),
            }}
        </components::Layout>
        {options.shared_device().then(|| view! { <components::IdleGuard /> })}
    }
}
