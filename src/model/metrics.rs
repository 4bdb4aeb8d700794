//! Cumulative counters (the numbers of the report and a few more) and a fixed-size latency histogram.
//! Everything here is bounded: counters and a constant number of buckets.

use super::config::Micros;

/// Live cumulative counters; cheap to borrow every frame (`Simulation::metrics`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metrics {
    /// Requests that reached the balancer.
    pub requests: u64,
    /// Requests that carried a session cookie.
    pub authenticated_requests: u64,
    pub ok: u64,
    /// 401: the session exists, but not where it was looked up.
    pub mismatches: u64,
    /// 401: the session was destroyed by a fault.
    pub lost_session_hits: u64,
    /// 401: the session had expired (idle timeout).
    pub expired_hits: u64,
    pub relogins: u64,
    /// 5xx (502 from the balancer, 500 when the store is unreachable, a POST on a dying server).
    pub errors: u64,
    pub logins: u64,
    pub logouts: u64,
    /// Successful requests that changed a session (login, like, cart, logout): what a cluster replicates.
    pub session_writes: u64,
    pub sessions_created: u64,
    /// Destroyed by a fault (crash, OOM, store loss, failover window, removal of a server).
    pub sessions_lost: u64,
    pub sessions_expired: u64,
    /// Sessions left behind by a mismatch: the user was sent back to log in (elsewhere), and the
    /// session, never to be used again, holds memory until its idle timeout.
    pub orphaned_sessions: u64,
    pub replication_messages: u64,
    pub replication_bytes: u64,
    /// BackupManager remote fetches (a key-only server pulling the full session).
    pub remote_fetches: u64,
    pub store_ops: u64,
    /// The latest round trip to the store (a request's operations, sent together), from the server's
    /// request to the answer back at the server; 0 before the first.
    pub last_store_round_trip: Micros,
    /// Writes the store replica had not received when it was promoted.
    pub store_writes_lost: u64,
    pub store_replication_messages: u64,
    /// Requests refused by a dead server and passed on by the balancer (nginx `proxy_next_upstream`).
    pub passed_to_next: u64,
    /// GETs retried on another server after their server died mid-request.
    pub retried: u64,
    pub repins: u64,
    pub crashes: u64,
    pub oom_crashes: u64,
}

impl Metrics {
    /// Requests answered so far (the rest are in flight).
    pub fn answered(&self) -> u64 {
        self.ok + self.mismatches + self.lost_session_hits + self.expired_hits + self.errors
    }
}

/// Log-linear buckets over microseconds: 64 sub-buckets per power of two (about 1.6 % wide: 1 ms at
/// 100 ms), up to ~2^44 µs. Fine enough that a store's few milliseconds of round trip show in p50 and
/// p99; 16 per octave made 4-8 ms steps around 100 ms, as coarse as the differences to be shown.
const SUB_BITS: u32 = 6;
const SUB: u32 = 1 << SUB_BITS;
const BUCKETS: usize = (SUB * (45 - SUB_BITS)) as usize;

#[derive(Clone, Debug)]
pub struct Histogram {
    counts: Vec<u64>,
    total: u64,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            counts: vec![0; BUCKETS],
            total: 0,
        }
    }
}

impl Histogram {
    #[inline]
    fn index(value: Micros) -> usize {
        if value < u64::from(SUB) {
            return value as usize;
        }
        let log = 63 - value.leading_zeros(); // >= SUB_BITS
        let shift = log - SUB_BITS;
        let sub = ((value >> shift) & u64::from(SUB - 1)) as u32;
        (((log - SUB_BITS + 1) * SUB + sub) as usize).min(BUCKETS - 1)
    }

    /// Lower bound of a bucket's range (and the value reported for it).
    fn value_of(index: usize) -> Micros {
        let i = index as u32;
        if i < SUB {
            return u64::from(i);
        }
        let log = i / SUB + SUB_BITS - 1;
        let sub = i % SUB;
        (u64::from(SUB) + u64::from(sub)) << (log - SUB_BITS)
    }

    #[inline]
    pub fn record(&mut self, value: Micros) {
        self.counts[Self::index(value)] += 1;
        self.total += 1;
    }

    pub fn clear(&mut self) {
        if self.total > 0 {
            self.counts.iter_mut().for_each(|c| *c = 0);
            self.total = 0;
        }
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// The q-quantile (0..1) in milliseconds; 0 when empty.
    pub fn quantile_ms(&self, q: f64) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        let rank = ((self.total as f64) * q).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (i, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                // The middle of the bucket (buckets are ~1.6 % wide).
                let low = Self::value_of(i);
                let high = if i + 1 < BUCKETS {
                    Self::value_of(i + 1)
                } else {
                    low
                };
                return (low + high.saturating_sub(low) / 2) as f64 / 1000.0;
            }
        }
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_ordered_and_close() {
        let mut last = 0;
        for v in [
            0u64, 1, 15, 16, 17, 63, 64, 65, 100, 1_000, 123_456, 10_000_000,
        ] {
            let i = Histogram::index(v);
            assert!(i >= last);
            last = i;
            let lo = Histogram::value_of(i);
            assert!(lo <= v && v - lo <= v / u64::from(SUB) + 1, "{v} -> {lo}");
            // The next bucket starts above v: each value has exactly one bucket.
            assert!(Histogram::value_of(i + 1) > v, "{v}");
        }
    }
}
