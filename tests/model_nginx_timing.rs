//! nginx's passive failure detection as measured on real nginx 1.22 (`scripts/check-real.sh`): time in
//! whole seconds, so a server that refused a connection is tried again `fail_timeout + 1 s` after the
//! second of the refusal began.

use sessionscope::model::balancer::retry_after_failure;
use sessionscope::model::{
    Balancer, Command, Config, ServerId, Simulation, Strategy, Timing, MS, SECOND,
};

#[test]
fn a_failed_server_is_tried_again_in_the_second_after_fail_timeout() {
    assert_eq!(retry_after_failure(1_300 * MS, 2_000), 4 * SECOND);
    assert_eq!(retry_after_failure(SECOND - 1, 10_000), 11 * SECOND);
    assert_eq!(retry_after_failure(SECOND, 10_000), 12 * SECOND);
    assert_eq!(retry_after_failure(0, 0), SECOND);
}

#[test]
fn a_dead_server_is_probed_every_fail_timeout_plus_the_rest_of_a_second() {
    let config = Config {
        strategy: Strategy::None,
        balancer: Balancer::RoundRobin,
        servers: 3,
        users: 10,
        think_time_ms: 50,
        skew: 0.0,
        timing: Timing {
            client_hop_ms: 0,
            lan_hop_ms: 0,
            service_ms: 1,
            fail_timeout_ms: 2_000,
            // No active health checks (open-source nginx has none).
            health_check_failures: u32::MAX,
            // Nobody restarts the dead server during the test.
            server_restart_ms: None,
            ..Timing::DEFAULT
        },
        ..Config::DEFAULT
    };
    let mut sim = Simulation::new(config);
    sim.advance_to(1_300 * MS);
    sim.apply(Command::CrashServer(ServerId(1)));
    let mut refusals = Vec::new();
    let mut t = sim.now();
    while t < 8 * SECOND {
        let before = sim.metrics().passed_to_next;
        t += MS;
        sim.advance_to(t);
        if sim.metrics().passed_to_next > before {
            refusals.push(t);
        }
    }
    // Refused at once (traffic every few ms), then at 1 + 1 + 2 = 4 s and 4 + 1 + 2 = 7 s.
    assert_eq!(refusals.len(), 3, "{refusals:?}");
    assert!(refusals[0] < 1_400 * MS, "{refusals:?}");
    assert!(
        (4 * SECOND..4 * SECOND + 50 * MS).contains(&refusals[1]),
        "{refusals:?}"
    );
    assert!(
        (7 * SECOND..7 * SECOND + 50 * MS).contains(&refusals[2]),
        "{refusals:?}"
    );
}
