//! Bounded history: fixed-capacity rings. Time series are sampled every `SAMPLE_EVERY` of model time, so
//! an hour-long run holds the same amount of history as a minute-long one.

use super::config::{Micros, SECOND};
use std::collections::VecDeque;

pub const SAMPLE_EVERY: Micros = SECOND;
pub const SERIES_CAPACITY: usize = 600;

/// A ring that keeps the most recent `capacity` items.
#[derive(Clone, Debug)]
pub struct Ring<T> {
    items: VecDeque<T>,
    capacity: usize,
}

impl<T> Ring<T> {
    pub fn new(capacity: usize) -> Self {
        Ring {
            items: VecDeque::with_capacity(capacity),
            capacity: capacity.max(1),
        }
    }

    /// Add an item; returns the one that fell out, so its allocations can be reused.
    pub fn push(&mut self, item: T) -> Option<T> {
        let dropped = if self.items.len() == self.capacity {
            self.items.pop_front()
        } else {
            None
        };
        self.items.push_back(item);
        dropped
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
    pub replication_messages: u64,
    pub store_ops: u64,
    pub live_sessions: u64,
    pub latency_p50_ms: f64,
    pub latency_p99_ms: f64,
    /// Per server (index = server id): memory in bytes and cumulative requests.
    pub server_memory: Vec<u64>,
    pub server_requests: Vec<u64>,
}
