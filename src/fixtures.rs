//! The test pack (`tests/fixtures/mini`) for unit tests, as the integration
//! tests read it: a few policies with every kind of field, which do not
//! change when policy staff edit the default pack. A test that needs more
//! (a provincial policy, a Traditional quote) adds it to the pack here, in
//! its own words, rather than reading it from the default pack.

use crate::engine::Pack;
use crate::pack::{load, PackFiles};
use std::path::Path;

/// The test pack's files.
pub fn mini_files() -> PackFiles {
    PackFiles::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")).expect("tests/fixtures/mini")
}

/// The test pack, with each `(path, text)` of `additions` appended to its
/// file (a new file where the pack has none), checked as `policy check`
/// does.
pub fn mini_pack_with(additions: &[(&str, &str)]) -> Pack {
    let mut files = mini_files();
    for (path, text) in additions {
        let whole = format!("{}{text}", files.get(path).unwrap_or(""));
        files.insert(path, &whole);
    }
    load(&files).unwrap_or_else(|d| panic!("the test pack with {additions:?} does not load:\n{}", d.iter().map(|d| format!("  {d}\n")).collect::<String>()))
}

/// The default pack with, in the file at `path`, each `from` replaced by
/// `to` (each must be there): for tests about an edit to the real rules.
pub fn default_pack_edited(path: &str, edits: &[(&str, &str)]) -> Pack {
    let mut files = crate::default_pack::files();
    let mut text = files.get(path).unwrap_or_else(|| panic!("the default pack has no {path}")).to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "{path} has no {from:?}");
        text = text.replace(from, to);
    }
    files.insert(path, &text);
    load(&files).unwrap_or_else(|e| panic!("{e:?}"))
}
