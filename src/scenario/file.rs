//! The scenario file (a format outside scripts rely on): JSON text <-> `Scenario`. The document is
//! walked by hand so that every rejection names its key with a path (`timeline[2].server`) and says
//! what was wrong; nothing in here can panic, whatever the text.
//!
//! Every key is optional; an unknown key is an error.
//!
//! | key | values (default) |
//! | --- | --- |
//! | `seed` | 0 to 2^64-1 (1) |
//! | `duration_s` | simulated seconds, up to 6 decimals, 0.000001 to 1000000 (300) |
//! | `strategy` | `none` `sticky` `cluster-all` `cluster-backup` `store` (none) |
//! | `sticky_by` | `cookie` `ip` (cookie) |
//! | `balancer` | `round-robin` `least-connections` `random` `ip-hash` `cookie-hash` `cookie-hash-consistent` |
//! | `servers` | 1 to 64 (3) |
//! | `users` | 1 to 100000 (6) |
//! | `users_per_ip` | 1 to 100000 (1) |
//! | `think_time_ms` | 1 to 3600000 (1500) |
//! | `skew` | 0 to 1 (0.5) |
//! | `replication` | `async` `sync` (async) |
//! | `replication_lag_ms` | 0 to 600000 (50) |
//! | `store_kind` | `memory` `rdb` (memory) |
//! | `store_persistence` | `none` `snapshot` `aof` (none) |
//! | `store_replica` | `true` `false` (false) |
//! | `server_restart_ms` | the supervisor restarts a crashed server this long after: 0 to 3600000, or `never` (5000) |
//! | `timing` | object of `model::Timing` fields by name, whole numbers (`keys.rs` has the ranges) |
//! | `description` | free text, ignored |
//! | `timeline` | list of `{"at_s": seconds, "do": ACTION, ...arguments}`, at most 100000 |
//!
//! Actions and their arguments (`actions.rs`): `crash-server`/`restart-server`/`partition-server`/
//! `heal-server` (`server`, from 0, must exist at that moment), `slow-server` (`server`, `factor`
//! 0.1–100), `add-server`, `remove-server`, `crash-store`, `restart-store`, `crash-replica`,
//! `restart-replica`, `traffic` (`factor` 0.01–100, `for_s`: for that long, `factor` times as many users
//! are active, so arrivals scale by `factor`; the extra visitors log in, then leave, and their sessions
//! stay until they time out), and `set-strategy`, `set-sticky-by`, `set-balancer`, `set-replication`,
//! `set-replication-lag`, `set-store-kind`, `set-store-persistence`, `set-store-replica`, `set-users`,
//! `set-skew`, `set-think-time`, each with one argument named like the configuration key it changes
//! (`{"do": "set-users", "users": 50}`), and `set-store-replica-lag` with `store_replica_lag_ms`, named
//! like the timing field it changes.

use super::actions::{self, action_named, ArgError, Args};
use super::error::{quote, ScenarioError};
use super::input::{describe, show_fixed, Input};
use super::keys::{config_key, timing_field, Out, CONFIG_KEYS, TIMING_FIELDS};
use super::{Scenario, TimedCommand};
use crate::model::{Micros, SECOND};
use serde_json::{Map, Value};

/// Longest run the runner accepts, in simulated seconds (about eleven and a half days).
pub const MAX_DURATION_S: u64 = 1_000_000;
/// Most entries a timeline may have.
pub const MAX_TIMELINE: usize = 100_000;
/// Longest `description` text.
pub const MAX_DESCRIPTION_CHARS: usize = 10_000;

const MAX_MICROS: Micros = MAX_DURATION_S * SECOND;

/// Keys of the document itself, besides the configuration keys.
const OWN_KEYS: [&str; 4] = ["duration_s", "timing", "timeline", "description"];

/// Read a scenario file. The timeline comes back sorted by time (entries at the same time keep their
/// order), which is the order the simulation applies them in.
pub fn parse_scenario(text: &str) -> Result<Scenario, ScenarioError> {
    let document: Value = serde_json::from_str(text)
        .map_err(|e| ScenarioError::new("", format!("not valid JSON: {e}")))?;
    let Value::Object(top) = &document else {
        return Err(wrong_type(
            "",
            "a scenario must be a JSON object like {\"servers\": 3}",
            &document,
        ));
    };
    let mut scenario = Scenario::default();
    for (key, value) in top {
        if let Some(config) = config_key(key) {
            (config.read)(&mut scenario.config, value)
                .map_err(|message| ScenarioError::new(key.as_str(), message))?;
            continue;
        }
        match key.as_str() {
            "duration_s" => {
                scenario.duration = value
                    .fixed(6, 1, MAX_MICROS)
                    .map_err(|m| ScenarioError::new("duration_s", m))?;
            }
            "timing" => read_timing(value, &mut scenario)?,
            "description" => match value {
                Value::String(s) if s.chars().count() <= MAX_DESCRIPTION_CHARS => {}
                Value::String(_) => {
                    return Err(ScenarioError::new(
                        "description",
                        format!("longer than {MAX_DESCRIPTION_CHARS} characters"),
                    ))
                }
                other => {
                    return Err(ScenarioError::new(
                        "description",
                        format!("expected a text in quotes, got {}", describe(other)),
                    ))
                }
            },
            "timeline" => {} // read below, once the server count is known
            _ => {
                let known = CONFIG_KEYS.iter().map(|k| k.name).chain(OWN_KEYS);
                return Err(unknown_key(key, key_path("", key), known, "key"));
            }
        }
    }
    if let Some(timeline) = top.get("timeline") {
        scenario.timeline = read_timeline(timeline, scenario.config.servers)?;
    }
    Ok(scenario)
}

fn read_timing(value: &Value, scenario: &mut Scenario) -> Result<(), ScenarioError> {
    let Value::Object(fields) = value else {
        return Err(wrong_type(
            "timing",
            "expected an object like {\"service_ms\": 20}",
            value,
        ));
    };
    for (name, value) in fields {
        let path = key_path("timing", name);
        let Some(field) = timing_field(name) else {
            let known = TIMING_FIELDS.iter().map(|f| f.name);
            return Err(unknown_key(name, path, known, "timing key"));
        };
        let v = value
            .whole(field.min, field.max)
            .map_err(|m| ScenarioError::new(path, m))?;
        (field.set)(&mut scenario.config.timing, v);
    }
    Ok(())
}

/// A timeline entry's arguments, read from its JSON object.
struct JsonArgs<'a>(&'a Map<String, Value>);

impl Args for JsonArgs<'_> {
    fn arg(&mut self, name: &'static str) -> Option<&dyn Input> {
        self.0.get(name).map(|v| v as &dyn Input)
    }
}

const ENTRY_EXAMPLE: &str = "{\"at_s\": 10, \"do\": \"crash-server\", \"server\": 0}";

fn read_timeline(value: &Value, servers: u32) -> Result<Vec<TimedCommand>, ScenarioError> {
    let Value::Array(entries) = value else {
        return Err(wrong_type(
            "timeline",
            &format!("expected a list of entries like {ENTRY_EXAMPLE}"),
            value,
        ));
    };
    if entries.len() > MAX_TIMELINE {
        return Err(ScenarioError::new(
            "timeline",
            format!(
                "has {} entries; at most {MAX_TIMELINE} are accepted",
                entries.len()
            ),
        ));
    }
    let mut timed: Vec<(usize, TimedCommand)> = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        timed.push((index, read_entry(index, entry)?));
    }
    // Entries at the same moment keep the order they were written in (the index breaks ties; an unstable
    // sort keeps the page free of the stable sort's code).
    timed.sort_unstable_by_key(|(index, t)| (t.at, *index));
    let mut count = servers;
    for (index, t) in &timed {
        actions::check_servers(&t.command, &mut count)
            .map_err(|e| arg_error(&format!("timeline[{index}]"), e))?;
    }
    Ok(timed.into_iter().map(|(_, t)| t).collect())
}

fn read_entry(index: usize, entry: &Value) -> Result<TimedCommand, ScenarioError> {
    let path = format!("timeline[{index}]");
    let Value::Object(fields) = entry else {
        return Err(wrong_type(
            path,
            &format!("expected an entry like {ENTRY_EXAMPLE}"),
            entry,
        ));
    };
    let missing = |key: &str| {
        ScenarioError::new(
            format!("{path}.{key}"),
            "missing: every timeline entry needs \"at_s\" and \"do\"",
        )
    };
    let at = fields
        .get("at_s")
        .ok_or_else(|| missing("at_s"))?
        .fixed(6, 0, MAX_MICROS)
        .map_err(|m| ScenarioError::new(format!("{path}.at_s"), m))?;
    let name = fields
        .get("do")
        .ok_or_else(|| missing("do"))?
        .word()
        .map_err(|m| ScenarioError::new(format!("{path}.do"), m))?;
    let Some(action) = action_named(name) else {
        return Err(ScenarioError::new(
            format!("{path}.do"),
            format!(
                "unknown action {}; expected one of: {}",
                quote(name),
                actions::action_names()
            ),
        ));
    };
    for key in fields.keys() {
        if key != "at_s" && key != "do" && !action.args.iter().any(|a| a.name == key) {
            let takes = if action.args.is_empty() {
                "it takes no arguments".to_string()
            } else {
                format!("it takes: {}", action.arg_names().join(", "))
            };
            return Err(ScenarioError::new(
                key_path(&path, key),
                format!("unknown argument of {} ({takes})", action.name),
            ));
        }
    }
    let command = actions::decode(action, &mut JsonArgs(fields)).map_err(|e| match e {
        ArgError::Missing(arg) => ScenarioError::new(
            format!("{path}.{arg}"),
            format!(
                "missing: {} needs {}",
                action.name,
                action.arg_names().join(" and ")
            ),
        ),
        other => arg_error(&path, other),
    })?;
    Ok(TimedCommand { at, command })
}

fn arg_error(path: &str, error: ArgError) -> ScenarioError {
    match error {
        ArgError::Missing(arg) => ScenarioError::new(format!("{path}.{arg}"), "missing"),
        ArgError::Bad(arg, message) => ScenarioError::new(format!("{path}.{arg}"), message),
    }
}

/// `parent.key`, with the key quoted when it is not a plain name (it is user text).
fn key_path(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key.len() <= 40
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    let shown = if plain { key.to_string() } else { quote(key) };
    if parent.is_empty() {
        shown
    } else {
        format!("{parent}.{shown}")
    }
}

fn unknown_key<'k>(
    key: &str,
    path: String,
    known: impl Iterator<Item = &'k str>,
    what: &str,
) -> ScenarioError {
    let known: Vec<&str> = known.collect();
    let message = match closest(key, &known) {
        Some(near) => format!("unknown {what}; did you mean {near}?"),
        None => format!("unknown {what}; known: {}", known.join(", ")),
    };
    ScenarioError::new(path, message)
}

/// The known names within two edits of `given` (a typo, not a different word), nearest first, as
/// `"a" or "b"`; `None` when nothing is that close.
pub(crate) fn closest(given: &str, known: &[&str]) -> Option<String> {
    if given.len() > 40 {
        return None;
    }
    // Short names are all within two edits of each other: ask for more likeness there.
    let limit = if given.chars().count() <= 4 { 1 } else { 2 };
    let distances: Vec<(usize, &str)> = known
        .iter()
        .map(|k| (edit_distance(given, k), *k))
        .filter(|(d, _)| *d <= limit)
        .collect();
    let best = distances.iter().map(|(d, _)| *d).min()?;
    let names: Vec<String> = distances
        .iter()
        .filter(|(d, _)| *d == best)
        .take(3)
        .map(|(_, k)| format!("\"{k}\""))
        .collect();
    Some(names.join(" or "))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// A value as JSON text.
pub(crate) fn json_value(out: Out) -> String {
    match out {
        Out::Whole(n) => n.to_string(),
        Out::Real(f) => Value::from(f).to_string(),
        Out::Fixed(units, decimals) => show_fixed(units, decimals),
        Out::Word(w) => Value::from(w).to_string(),
        Out::Flag(b) => b.to_string(),
    }
}

/// The scenario as a file `parse_scenario` reads back to the same value: every configuration key,
/// timing keys only where they differ from the defaults, the timeline in order.
pub fn scenario_to_json(scenario: &Scenario) -> String {
    let mut lines: Vec<String> = Vec::new();
    for key in CONFIG_KEYS {
        let value = json_value((key.write)(&scenario.config));
        lines.push(format!("  \"{}\": {value}", key.name));
    }
    lines.push(format!(
        "  \"duration_s\": {}",
        json_value(Out::Fixed(scenario.duration, 6))
    ));
    let defaults = crate::model::Timing::default();
    let timing: Vec<String> = TIMING_FIELDS
        .iter()
        .filter(|f| (f.get)(&scenario.config.timing) != (f.get)(&defaults))
        .map(|f| format!("\"{}\": {}", f.name, (f.get)(&scenario.config.timing)))
        .collect();
    if !timing.is_empty() {
        lines.push(format!("  \"timing\": {{ {} }}", timing.join(", ")));
    }
    if !scenario.timeline.is_empty() {
        let entries: Vec<String> = scenario
            .timeline
            .iter()
            .map(|t| {
                let (action, values) = actions::encode(&t.command);
                let mut fields = vec![
                    format!("\"at_s\": {}", json_value(Out::Fixed(t.at, 6))),
                    format!("\"do\": \"{}\"", action.name),
                ];
                for (arg, value) in action.args.iter().zip(values) {
                    fields.push(format!("\"{}\": {}", arg.name, json_value(value)));
                }
                format!("    {{ {} }}", fields.join(", "))
            })
            .collect();
        lines.push(format!("  \"timeline\": [\n{}\n  ]", entries.join(",\n")));
    }
    format!("{{\n{}\n}}\n", lines.join(",\n"))
}

/// A value of the wrong JSON type at `key`: what was `expected` there, and what was found.
fn wrong_type(key: impl Into<String>, expected: &str, found: &Value) -> ScenarioError {
    ScenarioError::new(key, format!("{expected}, got {}", describe(found)))
}
