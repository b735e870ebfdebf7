//! The policy explainer's library: everything that is not a web page.
//!
//! - [`engine`]: facts, expressions, three-valued evaluation, verdicts,
//!   explanations, amounts and the next question. Pure Rust.
//! - [`pack`]: reads a policy pack (TOML text files) into the engine's types,
//!   reporting every problem with its file, line and column, and runs the
//!   pack's own test cases. For policy staff's tools, the build and the pack
//!   studio (the `studio` feature): the citizen app never reads or checks
//!   pack files.
//! - [`compiled`]: a checked pack as compact bytes, and their defensive decoder:
//!   all the browser app needs to read a pack.
//! - [`journey`]: what the questionnaire remembers (answers, the share code).
//! - [`html`]: a policy's sheet and the list of policies as HTML text, for
//!   the app's library page and the static pages alike.
//! - [`docs`]: the library's static pages (`policy docs`).
//! - [`diff`]: two packs compared: what changed, and whose results change.
//! - [`facts_file`] and [`terminal`]: the `policy` command's strict reading
//!   of a facts file, and its printing of hostile text.
//!
//! The browser app (`src/main.rs`, `src/app/`) and the `policy` command
//! (`src/bin/policy.rs`) are thin layers over these.

pub mod compiled;
pub mod diff;
#[cfg(not(target_arch = "wasm32"))]
pub mod docs;
pub mod engine;
#[cfg(not(target_arch = "wasm32"))]
pub mod facts_file;
pub mod html;
pub mod journey;
pub mod launch;
#[cfg(any(not(target_arch = "wasm32"), feature = "studio"))]
pub mod pack;
#[cfg(not(target_arch = "wasm32"))]
pub mod terminal;

/// The default pack, checked and compiled when the crate is built (see
/// `build.rs`): a broken `policies/` fails the build.
pub mod default_pack {
    /// The compiled default pack.
    pub const BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default_pack.bin"));

    /// The default pack, decoded.
    pub fn pack() -> crate::engine::Pack {
        // Checked by the build; a failure here would be a build bug.
        crate::compiled::decode(BYTES).expect("the build compiles a valid default pack")
    }

    /// The default pack's files as the loader reads them (for tests and tools).
    #[cfg(any(not(target_arch = "wasm32"), feature = "studio"))]
    pub fn files() -> crate::pack::PackFiles {
        /// (path inside the pack, text) of every file the loader reads.
        const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/default_pack_files.rs"));
        crate::pack::PackFiles::from_pairs(FILES.iter().map(|(p, t)| (p.to_string(), t.to_string())))
    }

    /// The default pack's files as policy staff edit them, comments and all
    /// (for the pack studio): the same lines as [`files`], so every
    /// `file:line:col` is the same, and also the test cases (`tests/*.toml`),
    /// which the studio runs on demand.
    #[cfg(feature = "studio")]
    pub fn source_files() -> crate::pack::PackFiles {
        const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/default_pack_sources.rs"));
        crate::pack::PackFiles::from_pairs(FILES.iter().map(|(p, t)| (p.to_string(), t.to_string())))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fixtures;
