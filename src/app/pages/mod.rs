//! One component per page of the journey and of the policy library.

mod library;
mod policy;
mod question;
mod results;
mod review;
mod start;

pub use library::LibraryPage;
pub use policy::PolicyPage;
pub use question::QuestionPage;
pub use results::ResultsPage;
pub use review::ReviewPage;
pub use start::StartPage;
