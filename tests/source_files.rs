//! The codebase itself: no source file grows past what a reader can hold in
//! their head. A file over the limit is split along a concept it holds (as
//! the pack loader is, by kind of pack file), not cut at a line count.

use std::path::{Path, PathBuf};

/// The most lines one `.rs` file may have.
const MAX_LINES: usize = 700;

/// Every `.rs` file under `dir`, at any depth.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_is_over_700_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Ours: the library, the app, the studio and the command (src/), the
    // tests, the benchmarks and the build script; not the vendored crates.
    let mut files = vec![root.join("build.rs")];
    for dir in ["src", "tests", "benches"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.iter().any(|f| f.ends_with("src/bin/studio/main.rs")), "the walk reaches src/bin/studio");
    let mut over: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("cannot read {}: {e}", f.display())).lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", f.strip_prefix(root).unwrap_or(f).display()))
        })
        .collect();
    over.sort();
    assert!(over.is_empty(), "over {MAX_LINES} lines, split along a concept they hold: {}", over.join(", "));
}
