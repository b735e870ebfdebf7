//! What may be a policy's id. The id names the policy's file in a pack
//! (`rules/<id>.toml`), its page in the static library (`<id>.html`) and
//! its address in the app (`#policy=<id>`), so it must be a plain name that
//! is safe in all three and cannot be mistaken for the library's own files.
//! The loader, the pack studio, the compiled pack's decoder and `policy
//! docs` all ask this one function.

/// The longest id: far longer than any real one (about 30 characters), and
/// far shorter than a file name may be.
pub const MAX_POLICY_ID: usize = 64;

/// Ids that are the library's own pages: `index.html` lists every policy,
/// in each language.
const RESERVED: [&str; 1] = ["index"];

/// Why a text cannot be a policy's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyIdProblem {
    /// Empty, or with something other than lower-case ASCII letters, digits
    /// and hyphens, or starting with a hyphen.
    NotPlain,
    /// Longer than [`MAX_POLICY_ID`].
    TooLong,
    /// The name of one of the library's own pages (`index`).
    Reserved,
}

/// What is wrong with `id` as a policy's id, if anything.
pub fn policy_id_problem(id: &str) -> Option<PolicyIdProblem> {
    let plain = !id.is_empty() && !id.starts_with('-') && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !plain {
        Some(PolicyIdProblem::NotPlain)
    } else if id.len() > MAX_POLICY_ID {
        Some(PolicyIdProblem::TooLong)
    } else if RESERVED.contains(&id) {
        Some(PolicyIdProblem::Reserved)
    } else {
        None
    }
}

/// Whether `id` may name a policy: lower-case letters, digits and hyphens,
/// not starting with a hyphen, at most [`MAX_POLICY_ID`] long, and not the
/// name of one of the library's own pages.
pub fn is_policy_id(id: &str) -> bool {
    policy_id_problem(id).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_ids_are_plain_names_that_are_not_the_library_s_own_pages() {
        for good in ["qd-apprenticeship-subsidy", "sd-huicai-card", "a", "2026-pilot", "indexes", "en", &"a".repeat(MAX_POLICY_ID)] {
            assert_eq!(policy_id_problem(good), None, "{good}");
        }
        let bad = [
            ("", PolicyIdProblem::NotPlain),
            ("-qd", PolicyIdProblem::NotPlain),
            ("qd_new", PolicyIdProblem::NotPlain),
            ("QD-new", PolicyIdProblem::NotPlain),
            ("qd new", PolicyIdProblem::NotPlain),
            ("qd.new", PolicyIdProblem::NotPlain),
            ("../index", PolicyIdProblem::NotPlain),
            ("青岛", PolicyIdProblem::NotPlain),
            ("qd\u{1b}[31m", PolicyIdProblem::NotPlain),
            ("index", PolicyIdProblem::Reserved),
        ];
        for (id, problem) in bad {
            assert_eq!(policy_id_problem(id), Some(problem), "{id:?}");
            assert!(!is_policy_id(id));
        }
        assert_eq!(policy_id_problem(&"a".repeat(MAX_POLICY_ID + 1)), Some(PolicyIdProblem::TooLong));
    }
}
