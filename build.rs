//! Checks the default policy pack (`policies/`) and compiles it into the
//! library, so that the browser app carries a pack that has already passed
//! `policy check` and only needs decoding. A broken pack fails the build with
//! the same `file:line:col: message` lines as `policy check`.
//!
//! The engine and the pack loader are the crate's own modules, compiled into
//! this build script as well.

#[allow(dead_code)]
#[path = "src/compiled/mod.rs"]
mod compiled;
#[allow(dead_code, unused_imports)]
#[path = "src/engine/mod.rs"]
mod engine;
#[allow(dead_code, unused_imports)]
#[path = "src/pack/mod.rs"]
mod pack;

use std::{env, fs, path::Path};

fn main() {
    let root = Path::new("policies");
    for watched in ["policies", "policies/rules", "policies/tests", "policies/pack.toml", "policies/facts.toml", "src/engine", "src/pack", "src/compiled"] {
        println!("cargo:rerun-if-changed={watched}");
    }
    // (path inside the pack, text as staff wrote it)
    let mut sources: Vec<(String, String)> = Vec::new();
    for name in ["pack.toml", "facts.toml"] {
        sources.push((name.to_string(), read(&root.join(name))));
    }
    sources.extend(toml_files(root, "rules"));
    let files: Vec<(String, String)> = sources.iter().map(|(name, text)| (name.clone(), pack::without_comment_lines(text))).collect();
    let pack = match pack::load(&pack::PackFiles::from_pairs(files.clone())) {
        Ok(pack) => pack,
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("policies/{d}");
            }
            let n = diagnostics.len();
            eprintln!("{n} problem{} found in policies/: the default pack must pass `policy check`", if n == 1 { "" } else { "s" });
            std::process::exit(1);
        }
    };
    let out = Path::new(&env::var("OUT_DIR").unwrap()).to_path_buf();
    fs::write(out.join("default_pack.bin"), compiled::encode(&pack)).expect("write default_pack.bin");
    // The files themselves, for the native tests and tools (never in the app).
    write_pairs(&out.join("default_pack_files.rs"), &files);
    // With their comments, and with the test cases (tests/*.toml), which the
    // compiled pack never carries, for the pack studio (the `studio` feature)
    // only.
    sources.extend(toml_files(root, "tests"));
    write_pairs(&out.join("default_pack_sources.rs"), &sources);
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// (path inside the pack, text) of every `.toml` file in `root/folder`, in
/// name order; each is watched for changes.
fn toml_files(root: &Path, folder: &str) -> Vec<(String, String)> {
    let mut paths: Vec<_> = fs::read_dir(root.join(folder))
        .unwrap_or_else(|e| panic!("policies/{folder}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            println!("cargo:rerun-if-changed={}", path.display());
            (format!("{folder}/{}", path.file_name().unwrap().to_string_lossy()), read(&path))
        })
        .collect()
}

/// `pairs` as a Rust slice literal of (path, text), for `include!`.
fn write_pairs(path: &Path, pairs: &[(String, String)]) {
    let mut text = String::from("&[\n");
    for (name, body) in pairs {
        text.push_str(&format!("    ({name:?}, {body:?}),\n"));
    }
    text.push_str("]\n");
    fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}
