//! The pack studio for policy staff (`studio.html`): its own wasm bundle,
//! built with the `studio` feature by scripts/build-studio.mjs, so the
//! citizen app's first load never carries the pack loader.
//!
//! This first slice edits the built-in pack in memory and checks it as you
//! type, with the same loader and the same messages as `policy check`.
//! Nothing is stored: a reload starts again from the built-in pack.

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
