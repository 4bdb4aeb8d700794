//! SessionScope: the session mismatch problem behind a load balancer, simulated.
//!
//! `model` is the pure, deterministic simulation; `scenario` turns text (scenario files, URLs) into model
//! values; `view` projects the model into values ready to draw (native and wasm32, tested natively), and
//! its `view::ui` (wasm32 only) is the Yew layer that draws them and sends the model commands.

pub mod model;
pub mod number;
pub mod realworld;
pub mod scenario;

/// The check against real nginx and Redis (`scripts/check-real.sh`): native only.
#[cfg(not(target_arch = "wasm32"))]
pub mod realcheck;

pub mod view;

// wasm32 builds use Rust's default allocator (dlmalloc) on purpose. The talc allocator was 3 KB gzip
// smaller, but with it WebKit's tests trapped now and then ("Out of bounds memory access" while
// rendering after a replay; the README's test section says more); do not swap it back for bytes.
