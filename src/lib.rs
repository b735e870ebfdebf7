//! The policy explainer's library: everything that is not a web page.
//!
//! - [`engine`]: facts, expressions, three-valued evaluation, verdicts,
//!   explanations, amounts and the next question. Pure Rust.
//! - [`pack`]: reads a policy pack (TOML text files) into the engine's types,
//!   reporting every problem with its file, line and column, and runs the
//!   pack's own test cases.
//! - [`journey`]: what the questionnaire remembers (answers, the share code).
//!
//! The browser app (`src/main.rs`, `src/app/`) and the `policy` command
//! (`src/bin/policy.rs`) are thin layers over these.

pub mod engine;
pub mod journey;
pub mod launch;
pub mod pack;

/// The default pack's files, embedded at build time (see `build.rs`), so the
/// app and the tests need no file system to load it.
pub mod default_pack {
    include!(concat!(env!("OUT_DIR"), "/default_pack.rs"));

    /// The default pack as loader input.
    pub fn files() -> crate::pack::PackFiles {
        crate::pack::PackFiles::from_pairs(FILES.iter().map(|(p, t)| (p.to_string(), t.to_string())))
    }
}
