//! The metrics CSV export: one `metric,value` row per number, named like the runner's JSON.

use sessionscope::model::{Latency, Report, ServerReport};
use sessionscope::scenario::{reference_scenario, report_csv};

/// Field by field: the model may add metrics, and they must not break this test.
#[allow(clippy::field_reassign_with_default)]
fn sample() -> Report {
    let mut r = Report::default();
    r.requests = 1_000;
    r.ok = 900;
    r.mismatches = 60;
    r.lost_session_hits = 10;
    r.relogins = 70;
    r.sessions_created = 80;
    r.sessions_lost = 12;
    r.sessions_expired = 3;
    r.errors = 30;
    r.replication_messages = 400;
    r.replication_bytes = 6_553_600;
    r.store_ops = 0;
    r.store_replication_messages = 0;
    r.store_writes_lost = 0;
    r.imbalance = 1.25;
    r.latency_ms = Latency {
        p50: 61.5,
        p99: 240.0,
    };
    r.per_server = vec![
        ServerReport {
            requests: 600,
            memory_bytes: 1_048_576,
            sessions_full: 64,
            sessions_key_only: 0,
            up: true,
        },
        ServerReport {
            requests: 400,
            memory_bytes: 0,
            sessions_full: 0,
            sessions_key_only: 5,
            up: false,
        },
    ];
    r
}

#[test]
fn every_metric_is_a_row_with_its_value() {
    let csv = report_csv(&sample());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "metric,value");
    for expected in [
        "requests,1000",
        "ok,900",
        "mismatches,60",
        "lost_session_hits,10",
        "relogins,70",
        "sessions_created,80",
        "sessions_lost,12",
        "errors,30",
        "replication_messages,400",
        "store_ops,0",
        "store_replication_messages,0",
        "store_writes_lost,0",
        "imbalance,1.25",
        "latency_ms.p50,61.5",
        "latency_ms.p99,240",
        "per_server.0.requests,600",
        "per_server.0.memory_bytes,1048576",
        "per_server.0.sessions_full,64",
        "per_server.1.sessions_key_only,5",
        "per_server.0.up,true",
        "per_server.1.up,false",
    ] {
        assert!(lines.contains(&expected), "missing {expected:?} in\n{csv}");
    }
    // Two columns everywhere, names unique, newline-terminated.
    assert!(csv.ends_with('\n'));
    let mut names: Vec<&str> = lines.iter().map(|l| l.split(',').next().unwrap()).collect();
    assert!(lines.iter().all(|l| l.split(',').count() == 2));
    let total = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), total);
}

#[test]
fn undefined_numbers_are_empty_cells() {
    let mut report = sample();
    report.imbalance = f64::NAN;
    report.latency_ms.p99 = f64::INFINITY;
    let csv = report_csv(&report);
    assert!(csv.lines().any(|l| l == "imbalance,"));
    assert!(csv.lines().any(|l| l == "latency_ms.p99,"));
}

#[test]
fn a_run_exports_one_block_per_server_and_is_stable() {
    let report = reference_scenario().run();
    let csv = report_csv(&report);
    let server_rows = csv.lines().filter(|l| l.starts_with("per_server.")).count();
    assert_eq!(server_rows, 5 * report.per_server.len());
    assert_eq!(csv, report_csv(&reference_scenario().run()));
}

#[test]
fn rows_follow_the_runner_json_order() {
    let csv = report_csv(&sample());
    let names: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let position = |name: &str| names.iter().position(|n| *n == name).unwrap();
    assert_eq!(names[0], "requests");
    assert!(position("ok") < position("mismatches"));
    assert!(position("latency_ms.p50") < position("latency_ms.p99"));
    assert!(position("per_server.0.up") < position("per_server.1.requests"));
    assert_eq!(*names.last().unwrap(), "per_server.1.up");
}

/// The runner's JSON (serde) flattened to sorted `path,value` rows (`Value` sorts object keys).
fn json_rows(report: &Report) -> Vec<String> {
    fn walk(path: &str, value: &serde_json::Value, out: &mut Vec<String>) {
        let child = |name: &str| {
            if path.is_empty() {
                name.to_string()
            } else {
                format!("{path}.{name}")
            }
        };
        match value {
            serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| walk(&child(k), v, out)),
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(i, v)| walk(&child(&i.to_string()), v, out)),
            serde_json::Value::Null => out.push(format!("{path},")),
            serde_json::Value::Number(n) => match n.as_u64() {
                Some(u) => out.push(format!("{path},{u}")),
                None => out.push(format!("{path},{}", n.as_f64().unwrap())),
            },
            other => out.push(format!("{path},{other}")),
        }
    }
    let mut rows = Vec::new();
    walk("", &serde_json::to_value(report).unwrap(), &mut rows);
    rows.sort();
    rows
}

/// The keys of the JSON's leaves (numbers, flags, null) in document order.
fn json_leaf_keys(report: &Report) -> Vec<String> {
    let text = serde_json::to_string(report).unwrap();
    let mut keys = Vec::new();
    for (at, _) in text.match_indices("\":") {
        let name_start = text[..at].rfind('"').unwrap() + 1;
        let opens_container = matches!(text.as_bytes()[at + 2], b'{' | b'[');
        if !opens_container {
            keys.push(text[name_start..at].to_string());
        }
    }
    keys
}

#[test]
fn rows_are_the_runner_json_flattened_in_its_order() {
    let mut undefined = sample();
    undefined.imbalance = f64::NAN;
    for report in [sample(), undefined, reference_scenario().run()] {
        let csv = report_csv(&report);
        let mut rows: Vec<String> = csv.lines().skip(1).map(str::to_string).collect();
        let leaf_keys: Vec<String> = rows
            .iter()
            .map(|row| {
                row.split(',')
                    .next()
                    .unwrap()
                    .rsplit('.')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(leaf_keys, json_leaf_keys(&report));
        rows.sort();
        assert_eq!(rows, json_rows(&report));
    }
}
