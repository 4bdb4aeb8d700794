//! The pure, deterministic simulation. Nothing here knows about browsers, frameworks or the clock:
//! given a `Config` (with its seed) and a timeline of `Command`s it produces the same history everywhere.

pub mod command;
pub mod config;
pub mod observe;
pub mod simulation;

pub use command::Command;
pub use config::*;
pub use observe::*;
pub use simulation::Simulation;
