//! Checks the default policy pack (`policies/`) and compiles it into the
//! library, so that the browser app carries a pack that has already passed
//! `policy check` and only needs decoding. A broken pack fails the build with
//! the same `file:line:col: message` lines as `policy check`.
//!
//! The engine and the pack loader are the crate's own modules, compiled into
//! this build script as well.

#[allow(dead_code, unused_imports)]
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
    println!("cargo:rerun-if-changed=policies/README.md");
    fs::write(out.join("studio_guide.html"), studio_guide(&read(&root.join("README.md")))).expect("write studio_guide.html");
}

/// The sections of the policy staff's guide (policies/README.md) that the
/// pack studio shows in its page, by their headings: what the three ideas
/// mean, the rules of honesty, the common mistakes and the checklist.
const GUIDE_SECTIONS: [&str; 4] =
    ["## 2. Three ideas", "### Rules of honesty", "### Common mistakes and what to do", "## 11. Checklist before you submit a change"];

/// Those sections as HTML, each heading one level down (the studio's page
/// has its own h1 and h2). Links within the README lead nowhere in the
/// studio, so they are kept as their text.
fn studio_guide(readme: &str) -> String {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    let mut markdown = String::new();
    for start in GUIDE_SECTIONS {
        let at = readme.find(&format!("\n{start}")).unwrap_or_else(|| panic!("policies/README.md has no section {start:?} for the studio's guide")) + 1;
        let level = start.split(' ').next().unwrap_or("##");
        // To the next heading of the same or a higher level.
        let rest = &readme[at + start.len()..];
        let end = (2..=level.len()).map(|n| format!("\n{} ", "#".repeat(n))).filter_map(|h| rest.find(&h)).min().unwrap_or(rest.len());
        markdown.push_str(&readme[at..at + start.len() + end]);
        markdown.push('\n');
    }
    let down = |level: HeadingLevel| match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        _ => HeadingLevel::H5,
    };
    let events = Parser::new_ext(&markdown, Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS).filter_map(|event| match event {
        Event::Start(Tag::Heading { level, id, classes, attrs }) => Some(Event::Start(Tag::Heading { level: down(level), id, classes, attrs })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(down(level)))),
        Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) => None,
        // A checklist's boxes as text: a disabled checkbox with no label is
        // a form control a screen reader cannot name.
        Event::TaskListMarker(done) => Some(Event::Text(if done { "☑ " } else { "☐ " }.into())),
        // The tables' line breaks; any other raw HTML is shown as text.
        Event::InlineHtml(text) if text.trim() == "<br>" => Some(Event::HardBreak),
        Event::Html(text) | Event::InlineHtml(text) => Some(Event::Text(text)),
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
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
