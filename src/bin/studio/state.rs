//! What the studio's sections share: the model of the open pack and its
//! drafts (model.rs) in a signal, the check's outcome, the language, and
//! the few steps that join them to storage. [`Studio`] is `Copy`, one
//! pointer to them, handed to every section. No section imports another,
//! nor the page that lays them out.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use policy_explainer::engine::{Lang, Pack};

use crate::checks::{check, Check, Sources};
use crate::drafts;
use crate::model::{Change, Origin, Save, Workspace};
use crate::words::{words, Say, Words};

/// How long typing must pause before the pack is checked again.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// The built-in pack, fetched from beside studio.html (see
/// scripts/build-studio.mjs) and opened as any zip is.
pub const BUILTIN_ZIP: &str = "studio-pack.zip";

/// The studio's shared state, made once and kept for the page's life:
/// sections hold a [`Studio`], one pointer to it, so that each of the
/// page's closures carries a word, not a copy of every signal.
#[derive(Clone, Copy)]
pub struct Studio(&'static Shared);

impl std::ops::Deref for Studio {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        self.0
    }
}

/// The signals and memos [`Studio`] points to.
pub struct Shared {
    /// The open pack and its drafts.
    pub ws: RwSignal<Workspace>,
    /// Whether a pack is open yet (the built-in one is fetched first), or
    /// why the built-in pack could not be.
    pub loaded: RwSignal<Result<bool, String>>,
    /// The origin's pack, when it checks (for the comparison). Packs are
    /// shared, never copied: the same one is often the origin and the good.
    pub origin_pack: RwSignal<Option<Arc<Pack>>>,
    pub lang: RwSignal<Lang>,
    pub result: RwSignal<Check>,
    /// The edited pack as last checked without problems.
    pub good: RwSignal<Option<Arc<Pack>>>,
    pub pending: RwSignal<bool>,
    /// Bumped by every change, to tell a result from the files it was made from.
    pub edits: RwSignal<u32>,
    /// What the drafts status line says (saved, discarded).
    pub status: RwSignal<Option<Say>>,
    /// The file whose draft storage refused, said at the editor.
    pub unsaved: RwSignal<Option<String>>,
    /// The source documents chosen for checking quotes, and their folder's name.
    pub sources: RwSignal<Option<(String, Sources)>>,
    /// Each file's path and mark: changes only when a file becomes edited,
    /// new or the same again, not on every keystroke.
    pub marks: Memo<Vec<(String, Change)>>,
    pub drafted: Memo<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Studio {
    pub fn new() -> Studio {
        let ws = RwSignal::new(Workspace::open(Origin { name: None, files: Default::default() }, String::new(), &[]));
        // The studio is one page: its state lives as long as the page does.
        Studio(Box::leak(Box::new(Shared {
            ws,
            loaded: RwSignal::new(Ok(false)),
            origin_pack: RwSignal::new(None),
            lang: RwSignal::new(Lang::Zh),
            result: RwSignal::new(Check::Passes(0)),
            good: RwSignal::new(None),
            pending: RwSignal::new(true),
            edits: RwSignal::new(0),
            status: RwSignal::new(None),
            unsaved: RwSignal::new(None),
            sources: RwSignal::new(None),
            marks: Memo::new(move |_| ws.with(Workspace::marks)),
            drafted: Memo::new(move |_| ws.with(Workspace::has_drafts)),
            timer: StoredValue::new(None),
        })))
    }

    pub fn words(self) -> &'static Words {
        words(self.lang.get())
    }

    /// Puts a (possibly newer) origin in place, with this browser's drafts
    /// over it, and checks it.
    pub fn open(self, origin: Origin) {
        // The origin is compared against as it is, quotes or not.
        let (origin_check, origin_pack) = check(&origin.files, None);
        let origin_pack = origin_pack.map(Arc::new);
        let id = origin_pack.as_ref().map_or_else(|| origin.name.clone().unwrap_or_else(|| "pack".into()), |p| p.id.clone());
        let ws = Workspace::open(origin, id.clone(), &drafts::stored(&id));
        // With no drafts and no sources, the files are the origin: checked once.
        let (result, good) =
            if !ws.has_drafts() && self.sources.with_untracked(Option::is_none) { (origin_check, origin_pack.clone()) } else { self.check_now(ws.files()) };
        self.origin_pack.set(origin_pack);
        self.ws.set(ws);
        self.result.set(result);
        self.good.set(good);
        self.pending.set(false);
        self.unsaved.set(None);
        self.loaded.set(Ok(true));
        self.edits.update(|n| *n += 1);
    }

    fn check_now(self, files: &policy_explainer::pack::PackFiles) -> (Check, Option<Arc<Pack>>) {
        let (result, pack) = self.sources.with_untracked(|s| check(files, s.as_ref().map(|(_, docs)| docs)));
        (result, pack.map(Arc::new))
    }

    /// Stores what a change touched, and says at the editor when the
    /// browser refuses (the text stays in the editor and the model).
    pub fn store(self, saves: &[Save]) -> bool {
        let id = self.ws.with_untracked(|w| w.pack_id().to_string());
        let mut all = true;
        for save in saves {
            let kept = drafts::write(&id, save);
            all &= kept;
            if !kept {
                self.unsaved.set(Some(save.path.clone()));
            } else if self.unsaved.with_untracked(|u| u.as_deref() == Some(&save.path)) {
                self.unsaved.set(None);
            }
        }
        all
    }

    /// Checks the pack again now (the sources for its quotes changed).
    pub fn recheck(self) {
        self.pending.set(true);
        self.flush();
    }

    /// Checks the pack now (typing's pause is over, or a button wants it).
    pub fn flush(self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
        if !self.pending.get_untracked() {
            return;
        }
        let (result, good) = self.ws.with_untracked(|w| self.check_now(w.files()));
        self.result.set(result);
        if good.is_some() {
            self.good.set(good);
        }
        self.pending.set(false);
    }

    /// Marks a change and checks it now.
    pub fn changed(self) {
        self.edits.update(|n| *n += 1);
        self.pending.set(true);
        self.flush();
    }

    /// The open file's text as typed: stored at once (a reload or a closed
    /// tab loses nothing), checked after a pause.
    pub fn edit(self, text: String) {
        let Some(save) = self.ws.try_update(|w| w.edit(text)).flatten() else { return };
        self.store(&[save]);
        self.status.set(None);
        self.edits.update(|n| *n += 1);
        self.pending.set(true);
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        self.timer.set_value(set_timeout_with_handle(move || self.flush(), DEBOUNCE).ok());
    }

    /// A change other than typing (adding, removing, a release), stored and checked.
    pub fn apply(self, change: impl FnOnce(&mut Workspace) -> Option<Save>) {
        if let Some(save) = self.ws.try_update(change).flatten() {
            self.store(&[save]);
            self.changed();
        }
    }

    /// Whether the pack currently checks.
    pub fn checks(self) -> bool {
        !self.pending.get() && self.result.with(|r| matches!(r, Check::Passes(_)))
    }

    /// Listens for the drafts other tabs store for this pack.
    pub fn hear_other_tabs(self) {
        drafts::on_other_tabs(move |rest, value| {
            let id = self.ws.with_untracked(|w| format!("{}:", w.pack_id()));
            if let Some(path) = rest.strip_prefix(&id) {
                let path = path.to_string();
                self.ws.update(|w| w.noticed(&path, value.as_deref()));
            }
        });
    }
}

/// One of the page's texts, in the language showing: a [`shown`] text.
pub fn tr(s: Studio, say: Say) -> Box<dyn FnMut() -> &'static str + Send> {
    shown(move || say(s.words()))
}

/// A reactive value the page shows: every such closure is boxed as one type
/// per kind of value, so that the wasm carries the code that draws and
/// redraws it once, not once per closure. The kinds are few: a text is
/// `&'static str` (the page's words) or `String` (with "" for nothing),
/// never an `Option` of either; a yes or no is `bool`.
pub fn shown<T: 'static>(f: impl FnMut() -> T + Send + 'static) -> Box<dyn FnMut() -> T + Send> {
    Box::new(f)
}

/// A yes or no said as an ARIA state is ("true" or "false"): a [`shown`]
/// text, not a type of its own.
pub fn aria(mut f: impl FnMut() -> bool + Send + 'static) -> Box<dyn FnMut() -> &'static str + Send> {
    shown(move || if f() { "true" } else { "false" })
}

/// A click handler, boxed as one type for the same reason.
pub fn click(f: impl FnMut(leptos::ev::MouseEvent) + 'static) -> Box<dyn FnMut(leptos::ev::MouseEvent)> {
    handle(f)
}

/// Any other event's handler, boxed as one type per kind of event (a
/// change, a submit, a key) for the same reason.
pub fn handle<E: 'static>(f: impl FnMut(E) + 'static) -> Box<dyn FnMut(E)> {
    Box::new(f)
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

/// Puts the focus in the editor, where it was.
pub fn focus_editor(s: Studio) {
    s.ws.update(|w| w.request_cursor(None, true));
}
