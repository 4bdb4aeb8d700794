//! The page's "export metrics as CSV": one `metric,value` row per number, named like the runner's JSON
//! (`latency_ms.p50`, `per_server.0.requests`), so a spreadsheet and a script read the same names.

use crate::model::Report;
use std::fmt::Write;

pub fn report_csv(report: &Report) -> String {
    let mut out = String::from("metric,value\n");
    let mut row = |name: &str, value: String| {
        // Writing to a String cannot fail.
        let _ = writeln!(out, "{name},{value}");
    };
    row("requests", report.requests.to_string());
    row("ok", report.ok.to_string());
    row("mismatches", report.mismatches.to_string());
    row("lost_session_hits", report.lost_session_hits.to_string());
    row("relogins", report.relogins.to_string());
    row("sessions_created", report.sessions_created.to_string());
    row("sessions_lost", report.sessions_lost.to_string());
    row("sessions_expired", report.sessions_expired.to_string());
    row("errors", report.errors.to_string());
    row(
        "replication_messages",
        report.replication_messages.to_string(),
    );
    row("replication_bytes", report.replication_bytes.to_string());
    row("store_ops", report.store_ops.to_string());
    row("imbalance", real(report.imbalance));
    row("latency_ms.p50", real(report.latency_ms.p50));
    row("latency_ms.p99", real(report.latency_ms.p99));
    for (i, server) in report.per_server.iter().enumerate() {
        row(
            &format!("per_server.{i}.requests"),
            server.requests.to_string(),
        );
        row(
            &format!("per_server.{i}.memory_bytes"),
            server.memory_bytes.to_string(),
        );
        row(
            &format!("per_server.{i}.sessions_full"),
            server.sessions_full.to_string(),
        );
        row(
            &format!("per_server.{i}.sessions_key_only"),
            server.sessions_key_only.to_string(),
        );
        row(&format!("per_server.{i}.up"), server.up.to_string());
    }
    out
}

/// A number as a spreadsheet reads it; an undefined one (no requests yet) is an empty cell.
fn real(value: f64) -> String {
    if value.is_finite() {
        value.to_string()
    } else {
        String::new()
    }
}
