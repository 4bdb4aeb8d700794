//! Servers come back: a crashed or out-of-memory server is restarted by its supervisor after
//! `Timing::server_restart_ms`, empty (in a cluster it pulls the sessions before serving), or never when
//! that is `None`. Sessions a mismatch leaves behind are counted as orphans. And the canonical long run:
//! without sharing, round robin over N servers keeps the mismatch share near (N-1)/N for 15 minutes.

use sessionscope::model::*;

mod common;
use common::{config, run};

/// A run of `config` in which `server` crashes at 10 s.
fn crash_at_ten_seconds(config: Config, server: ServerId) -> Simulation {
    let mut sim = run(config, 10);
    sim.apply(Command::CrashServer(server));
    sim
}

/// A run of `config` in which ten times the users arrive from 5 s on (new visitors, each logging in).
fn tenfold_rush(config: Config, for_ms: u64, until: Micros) -> Simulation {
    let mut sim = run(config, 5);
    assert_eq!(sim.metrics().oom_crashes, 0);
    sim.apply(Command::Traffic {
        factor: 10.0,
        for_ms,
    });
    sim.advance_to(until);
    sim
}

fn restarts(sim: &Simulation, server: ServerId) -> Vec<Micros> {
    sim.incidents()
        .iter()
        .filter(|e| e.event == Event::ServerRestarted { server })
        .map(|e| e.at)
        .collect()
}

#[test]
fn a_crashed_server_is_restarted_by_its_supervisor_after_the_delay_and_comes_back_empty() {
    let c = config(Strategy::None, 3, 60);
    let delay = u64::from(c.timing.server_restart_ms.expect("a default supervisor")) * MS;
    let mut sim = crash_at_ten_seconds(c, ServerId(1));
    sim.advance_to(10 * SECOND + delay - 1);
    assert!(!sim.server(ServerId(1)).unwrap().state.is_up());
    assert!(restarts(&sim, ServerId(1)).is_empty());
    sim.advance_to(10 * SECOND + delay);
    assert_eq!(restarts(&sim, ServerId(1)), vec![10 * SECOND + delay]);
    let server = sim.server(ServerId(1)).unwrap();
    assert!(server.state.is_up());
    assert_eq!(server.sessions_full, 0, "it comes back empty");
    // And it serves again: new logins land on it.
    sim.advance_to(20 * SECOND);
    assert!(sim.server(ServerId(1)).unwrap().sessions_full > 0);
}

#[test]
fn without_a_supervisor_a_crashed_server_stays_down_until_restarted_by_hand() {
    let mut c = config(Strategy::None, 3, 60);
    c.timing.server_restart_ms = None;
    let mut sim = crash_at_ten_seconds(c, ServerId(1));
    sim.advance_to(300 * SECOND);
    assert!(!sim.server(ServerId(1)).unwrap().state.is_up());
    assert!(restarts(&sim, ServerId(1)).is_empty());
    sim.apply(Command::RestartServer(ServerId(1)));
    assert!(sim.server(ServerId(1)).unwrap().state.is_up());
}

#[test]
fn the_delay_is_adjustable_and_counts_from_the_latest_crash() {
    let mut c = config(Strategy::None, 3, 60);
    c.timing.server_restart_ms = Some(20_000);
    let mut sim = run(c, 10);
    sim.apply(Command::CrashServer(ServerId(2)));
    // Restarted by hand, and crashed again: only the second crash's restart happens.
    sim.advance_to(12 * SECOND);
    sim.apply(Command::RestartServer(ServerId(2)));
    sim.advance_to(15 * SECOND);
    sim.apply(Command::CrashServer(ServerId(2)));
    sim.advance_to(60 * SECOND);
    assert_eq!(restarts(&sim, ServerId(2)), vec![12 * SECOND, 35 * SECOND]);
}

#[test]
fn an_out_of_memory_server_is_restarted_too() {
    let mut c = config(Strategy::None, 1, 40);
    c.timing.server_memory_bytes = 200 * u64::from(c.timing.full_session_bytes);
    let delay = u64::from(c.timing.server_restart_ms.unwrap()) * MS;
    let mut sim = tenfold_rush(c, 10_000, 15 * SECOND);
    let crash = sim
        .incidents()
        .iter()
        .find(|e| {
            matches!(
                e.event,
                Event::ServerCrashed {
                    out_of_memory: true,
                    ..
                }
            )
        })
        .map(|e| e.at)
        .expect("the peak runs the server out of memory");
    assert_eq!(restarts(&sim, ServerId(0)).first(), Some(&(crash + delay)));
    // Back after the peak, with room again.
    sim.advance_to(40 * SECOND);
    let server = sim.server(ServerId(0)).unwrap();
    assert!(server.state.is_up() && !server.out_of_memory);
    assert!(sim.metrics().ok > 0);
}

#[test]
fn a_restarted_cluster_member_pulls_every_session_before_serving() {
    let c = config(Strategy::ClusterAll, 3, 60);
    let delay = u64::from(c.timing.server_restart_ms.unwrap()) * MS;
    let mut sim = crash_at_ten_seconds(c, ServerId(0));
    sim.advance_to(10 * SECOND + delay);
    let server = sim.server(ServerId(0)).unwrap();
    assert!(server.state.is_up());
    assert_eq!(server.sessions_full, sim.live_sessions());
}

#[test]
fn every_mismatch_leaves_an_orphan_and_other_401s_do_not() {
    // Without sharing: each mismatch sends the user to log in again, the old session lingers.
    let none = run(config(Strategy::None, 3, 60), 60);
    let m = none.metrics();
    assert!(m.mismatches > 100);
    assert_eq!(m.orphaned_sessions, m.mismatches);
    assert_eq!(none.report().orphaned_sessions, m.orphaned_sessions);
    // The sessions left behind are still there (they idle out after 30 minutes).
    assert!(u64::from(none.live_sessions()) >= m.orphaned_sessions);

    // Sticky sessions with a crash: sessions are lost (401s), but nothing is left behind.
    let mut c = config(Strategy::Sticky, 3, 60);
    c.timing.server_restart_ms = None;
    let mut sim = crash_at_ten_seconds(c, ServerId(0));
    sim.advance_to(60 * SECOND);
    let m = sim.metrics();
    assert!(m.lost_session_hits > 0);
    assert_eq!(m.mismatches, 0);
    assert_eq!(m.orphaned_sessions, 0);
}

#[test]
fn orphans_are_a_chart_series() {
    let sim = run(config(Strategy::None, 2, 40), 30);
    let metric = SeriesMetric::from_name("orphaned_sessions").expect("a series");
    assert!(SeriesMetric::ALL.contains(&metric));
    let samples: Vec<&Sample> = sim.series().iter().collect();
    let last = samples.last().unwrap();
    let (value, counter) = metric.read(last);
    assert!(counter, "drawn per interval, like the other counters");
    assert_eq!(value, last.orphaned_sessions as f64);
    assert!(
        last.orphaned_sessions > 0 && last.orphaned_sessions <= sim.metrics().orphaned_sessions
    );
    // Cumulative, sample after sample.
    assert!(samples
        .windows(2)
        .all(|w| w[0].orphaned_sessions <= w[1].orphaned_sessions));
}

/// A server answers at most `concurrency / service time` requests a second (400), and each user waits
/// for an answer before the next request: a rush fills memory only as fast as the server logs the new
/// visitors in. Ten times 10 000 users are more visitors than one server's memory holds sessions.
#[test]
fn the_default_memory_still_runs_out_with_a_tenfold_rush_on_one_server() {
    let c = Config {
        servers: 1,
        users: 10_000,
        ..Config::default()
    };
    let sessions_fit = c.timing.server_memory_bytes / u64::from(c.timing.full_session_bytes);
    assert!(100_000 > sessions_fit);
    let sim = tenfold_rush(c, 600_000, 300 * SECOND);
    assert!(sim.metrics().oom_crashes >= 1, "{:?}", sim.metrics());
}

/// `strategy none`, round robin, N servers, 360 users, 1.5 s think time, 15 simulated minutes, default
/// memory and supervisor: every authenticated request has an (N-1)/N chance of landing where its
/// session is not, the sessions left behind fit in memory, and no server is down at the end.
#[test]
fn canonical_fifteen_minutes_without_sharing_keep_the_mismatch_share_and_every_server() {
    for n in [2u32, 3, 5] {
        let mut sim = Simulation::new(Config {
            strategy: Strategy::None,
            balancer: Balancer::RoundRobin,
            servers: n,
            users: 360,
            think_time_ms: 1_500,
            ..Config::default()
        });
        sim.advance_to(900 * SECOND);
        let m = sim.metrics();
        let share = m.mismatches as f64 / m.authenticated_requests as f64;
        let expected = f64::from(n - 1) / f64::from(n);
        assert!(
            (share - expected).abs() <= 0.03,
            "N = {n}: mismatch share {share:.3}, expected {expected:.3}"
        );
        assert_eq!(m.oom_crashes, 0, "N = {n}: {m:?}");
        assert!(
            sim.servers().iter().all(|s| s.state.is_up()),
            "N = {n}: a server ended down"
        );
        assert!(m.orphaned_sessions > 10_000, "N = {n}: {m:?}");
    }
}
