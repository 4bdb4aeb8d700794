//! The page URL <-> page state codec (the parameters outside links rely on). Scenario parameters share names,
//! values and ranges with the scenario file (one table, `keys.rs`). A bad parameter falls back to its
//! default and is reported by name; the others are kept; nothing here can panic or run long, whatever
//! the text.
//!
//! `chart` names the series the lab's chart shows (`model::SeriesMetric`: `mismatches`, `requests`, …).
//!
//! Share links add `t` (the model time in milliseconds, up to three decimals: exact microseconds) and
//! `log`, the commands applied so far: entries joined by `~`, each `<ms>_<code>[_<arg>...]`, e.g.
//! `log=4000_cs_1~9500_st_sticky~12000_tf_3_10` (see `actions.rs` for the codes). Every character of
//! it is URL-safe, so links need no percent-encoding.

mod log;
mod percent;

use super::error::quote;
use super::file::closest;
use super::input::{show_fixed, Input, Text};
use super::keys::{config_key, timing_field, Out, CONFIG_KEYS, TIMING_FIELDS};
use super::preset::Preset;
use super::tour::STEP_COUNT;
use super::{Scenario, TimedCommand};
use crate::model::{Command, Config, Micros, SeriesMetric, Simulation, SECOND};
pub use log::{decode_log, encode_log};
use percent::{lossy_decode, percent_decode, percent_encode};

/// Which page is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PageView {
    #[default]
    Lab,
    Compare,
}

/// Everything the URL can say about the page.
#[derive(Clone, Debug, PartialEq)]
pub struct PageState {
    pub config: Config,
    /// Playback factor: model seconds per wall second.
    pub speed: f64,
    /// Simulated time to fast-forward before the first frame.
    pub fast_forward: Micros,
    pub paused: bool,
    pub embed: bool,
    /// `None`: take the browser's language.
    pub lang: Option<String>,
    /// Tour step counting from 1, as in the URL.
    pub tour: Option<u32>,
    pub view: PageView,
    /// What the lab's time-series chart shows.
    pub chart: SeriesMetric,
    /// Commands applied so far, with the model time they were applied at (share links replay these).
    pub commands: Vec<(Micros, Command)>,
    /// Model time the sender was at (share links).
    pub time: Option<Micros>,
    /// `selftest=1`: show the reference history hash (`scenario::reference_hash`).
    pub selftest: bool,
    /// `preset=NAME`: the run starts from the preset's world (its configuration replaces `config`, its
    /// timeline runs before `commands`), fast-forwarded to its lead-in and at its speed unless `ff` and
    /// `speed` say otherwise. A share link of a preset run carries no configuration keys.
    pub preset: Option<Preset>,
}

impl Default for PageState {
    fn default() -> Self {
        PageState {
            config: Config::default(),
            // One client hop (40 ms of model time) takes about 0.8 s on screen: slow enough to follow a
            // single request with the eye.
            speed: 0.05,
            fast_forward: 0,
            paused: false,
            embed: false,
            lang: None,
            tour: None,
            view: PageView::Lab,
            chart: SeriesMetric::Mismatches,
            commands: Vec::new(),
            time: None,
            selftest: false,
            preset: None,
        }
    }
}

impl PageState {
    /// The page's workload as a scenario (the compare view runs this): the configuration, the logged
    /// commands as its timeline, and the default duration. `scenario().to_json()` is a file that
    /// `sessionscope-sim compare` reads to the same numbers.
    pub fn scenario(&self) -> Scenario {
        let mut timeline = self.base().timeline;
        timeline.extend(self.commands.iter().map(|(at, command)| TimedCommand {
            at: *at,
            command: command.clone(),
        }));
        // Stable: at equal times the preset's own commands come first, as the page applies them.
        timeline.sort_by_key(|t| t.at);
        Scenario {
            config: self.config.clone(),
            timeline,
            ..Scenario::default()
        }
    }

    /// The world the page starts from before any logged command: the preset's scenario (configuration
    /// and timeline), or the configuration alone with the default duration.
    pub fn base(&self) -> Scenario {
        match self.preset {
            Some(preset) => Scenario {
                config: self.config.clone(),
                ..preset.scenario()
            },
            None => Scenario {
                config: self.config.clone(),
                ..Scenario::default()
            },
        }
    }

    /// Replay a share link with the model's replay: a fresh simulation of `config` (the configuration
    /// the sender *started* from), every logged command applied at its moment, then run to `time` (or
    /// `fast_forward` when the link has no time). Commands logged after that moment are left out, as
    /// the page does when it rewinds.
    pub fn simulation(&self) -> Simulation {
        let until = self.time.unwrap_or(self.fast_forward);
        let scenario = self.scenario();
        // The timeline is in time order (sorted above; `decode_log` checks the log's order).
        let upto = scenario.timeline.partition_point(|t| t.at <= until);
        let commands: Vec<(Micros, Command)> = scenario.timeline[..upto]
            .iter()
            .map(|t| (t.at, t.command.clone()))
            .collect();
        Simulation::replay(self.config.clone(), &commands, until)
    }
}

/// One rejected parameter: its name and a message a person can act on.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamError {
    pub param: String,
    pub message: String,
}

/// Longest query (in bytes) that is read; the rest is cut at a parameter boundary and reported.
pub const MAX_QUERY_BYTES: usize = 64 * 1024;
/// Most commands a share link's `log` may hold.
pub const MAX_LOG_ENTRIES: usize = 10_000;
/// Most problems reported one by one; the rest are counted in one last message.
pub const MAX_REPORTED_ERRORS: usize = 10;
/// Accepted playback factors.
pub const SPEED: (f64, f64) = (0.001, 1_000.0);
/// Longest model time a URL may name (`ff`, `t`, log entries): a million simulated seconds.
pub const MAX_TIME: Micros = 1_000_000 * SECOND;
/// Languages of the interface.
pub const LANGS: [&str; 2] = ["en", "ko"];

/// Parameters added by mail, chat and analytics tools to any link: dropped without a message, since a
/// student who follows such a link did nothing wrong.
fn is_tracking_param(key: &str) -> bool {
    key.starts_with("utm_") || matches!(key, "fbclid" | "gclid" | "msclkid" | "mc_cid" | "mc_eid")
}

/// Page parameters besides the scenario keys, for "did you mean" suggestions.
const PAGE_PARAMS: [&str; 12] = [
    "speed", "ff", "paused", "embed", "lang", "tour", "view", "chart", "t", "log", "selftest",
    "preset",
];

#[derive(Default)]
struct Problems {
    list: Vec<ParamError>,
    hidden: usize,
}

impl Problems {
    fn push(&mut self, param: &str, message: impl Into<String>) {
        if self.list.len() < MAX_REPORTED_ERRORS {
            self.list.push(ParamError {
                param: shown_param(param),
                message: message.into(),
            });
        } else {
            self.hidden += 1;
        }
    }

    /// Like `push`, but the message is only worked out when it will be shown (suggestions cost time,
    /// and a hostile query can hold thousands of unknown names).
    fn push_with(&mut self, param: &str, message: impl FnOnce() -> String) {
        if self.list.len() < MAX_REPORTED_ERRORS {
            self.push(param, message());
        } else {
            self.hidden += 1;
        }
    }

    fn finish(mut self) -> Vec<ParamError> {
        if self.hidden > 0 {
            self.list.push(ParamError {
                param: "query".to_string(),
                message: format!("{} more problems not shown", self.hidden),
            });
        }
        self.list
    }
}

/// A parameter name as a message shows it: plain names as they are, anything else quoted and cut.
pub fn shown_param(key: &str) -> String {
    let plain = !key.is_empty()
        && key.len() <= 40
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if plain {
        key.to_string()
    } else {
        quote(key)
    }
}

/// Parse a query string (with or without the leading `?`). Bad parameters fall back to defaults and are
/// reported; the good ones are kept. Never panics.
pub fn parse_query(query: &str) -> (PageState, Vec<ParamError>) {
    let mut problems = Problems::default();
    let mut query = query.strip_prefix('?').unwrap_or(query);
    if let Some(hash) = query.find('#') {
        query = &query[..hash];
    }
    if query.len() > MAX_QUERY_BYTES {
        let total = query.len();
        // Cut at the last parameter boundary inside the limit ('&' is ASCII: a char boundary).
        let cut = query.as_bytes()[..=MAX_QUERY_BYTES]
            .iter()
            .rposition(|&b| b == b'&')
            .unwrap_or(0);
        query = &query[..cut];
        problems.push(
            "query",
            format!("the address is {total} characters long; only the first {cut} were read"),
        );
    }
    let mut state = PageState::default();
    let mut seen: Vec<String> = Vec::new();
    let mut log: Option<String> = None;
    // Configuration keys as given, re-applied over a preset's configuration once the query is read.
    let mut config_keys: Vec<(String, String)> = Vec::new();
    for piece in query.split('&') {
        if piece.is_empty() {
            continue;
        }
        let (raw_key, raw_value) = piece.split_once('=').unwrap_or((piece, ""));
        let key = match percent_decode(raw_key) {
            Ok(key) => key,
            Err(message) => {
                problems.push(&lossy_decode(raw_key), format!("name {message}"));
                continue;
            }
        };
        if is_tracking_param(&key) {
            continue;
        }
        let value = match percent_decode(raw_value) {
            Ok(value) => value,
            Err(message) => {
                problems.push(&key, format!("value {message}"));
                continue;
            }
        };
        if seen.contains(&key) {
            problems.push(&key, "given more than once; the first value is kept");
            continue;
        }
        match apply(&mut state, &key, &value, &mut log) {
            Applied::Yes => {
                if config_key(&key).is_some() || timing_field(&key).is_some() {
                    config_keys.push((key.clone(), value));
                }
                seen.push(key)
            }
            Applied::Bad(message) => problems.push(&key, message),
            Applied::Unknown => problems.push_with(&key, || unknown_param(&key)),
        }
    }
    if let Some(preset) = state.preset {
        // The preset's world, with the configuration keys given beside it on top (they were read
        // once already, so they cannot fail now).
        state.config = preset.scenario().config;
        for (key, value) in &config_keys {
            let _ = apply(&mut state, key, value, &mut log);
        }
        if !seen.iter().any(|k| k == "ff") {
            state.fast_forward = preset.lead_in();
        }
        if !seen.iter().any(|k| k == "speed") {
            state.speed = preset.speed();
        }
    }
    if let Some(text) = log {
        match decode_log(&text, state.config.servers) {
            Ok(commands) => state.commands = commands,
            Err(message) => problems.push("log", message),
        }
    }
    (state, problems.finish())
}

enum Applied {
    Yes,
    Bad(String),
    Unknown,
}

fn apply(state: &mut PageState, key: &str, value: &str, log: &mut Option<String>) -> Applied {
    let text = Text(value);
    let result: Result<(), String> = if let Some(config) = config_key(key) {
        (config.read)(&mut state.config, &text)
    } else if let Some(field) = timing_field(key) {
        text.whole(field.min, field.max)
            .map(|v| (field.set)(&mut state.config.timing, v))
    } else {
        match key {
            "speed" => text.real(SPEED.0, SPEED.1).map(|v| state.speed = v),
            "ff" => text.fixed(6, 0, MAX_TIME).map(|v| state.fast_forward = v),
            "t" => text.fixed(3, 0, MAX_TIME).map(|v| state.time = Some(v)),
            "paused" => switch(value).map(|v| state.paused = v),
            "embed" => switch(value).map(|v| state.embed = v),
            "selftest" => switch(value).map(|v| state.selftest = v),
            "lang" => match LANGS.iter().find(|l| **l == value) {
                Some(lang) => {
                    state.lang = Some(lang.to_string());
                    Ok(())
                }
                None => Err(format!(
                    "unknown language {}; expected en or ko",
                    quote(value)
                )),
            },
            "tour" => text
                .whole(1, STEP_COUNT as u64)
                .map(|v| state.tour = Some(v as u32)),
            "view" => match value {
                "compare" => Ok(PageView::Compare),
                "lab" => Ok(PageView::Lab),
                _ => Err(format!(
                    "unknown view {}; expected compare or lab",
                    quote(value)
                )),
            }
            .map(|v| state.view = v),
            "chart" => match SeriesMetric::from_name(value) {
                Some(metric) => {
                    state.chart = metric;
                    Ok(())
                }
                None => {
                    let names: Vec<&str> = SeriesMetric::ALL.iter().map(|m| m.name()).collect();
                    Err(format!(
                        "unknown chart {}; expected one of: {}",
                        quote(value),
                        names.join(", ")
                    ))
                }
            },
            "log" => {
                *log = Some(value.to_string());
                Ok(())
            }
            "preset" => match Preset::from_name(value) {
                Some(preset) => {
                    state.preset = Some(preset);
                    Ok(())
                }
                None => {
                    let names: Vec<&str> = Preset::ALL.iter().map(|p| p.name()).collect();
                    Err(format!(
                        "unknown preset {}; expected one of: {}",
                        quote(value),
                        names.join(", ")
                    ))
                }
            },
            _ => return Applied::Unknown,
        }
    };
    match result {
        Ok(()) => Applied::Yes,
        Err(message) => Applied::Bad(message),
    }
}

/// An on/off parameter: `embed`, `embed=1` and `embed=true` turn it on, `0`/`false` off.
fn switch(value: &str) -> Result<bool, String> {
    if value.is_empty() {
        Ok(true)
    } else {
        Text(value).flag()
    }
}

fn unknown_param(key: &str) -> String {
    let mut known: Vec<&str> = CONFIG_KEYS.iter().map(|k| k.name).collect();
    known.extend(TIMING_FIELDS.iter().map(|f| f.name));
    known.extend(PAGE_PARAMS);
    match closest(key, &known) {
        Some(near) => format!("unknown parameter; did you mean {near}?"),
        None => "unknown parameter".to_string(),
    }
}

/// A value as URL text.
fn url_value(out: Out) -> String {
    match out {
        Out::Whole(n) => n.to_string(),
        // Rust prints the shortest text that parses back to the same f64, never with an exponent.
        Out::Real(f) => f.to_string(),
        Out::Fixed(units, decimals) => show_fixed(units, decimals),
        Out::Word(w) => percent_encode(w),
        Out::Flag(b) => b.to_string(),
    }
}

/// The query string (without `?`) that reproduces `state`; only values that differ from defaults.
pub fn to_query(state: &PageState) -> String {
    let defaults = PageState::default();
    let mut query = String::new();
    let mut add = |name: &str, value: &str| {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(name);
        query.push('=');
        query.push_str(value);
    };
    // A preset names its configuration, lead-in and speed; only departures from them are written.
    let (base_config, base_speed, base_ff) = match state.preset {
        Some(preset) => {
            add("preset", preset.name());
            (preset.scenario().config, preset.speed(), preset.lead_in())
        }
        None => (defaults.config.clone(), defaults.speed, 0),
    };
    for key in CONFIG_KEYS {
        let value = (key.write)(&state.config);
        if value != (key.write)(&base_config) {
            add(key.name, &url_value(value));
        }
    }
    for field in TIMING_FIELDS {
        let value = (field.get)(&state.config.timing);
        if value != (field.get)(&base_config.timing) {
            add(field.name, &value.to_string());
        }
    }
    if state.speed != base_speed {
        add("speed", &url_value(Out::Real(state.speed)));
    }
    if state.fast_forward != base_ff {
        add("ff", &show_fixed(state.fast_forward, 6));
    }
    if state.paused {
        add("paused", "1");
    }
    if state.embed {
        add("embed", "1");
    }
    if let Some(lang) = &state.lang {
        add("lang", &percent_encode(lang));
    }
    if let Some(tour) = state.tour {
        add("tour", &tour.to_string());
    }
    if state.chart != SeriesMetric::Mismatches {
        add("chart", state.chart.name());
    }
    if state.view == PageView::Compare {
        add("view", "compare");
    }
    if state.selftest {
        add("selftest", "1");
    }
    if let Some(time) = state.time {
        add("t", &show_fixed(time, 3));
    }
    if !state.commands.is_empty() {
        add("log", &encode_log(&state.commands));
    }
    query
}
