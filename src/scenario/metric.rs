//! The one list of a run's metrics: every number of a `Report` (the per-server list aside), with the name
//! the runner's JSON and the CSV give it, what kind of number it is, and how to take it from a `Report`,
//! in the order both formats write them. The runner's JSON (`report_json`, `compare::compare_json`) and
//! the CSV (`csv.rs`) are written from it; a field added to `Report` and not here fails
//! tests/scenario_metric.rs. It lives with the formats because the model names nothing outside: the
//! model counts, this file says what each count is called.

use crate::model::Report;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// One metric of a run's report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Metric {
    Requests,
    AuthenticatedRequests,
    Ok,
    Mismatches,
    LostSessionHits,
    ExpiredHits,
    Relogins,
    SessionsCreated,
    SessionsLost,
    SessionsExpired,
    OrphanedSessions,
    Errors,
    ReplicationMessages,
    ReplicationBytes,
    StoreOps,
    StoreReplicationMessages,
    StoreWritesLost,
    StoreMemoryBytes,
    ReplicaMemoryBytes,
    SessionMemoryBytes,
    Imbalance,
    LatencyP50,
    LatencyP99,
    StoreRoundTrip,
}

/// What a metric's number is, for showing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A whole count of events.
    Count,
    /// A whole number of bytes.
    Bytes,
    /// A ratio (max/mean).
    Ratio,
    /// Milliseconds.
    Millis,
}

/// A metric's value: counts are whole, the rest may be undefined (NaN before any request).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MetricValue {
    Count(u64),
    Real(f64),
}

impl MetricValue {
    /// The value as a float, for scaling bars and charts.
    pub fn as_f64(self) -> f64 {
        match self {
            MetricValue::Count(n) => n as f64,
            MetricValue::Real(x) => x,
        }
    }
}

impl Metric {
    /// Every metric, in the order of the runner's JSON and the CSV.
    pub const ALL: [Metric; 24] = [
        Metric::Requests,
        Metric::AuthenticatedRequests,
        Metric::Ok,
        Metric::Mismatches,
        Metric::LostSessionHits,
        Metric::ExpiredHits,
        Metric::Relogins,
        Metric::SessionsCreated,
        Metric::SessionsLost,
        Metric::SessionsExpired,
        Metric::OrphanedSessions,
        Metric::Errors,
        Metric::ReplicationMessages,
        Metric::ReplicationBytes,
        Metric::StoreOps,
        Metric::StoreReplicationMessages,
        Metric::StoreWritesLost,
        Metric::StoreMemoryBytes,
        Metric::ReplicaMemoryBytes,
        Metric::SessionMemoryBytes,
        Metric::Imbalance,
        Metric::LatencyP50,
        Metric::LatencyP99,
        Metric::StoreRoundTrip,
    ];

    /// The name in the runner's JSON and the CSV; a dot separates a nested object's key
    /// (`latency_ms.p50` is `"latency_ms": {"p50": …}`).
    pub fn key(self) -> &'static str {
        match self {
            Metric::Requests => "requests",
            Metric::AuthenticatedRequests => "authenticated_requests",
            Metric::Ok => "ok",
            Metric::Mismatches => "mismatches",
            Metric::LostSessionHits => "lost_session_hits",
            Metric::ExpiredHits => "expired_hits",
            Metric::Relogins => "relogins",
            Metric::SessionsCreated => "sessions_created",
            Metric::SessionsLost => "sessions_lost",
            Metric::SessionsExpired => "sessions_expired",
            Metric::OrphanedSessions => "orphaned_sessions",
            Metric::Errors => "errors",
            Metric::ReplicationMessages => "replication_messages",
            Metric::ReplicationBytes => "replication_bytes",
            Metric::StoreOps => "store_ops",
            Metric::StoreReplicationMessages => "store_replication_messages",
            Metric::StoreWritesLost => "store_writes_lost",
            Metric::StoreMemoryBytes => "store_memory_bytes",
            Metric::ReplicaMemoryBytes => "replica_memory_bytes",
            Metric::SessionMemoryBytes => "session_memory_bytes",
            Metric::Imbalance => "imbalance",
            Metric::LatencyP50 => "latency_ms.p50",
            Metric::LatencyP99 => "latency_ms.p99",
            Metric::StoreRoundTrip => "store_round_trip_ms",
        }
    }

    /// The metric named `key` (as `key()` writes it).
    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.key() == key)
    }

    pub fn unit(self) -> Unit {
        match self {
            Metric::ReplicationBytes
            | Metric::StoreMemoryBytes
            | Metric::ReplicaMemoryBytes
            | Metric::SessionMemoryBytes => Unit::Bytes,
            Metric::Imbalance => Unit::Ratio,
            Metric::LatencyP50 | Metric::LatencyP99 | Metric::StoreRoundTrip => Unit::Millis,
            Metric::Requests
            | Metric::AuthenticatedRequests
            | Metric::Ok
            | Metric::Mismatches
            | Metric::LostSessionHits
            | Metric::ExpiredHits
            | Metric::Relogins
            | Metric::SessionsCreated
            | Metric::SessionsLost
            | Metric::SessionsExpired
            | Metric::OrphanedSessions
            | Metric::Errors
            | Metric::ReplicationMessages
            | Metric::StoreOps
            | Metric::StoreReplicationMessages
            | Metric::StoreWritesLost => Unit::Count,
        }
    }

    /// This metric's value in `report`.
    pub fn value(self, report: &Report) -> MetricValue {
        let r = report;
        MetricValue::Count(match self {
            Metric::Requests => r.requests,
            Metric::AuthenticatedRequests => r.authenticated_requests,
            Metric::Ok => r.ok,
            Metric::Mismatches => r.mismatches,
            Metric::LostSessionHits => r.lost_session_hits,
            Metric::ExpiredHits => r.expired_hits,
            Metric::Relogins => r.relogins,
            Metric::SessionsCreated => r.sessions_created,
            Metric::SessionsLost => r.sessions_lost,
            Metric::SessionsExpired => r.sessions_expired,
            Metric::OrphanedSessions => r.orphaned_sessions,
            Metric::Errors => r.errors,
            Metric::ReplicationMessages => r.replication_messages,
            Metric::ReplicationBytes => r.replication_bytes,
            Metric::StoreOps => r.store_ops,
            Metric::StoreReplicationMessages => r.store_replication_messages,
            Metric::StoreWritesLost => r.store_writes_lost,
            Metric::StoreMemoryBytes => r.store_memory_bytes,
            Metric::ReplicaMemoryBytes => r.replica_memory_bytes,
            Metric::SessionMemoryBytes => r.session_memory_bytes,
            Metric::Imbalance => return MetricValue::Real(r.imbalance),
            Metric::LatencyP50 => return MetricValue::Real(r.latency_ms.p50),
            Metric::LatencyP99 => return MetricValue::Real(r.latency_ms.p99),
            Metric::StoreRoundTrip => return MetricValue::Real(r.store_round_trip_ms),
        })
    }
}

/// The runner's `run` output: one JSON object, the metrics in `Metric::ALL` order, then `per_server`.
pub fn report_json(report: &Report) -> Result<String, serde_json::Error> {
    serde_json::to_string(&ReportJson(report))
}

/// A `Report` serialised through the list of metrics.
pub struct ReportJson<'a>(pub &'a Report);

impl Serialize for ReportJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        // Consecutive metrics under one object (`latency_ms.p50`, `latency_ms.p99`) make one entry.
        let same_object = |a: &Metric, b: &Metric| {
            let (a, b) = (a.key().split_once('.'), b.key().split_once('.'));
            a.is_some() && a.map(|(group, _)| group) == b.map(|(group, _)| group)
        };
        for run in Metric::ALL.chunk_by(same_object) {
            let key = run[0].key();
            match key.split_once('.') {
                None => map.serialize_entry(key, &run[0].value(self.0))?,
                Some((group, _)) => map.serialize_entry(group, &Object(self.0, run))?,
            }
        }
        map.serialize_entry("per_server", &self.0.per_server)?;
        map.end()
    }
}

/// Counts as JSON integers, reals as numbers (serde_json writes NaN as `null`).
impl Serialize for MetricValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            MetricValue::Count(n) => serializer.serialize_u64(n),
            MetricValue::Real(x) => serializer.serialize_f64(x),
        }
    }
}

/// Metrics sharing a dotted prefix, as one object keyed by what follows the dot.
struct Object<'a>(&'a Report, &'a [Metric]);

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.1.len()))?;
        for metric in self.1 {
            let key = metric.key();
            let field = key.split_once('.').map_or(key, |(_, field)| field);
            map.serialize_entry(field, &metric.value(self.0))?;
        }
        map.end()
    }
}
