//! SessionScope: the session mismatch problem behind a load balancer, simulated.
//!
//! `model` is the pure, deterministic simulation; `scenario` turns text (scenario files, URLs) into model
//! values; `view` (wasm32 only) is the Yew front end that projects the model and sends it commands.

pub mod model;
pub mod number;
pub mod scenario;

#[cfg(target_arch = "wasm32")]
pub mod view;
