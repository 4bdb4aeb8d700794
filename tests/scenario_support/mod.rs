//! Shared by the scenario, URL and fuzz tests: generators of valid values, and the checks every
//! answer to hostile input must pass.
#![allow(dead_code)]

use proptest::prelude::*;
use serde_json::Value;
use sessionscope::model::{
    Balancer, Command, Config, Micros, Persistence, Replication, SeriesMetric, ServerId, StickyBy,
    StoreKind, Strategy as Sharing, MAX_SERVERS, SECOND,
};
use sessionscope::scenario::url::{
    parse_query, shown_param, to_query, PageState, PageView, MAX_REPORTED_ERRORS, MAX_TIME,
};
use sessionscope::scenario::{parse_scenario, Scenario, TimedCommand};

pub fn arb_config() -> impl proptest::strategy::Strategy<Value = Config> {
    (
        (
            any::<u64>(),
            prop::sample::select(Sharing::ALL.to_vec()),
            prop::sample::select(StickyBy::ALL.to_vec()),
            prop::sample::select(Balancer::ALL.to_vec()),
            1u32..=64,
            1u32..=100_000,
            1u32..=100_000,
        ),
        (
            1u32..=3_600_000,
            0.0f64..=1.0,
            prop::sample::select(Replication::ALL.to_vec()),
            0u32..=600_000,
            prop::sample::select(StoreKind::ALL.to_vec()),
            prop::sample::select(Persistence::ALL.to_vec()),
            any::<bool>(),
        ),
        (
            1u32..=60_000,
            1u32..=3_600_000,
            1u64..=(1 << 40),
            0u32..=3_600_000,
        ),
    )
        .prop_map(|(a, b, t)| {
            let mut c = Config::default();
            (
                c.seed,
                c.strategy,
                c.sticky_by,
                c.balancer,
                c.servers,
                c.users,
                c.users_per_ip,
            ) = a;
            (
                c.think_time_ms,
                c.skew,
                c.replication,
                c.replication_lag_ms,
                c.store_kind,
                c.store_persistence,
                c.store_replica,
            ) = b;
            (
                c.timing.service_ms,
                c.timing.health_check_interval_ms,
                c.timing.server_memory_bytes,
                c.timing.store_failover_ms,
            ) = t;
            c
        })
}

/// Any command; server indices are made valid later by `make_valid`.
pub fn arb_command() -> impl proptest::strategy::Strategy<Value = Command> {
    use Command as C;
    let server = (0u32..MAX_SERVERS).prop_map(ServerId);
    prop_oneof![
        prop::sample::select(Sharing::ALL.to_vec()).prop_map(C::SetStrategy),
        prop::sample::select(StickyBy::ALL.to_vec()).prop_map(C::SetStickyBy),
        prop::sample::select(Balancer::ALL.to_vec()).prop_map(C::SetBalancer),
        prop::sample::select(Replication::ALL.to_vec()).prop_map(C::SetReplication),
        (0u32..=600_000).prop_map(|ms| C::SetReplicationLag { ms }),
        (0u32..=3_600_000).prop_map(|ms| C::SetStoreReplicaLag { ms }),
        prop::sample::select(StoreKind::ALL.to_vec()).prop_map(C::SetStoreKind),
        prop::sample::select(Persistence::ALL.to_vec()).prop_map(C::SetStorePersistence),
        any::<bool>().prop_map(C::SetStoreReplica),
        (1u32..=100_000).prop_map(C::SetUsers),
        (0.0f64..=1.0).prop_map(C::SetSkew),
        (1u32..=3_600_000).prop_map(|ms| C::SetThinkTime { ms }),
        Just(C::AddServer),
        Just(C::RemoveServer),
        server.clone().prop_map(C::CrashServer),
        server.clone().prop_map(C::RestartServer),
        (server.clone(), any::<bool>()).prop_map(|(server, partitioned)| C::PartitionServer {
            server,
            partitioned
        }),
        (server, 0.1f64..=100.0).prop_map(|(server, factor)| C::SlowServer { server, factor }),
        Just(C::CrashStore),
        Just(C::RestartStore),
        Just(C::CrashReplica),
        Just(C::RestartReplica),
        (0.01f64..=100.0, 1u64..=86_400_000)
            .prop_map(|(factor, for_ms)| C::Traffic { factor, for_ms }),
    ]
}

/// Sorted times with their commands, repaired so that every server index exists at its moment.
pub fn make_valid(mut timed: Vec<(Micros, Command)>, servers: u32) -> Vec<(Micros, Command)> {
    timed.sort_by_key(|(at, _)| *at);
    let mut count = servers;
    for (_, command) in &mut timed {
        match command {
            Command::AddServer if count >= MAX_SERVERS => *command = Command::CrashStore,
            Command::AddServer => count += 1,
            Command::RemoveServer if count <= 1 => *command = Command::RestartStore,
            Command::RemoveServer => count -= 1,
            Command::CrashServer(s)
            | Command::RestartServer(s)
            | Command::PartitionServer { server: s, .. }
            | Command::SlowServer { server: s, .. } => s.0 %= count,
            _ => {}
        }
    }
    timed
}

pub fn arb_timed(
    max_len: usize,
) -> impl proptest::strategy::Strategy<Value = Vec<(Micros, Command)>> {
    prop::collection::vec(
        (
            prop_oneof![0u64..=600 * SECOND, 0u64..=MAX_TIME],
            arb_command(),
        ),
        0..=max_len,
    )
}

pub fn arb_scenario() -> impl proptest::strategy::Strategy<Value = Scenario> {
    (arb_config(), 1u64..=MAX_TIME, arb_timed(12))
        .prop_map(|(config, duration, timed)| valid_scenario(config, duration, timed))
}

pub fn arb_page_state() -> impl proptest::strategy::Strategy<Value = PageState> {
    (
        arb_config(),
        (
            0.001f64..=1000.0,
            0u64..=MAX_TIME,
            any::<bool>(),
            any::<bool>(),
        ),
        (
            prop::option::of(prop::sample::select(vec!["en", "ko"])),
            prop::option::of(1u32..=sessionscope::scenario::tour::STEP_COUNT as u32),
            any::<bool>(),
            any::<bool>(),
        ),
        (
            arb_timed(12),
            prop::option::of(0u64..=MAX_TIME),
            prop::sample::select(SeriesMetric::ALL.to_vec()),
        ),
    )
        .prop_map(
            |(
                config,
                (speed, fast_forward, paused, embed),
                (lang, tour, compare, selftest),
                (timed, time, chart),
            )| {
                let commands = make_valid(timed, config.servers);
                PageState {
                    config,
                    speed,
                    fast_forward,
                    paused,
                    embed,
                    lang: lang.map(str::to_string),
                    tour,
                    view: if compare {
                        PageView::Compare
                    } else {
                        PageView::Lab
                    },
                    chart,
                    commands,
                    time,
                    selftest,
                    preset: None,
                }
            },
        )
}

/// A message a page can show: one line, short, not empty.
fn check_message(what: &str, text: &str) -> Result<(), String> {
    if text.is_empty() || text.contains(['\n', '\r']) || text.chars().count() > 600 {
        return Err(format!("bad {what} text: {text:?}"));
    }
    Ok(())
}

/// What must hold for any query: no panic (the caller catches it), few one-line messages each naming
/// a parameter that was in the query, and a state that is itself valid: written back out, it reads
/// again to the same state without a complaint.
/// `Ok(true)` when the query was accepted without a complaint.
pub fn check_query(query: &str) -> Result<bool, String> {
    let (state, errors) = parse_query(query);
    if errors.len() > MAX_REPORTED_ERRORS + 1 {
        return Err(format!("{} errors reported", errors.len()));
    }
    let keys = query_keys(query);
    for e in &errors {
        check_message("param", &e.param)?;
        check_message("message", &e.message)?;
        let named = e.param == "query" || keys.iter().any(|k| shown_param(k) == e.param);
        if !named {
            return Err(format!(
                "error names {:?}, not a parameter of {query:?}",
                e.param
            ));
        }
    }
    let again = to_query(&state);
    let (reread, complaints) = parse_query(&again);
    if !complaints.is_empty() || reread != state {
        return Err(format!(
            "the resulting state does not round-trip: {again:?} gives {complaints:?}"
        ));
    }
    Ok(errors.is_empty())
}

/// Every parameter name in a query, decoded the lossy way a message would show it.
fn query_keys(query: &str) -> Vec<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let query = query.split('#').next().unwrap_or("");
    query
        .split('&')
        .map(|piece| {
            let raw = piece.split('=').next().unwrap_or("");
            lossy(raw)
        })
        .chain(["log".to_string()])
        .collect()
}

fn lossy(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 2;
            }
            (b'+', _) => out.push(b' '),
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What must hold for any scenario text: an accepted scenario writes back out and reads again to the
/// same value; a rejected one has a one-line message and, when the text was JSON, names a key whose
/// first part is in the document (or names none because the document is not an object).
/// `Ok(true)` when the text was accepted.
pub fn check_scenario(text: &str) -> Result<bool, String> {
    match parse_scenario(text) {
        Ok(scenario) => {
            let again = scenario.to_json();
            match parse_scenario(&again) {
                Ok(reread) if reread == scenario => Ok(true),
                other => Err(format!("accepted scenario does not round-trip: {other:?}")),
            }
        }
        Err(error) => {
            check_message("scenario error", &error.to_string())?;
            let Ok(document) = serde_json::from_str::<Value>(text) else {
                return Ok(false); // not JSON: the message says where it broke
            };
            let Value::Object(top) = &document else {
                return if error.key.is_empty() {
                    Ok(false)
                } else {
                    Err(format!("non-object document, but key {:?}", error.key))
                };
            };
            if error.key.is_empty() {
                return Err(format!("no key named for an object document: {error}"));
            }
            if error.key.starts_with('"') {
                return Ok(false); // an unknown key with unusual characters, quoted
            }
            let first = error.key.split(['.', '[']).next().unwrap_or("");
            if top.contains_key(first) {
                Ok(false)
            } else {
                Err(format!(
                    "error names {:?}, not in the document: {error}",
                    error.key
                ))
            }
        }
    }
}

/// A scenario whose timeline is `timed` made valid for `config` (see `make_valid`).
pub fn valid_scenario(config: Config, duration: Micros, timed: Vec<(Micros, Command)>) -> Scenario {
    let timeline = make_valid(timed, config.servers)
        .into_iter()
        .map(|(at, command)| TimedCommand { at, command })
        .collect();
    Scenario {
        config,
        duration,
        timeline,
    }
}
