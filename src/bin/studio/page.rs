//! The studio page: the pack's files, an editor for one of them, the pack
//! checked as you type, drafts kept in this browser's localStorage, and the
//! pack's test cases run on demand.

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
    /// Every problem, as `policy check` prints it, with where it is.
    Problems(Vec<Problem>),
}

/// One problem: `policy check`'s line (`file:line:col: message`) and the
/// place it points at, for putting the cursor there.
#[derive(Clone, Debug, PartialEq)]
struct Problem {
    text: String,
    file: String,
    /// In the file's text as checked, in a textarea's selection units.
    offset: u32,
}

fn check(files: &[(String, String)]) -> Check {
    match pack::load(&pack::PackFiles::from_pairs(files.iter().cloned())) {
        Ok(pack) => Check::Passes(pack.policies.len()),
        Err(diagnostics) => Check::Problems(
            diagnostics
                .iter()
                .map(|d| {
                    let text = files.iter().find(|(p, _)| *p == d.file).map_or("", |(_, t)| t.as_str());
                    Problem { text: d.to_string(), file: d.file.clone(), offset: u32::try_from(d.utf16_offset_in(text)).unwrap_or(u32::MAX) }
                })
                .collect(),
        ),
    }
}

/// One failing test case: where it is, its name, and what differed.
#[derive(Clone, Debug, PartialEq)]
struct Failure {
    /// `tests/x.toml:LINE:COL`.
    location: String,
    name: String,
    differences: Vec<String>,
}

/// The outcome of running the pack's test cases.
#[derive(Clone, Debug, PartialEq)]
enum TestRun {
    /// The pack does not check: the number of problems.
    CannotRun(usize),
    /// A case file does not read, or a case names what the pack lacks: every
    /// problem, as `policy test` prints it.
    CaseProblems(Vec<String>),
    /// The cases ran.
    Ran { passed: usize, failures: Vec<Failure> },
}

fn run_tests(files: &[(String, String)]) -> TestRun {
    let files = pack::PackFiles::from_pairs(files.iter().cloned());
    let pack = match pack::load(&files) {
        Ok(pack) => pack,
        Err(diagnostics) => return TestRun::CannotRun(diagnostics.len()),
    };
    match pack::run_cases(&pack, &files) {
        Ok(outcomes) => {
            let passed = outcomes.iter().filter(|o| o.passed()).count();
            let failures = outcomes
                .into_iter()
                .filter(|o| !o.passed())
                .map(|o| Failure { location: format!("{}:{}:{}", o.location.file, o.location.line, o.location.col), name: o.name, differences: o.failures })
                .collect();
            TestRun::Ran { passed, failures }
        }
        Err(diagnostics) => TestRun::CaseProblems(diagnostics.iter().map(ToString::to_string).collect()),
    }
}

/// Drafts live in this browser's localStorage only, one entry per edited
/// file: `policy-studio-draft:<pack id>:<path>`. A file back to its built-in
/// text has no entry.
const DRAFT_PREFIX: &str = "policy-studio-draft:";

fn draft_key(pack_id: &str, path: &str) -> String {
    format!("{DRAFT_PREFIX}{pack_id}:{path}")
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The built-in files with this browser's drafts over them.
fn restore_drafts(pack_id: &str, builtin: &[(String, String)]) -> Vec<(String, String)> {
    let store = storage();
    builtin
        .iter()
        .map(|(path, text)| {
            let draft = store.as_ref().and_then(|s| s.get_item(&draft_key(pack_id, path)).ok().flatten());
            (path.clone(), draft.unwrap_or_else(|| text.clone()))
        })
        .collect()
}

/// Stores every edited file and forgets every file back to its built-in
/// text. False when the browser refuses (storage disabled or full).
fn save_drafts(pack_id: &str, builtin: &[(String, String)], files: &[(String, String)]) -> bool {
    let Some(store) = storage() else { return false };
    let mut ok = true;
    for ((path, original), (_, text)) in builtin.iter().zip(files) {
        let key = draft_key(pack_id, path);
        let done = if text == original { store.remove_item(&key) } else { store.set_item(&key, text) };
        ok &= done.is_ok();
    }
    ok
}

/// Forgets every draft of this pack, including files no longer built in.
fn clear_drafts(pack_id: &str) {
    let Some(store) = storage() else { return };
    let prefix = draft_key(pack_id, "");
    let keys: Vec<String> = (0..store.length().unwrap_or(0)).filter_map(|i| store.key(i).ok().flatten()).filter(|k| k.starts_with(&prefix)).collect();
    for key in keys {
        let _ = store.remove_item(&key);
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
    edited: &'static str,
    drafts: &'static str,
    drafts_detail: &'static str,
    discard: &'static str,
    discard_question: &'static str,
    discard_yes: &'static str,
    discard_no: &'static str,
    discarded: &'static str,
    not_saved: &'static str,
    tests: &'static str,
    run_tests: &'static str,
    stale: &'static str,
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
    not_stored: "修改作为草稿只保存在本浏览器中（localStorage），不会发送到任何地方。",
    edited: "已修改",
    drafts: "有未发布的草稿",
    drafts_detail: "标为“已修改”的文件是你的草稿：保存在本浏览器中，刷新后仍在，尚未发布。",
    discard: "放弃草稿",
    discard_question: "放弃所有草稿，恢复内置文件？此操作无法撤销。",
    discard_yes: "是，放弃草稿",
    discard_no: "取消，保留草稿",
    discarded: "已放弃草稿，已恢复内置文件。",
    not_saved: "本浏览器无法保存草稿：刷新页面将丢失修改。",
    tests: "测试用例",
    run_tests: "运行测试",
    stale: "文件在这次运行后又有修改，请重新运行。",
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
    not_stored: "Edits are kept as drafts in this browser only (localStorage); nothing is sent anywhere.",
    edited: "edited",
    drafts: "You have unpublished drafts",
    drafts_detail: "The files marked \u{201c}edited\u{201d} are your drafts: kept in this browser, they survive a reload, and are not published.",
    discard: "Discard draft",
    discard_question: "Discard every draft and restore the built-in files? This cannot be undone.",
    discard_yes: "Yes, discard drafts",
    discard_no: "Cancel, keep drafts",
    discarded: "Drafts discarded: the built-in files are back.",
    not_saved: "This browser cannot keep drafts: a reload will lose your edits.",
    tests: "Test cases",
    run_tests: "Run tests",
    stale: "Files have changed since this run; run the tests again.",
};

fn summary(en: bool, check: &Check) -> String {
    match (en, check) {
        (false, Check::Passes(n)) => format!("没有问题：{n} 条政策"),
        (true, Check::Passes(n)) => format!("No problems: {n} {}", if *n == 1 { "policy" } else { "policies" }),
        (false, Check::Problems(p)) => format!("发现 {} 个问题", p.len()),
        (true, Check::Problems(p)) => format!("{} problem{} found", p.len(), if p.len() == 1 { "" } else { "s" }),
    }
}

fn test_summary(en: bool, run: &TestRun) -> String {
    match (en, run) {
        (false, TestRun::CannotRun(n)) => format!("政策包有 {n} 个问题，修正后才能运行测试。"),
        (true, TestRun::CannotRun(n)) => format!("Tests cannot run until the pack's {n} problem{} fixed.", if *n == 1 { " is" } else { "s are" }),
        (false, TestRun::CaseProblems(p)) => format!("测试文件有 {} 个问题，无法运行：", p.len()),
        (true, TestRun::CaseProblems(p)) => format!("The test files have {} problem{}; the tests cannot run:", p.len(), if p.len() == 1 { "" } else { "s" }),
        (false, TestRun::Ran { passed, failures }) => format!("{passed} 个通过，{} 个失败", failures.len()),
        (true, TestRun::Ran { passed, failures }) => format!("{passed} passed, {} failed", failures.len()),
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
    let builtin: Vec<(String, String)> = default_pack::source_files().iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
    let pack_id = pack::load(&pack::PackFiles::from_pairs(builtin.iter().cloned())).map_or_else(|_| "default".to_string(), |p| p.id);
    let initial = restore_drafts(&pack_id, &builtin);
    let first_check = check(&initial);
    let builtin = StoredValue::new(builtin);
    let pack_id = StoredValue::new(pack_id);
    let files = RwSignal::new(initial);
    // Bumped when the files change other than by typing (a discard), so the
    // editor shows the new text.
    let reset = RwSignal::new(0u32);
    // Bumped by every edit, to tell a test run from the files it ran on.
    let edits = RwSignal::new(0u32);
    let saved = RwSignal::new(true);
    let confirming = RwSignal::new(false);
    let discarded = RwSignal::new(false);
    let tests: RwSignal<Option<(u32, TestRun)>> = RwSignal::new(None);
    let edited = move |i: usize| builtin.with_value(|b| files.with(|f| f[i].1 != b[i].1));
    let has_drafts = Memo::new(move |_| builtin.with_value(|b| files.with(|f| f.iter().zip(b).any(|(a, b)| a.1 != b.1))));
    let discard_ref: NodeRef<leptos::html::Button> = NodeRef::new();
    let confirm_ref: NodeRef<leptos::html::Button> = NodeRef::new();
    let editor_ref: NodeRef<leptos::html::Textarea> = NodeRef::new();
    // The confirmation takes focus when it appears.
    Effect::new(move |_| {
        if let Some(button) = confirm_ref.get() {
            let _ = button.focus();
        }
    });
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
        edits.update(|n| *n += 1);
        discarded.set(false);
        pending.set(true);
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                timer.set_value(None);
                saved.set(files.with_untracked(|f| pack_id.with_value(|id| builtin.with_value(|b| save_drafts(id, b, f)))));
                result.set(files.with_untracked(|f| check(f)));
                pending.set(false);
            },
            DEBOUNCE,
        )
        .ok();
        timer.set_value(handle);
    };

    // A problem's button: open its file and put the cursor on the spot.
    let go_to = move |file: &str, offset: u32| {
        let Some(i) = files.with_untracked(|f| f.iter().position(|(p, _)| p == file)) else { return };
        selected.set(i);
        // After the editor shows that file.
        request_animation_frame(move || {
            if let Some(editor) = editor_ref.get_untracked() {
                let _ = editor.focus();
                let _ = editor.set_selection_range(offset, offset);
            }
        });
    };
    // The editor shows the chosen file; typing never resets it (the value is
    // set only when another file is chosen).
    let editor_text = move || {
        reset.track();
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
                let is_edited = edited(i);
                view! {
                    <li>
                        <button type="button" class="file" data-path=path.clone() data-edited=is_edited.then_some("true") aria-current=move || (selected.get() == i).then_some("true") on:click=move |_| selected.set(i)>
                            {label}
                            {is_edited.then(|| view! { " " <span class="edited">"("{move || words().edited}")"</span> })}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let selected_path = move || files.with(|f| f[selected.get()].0.clone());

    let discard = move |_| {
        if let Some(handle) = timer.get_value() {
            handle.clear();
            timer.set_value(None);
        }
        pack_id.with_value(|id| clear_drafts(id));
        let original = builtin.get_value();
        result.set(check(&original));
        files.set(original);
        pending.set(false);
        saved.set(true);
        edits.update(|n| *n += 1);
        reset.update(|n| *n += 1);
        confirming.set(false);
        discarded.set(true);
        if let Some(editor) = editor_ref.get_untracked() {
            let _ = editor.focus();
        }
    };
    let cancel = move |_| {
        confirming.set(false);
        request_animation_frame(move || {
            if let Some(button) = discard_ref.get_untracked() {
                let _ = button.focus();
            }
        });
    };
    let on_run_tests = move |_| {
        let run = files.with_untracked(|f| run_tests(f));
        tests.set(Some((edits.get_untracked(), run)));
    };
    let drafts_notice = move || {
        has_drafts.get().then(|| {
            view! {
                <section class="drafts" data-testid="drafts" aria-labelledby="drafts-heading">
                    <h2 id="drafts-heading">{move || words().drafts}</h2>
                    <p>{move || words().drafts_detail}</p>
                    {move || if confirming.get() {
                        view! {
                            <div role="group" aria-labelledby="discard-question" class="confirm">
                                <p id="discard-question">{move || words().discard_question}</p>
                                <button type="button" class="danger" data-testid="discard-confirm" node_ref=confirm_ref on:click=discard>{move || words().discard_yes}</button>
                                " "
                                <button type="button" data-testid="discard-cancel" on:click=cancel>{move || words().discard_no}</button>
                            </div>
                        }
                        .into_any()
                    } else {
                        view! { <button type="button" data-testid="discard" node_ref=discard_ref on:click=move |_| confirming.set(true)>{move || words().discard}</button> }.into_any()
                    }}
                </section>
            }
        })
    };
    let test_status = move || {
        tests.with(|t| match t {
            None => ("none", String::new()),
            Some((_, run)) => (
                match run {
                    TestRun::Ran { failures, .. } if failures.is_empty() => "passed",
                    TestRun::Ran { .. } => "failed",
                    _ => "cannot-run",
                },
                test_summary(en.get(), run),
            ),
        })
    };
    let test_details = move || {
        tests.with(|t| match t {
            Some((_, TestRun::Ran { failures, .. })) => failures
                .iter()
                .map(|f| {
                    let differences = f.differences.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view();
                    view! {
                        <li data-testid="test-failure">
                            <code>{f.location.clone()}</code>" "<span class="case-name">{f.name.clone()}</span>
                            <ul>{differences}</ul>
                        </li>
                    }
                    .into_any()
                })
                .collect::<Vec<_>>(),
            Some((_, TestRun::CaseProblems(lines))) => lines.iter().map(|l| view! { <li><code>{l.clone()}</code></li> }.into_any()).collect(),
            _ => Vec::new(),
        })
    };

    view! {
        <header class="studio-head">
            <h1>{move || words().title}</h1>
            <button type="button" class="lang" lang=move || words().other_lang_code on:click=move |_| en.update(|e| *e = !*e)>
                {move || words().other_lang}
            </button>
        </header>
        <p>{move || words().intro}</p>
        <p class="note">{move || words().not_stored}</p>
        {drafts_notice}
        <div role="status" class="note" data-testid="drafts-status">
            {move || (!saved.get()).then(|| words().not_saved)}
            {move || discarded.get().then(|| words().discarded)}
        </div>
        <div class="studio">
            <nav aria-labelledby="files-heading">
                <h2 id="files-heading">{move || words().files}</h2>
                <ul class="files">{file_list}</ul>
            </nav>
            <div class="edit">
                <label for="editor">{move || words().editing}" "<code>{selected_path}</code></label>
                <textarea id="editor" node_ref=editor_ref data-testid="editor" spellcheck="false" autocomplete="off" wrap="off" rows="24" prop:value=editor_text on:input=on_input></textarea>
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
                    Check::Problems(problems) => problems,
                }
                    .into_iter()
                    .map(|p| {
                        let Problem { text, file, offset } = p;
                        view! {
                            <li><button type="button" class="diagnostic" data-testid="diagnostic" on:click=move |_| go_to(&file, offset)><code>{text}</code></button></li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section aria-labelledby="tests-heading">
            <h2 id="tests-heading">{move || words().tests}</h2>
            <button type="button" data-testid="run-tests" on:click=on_run_tests>{move || words().run_tests}</button>
            <div role="status">
                <p data-testid="test-status" data-state=move || test_status().0>{move || test_status().1}</p>
                <p class="note">{move || tests.with(|t| t.as_ref().is_some_and(|(at, _)| *at != edits.get())).then(|| words().stale)}</p>
            </div>
            <ul class="test-failures" data-testid="test-failures">{test_details}</ul>
        </section>
    }
}
