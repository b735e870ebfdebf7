//! Where the pack came from, and opening another: the built-in pack, a
//! folder, a zip or a bundle, chosen or dropped.

use leptos::html;
use leptos::prelude::*;

use crate::model::Origin;
use crate::state::{click, handle, shown, tr, Studio, BUILTIN_ZIP};
use crate::words::builtin_failed;
use crate::{drafts, web};

/// Opens the built-in pack, fetched from beside studio.html through the
/// same opening as any zip; `problem` says why when it cannot.
pub fn open_builtin(s: Studio, then: impl FnOnce(Origin) + 'static) {
    leptos::task::spawn_local(async move {
        let opened = match web::fetch_beside(BUILTIN_ZIP).await {
            Ok(bytes) => web::read_pack(vec![(BUILTIN_ZIP.to_string(), bytes)]).await,
            Err(e) => Err(e),
        };
        match opened {
            Ok(opened) => then(Origin { name: None, files: opened.files }),
            Err(why) => s.loaded.set(Err(why)),
        }
    });
}

pub fn opening(s: Studio) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let folder_ref: NodeRef<html::Input> = NodeRef::new();
    let file_ref: NodeRef<html::Input> = NodeRef::new();
    // Opening replaces the drafts, so it asks first when there are any.
    let may_replace = move || !s.drafted.get_untracked() || window().confirm_with_message(s.words().open_replaces_drafts).unwrap_or(false);
    // Opening another pack: this tab's drafts are discarded (never another
    // tab's), and it is remembered for the next visit when the browser lets us.
    let open_origin = move |origin: Origin| {
        let id = s.ws.with_untracked(|w| w.pack_id().to_string());
        let stored = drafts::stored(&id);
        let forget = s.ws.try_update(|w| w.discard(&stored)).unwrap_or_default();
        drafts::forget(&id, &forget);
        let kept = drafts::keep_origin(&origin);
        problem.set((!kept).then(|| s.words().origin_not_kept.to_string()));
        s.open(origin);
    };
    let take = move |picked: web::Picking| match picked {
        Ok(None) => {}
        Ok(Some(picked)) => leptos::task::spawn_local(async move {
            match web::read_pack(picked).await {
                Ok(opened) => open_origin(Origin { name: Some(opened.name), files: opened.files }),
                Err(e) => problem.set(Some(e)),
            }
        }),
        Err(e) => problem.set(Some(e)),
    };
    let on_files = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if may_replace() {
            web::read_input(input, take);
        } else {
            input.set_value("");
        }
    };
    // The folder input asks in its change; the picker before it opens.
    let open_folder = move |_| {
        if web::can_pick_directory_here() && !may_replace() {
            return;
        }
        web::choose_folder(folder_ref, take);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let Some(data) = ev.data_transfer() else { return };
        if !may_replace() {
            return;
        }
        // Read the items now: they are gone once the event returns.
        let reading = web::read_drop(data);
        leptos::task::spawn_local(async move { take(reading.await.map(Some)) });
    };
    web::folder_input(folder_ref);
    web::keep_drops_in_the_page();
    let shown_name = move || s.ws.with(|w| w.origin().name.clone()).unwrap_or_else(|| s.words().builtin.to_string());
    let said = move || match s.loaded.get() {
        Err(why) => builtin_failed(s.lang.get(), &why),
        Ok(_) => problem.get().unwrap_or_default(),
    };
    view! {
        <section class="open" aria-labelledby="open-heading" data-testid="open" on:dragover=handle(|ev: leptos::ev::DragEvent| ev.prevent_default()) on:drop=handle(on_drop)>
            <h2 id="open-heading">{tr(s, |w| w.open)}</h2>
            <p data-testid="opened">{tr(s, |w| w.opened)}<strong>{shown(shown_name)}</strong>
                {shown(move || s.origin_pack.with(|p| p.as_ref().map(|p| format!(" ({} {})", p.id, p.version)).unwrap_or_default()))}
            </p>
            <div class="actions">
                <button type="button" data-testid="open-builtin" on:click=click(move |_| if may_replace() { open_builtin(s, open_origin) })>{tr(s, |w| w.open_builtin)}</button>
                <button type="button" data-testid="open-folder" on:click=click(open_folder)>{tr(s, |w| w.open_folder)}</button>
                <button type="button" data-testid="open-file" on:click=click(move |_| if let Some(i) = file_ref.get_untracked() { i.click() })>{tr(s, |w| w.open_file)}</button>
            </div>
            <input type="file" hidden data-testid="folder-input" node_ref=folder_ref multiple on:change=handle(on_files) />
            <input type="file" hidden data-testid="file-input" node_ref=file_ref accept=".bin,.zip" on:change=handle(on_files) />
            <p class="note">{tr(s, |w| w.drop_here)}</p>
            <p role="alert" class="problem" data-testid="open-problem">{shown(said)}</p>
        </section>
    }
}
