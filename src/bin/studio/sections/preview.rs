//! The preview: the citizen app itself (index.html) in an iframe, running the
//! edited pack. Started with `preview=1`, the app asks this page for its pack
//! (a message between two pages of the same origin) and gets the pack's
//! compiled bytes, decoded exactly as a `data-pack` bundle is: what residents
//! would see. Each time the pack checks with a change, the preview starts
//! again; the answers given in it are kept (in this tab's session storage,
//! as the app keeps them), so the new rules show on the same answers. It may
//! also start from a test case's answers, carried as a shared link carries
//! them, on the results.

use leptos::prelude::*;
use policy_explainer::engine::Facts;
use policy_explainer::journey::{self, Journey};
use policy_explainer::{compiled, pack};
use wasm_bindgen::JsCast;

use crate::state::{aria, click, handle, shown, tr, Studio};

/// The preview's "send me the pack" (public/studio-preview.js).
const PREVIEW_READY: &str = "policy-explainer:preview-ready";

pub fn preview(s: Studio) -> impl IntoView {
    let open = RwSignal::new(false);
    let english = RwSignal::new(false);
    let policy = RwSignal::new(None::<String>);
    // Bumped by the page buttons, so that pressing one always starts afresh.
    let restarts = RwSignal::new(0u32);
    // The test case whose answers the preview starts from, by its place in
    // the list of cases.
    let case = RwSignal::new(None::<usize>);
    let frame: NodeRef<leptos::html::Iframe> = NodeRef::new();
    // What the preview runs: the last version of the pack that checked.
    let bytes = Memo::new(move |_| s.good.with(|p| p.as_deref().map(compiled::encode)));

    // Answers the preview's "ready", from the preview's own window only.
    let listener = gloo_events::EventListener::new(&window(), "message", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else { return };
        let Some(target) = frame.get_untracked().and_then(|f| f.content_window()) else { return };
        let own = window().location().origin().unwrap_or_default();
        let from_preview = event.origin() == own && event.source().is_some_and(|s| js_sys::Object::is(&s, &target));
        if from_preview && event.data().as_string().as_deref() == Some(PREVIEW_READY) {
            if let Some(bytes) = bytes.get_untracked() {
                let _ = target.post_message(&js_sys::Uint8Array::from(&bytes[..]), &own);
            }
        }
    });
    // The studio is one page: the listener lives as long as it does.
    listener.forget();

    let rule_id = move || {
        let path = s.ws.with(|w| w.open_path().to_string());
        let id = path.strip_prefix("rules/")?.strip_suffix(".toml")?.to_string();
        s.good.with(|p| p.as_ref().is_some_and(|p| p.policy_ix(&id).is_some())).then_some(id)
    };
    // What the preview shows while the pack has problems.
    let note = move || match (s.checks() || s.pending.get(), bytes.with(Option::is_some)) {
        (true, _) => "",
        (false, true) => s.words().preview_stale,
        (false, false) => s.words().preview_none,
    };
    // The test cases' names and answers, read again after each check (not on
    // every keystroke).
    let cases = Memo::new(move |_| {
        s.result.track();
        s.ws.with_untracked(|w| pack::case_answers(w.files()))
    });
    // A case's answers as a share code, as a link carries them: the app opens
    // on the results for them (or on the policy's page, when one is chosen).
    let case_code = move |i: usize| {
        let (_, set) = cases.with_untracked(|c| c.get(i).cloned())?;
        s.good.with_untracked(|p| {
            let p = p.as_ref()?;
            let facts = Facts::from_json(&p.facts, &serde_json::Value::Object(set.into_iter().collect())).ok()?;
            Some(journey::encode(&Journey::from_facts(p, &facts), p))
        })
    };
    // Each version of the pack the preview runs, counted.
    let runs = Memo::new(move |n: Option<&u32>| {
        bytes.track();
        n.map_or(0, |n| n + 1)
    });
    // A new iframe for each version of the pack, each language and each
    // page (keyed): the app starts afresh and asks for the pack again. (An
    // iframe whose address changes only in its fragment would not reload.)
    let frames = move || bytes.with(Option::is_some).then(|| (runs.get(), restarts.get(), english.get(), policy.get(), case.get()));
    let frame_view = move || {
        view! {
            <For each=frames key=|k| k.clone() let:((_, _, english, policy, case))>
                <iframe
                    node_ref=frame
                    data-testid="preview-frame"
                    title=tr(s, |w| w.preview_title)
                    src=format!(
                        "index.html#preview=1&lang={}{}{}",
                        if english { "en" } else { "zh" },
                        policy.map(|id| format!("&policy={id}")).unwrap_or_default(),
                        case.and_then(case_code).map(|code| format!("&a={code}")).unwrap_or_default(),
                    )
                    referrerpolicy="no-referrer"
                ></iframe>
            </For>
        }
    };
    view! {
        <section class="preview" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{tr(s, |w| w.preview)}</h2>
            <p>{tr(s, |w| w.preview_intro)}</p>
            <button type="button" data-testid="preview-toggle" aria-expanded=aria(move || open.get()) on:click=click(move |_| open.update(|o| *o = !*o))>
                {shown(move || if open.get() { s.words().hide_preview } else { s.words().show_preview })}
            </button>
            {move || open.get().then(|| view! {
                <div class="preview-controls">
                    <fieldset>
                        <legend>{tr(s, |w| w.preview_lang)}</legend>
                        <label><input type="radio" name="preview-lang" prop:checked=shown(move || !english.get()) on:change=handle(move |_: leptos::ev::Event| english.set(false)) />" 中文"</label>
                        " "
                        <label><input type="radio" name="preview-lang" prop:checked=shown(move || english.get()) on:change=handle(move |_: leptos::ev::Event| english.set(true)) />" English"</label>
                    </fieldset>
                    {move || rule_id().map(|id| view! {
                        <button type="button" data-testid="preview-policy" on:click=click(move |_| {
                            policy.set(Some(id.clone()));
                            restarts.update(|n| *n += 1);
                        })>{tr(s, |w| w.preview_this_policy)}</button>
                    })}
                    " "
                    <button type="button" data-testid="preview-start" on:click=click(move |_| {
                        policy.set(None);
                        restarts.update(|n| *n += 1);
                    })>{tr(s, |w| w.preview_start)}</button>
                    <label for="preview-case">{tr(s, |w| w.preview_case)}</label>
                    <select id="preview-case" data-testid="preview-case" on:change=handle(move |ev: leptos::ev::Event| {
                        case.set(event_target_value(&ev).parse().ok());
                        restarts.update(|n| *n += 1);
                    })>
                        <option value="" selected=shown(move || case.get().is_none())>{tr(s, |w| w.preview_no_case)}</option>
                        {move || cases.with(|c| c.iter().enumerate().map(|(i, (name, _))| {
                            view! { <option value=i.to_string() selected=shown(move || case.get() == Some(i))>{name.clone()}</option> }
                        }).collect_view())}
                    </select>
                </div>
                <p class="note" role="status">{shown(note)}</p>
                {frame_view}
            })}
        </section>
    }
}
