//! The runner never panics on a scenario the file format accepts: random valid scenarios (every
//! strategy, balancer and action, extreme timing values) run to the end, twice with the same history.
//! Populations and durations are kept small so that this stays a few seconds in a debug build.

#[path = "scenario_support/mod.rs"]
mod support;

use proptest::prelude::*;
use sessionscope::model::SECOND;
use sessionscope::scenario::{compare, Scenario};

fn small_scenario() -> impl Strategy<Value = Scenario> {
    (
        support::arb_config(),
        1u32..=40,
        1u32..=8,
        100u32..=5_000,
        1u64..=10 * SECOND,
        support::arb_timed(10),
        any::<bool>(),
    )
        .prop_map(
            |(mut config, users, per_ip, think, duration, timed, extreme)| {
                config.users = users;
                config.users_per_ip = per_ip;
                config.think_time_ms = think;
                if extreme {
                    // The edges of the accepted timing ranges.
                    config.timing.server_memory_bytes = 1;
                    config.timing.concurrency = 1;
                    config.timing.health_check_interval_ms = 1;
                    config.timing.session_timeout_ms = 1;
                    config.timing.store_snapshot_interval_ms = 1;
                    config.timing.fail_timeout_ms = 0;
                    config.timing.store_failover_ms = 0;
                    config.timing.lan_hop_ms = 0;
                    config.timing.client_hop_ms = 0;
                }
                let timed = timed
                    .into_iter()
                    .map(|(at, c)| (at % duration, c))
                    .collect();
                support::valid_scenario(config, duration, timed)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn valid_scenarios_run_to_the_end_deterministically(scenario in small_scenario()) {
        // Bounded by construction: never more users than 40 at 100 ms think time for 10 s, even under
        // a traffic event.
        let first = scenario.finished();
        prop_assert_eq!(first.now(), scenario.duration);
        let second = scenario.finished();
        prop_assert_eq!(first.history_hash(), second.history_hash());
        prop_assert_eq!(first.report(), second.report());
        prop_assert_eq!(compare(&scenario).len(), 5);
    }
}
