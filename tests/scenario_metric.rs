//! The one list of metrics (`scenario::Metric`): it names every number of a report exactly once, and the
//! runner's JSON written from it is the report field for field.

use sessionscope::model::{Config, Report, Strategy};
use sessionscope::scenario::{compare, report_json, Metric, MetricValue, Scenario, Unit};

fn finished_run() -> Report {
    let scenario = Scenario::from_json(
        r#"{"strategy":"store","store_replica":true,"duration_s":30,
            "timeline":[{"at_s":10,"do":"crash-store"},{"at_s":12,"do":"crash-server","server":1}]}"#,
    )
    .unwrap();
    scenario.run()
}

#[test]
fn the_json_written_from_the_list_is_the_report_field_for_field() {
    // `Report`'s own serde form names each field once, in declaration order: a field added to the report
    // and forgotten in the list (or a list entry with a wrong key or order) makes the texts differ.
    for report in [finished_run(), Report::default()] {
        assert_eq!(
            report_json(&report).unwrap(),
            serde_json::to_string(&report).unwrap()
        );
    }
}

#[test]
fn every_metric_has_a_unique_key_that_finds_it_again() {
    for (i, metric) in Metric::ALL.into_iter().enumerate() {
        assert_eq!(Metric::from_key(metric.key()), Some(metric));
        assert!(
            Metric::ALL[..i].iter().all(|m| m.key() != metric.key()),
            "{} twice",
            metric.key()
        );
    }
    assert_eq!(Metric::from_key("per_server"), None);
    assert_eq!(Metric::from_key("latency_ms"), None);
}

#[test]
fn values_read_the_report_and_units_match_their_kind() {
    let report = finished_run();
    let json: serde_json::Value = serde_json::from_str(&report_json(&report).unwrap()).unwrap();
    for metric in Metric::ALL {
        let pointer = format!("/{}", metric.key().replace('.', "/"));
        let written = &json
            .pointer(&pointer)
            .unwrap_or_else(|| panic!("{pointer}"));
        match (metric.value(&report), metric.unit()) {
            (MetricValue::Count(n), Unit::Count | Unit::Bytes) => {
                assert_eq!(written.as_u64(), Some(n), "{}", metric.key())
            }
            (MetricValue::Real(x), Unit::Ratio | Unit::Millis) => {
                assert_eq!(written.as_f64(), Some(x), "{}", metric.key())
            }
            (value, unit) => panic!("{}: {value:?} is not a {unit:?}", metric.key()),
        }
    }
    assert!(Metric::StoreOps.value(&report).as_f64() > 0.0);
    assert_eq!(
        Metric::Requests.value(&report).as_f64(),
        report.requests as f64
    );
}

#[test]
fn compare_rows_carry_each_strategys_report_as_the_run_writes_it() {
    let scenario = Scenario {
        config: Config {
            servers: 3,
            users: 20,
            ..Config::default()
        },
        duration: 20_000_000,
        ..Scenario::default()
    };
    let rows = compare(&scenario);
    let text = sessionscope::scenario::compare::compare_json(&rows).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    let list = parsed.as_array().unwrap();
    assert_eq!(list.len(), Strategy::ALL.len());
    for ((strategy, report), row) in rows.iter().zip(list) {
        assert_eq!(row["strategy"], strategy.name());
        let metrics: serde_json::Value =
            serde_json::from_str(&report_json(report).unwrap()).unwrap();
        assert_eq!(row["metrics"], metrics);
    }
}
