//! Bounded history: fixed-capacity rings. Time series are sampled every `SAMPLE_EVERY` of model time, so
//! an hour-long run holds the same amount of history as a minute-long one.

use super::config::{Micros, SECOND};
use std::collections::VecDeque;

pub const SAMPLE_EVERY: Micros = SECOND;
pub const SERIES_CAPACITY: usize = 600;

/// A ring that keeps the most recent `capacity` items: the oldest leaves when a new one comes.
#[derive(Clone, Debug)]
pub struct Ring<T> {
    items: VecDeque<T>,
    capacity: usize,
}

impl<T> Ring<T> {
    pub fn new(capacity: usize) -> Self {
        let capacity = capacity.max(1);
        Ring {
            items: VecDeque::with_capacity(capacity),
            capacity,
        }
    }

    pub fn push(&mut self, item: T) {
        if self.items.len() == self.capacity {
            self.items.pop_front();
        }
        self.items.push_back(item);
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator {
        self.items.iter()
    }

    pub fn last(&self) -> Option<&T> {
        self.items.back()
    }
}

/// One point of the time series. Counters are cumulative (a chart takes differences for rates);
/// latencies are over the sampling interval that ends at `at`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sample {
    pub at: Micros,
    pub requests: u64,
    pub ok: u64,
    pub mismatches: u64,
    pub lost_session_hits: u64,
    pub relogins: u64,
    pub errors: u64,
    pub sessions_lost: u64,
    pub sessions_expired: u64,
    pub orphaned_sessions: u64,
    pub replication_messages: u64,
    pub replication_bytes: u64,
    pub store_ops: u64,
    pub live_sessions: u64,
    pub latency_p50_ms: f64,
    pub latency_p99_ms: f64,
    /// Per server (index = server id): memory in bytes and cumulative requests.
    pub server_memory: Vec<u64>,
    pub server_requests: Vec<u64>,
}

/// A series the page's chart can draw from the samples: a counter, drawn per sampling interval (one
/// simulated second), or a level read at each sample. Its name is also the URL's `chart` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesMetric {
    Mismatches,
    Requests,
    Errors,
    Relogins,
    SessionsLost,
    SessionsExpired,
    LiveSessions,
    LatencyP99,
    ReplicationMessages,
    ReplicationBytes,
    StoreOps,
    Memory,
    OrphanedSessions,
}

impl SeriesMetric {
    /// In the order of the chart picker (and of the view's `Strings::series_names`).
    pub const ALL: [SeriesMetric; 13] = [
        SeriesMetric::Mismatches,
        SeriesMetric::Requests,
        SeriesMetric::Errors,
        SeriesMetric::Relogins,
        SeriesMetric::SessionsLost,
        SeriesMetric::SessionsExpired,
        SeriesMetric::LiveSessions,
        SeriesMetric::LatencyP99,
        SeriesMetric::ReplicationMessages,
        SeriesMetric::ReplicationBytes,
        SeriesMetric::StoreOps,
        SeriesMetric::Memory,
        SeriesMetric::OrphanedSessions,
    ];

    /// The metric's name in the runner's output, which is also the picker's value.
    pub fn name(self) -> &'static str {
        match self {
            SeriesMetric::Mismatches => "mismatches",
            SeriesMetric::Requests => "requests",
            SeriesMetric::Errors => "errors",
            SeriesMetric::Relogins => "relogins",
            SeriesMetric::SessionsLost => "sessions_lost",
            SeriesMetric::SessionsExpired => "sessions_expired",
            SeriesMetric::LiveSessions => "live_sessions",
            SeriesMetric::LatencyP99 => "latency_ms.p99",
            SeriesMetric::ReplicationMessages => "replication_messages",
            SeriesMetric::ReplicationBytes => "replication_bytes",
            SeriesMetric::StoreOps => "store_ops",
            SeriesMetric::Memory => "memory_bytes",
            SeriesMetric::OrphanedSessions => "orphaned_sessions",
        }
    }

    pub fn from_name(name: &str) -> Option<SeriesMetric> {
        SeriesMetric::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The sample's value, and whether it is a counter (drawn as its increase per interval) rather than a
    /// level (drawn as read).
    pub fn read(self, s: &Sample) -> (f64, bool) {
        let counter = |v: u64| (v as f64, true);
        match self {
            SeriesMetric::Mismatches => counter(s.mismatches),
            SeriesMetric::Requests => counter(s.requests),
            SeriesMetric::Errors => counter(s.errors),
            SeriesMetric::Relogins => counter(s.relogins),
            SeriesMetric::SessionsLost => counter(s.sessions_lost),
            SeriesMetric::SessionsExpired => counter(s.sessions_expired),
            SeriesMetric::ReplicationMessages => counter(s.replication_messages),
            SeriesMetric::ReplicationBytes => counter(s.replication_bytes),
            SeriesMetric::StoreOps => counter(s.store_ops),
            SeriesMetric::OrphanedSessions => counter(s.orphaned_sessions),
            SeriesMetric::LiveSessions => (s.live_sessions as f64, false),
            SeriesMetric::LatencyP99 => (s.latency_p99_ms, false),
            SeriesMetric::Memory => (s.server_memory.iter().sum::<u64>() as f64, false),
        }
    }
}
