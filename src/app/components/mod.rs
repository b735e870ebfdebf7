//! Pieces shared by several pages.

mod layout;
mod policy_card;
mod summary;

pub use layout::Layout;
pub use policy_card::PolicyCard;
pub use summary::LiveSummary;
