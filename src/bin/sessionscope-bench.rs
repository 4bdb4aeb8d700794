//! Benchmark: simulated requests per second, natively, for a large workload (8 servers, 10 000 users)
//! under each strategy (`model::workload`, the same workload the wasm32 benchmark runs).
//! Run: `cargo run --profile bench-native --bin sessionscope-bench [SECONDS [REPEATS]]`: simulated seconds
//! per strategy (default 1200), and how many times each strategy runs, the fastest counting (default 1;
//! on a shared machine more repeats keep other work's bursts out of the figure). `scripts/bench.sh` runs
//! it next to the wasm figure.

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
    let arg = |n: usize| std::env::args().nth(n).and_then(|a| a.parse::<u64>().ok());
    let seconds = arg(1).unwrap_or(BENCHMARK_SECONDS);
    let repeats = arg(2).unwrap_or(1).max(1);
    println!(
        "SessionScope model benchmark: {BENCHMARK_SERVERS} servers, {BENCHMARK_USERS} users, \
         {seconds} simulated s per strategy, fastest of {repeats}"
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
        let (mut wall, mut cpu) = (f64::INFINITY, f64::INFINITY);
        let mut sim = None;
        for _ in 0..repeats {
            let started = Instant::now();
            let cpu_started = cpu_seconds();
            let run = benchmark_run(strategy, seconds);
            let run_wall = started.elapsed().as_secs_f64();
            wall = wall.min(run_wall);
            cpu = cpu.min(match (cpu_started, cpu_seconds()) {
                (Some(a), Some(b)) => b - a,
                _ => run_wall,
            });
            sim = Some(run);
        }
        let sim = sim.expect("at least one run");
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
