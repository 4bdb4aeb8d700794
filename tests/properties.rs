//! The model's invariants over random configurations and timelines: requests are conserved,
//! no session is lost without a fault, zero mismatches where the strategy guarantees it, and the same
//! scenario always gives the same history.

use proptest::prelude::*;
use sessionscope::model::{
    Balancer, Command, Config, Persistence, Replication, ServerId, Simulation, StickyBy, StoreKind,
    Strategy as Sharing, MS, SECOND,
};

mod common;
use common::check_conservation;

fn strategy() -> impl Strategy<Value = Sharing> {
    prop::sample::select(Sharing::ALL.to_vec())
}

fn balancer() -> impl Strategy<Value = Balancer> {
    prop::sample::select(Balancer::ALL.to_vec())
}

prop_compose! {
    fn config()(
        seed in any::<u64>(),
        strategy in strategy(),
        balancer in balancer(),
        sticky_by in prop::sample::select(StickyBy::ALL.to_vec()),
        servers in 1u32..6,
        users in 1u32..60,
        users_per_ip in 1u32..6,
        think_time_ms in 50u32..3_000,
        skew in 0.0f64..1.0,
        replication in prop::sample::select(Replication::ALL.to_vec()),
        replication_lag_ms in 0u32..2_000,
        store_kind in prop::sample::select(StoreKind::ALL.to_vec()),
        store_persistence in prop::sample::select(Persistence::ALL.to_vec()),
        store_replica in any::<bool>(),
        session_timeout_s in 2u64..120,
        big_memory in any::<bool>(),
    ) -> Config {
        let mut config = Config {
            seed, strategy, balancer, sticky_by, servers, users, users_per_ip, think_time_ms, skew,
            replication, replication_lag_ms, store_kind, store_persistence, store_replica,
            ..Config::default()
        };
        config.timing.session_timeout_ms = session_timeout_s * 1_000;
        config.timing.store_failover_ms = 4_000;
        if !big_memory {
            config.timing.server_memory_bytes = 60 * u64::from(config.timing.full_session_bytes);
        }
        config
    }
}

/// Interventions that are not faults: nothing they do may lose a session.
fn harmless() -> impl Strategy<Value = Command> {
    prop_oneof![
        balancer().prop_map(Command::SetBalancer),
        (1u32..80).prop_map(Command::SetUsers),
        (0.0f64..1.0).prop_map(Command::SetSkew),
        (50u32..3_000).prop_map(|ms| Command::SetThinkTime { ms }),
        (0u32..2_000).prop_map(|ms| Command::SetReplicationLag { ms }),
        (0u32..5_000).prop_map(|ms| Command::SetStoreReplicaLag { ms }),
        (0.5f64..8.0, 100u64..10_000)
            .prop_map(|(factor, for_ms)| Command::Traffic { factor, for_ms }),
        ((0u32..6).prop_map(ServerId), 0.5f64..10.0)
            .prop_map(|(server, factor)| Command::SlowServer { server, factor }),
        Just(Command::AddServer),
        strategy().prop_map(Command::SetStrategy),
    ]
}

/// Anything at all, faults included.
fn anything() -> impl Strategy<Value = Command> {
    prop_oneof![
        3 => harmless(),
        1 => (0u32..6).prop_map(ServerId).prop_map(Command::CrashServer),
        1 => (0u32..6).prop_map(ServerId).prop_map(Command::RestartServer),
        1 => Just(Command::RemoveServer),
        1 => ((0u32..6).prop_map(ServerId), any::<bool>()).prop_map(|(server, partitioned)| Command::PartitionServer { server, partitioned }),
        1 => Just(Command::CrashStore),
        1 => Just(Command::RestartStore),
        1 => Just(Command::CrashReplica),
        1 => Just(Command::RestartReplica),
        1 => any::<bool>().prop_map(Command::SetStoreReplica),
        1 => prop::sample::select(Persistence::ALL.to_vec()).prop_map(Command::SetStorePersistence),
        1 => prop::sample::select(Replication::ALL.to_vec()).prop_map(Command::SetReplication),
    ]
}

fn timeline(command: impl Strategy<Value = Command>) -> impl Strategy<Value = Vec<(u64, Command)>> {
    prop::collection::vec((0u64..30_000, command), 0..10)
}

fn run(config: Config, timeline: &[(u64, Command)], seconds: u64) -> Simulation {
    let mut sim = Simulation::new(config);
    for (at_ms, command) in timeline {
        sim.schedule(at_ms * MS, command.clone());
    }
    sim.advance_to(seconds * SECOND);
    sim
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn requests_and_sessions_are_conserved(config in config(), timeline in timeline(anything())) {
        let sim = run(config, &timeline, 40);
        check_conservation(&sim);
    }

    #[test]
    fn the_same_scenario_gives_the_same_history(config in config(), timeline in timeline(anything())) {
        let a = run(config.clone(), &timeline, 20);
        let b = run(config, &timeline, 20);
        prop_assert_eq!(a.history_hash(), b.history_hash());
        prop_assert_eq!(a.report(), b.report());
    }

    #[test]
    fn no_session_is_lost_without_a_fault(mut config in config(), timeline in timeline(harmless())) {
        config.timing.server_memory_bytes = 1 << 40;
        let sim = run(config, &timeline, 40);
        prop_assert_eq!(sim.metrics().sessions_lost, 0);
        prop_assert_eq!(sim.metrics().lost_session_hits, 0);
        check_conservation(&sim);
    }

    #[test]
    fn one_server_without_sharing_never_mismatches(mut config in config(), timeline in timeline(harmless())) {
        config.strategy = Sharing::None;
        config.servers = 1;
        let timeline: Vec<_> = timeline
            .into_iter()
            .filter(|(_, c)| !matches!(c, Command::AddServer | Command::SetStrategy(_)))
            .collect();
        let sim = run(config, &timeline, 40);
        prop_assert_eq!(sim.metrics().mismatches, 0);
    }

    #[test]
    fn sticky_without_faults_never_mismatches(mut config in config(), timeline in timeline(harmless())) {
        config.strategy = Sharing::Sticky;
        config.timing.server_memory_bytes = 1 << 40;
        // By IP, the server count must not change (ip_hash re-maps users, as in real life).
        let by_ip = config.sticky_by == StickyBy::Ip;
        let timeline: Vec<_> = timeline
            .into_iter()
            .filter(|(_, c)| !matches!(c, Command::SetStrategy(_)))
            .filter(|(_, c)| !(by_ip && matches!(c, Command::AddServer)))
            .collect();
        let sim = run(config, &timeline, 40);
        prop_assert_eq!(sim.metrics().mismatches, 0);
        prop_assert!(sim.metrics().ok > 0);
    }

    #[test]
    fn the_store_without_store_faults_never_mismatches(mut config in config(), timeline in timeline(anything())) {
        config.strategy = Sharing::Store;
        // Server faults are fine; the store itself stays up.
        let timeline: Vec<_> = timeline
            .into_iter()
            .filter(|(_, c)| !matches!(
                c,
                Command::SetStrategy(_) | Command::CrashStore | Command::RestartStore
                    | Command::CrashReplica | Command::RestartReplica | Command::SetStoreReplica(_)
            ))
            .collect();
        let sim = run(config, &timeline, 40);
        prop_assert_eq!(sim.metrics().mismatches, 0);
        prop_assert_eq!(sim.metrics().lost_session_hits, 0);
        prop_assert_eq!(sim.metrics().sessions_lost, 0);
    }
}
