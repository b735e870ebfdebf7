//! Fixtures and helpers shared by the integration tests.
#![allow(dead_code)] // Each test crate uses a different part.

pub mod cli;

use policy_explainer::pack::{Diagnostic, PackFiles};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The seed articles' folder: the Makefile's `SEEDS` (exported to the tests),
/// or `../shared/seeds` beside the repository.
pub fn seeds_dir() -> PathBuf {
    std::env::var_os("SEEDS").map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"), PathBuf::from)
}

/// The seed articles by file name.
pub fn seed_texts() -> HashMap<String, String> {
    let dir = seeds_dir();
    let mut texts = HashMap::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("the seed articles are not at {}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "txt") {
            texts.insert(path.file_name().unwrap().to_string_lossy().to_string(), std::fs::read_to_string(&path).unwrap());
        }
    }
    texts
}

/// A small pack with every kind of field (`tests/fixtures/mini`), which does
/// not change when policy staff edit the default pack.
pub fn mini_files() -> PackFiles {
    PackFiles::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")).expect("tests/fixtures/mini")
}

/// `text` with `from` replaced by `to`, insisting that `from` occurs exactly once.
pub fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "expected exactly one {from:?} in the file");
    text.replacen(from, to, 1)
}

/// The 1-based line and character column of the `n`th (0-based) occurrence of `needle`.
pub fn position_of_nth(text: &str, needle: &str, n: usize) -> (usize, usize) {
    let offset = text.match_indices(needle).nth(n).unwrap_or_else(|| panic!("{needle:?} occurs fewer than {} times", n + 1)).0;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The position of the only occurrence of `needle` in `text`.
pub fn position_of(text: &str, needle: &str) -> (usize, usize) {
    assert_eq!(text.matches(needle).count(), 1, "expected exactly one {needle:?}");
    position_of_nth(text, needle, 0)
}

/// A diagnostic as `policy check` prints it: `file:line:col: message`.
pub fn diag(file: &str, (line, col): (usize, usize), message: &str) -> String {
    format!("{file}:{line}:{col}: {message}")
}

/// Each diagnostic as `policy check` prints it, to compare with [`diag`]s.
pub fn lines(d: &[Diagnostic]) -> Vec<String> {
    d.iter().map(ToString::to_string).collect()
}

pub fn show(d: &[impl std::fmt::Display]) -> String {
    d.iter().map(|d| format!("  {d}\n")).collect()
}
