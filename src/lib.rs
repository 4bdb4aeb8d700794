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

// Talc instead of the default dlmalloc in every wasm32 build (the page and the browser tests and
// benchmarks alike): about 3 KB gzip smaller, and no slower here.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
