//! A fixed reference workload whose history hash must be the same natively and in WebAssembly: the
//! app (or a wasm test) computes `reference_hash()` and a test compares it with the native value.

use super::command::Command;
use super::config::{Config, Persistence, Replication, Strategy, MS, SECOND};
use super::simulation::Simulation;

/// Every strategy in turn, with faults, scale changes, a traffic peak and a failover, over 40 s of
/// model time.
pub fn reference_run(strategy: Strategy) -> Simulation {
    let mut config = Config {
        seed: 20_261_124,
        strategy,
        servers: 4,
        users: 50,
        users_per_ip: 3,
        think_time_ms: 600,
        skew: 0.7,
        replication: Replication::Async,
        replication_lag_ms: 300,
        store_replica: true,
        store_persistence: Persistence::AppendOnly,
        ..Config::default()
    };
    config.timing.store_failover_ms = 4_000;
    config.timing.session_timeout_ms = 20_000;
    let mut sim = Simulation::new(config);
    let timeline = [
        (3 * SECOND, Command::CrashServer(1)),
        (5 * SECOND, Command::AddServer),
        (
            8 * SECOND,
            Command::Traffic {
                factor: 2.5,
                for_ms: 5_000,
            },
        ),
        (11 * SECOND, Command::RestartServer(1)),
        (14 * SECOND, Command::CrashStore),
        (15 * SECOND, Command::SetReplication(Replication::Sync)),
        (
            17 * SECOND + 250 * MS,
            Command::PartitionServer {
                server: 2,
                partitioned: true,
            },
        ),
        (
            20 * SECOND,
            Command::SlowServer {
                server: 0,
                factor: 3.5,
            },
        ),
        (22 * SECOND, Command::RemoveServer),
        (
            25 * SECOND,
            Command::PartitionServer {
                server: 2,
                partitioned: false,
            },
        ),
        (27 * SECOND, Command::SetSkew(0.2)),
        (30 * SECOND, Command::SetUsers(20)),
    ];
    for (at, command) in timeline {
        sim.schedule(at, command);
    }
    sim.advance_to(40 * SECOND);
    sim
}

/// The history hashes of the reference run under every strategy, folded into one number.
pub fn reference_hash() -> u64 {
    Strategy::ALL.into_iter().fold(0u64, |acc, strategy| {
        super::hash::mix64(acc ^ reference_run(strategy).history_hash())
    })
}
