//! The page's "export metrics as CSV": one `metric,value` row per number, named by its path in the
//! runner's JSON (`latency_ms.p50`, `per_server.0.requests`), in the same order, so a spreadsheet and a
//! script read the same names. Written field by field rather than through serde_json: that keeps the JSON
//! machinery out of the page's wasm (issue 4's size budget). tests/scenario_csv.rs checks the rows against
//! the runner's JSON, so a metric added to `Report` and forgotten here fails a test.

use crate::model::Report;
use std::fmt::{Display, Write};

pub fn report_csv(report: &Report) -> String {
    let mut out = Rows(String::from("metric,value\n"));
    let r = report;
    out.count("requests", r.requests);
    out.count("authenticated_requests", r.authenticated_requests);
    out.count("ok", r.ok);
    out.count("mismatches", r.mismatches);
    out.count("lost_session_hits", r.lost_session_hits);
    out.count("expired_hits", r.expired_hits);
    out.count("relogins", r.relogins);
    out.count("sessions_created", r.sessions_created);
    out.count("sessions_lost", r.sessions_lost);
    out.count("sessions_expired", r.sessions_expired);
    out.count("orphaned_sessions", r.orphaned_sessions);
    out.count("errors", r.errors);
    out.count("replication_messages", r.replication_messages);
    out.count("replication_bytes", r.replication_bytes);
    out.count("store_ops", r.store_ops);
    out.count("store_replication_messages", r.store_replication_messages);
    out.count("store_writes_lost", r.store_writes_lost);
    out.number("imbalance", r.imbalance);
    out.number("latency_ms.p50", r.latency_ms.p50);
    out.number("latency_ms.p99", r.latency_ms.p99);
    for (index, server) in r.per_server.iter().enumerate() {
        let name = |field: &str| format!("per_server.{index}.{field}");
        out.count(&name("requests"), server.requests);
        out.count(&name("memory_bytes"), server.memory_bytes);
        out.count(&name("sessions_full"), server.sessions_full);
        out.count(&name("sessions_key_only"), server.sessions_key_only);
        out.row(&name("up"), &server.up);
    }
    out.0
}

struct Rows(String);

impl Rows {
    fn row(&mut self, name: &str, value: &dyn Display) {
        // Writing to a String cannot fail.
        let _ = writeln!(self.0, "{name},{value}");
    }

    fn count(&mut self, name: &str, value: u64) {
        self.row(name, &value);
    }

    /// Rust's shortest exact form (`240`, `61.5`), the value the runner's JSON reads back to. The JSON
    /// writes an undefined number (NaN: no requests yet) as null: here an empty cell.
    fn number(&mut self, name: &str, value: f64) {
        if value.is_finite() {
            self.row(name, &crate::number::f64_text(value));
        } else {
            self.row(name, &"");
        }
    }
}
