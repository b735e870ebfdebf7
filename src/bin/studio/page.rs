//! The studio page: the pack's files, an editor for one of them, and the
//! pack checked as you type.

use std::time::Duration;

use leptos::prelude::*;
use policy_explainer::{default_pack, pack};

/// How long typing must pause before the pack is checked again.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// The outcome of checking the whole pack.
#[derive(Clone, Debug, PartialEq)]
enum Check {
    /// It loads: the number of policies.
    Passes(usize),
    /// Every problem, as `policy check` prints it (`file:line:col: message`).
    Problems(Vec<String>),
}

fn check(files: &[(String, String)]) -> Check {
    match pack::load(&pack::PackFiles::from_pairs(files.iter().cloned())) {
        Ok(pack) => Check::Passes(pack.policies.len()),
        Err(diagnostics) => Check::Problems(diagnostics.iter().map(ToString::to_string).collect()),
    }
}

/// The page's words, in Simplified Chinese or English.
struct Words {
    lang: &'static str,
    title: &'static str,
    intro: &'static str,
    other_lang: &'static str,
    other_lang_code: &'static str,
    files: &'static str,
    editing: &'static str,
    results: &'static str,
    checking: &'static str,
    not_stored: &'static str,
}

const ZH: Words = Words {
    lang: "zh-Hans",
    title: "政策包工作室",
    intro: "编辑内置政策包的文件，输入时自动检查整个政策包，提示与 policy check 命令完全相同。",
    other_lang: "English",
    other_lang_code: "en",
    files: "文件",
    editing: "编辑",
    results: "检查结果",
    checking: "检查中…",
    not_stored: "修改只保存在本页面中，不会存储或发送到任何地方；刷新页面即恢复内置政策包。",
};

const EN: Words = Words {
    lang: "en",
    title: "Pack studio",
    intro: "Edit the built-in pack's files; the whole pack is checked as you type, with the same messages as the policy check command.",
    other_lang: "中文",
    other_lang_code: "zh-Hans",
    files: "Files",
    editing: "Editing",
    results: "Check",
    checking: "Checking…",
    not_stored: "Changes stay in this page: nothing is stored or sent anywhere, and a reload starts again from the built-in pack.",
};

fn summary(en: bool, check: &Check) -> String {
    match (en, check) {
        (false, Check::Passes(n)) => format!("没有问题：{n} 条政策"),
        (true, Check::Passes(n)) => format!("No problems: {n} {}", if *n == 1 { "policy" } else { "policies" }),
        (false, Check::Problems(p)) => format!("发现 {} 个问题", p.len()),
        (true, Check::Problems(p)) => format!("{} problem{} found", p.len(), if p.len() == 1 { "" } else { "s" }),
    }
}

pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("studio: {info}").into());
    }));
    if let Some(app) = document().get_element_by_id("app") {
        app.set_inner_html("");
        let app: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(app);
        leptos::mount::mount_to(app, Studio).forget();
    }
}

#[component]
fn Studio() -> impl IntoView {
    let initial: Vec<(String, String)> = default_pack::source_files().iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
    let first_check = check(&initial);
    let files = RwSignal::new(initial);
    let selected = RwSignal::new(files.with_untracked(|f| f.iter().position(|(p, _)| p.starts_with("rules/")).unwrap_or(0)));
    let result = RwSignal::new(first_check);
    let pending = RwSignal::new(false);
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let en = RwSignal::new(false);
    let words = move || if en.get() { &EN } else { &ZH };

    Effect::new(move |_| {
        let w = words();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", w.lang);
        }
        document().set_title(w.title);
    });

    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let at = selected.get_untracked();
        files.update(|f| f[at].1 = text);
        pending.set(true);
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                timer.set_value(None);
                result.set(files.with_untracked(|f| check(f)));
                pending.set(false);
            },
            DEBOUNCE,
        )
        .ok();
        timer.set_value(handle);
    };

    // The editor shows the chosen file; typing never resets it (the value is
    // set only when another file is chosen).
    let editor_text = move || {
        let at = selected.get();
        files.with_untracked(|f| f[at].1.clone())
    };
    let file_list = move || {
        files
            .with(|f| f.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>())
            .into_iter()
            .enumerate()
            .map(|(i, path)| {
                let label = path.clone();
                view! {
                    <li>
                        <button type="button" class="file" data-path=path.clone() aria-current=move || (selected.get() == i).then_some("true") on:click=move |_| selected.set(i)>
                            {label}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let selected_path = move || files.with(|f| f[selected.get()].0.clone());

    view! {
        <header class="studio-head">
            <h1>{move || words().title}</h1>
            <button type="button" class="lang" lang=move || words().other_lang_code on:click=move |_| en.update(|e| *e = !*e)>
                {move || words().other_lang}
            </button>
        </header>
        <p>{move || words().intro}</p>
        <p class="note">{move || words().not_stored}</p>
        <div class="studio">
            <nav aria-labelledby="files-heading">
                <h2 id="files-heading">{move || words().files}</h2>
                <ul class="files">{file_list}</ul>
            </nav>
            <div class="edit">
                <label for="editor">{move || words().editing}" "<code>{selected_path}</code></label>
                <textarea id="editor" data-testid="editor" spellcheck="false" autocomplete="off" wrap="off" rows="24" prop:value=editor_text on:input=on_input></textarea>
            </div>
        </div>
        <section aria-labelledby="check-heading">
            <h2 id="check-heading">{move || words().results}</h2>
            <div aria-live="polite">
                <p data-testid="check-status" data-state=move || if pending.get() { "checking" } else { match result.get() { Check::Passes(_) => "ok", Check::Problems(_) => "problems" } }>
                    {move || if pending.get() { words().checking.to_string() } else { result.with(|r| summary(en.get(), r)) }}
                </p>
            </div>
            <ul class="diagnostics" data-testid="diagnostics">
                {move || match result.get() {
                    Check::Passes(_) => Vec::new(),
                    Check::Problems(lines) => lines,
                }
                    .into_iter()
                    .map(|line| view! { <li><code>{line}</code></li> })
                    .collect_view()}
            </ul>
        </section>
    }
}
