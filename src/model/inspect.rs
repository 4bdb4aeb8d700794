//! Read-outs for the view, the runner and tests. Nothing here changes the world.

use super::command::Command;
use super::config::{Micros, MS};
use super::metrics::Metrics;
use super::observe::*;
use super::observe::{ServerId, UserId};
use super::series::{Ring, Sample};
use super::simulation::Simulation;
use super::users::Phase;

impl Simulation {
    pub fn server_count(&self) -> u32 {
        self.count
    }

    fn server_state(&self, s: ServerId) -> NodeState {
        if self.servers[s].alive {
            NodeState::Up
        } else if self.lb.health[s].excluded(self.now) {
            NodeState::DownDetected
        } else {
            NodeState::DownUndetected
        }
    }

    pub fn server_states(&self) -> Vec<NodeState> {
        self.pool().map(|s| self.server_state(s)).collect()
    }

    pub fn server(&self, s: ServerId) -> Option<ServerView> {
        if s.0 >= self.count {
            return None;
        }
        let server = &self.servers[s];
        let timing = &self.config.timing;
        let in_service = server.in_service(self.now);
        Some(ServerView {
            id: s,
            state: self.server_state(s),
            marked_down: self.lb.health[s].excluded(self.now),
            memory_bytes: server.memory_used(timing),
            memory_budget: timing.server_memory_bytes,
            sessions_full: server.full_copies,
            sessions_key_only: server.key_only_sessions,
            queue: server.active.saturating_sub(in_service),
            in_service,
            waiting_on_store: server
                .store_waits
                .iter()
                .filter(|&&until| until > self.now)
                .count() as u32,
            requests: server.requests,
            partitioned: server.partitioned,
            slow_factor: server.slow_factor,
            out_of_memory: server.out_of_memory,
        })
    }

    pub fn servers(&self) -> Vec<ServerView> {
        self.pool().filter_map(|s| self.server(s)).collect()
    }

    /// Every session entry of every server (index = server id), each list ordered by session id.
    /// One pass over the session table: call it once per frame, not per server.
    pub fn sessions_by_server(&self) -> Vec<Vec<SessionEntry>> {
        let mut lists = vec![Vec::new(); self.count as usize];
        for (_, session) in self.sessions.live_sessions() {
            for s in self.pool() {
                let b = s.bit();
                let role = if session.full & b != 0 {
                    if session.primary == Some(s) {
                        SessionRole::Full
                    } else {
                        SessionRole::Backup
                    }
                } else if session.key & b != 0 {
                    SessionRole::KeyOnly
                } else {
                    continue;
                };
                lists[s.index()].push(SessionEntry {
                    session: session.uid,
                    user: session.user,
                    role,
                });
            }
        }
        for list in &mut lists {
            // Session ids are unique within a table: an unstable sort gives the one order.
            list.sort_unstable_by_key(|e| e.session);
        }
        lists
    }

    pub fn server_sessions(&self, s: ServerId) -> Vec<SessionEntry> {
        self.sessions_by_server()
            .into_iter()
            .nth(s.index())
            .unwrap_or_default()
    }

    /// Sessions held by the external store, ordered by session id.
    pub fn store_sessions(&self) -> Vec<SessionEntry> {
        let mut list: Vec<SessionEntry> = self
            .sessions
            .live_sessions()
            .map(|(_, s)| s)
            .filter(|s| s.in_store)
            .map(|s| SessionEntry {
                session: s.uid,
                user: s.user,
                role: SessionRole::Full,
            })
            .collect();
        list.sort_unstable_by_key(|e| e.session);
        list
    }

    /// Users sending requests now: the configured ones, and the visitors of a running traffic event.
    pub fn active_users(&self) -> u32 {
        self.population()
    }

    pub fn user_count(&self) -> u32 {
        self.users.len() as u32
    }

    pub fn user(&self, id: UserId) -> Option<UserView> {
        let user = self.users.get(id)?;
        Some(UserView {
            id,
            colour: id.0,
            ip: user.ip,
            heavy: user.heavy,
            active: user.active,
            session: user.session_uid(),
            affinity: user.affinity,
            in_flight_to: user.server.filter(|_| user.phase == Phase::InFlight),
            request: (user.phase == Phase::InFlight).then_some(user.kind),
            requests: user.requests,
        })
    }

    /// Every user ever created, active or not, by id.
    pub fn users(&self) -> impl Iterator<Item = UserView> + '_ {
        self.users.ids().filter_map(|id| self.user(id))
    }

    pub fn store(&self) -> StoreView {
        let state = if self.store.primary_up {
            NodeState::Up
        } else if self.store.failover_pending {
            NodeState::DownUndetected
        } else {
            NodeState::DownDetected
        };
        let replica = self
            .config
            .store_replica
            .then_some(if self.store.replica_up {
                NodeState::Up
            } else {
                NodeState::DownDetected
            });
        let lag = u64::from(self.config.timing.store_replica_lag_ms) * MS;
        StoreView {
            state,
            replica,
            sessions: self.store.sessions,
            unreplicated_writes: if self.store.replica_up {
                self.store.unreplicated_writes(self.now, lag)
            } else {
                0
            },
            failover_pending: self.store.failover_pending,
        }
    }

    /// Live cumulative counters (cheap: a borrow).
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Requests that reached the balancer and have not been answered yet.
    pub fn in_flight(&self) -> u64 {
        self.metrics.requests - self.metrics.answered()
    }

    pub fn live_sessions(&self) -> u32 {
        self.sessions.live
    }

    /// Time series, oldest first, one sample per `SAMPLE_EVERY` of model time, bounded.
    pub fn series(&self) -> &Ring<Sample> {
        &self.series
    }

    /// Requests per second of model time each server took over the last sampling interval (index =
    /// server id; servers added since the last sample show 0).
    pub fn request_rates(&self) -> Vec<f64> {
        let mut samples = self.series.iter().rev();
        let (Some(last), Some(before)) = (samples.next(), samples.next()) else {
            return vec![0.0; self.count as usize];
        };
        let seconds = (last.at - before.at) as f64 / 1e6;
        self.pool()
            .map(|s| {
                let now = last.server_requests.get(s.index()).copied().unwrap_or(0);
                let then = before
                    .server_requests
                    .get(s.index())
                    .copied()
                    .unwrap_or(now);
                now.saturating_sub(then) as f64 / seconds
            })
            .collect()
    }

    /// Max/mean of per-server requests over the current pool (1.0 before any request).
    pub fn imbalance(&self) -> f64 {
        let counts: Vec<u64> = self.pool().map(|s| self.servers[s].requests).collect();
        let total: u64 = counts.iter().sum();
        if total == 0 {
            return 1.0;
        }
        let max = counts.iter().copied().max().unwrap_or(0);
        max as f64 * counts.len() as f64 / total as f64
    }

    /// Messages recorded while tracing whose arrival is not in the past: the view draws those with
    /// `sent_at <= now`, interpolating between `sent_at` and `arrives_at`.
    pub fn messages(&self) -> &[Message] {
        self.tracer.messages()
    }

    /// The most recent events, oldest first (a bounded ring: at least `trace::LOG_KEEP` entries).
    pub fn log(&self) -> &[LogEntry] {
        self.log.entries()
    }

    /// Faults, detections, restarts, commands: the world's events without the per-request chatter,
    /// kept much longer than `log` (a bounded ring as well).
    pub fn incidents(&self) -> &[LogEntry] {
        self.incidents.entries()
    }

    pub fn command_log(&self) -> &[(Micros, Command)] {
        &self.commands
    }

    pub fn events_processed(&self) -> u64 {
        self.events_processed
    }

    pub fn footprint(&self) -> Footprint {
        Footprint {
            live_sessions: u64::from(self.sessions.live),
            session_slots: self.sessions.slot_count() as u64,
            session_slot_capacity: self.sessions.capacity(),
            expiry_entries: self.sessions.wheel_entries(),
            queued_events: self.queue.pending() as u64,
            users: self.users.len() as u64,
            log_entries: self.log.entries().len() as u64,
            log_capacity: self.log.capacity() as u64,
            series_len: self.series.len() as u64,
            messages: self.tracer.messages().len() as u64,
            store_write_buckets: self.store.recent_write_buckets() as u64,
            commands: self.commands.len() as u64,
            timeline: self.timeline.len() as u64,
        }
    }

    /// The report: the metrics the runner prints and the page shows.
    pub fn report(&self) -> Report {
        let m = &self.metrics;
        let timing = &self.config.timing;
        let (store_memory_bytes, replica_memory_bytes) = self.store_memory();
        Report {
            requests: m.requests,
            authenticated_requests: m.authenticated_requests,
            ok: m.ok,
            mismatches: m.mismatches,
            lost_session_hits: m.lost_session_hits,
            expired_hits: m.expired_hits,
            relogins: m.relogins,
            sessions_created: m.sessions_created,
            sessions_lost: m.sessions_lost,
            sessions_expired: m.sessions_expired,
            orphaned_sessions: m.orphaned_sessions,
            errors: m.errors,
            replication_messages: m.replication_messages,
            replication_bytes: m.replication_bytes,
            store_ops: m.store_ops,
            store_replication_messages: m.store_replication_messages,
            store_writes_lost: m.store_writes_lost,
            store_memory_bytes,
            replica_memory_bytes,
            session_memory_bytes: self
                .pool()
                .map(|s| self.servers[s].memory_used(timing))
                .sum::<u64>()
                + store_memory_bytes
                + replica_memory_bytes,
            imbalance: self.imbalance(),
            latency_ms: Latency {
                p50: self.latency.quantile_ms(0.5),
                p99: self.latency.quantile_ms(0.99),
            },
            store_round_trip_ms: m.last_store_round_trip as f64 / MS as f64,
            per_server: self
                .pool()
                .map(|s| {
                    let server = &self.servers[s];
                    ServerReport {
                        requests: server.requests,
                        memory_bytes: server.memory_used(timing),
                        sessions_full: u64::from(server.full_copies),
                        sessions_key_only: u64::from(server.key_only_sessions),
                        up: server.alive,
                    }
                })
                .collect(),
        }
    }
}
