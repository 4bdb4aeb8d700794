//! Effects of faults: a crashed server under sticky sessions, a dead upstream skipped for
//! `fail_timeout` and probed again, a request in flight when its server dies, and Redis killed and
//! restarted empty.

use super::{setup, share};
use crate::model::{
    Balancer, Command, Config, Metrics, RequestKind, ServerId, Simulation, StickyBy, Strategy,
    UserId, MS, SECOND,
};
use crate::realcheck::client::{Answer, User};
use crate::realcheck::crowd::{self, Addresses, Plan};
use crate::realcheck::procs::{wait_until, Fleet, Tools};
use crate::realcheck::table::Row;
use crate::scenario::{Scenario, TimedCommand};
use std::time::Duration;

fn model_scenario(config: &Config, seconds: f64, timeline: &[(f64, Command)]) -> Scenario {
    Scenario {
        config: config.clone(),
        duration: (seconds * SECOND as f64) as u64,
        timeline: timeline
            .iter()
            .map(|(at, command)| TimedCommand {
                at: (at * SECOND as f64) as u64,
                command: command.clone(),
            })
            .collect(),
    }
}

fn is_error(record: &crowd::Record) -> bool {
    record.answer.is_server_error()
}

/// Sticky sessions by the route cookie, four servers, one crashes: the users pinned to it lose their
/// session (about a quarter), log in again once, and see no error (nginx passes the refused request
/// on).
pub fn sticky_crash(tools: &Tools, seed: u64) -> Result<Vec<Row>, String> {
    const USERS: u32 = 100;
    const CRASH_S: f64 = 3.0;
    const END_S: f64 = 6.0;
    let mut config = setup(Strategy::Sticky, Balancer::RoundRobin, 4, USERS, 200, seed);
    config.sticky_by = StickyBy::Cookie;
    let mut fleet = Fleet::start(tools, &format!("sticky-seed{seed}"), &config)?;
    let plan = Plan::for_config(&config, Duration::from_secs_f64(END_S), Addresses::One);
    let base = fleet.base_url();
    let mut lost: Result<u64, String> = Err("the crash never happened".into());
    let records = crowd::run(
        &base,
        &plan,
        vec![(
            Duration::from_secs_f64(CRASH_S),
            Box::new(|| {
                lost = fleet.app_stats(0).map(|(sessions, _)| sessions);
                fleet.crash_app(0);
            }),
        )],
    );
    drop(fleet);
    let lost = lost?;
    let relogins = records.iter().filter(|r| r.answer.status == 401).count();
    let errors = records.iter().filter(|r| is_error(r)).count();

    let report = model_scenario(
        &config,
        END_S,
        &[(CRASH_S, Command::CrashServer(ServerId(0)))],
    )
    .run();
    let users = f64::from(USERS);
    Ok(vec![
        // Which users are pinned to the crashed server follows the logins' round robin: a quarter,
        // give or take the few users between a logout and their next login.
        Row::new(
            "sticky cookie, crash 1 of 4: sessions lost per user",
            lost as f64 / users,
            report.sessions_lost as f64 / users,
            0.06,
            3,
        ),
        Row::new(
            "sticky cookie, crash 1 of 4: re-logins per user",
            relogins as f64 / users,
            report.relogins as f64 / users,
            0.08,
            3,
        ),
        // Only a request caught in progress at the crash can fail (a POST); at ~500 requests/s and a
        // millisecond each that is rare on both sides.
        Row::new(
            "sticky cookie, crash 1 of 4: client-visible errors (5xx)",
            errors as f64,
            report.errors as f64,
            2.0,
            0,
        ),
    ])
}

/// One of three servers dies; with `max_fails=1 fail_timeout=2s` nginx skips it after each failed
/// attempt (fail_timeout plus the rest of the second) and then sends it one live request again: a few
/// failed attempts in all, none of them visible to a client.
pub fn fail_timeout(tools: &Tools, seed: u64) -> Result<Vec<Row>, String> {
    const USERS: u32 = 10;
    const FAIL_TIMEOUT_MS: u32 = 2_000;
    const CRASH_S: f64 = 1.0;
    const END_S: f64 = 7.5;
    let mut config = setup(Strategy::None, Balancer::RoundRobin, 3, USERS, 50, seed);
    config.timing.fail_timeout_ms = FAIL_TIMEOUT_MS;
    let mut fleet = Fleet::start(tools, &format!("failtimeout-seed{seed}"), &config)?;
    let dead_port = fleet.app_port(1);
    let plan = Plan::for_config(&config, Duration::from_secs_f64(END_S), Addresses::One);
    let base = fleet.base_url();
    let records = crowd::run(
        &base,
        &plan,
        vec![(
            Duration::from_secs_f64(CRASH_S),
            Box::new(|| fleet.crash_app(1)),
        )],
    );
    let log = fleet.error_log();
    drop(fleet);
    let needle = format!("127.0.0.1:{dead_port}/");
    // nginx's log stamps whole seconds: enough, since the gaps are whole seconds too (see below).
    let failed_tries: Vec<u64> = log
        .lines()
        // Every failure nginx saw on it: refused connections, and requests cut off by the crash.
        .filter(|l| l.contains("[error]") && l.contains(&needle))
        .filter_map(log_second)
        .collect();
    let crash = Duration::from_secs_f64(CRASH_S);
    let errors = records
        .iter()
        .filter(|r| r.at >= crash && is_error(r))
        .count();

    // The model, watched every 10 ms: when a request is refused by the dead server.
    let mut sim = model_scenario(
        &config,
        END_S,
        &[(CRASH_S, Command::CrashServer(ServerId(1)))],
    )
    .simulation();
    let crash_at = (CRASH_S * SECOND as f64) as u64;
    sim.advance_to(crash_at);
    let errors_before = sim.metrics().errors;
    let mut model_failures = Vec::new();
    let mut t = crash_at;
    while t < (END_S * SECOND as f64) as u64 {
        let before = failures(sim.metrics());
        t += 10 * MS;
        sim.advance_to(t);
        if failures(sim.metrics()) > before {
            model_failures.push(t as f64 / SECOND as f64);
        }
    }
    let metrics: &Metrics = sim.metrics();
    let real_gaps: Vec<f64> = failed_tries
        .windows(2)
        .map(|w| (w[1] - w[0]) as f64)
        .collect();
    let model_gaps: Vec<f64> = model_failures.windows(2).map(|w| w[1] - w[0]).collect();
    Ok(vec![
        Row::new(
            format!(
                "dead upstream, fail_timeout={}s: failed tries in {} s after the crash",
                FAIL_TIMEOUT_MS / 1000,
                END_S - CRASH_S
            ),
            failed_tries.len() as f64,
            model_failures.len() as f64,
            1.0,
            0,
        ),
        // nginx keeps time in whole seconds and probes again once `now - failed_at > fail_timeout`:
        // with traffic all the time, the gap is exactly fail_timeout + 1 s in its log's whole seconds.
        // The model's gap is measured to 10 ms; half a second tells the two apart.
        Row::new(
            "dead upstream: seconds between two probes of it",
            mean(&real_gaps),
            mean(&model_gaps),
            0.5,
            2,
        ),
        Row::new(
            "dead upstream: client-visible errors after the crash (5xx)",
            errors as f64,
            (metrics.errors - errors_before) as f64,
            1.0,
            0,
        ),
    ])
}

/// Failures the balancer has seen: refused connections, and requests cut off by a dying server (a
/// GET retried elsewhere, or a POST answered 502: the only 5xx in these runs).
fn failures(m: &Metrics) -> u64 {
    m.passed_to_next + m.retried + m.errors
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        f64::NAN
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

/// The second of the day an nginx error-log line was written (`2026/12/06 04:17:35 [error] ...`).
fn log_second(line: &str) -> Option<u64> {
    let time = line.split_whitespace().nth(1)?;
    let mut parts = time.split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
    Some(h * 3600 + m * 60 + s)
}

/// Poll the live servers until one has a request in progress; its index.
fn busy_server(fleet: &Fleet, live: &[usize]) -> Result<usize, String> {
    let mut found = None;
    wait_until(
        Duration::from_secs(5),
        "the held request to reach a server",
        || {
            found = live
                .iter()
                .copied()
                .find(|&s| fleet.app_stats(s).is_ok_and(|(_, busy)| busy > 0));
            found.is_some()
        },
    )?;
    found.ok_or_else(|| "no server holds the request".to_string())
}

/// Send `path` held for a while, kill the server working on it, and return the answer.
fn kill_under(
    fleet: &mut Fleet,
    user: &User,
    post: bool,
    path: &str,
    live: &[usize],
) -> Result<(usize, Answer), String> {
    std::thread::scope(|scope| {
        let request = scope.spawn(|| user.send(post, path));
        let victim = busy_server(fleet, live);
        if let Ok(s) = victim {
            fleet.crash_app(s);
        }
        let answer = request
            .join()
            .map_err(|_| "the request thread panicked".to_string())?;
        Ok((victim?, answer))
    })
}

/// The model's answer to a request of `kind` whose server crashes while working on it: (5xx?,
/// retried on another server?).
fn model_in_flight(config: &Config, kind: RequestKind) -> Result<(bool, bool), String> {
    let mut sim = Simulation::new(config.clone());
    // Step event by event until the user's request of that kind is on a server.
    for _ in 0..1_000_000 {
        let user = sim.user(UserId(0)).ok_or("the model has no user 0")?;
        if let (Some(server), Some(k)) = (user.in_flight_to, user.request) {
            if k == kind {
                let before = sim.metrics().clone();
                let requests = user.requests;
                sim.apply(Command::CrashServer(server));
                // Until the user has its answer (the next request is its own).
                let mut t = sim.now();
                while sim
                    .user(UserId(0))
                    .is_some_and(|u| u.request.is_some() && u.requests == requests)
                {
                    t += MS;
                    sim.advance_to(t);
                    if t > sim.now() + 60 * SECOND {
                        return Err("the model's request was never answered".into());
                    }
                }
                let after = sim.metrics();
                return Ok((after.errors > before.errors, after.retried > before.retried));
            }
        }
        if !sim.step() {
            break;
        }
    }
    Err(format!("the model's user never sent a {}", kind.name()))
}

/// A POST held on a server that is killed meanwhile is answered 502 (nginx does not resend a
/// non-idempotent request); a GET in the same spot is retried on another server.
pub fn in_flight(tools: &Tools, seed: u64) -> Result<Vec<Row>, String> {
    let config = setup(Strategy::None, Balancer::RoundRobin, 3, 1, 100, seed);
    let mut fleet = Fleet::start(tools, &format!("inflight-seed{seed}"), &config)?;
    let user = User::new(&fleet.base_url(), Addresses::One.of(0, seed));
    let (post_victim, post) =
        kill_under(&mut fleet, &user, true, "/like?hold_ms=3000", &[0, 1, 2])?;
    let live: Vec<usize> = (0..3).filter(|&s| s != post_victim).collect();
    let (get_victim, get) = kill_under(&mut fleet, &user, false, "/feed?hold_ms=3000", &live)?;
    drop(fleet);
    let get_retried =
        get.server.is_some_and(|s| s as usize != get_victim) && !get.is_server_error();

    let (post_error, _) = model_in_flight(&config, RequestKind::Like)?;
    let (get_error, get_retried_model) = model_in_flight(&config, RequestKind::Feed)?;
    Ok(vec![
        Row::new(
            "POST in flight when its server dies: answered 5xx (1 = yes)",
            f64::from(u8::from(post.is_server_error())),
            f64::from(u8::from(post_error)),
            0.0,
            0,
        ),
        Row::new(
            "GET in flight when its server dies: retried elsewhere, no 5xx (1 = yes)",
            f64::from(u8::from(get_retried)),
            f64::from(u8::from(get_retried_model && !get_error)),
            0.0,
            0,
        ),
    ])
}

/// Sessions in Redis; Redis is killed, then restarted without persistence: every session is gone,
/// every request fails while it is down, and every user logs in again after.
pub fn redis_restart(tools: &Tools, seed: u64) -> Result<Vec<Row>, String> {
    const USERS: u32 = 60;
    const THINK_MS: u32 = 150;
    const CRASH_S: f64 = 2.0;
    const RESTART_S: f64 = 4.0;
    const END_S: f64 = 6.0;
    /// Requests sent this close to a change are left out of the "while down" share on both sides.
    const MARGIN_S: f64 = 0.05;
    let config = setup(
        Strategy::Store,
        Balancer::RoundRobin,
        3,
        USERS,
        THINK_MS,
        seed,
    );
    let mut fleet = Fleet::start(tools, &format!("redis-seed{seed}"), &config)?;
    let plan = Plan::for_config(&config, Duration::from_secs_f64(END_S), Addresses::One);
    let base = fleet.base_url();
    let mut lost: Result<u64, String> = Err("the crash never happened".into());
    let mut restarted: Result<(), String> = Err("the restart never happened".into());
    let fleet_cell = std::cell::RefCell::new(&mut fleet);
    let records = crowd::run(
        &base,
        &plan,
        vec![
            (
                Duration::from_secs_f64(CRASH_S),
                Box::new(|| {
                    let mut fleet = fleet_cell.borrow_mut();
                    lost = fleet.redis_sessions();
                    fleet.crash_redis();
                }),
            ),
            (
                Duration::from_secs_f64(RESTART_S),
                Box::new(|| restarted = fleet_cell.borrow_mut().restart_redis()),
            ),
        ],
    );
    drop(fleet);
    let lost = lost?;
    restarted?;
    let down =
        Duration::from_secs_f64(CRASH_S + MARGIN_S)..Duration::from_secs_f64(RESTART_S - MARGIN_S);
    let while_down: Vec<_> = records.iter().filter(|r| down.contains(&r.at)).collect();
    let failed = while_down.iter().filter(|r| is_error(r)).count();
    let back = Duration::from_secs_f64(RESTART_S);
    let relogins_after = records
        .iter()
        .filter(|r| r.at >= back && r.answer.status == 401)
        .count();

    // The model's expectation: the mean over several seeds (how many of 60 users happen to be between
    // a logout and their next login at the crash is a small, noisy number on either side).
    let mut model = [0.0; 3];
    for i in 0..MODEL_SEEDS {
        let mut one = config.clone();
        one.seed = seed.wrapping_mul(1_000).wrapping_add(i);
        let values = model_redis_restart(&one, CRASH_S, RESTART_S, END_S, MARGIN_S);
        for (sum, value) in model.iter_mut().zip(values) {
            *sum += value / MODEL_SEEDS as f64;
        }
    }
    let users = f64::from(USERS);
    Ok(vec![
        // 60 users, about 5 % of them logged out at any moment: the real share's standard deviation
        // is about 0.03.
        Row::new(
            "Redis killed, no persistence: sessions lost per user",
            lost as f64 / users,
            model[0],
            0.1,
            3,
        ),
        Row::new(
            "Redis down: share of requests answered 5xx",
            share(failed, while_down.len()),
            model[1],
            0.02,
            3,
        ),
        Row::new(
            "Redis restarted empty: re-logins per user after the restart",
            relogins_after as f64 / users,
            model[2],
            0.1,
            3,
        ),
    ])
}

/// Seeds the model averages over for the Redis rows.
const MODEL_SEEDS: u64 = 10;

/// The model's sessions lost per user, share of 5xx while the store is down (away from the edges by
/// `margin`), and re-logins per user after the restart.
fn model_redis_restart(
    config: &Config,
    crash: f64,
    restart: f64,
    end: f64,
    margin: f64,
) -> [f64; 3] {
    let mut sim = model_scenario(
        config,
        end,
        &[
            (crash, Command::CrashStore),
            (restart, Command::RestartStore),
        ],
    )
    .simulation();
    let at = |s: f64| (s * SECOND as f64) as u64;
    sim.advance_to(at(crash + margin));
    let down_start = sim.metrics().clone();
    sim.advance_to(at(restart - margin));
    let down_end = sim.metrics().clone();
    sim.advance_to(at(restart));
    let relogins_before = sim.metrics().relogins;
    sim.advance_to(at(end));
    let last = sim.metrics();
    let users = f64::from(config.users);
    [
        last.sessions_lost as f64 / users,
        (down_end.errors - down_start.errors) as f64
            / (down_end.requests - down_start.requests).max(1) as f64,
        (last.relogins - relogins_before) as f64 / users,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nginx_log_times_are_read_to_the_second() {
        let line = "2026/12/06 04:17:35 [error] 19162#19162: *416 connect() failed (111: Connection refused)";
        assert_eq!(log_second(line), Some(4 * 3600 + 17 * 60 + 35));
        assert_eq!(log_second("garbage"), None);
    }
}
