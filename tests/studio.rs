//! The pack studio's plain modules, tested natively: the studio is a wasm
//! bundle (src/bin/studio/, built with the `studio` feature), but its model
//! of the open pack and its drafts, its checks, its reports and its zip
//! reading have no browser in them. Their unit tests sit beside the code;
//! this file compiles those modules into a native test crate.

#[allow(dead_code)]
#[path = "../src/bin/studio/checks.rs"]
mod checks;
#[allow(dead_code)]
#[path = "../src/bin/studio/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "../src/bin/studio/opening.rs"]
mod opening;
#[allow(dead_code)]
#[path = "../src/bin/studio/reports.rs"]
mod reports;
#[allow(dead_code)]
#[path = "../src/bin/studio/zipfile.rs"]
mod zipfile;
