//! The drafts notice: that there are drafts, which files were removed or
//! changed at their source since, and discarding them (with a
//! confirmation); and the drafts another tab or window has stored for the
//! same pack since, offered to load rather than written over.

use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;

use crate::drafts;
use crate::state::{click, focus_editor, focus_soon, shown, tr, Studio};

pub fn drafts_notice(s: Studio) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let discard_ref: NodeRef<html::Button> = NodeRef::new();
    let confirm_ref: NodeRef<html::Button> = NodeRef::new();
    // The confirmation takes focus when it appears.
    Effect::new(move |_| {
        if let Some(button) = confirm_ref.get() {
            let _ = button.focus();
        }
    });
    // Only the drafts this tab wrote are forgotten: another tab's stay.
    let discard = move |_| {
        let id = s.ws.with_untracked(|w| w.pack_id().to_string());
        let stored = drafts::stored(&id);
        let forget = s.ws.try_update(|w| w.discard(&stored)).unwrap_or_default();
        drafts::forget(&id, &forget);
        s.unsaved.set(None);
        s.changed();
        confirming.set(false);
        s.status.set(Some(|w| w.discarded));
        focus_editor(s);
    };
    let cancel = move |_| {
        confirming.set(false);
        focus_soon(discard_ref);
    };
    let listed = move |paths: Vec<String>, testid: &'static str, say: crate::words::Say| {
        (!paths.is_empty()).then(|| view! { <p data-testid=testid>{tr(s, say)}" "<code>{paths.join(", ")}</code></p> })
    };
    let choice = move || {
        if confirming.get() {
            Either::Left(view! {
                <div role="group" aria-labelledby="discard-question" class="confirm">
                    <p id="discard-question">{tr(s, |w| w.discard_question)}</p>
                    <button type="button" class="danger" data-testid="discard-confirm" node_ref=confirm_ref on:click=click(discard)>{tr(s, |w| w.discard_yes)}</button>
                    " "
                    <button type="button" data-testid="discard-cancel" on:click=click(cancel)>{tr(s, |w| w.discard_no)}</button>
                </div>
            })
        } else {
            Either::Right(
                view! { <button type="button" data-testid="discard" node_ref=discard_ref on:click=click(move |_| confirming.set(true))>{tr(s, |w| w.discard)}</button> },
            )
        }
    };
    let notice = move || {
        s.drafted.get().then(|| {
            view! {
                <section class="drafts" data-testid="drafts" aria-labelledby="drafts-heading">
                    <h2 id="drafts-heading">{tr(s, |w| w.drafts)}</h2>
                    <p>{tr(s, |w| w.drafts_detail)}</p>
                    {move || listed(s.ws.with(|w| w.removed()), "removed", |w| w.removed)}
                    {move || listed(s.ws.with(|w| w.outdated().to_vec()), "outdated", |w| w.outdated)}
                    {choice}
                </section>
            }
        })
    };
    view! {
        {notice}
        {elsewhere(s)}
        <div role="status" class="note" data-testid="drafts-status">{shown(move || s.status.get().map_or("", |say| say(s.words())))}</div>
    }
}

/// The drafts another tab stored for this pack since this one read them:
/// named, and loaded or refused by the officer, never written over unasked.
fn elsewhere(s: Studio) -> impl IntoView {
    let paths = Memo::new(move |_| s.ws.with(|w| w.elsewhere().iter().map(|p| p.to_string()).collect::<Vec<_>>()));
    let take = move |_| {
        s.ws.update(|w| w.take_theirs());
        s.changed();
    };
    let keep = move |_| {
        let saves = s.ws.try_update(|w| w.keep_mine()).unwrap_or_default();
        s.store(&saves);
    };
    move || {
        let paths = paths.get();
        (!paths.is_empty()).then(|| {
            view! {
                <section class="drafts" role="alert" data-testid="elsewhere">
                    <p>{tr(s, |w| w.elsewhere)}" "<code>{paths.join(", ")}</code></p>
                    <button type="button" data-testid="take-theirs" on:click=click(take)>{tr(s, |w| w.take_theirs)}</button>
                    " "
                    <button type="button" data-testid="keep-mine" on:click=click(keep)>{tr(s, |w| w.keep_mine)}</button>
                </section>
            }
        })
    }
}
