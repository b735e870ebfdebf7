//! The editor: a plain textarea (the browser's own undo, selection, input
//! methods and screen-reader support), with line numbers beside it, the
//! cursor's line and column, Ctrl+S to save the draft now and Ctrl+G to go
//! to a line.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::page::Workspace;
use crate::words::caret_text;

const EDITOR_ID: &str = "editor";

fn textarea() -> Option<web_sys::HtmlTextAreaElement> {
    document().get_element_by_id(EDITOR_ID)?.dyn_into().ok()
}

/// Puts the cursor in the editor (at the next frame, once it shows the file).
pub fn focus() {
    request_animation_frame(|| {
        if let Some(editor) = textarea() {
            let _ = editor.focus();
        }
    });
}

/// Opens file `i` from the list at its top, or leaves the editor alone when
/// that file is already open (setting the same text again would clear the
/// browser's undo history).
pub fn open(i: usize) {
    let ws: Workspace = expect_context();
    if ws.selected.get_untracked() == i {
        return;
    }
    ws.selected.set(i);
    request_animation_frame(|| {
        if let Some(editor) = textarea() {
            editor.set_scroll_top(0);
            let _ = editor.set_selection_range(0, 0);
        }
    });
}

/// Opens `file` and puts the cursor at `offset` (in selection units).
pub fn go_to(file: &str, offset: u32) {
    let ws: Workspace = expect_context();
    let Some(i) = ws.files.with_untracked(|f| f.iter().position(|(p, _)| p == file)) else { return };
    if ws.selected.get_untracked() != i {
        ws.selected.set(i);
    }
    request_animation_frame(move || select_at(offset));
}

fn select_at(offset: u32) {
    if let Some(editor) = textarea() {
        let _ = editor.focus();
        let _ = editor.set_selection_range(offset, offset);
    }
}

/// The line and column (from 1) of a selection offset in `text`.
fn line_col(text: &str, offset: u32) -> (usize, usize) {
    let (mut line, mut col, mut at) = (1, 1, 0u32);
    for c in text.chars() {
        if at >= offset {
            break;
        }
        at += c.len_utf16() as u32;
        if c == '\n' {
            (line, col) = (line + 1, 1);
        } else {
            col += 1;
        }
    }
    (line, col)
}

/// The selection offset where line `line` (from 1) begins.
fn line_start(text: &str, line: usize) -> u32 {
    text.split_inclusive('\n').take(line.saturating_sub(1)).map(|l| l.encode_utf16().count() as u32).sum()
}

#[component]
pub fn Editor() -> impl IntoView {
    let ws: Workspace = expect_context();
    let gutter: NodeRef<leptos::html::Pre> = NodeRef::new();
    let caret = RwSignal::new((1usize, 1usize));
    let going = RwSignal::new(false);
    let line_ref: NodeRef<leptos::html::Input> = NodeRef::new();
    let lines = Memo::new(move |_| ws.files.with(|f| f.get(ws.selected.get()).map_or(1, |(_, t)| t.split('\n').count())));
    let numbers = move || (1..=lines.get()).map(|n| n.to_string()).collect::<Vec<_>>().join("\n");
    // The editor shows the chosen file; typing never resets it (the value is
    // set only when another file is chosen, or the files are replaced).
    let text = move || {
        ws.reset.track();
        let at = ws.selected.get();
        ws.files.with_untracked(|f| f.get(at).map(|(_, t)| t.clone()).unwrap_or_default())
    };
    let path = move || ws.files.with(|f| f.get(ws.selected.get()).map(|(p, _)| p.clone()).unwrap_or_default());
    let track_caret = move || {
        if let Some(editor) = textarea() {
            let offset = editor.selection_start().ok().flatten().unwrap_or(0);
            caret.set(ws.files.with_untracked(|f| f.get(ws.selected.get_untracked()).map_or((1, 1), |(_, t)| line_col(t, offset))));
        }
    };
    let sync_gutter = move || {
        if let (Some(editor), Some(gutter)) = (textarea(), gutter.get_untracked()) {
            gutter.set_scroll_top(editor.scroll_top());
        }
    };
    // Another file starts at its top.
    Effect::new(move |_| {
        ws.selected.track();
        caret.set((1, 1));
        if let Some(gutter) = gutter.get_untracked() {
            gutter.set_scroll_top(0);
        }
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && going.get_untracked() {
            going.set(false);
            return;
        }
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        match ev.key().to_lowercase().as_str() {
            "s" => {
                ev.prevent_default();
                ws.flush();
                if ws.status.get_untracked().is_none() {
                    ws.status.set(Some(|w| w.saved));
                }
            }
            "g" => {
                ev.prevent_default();
                going.set(true);
                request_animation_frame(move || {
                    if let Some(input) = line_ref.get_untracked() {
                        input.set_value(&caret.get_untracked().0.to_string());
                        let _ = input.focus();
                        input.select();
                    }
                });
            }
            _ => {}
        }
    };
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(line) = line_ref.get_untracked().and_then(|i| i.value().trim().parse::<usize>().ok()) else { return };
        let line = line.clamp(1, lines.get_untracked());
        let offset = ws.files.with_untracked(|f| f.get(ws.selected.get_untracked()).map_or(0, |(_, t)| line_start(t, line)));
        going.set(false);
        request_animation_frame(move || select_at(offset));
        caret.set((line, 1));
    };
    let close = move || {
        going.set(false);
        focus();
    };
    view! {
        <div class="edit">
            <label for=EDITOR_ID>{move || ws.words().editing}" "<code>{path}</code></label>
            <p class="note" id="editor-keys">{move || ws.words().keys}</p>
            {move || going.get().then(|| view! {
                <form class="goto" data-testid="goto" on:submit=go on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { close() }>
                    <label for="goto-line">{move || ws.words().go_to_line}</label>
                    " "
                    <input id="goto-line" type="number" inputmode="numeric" min="1" max=move || lines.get() node_ref=line_ref />
                    " "
                    <button type="submit">{move || ws.words().go}</button>
                    " "
                    <button type="button" on:click=move |_| close()>{move || ws.words().close}</button>
                </form>
            })}
            <div class="editor-wrap">
                <pre class="gutter" aria-hidden="true" node_ref=gutter>{numbers}</pre>
                <textarea
                    id=EDITOR_ID
                    data-testid="editor"
                    aria-describedby="editor-keys"
                    spellcheck="false"
                    autocomplete="off"
                    wrap="off"
                    rows="24"
                    prop:value=text
                    on:input=move |ev| {
                        ws.edit(ws.selected.get_untracked(), event_target_value(&ev));
                        track_caret();
                    }
                    on:keydown=on_keydown
                    on:keyup=move |_| track_caret()
                    on:click=move |_| track_caret()
                    on:scroll=move |_| sync_gutter()
                ></textarea>
            </div>
            <p class="note caret" data-testid="caret">
                {move || { let (line, col) = caret.get(); caret_text(ws.en.get(), line, col) }}
            </p>
        </div>
    }
}
