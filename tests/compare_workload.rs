//! The compare view's default workload: a minute with a server crash and a store outage in which every
//! strategy pays for something different, and in which replication's cost is told in bytes.

use sessionscope::model::{Report, Strategy, SECOND};
use sessionscope::scenario::compare::{compare, default_workload, variant, workload};
use sessionscope::scenario::{Metric, Scenario};

fn rows() -> Vec<(Strategy, Report)> {
    let rows = compare(&default_workload());
    // `cargo test --test compare_workload -- --nocapture` prints the table the view shows.
    for (strategy, report) in &rows {
        let cells: Vec<String> = Metric::ALL
            .iter()
            .map(|m| format!("{}={}", m.key(), m.value(report).as_f64()))
            .collect();
        println!("{:15} {}", strategy.name(), cells.join(" "));
    }
    rows
}

fn get(rows: &[(Strategy, Report)], strategy: Strategy) -> &Report {
    &rows.iter().find(|(s, _)| *s == strategy).unwrap().1
}

#[test]
fn every_strategy_ends_the_default_workload_differently() {
    let rows = rows();
    let outcome = |r: &Report| {
        (
            r.mismatches,
            r.sessions_lost,
            r.errors,
            r.replication_bytes,
            r.store_writes_lost,
        )
    };
    for (i, (a, ra)) in rows.iter().enumerate() {
        for (b, rb) in &rows[i + 1..] {
            assert_ne!(outcome(ra), outcome(rb), "{a:?} and {b:?} look the same");
        }
    }
    // What each is weak against shows up.
    assert!(get(&rows, Strategy::None).mismatches > 0);
    assert!(get(&rows, Strategy::Sticky).sessions_lost > 0);
    assert_eq!(get(&rows, Strategy::Sticky).mismatches, 0);
    assert!(get(&rows, Strategy::Store).store_writes_lost > 0);
    assert!(get(&rows, Strategy::Store).errors > 0);
}

#[test]
fn primary_backup_sends_fewer_bytes_than_all_to_all() {
    let rows = rows();
    let all = get(&rows, Strategy::ClusterAll);
    let backup = get(&rows, Strategy::ClusterBackup);
    assert!(backup.replication_bytes > 0);
    assert!(
        backup.replication_bytes < all.replication_bytes,
        "backup {} B, all-to-all {} B",
        backup.replication_bytes,
        all.replication_bytes
    );
}

#[test]
fn session_memory_counts_the_store_and_its_replica() {
    let rows = rows();
    let store = get(&rows, Strategy::Store);
    // At the end the replica has been promoted: it is the store now, and there is no replica left.
    assert_eq!(store.replica_memory_bytes, 0);
    assert!(store.store_memory_bytes > 0);
    // Before the store's crash both hold the sessions.
    let mut before_crash = variant(&default_workload(), Strategy::Store);
    before_crash.duration = 30 * SECOND;
    let early = before_crash.run();
    assert!(early.store_memory_bytes > 0);
    assert_eq!(early.replica_memory_bytes, early.store_memory_bytes);
    let servers: u64 = store.per_server.iter().map(|s| s.memory_bytes).sum();
    assert_eq!(
        store.session_memory_bytes,
        servers + store.store_memory_bytes + store.replica_memory_bytes
    );
    assert!(store.session_memory_bytes > 0);
    // Local and sticky sessions keep none outside the servers.
    for strategy in [Strategy::None, Strategy::Sticky] {
        let r = get(&rows, strategy);
        assert_eq!(r.store_memory_bytes + r.replica_memory_bytes, 0);
    }
}

#[test]
fn the_view_runs_the_default_workload_only_when_the_page_brings_none() {
    assert_eq!(workload(&Scenario::default()), default_workload());
    let mut own = Scenario::default();
    own.config.users = 7;
    assert_eq!(workload(&own), own);
}
