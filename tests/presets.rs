//! Every preset stages its weakness: run through the model, it produces its effect after the page's
//! first frame (`lead_in`) and by `effect_by`, and a control variant without the cause does not. The
//! wall time the effect needs on the page follows from the preset's speed and must fit the budget.
//!
//! `cargo test --test presets -- --nocapture` prints the measured moment of each effect and the wall
//! time it needs at the default speed, at the tour's reveal rule and at the preset's own speed.

use sessionscope::model::{
    Config, Event, LogEntry, Micros, NodeState, Replication, ServerId, Simulation, StoreKind,
    UserId, MS, SECOND,
};
use sessionscope::scenario::preset::{Preset, WALL_BUDGET_S};
use sessionscope::scenario::Scenario;

/// The page's default playback speed (model seconds per wall second).
const DEFAULT_SPEED: f64 = 0.05;
/// The tour plays a revealed answer in about this many wall seconds (and at least as slowly as now).
const TOUR_ANSWER_WALL_S: f64 = 20.0;
/// Grid on which effects that are states rather than events (imbalance, latency) are looked for.
const TICK: Micros = 100 * MS;

fn run(scenario: &Scenario, until: Micros) -> Simulation {
    let mut sim = scenario.simulation();
    sim.advance_to(until);
    sim
}

/// A concrete iterator type (not `impl Iterator`): it has no destructor, so a search over a local
/// simulation's log can be a function's last expression.
type Events<'a> = std::iter::Map<std::slice::Iter<'a, LogEntry>, fn(&LogEntry) -> (Micros, &Event)>;

fn events(log: &[LogEntry]) -> Events<'_> {
    log.iter().map(|e| (e.at, &e.event))
}

fn variant(preset: Preset, change: impl FnOnce(&mut Scenario)) -> Scenario {
    let mut scenario = preset.scenario();
    change(&mut scenario);
    scenario
}

/// A control variant, the preset with its cause taken away by `change`: the effect does not happen in
/// it. Run to its end.
fn control_run(preset: Preset, change: impl FnOnce(&mut Scenario)) -> Simulation {
    let control = variant(preset, change);
    assert_eq!(
        effect_at(preset, &control),
        None,
        "{}: the effect without its cause",
        preset.name()
    );
    run(&control, control.duration)
}

/// Model time of the preset's effect in `scenario` (the preset's own, or a control variant), if it
/// happens before the scenario's end.
fn effect_at(preset: Preset, scenario: &Scenario) -> Option<Micros> {
    match preset {
        Preset::Oom => oom_at(scenario),
        Preset::Nat => hotspot_at(scenario),
        Preset::StickyCrash => relogin_after_loss_at(scenario),
        Preset::LagRace => lag_mismatch_at(scenario),
        Preset::StoreFailover => promotion_with_loss_at(scenario),
        Preset::RdbVsMemory => slower_store_at(scenario),
    }
}

/// The server crashes out of memory, taking sessions with it.
fn oom_at(scenario: &Scenario) -> Option<Micros> {
    let sim = run(scenario, scenario.duration);
    events(sim.incidents()).find_map(|(at, e)| match e {
        Event::ServerCrashed {
            out_of_memory: true,
            sessions_lost,
            ..
        } if *sessions_lost > 0 => Some(at),
        _ => None,
    })
}

/// Every user has been served, and all by one server: the others idle (imbalance max/mean equal to the
/// number of servers).
fn hotspot_at(scenario: &Scenario) -> Option<Micros> {
    let users = u64::from(scenario.config.users);
    let servers = scenario.config.servers as f64;
    let mut sim = scenario.simulation();
    let mut t = 0;
    while t < scenario.duration {
        t += TICK;
        sim.advance_to(t);
        let report = sim.report();
        let busy = report.per_server.iter().filter(|s| s.requests > 0).count();
        let served: u64 = sim.users().filter(|u| u.requests > 0).count() as u64;
        if served >= users && busy == 1 && report.imbalance > servers - 0.01 {
            return Some(t);
        }
    }
    None
}

/// A user whose session died with a crash is rejected (401) and logs in again.
fn relogin_after_loss_at(scenario: &Scenario) -> Option<Micros> {
    let sim = run(scenario, scenario.duration);
    let log = sim.log();
    let lost_users: Vec<UserId> = events(log)
        .filter_map(|(_, e)| match e {
            Event::LostSession { user, .. } => Some(*user),
            _ => None,
        })
        .collect();
    let first_loss = events(log).find_map(|(at, e)| match e {
        Event::LostSession { .. } => Some(at),
        _ => None,
    })?;
    events(log).find_map(|(at, e)| match e {
        Event::LoggedIn { user, .. } if at >= first_loss && lost_users.contains(user) => Some(at),
        _ => None,
    })
}

/// A mismatch on a server that the session's copy had not reached yet: the login was less than one
/// replication lag earlier, and the copy does arrive there afterwards.
fn lag_mismatch_at(scenario: &Scenario) -> Option<Micros> {
    let lag = u64::from(scenario.config.replication_lag_ms) * MS;
    let sim = run(scenario, scenario.duration);
    let log = sim.log();
    events(log).find_map(|(at, e)| {
        let Event::Mismatch {
            server, session, ..
        } = e
        else {
            return None;
        };
        let logged_in = events(log).find_map(|(t, e)| match e {
            Event::LoggedIn { session: s, .. } if s == session => Some(t),
            _ => None,
        })?;
        if at >= logged_in + lag {
            return None;
        }
        let later = run(scenario, logged_in + lag + MS);
        let arrived = later
            .server_sessions(*server)
            .iter()
            .any(|entry| entry.session == *session);
        arrived.then_some(at)
    })
}

/// Failover: the replica is promoted and writes made in the lag window before the crash are gone.
fn promotion_with_loss_at(scenario: &Scenario) -> Option<Micros> {
    let sim = run(scenario, scenario.duration);
    events(sim.incidents()).find_map(|(at, e)| match e {
        Event::ReplicaPromoted { writes_lost, .. } if *writes_lost > 0 => Some(at),
        _ => None,
    })
}

/// The first one-second latency sample whose median is above the median of the samples before the
/// switch by at least the difference of the two engines' round trips, with a higher p99 as well.
fn slower_store_at(scenario: &Scenario) -> Option<Micros> {
    let timing = &scenario.config.timing;
    let gap_ms = f64::from(timing.store_rdb_rtt_ms - timing.store_memory_rtt_ms);
    let sim = run(scenario, scenario.duration);
    let samples: Vec<_> = sim.series().iter().collect();
    // The first second is logins only; the baseline is the steady state that follows.
    let baseline: Vec<_> = samples
        .iter()
        .filter(|s| s.at > SECOND && s.at <= 3 * SECOND)
        .collect();
    let p50 = baseline
        .iter()
        .map(|s| s.latency_p50_ms)
        .fold(0.0, f64::max);
    let p99 = baseline
        .iter()
        .map(|s| s.latency_p99_ms)
        .fold(0.0, f64::max);
    samples
        .iter()
        .filter(|s| s.at > 3 * SECOND)
        .find(|s| s.latency_p50_ms >= p50 + gap_ms && s.latency_p99_ms > p99)
        .map(|s| s.at)
}

/// The preset's effect happens on screen (after the first frame) and by its stated bound: the preset's
/// scenario and the moment of its effect.
fn assert_effect_in_window(preset: Preset) -> (Scenario, Micros) {
    let scenario = preset.scenario();
    let at = effect_at(preset, &scenario).unwrap_or_else(|| panic!("{}: no effect", preset.name()));
    assert!(
        at > preset.lead_in(),
        "{}: the effect at {at} µs happens before the page's first frame ({} µs)",
        preset.name(),
        preset.lead_in()
    );
    assert!(
        at <= preset.effect_by(),
        "{}: the effect at {at} µs comes after its bound {} µs",
        preset.name(),
        preset.effect_by()
    );
    (scenario, at)
}

#[test]
fn oom_runs_the_single_server_out_of_memory_only_with_the_traffic_event() {
    let preset = Preset::Oom;
    let (scenario, at) = assert_effect_in_window(preset);
    assert_eq!(scenario.config.servers, 1);
    let sim = run(&scenario, at);
    let server = sim.server(ServerId(0)).expect("one server");
    assert_eq!(server.state, NodeState::DownUndetected);
    assert!(server.out_of_memory);
    assert!(sim.metrics().sessions_lost > 0);
    // Without the traffic event the same server never fills up.
    let calm = control_run(preset, |s| s.timeline.clear());
    assert_eq!(calm.metrics().oom_crashes, 0);
}

#[test]
fn nat_puts_the_whole_office_on_one_server_but_separate_addresses_spread() {
    let preset = Preset::Nat;
    let (scenario, at) = assert_effect_in_window(preset);
    let report = run(&scenario, at).report();
    assert_eq!(report.mismatches, 0, "sticky by address: no mismatch");
    assert!(report.imbalance > 2.9, "imbalance {}", report.imbalance);
    let spread = control_run(preset, |s| s.config.users_per_ip = 1).report();
    assert!(
        spread.imbalance < 2.5,
        "twelve addresses spread over three servers, if unevenly: {}",
        spread.imbalance
    );
    assert!(spread.per_server.iter().all(|s| s.requests > 0));
}

#[test]
fn sticky_crash_loses_sessions_and_forces_relogins_only_with_the_crash() {
    let preset = Preset::StickyCrash;
    let (scenario, at) = assert_effect_in_window(preset);
    let crash = scenario.timeline[0].at;
    let before = run(&scenario, crash - MS).report();
    assert_eq!(before.sessions_lost, 0);
    assert_eq!(before.relogins, 0);
    let after = run(&scenario, at).report();
    assert!(after.sessions_lost > 0, "{after:?}");
    assert!(after.relogins > 0, "{after:?}");
    assert_eq!(after.mismatches, 0, "sticky: the losses are the crash's");
    let calm = control_run(preset, |s| s.timeline.clear()).report();
    assert_eq!((calm.sessions_lost, calm.relogins), (0, 0), "{calm:?}");
}

#[test]
fn lag_race_mismatches_by_timing_alone_and_sync_replication_has_none() {
    let preset = Preset::LagRace;
    let (scenario, at) = assert_effect_in_window(preset);
    assert_eq!(scenario.config.replication, Replication::Async);
    let report = run(&scenario, at).report();
    assert!(report.mismatches > 0);
    assert_eq!(
        report.sessions_lost, 0,
        "no fault: the mismatch is timing only"
    );
    let sync = control_run(preset, |s| s.config.replication = Replication::Sync);
    assert_eq!(sync.metrics().mismatches, 0);
}

#[test]
fn store_failover_promotes_the_replica_and_loses_the_lag_window_only_with_the_crash() {
    let preset = Preset::StoreFailover;
    let (scenario, at) = assert_effect_in_window(preset);
    let failover = u64::from(scenario.config.timing.store_failover_ms) * MS;
    let crash = scenario.timeline[0].at;
    assert_eq!(
        at,
        crash + failover,
        "promoted when the failure is detected"
    );
    let sim = run(&scenario, at);
    let report = sim.report();
    assert!(report.store_writes_lost > 0, "{report:?}");
    assert!(report.errors > 0, "requests fail until the failover");
    assert_eq!(
        sim.store().state,
        NodeState::Up,
        "the promoted replica serves"
    );
    // Almost everything survives: only the window is lost.
    assert!(
        report.sessions_lost * 4 < report.sessions_created,
        "{report:?}"
    );
    let calm = control_run(preset, |s| s.timeline.clear()).report();
    assert_eq!((calm.store_writes_lost, calm.errors), (0, 0), "{calm:?}");
}

#[test]
fn rdb_vs_memory_raises_latency_after_the_switch_and_not_without_it() {
    let preset = Preset::RdbVsMemory;
    let (scenario, _) = assert_effect_in_window(preset);
    assert_eq!(scenario.config.store_kind, StoreKind::Memory);
    let memory = control_run(preset, |s| s.timeline.clear()).report();
    // The same workload on either engine from the start: the whole run's percentiles differ too.
    let rdb = variant(preset, |s| {
        s.timeline.clear();
        s.config.store_kind = StoreKind::Rdb;
    });
    let rdb = run(&rdb, rdb.duration).report();
    let timing = &scenario.config.timing;
    let gap_ms = f64::from(timing.store_rdb_rtt_ms - timing.store_memory_rtt_ms);
    assert!(
        rdb.latency_ms.p50 >= memory.latency_ms.p50 + gap_ms,
        "p50 {} vs {}",
        rdb.latency_ms.p50,
        memory.latency_ms.p50
    );
    assert!(
        rdb.latency_ms.p99 > memory.latency_ms.p99,
        "p99 {} vs {}",
        rdb.latency_ms.p99,
        memory.latency_ms.p99
    );
}

#[test]
fn every_effect_plays_within_the_wall_budget_at_the_presets_speed() {
    println!(
        "{:<15} {:>8} {:>8} {:>8} {:>10} {:>8} {:>10} {:>7} {:>10} {:>10}",
        "preset",
        "lead_in",
        "effect",
        "bound",
        "wall@0.05",
        "tour x",
        "wall@tour",
        "speed",
        "wall@speed",
        "bound@speed"
    );
    for preset in Preset::ALL {
        let (scenario, at) = assert_effect_in_window(preset);
        let seconds = |t: Micros| t as f64 / 1e6;
        let span = seconds(at - preset.lead_in());
        // The tour's rule: play what is left of the window in about 20 s, never slower than now.
        let window = seconds(scenario.duration - preset.lead_in());
        let tour_speed = (window / TOUR_ANSWER_WALL_S).max(DEFAULT_SPEED);
        println!(
            "{:<15} {:>7.2}s {:>7.2}s {:>7.2}s {:>9.1}s {:>7.2}x {:>9.1}s {:>6.2}x {:>9.1}s {:>9.1}s",
            preset.name(),
            seconds(preset.lead_in()),
            seconds(at),
            seconds(preset.effect_by()),
            span / DEFAULT_SPEED,
            tour_speed,
            span / tour_speed,
            preset.speed(),
            span / preset.speed(),
            preset.wall_seconds(preset.speed()),
        );
        assert!(
            preset.wall_seconds(preset.speed()) <= WALL_BUDGET_S,
            "{}: {} s of wall time at {}x",
            preset.name(),
            preset.wall_seconds(preset.speed()),
            preset.speed()
        );
        assert!(span / preset.speed() <= preset.wall_seconds(preset.speed()));
    }
}

#[test]
fn names_round_trip_and_unknown_names_are_refused() {
    for preset in Preset::ALL {
        assert_eq!(Preset::from_name(preset.name()), Some(preset));
    }
    let mut names: Vec<_> = Preset::ALL.iter().map(|p| p.name()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), Preset::ALL.len());
    for name in [
        "oom",
        "nat",
        "sticky-crash",
        "lag-race",
        "store-failover",
        "rdb-vs-memory",
    ] {
        assert!(Preset::from_name(name).is_some(), "{name}");
    }
    assert_eq!(Preset::from_name("OOM"), None);
    assert_eq!(Preset::from_name(""), None);
}

#[test]
fn every_preset_is_a_valid_scenario_file_whose_moment_follows_the_first_frame() {
    for preset in Preset::ALL {
        let scenario = preset.scenario();
        let text = scenario.to_json();
        let read = Scenario::from_json(&text)
            .unwrap_or_else(|e| panic!("{}: {e} in {text}", preset.name()));
        assert_eq!(read, scenario, "{}", preset.name());
        assert!(preset.lead_in() < preset.effect_by());
        assert!(preset.effect_by() <= scenario.duration);
        assert!(
            scenario.timeline.iter().all(|t| t.at > preset.lead_in()),
            "{}: its commands happen on screen",
            preset.name()
        );
        assert_ne!(scenario.config, Config::default(), "{}", preset.name());
    }
}
