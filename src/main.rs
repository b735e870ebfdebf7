//! The browser app. Built by Trunk for wasm32; natively an empty program so
//! that `cargo build` of the whole package works everywhere.

#[cfg(target_arch = "wasm32")]
mod app;

/// Talc instead of dlmalloc: about 2 KB less wasm, and faster.
/// SAFETY: the app runs in single-threaded wasm, which `TalckWasm` requires.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

#[cfg(target_arch = "wasm32")]
fn main() {
    app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("policy-explainer is the browser app: build it with `make serve` (Trunk). The command-line tool is `policy`.");
}
