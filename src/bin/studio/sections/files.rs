//! The pack's files: each a button that opens it (marked when edited or
//! new), and adding a rule or test file or removing the open one.

use leptos::html;
use leptos::prelude::*;

use crate::model::{Change, NewFileError};
use crate::state::{aria, click, focus_editor, focus_soon, handle, shown, tr, Studio};
use crate::words::remove_question;

pub fn file_list(s: Studio) -> impl IntoView {
    let adding = RwSignal::new(false);
    let problem = RwSignal::new(None::<NewFileError>);
    let new_ref: NodeRef<html::Button> = NodeRef::new();
    let path_ref: NodeRef<html::Input> = NodeRef::new();
    let open = Memo::new(move |_| s.ws.with(|w| w.open_path().to_string()));
    let item = move |(path, change): (String, Change)| {
        let mark = match change {
            Change::Same => None,
            Change::Edited => Some(tr(s, |w| w.edited)),
            Change::New => Some(tr(s, |w| w.new_file_mark)),
        };
        let (at, label) = (path.clone(), path.clone());
        view! {
            <li>
                <button type="button" class="file" data-path=path.clone() data-edited=(change != Change::Same).then_some("true")
                    aria-current=shown(move || (open.get() == at).then_some("true")) on:click=click(move |_| s.ws.update(|w| w.select(&path)))>
                    {label}
                    {mark.map(|m| view! { " " <span class="edited">"("{m}")"</span> })}
                </button>
            </li>
        }
    };
    Effect::new(move |_| {
        if let Some(input) = path_ref.get() {
            let _ = input.focus();
        }
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let path = path_ref.get_untracked().map(|i| i.value().trim().to_string()).unwrap_or_default();
        match s.ws.try_update(|w| w.add(&path)) {
            Some(Ok(save)) => {
                adding.set(false);
                problem.set(None);
                s.store(&[save]);
                s.changed();
                focus_editor(s);
            }
            Some(Err(why)) => problem.set(Some(why)),
            None => {}
        }
    };
    let removable = move || s.ws.with(|w| w.can_remove());
    let remove = move |_| {
        let question = remove_question(s.lang.get_untracked(), &open.get_untracked());
        if window().confirm_with_message(&question).unwrap_or(false) {
            s.apply(|w| w.remove_open());
            focus_editor(s);
        }
    };
    let form = move || {
        adding.get().then(|| {
            view! {
                <form class="new-file" data-testid="new-file-form" on:submit=handle(create)>
                    <label for="new-path">{tr(s, |w| w.new_file_path)}</label>
                    <input id="new-path" type="text" node_ref=path_ref aria-describedby="new-path-note" spellcheck="false" autocomplete="off" placeholder="rules/qd-new-policy.toml" />
                    <p class="note" id="new-path-note">{tr(s, |w| w.new_file_note)}</p>
                    <p role="alert" class="problem">
                        {shown(move || problem.get().map_or("", |why| match why {
                            NewFileError::NotAPackPath => s.words().new_file_bad,
                            NewFileError::Exists => s.words().new_file_exists,
                        }))}
                    </p>
                    <button type="submit">{tr(s, |w| w.create)}</button>
                    " "
                    <button type="button" on:click=click(move |_| {
                        adding.set(false);
                        focus_soon(new_ref);
                    })>{tr(s, |w| w.release_no)}</button>
                </form>
            }
        })
    };
    view! {
        <nav aria-labelledby="files-heading">
            <h2 id="files-heading">{tr(s, |w| w.files)}</h2>
            <ul class="files">
                <For each=move || s.marks.get() key=|m| m.clone() children=item />
            </ul>
            <div class="actions">
                <button type="button" data-testid="new-file" node_ref=new_ref aria-expanded=aria(move || adding.get()) on:click=click(move |_| adding.update(|a| *a = !*a))>{tr(s, |w| w.new_file)}</button>
                <button type="button" data-testid="remove-file" disabled=shown(move || !removable()) on:click=click(remove)>{tr(s, |w| w.remove_file)}</button>
            </div>
            {form}
        </nav>
    }
}
