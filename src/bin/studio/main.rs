//! The pack studio for policy staff (`studio.html`): its own wasm bundle,
//! built with the `studio` feature by scripts/build-studio.mjs, so the
//! citizen app's first load never carries the pack loader.
//!
//! It edits the built-in pack and checks it as you type, with the same loader
//! and the same messages as `policy check`; keeps edits as drafts in this
//! browser's localStorage (nothing is sent anywhere); and runs the pack's
//! test cases on demand, as `policy test` does.

#[cfg(target_arch = "wasm32")]
mod page;

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
