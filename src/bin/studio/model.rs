//! The open pack and its drafts, as plain Rust with no browser in it: the
//! pack as opened, the files as they are now, which are edited, new or
//! removed, the merge of stored drafts over the pack, adding and removing
//! files, the drafts other tabs store, and where the editor's cursor should
//! go. The page keeps one [`Workspace`] in a signal and its sections read it;
//! each change returns the [`Save`]s to store (drafts.rs stores them), so
//! that only the files a change touched are ever written.

use policy_explainer::pack::{self, PackFiles};
use serde::{Deserialize, Serialize};

/// The pack as opened: where it came from (`None`: the built-in pack), and
/// its files.
#[derive(Clone, Debug, PartialEq)]
pub struct Origin {
    pub name: Option<String>,
    pub files: PackFiles,
}

/// A draft of one file as stored: a checksum of the file it was made from
/// (of "" for a new file), and its text (`None`: the file was removed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub base: String,
    pub text: Option<String>,
}

impl Draft {
    /// A stored draft of the file whose text as opened is `original`. One
    /// stored before drafts were JSON is the file's text.
    pub fn read(stored: &str, original: Option<&str>) -> Draft {
        serde_json::from_str(stored).unwrap_or_else(|_| Draft { base: checksum(original.unwrap_or("")), text: Some(stored.to_string()) })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A file's checksum in hex (the compiled pack's FNV-1a): enough to tell one
/// version of a file from another.
pub fn checksum(text: &str) -> String {
    format!("{:016x}", policy_explainer::compiled::checksum(text.as_bytes()))
}

/// What to store for one file after a change: its draft, or none (the file
/// is as opened, so its draft is forgotten).
#[derive(Clone, Debug, PartialEq)]
pub struct Save {
    pub path: String,
    pub draft: Option<Draft>,
}

/// How a file differs from the file of that path as opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    Same,
    Edited,
    New,
}

/// Where the editor should put its cursor: a request that the editor
/// carries out once (`serial` tells one request from the next).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cursor {
    pub path: String,
    /// In the file's text, in a textarea's selection units (UTF-16);
    /// `None` leaves the cursor where the officer put it.
    pub offset: Option<u32>,
    /// Whether the editor takes the focus too.
    pub focus: bool,
    pub serial: u32,
}

/// Why a path cannot be a new file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewFileError {
    /// Not `rules/<policy id>.toml` or `tests/<name>.toml`.
    NotAPackPath,
    Exists,
}

/// The open pack and its drafts.
#[derive(Clone, Debug, PartialEq)]
pub struct Workspace {
    origin: Origin,
    /// The id drafts are kept under: the pack's id.
    pack_id: String,
    files: PackFiles,
    /// The path of the file in the editor.
    open: String,
    /// Files whose draft was made from another version of the file.
    outdated: Vec<String>,
    /// Drafts another tab stored that this one has not taken, by path: the
    /// text that tab has (`None`: the file is not in its pack). Until the
    /// officer chooses, this tab writes none of these files.
    elsewhere: Vec<(String, Option<String>)>,
    cursor: Cursor,
    /// Bumped whenever the editor must show the model's text because it
    /// changed other than by typing (typing must never reset the editor).
    shown: u32,
}

impl Workspace {
    /// The pack as opened with `stored`'s drafts over it: (path, stored
    /// value) for each draft this browser keeps under `pack_id`.
    pub fn open(origin: Origin, pack_id: String, stored: &[(String, String)]) -> Workspace {
        let mut files = origin.files.clone();
        let mut outdated = Vec::new();
        for (path, value) in stored {
            let original = origin.files.get(path);
            let draft = Draft::read(value, original);
            if draft.base != checksum(original.unwrap_or("")) {
                outdated.push(path.clone());
            }
            set(&mut files, path, draft.text.as_deref());
        }
        outdated.sort();
        let mut ws = Workspace { origin, pack_id, files, open: String::new(), outdated, elsewhere: Vec::new(), cursor: Cursor::default(), shown: 0 };
        ws.select("");
        ws
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    pub fn pack_id(&self) -> &str {
        &self.pack_id
    }

    pub fn files(&self) -> &PackFiles {
        &self.files
    }

    /// The path of the file in the editor.
    pub fn open_path(&self) -> &str {
        &self.open
    }

    /// The text of the file in the editor.
    pub fn open_text(&self) -> &str {
        self.files.get(&self.open).unwrap_or("")
    }

    pub fn outdated(&self) -> &[String] {
        &self.outdated
    }

    pub fn cursor(&self) -> &Cursor {
        &self.cursor
    }

    pub fn shown(&self) -> u32 {
        self.shown
    }

    /// The files whose draft another tab changed, waiting for the officer.
    pub fn elsewhere(&self) -> Vec<&str> {
        self.elsewhere.iter().map(|(p, _)| p.as_str()).collect()
    }

    /// Whether this tab holds off writing `path`: another tab has changed
    /// its draft, and the officer has not yet chosen whose to keep.
    pub fn is_held(&self, path: &str) -> bool {
        self.elsewhere.iter().any(|(p, _)| p == path)
    }

    pub fn change(&self, path: &str) -> Change {
        match self.origin.files.get(path) {
            None => Change::New,
            Some(before) if Some(before) != self.files.get(path) => Change::Edited,
            Some(_) => Change::Same,
        }
    }

    /// Each file's path and how it differs from the pack as opened.
    pub fn marks(&self) -> Vec<(String, Change)> {
        self.files.iter().map(|(p, _)| (p.to_string(), self.change(p))).collect()
    }

    /// The files of the pack as opened that are no longer in it.
    pub fn removed(&self) -> Vec<String> {
        self.origin.files.iter().filter(|(p, _)| self.files.get(p).is_none()).map(|(p, _)| p.to_string()).collect()
    }

    pub fn has_drafts(&self) -> bool {
        self.files != self.origin.files
    }

    /// What to store for `path` as the files are now.
    pub fn save_of(&self, path: &str) -> Save {
        let original = self.origin.files.get(path);
        let now = self.files.get(path);
        let draft = (original != now).then(|| Draft { base: checksum(original.unwrap_or("")), text: now.map(str::to_string) });
        Save { path: path.to_string(), draft }
    }

    /// Opens the file at `path` at its top, or else the first policy file
    /// (or the first file). Nothing changes when it is already open:
    /// setting the same text again would clear the browser's undo history.
    pub fn select(&mut self, path: &str) {
        let paths: Vec<&str> = self.files.iter().map(|(p, _)| p).collect();
        let at = paths.iter().find(|p| **p == path).or_else(|| paths.iter().find(|p| p.starts_with("rules/"))).or(paths.first()).map_or("", |p| *p);
        if at != self.open || self.cursor.path != at {
            self.open = at.to_string();
            self.request_cursor(Some(0), false);
        }
    }

    /// Opens `path` with the cursor at `offset`, and the focus in the editor.
    pub fn go_to(&mut self, path: &str, offset: u32) {
        if self.files.get(path).is_none() {
            return;
        }
        self.open = path.to_string();
        self.request_cursor(Some(offset), true);
    }

    /// Puts the cursor at `offset` in the open file (`None`: where it is).
    pub fn request_cursor(&mut self, offset: Option<u32>, focus: bool) {
        self.cursor = Cursor { path: self.open.clone(), offset, focus, serial: self.cursor.serial + 1 };
    }

    /// The open file's new text, as typed. `None` while the file is held
    /// (the editor is read-only then).
    pub fn edit(&mut self, text: String) -> Option<Save> {
        if self.is_held(&self.open) || self.files.get(&self.open).is_none() {
            return None;
        }
        let path = self.open.clone();
        self.files.insert(&path, &text);
        Some(self.save_of(&path))
    }

    /// Replaces a file's text other than by typing (publishing's version
    /// bump): the editor shows it.
    pub fn replace(&mut self, path: &str, text: &str) -> Option<Save> {
        self.files.get(path)?;
        self.files.insert(path, text);
        self.shown += 1;
        Some(self.save_of(path))
    }

    /// Adds the file at `path` and opens it. A policy file starts with its
    /// id only: the check then lists every field still to fill in, so
    /// nothing is written for staff that the article did not say.
    pub fn add(&mut self, path: &str) -> Result<Save, NewFileError> {
        let text = new_file_text(path)?;
        if self.files.get(path).is_some() {
            return Err(NewFileError::Exists);
        }
        self.files.insert(path, &text);
        self.shown += 1;
        self.select(path);
        Ok(self.save_of(path))
    }

    /// Whether the open file may be removed: a policy or test file (never
    /// the manifest or the questions).
    pub fn can_remove(&self) -> bool {
        self.open.starts_with("rules/") || self.open.starts_with("tests/")
    }

    /// Removes the open file, and opens the first policy file.
    pub fn remove_open(&mut self) -> Option<Save> {
        if !self.can_remove() || self.is_held(&self.open) {
            return None;
        }
        let path = self.open.clone();
        self.files.remove(&path)?;
        self.shown += 1;
        self.select("");
        Some(self.save_of(&path))
    }

    /// Another tab stored `stored` as `path`'s draft (`None`: it forgot
    /// the draft, so the file is as opened there). It is noted for the
    /// officer to take or refuse, unless this tab has the same text.
    pub fn noticed(&mut self, path: &str, stored: Option<&str>) {
        let original = self.origin.files.get(path);
        let theirs = match stored {
            Some(value) => Draft::read(value, original).text,
            None => original.map(str::to_string),
        };
        self.elsewhere.retain(|(p, _)| p != path);
        if theirs.as_deref() != self.files.get(path) {
            self.elsewhere.push((path.to_string(), theirs));
            self.elsewhere.sort();
        }
    }

    /// Takes the other tabs' drafts: this tab's files become what they
    /// stored (which storage already holds).
    pub fn take_theirs(&mut self) {
        for (path, text) in std::mem::take(&mut self.elsewhere) {
            set(&mut self.files, &path, text.as_deref());
        }
        self.shown += 1;
        let open = self.open.clone();
        self.open.clear();
        self.select(&open);
    }

    /// Keeps this tab's files over the other tabs' drafts: what to store.
    pub fn keep_mine(&mut self) -> Vec<Save> {
        std::mem::take(&mut self.elsewhere).into_iter().map(|(path, _)| self.save_of(&path)).collect()
    }

    /// Restores the pack as opened, keeping the same file open when it has
    /// it. Returns the drafts to forget: only those storage still holds as
    /// this tab has them (`stored`: every draft stored for the pack), never
    /// a draft another tab has written since.
    pub fn discard(&mut self, stored: &[(String, String)]) -> Vec<String> {
        let mut forget = Vec::new();
        for (path, value) in stored {
            let original = self.origin.files.get(path);
            let theirs = Draft::read(value, original).text;
            let ours_is_a_draft = self.files.get(path) != original;
            if ours_is_a_draft && theirs.as_deref() == self.files.get(path) && !self.is_held(path) {
                forget.push(path.clone());
            }
        }
        self.files = self.origin.files.clone();
        self.outdated.clear();
        self.shown += 1;
        let open = self.open.clone();
        self.open.clear();
        self.select(&open);
        forget
    }
}

/// Puts `text` at `path` (`None`: takes the file out).
fn set(files: &mut PackFiles, path: &str, text: Option<&str>) {
    match text {
        Some(text) => files.insert(path, text),
        None => drop(files.remove(path)),
    }
}

/// A new file's first text, or why `path` cannot be one: a policy file is
/// `rules/<id>.toml` with an id the loader accepts, a test file
/// `tests/<name>.toml` with lower-case letters, digits, `-` and `_`.
pub fn new_file_text(path: &str) -> Result<String, NewFileError> {
    let name = |folder: &str| path.strip_prefix(folder).and_then(|n| n.strip_suffix(".toml"));
    if let Some(id) = name("rules/").filter(|id| pack::is_policy_id(id)) {
        return Ok(format!(
            "# {id}: fill in each field from the article (policies/README.md, section 5);\n# the check lists what is still missing.\n\nid = \"{id}\"\n"
        ));
    }
    let test_name = |n: &&str| {
        let mut chars = n.chars();
        chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    };
    match name("tests/").filter(test_name) {
        Some(_) => Ok("# Test cases (policies/README.md, section 9).\n".to_string()),
        None => Err(NewFileError::NotAPackPath),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = "rules/qd-a.toml";

    fn origin() -> Origin {
        let files = [("pack.toml", "id = \"p\"\n"), ("facts.toml", "f\n"), (RULE, "a\n"), ("rules/qd-b.toml", "b\n"), ("tests/t.toml", "t\n")];
        Origin { name: None, files: PackFiles::from_pairs(files.map(|(p, t)| (p.to_string(), t.to_string()))) }
    }

    fn opened() -> Workspace {
        Workspace::open(origin(), "p".into(), &[])
    }

    fn stored(saves: &[Save]) -> Vec<(String, String)> {
        saves.iter().filter_map(|s| Some((s.path.clone(), s.draft.as_ref()?.to_json()))).collect()
    }

    #[test]
    fn opens_the_first_policy_file_with_no_drafts() {
        let ws = opened();
        assert_eq!(ws.open_path(), RULE);
        assert_eq!(ws.open_text(), "a\n");
        assert!(!ws.has_drafts());
        assert!(ws.marks().iter().all(|(_, c)| *c == Change::Same));
        assert_eq!(ws.cursor().path, RULE);
    }

    #[test]
    fn an_edit_saves_that_file_only_and_typing_it_back_forgets_it() {
        let mut ws = opened();
        let shown = ws.shown();
        let save = ws.edit("a2\n".into()).unwrap();
        assert_eq!(save.path, RULE);
        assert_eq!(save.draft, Some(Draft { base: checksum("a\n"), text: Some("a2\n".into()) }));
        assert_eq!(ws.change(RULE), Change::Edited);
        assert!(ws.has_drafts());
        assert_eq!(ws.shown(), shown, "typing never resets the editor");
        assert_eq!(ws.edit("a\n".into()).unwrap().draft, None, "back to the text as opened: nothing to keep");
        assert!(!ws.has_drafts());
    }

    #[test]
    fn stored_drafts_restore_edited_new_and_removed_files_and_name_outdated_ones() {
        let mut ws = opened();
        let mut saves = vec![ws.edit("a2\n".into()).unwrap()];
        saves.push(ws.add("rules/qd-new.toml").unwrap());
        ws.select("tests/t.toml");
        saves.push(ws.remove_open().unwrap());
        let mut store = stored(&saves);
        // A draft of the questions made from another version of them, and
        // one stored before drafts were JSON.
        store.push(("facts.toml".into(), Draft { base: checksum("older"), text: Some("f2\n".into()) }.to_json()));
        store.push(("rules/qd-b.toml".into(), "plain text\n".into()));
        let back = Workspace::open(origin(), "p".into(), &store);
        assert_eq!(back.files().get(RULE), Some("a2\n"));
        assert!(back.files().get("rules/qd-new.toml").unwrap().contains("id = \"qd-new\""));
        assert_eq!(back.files().get("tests/t.toml"), None);
        assert_eq!(back.removed(), ["tests/t.toml"]);
        assert_eq!(back.files().get("rules/qd-b.toml"), Some("plain text\n"));
        assert_eq!(back.outdated(), ["facts.toml"]);
        let marks: Vec<_> = back.marks().into_iter().filter(|(_, c)| *c != Change::Same).collect();
        assert_eq!(
            marks,
            [
                ("facts.toml".into(), Change::Edited),
                (RULE.into(), Change::Edited),
                ("rules/qd-b.toml".into(), Change::Edited),
                ("rules/qd-new.toml".into(), Change::New)
            ]
        );
    }

    #[test]
    fn a_file_added_and_removed_again_leaves_nothing_to_store() {
        let mut ws = opened();
        ws.add("tests/new-cases.toml").unwrap();
        assert_eq!(ws.open_path(), "tests/new-cases.toml");
        let save = ws.remove_open().unwrap();
        assert_eq!(save, Save { path: "tests/new-cases.toml".into(), draft: None });
        assert!(!ws.has_drafts());
        assert_eq!(ws.open_path(), RULE, "the first policy file opens");
    }

    #[test]
    fn new_files_follow_the_loaders_id_rule() {
        let mut ws = opened();
        assert_eq!(ws.add("rules/qd_new.toml"), Err(NewFileError::NotAPackPath), "the loader refuses _ in a policy id");
        for bad in ["rules/New Policy.toml", "rules/-x.toml", "rules/.toml", "notes/x.toml", "rules/x.txt", "rules/a/b.toml", "x.toml", "tests/_x.toml"] {
            assert_eq!(ws.add(bad), Err(NewFileError::NotAPackPath), "{bad}");
        }
        assert_eq!(ws.add(RULE), Err(NewFileError::Exists));
        assert!(ws.add("tests/new_cases.toml").is_ok(), "a test file may have _");
        let save = ws.add("rules/qd-new-policy.toml").unwrap();
        assert_eq!(save.draft.unwrap().base, checksum(""), "a new file's draft is made from nothing");
        assert_eq!(ws.change("rules/qd-new-policy.toml"), Change::New);
        // The new policy file names its id and nothing else the article must say.
        let text = ws.open_text();
        assert_eq!(text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect::<Vec<_>>(), ["id = \"qd-new-policy\""]);
    }

    #[test]
    fn the_manifest_and_the_questions_cannot_be_removed() {
        let mut ws = opened();
        for path in ["pack.toml", "facts.toml"] {
            ws.select(path);
            assert!(!ws.can_remove());
            assert_eq!(ws.remove_open(), None);
        }
        assert!(!ws.has_drafts());
    }

    #[test]
    fn choosing_a_file_moves_the_cursor_to_its_top_and_go_to_takes_the_focus() {
        let mut ws = opened();
        let first = ws.cursor().serial;
        ws.select(RULE);
        assert_eq!(ws.cursor().serial, first, "the open file stays as it is");
        ws.select("pack.toml");
        assert_eq!(*ws.cursor(), Cursor { path: "pack.toml".into(), offset: Some(0), focus: false, serial: first + 1 });
        ws.go_to(RULE, 7);
        assert_eq!(*ws.cursor(), Cursor { path: RULE.into(), offset: Some(7), focus: true, serial: first + 2 });
        assert_eq!(ws.open_path(), RULE);
        ws.go_to("rules/none.toml", 1);
        assert_eq!(ws.open_path(), RULE, "a file the pack lacks is not opened");
        ws.select("rules/none.toml");
        assert_eq!(ws.open_path(), RULE, "nor selected: the first policy file instead");
    }

    #[test]
    fn another_tabs_draft_is_noticed_held_and_taken_or_refused() {
        let mut a = opened();
        let mut b = opened();
        let save = b.edit("from b\n".into()).unwrap();
        a.noticed(&save.path, save.draft.as_ref().map(Draft::to_json).as_deref());
        assert_eq!(a.elsewhere(), [RULE]);
        assert!(a.is_held(RULE));
        assert_eq!(a.edit("from a\n".into()), None, "a held file is not written over");
        assert_eq!(a.files().get(RULE), Some("a\n"));
        a.take_theirs();
        assert_eq!(a.files().get(RULE), Some("from b\n"));
        assert!(a.elsewhere().is_empty());

        // Refused: this tab's text is stored again.
        let save = b.edit("b again\n".into()).unwrap();
        a.noticed(&save.path, save.draft.as_ref().map(Draft::to_json).as_deref());
        let kept = a.keep_mine();
        assert_eq!(kept, [Save { path: RULE.into(), draft: Some(Draft { base: checksum("a\n"), text: Some("from b\n".into()) }) }]);
        assert!(!a.is_held(RULE));

        // A draft forgotten elsewhere: the file as opened there.
        a.noticed(RULE, None);
        assert_eq!(a.elsewhere(), [RULE]);
        a.take_theirs();
        assert_eq!(a.files().get(RULE), Some("a\n"));
        // The same text as here: nothing to ask.
        a.noticed(RULE, None);
        assert!(a.elsewhere().is_empty());
    }

    #[test]
    fn a_discard_forgets_only_the_drafts_this_tab_wrote() {
        // Tab A edits two policies and adds one; tab B, open on the same
        // pack, edits the questions and then discards.
        let mut a = opened();
        let mut b = opened();
        let mut saves = vec![a.edit("a2\n".into()).unwrap()];
        a.select("rules/qd-b.toml");
        saves.push(a.edit("b2\n".into()).unwrap());
        saves.push(a.add("rules/qd-a-new.toml").unwrap());
        for s in &saves {
            b.noticed(&s.path, s.draft.as_ref().map(Draft::to_json).as_deref());
        }
        b.select("facts.toml");
        saves.push(b.edit("f2\n".into()).unwrap());
        let store = stored(&saves);
        let forget = b.discard(&store);
        assert_eq!(forget, ["facts.toml"], "only B's own draft");
        assert!(!b.has_drafts());
        assert_eq!(b.open_path(), "facts.toml", "the same file stays open");
        assert_eq!(b.elsewhere(), ["rules/qd-a-new.toml", RULE, "rules/qd-b.toml"], "A's drafts are still offered");
        let left: Vec<_> = store.into_iter().filter(|(p, _)| !forget.contains(p)).collect();
        let reloaded = Workspace::open(origin(), "p".into(), &left);
        assert_eq!(reloaded.files().get(RULE), Some("a2\n"));
        assert_eq!(reloaded.files().get("rules/qd-b.toml"), Some("b2\n"));
        assert!(reloaded.files().get("rules/qd-a-new.toml").is_some());
        assert_eq!(reloaded.files().get("facts.toml"), Some("f\n"));
    }

    #[test]
    fn a_discard_of_a_removed_file_brings_it_back() {
        let mut ws = opened();
        ws.select("tests/t.toml");
        let save = ws.remove_open().unwrap();
        assert_eq!(ws.removed(), ["tests/t.toml"]);
        assert_eq!(ws.discard(&stored(&[save])), ["tests/t.toml"]);
        assert!(ws.removed().is_empty());
        assert_eq!(ws.open_path(), RULE);
    }

    #[test]
    fn a_replaced_file_is_shown_in_the_editor() {
        let mut ws = opened();
        let shown = ws.shown();
        let save = ws.replace("pack.toml", "id = \"p\"\nversion = \"2\"\n").unwrap();
        assert_eq!(save.path, "pack.toml");
        assert_eq!(ws.shown(), shown + 1);
        assert_eq!(ws.replace("nothing.toml", ""), None);
    }
}
