//! Where routing is decided: the balancer's algorithms (as nginx implements them), its view of which
//! servers are usable (passive `fail_timeout` and active health checks), and nothing else. Affinity
//! (sticky cookie) is decided by the caller, which falls back to `route` here.

use super::config::{Balancer, Micros, MAX_SERVERS, MS, SECOND};
use super::hash::mix64;
use super::rng::Rng;
use super::server::Server;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Virtual nodes per server on the consistent-hash ring (nginx uses 160 points per weight unit).
const RING_POINTS: u32 = 160;
/// nginx gives up rehashing after 20 tries and falls back to round robin.
const HASH_TRIES: u32 = 20;

pub struct BalancerState {
    rr_next: u32,
    /// nginx `fail_timeout`: after a refused connection the server is skipped until then.
    pub fail_until: Vec<Micros>,
    /// Active health checks: consecutive failures, and the verdict.
    pub check_failures: Vec<u32>,
    pub marked_down: Vec<bool>,
    ring: Vec<(u32, u32)>,
    ring_servers: u32,
}

/// What the balancer needs to know about the servers for one decision.
pub struct Pool<'a> {
    pub count: u32,
    /// For least connections: requests each server is working on.
    pub servers: &'a [Server],
    pub now: Micros,
    /// Servers already tried for this request.
    pub tried: u64,
}

impl BalancerState {
    pub fn new(count: u32) -> Self {
        let n = MAX_SERVERS as usize;
        let mut state = BalancerState {
            rr_next: 0,
            fail_until: vec![0; n],
            check_failures: vec![0; n],
            marked_down: vec![false; n],
            ring: Vec::new(),
            ring_servers: 0,
        };
        state.rebuild_ring(count);
        state
    }

    /// A server joins or leaves: its balancer record starts clean, and the ring follows the count.
    pub fn reset_server(&mut self, server: u32, count: u32) {
        let i = server as usize;
        self.fail_until[i] = 0;
        self.check_failures[i] = 0;
        self.marked_down[i] = false;
        self.rebuild_ring(count);
    }

    fn rebuild_ring(&mut self, count: u32) {
        if self.ring_servers == count && !self.ring.is_empty() {
            return;
        }
        self.ring = build_ring(count);
        self.ring_servers = count;
    }

    #[inline]
    pub fn usable(&self, server: u32, pool: &Pool) -> bool {
        server < pool.count
            && pool.tried & (1u64 << server) == 0
            && !self.marked_down[server as usize]
            && self.fail_until[server as usize] <= pool.now
    }

    /// The base algorithm's choice, skipping unusable servers; `None` when no server is usable
    /// (nginx: "no live upstreams", a 502).
    pub fn route(
        &mut self,
        algorithm: Balancer,
        cookie: Option<u32>,
        ip: u32,
        pool: &Pool,
        rng: &mut Rng,
    ) -> Option<u32> {
        match algorithm {
            Balancer::RoundRobin => self.round_robin(pool),
            Balancer::LeastConnections => self.least_connections(pool),
            Balancer::Random => {
                for _ in 0..HASH_TRIES {
                    let s = rng.below(pool.count.max(1));
                    if self.usable(s, pool) {
                        return Some(s);
                    }
                }
                self.round_robin(pool)
            }
            Balancer::IpHash => self.ip_hash(ip, pool),
            Balancer::CookieHash => match cookie {
                Some(key) => self.cookie_hash(key, pool),
                // An empty key: nginx `hash` falls back to round robin.
                None => self.round_robin(pool),
            },
            Balancer::CookieHashConsistent => match cookie {
                Some(key) => self.consistent_hash(key, pool),
                None => self.round_robin(pool),
            },
        }
    }

    /// Strict rotation over all clients' requests, skipping unusable servers.
    fn round_robin(&mut self, pool: &Pool) -> Option<u32> {
        let n = pool.count;
        for i in 0..n {
            let s = (self.rr_next + i) % n;
            if self.usable(s, pool) {
                self.rr_next = (s + 1) % n;
                return Some(s);
            }
        }
        None
    }

    /// Fewest requests in progress; ties go round robin (as nginx `least_conn` does).
    fn least_connections(&mut self, pool: &Pool) -> Option<u32> {
        let n = pool.count;
        let mut best: Option<(u32, u32)> = None;
        for i in 0..n {
            let s = (self.rr_next + i) % n;
            if !self.usable(s, pool) {
                continue;
            }
            let load = pool.servers[s as usize].active;
            if best.is_none_or(|(_, b)| load < b) {
                best = Some((s, load));
            }
        }
        let (s, _) = best?;
        self.rr_next = (s + 1) % n;
        Some(s)
    }

    /// nginx `ip_hash`: the first three octets, rehashed on an unusable server, round robin after 20 tries.
    fn ip_hash(&mut self, ip: u32, pool: &Pool) -> Option<u32> {
        let octets = [(ip >> 24) & 0xff, (ip >> 16) & 0xff, (ip >> 8) & 0xff];
        let mut hash: u32 = 89;
        for _ in 0..HASH_TRIES {
            for octet in octets {
                hash = (hash * 113 + octet) % 6271;
            }
            let s = hash % pool.count.max(1);
            if self.usable(s, pool) {
                return Some(s);
            }
        }
        self.round_robin(pool)
    }

    fn cookie_hash(&mut self, key: u32, pool: &Pool) -> Option<u32> {
        let mut h = key_hash(key);
        for _ in 0..HASH_TRIES {
            let s = h % pool.count.max(1);
            if self.usable(s, pool) {
                return Some(s);
            }
            h = (mix64(u64::from(h)) >> 32) as u32;
        }
        self.round_robin(pool)
    }

    fn consistent_hash(&mut self, key: u32, pool: &Pool) -> Option<u32> {
        let s = ring_walk(&self.ring, key_hash(key), |s| self.usable(s, pool));
        match s {
            Some(s) => Some(s),
            None => self.round_robin(pool),
        }
    }
}

/// When nginx tries a server that failed at `at` again (`max_fails=1`). nginx keeps time in whole
/// seconds and skips the server while `now - failed <= fail_timeout`, `failed` being the second of the
/// failure: the next try comes fail_timeout + 1 s after that second began, so between fail_timeout and
/// fail_timeout + 1 s after the failure (measured on real nginx: 3 s apart with `fail_timeout=2s`).
pub fn retry_after_failure(at: Micros, fail_timeout_ms: u32) -> Micros {
    (at / SECOND + 1) * SECOND + u64::from(fail_timeout_ms) * MS
}

#[inline]
fn key_hash(key: u32) -> u32 {
    (mix64(u64::from(key) ^ 0x5e55_10f0) >> 32) as u32
}

fn build_ring(count: u32) -> Vec<(u32, u32)> {
    // Each (point, server) packed as `point << 32 | server`, which orders like the pair, and sorted by
    // the min-heap code that the servers' worker slots already link (`BinaryHeap<Reverse<u64>>`): no
    // separate sort for the ring in the page (issue 4).
    let mut packed = Vec::with_capacity((count * RING_POINTS) as usize);
    for s in 0..count {
        for v in 0..RING_POINTS {
            let point = (mix64(u64::from(s) << 32 | u64::from(v)) >> 32) as u32;
            packed.push(Reverse(u64::from(point) << 32 | u64::from(s)));
        }
    }
    // Ascending `Reverse` order is descending `u64` order.
    BinaryHeap::from(packed)
        .into_sorted_vec()
        .into_iter()
        .rev()
        .map(|Reverse(key)| ((key >> 32) as u32, key as u32))
        .collect()
}

/// First usable server clockwise from `h`, looking at most at `HASH_TRIES` points (like nginx).
fn ring_walk(ring: &[(u32, u32)], h: u32, usable: impl Fn(u32) -> bool) -> Option<u32> {
    if ring.is_empty() {
        return None;
    }
    let start = ring.partition_point(|&(p, _)| p < h);
    for i in 0..HASH_TRIES.min(ring.len() as u32) {
        let (_, s) = ring[(start + i as usize) % ring.len()];
        if usable(s) {
            return Some(s);
        }
    }
    None
}

/// Which of `servers` (all usable) the cookie value `key` hashes to: the modulo hash or the ring.
/// Public so tests can measure remapping when a server joins.
pub fn cookie_hash_server(key: u32, servers: u32, consistent: bool) -> u32 {
    if consistent {
        ring_walk(&build_ring(servers), key_hash(key), |_| true).unwrap_or(0)
    } else {
        key_hash(key) % servers.max(1)
    }
}

/// Which server nginx `ip_hash` picks for `ip` among `servers` (all usable).
pub fn ip_hash_server(ip: u32, servers: u32) -> u32 {
    let mut hash: u32 = 89;
    for octet in [(ip >> 24) & 0xff, (ip >> 16) & 0xff, (ip >> 8) & 0xff] {
        hash = (hash * 113 + octet) % 6271;
    }
    hash % servers.max(1)
}
