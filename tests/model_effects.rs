//! Each effect the lab shows (one server again, sticky sessions, clustering, the external store, and the
//! behaviour measured on real nginx and Redis), checked against its expected size with the model's own
//! counters.

use sessionscope::model::balancer::{cookie_hash_server, ip_hash_server};
use sessionscope::model::*;

mod common;
use common::{config, messages_until, run};

fn mismatch_share(sim: &Simulation) -> f64 {
    let m = sim.metrics();
    m.mismatches as f64 / m.authenticated_requests as f64
}

#[test]
fn round_robin_without_sharing_mismatches_n_minus_one_out_of_n() {
    for n in [2u32, 3, 4] {
        let sim = run(config(Strategy::None, n, 200), 40);
        let expected = f64::from(n - 1) / f64::from(n);
        let share = mismatch_share(&sim);
        assert!(
            (share - expected).abs() < 0.04,
            "{n} servers: share {share:.3}, expected {expected:.3}"
        );
        assert!(sim.metrics().authenticated_requests > 3_000);
        assert_eq!(sim.metrics().relogins, sim.metrics().mismatches);
        assert_eq!(sim.metrics().sessions_lost, 0);
    }
}

#[test]
fn one_server_has_no_mismatch() {
    let sim = run(config(Strategy::None, 1, 200), 40);
    assert!(sim.metrics().ok > 5_000);
    assert_eq!(sim.metrics().mismatches, 0);
    assert_eq!(sim.metrics().relogins, 0);
}

#[test]
fn round_robin_is_a_strict_rotation() {
    for n in [2u32, 3, 5, 8] {
        let sim = run(config(Strategy::None, n, 97), 20);
        let counts: Vec<u64> = sim.servers().iter().map(|s| s.requests).collect();
        let max = counts.iter().max().unwrap();
        let min = counts.iter().min().unwrap();
        assert!(max - min <= 1, "{n} servers: {counts:?}");
    }
}

#[test]
fn sticky_cookie_without_faults_has_no_mismatch_and_a_crash_loses_one_nth() {
    let n = 4;
    let mut sim = run(config(Strategy::Sticky, n, 400), 20);
    assert_eq!(sim.metrics().mismatches, 0);
    assert_eq!(sim.metrics().relogins, 0);
    assert!(sim.metrics().ok > 5_000);

    let live = sim.live_sessions();
    let on_one = sim.server(ServerId(1)).unwrap().sessions_full;
    sim.apply(Command::CrashServer(ServerId(1)));
    let lost = sim.metrics().sessions_lost;
    assert_eq!(
        lost,
        u64::from(on_one),
        "exactly the crashed server's sessions"
    );
    let share = lost as f64 / f64::from(live);
    assert!(
        (share - 0.25).abs() < 0.06,
        "lost {lost} of {live} live sessions ({share:.3})"
    );
    // The users pinned to it are re-pinned elsewhere, get a 401 and log in again.
    sim.advance_to(40 * SECOND);
    let m = sim.metrics();
    assert!(m.repins > 0);
    assert!(m.lost_session_hits > 0 && m.lost_session_hits <= lost);
    assert_eq!(m.mismatches, 0);
    assert!(sim
        .users()
        .filter(|u| u.active)
        .all(|u| u.affinity != Some(ServerId(1))));
}

#[test]
fn sticky_by_ip_has_no_mismatch() {
    let sim = run(
        Config {
            sticky_by: StickyBy::Ip,
            users_per_ip: 3,
            ..config(Strategy::Sticky, 3, 120)
        },
        20,
    );
    assert_eq!(sim.metrics().mismatches, 0);
    assert!(sim.metrics().ok > 1_000);
}

#[test]
fn ip_hash_sends_a_whole_office_to_one_server() {
    let office = run(
        Config {
            balancer: Balancer::IpHash,
            users_per_ip: 100,
            ..config(Strategy::None, 4, 100)
        },
        20,
    );
    let busy: Vec<u64> = office.servers().iter().map(|s| s.requests).collect();
    assert_eq!(busy.iter().filter(|&&r| r > 0).count(), 1, "{busy:?}");
    assert!((office.imbalance() - 4.0).abs() < 1e-9);
    assert_eq!(office.metrics().mismatches, 0);

    // A hundred users on distinct addresses still spread unevenly: max/mean around 1.2.
    let mut ratios = Vec::new();
    for seed in 1..=20u64 {
        let mut per_server = [0u32; 4];
        for user in 0..100 {
            per_server[ip_hash_server(users::client_ip(seed, UserId(user), 1), 4).index()] += 1;
        }
        ratios.push(f64::from(*per_server.iter().max().unwrap()) / 25.0);
    }
    let mean = ratios.iter().sum::<f64>() / ratios.len() as f64;
    assert!((1.1..1.35).contains(&mean), "mean max/mean {mean:.3}");
    let spread = run(
        Config {
            balancer: Balancer::IpHash,
            ..config(Strategy::None, 4, 100)
        },
        20,
    );
    assert!(
        spread.imbalance() > 1.02 && spread.imbalance() < 1.6,
        "{}",
        spread.imbalance()
    );
}

#[test]
fn adding_a_fifth_server_remaps_four_fifths_by_modulo_and_one_fifth_by_ring() {
    let keys = 20_000u32;
    let moved = |consistent: bool| {
        (1..=keys)
            .filter(|&k| {
                cookie_hash_server(SessionId(k), 4, consistent)
                    != cookie_hash_server(SessionId(k), 5, consistent)
            })
            .count() as f64
            / f64::from(keys)
    };
    let modulo = moved(false);
    let ring = moved(true);
    assert!((modulo - 0.8).abs() < 0.03, "modulo moved {modulo:.3}");
    assert!((ring - 0.2).abs() < 0.06, "ring moved {ring:.3}");
}

#[test]
fn cookie_hash_settles_users_after_a_few_mismatches() {
    let sim = run(
        Config {
            balancer: Balancer::CookieHash,
            ..config(Strategy::None, 3, 200)
        },
        40,
    );
    let share = mismatch_share(&sim);
    // Not zero (the session is born where round robin put the login) but far below round robin's 2/3.
    assert!(share > 0.02 && share < 0.3, "share {share:.3}");
}

#[test]
fn cluster_all_sends_n_minus_one_messages_per_write_and_holds_every_session_everywhere() {
    for replication in [Replication::Sync, Replication::Async] {
        let n = 4;
        let mut sim = Simulation::new(Config {
            replication,
            ..config(Strategy::ClusterAll, n, 150)
        });
        sim.advance_to(30 * SECOND);
        let m = sim.metrics();
        assert!(m.session_writes > 1_000);
        assert_eq!(
            m.replication_messages,
            u64::from(n - 1) * m.session_writes,
            "{replication:?}"
        );
        assert_eq!(m.sessions_lost, 0);
        // Let copies in flight arrive (async): nobody sends anything between two instants.
        let live = sim.live_sessions();
        let lists = sim.sessions_by_server();
        if replication == Replication::Sync {
            assert_eq!(m.mismatches, 0);
            for (s, list) in lists.iter().enumerate() {
                assert_eq!(list.len() as u32, live, "server {s}");
                assert_eq!(sim.server(ServerId(s as u32)).unwrap().sessions_full, live);
            }
            // Memory grows N-fold compared with one copy per session.
            let total: u64 = sim.servers().iter().map(|s| s.memory_bytes).sum();
            let one_copy = u64::from(live) * u64::from(sim.config().timing.full_session_bytes);
            assert_eq!(total, u64::from(n) * one_copy);
        } else {
            for list in &lists {
                assert!(list.len() as u32 <= live && list.len() as u32 + 20 >= live);
            }
        }
    }
}

#[test]
fn asynchronous_replication_opens_a_window_that_synchronous_closes() {
    let base = Config {
        replication_lag_ms: 1_500,
        think_time_ms: 500,
        ..config(Strategy::ClusterAll, 3, 60)
    };
    let lagging = run(base.clone(), 30);
    assert!(lagging.metrics().mismatches > 0);
    let sync = run(
        Config {
            replication: Replication::Sync,
            ..base
        },
        30,
    );
    assert_eq!(sync.metrics().mismatches, 0);
    assert!(sync.report().latency_ms.p99 > lagging.report().latency_ms.p99 + 1_000.0);
}

#[test]
fn primary_backup_keeps_two_full_copies_and_keys_elsewhere() {
    let n = 4;
    let mut sim = Simulation::new(Config {
        replication: Replication::Sync,
        ..config(Strategy::ClusterBackup, n, 150)
    });
    sim.advance_to(30 * SECOND);
    assert_eq!(sim.metrics().mismatches, 0);
    assert!(
        sim.metrics().remote_fetches > 1_000,
        "key-only servers fetch"
    );
    let live = sim.live_sessions() as usize;
    let lists = sim.sessions_by_server();
    let mut roles = std::collections::BTreeMap::new();
    for list in &lists {
        for e in list {
            roles.entry(e.session).or_insert_with(Vec::new).push(e.role);
        }
    }
    assert_eq!(roles.len(), live);
    for (session, r) in &roles {
        let count = |role| r.iter().filter(|&&x| x == role).count();
        assert_eq!(count(SessionRole::Full), 1, "session {session}: {r:?}");
        assert_eq!(count(SessionRole::Backup), 1, "session {session}: {r:?}");
        assert_eq!(count(SessionRole::KeyOnly), n as usize - 2, "{r:?}");
    }
    // Far less memory than all-to-all.
    let full: u32 = sim.servers().iter().map(|s| s.sessions_full).sum();
    assert_eq!(full as usize, 2 * live);
}

#[test]
fn primary_backup_survives_one_crash_but_not_primary_and_backup_together() {
    let mut sim = Simulation::new(Config {
        replication: Replication::Sync,
        ..config(Strategy::ClusterBackup, 3, 90)
    });
    sim.advance_to(10 * SECOND);
    sim.apply(Command::CrashServer(ServerId(0)));
    assert_eq!(sim.metrics().sessions_lost, 0, "one crash loses nothing");
    sim.advance_to(20 * SECOND);
    assert!(sim.incidents().iter().any(|e| matches!(
        e.event,
        Event::PeerLost {
            server: ServerId(0),
            ..
        }
    )));
    // After the peer loss was noticed every session has two full copies again, on servers 1 and 2.
    let lists = sim.sessions_by_server();
    let live = sim.live_sessions() as usize;
    assert_eq!(lists[1].len(), live);
    assert_eq!(lists[2].len(), live);
    assert_eq!(sim.metrics().sessions_lost, 0);

    sim.apply(Command::RestartServer(ServerId(0)));
    sim.advance_to(30 * SECOND);
    let live = sim.live_sessions();
    // Sessions whose copies are exactly on 0 and 1 (either role) die together.
    let lists = sim.sessions_by_server();
    let on = |s: usize| -> std::collections::BTreeSet<SessionId> {
        lists[s]
            .iter()
            .filter(|e| e.role != SessionRole::KeyOnly)
            .map(|e| e.session)
            .collect()
    };
    let doomed = on(0).intersection(&on(1)).count() as u64;
    assert!(doomed > 0);
    sim.apply(Command::CrashServer(ServerId(0)));
    sim.apply(Command::CrashServer(ServerId(1)));
    assert_eq!(sim.metrics().sessions_lost, doomed);
    assert_eq!(u64::from(sim.live_sessions()), u64::from(live) - doomed);
}

#[test]
fn store_has_no_mismatch_and_a_crash_without_persistence_loses_every_session() {
    let mut sim = run(config(Strategy::Store, 3, 150), 20);
    assert_eq!(sim.metrics().mismatches, 0);
    assert!(sim.metrics().store_ops > sim.metrics().requests);
    let live = sim.live_sessions();
    assert_eq!(sim.store().sessions, live);
    assert!(sim.servers().iter().all(|s| s.memory_bytes == 0));

    sim.apply(Command::CrashStore);
    assert_eq!(sim.metrics().sessions_lost, u64::from(live));
    assert_eq!(sim.live_sessions(), 0);
    let before = sim.metrics().clone();
    sim.advance_to(30 * SECOND);
    let during = sim.metrics().clone();
    assert_eq!(
        during.ok, before.ok,
        "nothing succeeds while the store is down"
    );
    assert!(during.errors > before.errors + 100);
    // A server cannot even tell whether a session exists without the store: every answer is a 5xx,
    // not a 401 for the sessions the crash destroyed (those show only once the store is back).
    assert_eq!(during.lost_session_hits, before.lost_session_hits);
    assert_eq!(during.expired_hits, before.expired_hits);
    assert_eq!(during.mismatches, before.mismatches);
    assert_eq!(during.relogins, before.relogins);
    sim.apply(Command::RestartStore);
    sim.advance_to(40 * SECOND);
    let after = sim.metrics();
    assert!(after.ok > during.ok);
    assert!(after.lost_session_hits > 0 && after.relogins > 0);
    assert_eq!(after.mismatches, 0);
}

#[test]
fn a_server_asks_a_store_that_is_down_and_answers_5xx_once_refused() {
    let mut sim = Simulation::traced(config(Strategy::Store, 3, 20));
    sim.advance_to(5 * SECOND);
    sim.apply(Command::CrashStore);
    let sent = messages_until(&mut sim, 7 * SECOND);
    let refusals: Vec<&Message> = sent
        .iter()
        .filter(|m| m.kind == MessageKind::StoreRefused)
        .collect();
    assert!(refusals.len() > 10, "{} refusals", refusals.len());
    for refused in refusals {
        let Endpoint::Server(server) = refused.to else {
            panic!("a refusal goes to a server: {refused:?}");
        };
        assert_eq!(refused.from, Endpoint::Store);
        let asked = sent.iter().any(|m| {
            m.kind == MessageKind::StoreRequest
                && (m.from, m.to, m.user) == (refused.to, Endpoint::Store, refused.user)
                && m.arrives_at == refused.sent_at
        });
        assert!(asked, "a refusal answers the server's try: {refused:?}");
        // The 5xx leaves once the server knows, not before.
        let answered = sent.iter().find(|m| {
            m.kind == MessageKind::ResponseError
                && m.from == Endpoint::Server(server)
                && m.user == refused.user
                && m.sent_at >= refused.sent_at
        });
        assert_eq!(
            answered.map(|m| m.sent_at),
            Some(refused.arrives_at),
            "{refused:?}"
        );
    }
    // A server cut off from the store hears nothing back: it sends no try that could be refused, and
    // answers its 5xx when its client's timeout runs out.
    let mut cut = Simulation::traced(config(Strategy::Store, 3, 20));
    let timeout = u64::from(cut.config().timing.store_timeout_ms) * MS;
    let mut sent = messages_until(&mut cut, 5 * SECOND);
    cut.apply(Command::PartitionServer {
        server: ServerId(0),
        partitioned: true,
    });
    sent.extend(messages_until(&mut cut, 12 * SECOND));
    // The picture counts the requests waiting on the store at the cut-off server.
    let waiting = |sim: &Simulation| sim.server(ServerId(0)).unwrap().waiting_on_store;
    assert!(waiting(&cut) > 0);
    assert_eq!(cut.server(ServerId(1)).unwrap().waiting_on_store, 0);
    assert!(sent.iter().all(|m| m.kind != MessageKind::StoreRefused));
    let cut_server = Endpoint::Server(ServerId(0));
    assert!(!sent.iter().any(|m| m.kind == MessageKind::StoreRequest
        && m.from == cut_server
        && m.sent_at >= 5 * SECOND));
    let errors: Vec<&Message> = sent
        .iter()
        .filter(|m| m.kind == MessageKind::ResponseError && m.from == cut_server)
        .collect();
    assert!(errors.len() > 5, "{} errors", errors.len());
    for error in errors {
        // The request this 5xx answers: the user's latest to reach the server before it.
        let reached = sent
            .iter()
            .filter(|m| {
                m.kind == MessageKind::Request
                    && m.to == cut_server
                    && m.user == error.user
                    && m.arrives_at <= error.sent_at
            })
            .map(|m| m.arrives_at)
            .max()
            .expect("a 5xx answers a request");
        let waited = error.sent_at - reached;
        // The timeout, plus the request's own work (20 ms on average, and a queue when busy).
        assert!(
            (timeout..timeout + SECOND).contains(&waited),
            "waited {waited} µs for {error:?}"
        );
    }
    // Healed, the last waits run out and nothing new waits.
    cut.apply(Command::PartitionServer {
        server: ServerId(0),
        partitioned: false,
    });
    cut.advance_to(12 * SECOND + timeout + MS);
    assert_eq!(waiting(&cut), 0);
}

#[test]
fn store_persistence_keeps_what_was_written_to_disk() {
    for (persistence, survives_some) in [
        (Persistence::AppendOnly, true),
        (Persistence::Snapshot, true),
        (Persistence::None, false),
    ] {
        let mut sim = Simulation::new(Config {
            store_persistence: persistence,
            ..config(Strategy::Store, 2, 100)
        });
        sim.advance_to(90 * SECOND);
        let live = sim.live_sessions();
        sim.apply(Command::CrashStore);
        let lost = sim.metrics().sessions_lost;
        assert_eq!(
            sim.live_sessions() > 0,
            survives_some,
            "{persistence:?}: lost {lost} of {live}"
        );
        if persistence == Persistence::AppendOnly {
            assert!(lost < u64::from(live) / 4, "aof loses about a second");
        }
    }
}

/// A busy store with a replica that takes over 5 s after the primary dies.
fn store_with_replica() -> Simulation {
    let mut c = Config {
        store_replica: true,
        think_time_ms: 300,
        ..config(Strategy::Store, 3, 300)
    };
    c.timing.store_failover_ms = 5_000;
    Simulation::new(c)
}

#[test]
fn failover_loses_only_the_writes_in_the_lag_window() {
    let mut sim = store_with_replica();
    sim.advance_to(20 * SECOND);
    let live = sim.live_sessions();
    let in_window = sim.store().unreplicated_writes;
    assert!(in_window > 0);
    sim.apply(Command::CrashStore);
    assert_eq!(
        sim.metrics().sessions_lost,
        0,
        "nothing decided before failover"
    );
    sim.advance_to(24 * SECOND);
    assert!(sim.store().failover_pending);
    let errors = sim.metrics().errors;
    assert!(errors > 0);
    sim.advance_to(26 * SECOND);
    assert!(!sim.store().failover_pending);
    assert_eq!(sim.store().state, NodeState::Up);
    let m = sim.metrics();
    assert!(m.store_writes_lost > 0);
    assert!(
        m.sessions_lost < u64::from(live) / 5,
        "most sessions survive"
    );
    let ok = m.ok;
    sim.advance_to(35 * SECOND);
    assert!(
        sim.metrics().ok > ok + 1_000,
        "serving again after failover"
    );
}

#[test]
fn a_longer_replica_lag_loses_more_writes_at_failover() {
    let writes_lost = |lag_ms: u32| {
        let mut sim = store_with_replica();
        sim.advance_to(10 * SECOND);
        // Changed mid-run, as the page's control does.
        sim.apply(Command::SetStoreReplicaLag { ms: lag_ms });
        assert_eq!(sim.config().timing.store_replica_lag_ms, lag_ms);
        sim.advance_to(20 * SECOND);
        sim.apply(Command::CrashStore);
        sim.advance_to(30 * SECOND);
        sim.report().store_writes_lost
    };
    let (short, default, long) = (writes_lost(0), writes_lost(1_000), writes_lost(4_000));
    assert_eq!(short, 0, "a replica that keeps up loses nothing");
    assert!(default > 0 && long > default, "{short} {default} {long}");
}

#[test]
fn nginx_passes_a_refused_request_on_and_probes_the_dead_server_every_fail_timeout() {
    let mut c = config(Strategy::Store, 3, 60);
    // Health checks far apart: only passive detection (fail_timeout 10 s) is at work; no supervisor
    // brings the server back meanwhile.
    c.timing.health_check_interval_ms = 1_000_000;
    c.timing.server_restart_ms = None;
    let mut sim = run(c, 5);
    sim.apply(Command::CrashServer(ServerId(0)));
    let errors = sim.metrics().errors;
    sim.advance_to(5 * SECOND + 35 * SECOND - 1);
    let m = sim.metrics();
    // The failure is seen (a refusal, or requests dying with it), then the server is skipped and
    // probed with one request every 10 s: 3 or 4 refusals in 35 s, where ~20 requests a second
    // would otherwise have reached it.
    assert!((3..=4).contains(&m.passed_to_next), "{m:?}");
    assert!(
        m.errors - errors <= 20,
        "at most the requests on it when it died"
    );
    assert_eq!(sim.server_states()[0], NodeState::DownDetected);
}

#[test]
fn health_checks_mark_a_dead_server_down_after_three_failures() {
    let mut c = config(Strategy::Store, 3, 3);
    // No supervisor: the server stays down until restarted by hand.
    c.timing.server_restart_ms = None;
    let mut sim = Simulation::new(c);
    sim.advance_to(SECOND);
    sim.apply(Command::CrashServer(ServerId(2)));
    sim.advance_to(4 * SECOND);
    assert!(!sim.incidents().iter().any(|e| matches!(
        e.event,
        Event::ServerMarkedDown {
            server: ServerId(2)
        }
    )));
    sim.advance_to(8 * SECOND);
    assert!(sim.incidents().iter().any(|e| matches!(
        e.event,
        Event::ServerMarkedDown {
            server: ServerId(2)
        }
    )));
    assert!(sim.server(ServerId(2)).unwrap().marked_down);
    sim.apply(Command::RestartServer(ServerId(2)));
    sim.advance_to(11 * SECOND);
    assert!(!sim.server(ServerId(2)).unwrap().marked_down);
}

#[test]
fn a_get_on_a_dying_server_is_retried_and_a_post_gets_502() {
    let mut c = config(Strategy::Store, 3, 300);
    c.timing.service_ms = 400;
    c.timing.concurrency = 64;
    let mut sim = run(c, 10);
    let on_zero: Vec<UserView> = sim
        .users()
        .filter(|u| u.in_flight_to == Some(ServerId(0)))
        .collect();
    let gets = on_zero
        .iter()
        .filter(|u| u.request == Some(RequestKind::Feed))
        .count() as u64;
    let posts = on_zero.len() as u64 - gets;
    assert!(gets > 0 && posts > 0);
    let before = sim.metrics().clone();
    sim.apply(Command::CrashServer(ServerId(0)));
    sim.advance_to(18 * SECOND);
    let after = sim.metrics();
    assert_eq!(after.retried - before.retried, gets);
    // A refused connection is passed on without an error: the only errors are those POSTs.
    assert_eq!(after.errors - before.errors, posts);
}

#[test]
fn without_sharing_a_refused_request_lands_where_the_session_is_not() {
    let mut sim = run(config(Strategy::Sticky, 3, 90), 10);
    sim.apply(Command::CrashServer(ServerId(0)));
    let errors = sim.metrics().errors;
    sim.advance_to(20 * SECOND);
    let m = sim.metrics();
    assert!(m.passed_to_next + m.retried >= 1);
    assert!(m.lost_session_hits > 0);
    assert!(
        m.errors - errors <= 10,
        "the client sees a 401, not an error"
    );
}

#[test]
fn a_traffic_peak_fills_one_server_until_it_runs_out_of_memory() {
    let mut c = config(Strategy::None, 1, 40);
    c.timing.server_memory_bytes = 200 * u64::from(c.timing.full_session_bytes);
    // No supervisor: the server stays down once (tests/model_supervisor.rs has it come back).
    c.timing.server_restart_ms = None;
    let mut sim = run(c, 5);
    assert_eq!(sim.metrics().oom_crashes, 0);
    // Ten times the arrivals: new visitors, each logging in.
    sim.apply(Command::Traffic {
        factor: 10.0,
        for_ms: 10_000,
    });
    sim.advance_to(15 * SECOND);
    assert_eq!(sim.metrics().oom_crashes, 1);
    assert!(sim.metrics().sessions_lost >= 150);
    assert!(sim.incidents().iter().any(|e| matches!(
        e.event,
        Event::ServerCrashed {
            out_of_memory: true,
            ..
        }
    )));
    assert!(sim.metrics().errors > 0);
}

#[test]
fn a_traffic_event_brings_new_visitors_who_leave_their_sessions_behind() {
    let mut sim = Simulation::new(config(Strategy::Sticky, 3, 50));
    let active = |sim: &Simulation| sim.users().filter(|u| u.active).count();
    sim.advance_to(20 * SECOND);
    let before = sim.metrics().clone();
    assert!(sim.live_sessions() <= 50);

    sim.apply(Command::Traffic {
        factor: 4.0,
        for_ms: 20_000,
    });
    assert_eq!(active(&sim), 200, "150 visitors join the 50 users");
    sim.advance_to(40 * SECOND);
    let during = sim.metrics().clone();
    // Arrivals are four times as many, and the visitors log in: sessions pile up.
    let requests = |a: &sessionscope::model::Metrics, b: &sessionscope::model::Metrics| {
        a.requests - b.requests
    };
    assert!(
        requests(&during, &before) > 3 * requests(&before, &Default::default()),
        "{during:?}"
    );
    assert!(during.sessions_created >= before.sessions_created + 150);
    let piled_up = sim.live_sessions();
    assert!(piled_up > 150, "{piled_up}");

    sim.advance_to(41 * SECOND);
    assert_eq!(active(&sim), 50, "the visitors leave when the event ends");
    // Their sessions stay in memory until the idle timeout: that is what fills a server.
    assert!(sim.live_sessions() > 150);
    assert_eq!(sim.metrics().sessions_lost, 0);
}

#[test]
fn idle_sessions_expire_and_count_apart_from_losses() {
    let mut c = Config {
        think_time_ms: 4_000,
        skew: 1.0,
        ..config(Strategy::None, 1, 100)
    };
    c.timing.session_timeout_ms = 3_000;
    let sim = run(c, 60);
    let m = sim.metrics();
    assert!(m.sessions_expired > 50, "{m:?}");
    assert!(m.expired_hits > 0);
    assert_eq!(m.sessions_lost, 0);
    assert_eq!(m.lost_session_hits, 0);
}

#[test]
fn switching_strategy_rehomes_sessions_without_losing_them() {
    let mut sim = run(config(Strategy::None, 3, 120), 10);
    let live = sim.live_sessions();
    sim.apply(Command::SetStrategy(Strategy::Store));
    assert_eq!(sim.store().sessions, live);
    assert!(sim.servers().iter().all(|s| s.memory_bytes == 0));
    let mismatches = sim.metrics().mismatches;
    sim.advance_to(20 * SECOND);
    assert_eq!(sim.metrics().mismatches, mismatches);
    for to in [
        Strategy::ClusterAll,
        Strategy::ClusterBackup,
        Strategy::Sticky,
        Strategy::None,
    ] {
        let live = sim.live_sessions();
        sim.apply(Command::SetStrategy(to));
        assert_eq!(sim.live_sessions(), live, "{to:?}");
        assert_eq!(sim.metrics().sessions_lost, 0);
        let copies: u32 = sim.servers().iter().map(|s| s.sessions_full).sum();
        let expected = match to {
            Strategy::ClusterAll => 3 * live,
            Strategy::ClusterBackup => 2 * live,
            _ => live,
        };
        assert_eq!(copies, expected, "{to:?}");
        sim.advance_to(sim.now() + 5 * SECOND);
    }
}

#[test]
fn scale_out_and_in_at_any_time() {
    let mut sim = run(config(Strategy::ClusterAll, 2, 60), 5);
    sim.apply(Command::AddServer);
    assert_eq!(sim.server_count(), 3);
    // The new server pulled every session before serving.
    assert_eq!(
        sim.server(ServerId(2)).unwrap().sessions_full,
        sim.live_sessions()
    );
    sim.advance_to(10 * SECOND);
    assert!(sim.server(ServerId(2)).unwrap().requests > 0);
    sim.apply(Command::RemoveServer);
    sim.apply(Command::RemoveServer);
    sim.apply(Command::RemoveServer);
    assert_eq!(sim.server_count(), 1);
    sim.advance_to(15 * SECOND);
    assert_eq!(
        sim.metrics().sessions_lost,
        0,
        "every session had a copy on server 0"
    );
}

#[test]
fn partition_cuts_a_server_from_its_peers_and_the_store() {
    let mut sim = run(config(Strategy::Store, 3, 90), 5);
    sim.apply(Command::PartitionServer {
        server: ServerId(1),
        partitioned: true,
    });
    let errors = sim.metrics().errors;
    sim.advance_to(10 * SECOND);
    assert!(
        sim.metrics().errors > errors + 20,
        "it cannot reach the store"
    );
    sim.apply(Command::PartitionServer {
        server: ServerId(1),
        partitioned: false,
    });
    let errors = sim.metrics().errors;
    sim.advance_to(15 * SECOND);
    assert_eq!(sim.metrics().errors, errors);
}

#[test]
fn a_slow_server_answers_slowly() {
    let base = config(Strategy::Store, 2, 60);
    let fast = run(base.clone(), 20).report().latency_ms.p99;
    let mut sim = Simulation::new(base);
    sim.apply(Command::SlowServer {
        server: ServerId(0),
        factor: 20.0,
    });
    sim.advance_to(20 * SECOND);
    assert!(sim.report().latency_ms.p99 > fast * 2.0);
}

#[test]
fn a_key_only_server_cut_off_from_the_copy_times_out_after_fifteen_seconds() {
    let mut sim = Simulation::new(Config {
        replication: Replication::Sync,
        think_time_ms: 3_000,
        ..config(Strategy::ClusterBackup, 3, 300)
    });
    sim.advance_to(10 * SECOND);
    sim.apply(Command::PartitionServer {
        server: ServerId(2),
        partitioned: true,
    });
    sim.advance_to(14 * SECOND);
    let m = sim.metrics();
    assert!(m.mismatches > 0, "{m:?}");
    // Latency percentiles come from buckets about 6 % wide.
    let p99 = sim.report().latency_ms.p99;
    assert!(p99 >= 14_500.0, "{p99}");
}

#[test]
fn switching_strategy_lands_the_copies_still_in_flight() {
    // Cluster-backup with slow asynchronous replication: a new session's backup copy is still on its way
    // when its primary crashes, so for a while its only copy is in flight. A strategy switch then must
    // neither lose it nor trip over it (it once computed the primary of a session with no full copy).
    let mut c = config(Strategy::ClusterBackup, 2, 60);
    c.replication = Replication::Async;
    c.replication_lag_ms = 5_000;
    let mut sim = run(c, 3);
    sim.apply(Command::CrashServer(ServerId(0)));
    let live = sim.live_sessions();
    let with_full_copy = |sim: &Simulation| {
        let mut ids: Vec<SessionId> = sim
            .sessions_by_server()
            .iter()
            .flatten()
            .filter(|e| e.role == SessionRole::Full)
            .map(|e| e.session)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len() as u32
    };
    assert!(
        with_full_copy(&sim) < live,
        "the setting must leave sessions whose only copy is in flight ({live} live)"
    );
    let lost = sim.metrics().sessions_lost;
    sim.apply(Command::SetStrategy(Strategy::Sticky));
    assert_eq!(sim.live_sessions(), live);
    assert_eq!(sim.metrics().sessions_lost, lost);
    assert_eq!(
        with_full_copy(&sim),
        live,
        "each landed on the surviving server"
    );
    assert_eq!(sim.server(ServerId(1)).unwrap().sessions_full, live);
    // The copies' own arrival, later, changes nothing.
    sim.advance_to(10 * SECOND);
    assert_eq!(sim.metrics().sessions_lost, lost);
}
