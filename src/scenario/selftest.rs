//! A fixed, busy scenario whose history hash the page shows under `?selftest=1`: the end-to-end test
//! compares it with `sessionscope-sim hash tests/fixtures/selftest.json`, which proves that the model
//! runs identically as wasm32 in the browser and natively. The fixture file and this function describe
//! the same scenario; a native test keeps them equal.

use super::{Scenario, TimedCommand};
use crate::model::{
    Balancer, Command, Config, Persistence, Replication, ServerId, StickyBy, StoreKind, Strategy,
    MS, SECOND,
};

/// Every strategy in turn, with crashes, a partition, a slow server, scaling, a traffic event and store
/// failures, over 30 simulated seconds.
pub fn reference_scenario() -> Scenario {
    use Command as C;
    let config = Config {
        seed: 20_261_124,
        strategy: Strategy::ClusterAll,
        balancer: Balancer::RoundRobin,
        servers: 4,
        users: 40,
        users_per_ip: 2,
        think_time_ms: 800,
        skew: 0.5,
        replication: Replication::Async,
        replication_lag_ms: 200,
        store_kind: StoreKind::Memory,
        store_persistence: Persistence::AppendOnly,
        store_replica: true,
        ..Config::default()
    };
    let at = |ms: u64, command: Command| TimedCommand {
        at: ms * MS,
        command,
    };
    Scenario {
        config,
        duration: 30 * SECOND,
        timeline: vec![
            at(
                2_000,
                C::Traffic {
                    factor: 2.0,
                    for_ms: 5_000,
                },
            ),
            at(4_000, C::CrashServer(ServerId(1))),
            at(7_000, C::RestartServer(ServerId(1))),
            at(8_000, C::SetReplicationLag { ms: 300 }),
            at(9_000, C::SetReplication(Replication::Sync)),
            at(10_000, C::SetStrategy(Strategy::ClusterBackup)),
            at(12_000, C::CrashServer(ServerId(2))),
            at(13_000, C::AddServer),
            at(14_500, C::SetStickyBy(StickyBy::Ip)),
            at(15_000, C::SetStrategy(Strategy::Sticky)),
            at(
                16_000,
                C::SlowServer {
                    server: ServerId(0),
                    factor: 3.0,
                },
            ),
            at(17_000, C::SetBalancer(Balancer::LeastConnections)),
            at(18_000, C::SetStrategy(Strategy::Store)),
            at(20_000, C::CrashStore),
            at(
                21_000,
                C::PartitionServer {
                    server: ServerId(3),
                    partitioned: true,
                },
            ),
            at(23_000, C::RestartStore),
            at(
                24_000,
                C::PartitionServer {
                    server: ServerId(3),
                    partitioned: false,
                },
            ),
            at(25_000, C::CrashReplica),
            at(26_000, C::RestartReplica),
            at(26_500, C::SetUsers(60)),
            at(27_000, C::RemoveServer),
            at(28_000, C::RestartServer(ServerId(2))),
            at(29_000, C::SetStrategy(Strategy::None)),
        ],
    }
}

/// A history hash as the runner's `hash` command and the page's self-test show it: 16 lowercase hex
/// digits.
pub fn hash_hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// The history hash of `reference_scenario()` after its 30 seconds.
pub fn reference_hash() -> u64 {
    reference_scenario().history_hash()
}
