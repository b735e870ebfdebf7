//! The studio page: where the pack came from, its files, an editor for one
//! of them, the pack checked as you type, drafts kept in this browser, the
//! pack's test cases run on demand, a preview, a comparison with the pack as
//! opened, and publishing. Each section is its own module; this one holds
//! the state they share and lays them out.

use std::time::Duration;

use leptos::prelude::*;
use policy_explainer::default_pack;
use policy_explainer::engine::Pack;

use crate::checks::{run_tests, Check, Sources, TestRun};
use crate::drafts::{self, Origin};
use crate::words::{summary, test_summary, words, Say, Words};
use crate::{editor, opening, preview, publish, web};

/// How long typing must pause before the pack is checked again.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// The built-in pack's files as staff wrote them, tests included.
fn builtin() -> Origin {
    Origin { name: None, files: default_pack::source_files().iter().map(|(p, t)| (p.to_string(), t.to_string())).collect() }
}

/// Everything the sections share. Signals are `Copy`, and so is this.
#[derive(Clone, Copy)]
pub struct Workspace {
    /// The pack as opened: drafts are its files' edits, the comparison's "before".
    pub origin: RwSignal<Origin>,
    /// The origin's pack, when it checks (for the comparison).
    pub origin_pack: RwSignal<Option<Pack>>,
    /// The id drafts are kept under: the origin's pack id.
    pub pack_id: RwSignal<String>,
    pub files: RwSignal<Vec<(String, String)>>,
    /// Each file's path and how it differs from the pack as opened: changes
    /// only when a file becomes edited, new or the same again, not on every
    /// keystroke, so the list is not redrawn as you type.
    marks: Memo<Vec<(String, Change)>>,
    /// Whether the files differ from the pack as opened at all.
    drafted: Memo<bool>,
    pub selected: RwSignal<usize>,
    /// Bumped when the files change other than by typing, so the editor shows them.
    pub reset: RwSignal<u32>,
    /// Bumped by every change, to tell a result from the files it was made from.
    pub edits: RwSignal<u32>,
    pub result: RwSignal<Check>,
    /// The edited pack as last checked without problems.
    pub good: RwSignal<Option<Pack>>,
    pub pending: RwSignal<bool>,
    /// What the drafts status line says (saved, not saved, discarded).
    pub status: RwSignal<Option<Say>>,
    /// Files whose draft was made from an older version of the file.
    pub outdated: RwSignal<Vec<String>>,
    pub en: RwSignal<bool>,
    /// The source documents chosen for checking quotes, and their folder's name.
    pub sources: RwSignal<Option<(String, Sources)>>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Workspace {
    pub fn words(self) -> &'static Words {
        words(self.en.get())
    }

    /// Checks files as the page does: quotes too once sources are chosen.
    pub fn check(self, files: &[(String, String)]) -> (Check, Option<Pack>) {
        self.sources.with_untracked(|s| crate::checks::check(files, s.as_ref().map(|(_, docs)| docs)))
    }

    /// Puts a (possibly newer) origin in place, with this browser's drafts over it.
    fn open(self, mut origin: Origin) {
        origin.files.sort_by(|a, b| a.0.cmp(&b.0));
        // The origin is compared against as it is, quotes or not.
        let origin_check = crate::checks::check(&origin.files, None);
        let id = origin_check.1.as_ref().map_or_else(|| origin.name.clone().unwrap_or_else(|| "pack".into()), |p| p.id.clone());
        let (files, outdated) = drafts::restore(&id, &origin.files);
        // With no drafts and no sources, the files are the origin: checked once.
        let (result, good) = if files == origin.files && self.sources.with_untracked(Option::is_none) { origin_check.clone() } else { self.check(&files) };
        self.pack_id.set(id);
        self.origin_pack.set(origin_check.1);
        self.origin.set(origin);
        self.files.set(files);
        self.select("");
        self.outdated.set(outdated);
        self.result.set(result);
        self.good.set(good);
        self.changed();
    }

    /// Marks a change that was not typed in the editor.
    fn changed(self) {
        self.edits.update(|n| *n += 1);
        self.reset.update(|n| *n += 1);
    }

    /// Keeps the drafts in this browser; says so when the browser refuses.
    fn save(self) {
        let saved = self.files.with_untracked(|f| self.origin.with_untracked(|o| self.pack_id.with_untracked(|id| drafts::save(id, &o.files, f))));
        if !saved {
            self.status.set(Some(|w| w.not_saved));
        }
    }

    /// Saves the drafts and checks the pack now.
    pub fn flush(self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
        self.save();
        let (result, good) = self.files.with_untracked(|f| self.check(f));
        self.result.set(result);
        if good.is_some() {
            self.good.set(good);
        }
        self.pending.set(false);
    }

    /// Replaces one file's text, as typing does: kept at once (a reload or
    /// a closed tab loses nothing), checked after a pause.
    pub fn edit(self, at: usize, text: String) {
        let Some(path) = self.files.with_untracked(|f| f.get(at).map(|(p, _)| p.clone())) else { return };
        let saved = self.origin.with_untracked(|o| self.pack_id.with_untracked(|id| drafts::save_file(id, &o.files, &path, &text)));
        self.files.update(|f| f[at].1 = text);
        self.edits.update(|n| *n += 1);
        self.status.set((!saved).then_some(|w: &Words| w.not_saved));
        self.pending.set(true);
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        self.timer.set_value(set_timeout_with_handle(move || self.flush(), DEBOUNCE).ok());
    }

    /// Opens the file at `path` in the editor, or else the first policy file.
    pub fn select(self, path: &str) {
        let at =
            self.files.with_untracked(|f| f.iter().position(|(p, _)| p == path).or_else(|| f.iter().position(|(p, _)| p.starts_with("rules/"))).unwrap_or(0));
        self.selected.set(at);
    }

    /// Replaces one file's text at once (publishing's version bump).
    pub fn replace(self, path: &str, text: String) {
        let Some(at) = self.files.with_untracked(|f| f.iter().position(|(p, _)| p == path)) else { return };
        self.files.update(|f| f[at].1 = text);
        self.changed();
        self.flush();
    }

    pub fn has_drafts(self) -> bool {
        self.drafted.get()
    }

    /// The files of the pack as opened that are no longer in it.
    fn removed(self) -> Vec<String> {
        self.origin.with(|o| self.files.with(|f| o.files.iter().filter(|(p, _)| !f.iter().any(|(q, _)| q == p)).map(|(p, _)| p.clone()).collect()))
    }

    /// Adds a file (kept in path order) and opens it.
    fn add(self, path: String, text: String) {
        self.files.update(|f| {
            f.push((path.clone(), text));
            f.sort_by(|a, b| a.0.cmp(&b.0));
        });
        self.select(&path);
        self.changed();
        self.flush();
    }

    /// Removes file `i` from the pack, and opens the first policy file.
    fn remove(self, i: usize) {
        self.files.update(|f| drop(f.remove(i)));
        self.select("");
        self.changed();
        self.flush();
    }
}

/// Each file's path and how it differs from the file of that path as opened.
fn marks(origin: &[(String, String)], files: &[(String, String)]) -> Vec<(String, Change)> {
    files
        .iter()
        .map(|(path, text)| {
            let change = match origin.iter().find(|(p, _)| p == path) {
                None => Change::New,
                Some((_, before)) if before != text => Change::Edited,
                Some(_) => Change::Same,
            };
            (path.clone(), change)
        })
        .collect()
}

/// How a file differs from the pack as opened.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Change {
    Same,
    Edited,
    New,
}

pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("studio: {info}").into());
        if let Some(fatal) = document().get_element_by_id("fatal") {
            fatal.set_text_content(Some(&format!(
                "工作室出错，请刷新页面；草稿保存在本浏览器中。The studio failed; reload the page: your drafts are kept in this browser. ({info})"
            )));
            let _ = fatal.remove_attribute("hidden");
        }
    }));
    if let Some(app) = document().get_element_by_id("app") {
        app.set_inner_html("");
        let app: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(app);
        leptos::mount::mount_to(app, Studio).forget();
    }
}

#[component]
fn Studio() -> impl IntoView {
    let origin = RwSignal::new(Origin { name: None, files: Vec::new() });
    let files: RwSignal<Vec<(String, String)>> = RwSignal::new(Vec::new());
    let ws = Workspace {
        origin,
        origin_pack: RwSignal::new(None),
        pack_id: RwSignal::new(String::new()),
        files,
        marks: Memo::new(move |_| origin.with(|o| files.with(|f| marks(&o.files, f)))),
        // Both lists are sorted by path.
        drafted: Memo::new(move |_| origin.with(|o| files.with(|f| o.files != *f))),
        selected: RwSignal::new(0),
        reset: RwSignal::new(0),
        edits: RwSignal::new(0),
        result: RwSignal::new(Check::Passes(0)),
        good: RwSignal::new(None),
        pending: RwSignal::new(false),
        status: RwSignal::new(None),
        outdated: RwSignal::new(Vec::new()),
        en: RwSignal::new(false),
        sources: RwSignal::new(None),
        timer: StoredValue::new(None),
    };
    ws.open(drafts::opened_origin().unwrap_or_else(builtin));
    provide_context(ws);

    Effect::new(move |_| {
        let w = ws.words();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", w.lang);
        }
        document().set_title(w.title);
    });

    view! {
        <header class="studio-head">
            <h1>{move || ws.words().title}</h1>
            <button type="button" class="lang" lang=move || ws.words().other_lang_code on:click=move |_| ws.en.update(|e| *e = !*e)>
                {move || ws.words().other_lang}
            </button>
        </header>
        <p>{move || ws.words().intro}</p>
        <p class="note">{move || ws.words().not_stored}</p>
        <Guide />
        <OpenPack />
        <DraftsNotice />
        <div role="status" class="note" data-testid="drafts-status">
            {move || ws.status.get().map(|say| say(ws.words()))}
        </div>
        <div class="studio">
            <FileList />
            <editor::Editor />
        </div>
        <CheckResults />
        <TestCases />
        <preview::Preview />
        <publish::Compare />
        <publish::Publish />
    }
}

/// The short writing guide, from policies/README.md (see build.rs).
#[component]
fn Guide() -> impl IntoView {
    let ws: Workspace = expect_context();
    const GUIDE: &str = include_str!(concat!(env!("OUT_DIR"), "/studio_guide.html"));
    view! {
        <details class="guide" data-testid="guide">
            <summary>{move || ws.words().guide}</summary>
            <p class="note">{move || ws.words().guide_note}</p>
            <div lang="en" inner_html=GUIDE></div>
        </details>
    }
}

/// Where the pack came from, and opening another: the built-in pack, a
/// folder, a zip or a bundle, chosen or dropped.
#[component]
fn OpenPack() -> impl IntoView {
    let ws: Workspace = expect_context();
    let problem = RwSignal::new(None::<String>);
    let folder_ref: NodeRef<leptos::html::Input> = NodeRef::new();
    let file_ref: NodeRef<leptos::html::Input> = NodeRef::new();
    // Opening replaces the drafts, so it asks first when there are any.
    let may_replace = move || !ws.has_drafts() || window().confirm_with_message(ws.words().open_replaces_drafts).unwrap_or(false);
    // Opening another pack: its drafts replace the old pack's, and it is
    // remembered for the next visit when the browser lets us.
    let open_origin = move |origin: Origin| {
        ws.pack_id.with_untracked(|id| drafts::clear(id));
        let kept = drafts::keep_origin(&origin);
        problem.set((!kept).then(|| ws.words().origin_not_kept.to_string()));
        ws.open(origin);
    };
    let take = move |picked: web::Picking| match picked.and_then(|p| p.map(opening::pack_from).transpose()) {
        Ok(None) => {}
        Ok(Some((name, files))) => open_origin(Origin { name: Some(name), files }),
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
    let open_builtin = move |_| {
        if may_replace() {
            open_origin(builtin());
        }
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
    let shown_name = move || ws.origin.with(|o| o.name.clone()).unwrap_or_else(|| ws.words().builtin.to_string());
    view! {
        <section class="open" aria-labelledby="open-heading" data-testid="open" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <h2 id="open-heading">{move || ws.words().open}</h2>
            <p data-testid="opened">{move || ws.words().opened}<strong>{shown_name}</strong>
                {move || ws.origin_pack.with(|p| p.as_ref().map(|p| format!(" ({} {})", p.id, p.version)))}
            </p>
            <div class="actions">
                <button type="button" data-testid="open-builtin" on:click=open_builtin>{move || ws.words().open_builtin}</button>
                <button type="button" data-testid="open-folder" on:click=open_folder>{move || ws.words().open_folder}</button>
                <button type="button" data-testid="open-file" on:click=move |_| if let Some(i) = file_ref.get_untracked() { i.click() }>{move || ws.words().open_file}</button>
            </div>
            <input type="file" hidden data-testid="folder-input" node_ref=folder_ref multiple on:change=on_files />
            <input type="file" hidden data-testid="file-input" node_ref=file_ref accept=".bin,.zip" on:change=on_files />
            <p class="note">{move || ws.words().drop_here}</p>
            <p role="alert" class="problem" data-testid="open-problem">{move || problem.get()}</p>
        </section>
    }
}

#[component]
fn DraftsNotice() -> impl IntoView {
    let ws: Workspace = expect_context();
    let confirming = RwSignal::new(false);
    let discard_ref: NodeRef<leptos::html::Button> = NodeRef::new();
    let confirm_ref: NodeRef<leptos::html::Button> = NodeRef::new();
    // The confirmation takes focus when it appears.
    Effect::new(move |_| {
        if let Some(button) = confirm_ref.get() {
            let _ = button.focus();
        }
    });
    let discard = move |_| {
        ws.pack_id.with_untracked(|id| drafts::clear(id));
        let open = ws.files.with_untracked(|f| f.get(ws.selected.get_untracked()).map(|(p, _)| p.clone())).unwrap_or_default();
        ws.files.set(ws.origin.get_untracked().files);
        // The same file stays open, if the pack as opened has it.
        ws.select(&open);
        ws.outdated.set(Vec::new());
        ws.changed();
        ws.flush();
        confirming.set(false);
        ws.status.set(Some(|w| w.discarded));
        editor::focus();
    };
    let cancel = move |_| {
        confirming.set(false);
        focus_soon(discard_ref);
    };
    move || {
        ws.has_drafts().then(|| {
            view! {
                <section class="drafts" data-testid="drafts" aria-labelledby="drafts-heading">
                    <h2 id="drafts-heading">{move || ws.words().drafts}</h2>
                    <p>{move || ws.words().drafts_detail}</p>
                    {move || {
                        let removed = ws.removed();
                        (!removed.is_empty()).then(|| view! {
                            <p data-testid="removed">{move || ws.words().removed}" "<code>{removed.join(", ")}</code></p>
                        })
                    }}
                    {move || {
                        let outdated = ws.outdated.get();
                        (!outdated.is_empty()).then(|| view! {
                            <p data-testid="outdated">{move || ws.words().outdated}" "<code>{outdated.join(", ")}</code></p>
                        })
                    }}
                    {move || if confirming.get() {
                        view! {
                            <div role="group" aria-labelledby="discard-question" class="confirm">
                                <p id="discard-question">{move || ws.words().discard_question}</p>
                                <button type="button" class="danger" data-testid="discard-confirm" node_ref=confirm_ref on:click=discard>{move || ws.words().discard_yes}</button>
                                " "
                                <button type="button" data-testid="discard-cancel" on:click=cancel>{move || ws.words().discard_no}</button>
                            </div>
                        }
                        .into_any()
                    } else {
                        view! { <button type="button" data-testid="discard" node_ref=discard_ref on:click=move |_| confirming.set(true)>{move || ws.words().discard}</button> }.into_any()
                    }}
                </section>
            }
        })
    }
}

/// The pack's files: each a button that opens it (marked when edited or
/// new), and adding a rule or test file or removing the open one.
#[component]
fn FileList() -> impl IntoView {
    let ws: Workspace = expect_context();
    let adding = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let new_ref: NodeRef<leptos::html::Button> = NodeRef::new();
    let path_ref: NodeRef<leptos::html::Input> = NodeRef::new();
    let items = move || {
        ws.marks
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (path, change))| {
                let label = path.clone();
                let mark = move || match change {
                    Change::Same => None,
                    Change::Edited => Some(ws.words().edited),
                    Change::New => Some(ws.words().new_file_mark),
                };
                view! {
                    <li>
                        <button type="button" class="file" data-path=path data-edited=(change != Change::Same).then_some("true") aria-current=move || (ws.selected.get() == i).then_some("true") on:click=move |_| crate::editor::open(i)>
                            {label}
                            {move || mark().map(|m| view! { " " <span class="edited">"("{m}")"</span> })}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    Effect::new(move |_| {
        if let Some(input) = path_ref.get() {
            let _ = input.focus();
        }
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let path = path_ref.get_untracked().map(|i| i.value().trim().to_string()).unwrap_or_default();
        match ws.files.with_untracked(|f| new_file(&path, f)) {
            Ok(text) => {
                adding.set(false);
                problem.set(None);
                ws.add(path, text);
                crate::editor::focus();
            }
            Err(why) => problem.set(Some(why(ws.words()).to_string())),
        }
    };
    let removable = move || ws.files.with(|f| f.get(ws.selected.get()).is_some_and(|(p, _)| p.starts_with("rules/") || p.starts_with("tests/")));
    let remove = move |_| {
        let at = ws.selected.get_untracked();
        let Some(path) = ws.files.with_untracked(|f| f.get(at).map(|(p, _)| p.clone())) else { return };
        let question = crate::words::remove_question(ws.en.get_untracked(), &path);
        if window().confirm_with_message(&question).unwrap_or(false) {
            ws.remove(at);
            crate::editor::focus();
        }
    };
    view! {
        <nav aria-labelledby="files-heading">
            <h2 id="files-heading">{move || ws.words().files}</h2>
            <ul class="files">{items}</ul>
            <div class="actions">
                <button type="button" data-testid="new-file" node_ref=new_ref aria-expanded=move || adding.get().to_string() on:click=move |_| adding.update(|a| *a = !*a)>{move || ws.words().new_file}</button>
                <button type="button" data-testid="remove-file" disabled=move || !removable() on:click=remove>{move || ws.words().remove_file}</button>
            </div>
            {move || adding.get().then(|| view! {
                <form class="new-file" data-testid="new-file-form" on:submit=create>
                    <label for="new-path">{move || ws.words().new_file_path}</label>
                    <input id="new-path" type="text" node_ref=path_ref aria-describedby="new-path-note" spellcheck="false" autocomplete="off" placeholder="rules/qd-new-policy.toml" />
                    <p class="note" id="new-path-note">{move || ws.words().new_file_note}</p>
                    <p role="alert" class="problem">{move || problem.get()}</p>
                    <button type="submit">{move || ws.words().create}</button>
                    " "
                    <button type="button" on:click=move |_| {
                        adding.set(false);
                        focus_soon(new_ref);
                    }>{move || ws.words().release_no}</button>
                </form>
            })}
        </nav>
    }
}

/// A new file's first text, or why `path` cannot be one. A policy file
/// starts with its id only: the check then lists every field still to fill
/// in, so nothing is written for staff that the article did not say.
fn new_file(path: &str, files: &[(String, String)]) -> Result<String, Say> {
    let (folder, name) = path.split_once('/').ok_or((|w| w.new_file_bad) as Say)?;
    let id = name.strip_suffix(".toml").filter(|id| {
        let mut chars = id.chars();
        chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    });
    let Some(id) = id.filter(|_| folder == "rules" || folder == "tests") else { return Err(|w| w.new_file_bad) };
    if files.iter().any(|(p, _)| p == path) {
        return Err(|w| w.new_file_exists);
    }
    Ok(if folder == "rules" {
        format!("# {id}: fill in each field from the article (policies/README.md, section 5);\n# the check lists what is still missing.\n\nid = \"{id}\"\n")
    } else {
        "# Test cases (policies/README.md, section 9).\n".to_string()
    })
}

#[component]
fn CheckResults() -> impl IntoView {
    let ws: Workspace = expect_context();
    let state = move || {
        if ws.pending.get() {
            "checking"
        } else {
            ws.result.with(|r| match r {
                Check::Passes(_) => "ok",
                Check::Problems(_) => "problems",
            })
        }
    };
    let problems = move || {
        ws.result.with(|r| match r {
            Check::Passes(_) => Vec::new(),
            Check::Problems(problems) => problems.clone(),
        })
    };
    view! {
        <section aria-labelledby="check-heading">
            <h2 id="check-heading">{move || ws.words().results}</h2>
            <QuoteSources />
            <div aria-live="polite" aria-busy=move || ws.pending.get().to_string()>
                <p data-testid="check-status" data-state=state>
                    {move || if ws.pending.get() { ws.words().checking.to_string() } else { ws.result.with(|r| summary(ws.en.get(), r)) }}
                </p>
            </div>
            <ul class="diagnostics" data-testid="diagnostics">
                <For each=problems key=|p| (p.text.clone(), p.offset) let:problem>
                    <li>
                        <button type="button" class="diagnostic" data-testid="diagnostic" on:click=move |_| editor::go_to(&problem.file, problem.offset)>
                            <code>{problem.text.clone()}</code>
                        </button>
                    </li>
                </For>
            </ul>
        </section>
    }
}

/// The source documents for checking quotes verbatim, as `policy check
/// --sources DIR` does: a folder the user chooses, read in this page only
/// and kept only while it is open.
#[component]
fn QuoteSources() -> impl IntoView {
    let ws: Workspace = expect_context();
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    let problem = RwSignal::new(None::<String>);
    web::folder_input(input);
    let take = move |picked: web::Picking| match picked {
        Ok(None) => {}
        Ok(Some(picked)) => {
            let folder = web::top_folder(&picked);
            let docs: Sources = picked
                .into_iter()
                .filter(|(p, _)| p.ends_with(".txt"))
                .filter_map(|(p, bytes)| Some((p.rsplit('/').next()?.to_string(), String::from_utf8(bytes).ok()?)))
                .collect();
            if docs.is_empty() {
                problem.set(Some(format!("{folder}: no .txt source documents here")));
                return;
            }
            problem.set(None);
            ws.sources.set(Some((folder, docs)));
            ws.flush();
        }
        Err(e) => problem.set(Some(e)),
    };
    let on_files = move |ev: leptos::ev::Event| web::read_input(event_target(&ev), take);
    let choose = move |_| web::choose_folder(input, take);
    let state = move || {
        ws.sources.with(|s| match s {
            Some((folder, docs)) => crate::words::sources_loaded(ws.en.get(), folder, docs.len()),
            None => ws.words().sources_none.to_string(),
        })
    };
    view! {
        <div class="sources">
            <p data-testid="sources-state">{state}</p>
            <button type="button" data-testid="choose-sources" on:click=choose>{move || ws.words().choose_sources}</button>
            <input type="file" hidden multiple data-testid="sources-input" node_ref=input on:change=on_files />
            <p role="alert" class="problem">{move || problem.get()}</p>
        </div>
    }
}

#[component]
fn TestCases() -> impl IntoView {
    let ws: Workspace = expect_context();
    let tests: RwSignal<Option<(u32, TestRun)>> = RwSignal::new(None);
    let on_run = move |_| {
        ws.flush();
        let run = ws.files.with_untracked(|f| run_tests(f));
        tests.set(Some((ws.edits.get_untracked(), run)));
    };
    let status = move || {
        tests.with(|t| match t {
            None => ("none", String::new()),
            Some((_, run)) => (
                match run {
                    TestRun::Ran { failures, .. } if failures.is_empty() => "passed",
                    TestRun::Ran { .. } => "failed",
                    _ => "cannot-run",
                },
                test_summary(ws.en.get(), run),
            ),
        })
    };
    let details = move || {
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
        <section aria-labelledby="tests-heading">
            <h2 id="tests-heading">{move || ws.words().tests}</h2>
            <button type="button" data-testid="run-tests" on:click=on_run>{move || ws.words().run_tests}</button>
            <div role="status">
                <p data-testid="test-status" data-state=move || status().0>{move || status().1}</p>
                <p class="note">{move || tests.with(|t| t.as_ref().is_some_and(|(at, _)| *at != ws.edits.get())).then(|| ws.words().stale)}</p>
            </div>
            <ul class="test-failures" data-testid="test-failures">{details}</ul>
        </section>
    }
}

/// The pack the drafts are over, for the comparison and publishing.
pub fn origin_label(ws: Workspace) -> Option<(String, String)> {
    ws.origin_pack.with(|p| p.as_ref().map(|p| (p.version.clone(), p.rules_as_of.to_string())))
}

/// Whether the pack currently checks.
pub fn checks(ws: Workspace) -> bool {
    !ws.pending.get() && ws.result.with(|r| matches!(r, Check::Passes(_)))
}

/// Focuses a button once the page has been drawn (after a form that held
/// the focus is gone).
pub fn focus_soon(button: NodeRef<leptos::html::Button>) {
    request_animation_frame(move || {
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    });
}
