//! Every tour step claims something about its scenario (caption, question, answer). These tests run each
//! step's scenario in the model, to the pause and then to the end of the reveal window, and check the
//! claim with the model's own numbers, often against the same workload under another strategy.

mod common;

use common::tour_step;
use sessionscope::model::{
    Config, Event, LogEntry, Replication, Report, ServerId, Simulation, StickyBy, Strategy, UserId,
};
use sessionscope::scenario::tour::{steps, TourStep, CEILING_SESSIONS};

/// The step's world seen twice: when the question is asked and when the answer has played out.
struct Run {
    /// Sessions alive when the question is asked.
    live_at_pause: u32,
    before: Report,
    after: Report,
    sim: Simulation,
}

fn play(step: &TourStep) -> Run {
    let mut sim = step.scenario.simulation();
    sim.advance_to(step.pause_at);
    let before = sim.report();
    let live_at_pause = sim.live_sessions();
    sim.advance_to(step.reveal_until());
    let after = sim.report();
    Run {
        live_at_pause,
        before,
        after,
        sim,
    }
}

/// The same step under a changed configuration (the contrast the answer draws).
fn run_variant(step: &TourStep, change: impl FnOnce(&mut Config)) -> Run {
    let mut variant = TourStep {
        scenario: step.scenario.clone(),
        highlight: Vec::new(),
        ..*step
    };
    change(&mut variant.scenario.config);
    play(&variant)
}

fn memory(report: &Report) -> u64 {
    report.per_server.iter().map(|s| s.memory_bytes).sum()
}

fn events(log: &[LogEntry], from: u64, to: u64) -> impl Iterator<Item = &Event> {
    log.iter()
        .filter(move |e| e.at > from && e.at <= to)
        .map(|e| &e.event)
}

#[test]
fn step_1_the_problem_mismatch_appears_after_the_pause() {
    let step = tour_step("problem");
    let run = play(&step);
    assert_eq!(
        run.before.mismatches, 0,
        "nothing has gone wrong yet at the question"
    );
    assert!(run.after.mismatches > 0, "{:?}", run.after);
    assert!(
        run.after.relogins > 0,
        "a mismatch sends the user back to log in"
    );

    // The caption: userA (user 0) has just logged in on server A (index 0) when the question is asked ...
    let log = run.sim.log();
    let login = events(log, 0, step.pause_at).find_map(|e| match e {
        Event::LoggedIn {
            user: UserId(0),
            server,
            ..
        } => Some(*server),
        _ => None,
    });
    assert_eq!(
        login,
        Some(ServerId(0)),
        "userA logs in on server 0 before the pause"
    );
    // ... and the answer: userA's next click lands on another server, which answers 401.
    let next = events(log, step.pause_at, step.reveal_until()).find(|e| {
        matches!(
            e,
            Event::Mismatch {
                user: UserId(0),
                ..
            } | Event::LoggedIn {
                user: UserId(0),
                ..
            } | Event::LostSession {
                user: UserId(0),
                ..
            }
        )
    });
    assert!(
        matches!(next, Some(Event::Mismatch { user: UserId(0), server, .. }) if *server != ServerId(0)),
        "userA's click after the pause is a mismatch on another server, got {next:?}"
    );
}

#[test]
fn step_2_one_server_has_no_mismatch() {
    let step = tour_step("one-server");
    assert_eq!(step.scenario.config.servers, 1);
    let run = play(&step);
    assert!(run.after.requests > run.before.requests);
    assert!(run.after.ok > 0);
    assert_eq!(run.after.mismatches, 0);
    assert_eq!(run.after.relogins, 0);
    // The same users on three servers do get mismatches: one server is what removed them.
    let three = run_variant(&step, |c| c.servers = 3);
    assert!(three.after.mismatches > 0, "{:?}", three.after);
}

#[test]
fn step_3_one_server_runs_out_of_memory_and_loses_every_session() {
    let step = tour_step("one-server-ceiling");
    let run = play(&step);
    assert_eq!(run.before.sessions_lost, 0);
    assert!(run.before.sessions_created > 0);
    assert!(
        run.before.sessions_created < CEILING_SESSIONS,
        "memory is not full before the sale"
    );
    let oom =
        events(run.sim.incidents(), step.pause_at, step.reveal_until()).find_map(|e| match e {
            Event::ServerCrashed {
                server: ServerId(0),
                sessions_lost,
                out_of_memory: true,
            } => Some(*sessions_lost),
            _ => None,
        });
    let lost_in_crash = oom.expect("the sale crashes the server out of memory");
    assert!(
        u64::from(lost_in_crash) >= CEILING_SESSIONS / 2,
        "a full server loses its sessions: {lost_in_crash}"
    );
    assert!(run.after.sessions_lost >= u64::from(lost_in_crash));
    assert!(
        run.after.errors > 0,
        "requests fail while the only server is down"
    );
    assert!(
        run.after.relogins > 0,
        "after the restart users log in again"
    );
}

#[test]
fn step_4_sticky_cookie_has_no_mismatch_where_none_has_many() {
    let step = tour_step("sticky-cookie");
    assert_eq!(step.scenario.config.strategy, Strategy::Sticky);
    assert_eq!(step.scenario.config.sticky_by, StickyBy::Cookie);
    let run = play(&step);
    assert!(run.after.ok > 0);
    assert_eq!(run.after.mismatches, 0);
    assert_eq!(run.after.relogins, 0);
    let unsticky = run_variant(&step, |c| c.strategy = Strategy::None);
    assert!(unsticky.after.mismatches > 0, "{:?}", unsticky.after);
}

#[test]
fn step_5_sticky_server_crash_forces_its_users_to_log_in_again() {
    let step = tour_step("sticky-crash");
    let run = play(&step);
    assert_eq!(run.before.sessions_lost, 0);
    assert_eq!(run.before.relogins, 0);
    assert!(run.after.sessions_lost > 0, "{:?}", run.after);
    assert!(run.after.relogins > 0, "{:?}", run.after);
    // Users pinned to the dead server are re-pinned away from it.
    let repinned = events(run.sim.log(), step.pause_at, step.reveal_until()).any(|e| {
        matches!(
            e,
            Event::Repinned {
                from: ServerId(1),
                ..
            }
        )
    });
    assert!(repinned, "users of server 1 are re-pinned");
}

#[test]
fn step_6_sticky_by_ip_behind_nat_makes_a_hotspot() {
    let step = tour_step("sticky-ip-nat");
    let config = &step.scenario.config;
    assert_eq!(config.users_per_ip, config.users, "one office, one address");
    let run = play(&step);
    assert_eq!(run.after.mismatches, 0);
    assert!(
        run.after.imbalance > 2.5,
        "imbalance {}",
        run.after.imbalance
    );
    let busy = run
        .after
        .per_server
        .iter()
        .filter(|s| s.requests > 0)
        .count();
    assert_eq!(
        busy, 1,
        "one server does all the work: {:?}",
        run.after.per_server
    );
    // The same office with a cookie spreads out.
    let by_cookie = run_variant(&step, |c| c.sticky_by = StickyBy::Cookie);
    assert!(
        by_cookie.after.imbalance < 2.0,
        "{}",
        by_cookie.after.imbalance
    );
}

#[test]
fn step_7_cluster_all_has_no_mismatch_but_n_fold_memory_and_messages() {
    let step = tour_step("cluster-all");
    let config = &step.scenario.config;
    assert_eq!(config.replication, Replication::Sync);
    let servers = u64::from(config.servers);
    let run = play(&step);
    assert_eq!(run.after.mismatches, 0);
    assert!(run.after.sessions_created > 0);
    assert!(
        run.after.replication_messages >= (servers - 1) * run.after.sessions_created,
        "each write costs N-1 messages: {:?}",
        run.after
    );
    let sticky = run_variant(&step, |c| c.strategy = Strategy::Sticky);
    assert_eq!(sticky.after.replication_messages, 0);
    let ratio = memory(&run.after) as f64 / memory(&sticky.after) as f64;
    assert!(
        ratio > (servers as f64) * 0.8,
        "every server holds every session: memory ratio {ratio}"
    );
}

#[test]
fn step_8_async_replication_window_mismatches_where_sync_has_none() {
    let step = tour_step("cluster-async-window");
    assert_eq!(step.scenario.config.replication, Replication::Async);
    let run = play(&step);
    assert_eq!(run.before.mismatches, 0);
    assert!(run.after.mismatches > 0, "{:?}", run.after);
    assert_eq!(
        run.after.sessions_lost, 0,
        "no fault: the mismatches are timing only"
    );
    let sync = run_variant(&step, |c| c.replication = Replication::Sync);
    assert_eq!(sync.after.mismatches, 0, "{:?}", sync.after);
    assert!(
        sync.after.latency_ms.p50 > run.after.latency_ms.p50,
        "synchronous replication is slower"
    );
}

#[test]
fn step_9_primary_backup_fetches_from_key_only_servers_and_saves_memory() {
    let step = tour_step("primary-backup");
    let run = play(&step);
    assert_eq!(run.after.mismatches, 0);
    assert!(run.after.ok > 0);
    let key_only: u64 = run
        .after
        .per_server
        .iter()
        .map(|s| s.sessions_key_only)
        .sum();
    assert!(key_only > 0, "{:?}", run.after.per_server);
    let fetched = events(run.sim.log(), step.pause_at, step.reveal_until())
        .any(|e| matches!(e, Event::RemoteFetched { .. }));
    assert!(fetched, "a key-only server fetches the session");
    let all = run_variant(&step, |c| c.strategy = Strategy::ClusterAll);
    assert!(memory(&run.after) < memory(&all.after));
}

#[test]
fn step_10_losing_primary_and_backup_together_loses_sessions() {
    let step = tour_step("primary-backup-double-loss");
    let run = play(&step);
    assert_eq!(run.before.sessions_lost, 0);
    assert!(run.after.sessions_lost > 0, "{:?}", run.after);
    assert!(
        run.after.sessions_lost < u64::from(run.live_at_pause),
        "sessions with a copy on server 2 survive"
    );
    assert!(run.after.relogins > 0);
    // One crash alone is survived: the backup takes over.
    let mut one_crash = TourStep {
        scenario: step.scenario.clone(),
        highlight: Vec::new(),
        ..step
    };
    one_crash.scenario.timeline.truncate(1);
    let single = play(&one_crash);
    assert_eq!(single.after.sessions_lost, 0, "{:?}", single.after);
}

#[test]
fn step_11_store_scales_out_without_mismatch() {
    let step = tour_step("store");
    let run = play(&step);
    assert_eq!(run.after.mismatches, 0);
    assert!(run.after.store_ops > 0);
    assert_eq!(run.after.per_server.len(), 4, "a fourth server joined");
    assert!(
        run.after.per_server[3].requests > 0,
        "the new server serves at once"
    );
    assert!(
        run.after.per_server.iter().all(|s| s.sessions_full == 0),
        "servers are stateless"
    );
}

#[test]
fn step_12_store_crash_fails_every_request_and_restart_loses_all_sessions() {
    let step = tour_step("store-crash");
    let run = play(&step);
    assert_eq!(run.before.errors, 0);
    assert_eq!(run.before.sessions_lost, 0);
    assert!(run.after.errors > 0, "{:?}", run.after);
    assert!(run.live_at_pause > 0);
    assert!(
        run.after.sessions_lost >= u64::from(run.live_at_pause),
        "every session is gone: {:?}",
        run.after
    );
    assert!(run.after.relogins > 0);
    let restored =
        events(run.sim.log(), step.pause_at, step.reveal_until()).find_map(|e| match e {
            Event::StoreRestarted { sessions_restored } => Some(*sessions_restored),
            _ => None,
        });
    assert_eq!(
        restored,
        Some(0),
        "no persistence: the store comes back empty"
    );
    // "While it is down, every request fails with a 5xx": no 401 of any kind until the store is back.
    let outage = run
        .sim
        .log()
        .iter()
        .skip_while(|e| !matches!(e.event, Event::StoreCrashed { .. }))
        .take_while(|e| !matches!(e.event, Event::StoreRestarted { .. }));
    let (mut errors, mut rejections) = (0, 0);
    for entry in outage {
        match entry.event {
            Event::ServerError { .. } => errors += 1,
            Event::Mismatch { .. } | Event::LostSession { .. } | Event::ExpiredHit { .. } => {
                rejections += 1
            }
            _ => {}
        }
    }
    assert!(errors > 0);
    assert_eq!(rejections, 0, "only 5xx while the store is down");
}

#[test]
fn step_13_failover_loses_only_the_writes_in_the_lag_window() {
    let step = tour_step("store-failover");
    let run = play(&step);
    assert_eq!(run.before.errors, 0);
    let promoted = run.sim.incidents().iter().find_map(|e| match e.event {
        Event::ReplicaPromoted {
            writes_lost,
            sessions_lost,
        } => Some((e.at, writes_lost, sessions_lost)),
        _ => None,
    });
    let (at, writes_lost, sessions_lost) = promoted.expect("the replica is promoted");
    assert!(writes_lost > 0, "writes inside the lag window are lost");
    // The callout's count is what the picture crosses out: the sessions the promoted replica holds in
    // an older version. The report counts those writes and the sessions it never received.
    let mut at_failover = step.scenario.simulation();
    at_failover.advance_to(at);
    assert_eq!(
        at_failover.stale_after_failover().len(),
        writes_lost as usize
    );
    assert_eq!(
        at_failover.report().store_writes_lost,
        u64::from(writes_lost + sessions_lost)
    );
    // The report (runner output, page read-outs) counts them, and the replication that preceded them.
    assert!(run.after.store_writes_lost >= u64::from(writes_lost));
    assert!(run.after.store_replication_messages > run.after.store_writes_lost);
    assert!(at > step.pause_at && at < step.reveal_until());
    assert!(run.after.errors > 0, "requests fail until the failover");
    assert!(
        run.after.sessions_lost * 4 < u64::from(run.live_at_pause),
        "the replica keeps almost every session: {:?}",
        run.after
    );
    // After the failover the site works again.
    let mut sim = step.scenario.simulation();
    sim.advance_to(at + sessionscope::model::SECOND);
    let just_after = sim.report();
    assert!(run.after.ok > just_after.ok);
    assert!(run.after.errors - just_after.errors < just_after.errors);
}

#[test]
fn step_14_store_survives_a_server_crash_where_sticky_does_not() {
    let step = tour_step("store-server-crash");
    let run = play(&step);
    assert_eq!(run.after.sessions_lost, 0, "{:?}", run.after);
    assert_eq!(run.after.relogins, 0);
    assert_eq!(run.after.mismatches, 0);
    let sticky = run_variant(&step, |c| c.strategy = Strategy::Sticky);
    assert!(sticky.after.sessions_lost > 0);
    assert!(sticky.after.relogins > 0);
}

#[test]
fn step_6_the_caption_names_the_offices_address_and_the_hotspot_the_model_has() {
    use sessionscope::model::users::client_ip;
    use sessionscope::view::words::Lang;
    let step = tour_step("sticky-ip-nat");
    let c = &step.scenario.config;
    let address =
        std::net::Ipv4Addr::from(client_ip(c.seed, UserId(0), c.users_per_ip)).to_string();
    assert!(
        (1..c.users).all(|u| client_ip(c.seed, UserId(u), c.users_per_ip)
            == client_ip(c.seed, UserId(0), c.users_per_ip))
    );
    let run = play(&step);
    let busiest = run
        .after
        .per_server
        .iter()
        .position(|s| s.requests == run.after.requests)
        .expect("one server takes every request");
    assert_eq!(busiest, 0, "server A");
    for lang in [Lang::En, Lang::Ko] {
        let text = lang.words().tour(step.topic);
        assert!(
            text.caption.contains(&address),
            "{lang:?}: {}",
            text.caption
        );
        assert!(
            text.answer.contains("100 %") && text.answer.contains(" A"),
            "{lang:?}"
        );
    }
}

#[test]
fn step_14_is_step_5s_world_with_the_sessions_in_the_store() {
    let (sticky, store) = (tour_step("sticky-crash"), tour_step("store-server-crash"));
    let (a, b) = (&sticky.scenario.config, &store.scenario.config);
    assert_eq!(
        (a.users, a.servers, a.think_time_ms),
        (b.users, b.servers, b.think_time_ms)
    );
    assert_eq!(
        sticky.scenario.timeline, store.scenario.timeline,
        "the same crash"
    );
    let (lost, kept) = (play(&sticky), play(&store));
    assert!(lost.after.relogins > 0 && kept.after.relogins == 0);
}

#[test]
fn step_15_a_database_store_makes_every_request_slower_and_loses_nothing() {
    let step = tour_step("rdb-vs-memory");
    let run = play(&step);
    let memory = run_variant(&step, |_| ()).before;
    assert_eq!(run.after.sessions_lost, 0);
    assert_eq!(run.after.mismatches, 0);
    let mut unswitched = step.scenario.clone();
    unswitched.timeline.clear();
    let mut sim = unswitched.simulation();
    sim.advance_to(step.reveal_until());
    let stays_in_memory = sim.report();
    assert!(
        run.after.latency_ms.p50 >= stays_in_memory.latency_ms.p50 + 3.0,
        "RDB p50 {} vs memory {}",
        run.after.latency_ms.p50,
        stays_in_memory.latency_ms.p50
    );
    assert!(memory.requests > 0);
    // The read-out the answer points at: the store's latest round trip, about 1 ms when the question
    // is asked and about 10 ms at the answer, where the latency's median has moved only a little.
    let t = &step.scenario.config.timing;
    let (asked, answered) = (
        run.before.store_round_trip_ms,
        run.after.store_round_trip_ms,
    );
    assert!(
        asked >= f64::from(t.store_memory_rtt_ms) && asked < 2.0,
        "in memory: {asked} ms"
    );
    assert!(
        answered >= f64::from(t.store_rdb_rtt_ms) && answered < 14.0,
        "on a database: {answered} ms"
    );
    assert!(step.highlight.contains(&"metric-store-round-trip-ms"));
    // Already at the held moment, where the callout says "store (10 ms)": the read-out agrees.
    let outcome = step.moment().expect("step 15's moment").outcome.at;
    let mut sim = step.scenario.simulation();
    sim.advance_to(outcome);
    let held = sim.report().store_round_trip_ms;
    assert!(
        held >= f64::from(t.store_rdb_rtt_ms),
        "at the moment: {held} ms"
    );
}

// That every step is complete in both languages (its words live in the view) is checked in
// tests/view_words.rs.

#[test]
fn every_step_pauses_inside_its_run_and_highlights_real_handles() {
    let all = steps();
    let mut ids: Vec<_> = all.iter().map(|s| s.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "step ids are unique");
    for step in &all {
        assert!(
            step.pause_at > 0 && step.pause_at < step.reveal_until(),
            "{}",
            step.id
        );
        assert!(
            step.scenario.timeline.iter().all(|t| t.at > step.pause_at),
            "{}: the events the question asks about happen after the pause",
            step.id
        );
        assert!(!step.highlight.is_empty(), "{}", step.id);
        let mut sim = step.scenario.simulation();
        sim.advance_to(step.reveal_until());
        let servers = sim.server_states().len();
        for id in &step.highlight {
            let known = match id.strip_prefix("server-") {
                Some(n) => n.parse::<usize>().is_ok_and(|n| n < servers),
                None => ["lb", "store"].contains(id) || id.starts_with("metric-"),
            };
            assert!(
                known,
                "{}: highlight {id} is not a handle on the page",
                step.id
            );
        }
    }
}
