//! One component per page of the journey.

mod question;
mod results;
mod review;
mod start;

pub use question::QuestionPage;
pub use results::ResultsPage;
pub use review::ReviewPage;
pub use start::StartPage;
