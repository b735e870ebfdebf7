//! The studio's sections, one file each. Each reads the model and the
//! check through [`Studio`](crate::state::Studio) and draws; none imports
//! another, nor the page that lays them out.

pub mod check;
pub mod compare;
pub mod editor;
pub mod files;
pub mod head;
pub mod notice;
pub mod open;
pub mod preview;
pub mod publish;
pub mod test_run;
