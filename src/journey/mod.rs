//! What the questionnaire remembers, independent of any web page: the answers
//! given (including "I don't know"), the order they were given in, and how
//! they travel in a share link. The app renders a [`Journey`]; it computes
//! nothing of its own.

mod answers;
mod entry;
mod helper_sheet;
mod places;
mod share_code;

pub use answers::{Answer, Journey, Progress};
pub use entry::{parse_number, Draft, EntryError};
pub use helper_sheet::helper_questions;
pub use places::{compare_places, compares_places, Difference, Place};
pub use share_code::{decode, encode, DecodeProblem, DecodeReason, Decoded};
