//! The benchmark workload: 8 servers, 10 000 users, every strategy in turn. One definition shared by the
//! native benchmark (`sessionscope-bench`) and the wasm32 benchmark test (tests/wasm_model.rs), so the
//! native and the WebAssembly figures measure exactly the same simulation.

use super::config::{Config, Strategy, SECOND};
use super::hash::mix64;
use super::simulation::Simulation;

pub const BENCHMARK_SERVERS: u32 = 8;
pub const BENCHMARK_USERS: u32 = 10_000;
/// Simulated seconds per strategy when the caller does not choose.
pub const BENCHMARK_SECONDS: u64 = 1_200;

/// The workload's configuration under `strategy`. Enough capacity that it measures the steady state, not
/// an OOM cascade or an overloaded queue; sessions idle out after 5 minutes.
pub fn benchmark_config(strategy: Strategy) -> Config {
    let mut config = Config {
        strategy,
        servers: BENCHMARK_SERVERS,
        users: BENCHMARK_USERS,
        ..Config::default()
    };
    config.timing.server_memory_bytes = 1 << 40;
    config.timing.concurrency = 64;
    config.timing.session_timeout_ms = 5 * 60 * 1000;
    config
}

/// The workload under `strategy`, run for `seconds` simulated seconds. Callers time this call.
pub fn benchmark_run(strategy: Strategy, seconds: u64) -> Simulation {
    let mut sim = Simulation::new(benchmark_config(strategy));
    sim.advance_to(seconds * SECOND);
    sim
}

/// The history hashes of every strategy's run folded into one number: equal natively and in wasm32 when
/// both ran the same workload for the same time.
pub fn fold_hashes(hashes: impl IntoIterator<Item = u64>) -> u64 {
    hashes.into_iter().fold(0u64, |acc, hash| mix64(acc ^ hash))
}
