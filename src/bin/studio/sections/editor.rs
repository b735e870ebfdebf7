//! The editor: a plain textarea (the browser's own undo, selection, input
//! methods and screen-reader support), with line numbers beside it, the
//! cursor's line and column, Ctrl+S to save the draft now and Ctrl+G to go
//! to a line. It shows the model's open file and carries out the model's
//! cursor requests in effects; no other module touches its element.

use leptos::html;
use leptos::prelude::*;

use crate::state::{click, handle, shown, tr, Studio};
use crate::words::{caret_text, unsaved};

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

pub fn editor(s: Studio) -> impl IntoView {
    let area: NodeRef<html::Textarea> = NodeRef::new();
    let gutter: NodeRef<html::Pre> = NodeRef::new();
    let line_ref: NodeRef<html::Input> = NodeRef::new();
    let caret = RwSignal::new((1usize, 1usize));
    let going = RwSignal::new(false);
    let path = Memo::new(move |_| s.ws.with(|w| w.open_path().to_string()));
    let lines = Memo::new(move |_| s.ws.with(|w| w.open_text().split('\n').count()));
    let held = Memo::new(move |_| s.ws.with(|w| w.is_held(w.open_path())));
    let numbers = move || (1..=lines.get()).map(|n| n.to_string()).collect::<Vec<_>>().join("\n");

    // The text is set only when another file opens or the model changed it
    // other than by typing: typing never resets it (nor its undo history).
    let showing = Memo::new(move |_| s.ws.with(|w| (w.open_path().to_string(), w.shown())));
    let text = move || {
        // Read, not only tracked: a memo recomputes when it is read.
        showing.with(|_| ());
        s.ws.with_untracked(|w| w.open_text().to_string())
    };
    // The model's cursor requests, once the text is in place.
    let cursor = Memo::new(move |_| s.ws.with(|w| w.cursor().clone()));
    Effect::new(move |_| {
        let c = cursor.get();
        area.track();
        request_animation_frame(move || {
            let Some(area) = area.get_untracked() else { return };
            if let Some(offset) = c.offset {
                let _ = area.set_selection_range(offset, offset);
                if offset == 0 {
                    area.set_scroll_top(0);
                    if let Some(gutter) = gutter.get_untracked() {
                        gutter.set_scroll_top(0);
                    }
                }
                caret.set(s.ws.with_untracked(|w| line_col(w.open_text(), offset)));
            }
            if c.focus {
                let _ = area.focus();
            }
        });
    });

    let track_caret = move || {
        if let Some(area) = area.get_untracked() {
            let offset = area.selection_start().ok().flatten().unwrap_or(0);
            caret.set(s.ws.with_untracked(|w| line_col(w.open_text(), offset)));
        }
    };
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
                let save = s.ws.with_untracked(|w| (!w.is_held(w.open_path())).then(|| w.save_of(w.open_path())));
                let kept = save.is_some_and(|save| s.store(&[save]));
                s.flush();
                s.status.set(kept.then_some(|w| w.saved));
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
        going.set(false);
        s.ws.update(|w| {
            let offset = line_start(w.open_text(), line);
            w.request_cursor(Some(offset), true)
        });
    };
    let close = move || {
        going.set(false);
        s.ws.update(|w| w.request_cursor(None, true));
    };
    let goto_form = move || {
        going.get().then(|| {
            view! {
                <form class="goto" data-testid="goto" on:submit=handle(go) on:keydown=handle(move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { close() })>
                    <label for="goto-line">{tr(s, |w| w.go_to_line)}</label>
                    " "
                    <input id="goto-line" type="number" inputmode="numeric" min="1" max=shown(move || lines.get()) node_ref=line_ref />
                    " "
                    <button type="submit">{tr(s, |w| w.go)}</button>
                    " "
                    <button type="button" on:click=click(move |_| close())>{tr(s, |w| w.close)}</button>
                </form>
            }
        })
    };
    view! {
        <div class="edit">
            <label for="editor">{tr(s, |w| w.editing)}" "<code>{shown(move || path.get())}</code></label>
            <p class="note" id="editor-keys">{tr(s, |w| w.keys)}</p>
            {goto_form}
            <div class="editor-wrap">
                <pre class="gutter" aria-hidden="true" node_ref=gutter>{shown(numbers)}</pre>
                <textarea
                    id="editor"
                    data-testid="editor"
                    aria-describedby="editor-keys editor-said"
                    spellcheck="false"
                    autocomplete="off"
                    wrap="off"
                    rows="24"
                    node_ref=area
                    prop:value=text
                    readonly=shown(move || held.get())
                    on:input=handle(move |ev: leptos::ev::Event| {
                        s.edit(event_target_value(&ev));
                        track_caret();
                    })
                    on:keydown=handle(on_keydown)
                    on:keyup=handle(move |_: leptos::ev::KeyboardEvent| track_caret())
                    on:click=click(move |_| track_caret())
                    on:scroll=handle(move |_: leptos::ev::Event| {
                        if let (Some(area), Some(gutter)) = (area.get_untracked(), gutter.get_untracked()) {
                            gutter.set_scroll_top(area.scroll_top());
                        }
                    })
                ></textarea>
            </div>
            <p class="note caret" data-testid="caret">{shown(move || { let (line, col) = caret.get(); caret_text(s.lang.get(), line, col) })}</p>
            <div id="editor-said">
                <p role="alert" class="problem" data-testid="editor-unsaved">{shown(move || s.unsaved.get().map(|path| unsaved(s.lang.get(), &path)).unwrap_or_default())}</p>
                <p role="status" class="note" data-testid="editor-held">{shown(move || if held.get() { s.words().held } else { "" })}</p>
            </div>
        </div>
    }
}
