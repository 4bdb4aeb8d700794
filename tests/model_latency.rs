//! Latency read-outs fine enough to show a store's round trip: with the same workload, a store on a
//! relational database (8 ms a round trip) and one in memory (1 ms) differ in p50 by about the
//! difference of their round trips, not by a whole coarse bucket. And the store's round trip itself,
//! read out directly.

use sessionscope::model::{Config, Report, StoreKind, Strategy, SECOND};
use sessionscope::scenario::Scenario;

fn run(kind: StoreKind, seed: u64) -> Report {
    let config = Config {
        strategy: Strategy::Store,
        store_kind: kind,
        users: 20,
        think_time_ms: 500,
        seed,
        ..Config::DEFAULT
    };
    Scenario {
        config,
        duration: 60 * SECOND,
        timeline: Vec::new(),
    }
    .run()
}

#[test]
fn memory_and_rdb_p50_differ_by_about_the_round_trip_difference() {
    let t = Config::DEFAULT.timing;
    let rtt_difference = f64::from(t.store_rdb_rtt_ms - t.store_memory_rtt_ms);
    for seed in [1, 2, 3] {
        let (memory, rdb) = (run(StoreKind::Memory, seed), run(StoreKind::Rdb, seed));
        let p50 = rdb.latency_ms.p50 - memory.latency_ms.p50;
        println!(
            "seed {seed}: p50 {} vs {} ms (+{p50:.2}), p99 {} vs {} ms",
            memory.latency_ms.p50, rdb.latency_ms.p50, memory.latency_ms.p99, rdb.latency_ms.p99
        );
        assert!(
            (p50 - rtt_difference).abs() <= 0.35 * rtt_difference,
            "seed {seed}: p50 differs by {p50} ms, the round trips by {rtt_difference} ms"
        );
        assert!(rdb.latency_ms.p99 > memory.latency_ms.p99, "seed {seed}");
    }
}

#[test]
fn the_stores_round_trip_is_its_network_round_trip_and_its_service_time() {
    let t = Config::DEFAULT.timing;
    for (kind, rtt) in [
        (StoreKind::Memory, t.store_memory_rtt_ms),
        (StoreKind::Rdb, t.store_rdb_rtt_ms),
    ] {
        let report = run(kind, 1);
        let measured = report.store_round_trip_ms;
        println!("{kind:?}: {measured:.3} ms a round trip ({rtt} ms on the network)");
        // At least the network's round trip; the rest is the store's work (a few ms at most here,
        // where 20 users queue little).
        assert!(
            measured >= f64::from(rtt) && measured < f64::from(rtt) + 4.0,
            "{kind:?}: {measured} ms"
        );
    }
    let none = Scenario {
        config: Config {
            strategy: Strategy::Sticky,
            ..Config::DEFAULT
        },
        duration: 10 * SECOND,
        timeline: Vec::new(),
    }
    .run();
    assert_eq!(none.store_round_trip_ms, 0.0, "no store, no round trip");
}
