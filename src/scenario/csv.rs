//! The page's "export metrics as CSV": one `metric,value` row per number, named by its path in the
//! runner's JSON (`latency_ms.p50`, `per_server.0.requests`), in the same order (the list in
//! `metric.rs`), so a spreadsheet and a script read the same names.

use super::metric::{Metric, MetricValue};
use crate::model::Report;
use std::fmt::{Display, Write};

pub fn report_csv(report: &Report) -> String {
    let mut out = Rows(String::from("metric,value\n"));
    for metric in Metric::ALL {
        match metric.value(report) {
            MetricValue::Count(n) => out.row(metric.key(), &n),
            // Rust's shortest exact form (`240`, `61.5`), the value the runner's JSON reads back to.
            // The JSON writes an undefined number (NaN: no requests yet) as null: here an empty cell.
            MetricValue::Real(x) if x.is_finite() => out.row(metric.key(), &x),
            MetricValue::Real(_) => out.row(metric.key(), &""),
        }
    }
    for (index, server) in report.per_server.iter().enumerate() {
        let name = |field: &str| format!("per_server.{index}.{field}");
        out.row(&name("requests"), &server.requests);
        out.row(&name("memory_bytes"), &server.memory_bytes);
        out.row(&name("sessions_full"), &server.sessions_full);
        out.row(&name("sessions_key_only"), &server.sessions_key_only);
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
}
