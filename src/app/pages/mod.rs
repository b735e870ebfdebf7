//! One component per page of the journey and of the policy library.

mod helper;
mod library;
mod policy;
mod question;
mod results;
mod review;
mod start;
pub(crate) mod text_page;

pub use helper::HelperPage;
pub use library::LibraryPage;
pub use policy::PolicyPage;
pub use question::QuestionPage;
pub use results::ResultsPage;
pub use review::ReviewPage;
pub use start::StartPage;
pub(crate) use text_page::text_page;
