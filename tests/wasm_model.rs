//! The model compiled to wasm32, in headless Chromium (wasm-bindgen-test; scripts/test.sh runs it).
//!
//! 1. Determinism: the self-test scenario's history hash under wasm32 equals the native one, which
//!    tests/fixtures/selftest.native-hash records (the native test below keeps that file honest).
//! 2. Benchmark: the `model::workload` benchmark, timed with `performance.now()`. Ignored in the
//!    normal suite; scripts/bench.sh runs it with `--include-ignored`, built with
//!    `SESSIONSCOPE_BENCH_SECONDS=<simulated seconds per strategy>` (default: the native benchmark's), and
//!    reads the one `SESSIONSCOPE_WASM_BENCH …` line it prints.

use sessionscope::scenario::{hash_hex, reference_hash};

/// The native history hash of the self-test scenario (tests/fixtures/selftest.json).
const NATIVE_REFERENCE_HASH: &str = include_str!("fixtures/selftest.native-hash");

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_recorded_native_reference_hash_is_current() {
    let native = hash_hex(reference_hash());
    assert_eq!(
        NATIVE_REFERENCE_HASH.trim(),
        native,
        "the model's history changed: write {native} into tests/fixtures/selftest.native-hash \
         (the wasm32 test compares against it)"
    );
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;
    use sessionscope::model::workload::{
        benchmark_run, fold_hashes, BENCHMARK_SECONDS, BENCHMARK_SERVERS, BENCHMARK_USERS,
    };
    use sessionscope::model::Strategy;
    use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_reference_hash_in_wasm_equals_the_native_one() {
        assert_eq!(hash_hex(reference_hash()), NATIVE_REFERENCE_HASH.trim());
    }

    /// Simulated seconds of the untimed warm-up run.
    const WARM_UP_SECONDS: u64 = 60;

    fn now_ms() -> f64 {
        web_sys::window()
            .and_then(|w| w.performance())
            .expect("performance.now() in the test page")
            .now()
    }

    #[wasm_bindgen_test]
    #[ignore = "benchmark: scripts/bench.sh runs it"]
    fn benchmark_workload_requests_per_second() {
        let seconds: u64 =
            option_env!("SESSIONSCOPE_BENCH_SECONDS").map_or(BENCHMARK_SECONDS, |s| {
                s.parse()
                    .expect("SESSIONSCOPE_BENCH_SECONDS is a whole number of simulated seconds")
            });
        // Each strategy runs this many times and the fastest counts, as in the native benchmark.
        let repeats: u32 = option_env!("SESSIONSCOPE_BENCH_REPEATS").map_or(1, |s| {
            s.parse::<u32>()
                .expect("SESSIONSCOPE_BENCH_REPEATS is a whole number")
                .max(1)
        });
        // V8 first runs wasm through its baseline compiler and tiers hot code up to the optimising one
        // while it runs: an untimed warm-up keeps that from counting against the first strategy.
        benchmark_run(Strategy::None, WARM_UP_SECONDS.min(seconds));
        let mut requests = 0u64;
        let mut elapsed_ms = 0f64;
        let mut hashes = Vec::new();
        for strategy in Strategy::ALL {
            let mut took = f64::INFINITY;
            let mut last = None;
            for _ in 0..repeats {
                let started = now_ms();
                let run = benchmark_run(strategy, seconds);
                took = took.min(now_ms() - started);
                last = Some(run);
            }
            let sim = last.expect("at least one run");
            let done = sim.metrics().requests;
            assert!(done > 0, "{}: no request simulated", strategy.name());
            console_log!(
                "{:<16} {:>12} requests {:>9.1} ms {:>12.0} req/s",
                strategy.name(),
                done,
                took,
                done as f64 / (took / 1000.0)
            );
            requests += done;
            elapsed_ms += took;
            hashes.push(sim.history_hash());
        }
        console_log!(
            "SESSIONSCOPE_WASM_BENCH servers={BENCHMARK_SERVERS} users={BENCHMARK_USERS} seconds={seconds} \
             repeats={repeats} requests={requests} ms={elapsed_ms:.1} hash={:016x}",
            fold_hashes(hashes)
        );
    }
}
