//! Policy packs as text files that policy staff read and edit, and their
//! checker.
//!
//! A pack is a folder:
//!
//! ```text
//! pack.toml          the manifest: id, version, rules-as-of date, languages, documents
//! facts.toml         the facts and their questions, in question order
//! rules/<id>.toml    one policy per file
//! tests/*.toml       test cases: facts, a date, the expected results
//! ```
//!
//! [`load`] reads the files into an [`engine::Pack`](crate::engine::Pack) or
//! returns every problem found, each with its file, line and column;
//! [`pack_files`] writes a pack (a decoded bundle) back as these files.

mod cases;
mod comment_lines;
mod diagnostic;
mod files;
mod generate;
mod load;
mod release;
mod satisfiable;
mod schema;
mod write;

/// The one rule for policy ids, the engine's: the loader's and the studio's.
pub use crate::engine::is_policy_id;
pub use cases::{case_answers, case_facts, run_cases, CaseOutcome};
pub use comment_lines::without_comment_lines;
pub use diagnostic::{CaseProblem, Cited, Diagnostic, DiagnosticKind, Location, TomlShape};
pub use files::PackFiles;
pub use generate::{generated_pack_files, generated_province_files};
pub use load::{load, load_checking_quotes};
pub use release::{next_version, set_release};
pub use satisfiable::{amount_bounds, can_be_true};
pub use write::pack_files;
