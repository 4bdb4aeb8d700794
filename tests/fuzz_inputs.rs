//! Hostile input never breaks the decoders: arbitrary and malformed URL queries and scenario
//! texts never panic or hang, every rejection names its parameter or key, and whatever is accepted is
//! itself valid (it writes back out and reads again to the same value).
//!
//! Short form: runs with `cargo test` (a few thousand inputs, seconds). Long form, at least a million
//! inputs from a seeded generator:
//!
//!     cargo test --release --test fuzz_inputs -- --ignored --nocapture
//!
//! (`FUZZ_INPUTS=5000000` for more, `FUZZ_SEED=7` for another stream.)

#[path = "scenario_support/mod.rs"]
mod support;

use proptest::prelude::*;
use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;
use serde_json::{Map, Number, Value};
use std::time::{Duration, Instant};
use support::{check_query, check_scenario};

const QUERY_KEYS: &[&str] = &[
    "strategy",
    "sticky_by",
    "balancer",
    "servers",
    "users",
    "seed",
    "replication",
    "replication_lag_ms",
    "store_kind",
    "store_replica",
    "speed",
    "ff",
    "paused",
    "embed",
    "lang",
    "tour",
    "view",
    "users_per_ip",
    "think_time_ms",
    "skew",
    "store_persistence",
    "t",
    "log",
    "selftest",
    "service_ms",
    "concurrency",
    "session_timeout_ms",
    "utm_source",
];

const SCENARIO_KEYS: &[&str] = &[
    "seed",
    "duration_s",
    "strategy",
    "sticky_by",
    "balancer",
    "servers",
    "users",
    "users_per_ip",
    "think_time_ms",
    "replication",
    "replication_lag_ms",
    "store_kind",
    "store_replica",
    "timeline",
    "skew",
    "store_persistence",
    "timing",
    "description",
];

const ENTRY_KEYS: &[&str] = &[
    "at_s",
    "do",
    "server",
    "strategy",
    "factor",
    "for_s",
    "balancer",
    "users",
    "skew",
    "replication_lag_ms",
    "store_replica",
    "sticky_by",
    "think_time_ms",
];

const WORDS: &[&str] = &[
    "none",
    "sticky",
    "cluster-all",
    "cluster-backup",
    "store",
    "cookie",
    "ip",
    "round-robin",
    "least-connections",
    "random",
    "ip-hash",
    "cookie-hash",
    "cookie-hash-consistent",
    "async",
    "sync",
    "memory",
    "rdb",
    "snapshot",
    "aof",
    "en",
    "ko",
    "compare",
    "lab",
    "true",
    "false",
    "crash-server",
    "restart-server",
    "add-server",
    "remove-server",
    "crash-store",
    "restart-store",
    "set-strategy",
    "traffic",
    "slow-server",
    "partition-server",
    "heal-server",
    "crash-replica",
    "service_ms",
    "health_check_interval_ms",
];

const VALUES: &[&str] = &[
    "",
    "0",
    "1",
    "3",
    "64",
    "65",
    "-1",
    "-0",
    "2.5",
    "1e3",
    "1e400",
    "NaN",
    "inf",
    "-inf",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999999999",
    "0.1",
    "0x10",
    "+5",
    "1_000",
    " 3",
    "３",
    "%",
    "%z",
    "%zz",
    "%e",
    "%E9%",
    "%FF%FE",
    "%00",
    "%0A",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "<script>alert(1)</script>",
    "\"'><img src=x>",
    "javascript:alert(1)",
    "cluster+all",
    "%F0%9F%98%80",
    "😀",
    "\u{202e}",
    "a=b",
    "1000_cs_1",
    "0_ad~1_rm~2_cs_0",
    "5_tf_2_3~4_st_store",
    "1_xx",
    "~~~",
    "_",
    "1.5.5",
    "1000000.000001",
];

const CODES: &[&str] = &[
    "st", "sb", "lb", "rp", "rl", "sk", "sp", "sr", "nu", "sw", "tt", "ad", "rm", "cs", "rs", "ps",
    "hs", "ss", "cx", "rx", "cr", "rr", "tf", "zz",
];

/// A seeded source of hostile inputs, for the long run (no shrinking needed: the failing input is
/// printed whole).
struct Hostile(Pcg64Mcg);

impl Hostile {
    fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn text(&mut self, max: usize) -> String {
        const ODD: &[char] = &[
            '%', '&', '=', '+', '#', '?', '~', '_', '.', '-', '"', '\\', '\n', '\0', '<', '>', 'é',
            '한', '😀', '\u{fffd}', '\u{feff}', '{', '}', '[', ']', ',', ':',
        ];
        let len = self.below(max + 1);
        (0..len)
            .map(|_| match self.below(4) {
                0 => ODD[self.below(ODD.len())],
                1 => char::from(b'0' + self.below(10) as u8),
                2 => char::from_u32(self.0.next_u32() % 0x11_0000).unwrap_or('x'),
                _ => char::from(b'a' + self.below(26) as u8),
            })
            .collect()
    }

    fn number_text(&mut self) -> String {
        match self.below(6) {
            0 => self.0.next_u64().to_string(),
            1 => (self.0.next_u64() % 200).to_string(),
            2 => format!("{}.{}", self.below(2_000), self.below(10_000_000)),
            3 => format!("-{}", self.below(100)),
            4 => format!("{}e{}", self.below(10), self.below(400)),
            _ => "9".repeat(self.below(60)),
        }
    }

    fn log(&mut self) -> String {
        let entries = self.below(6);
        (0..entries)
            .map(|_| {
                let mut fields = vec![self.number_text(), self.pick(CODES).to_string()];
                for _ in 0..self.below(3) {
                    fields.push(if self.chance(50) {
                        self.number_text()
                    } else {
                        self.pick(WORDS).to_string()
                    });
                }
                fields.join("_")
            })
            .collect::<Vec<_>>()
            .join("~")
    }

    fn query(&mut self) -> String {
        let params = self.below(9);
        let mut parts: Vec<String> = (0..params)
            .map(|_| {
                let key = match self.below(10) {
                    0 => self.text(12),
                    _ => self.pick(QUERY_KEYS).to_string(),
                };
                let value = match self.below(6) {
                    0 => self.pick(VALUES).to_string(),
                    1 => self.pick(WORDS).to_string(),
                    2 => self.number_text(),
                    3 => self.log(),
                    4 => self.text(30),
                    _ => String::new(),
                };
                if self.chance(10) {
                    key
                } else {
                    format!("{key}={value}")
                }
            })
            .collect();
        if self.chance(2) {
            parts.push(format!("log={}", "0_ad~".repeat(self.below(20_000))));
        }
        let query = parts.join("&");
        if self.chance(20) {
            self.mutate(&query)
        } else {
            query
        }
    }

    fn json(&mut self, depth: usize) -> Value {
        let leaf = depth == 0 || self.chance(40);
        match self.below(if leaf { 5 } else { 7 }) {
            0 => Value::Null,
            1 => Value::Bool(self.chance(50)),
            2 => self.json_number(),
            3 => Value::String(if self.chance(60) {
                self.pick(WORDS).to_string()
            } else {
                self.text(20)
            }),
            4 => self.json_number(),
            5 => Value::Array((0..self.below(5)).map(|_| self.json(depth - 1)).collect()),
            _ => {
                let keys = if self.chance(50) {
                    SCENARIO_KEYS
                } else {
                    ENTRY_KEYS
                };
                let mut map = Map::new();
                for _ in 0..self.below(6) {
                    let key = if self.chance(90) {
                        self.pick(keys).to_string()
                    } else {
                        self.text(10)
                    };
                    map.insert(key, self.json(depth - 1));
                }
                Value::Object(map)
            }
        }
    }

    fn json_number(&mut self) -> Value {
        match self.below(5) {
            0 => Value::from(self.0.next_u64() % 100),
            1 => Value::from(self.0.next_u64()),
            2 => Value::from(-((self.0.next_u64() % 1_000) as i64)),
            3 => Number::from_f64(f64::from_bits(self.0.next_u64()))
                .map_or(Value::Null, Value::Number),
            _ => Number::from_f64((self.0.next_u64() % 100_000) as f64 / 1_000.0)
                .map_or(Value::Null, Value::Number),
        }
    }

    /// A scenario shaped document: mostly real keys and plausible timeline entries.
    fn scenario(&mut self) -> Value {
        let mut top = Map::new();
        for _ in 0..self.below(8) {
            let key = self.pick(SCENARIO_KEYS).to_string();
            let value = if key == "timeline" {
                Value::Array((0..self.below(6)).map(|_| self.entry()).collect())
            } else {
                self.json(2)
            };
            top.insert(key, value);
        }
        Value::Object(top)
    }

    fn entry(&mut self) -> Value {
        let mut map = Map::new();
        if self.chance(90) {
            map.insert("at_s".into(), self.json_number());
        }
        if self.chance(90) {
            map.insert("do".into(), Value::String(self.pick(WORDS).to_string()));
        }
        for _ in 0..self.below(3) {
            map.insert(self.pick(ENTRY_KEYS).to_string(), self.json(1));
        }
        Value::Object(map)
    }

    fn mutate(&mut self, text: &str) -> String {
        let mut bytes = text.as_bytes().to_vec();
        for _ in 0..1 + self.below(4) {
            let at = self.below(bytes.len() + 1);
            match self.below(4) {
                0 if at < bytes.len() => {
                    let end = (at + 1 + self.below(8)).min(bytes.len());
                    bytes.drain(at..end);
                }
                1 => {
                    const NOISE: &[u8] = b"%&={}[],:\"\\~_.-0123456789ez\xff";
                    bytes.insert(at, NOISE[self.below(NOISE.len())]);
                }
                2 if at < bytes.len() => bytes[at] = self.0.next_u32() as u8,
                _ => {
                    let end = (at + self.below(16)).min(bytes.len());
                    let copy = bytes[at..end].to_vec();
                    bytes.splice(at..at, copy);
                }
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

type Check = fn(&str) -> Result<bool, String>;

/// Run one check, turning a panic or a broken invariant into a message that shows the input.
/// Returns whether the input was accepted, and how long it took.
fn checked(kind: &str, input: &str, check: Check) -> (bool, Duration) {
    let start = Instant::now();
    let result = std::panic::catch_unwind(|| check(input));
    let took = start.elapsed();
    match result {
        Ok(Ok(accepted)) => (accepted, took),
        Ok(Err(problem)) => panic!("{kind} input {input:?}: {problem}"),
        Err(_) => panic!("{kind} input {input:?} panicked"),
    }
}

#[test]
#[ignore = "long form: cargo test --release --test fuzz_inputs -- --ignored --nocapture"]
fn a_million_hostile_inputs() {
    let total: u64 = std::env::var("FUZZ_INPUTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2026);
    let mut gen = Hostile(Pcg64Mcg::seed_from_u64(seed));
    let valid = [
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/selftest.json"
        ))
        .unwrap(),
        sessionscope::scenario::Scenario::default().to_json(),
    ];
    let (mut queries, mut scenarios, mut accepted) = (0u64, 0u64, 0u64);
    let mut slowest = (Duration::ZERO, String::new());
    let start = Instant::now();
    for i in 0..total {
        let (kind, input, check): (&str, String, Check) = match i % 5 {
            0 | 1 => ("query", gen.query(), check_query),
            2 => ("scenario", gen.scenario().to_string(), check_scenario),
            3 => (
                "scenario",
                {
                    let base = valid[gen.below(2)].clone();
                    gen.mutate(&base)
                },
                check_scenario,
            ),
            _ => (
                "scenario",
                if gen.chance(50) {
                    gen.json(4).to_string()
                } else {
                    gen.text(80)
                },
                check_scenario,
            ),
        };
        if kind == "query" {
            queries += 1
        } else {
            scenarios += 1
        }
        let (ok, took) = checked(kind, &input, check);
        accepted += u64::from(ok);
        if took > slowest.0 {
            slowest = (took, format!("{kind} of {} bytes", input.len()));
        }
    }
    let elapsed = start.elapsed();
    println!(
        "fuzz: checked {} inputs ({queries} URL queries, {scenarios} scenario texts; {accepted} accepted whole, the rest rejected by name) in {:.1} s, seed {seed}; slowest {:.2} ms ({})",
        queries + scenarios,
        elapsed.as_secs_f64(),
        slowest.0.as_secs_f64() * 1e3,
        slowest.1
    );
    assert!(queries + scenarios >= total);
    assert!(
        slowest.0 < Duration::from_secs(1),
        "an input took {:?}: no input may hang",
        slowest.0
    );
}

#[test]
fn a_few_thousand_seeded_hostile_inputs() {
    let mut gen = Hostile(Pcg64Mcg::seed_from_u64(1));
    for i in 0..3_000 {
        if i % 2 == 0 {
            checked("query", &gen.query(), check_query);
        } else {
            checked("scenario", &gen.scenario().to_string(), check_scenario);
        }
    }
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(WORDS.to_vec()).prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        prop::sample::select(SCENARIO_KEYS.to_vec()).prop_map(String::from),
                        prop::sample::select(ENTRY_KEYS.to_vec()).prop_map(String::from),
                        any::<String>()
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn arbitrary_strings_as_queries(query in any::<String>()) {
        prop_assert_eq!(check_query(&query).err(), None);
    }

    #[test]
    fn query_shaped_strings(query in "[?#a-z_&=%0-9A-Fa-f+~.-]{0,160}") {
        prop_assert_eq!(check_query(&query).err(), None);
    }

    #[test]
    fn known_parameters_with_hostile_values(
        pairs in prop::collection::vec(
            (prop::sample::select(QUERY_KEYS.to_vec()), prop::sample::select(VALUES.to_vec())),
            0..8,
        )
    ) {
        let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        prop_assert_eq!(check_query(&query.join("&")).err(), None);
    }

    #[test]
    fn arbitrary_json_as_scenarios(document in arb_json()) {
        prop_assert_eq!(check_scenario(&document.to_string()).err(), None);
    }

    #[test]
    fn arbitrary_strings_as_scenarios(text in any::<String>()) {
        prop_assert_eq!(check_scenario(&text).err(), None);
    }

    #[test]
    fn valid_scenarios_with_mutations(
        scenario in support::arb_scenario(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    ) {
        let mut bytes = scenario.to_json().into_bytes();
        for (at, byte) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        prop_assert_eq!(check_scenario(&String::from_utf8_lossy(&bytes)).err(), None);
    }
}
