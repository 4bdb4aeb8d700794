//! The scenario file: defaults, every key, precise rejections, round trips, the self-test fixture and
//! the compare path.

#[path = "scenario_support/mod.rs"]
mod support;

use proptest::prelude::*;
use sessionscope::model::{
    Balancer, Command, Config, Persistence, Replication, ServerId, StickyBy, StoreKind, Strategy,
    MS, SECOND,
};
use sessionscope::scenario::compare::variant;
use sessionscope::scenario::{
    compare, parse_scenario, reference_hash, reference_scenario, Scenario, TimedCommand,
};

fn reject(text: &str) -> (String, String) {
    match parse_scenario(text) {
        Ok(s) => panic!("accepted {text}: {s:?}"),
        Err(e) => (e.key, e.message),
    }
}

#[test]
fn an_empty_object_is_the_default_scenario() {
    assert_eq!(parse_scenario("{}").unwrap(), Scenario::default());
    assert_eq!(parse_scenario(" {\n} ").unwrap(), Scenario::default());
}

#[test]
fn every_contract_key_is_read() {
    let s = parse_scenario(
        r#"{
        "seed": 18446744073709551615, "duration_s": 12.5, "strategy": "sticky", "sticky_by": "ip",
        "balancer": "cookie-hash-consistent", "servers": 64, "users": 100000, "users_per_ip": 100,
        "think_time_ms": 250, "replication": "sync", "replication_lag_ms": 0, "store_kind": "rdb",
        "store_replica": true, "skew": 0.25, "store_persistence": "snapshot",
        "timing": { "service_ms": 7, "session_timeout_ms": 60000, "store_failover_ms": 5000 },
        "description": "all keys",
        "timeline": [
            { "at_s": 1.5, "do": "traffic", "factor": 4, "for_s": 2.25 },
            { "at_s": 1, "do": "crash-server", "server": 63 }
        ]
    }"#,
    )
    .unwrap();
    let c = &s.config;
    assert_eq!(c.seed, u64::MAX);
    assert_eq!(s.duration, 12_500_000);
    assert_eq!(c.strategy, Strategy::Sticky);
    assert_eq!(c.sticky_by, StickyBy::Ip);
    assert_eq!(c.balancer, Balancer::CookieHashConsistent);
    assert_eq!((c.servers, c.users, c.users_per_ip), (64, 100_000, 100));
    assert_eq!(c.think_time_ms, 250);
    assert_eq!(c.replication, Replication::Sync);
    assert_eq!(c.replication_lag_ms, 0);
    assert_eq!(c.store_kind, StoreKind::Rdb);
    assert!(c.store_replica);
    assert_eq!(c.skew, 0.25);
    assert_eq!(c.store_persistence, Persistence::Snapshot);
    assert_eq!(c.timing.service_ms, 7);
    assert_eq!(c.timing.session_timeout_ms, 60_000);
    assert_eq!(c.timing.store_failover_ms, 5_000);
    assert_eq!(c.timing.lan_hop_ms, Config::default().timing.lan_hop_ms);
    // Sorted by time.
    assert_eq!(
        s.timeline,
        vec![
            TimedCommand {
                at: SECOND,
                command: Command::CrashServer(ServerId(63))
            },
            TimedCommand {
                at: 1_500 * MS,
                command: Command::Traffic {
                    factor: 4.0,
                    for_ms: 2_250
                }
            },
        ]
    );
}

#[test]
fn every_action_is_read() {
    let s = parse_scenario(
        r#"{ "servers": 2, "timeline": [
        { "at_s": 0, "do": "set-strategy", "strategy": "cluster-backup" },
        { "at_s": 0, "do": "set-sticky-by", "sticky_by": "cookie" },
        { "at_s": 0, "do": "set-balancer", "balancer": "ip-hash" },
        { "at_s": 0, "do": "set-replication", "replication": "async" },
        { "at_s": 0, "do": "set-replication-lag", "replication_lag_ms": 80 },
        { "at_s": 0, "do": "set-store-kind", "store_kind": "memory" },
        { "at_s": 0, "do": "set-store-persistence", "store_persistence": "aof" },
        { "at_s": 0, "do": "set-store-replica", "store_replica": false },
        { "at_s": 0, "do": "set-users", "users": 7 },
        { "at_s": 0, "do": "set-skew", "skew": 1 },
        { "at_s": 0, "do": "set-think-time", "think_time_ms": 9 },
        { "at_s": 1, "do": "add-server" },
        { "at_s": 2, "do": "crash-server", "server": 2 },
        { "at_s": 3, "do": "restart-server", "server": 2 },
        { "at_s": 4, "do": "partition-server", "server": 1 },
        { "at_s": 5, "do": "heal-server", "server": 1 },
        { "at_s": 6, "do": "slow-server", "server": 0, "factor": 2.5 },
        { "at_s": 7, "do": "remove-server" },
        { "at_s": 8, "do": "crash-store" },
        { "at_s": 9, "do": "restart-store" },
        { "at_s": 10, "do": "crash-replica" },
        { "at_s": 11, "do": "restart-replica" },
        { "at_s": 12, "do": "traffic", "factor": 0.5, "for_s": 30 }
    ] }"#,
    )
    .unwrap();
    use Command as C;
    let commands: Vec<Command> = s.timeline.into_iter().map(|t| t.command).collect();
    assert_eq!(
        commands,
        vec![
            C::SetStrategy(Strategy::ClusterBackup),
            C::SetStickyBy(StickyBy::Cookie),
            C::SetBalancer(Balancer::IpHash),
            C::SetReplication(Replication::Async),
            C::SetReplicationLag { ms: 80 },
            C::SetStoreKind(StoreKind::Memory),
            C::SetStorePersistence(Persistence::AppendOnly),
            C::SetStoreReplica(false),
            C::SetUsers(7),
            C::SetSkew(1.0),
            C::SetThinkTime { ms: 9 },
            C::AddServer,
            C::CrashServer(ServerId(2)),
            C::RestartServer(ServerId(2)),
            C::PartitionServer {
                server: ServerId(1),
                partitioned: true
            },
            C::PartitionServer {
                server: ServerId(1),
                partitioned: false
            },
            C::SlowServer {
                server: ServerId(0),
                factor: 2.5
            },
            C::RemoveServer,
            C::CrashStore,
            C::RestartStore,
            C::CrashReplica,
            C::RestartReplica,
            C::Traffic {
                factor: 0.5,
                for_ms: 30_000
            },
        ]
    );
}

#[test]
fn rejections_name_the_key_and_the_problem() {
    let cases: &[(&str, &str, &str)] = &[
        (r#"{"servers": 0}"#, "servers", "between 1 and 64, got 0"),
        (r#"{"servers": 65}"#, "servers", "between 1 and 64, got 65"),
        (r#"{"servers": -2}"#, "servers", "must not be negative"),
        (r#"{"servers": 2.5}"#, "servers", "whole number"),
        (r#"{"servers": "3"}"#, "servers", "expected a whole number, got the text \"3\""),
        (r#"{"servers": 1e400}"#, "", "not valid JSON"),
        (r#"{"users": 100001}"#, "users", "between 1 and 100000"),
        (r#"{"users_per_ip": 0}"#, "users_per_ip", "between 1 and 100000"),
        (r#"{"seed": 18446744073709551616}"#, "seed", "between 0 and"),
        (r#"{"seed": null}"#, "seed", "expected a whole number, got null"),
        (r#"{"strategy": "cluster"}"#, "strategy", "unknown strategy \"cluster\"; expected one of: none, sticky, cluster-all, cluster-backup, store"),
        (r#"{"strategy": 3}"#, "strategy", "expected a name in quotes"),
        (r#"{"balancer": "roundrobin"}"#, "balancer", "expected one of: round-robin,"),
        (r#"{"sticky_by": "IP"}"#, "sticky_by", "unknown sticky_by"),
        (r#"{"store_replica": "true"}"#, "store_replica", "expected true or false"),
        (r#"{"skew": 1.5}"#, "skew", "between 0 and 1, got 1.5"),
        (r#"{"duration_s": 0}"#, "duration_s", "between 0.000001 and 1000000"),
        (r#"{"duration_s": 1e7}"#, "duration_s", "between"),
        (r#"{"sever": 3}"#, "sever", "unknown key"),
        (r#"{"server": 3}"#, "server", "did you mean \"servers\"?"),
        (r#"{"timing": {"service_ms": 0}}"#, "timing.service_ms", "between 1 and 60000, got 0"),
        (r#"{"timing": {"servce_ms": 3}}"#, "timing.servce_ms", "did you mean \"service_ms\"?"),
        (r#"{"timing": 3}"#, "timing", "expected an object"),
        (r#"{"timeline": {}}"#, "timeline", "expected a list"),
        (r#"{"timeline": [3]}"#, "timeline[0]", "expected an entry like"),
        (r#"{"timeline": [{"do": "add-server"}]}"#, "timeline[0].at_s", "missing"),
        (r#"{"timeline": [{"at_s": 1}]}"#, "timeline[0].do", "missing"),
        (r#"{"timeline": [{"at_s": -1, "do": "add-server"}]}"#, "timeline[0].at_s", "must not be negative"),
        (r#"{"timeline": [{"at_s": "1", "do": "add-server"}]}"#, "timeline[0].at_s", "expected a number"),
        (r#"{"timeline": [{"at_s": 1, "do": "explode"}]}"#, "timeline[0].do", "unknown action \"explode\"; expected one of: set-strategy,"),
        (r#"{"timeline": [{"at_s": 1, "do": "add-server"}, {"at_s": 2, "do": "crash-server"}]}"#, "timeline[1].server", "missing: crash-server needs server"),
        (r#"{"timeline": [{"at_s": 1, "do": "crash-server", "server": 3}]}"#, "timeline[0].server", "server 3 does not exist at that moment (servers are numbered 0 to 2)"),
        (r#"{"servers": 1, "timeline": [{"at_s": 1, "do": "crash-server", "server": 1}]}"#, "timeline[0].server", "the only server is 0"),
        (r#"{"timeline": [{"at_s": 1, "do": "crash-server", "server": 0.5}]}"#, "timeline[0].server", "whole number"),
        (r#"{"timeline": [{"at_s": 1, "do": "crash-server", "server": 0, "factor": 2}]}"#, "timeline[0].factor", "unknown argument of crash-server (it takes: server)"),
        (r#"{"timeline": [{"at_s": 1, "do": "crash-store", "server": 0}]}"#, "timeline[0].server", "it takes no arguments"),
        (r#"{"servers": 1, "timeline": [{"at_s": 1, "do": "remove-server"}]}"#, "timeline[0].do", "only one server left"),
        (r#"{"servers": 64, "timeline": [{"at_s": 1, "do": "add-server"}]}"#, "timeline[0].do", "already 64 servers"),
        (r#"{"timeline": [{"at_s": 1, "do": "set-strategy", "strategy": "all"}]}"#, "timeline[0].strategy", "unknown strategy \"all\""),
        (r#"{"timeline": [{"at_s": 1, "do": "traffic", "factor": 0, "for_s": 5}]}"#, "timeline[0].factor", "between 0.01 and 100, got 0"),
        (r#"{"timeline": [{"at_s": 1, "do": "traffic", "factor": 2}]}"#, "timeline[0].for_s", "missing: traffic needs factor and for_s"),
        (r#"{"timeline": [{"at_s": 1, "do": "slow-server", "server": 0, "factor": 1000}]}"#, "timeline[0].factor", "between 0.1 and 100"),
        (r#"{"timeline": [{"at_s": 1, "do": "set-users", "users": 0}]}"#, "timeline[0].users", "between 1 and 100000"),
        (r#"{"description": 3}"#, "description", "expected a text"),
        ("[]", "", "must be a JSON object"),
        ("", "", "not valid JSON"),
        ("{\"servers\": 3,}", "", "not valid JSON"),
    ];
    for (text, key, fragment) in cases {
        let (got_key, message) = reject(text);
        assert_eq!(&got_key, key, "key for {text}: {message}");
        assert!(
            message.contains(fragment),
            "message for {text}: {message:?} lacks {fragment:?}"
        );
        assert!(!message.contains('\n'), "{message:?}");
    }
}

#[test]
fn removal_order_follows_time_not_file_order() {
    // Written out of order: the crash of server 3 comes after the add-server that creates it.
    let text = r#"{"timeline": [
        {"at_s": 5, "do": "crash-server", "server": 3},
        {"at_s": 2, "do": "add-server"}
    ]}"#;
    let s = parse_scenario(text).unwrap();
    assert_eq!(s.timeline[0].command, Command::AddServer);
    // And at the same moment, file order decides.
    let same = r#"{"timeline": [
        {"at_s": 2, "do": "crash-server", "server": 3},
        {"at_s": 2, "do": "add-server"}
    ]}"#;
    assert_eq!(reject(same).0, "timeline[0].server");
}

#[test]
fn user_text_in_messages_is_cut_and_escaped() {
    let long = "x".repeat(5_000);
    let (key, message) = reject(&format!(r#"{{"strategy": "{long}"}}"#));
    assert_eq!(key, "strategy");
    assert!(message.len() < 300, "{message}");
    let (key, _) = reject(r#"{"<script>\nalert(1)": 1}"#);
    assert!(key.starts_with('"') && !key.contains('\n'), "{key}");
    assert!(key.contains("\\n"), "{key}");
}

#[test]
fn hostile_shapes_are_rejected_without_a_panic() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    assert_eq!(reject(&deep).0, "");
    let deep_object = r#"{"timing":"#.repeat(50_000) + "1" + &"}".repeat(50_000);
    assert_eq!(reject(&deep_object).0, "");
    let entries = vec![r#"{"at_s":1,"do":"crash-store"}"#; 100_001].join(",");
    let (key, message) = reject(&format!(r#"{{"timeline": [{entries}]}}"#));
    assert_eq!(key, "timeline");
    assert!(message.contains("at most 100000"), "{message}");
    assert_eq!(reject("\u{feff}{}").0, "");
    assert_eq!(reject(r#"{"servers": 3} {"#).0, "");
}

#[test]
fn the_selftest_fixture_is_the_reference_scenario() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/selftest.json"
    ))
    .unwrap();
    let parsed = parse_scenario(&text).unwrap();
    assert_eq!(parsed, reference_scenario());
    assert_eq!(reference_hash(), parsed.history_hash());
    // It exercises every strategy and many kinds of event.
    let mut strategies = vec![parsed.config.strategy];
    strategies.extend(parsed.timeline.iter().filter_map(|t| match t.command {
        Command::SetStrategy(s) => Some(s),
        _ => None,
    }));
    strategies.sort();
    strategies.dedup();
    assert_eq!(strategies, Strategy::ALL.to_vec());
    assert_eq!(parsed.duration, 30 * SECOND);
}

#[test]
fn compare_gives_one_report_per_strategy_in_order_from_the_same_workload() {
    let scenario = reference_scenario();
    let rows = compare(&scenario);
    let order: Vec<Strategy> = rows.iter().map(|(s, _)| *s).collect();
    assert_eq!(order, Strategy::ALL.to_vec());
    for (strategy, report) in &rows {
        let v = variant(&scenario, *strategy);
        assert_eq!(v.config.strategy, *strategy);
        assert!(v
            .timeline
            .iter()
            .all(|t| !matches!(t.command, Command::SetStrategy(_))));
        // Every other event stays.
        let others = scenario
            .timeline
            .iter()
            .filter(|t| !matches!(t.command, Command::SetStrategy(_)))
            .count();
        assert_eq!(v.timeline.len(), others);
        assert_eq!(&v.run(), report);
    }
}

#[test]
fn the_same_scenario_runs_to_the_same_history() {
    let scenario = reference_scenario();
    assert_eq!(scenario.history_hash(), scenario.history_hash());
    assert_eq!(scenario.run(), scenario.run());
}

#[test]
fn written_scenarios_read_back_equal() {
    let s = reference_scenario();
    assert_eq!(parse_scenario(&s.to_json()).unwrap(), s);
    assert_eq!(
        parse_scenario(&Scenario::default().to_json()).unwrap(),
        Scenario::default()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_valid_scenario_round_trips_through_json(s in support::arb_scenario()) {
        let text = s.to_json();
        prop_assert_eq!(parse_scenario(&text), Ok(s.clone()));
        // And the text is stable: writing the re-read scenario gives the same bytes.
        prop_assert_eq!(parse_scenario(&text).unwrap().to_json(), text);
    }
}
