//! The headless runner as a program: its output, its determinism, and one line on standard error for
//! every kind of bad input, never a panic.

mod common;
use common::runner;

use serde_json::Value;
use sessionscope::model::Strategy;
use sessionscope::scenario::compare::variant;
use sessionscope::scenario::{hash_hex, parse_scenario, reference_hash};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/selftest.json");

fn ok_json(args: &[&str], stdin: Option<&[u8]>) -> (Vec<u8>, Value) {
    let out = runner(args, stdin.unwrap_or_default());
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    let value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    (out.stdout, value)
}

const METRICS: [&str; 13] = [
    "requests",
    "ok",
    "mismatches",
    "lost_session_hits",
    "relogins",
    "sessions_created",
    "sessions_lost",
    "errors",
    "replication_messages",
    "store_ops",
    "imbalance",
    "latency_ms",
    "per_server",
];

fn assert_metrics(metrics: &Value) {
    for name in METRICS {
        assert!(metrics.get(name).is_some(), "no {name} in {metrics}");
    }
    assert!(metrics["latency_ms"]["p50"].is_number() && metrics["latency_ms"]["p99"].is_number());
    for server in metrics["per_server"].as_array().unwrap() {
        for name in [
            "requests",
            "memory_bytes",
            "sessions_full",
            "sessions_key_only",
            "up",
        ] {
            assert!(server.get(name).is_some(), "no {name} in {server}");
        }
    }
    for name in &METRICS[..10] {
        assert!(
            metrics[name].is_u64(),
            "{name} is a count: {}",
            metrics[name]
        );
    }
}

#[test]
fn run_prints_the_metrics_byte_identically_every_time() {
    let (first, metrics) = ok_json(&["run", FIXTURE], None);
    assert_metrics(&metrics);
    assert!(first.ends_with(b"}\n"));
    let (second, _) = ok_json(&["run", FIXTURE], None);
    assert_eq!(first, second);
    // Standard input gives the same.
    let text = std::fs::read(FIXTURE).unwrap();
    let (from_stdin, _) = ok_json(&["run", "-"], Some(&text));
    assert_eq!(first, from_stdin);
}

#[test]
fn compare_prints_one_row_per_strategy_equal_to_running_each_variant() {
    let (first, rows) = ok_json(&["compare", FIXTURE], None);
    let rows = rows.as_array().unwrap();
    let names: Vec<&str> = rows
        .iter()
        .map(|r| r["strategy"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = Strategy::ALL.iter().map(|s| s.name()).collect();
    assert_eq!(names, expected);
    let scenario = parse_scenario(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    for (row, strategy) in rows.iter().zip(Strategy::ALL) {
        assert_metrics(&row["metrics"]);
        let direct = serde_json::to_value(variant(&scenario, strategy).run()).unwrap();
        assert_eq!(row["metrics"], direct, "{}", strategy.name());
    }
    let (second, _) = ok_json(&["compare", FIXTURE], None);
    assert_eq!(first, second);
}

#[test]
fn hash_prints_the_reference_hash_of_the_selftest_fixture() {
    let (bytes, value) = ok_json(&["hash", FIXTURE], None);
    let hash = value["history_hash"].as_str().unwrap();
    assert_eq!(hash.len(), 16);
    assert!(hash
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    assert_eq!(hash, hash_hex(reference_hash()));
    assert_eq!(
        bytes,
        format!("{{\"history_hash\":\"{hash}\"}}\n").into_bytes()
    );
}

/// A rejection: non-zero exit, nothing on stdout, exactly one line on stderr containing `fragment`.
fn assert_rejected(args: &[&str], stdin: Option<&[u8]>, fragment: &str) {
    let out = runner(args, stdin.unwrap_or_default());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?} succeeded");
    assert!(
        out.status.code().is_some(),
        "{args:?} died by a signal: {err}"
    );
    assert!(out.stdout.is_empty(), "{args:?} printed output");
    assert_eq!(err.matches('\n').count(), 1, "{args:?}: {err:?}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains(fragment),
        "{args:?}: {err:?} lacks {fragment:?}"
    );
}

#[test]
fn bad_scenarios_name_the_key_on_one_line() {
    for (text, fragment) in [
        (
            r#"{"servers": 65}"#,
            "standard input: servers: must be between 1 and 64, got 65",
        ),
        (
            r#"{"strategy": "magic"}"#,
            "strategy: unknown strategy \"magic\"",
        ),
        (r#"{"colour": "red"}"#, "colour: unknown key"),
        (
            r#"{"timeline": [{"at_s": 1, "do": "crash-server", "server": 9}]}"#,
            "timeline[0].server:",
        ),
        (r#"{"users": -1}"#, "users: must not be negative"),
        (r#"{"seed": 1.5}"#, "seed: must be a whole number"),
        ("{", "not valid JSON"),
        ("", "not valid JSON"),
    ] {
        assert_rejected(&["run", "-"], Some(text.as_bytes()), fragment);
        assert_rejected(&["compare", "-"], Some(text.as_bytes()), fragment);
        assert_rejected(&["hash", "-"], Some(text.as_bytes()), fragment);
    }
    assert_rejected(&["run", "-"], Some(&[0xff, 0xfe, b'{', b'}']), "not UTF-8");
    let huge = vec![b' '; 17 * 1024 * 1024];
    assert_rejected(&["run", "-"], Some(&huge), "larger than 16 MiB");
}

#[test]
fn bad_arguments_say_what_is_wrong_on_one_line() {
    assert_rejected(&[], None, "missing command");
    assert_rejected(&["simulate", FIXTURE], None, "unknown command \"simulate\"");
    assert_rejected(&["run"], None, "run needs a scenario file");
    assert_rejected(
        &["run", FIXTURE, "extra"],
        None,
        "unexpected argument \"extra\"",
    );
    assert_rejected(&["run", "/nonexistent/scenario.json"], None, "no such file");
    assert_rejected(&["run", env!("CARGO_MANIFEST_DIR")], None, "cannot read");
    let out = runner(&["--help"], b"");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("usage: sessionscope-sim"));
}
