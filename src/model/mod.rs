//! The pure, deterministic simulation. Nothing here knows about browsers, frameworks or the clock:
//! given a `Config` (with its seed) and a timeline of `Command`s it produces the same history everywhere.
//!
//! Files, one job each: `simulation` (state, clock, event loop, replay), `events` (the queue), `flow`
//! (a request's life; where a 401 mismatch is decided), `balancer` (routing, sticky affinity included),
//! `strategy` (one home per strategy: where its sessions live and move), `copies` (the copy machinery
//! the strategies share), `faults` (crashes and restarts, the store, periodic checks), `commands` (interventions),
//! `inspect` (read-outs), `users`, `server`, `sessions`, `store`, `metrics`, `series`, `trace`, `rng`,
//! `hash`, `ids` (typed ids, and lists indexed by them), `workload` (the benchmark's).

pub mod balancer;
pub mod command;
mod commands;
pub mod config;
mod copies;
mod events;
mod faults;
mod flow;
mod hash;
pub mod ids;
mod inspect;
pub mod metrics;
pub mod observe;
pub mod picture;
mod report_extra;
mod rng;
pub mod series;
mod server;
mod sessions;
pub mod simulation;
mod store;
mod strategy;
pub mod trace;
pub mod users;
pub mod workload;

pub use command::Command;
pub use config::*;
pub use metrics::Metrics;
pub use observe::*;
pub use series::{Ring, Sample, SeriesMetric, SAMPLE_EVERY, SERIES_CAPACITY};
pub use simulation::Simulation;
pub use users::{letters, user_name, RequestKind};
