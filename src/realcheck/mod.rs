//! The check against real software (`scripts/check-real.sh`): a small real application server
//! (`app`), real HTTP users (`client`), the processes around them (`procs`: the app servers, nginx with
//! the configuration `realworld` prints, Redis), and the effects measured on both the real setup and
//! the model, side by side (`effects`, `table`).

pub mod app;
pub mod cli;
pub mod client;
pub mod crowd;
pub mod effects;
pub mod flags;
pub mod procs;
pub mod table;
