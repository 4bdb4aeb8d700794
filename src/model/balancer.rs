//! Where routing is decided: affinity (sticky by cookie or by client address), the balancer's
//! algorithms (as nginx implements them), and its view of which servers are usable (passive
//! `fail_timeout` and active health checks).

use super::config::{Balancer, Micros, StickyBy, Strategy, MAX_SERVERS, MS, SECOND};
use super::hash::mix64;
use super::ids::{ById, ServerId, SessionId};
use super::rng::Rng;
use super::server::Server;

/// Virtual nodes per server on the consistent-hash ring (nginx uses 160 points per weight unit).
const RING_POINTS: u32 = 160;
/// nginx gives up rehashing after 20 tries and falls back to round robin.
const HASH_TRIES: u32 = 20;

/// What the balancer knows of one server's health.
#[derive(Clone, Copy, Debug, Default)]
pub struct Health {
    /// nginx `fail_timeout`: after a refused connection the server is skipped until then.
    pub fail_until: Micros,
    /// Active health checks: consecutive failures, and the verdict.
    pub check_failures: u32,
    pub marked_down: bool,
}

impl Health {
    /// Taken out of rotation at `now`, by the health checks or by a passive `fail_timeout`.
    pub fn excluded(&self, now: Micros) -> bool {
        self.marked_down || self.fail_until > now
    }
}

pub struct BalancerState {
    rr_next: u32,
    /// Per server, for every server that may join the pool.
    pub health: ById<ServerId, Health>,
    ring: Vec<(u32, ServerId)>,
    ring_servers: u32,
}

/// What the balancer sees of the client: its session cookie's value, its address, and the server its
/// affinity cookie (`server=N`) names.
#[derive(Clone, Copy, Debug)]
pub struct Client {
    pub cookie: Option<SessionId>,
    pub ip: u32,
    pub pinned: Option<ServerId>,
}

/// What the balancer needs to know about the servers for one decision.
pub struct Pool<'a> {
    pub count: u32,
    /// For least connections: requests each server is working on.
    pub servers: &'a ById<ServerId, Server>,
    pub now: Micros,
    /// Servers already tried for this request.
    pub tried: u64,
}

impl BalancerState {
    pub fn new(count: u32) -> Self {
        let mut state = BalancerState {
            rr_next: 0,
            health: (0..MAX_SERVERS).map(|_| Health::default()).collect(),
            ring: Vec::new(),
            ring_servers: 0,
        };
        state.rebuild_ring(count);
        state
    }

    /// A server joins or leaves: its balancer record starts clean, and the ring follows the count.
    pub fn reset_server(&mut self, server: ServerId, count: u32) {
        self.health[server] = Health::default();
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
    pub fn usable(&self, server: ServerId, pool: &Pool) -> bool {
        server.0 < pool.count
            && pool.tried & server.bit() == 0
            && !self.health[server].excluded(pool.now)
    }

    /// The server for a request: the affinity's choice when there is one (the server in the client's
    /// `server=N` cookie while it is usable; the client address's hash), else the base algorithm's.
    pub fn choose(
        &mut self,
        affinity: Option<StickyBy>,
        algorithm: Balancer,
        client: &Client,
        pool: &Pool,
        rng: &mut Rng,
    ) -> Option<ServerId> {
        match affinity {
            Some(StickyBy::Cookie) => {
                if let Some(s) = client.pinned.filter(|&s| self.usable(s, pool)) {
                    return Some(s);
                }
            }
            Some(StickyBy::Ip) => return self.route(Balancer::IpHash, client, pool, rng),
            None => {}
        }
        self.route(algorithm, client, pool, rng)
    }

    /// The base algorithm's choice, skipping unusable servers; `None` when no server is usable
    /// (nginx: "no live upstreams", a 502).
    pub fn route(
        &mut self,
        algorithm: Balancer,
        client: &Client,
        pool: &Pool,
        rng: &mut Rng,
    ) -> Option<ServerId> {
        let Client { cookie, ip, .. } = *client;
        match algorithm {
            Balancer::RoundRobin => self.round_robin(pool),
            Balancer::LeastConnections => self.least_connections(pool),
            Balancer::Random => {
                for _ in 0..HASH_TRIES {
                    let s = ServerId(rng.below(pool.count.max(1)));
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
    fn round_robin(&mut self, pool: &Pool) -> Option<ServerId> {
        let n = pool.count;
        for i in 0..n {
            let s = ServerId((self.rr_next + i) % n);
            if self.usable(s, pool) {
                self.rr_next = (s.0 + 1) % n;
                return Some(s);
            }
        }
        None
    }

    /// Fewest requests in progress; ties go round robin (as nginx `least_conn` does).
    fn least_connections(&mut self, pool: &Pool) -> Option<ServerId> {
        let n = pool.count;
        let mut best: Option<(ServerId, u32)> = None;
        for i in 0..n {
            let s = ServerId((self.rr_next + i) % n);
            if !self.usable(s, pool) {
                continue;
            }
            let load = pool.servers.get(s).map_or(0, |server| server.active);
            if best.is_none_or(|(_, b)| load < b) {
                best = Some((s, load));
            }
        }
        let (s, _) = best?;
        self.rr_next = (s.0 + 1) % n;
        Some(s)
    }

    /// nginx `ip_hash`: the first three octets, rehashed on an unusable server, round robin after 20 tries.
    fn ip_hash(&mut self, ip: u32, pool: &Pool) -> Option<ServerId> {
        let octets = [(ip >> 24) & 0xff, (ip >> 16) & 0xff, (ip >> 8) & 0xff];
        let mut hash: u32 = 89;
        for _ in 0..HASH_TRIES {
            for octet in octets {
                hash = (hash * 113 + octet) % 6271;
            }
            let s = ServerId(hash % pool.count.max(1));
            if self.usable(s, pool) {
                return Some(s);
            }
        }
        self.round_robin(pool)
    }

    fn cookie_hash(&mut self, key: SessionId, pool: &Pool) -> Option<ServerId> {
        let mut h = key_hash(key.0);
        for _ in 0..HASH_TRIES {
            let s = ServerId(h % pool.count.max(1));
            if self.usable(s, pool) {
                return Some(s);
            }
            h = (mix64(u64::from(h)) >> 32) as u32;
        }
        self.round_robin(pool)
    }

    fn consistent_hash(&mut self, key: SessionId, pool: &Pool) -> Option<ServerId> {
        let s = ring_walk(&self.ring, key_hash(key.0), |s| self.usable(s, pool));
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

/// The ring's (point, server) pairs in ascending order (ties between servers by server).
fn build_ring(count: u32) -> Vec<(u32, ServerId)> {
    let mut ring: Vec<(u32, ServerId)> = (0..count)
        .flat_map(|s| {
            (0..RING_POINTS).map(move |v| {
                let point = (mix64(u64::from(s) << 32 | u64::from(v)) >> 32) as u32;
                (point, ServerId(s))
            })
        })
        .collect();
    ring.sort_unstable();
    ring
}

/// The affinity the balancer applies under `strategy`: only `sticky` pins users (by `sticky_by`).
pub fn affinity(strategy: Strategy, sticky_by: StickyBy) -> Option<StickyBy> {
    match strategy {
        Strategy::Sticky => Some(sticky_by),
        Strategy::None | Strategy::ClusterAll | Strategy::ClusterBackup | Strategy::Store => None,
    }
}

/// The balancer's `Set-Cookie: server=N` on a response from `server` under `affinity`: the new cookie
/// value when it changes, `None` when no cookie is set.
pub fn sticky_cookie(
    affinity: Option<StickyBy>,
    pinned: Option<ServerId>,
    server: ServerId,
) -> Option<ServerId> {
    match affinity {
        Some(StickyBy::Cookie) => (pinned != Some(server)).then_some(server),
        Some(StickyBy::Ip) | None => None,
    }
}

/// First usable server clockwise from `h`, looking at most at `HASH_TRIES` points (like nginx).
fn ring_walk(
    ring: &[(u32, ServerId)],
    h: u32,
    usable: impl Fn(ServerId) -> bool,
) -> Option<ServerId> {
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
pub fn cookie_hash_server(key: SessionId, servers: u32, consistent: bool) -> ServerId {
    if consistent {
        ring_walk(&build_ring(servers), key_hash(key.0), |_| true).unwrap_or(ServerId(0))
    } else {
        ServerId(key_hash(key.0) % servers.max(1))
    }
}

/// Which server nginx `ip_hash` picks for `ip` among `servers` (all usable).
pub fn ip_hash_server(ip: u32, servers: u32) -> ServerId {
    let mut hash: u32 = 89;
    for octet in [(ip >> 24) & 0xff, (ip >> 16) & 0xff, (ip >> 8) & 0xff] {
        hash = (hash * 113 + octet) % 6271;
    }
    ServerId(hash % servers.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_cookie_affinity_sets_the_server_cookie_and_only_when_it_changes() {
        let cookie = Some(StickyBy::Cookie);
        let (b, c) = (ServerId(1), ServerId(2));
        assert_eq!(sticky_cookie(cookie, None, c), Some(c));
        assert_eq!(sticky_cookie(cookie, Some(c), c), None);
        assert_eq!(sticky_cookie(cookie, Some(b), c), Some(c));
        assert_eq!(sticky_cookie(Some(StickyBy::Ip), None, c), None);
        assert_eq!(sticky_cookie(None, Some(b), c), None);
    }

    #[test]
    fn affinity_decides_before_the_base_algorithm() {
        let servers: ById<ServerId, Server> = (0..4)
            .map(|_| Server::new(&crate::model::Timing::DEFAULT, 0))
            .collect();
        let pool = Pool {
            count: 4,
            servers: &servers,
            now: 0,
            tried: 0,
        };
        let mut lb = BalancerState::new(4);
        let mut rng = Rng::new(1);
        let ip = 0x0a01_0203;
        let mut pick = |lb: &mut BalancerState, affinity, pinned| {
            let client = Client {
                cookie: None,
                ip,
                pinned,
            };
            lb.choose(affinity, Balancer::RoundRobin, &client, &pool, &mut rng)
        };
        let [a, b, _, d] = [0, 1, 2, 3].map(ServerId);
        // A usable pinned server wins; without affinity round robin starts at 0.
        assert_eq!(pick(&mut lb, Some(StickyBy::Cookie), Some(d)), Some(d));
        assert_eq!(
            pick(&mut lb, Some(StickyBy::Ip), None),
            Some(ip_hash_server(ip, 4))
        );
        assert_eq!(pick(&mut lb, None, Some(d)), Some(a));
        // A pinned server the balancer has taken out: the base algorithm decides.
        lb.health[d].marked_down = true;
        assert_eq!(pick(&mut lb, Some(StickyBy::Cookie), Some(d)), Some(b));
    }
}
