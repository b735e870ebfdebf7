//! The pack studio for policy staff (`studio.html`): its own wasm bundle,
//! built with the `studio` feature by scripts/build-studio.mjs, so the
//! citizen app's first load never carries the pack loader.
//!
//! It opens the built-in pack, a folder, a zip or a bundle; edits the files
//! and checks them as you type, with the same loader and the same messages
//! as `policy check`; keeps edits as drafts in this browser's localStorage
//! (nothing is sent anywhere); runs the pack's test cases as `policy test`
//! does; previews the questionnaire with the citizen app itself; compares
//! the edited pack with the pack as opened as `policy diff` does; and
//! downloads the pack as files and as a bundle to publish.

// Plain Rust, tested natively too (tests/studio.rs).
mod checks;
mod model;
mod opening;
mod reports;
mod zipfile;

// The page, for the browser only.
#[cfg(target_arch = "wasm32")]
mod drafts;
#[cfg(target_arch = "wasm32")]
mod page;
#[cfg(target_arch = "wasm32")]
mod sections;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
mod words;

/// SAFETY: the studio runs in single-threaded wasm, which `TalckWasm` requires.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

#[cfg(target_arch = "wasm32")]
fn main() {
    page::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("studio is the pack studio's browser page: `trunk build --release` builds it into dist/studio.html. The command-line tool is `policy`.");
}
