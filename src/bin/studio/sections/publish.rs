//! Publishing: the new version and "rules as of" date written into
//! pack.toml when the user confirms, then the pack downloaded as its files
//! (a zip, deflated by the browser's own `CompressionStream`) and as a
//! bundle for `data-pack`.

use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;
use policy_explainer::engine::Date;
use policy_explainer::{compiled, pack};

use crate::opening::zip_files;
use crate::state::{click, focus_soon, handle, shown, tr, Studio};
use crate::web;
use crate::words::Say;

pub fn publish(s: Studio) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<(Say, String)>);
    let version_ref: NodeRef<html::Input> = NodeRef::new();
    let date_ref: NodeRef<html::Input> = NodeRef::new();
    let release_ref: NodeRef<html::Button> = NodeRef::new();
    let current = move || s.good.with(|p| p.as_ref().map(|p| (p.id.clone(), p.version.clone(), p.rules_as_of)));
    let same_as_opened = move || {
        let now = current().map(|(_, v, d)| (v, d));
        let opened = s.origin_pack.with(|p| p.as_ref().map(|p| (p.version.clone(), p.rules_as_of)));
        s.drafted.get() && now.is_some() && now == opened
    };
    Effect::new(move |_| {
        if confirming.get() {
            request_animation_frame(move || {
                if let Some(input) = version_ref.get_untracked() {
                    let _ = input.focus();
                }
            });
        }
    });
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let version = version_ref.get_untracked().map(|i| i.value()).unwrap_or_default();
        let Some(date) = date_ref.get_untracked().and_then(|i| Date::parse(&i.value())) else {
            problem.set(Some(s.words().release_bad_date.into()));
            return;
        };
        let manifest = s.ws.with_untracked(|w| w.files().get("pack.toml").map(str::to_string));
        match manifest.ok_or_else(|| s.words().release_no_manifest.to_string()).and_then(|m| pack::set_release(&m, version.trim(), date)) {
            Ok(text) => {
                s.apply(|w| w.replace("pack.toml", &text));
                problem.set(None);
                confirming.set(false);
                done.set(Some((|w| w.released, format!(" {} {date}", version.trim()))));
                focus_soon(release_ref);
            }
            Err(e) => problem.set(Some(e)),
        }
    };
    let download = move |zip: bool| {
        s.flush();
        let Some(pack) = s.good.get_untracked().filter(|_| untrack(|| s.checks())) else { return };
        // A version may hold characters a file name cannot.
        let version: String = pack.version.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '-' }).collect();
        let stem = format!("{}-{version}", pack.id);
        if !zip {
            let name = format!("{stem}.bin");
            if web::download(&name, &compiled::encode(&pack), "application/octet-stream") {
                done.set(Some((|w| w.downloaded, name)));
            }
            return;
        }
        let files = s.ws.with_untracked(|w| w.files().clone());
        leptos::task::spawn_local(async move {
            let mut deflated = Vec::new();
            for (_, text) in files.iter() {
                deflated.push(web::deflate(text.as_bytes()).await.unwrap_or_default());
            }
            let name = format!("{stem}.zip");
            if web::download(&name, &zip_files(&stem, &files, pack.rules_as_of, &deflated), "application/zip") {
                done.set(Some((|w| w.downloaded, name)));
            }
        });
    };
    let release = move || {
        if confirming.get() {
            // Read once: a check finishing while the form is open must not
            // rebuild it under the user's typing.
            let version = s.good.with_untracked(|p| p.as_ref().map(|p| pack::next_version(&p.version))).unwrap_or_default();
            let date = web::today_in_china().to_string();
            Either::Left(view! {
                <form class="release" data-testid="release-form" on:submit=handle(confirm)>
                    <label for="release-version">{tr(s, |w| w.new_version)}</label>
                    <input id="release-version" type="text" required node_ref=version_ref value=version />
                    <label for="release-date">{tr(s, |w| w.new_date)}</label>
                    <input id="release-date" type="date" required node_ref=date_ref value=date />
                    <div>
                        <button type="submit" data-testid="release-confirm">{tr(s, |w| w.release_yes)}</button>
                        " "
                        <button type="button" on:click=click(move |_| {
                            confirming.set(false);
                            focus_soon(release_ref);
                        })>{tr(s, |w| w.release_no)}</button>
                    </div>
                </form>
            })
        } else {
            Either::Right(view! {
                <button type="button" data-testid="release" node_ref=release_ref disabled=shown(move || current().is_none()) on:click=click(move |_| confirming.set(true))>
                    {tr(s, |w| w.release)}
                </button>
            })
        }
    };
    view! {
        <section class="publish" aria-labelledby="publish-heading">
            <h2 id="publish-heading">{tr(s, |w| w.publish)}</h2>
            <p data-testid="release-now">
                {shown(move || current().map(|(id, version, date)| {
                    let (a, b) = s.words().current_release;
                    format!("{id}: {a} {version}{b} {date}")
                }).unwrap_or_default())}
            </p>
            <p class="note" data-testid="same-release">{shown(move || if same_as_opened() { s.words().same_release } else { "" })}</p>
            {release}
            <div class="actions">
                <button type="button" data-testid="download-zip" disabled=shown(move || !s.checks()) on:click=click(move |_| download(true))>{tr(s, |w| w.download_zip)}</button>
                <button type="button" data-testid="download-bundle" disabled=shown(move || !s.checks()) on:click=click(move |_| download(false))>{tr(s, |w| w.download_bundle)}</button>
            </div>
            <p class="note">{shown(move || if s.checks() { s.words().tests_not_run } else { s.words().cannot_publish })}</p>
            <div role="status" data-testid="publish-status">
                <p class="problem">{shown(move || problem.get().unwrap_or_default())}</p>
                <p>{shown(move || done.get().map(|(say, what)| format!("{}{what}", say(s.words()))).unwrap_or_default())}</p>
            </div>
            <p class="note">{tr(s, |w| w.bundle_howto)}</p>
        </section>
    }
}
