//! Benchmark: simulated requests per second, natively, for a large workload (8 servers, 10 000 users)
//! under each strategy (`model::workload`, the same workload the wasm32 benchmark runs).
//! Run: `cargo run --profile bench-native --bin sessionscope-bench` (optional argument: simulated seconds
//! per strategy, default 1200). `scripts/bench.sh` runs it next to the wasm figure.

use sessionscope::model::workload::{
    benchmark_run, fold_hashes, BENCHMARK_SECONDS, BENCHMARK_SERVERS, BENCHMARK_USERS,
};
use sessionscope::model::Strategy;
use std::time::Instant;

/// CPU time of this thread in seconds (Linux `/proc/thread-self/schedstat`), so that other work on a
/// shared machine does not count against the model; `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(nanos / 1e9)
}

fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(BENCHMARK_SECONDS);
    println!(
        "SessionScope model benchmark: {BENCHMARK_SERVERS} servers, {BENCHMARK_USERS} users, \
         {seconds} simulated s per strategy"
    );
    println!(
        "{:<16} {:>12} {:>8} {:>8} {:>14} {:>14} {:>12}",
        "strategy", "requests", "wall s", "cpu s", "req/s (wall)", "req/s (cpu)", "mismatches"
    );
    let mut total_requests = 0u64;
    let mut total_wall = 0f64;
    let mut total_cpu = 0f64;
    let mut hashes = Vec::new();
    for strategy in Strategy::ALL {
        let started = Instant::now();
        let cpu_started = cpu_seconds();
        let sim = benchmark_run(strategy, seconds);
        let wall = started.elapsed().as_secs_f64();
        let cpu = match (cpu_started, cpu_seconds()) {
            (Some(a), Some(b)) => b - a,
            _ => wall,
        };
        let m = sim.metrics();
        total_requests += m.requests;
        total_wall += wall;
        total_cpu += cpu;
        hashes.push(sim.history_hash());
        println!(
            "{:<16} {:>12} {:>8.2} {:>8.2} {:>14.0} {:>14.0} {:>12}",
            strategy.name(),
            m.requests,
            wall,
            cpu,
            m.requests as f64 / wall,
            m.requests as f64 / cpu,
            m.mismatches,
        );
    }
    println!(
        "{:<16} {:>12} {:>8.2} {:>8.2} {:>14.0} {:>14.0}",
        "all",
        total_requests,
        total_wall,
        total_cpu,
        total_requests as f64 / total_wall,
        total_requests as f64 / total_cpu
    );
    // The wasm32 benchmark prints the same hash for the same seconds (scripts/bench.sh compares them).
    println!("history hash {:016x}", fold_hashes(hashes));
}
