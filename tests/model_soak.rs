//! Long runs stay flat: the model runs through faults, scale changes, strategy switches and
//! traffic peaks while every growing structure stays under a fixed cap and the metrics stay consistent.
//!
//! Short form (part of `cargo test`): a couple of million requests.
//! Long form, at least 100 million simulated requests:
//!     cargo test --profile bench-native --test model_soak -- --ignored --nocapture

use sessionscope::model::*;

mod common;
use common::check_conservation;

/// Caps that hold whatever the length of the run.
const MAX_SESSION_SLOTS: u64 = 1_500_000;
const MAX_EXPIRY_ENTRIES: u64 = 4_000_000;
const MAX_QUEUED_EVENTS: u64 = 200_000;

fn soak_config() -> Config {
    let mut config = Config {
        seed: 7,
        servers: 6,
        users: 4_000,
        think_time_ms: 800,
        ..Config::default()
    };
    config.timing.session_timeout_ms = 2 * 60 * 1_000;
    config.timing.server_memory_bytes = 1 << 30;
    config.timing.concurrency = 64;
    config.timing.store_failover_ms = 10_000;
    config
}

/// Resident memory of this process in bytes (Linux), to check the process itself stays flat.
fn resident_bytes() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = text.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// The interventions of minute `minute`: a rotating mix of every kind of fault and change.
fn interventions(minute: u64) -> Vec<Command> {
    let server = ServerId((minute % 5) as u32);
    let strategies = Strategy::ALL;
    let mut commands = match minute % 12 {
        0 => vec![Command::SetStickyBy(if minute.is_multiple_of(24) {
            StickyBy::Ip
        } else {
            StickyBy::Cookie
        })],
        1 => vec![Command::CrashServer(server)],
        2 => vec![Command::AddServer, Command::SetUsers(6_000)],
        3 => vec![Command::CrashStore],
        4 => vec![
            Command::RestartStore,
            Command::SetStoreReplica(minute % 24 == 4),
        ],
        5 => vec![Command::PartitionServer {
            server,
            partitioned: true,
        }],
        6 => vec![
            Command::PartitionServer {
                server,
                partitioned: false,
            },
            Command::Traffic {
                factor: 3.0,
                for_ms: 30_000,
            },
        ],
        7 => vec![Command::RemoveServer, Command::SetUsers(3_000)],
        8 => vec![
            Command::SetBalancer(Balancer::ALL[(minute / 12 % 6) as usize]),
            Command::SlowServer {
                server,
                factor: 4.0,
            },
        ],
        9 => vec![
            Command::SlowServer {
                server,
                factor: 1.0,
            },
            Command::SetReplication(if minute % 24 < 12 {
                Replication::Async
            } else {
                Replication::Sync
            }),
        ],
        10 => vec![
            Command::CrashReplica,
            Command::SetSkew((minute % 7) as f64 / 7.0),
        ],
        _ => vec![Command::RestartReplica],
    };
    // Every strategy in turn, switched at run time.
    commands.push(Command::SetStrategy(strategies[(minute % 5) as usize]));
    // Whatever is down comes back (an OOM'd server too), so the run keeps serving.
    for s in 0..8 {
        commands.push(Command::RestartServer(ServerId(s)));
    }
    commands
}

fn check(sim: &Simulation, warm_rss: Option<u64>) {
    check_conservation(sim);
    let f = sim.footprint();
    assert!(f.session_slots <= MAX_SESSION_SLOTS, "{f:?}");
    assert!(f.session_slot_capacity <= 2 * MAX_SESSION_SLOTS, "{f:?}");
    assert!(f.expiry_entries <= MAX_EXPIRY_ENTRIES, "{f:?}");
    assert!(f.queued_events <= MAX_QUEUED_EVENTS, "{f:?}");
    assert!(f.users <= u64::from(MAX_USERS));
    assert!(f.log_entries as usize <= 2 * trace::LOG_KEEP, "{f:?}");
    assert!(f.log_capacity as usize <= 4 * trace::LOG_KEEP, "{f:?}");
    assert!(f.series_len as usize <= SERIES_CAPACITY, "{f:?}");
    assert!(f.messages == 0, "tracing is off");
    assert!(f.store_write_buckets <= 260, "{f:?}");
    assert_eq!(f.timeline, 0);
    let per_sample = sim.series().last().map_or(0, |s| s.server_memory.len());
    assert!(per_sample <= MAX_SERVERS as usize);
    if let (Some(warm), Some(now)) = (warm_rss, resident_bytes()) {
        assert!(
            now <= warm + warm / 2 + (64 << 20),
            "resident memory grew from {warm} to {now}"
        );
    }
}

/// Run until `target` requests; returns the simulation.
fn soak(target: u64, verbose: bool) -> Simulation {
    let mut sim = Simulation::new(soak_config());
    let mut minute = 0;
    let mut warm_rss = None;
    let mut commands = 0;
    while sim.metrics().requests < target {
        minute += 1;
        sim.advance_to(minute * 60 * SECOND);
        for command in interventions(minute) {
            sim.apply(command);
            commands += 1;
        }
        check(&sim, warm_rss);
        if warm_rss.is_none() && sim.metrics().requests >= target / 10 {
            warm_rss = resident_bytes();
        }
        if verbose && minute % 60 == 0 {
            let f = sim.footprint();
            println!(
                "minute {minute}: {} requests, {} live sessions, {} slots, {} events queued, rss {:?}",
                sim.metrics().requests,
                f.live_sessions,
                f.session_slots,
                f.queued_events,
                resident_bytes()
            );
        }
    }
    assert_eq!(sim.command_log().len(), commands);
    let m = sim.metrics();
    // The faults did happen, and the run kept serving through them.
    assert!(m.crashes > 0 && m.sessions_lost > 0 && m.errors > 0 && m.mismatches > 0);
    assert!(
        m.sessions_expired > 0 && m.replication_messages > 0 && m.store_ops > 0,
        "{m:?} at {} s",
        sim.now() / SECOND
    );
    assert!(m.ok > m.requests / 2, "{m:?}");
    sim
}

#[test]
fn soak_short_stays_flat() {
    soak(2_000_000, false);
}

#[test]
#[ignore = "long form: cargo test --profile bench-native --test model_soak -- --ignored --nocapture"]
fn soak_hundred_million_requests_stays_flat() {
    let started = std::time::Instant::now();
    let sim = soak(100_000_000, true);
    println!(
        "{} requests, {} s simulated, {:.1} s wall, final footprint {:?}",
        sim.metrics().requests,
        sim.now() / SECOND,
        started.elapsed().as_secs_f64(),
        sim.footprint()
    );
}
