//! Embeds the default policy pack (`policies/`) into the library, so that the
//! browser app carries it without a file system and without a network fetch.
//! Only the files the loader reads are embedded: the manifest, the facts and
//! the rules (not the README or the test cases), without their comments.

use std::{env, fs, path::Path};

fn main() {
    let root = Path::new("policies");
    println!("cargo:rerun-if-changed=policies");
    println!("cargo:rerun-if-changed=src/pack/comment_lines.rs");
    let mut files: Vec<(String, String)> = Vec::new();
    for name in ["pack.toml", "facts.toml"] {
        files.push((name.to_string(), read(&root.join(name))));
    }
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=policies/rules");
    let mut entries: Vec<_> = fs::read_dir(&rules)
        .expect("policies/rules exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    entries.sort();
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = format!("rules/{}", path.file_name().unwrap().to_string_lossy());
        files.push((name, read(&path)));
    }
    let mut out = String::from("/// (path inside the pack, text) of every embedded file.\npub const FILES: &[(&str, &str)] = &[\n");
    for (name, text) in &files {
        out.push_str(&format!("    ({name:?}, {text:?}),\n"));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("default_pack.rs");
    fs::write(dest, out).expect("write default_pack.rs");
}

include!("src/pack/comment_lines.rs");

fn read(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    without_comment_lines(&text)
}
