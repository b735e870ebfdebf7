//! Pieces shared by several pages.

mod idle_guard;
mod layout;
pub(crate) mod qr_code;
pub(crate) mod send_results;
mod summary;

pub use idle_guard::IdleGuard;
pub use layout::Layout;
pub use qr_code::qr_svg;
pub use summary::LiveSummary;
