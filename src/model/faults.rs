//! Things that go wrong, and the periodic machinery that notices: server crash (and OOM), restart (by
//! hand or by the supervisor), scale in/out, partitions, the store and its replica with persistence
//! and failover, health checks, idle expiry and time-series sampling.

use super::config::{Micros, MS};
use super::events::Ev;
use super::observe::{Endpoint, Event, MessageKind, ServerId};
use super::series::{Sample, SAMPLE_EVERY};
use super::server::Server;
use super::sessions::Slot;
use super::simulation::Simulation;
use super::store::persisted;
use super::strategy::{with_home, Home};
use super::users::Fate;

impl Simulation {
    /// A server dies: everything in its memory is gone. Sessions with no other copy are lost.
    pub(super) fn crash_server(&mut self, s: ServerId, out_of_memory: bool) {
        if !self.servers[s].alive {
            return;
        }
        let lost = self.drop_server_copies(s);
        self.servers[s].crash();
        self.servers[s].out_of_memory = out_of_memory;
        self.refresh_connected();
        self.metrics.crashes += 1;
        if out_of_memory {
            self.metrics.oom_crashes += 1;
        }
        self.note(Event::ServerCrashed {
            server: s,
            sessions_lost: lost,
            out_of_memory,
        });
        if let Some(delay) = self.config.timing.server_restart_ms {
            let epoch = self.servers[s].epoch;
            let at = self.now + u64::from(delay) * MS;
            self.queue
                .push(at, Ev::SupervisorRestart { server: s, epoch });
        }
        if with_home!(self.config.strategy, home => home.replicates()) {
            let peer_loss = u64::from(self.config.timing.peer_loss_ms) * MS;
            let epoch = self.servers[s].epoch;
            self.queue
                .push(self.now + peer_loss, Ev::PeerLoss { server: s, epoch });
        }
    }

    /// Forget every copy on `s`; destroy (as lost) the sessions that had no other copy. Returns how many.
    fn drop_server_copies(&mut self, s: ServerId) -> u32 {
        let b = s.bit();
        let mut orphans = Vec::new();
        for (slot, session) in self.sessions.live_sessions_mut() {
            if (session.full | session.key | session.pending_full) & b == 0 {
                continue;
            }
            let had_full = session.full & b != 0;
            session.full &= !b;
            session.key &= !b;
            session.pending_full &= !b;
            session.pending_key &= !b;
            if had_full && session.full == 0 && session.pending_full == 0 && !session.in_store {
                orphans.push(slot);
            }
        }
        // The server's own counters are reset by its crash; only other servers' counts change below.
        let server = &mut self.servers[s];
        server.full_copies = 0;
        server.key_only_sessions = 0;
        for &slot in &orphans {
            self.destroy(slot, Fate::Lost);
        }
        orphans.len() as u32
    }

    pub(super) fn restart_server(&mut self, s: ServerId) {
        let server = &mut self.servers[s];
        if server.alive {
            return;
        }
        server.alive = true;
        server.out_of_memory = false;
        server.reset_workers();
        self.refresh_connected();
        self.note(Event::ServerRestarted { server: s });
        // In a cluster it pulls the sessions before serving.
        self.spread_all();
    }

    /// The supervisor's restart of a server that crashed in `epoch`, if nothing has happened to it since.
    pub(super) fn on_supervisor_restart(&mut self, s: ServerId, epoch: u32) {
        if s.0 < self.count && self.servers[s].epoch == epoch {
            self.restart_server(s);
        }
    }

    pub(super) fn add_server(&mut self) {
        if self.count >= super::config::MAX_SERVERS {
            return;
        }
        let s = ServerId(self.count);
        let server = Server::new(&self.config.timing, 0);
        if s.index() < self.servers.len() {
            let epoch = self.servers[s].epoch.wrapping_add(1);
            self.servers[s] = Server { epoch, ..server };
        } else {
            self.servers.push(server);
        }
        self.count += 1;
        self.config.servers = self.count;
        self.lb.reset_server(s, self.count);
        self.refresh_connected();
        self.note(Event::ServerAdded { server: s });
        self.spread_all();
    }

    /// Scale in: the last server leaves at once; what only it held is lost.
    pub(super) fn remove_server(&mut self) {
        if self.count <= 1 {
            return;
        }
        let s = ServerId(self.count - 1);
        let lost = self.drop_server_copies(s);
        self.servers[s].crash();
        self.count -= 1;
        self.config.servers = self.count;
        self.lb.reset_server(s, self.count);
        self.refresh_connected();
        if lost > 0 {
            self.note(Event::ServerCrashed {
                server: s,
                sessions_lost: lost,
                out_of_memory: false,
            });
        }
        self.note(Event::ServerRemoved { server: s });
        self.spread_all();
    }

    pub(super) fn set_partition(&mut self, s: ServerId, partitioned: bool) {
        if self.servers[s].partitioned == partitioned {
            return;
        }
        self.servers[s].partitioned = partitioned;
        self.refresh_connected();
        self.note(Event::Partitioned {
            server: s,
            partitioned,
        });
        if !partitioned {
            self.spread_all();
        }
    }

    pub(super) fn on_peer_loss(&mut self, server: ServerId, _epoch: u32) {
        let before = self.metrics.replication_messages;
        self.spread_all();
        let copies = self.metrics.replication_messages - before;
        self.note(Event::PeerLost {
            server,
            copies_sent: copies.min(u64::from(u32::MAX)) as u32,
        });
    }

    /// Destroy (as lost) the store's sessions for which `survives` is false; returns how many.
    fn lose_store_sessions(&mut self, survives: impl Fn(&super::sessions::Session) -> bool) -> u32 {
        let doomed: Vec<Slot> = self
            .sessions
            .live_sessions()
            .filter(|(_, s)| s.in_store && !survives(s))
            .map(|(slot, _)| slot)
            .collect();
        for &slot in &doomed {
            self.destroy(slot, Fate::Lost);
        }
        doomed.len() as u32
    }

    fn lose_unpersisted(&mut self, crash: Micros) -> u32 {
        let persistence = self.config.store_persistence;
        let timing = self.config.timing.clone();
        self.lose_store_sessions(|s| persisted(persistence, s.created, crash, &timing))
    }

    pub(super) fn crash_store(&mut self) {
        if !self.store.primary_up {
            return;
        }
        self.store.primary_up = false;
        self.store.epoch = self.store.epoch.wrapping_add(1);
        self.store.crashed_at = self.now;
        if self.config.store_replica && self.store.replica_up {
            // Sentinel will promote the replica; what it lacks is decided then.
            self.store.failover_pending = true;
            let after = u64::from(self.config.timing.store_failover_ms) * MS;
            let epoch = self.store.epoch;
            self.queue
                .push(self.now + after, Ev::StoreFailover { epoch });
            self.note(Event::StoreCrashed { sessions_lost: 0 });
        } else {
            let lost = self.lose_unpersisted(self.now);
            self.note(Event::StoreCrashed {
                sessions_lost: lost,
            });
        }
    }

    pub(super) fn restart_store(&mut self) {
        if self.store.primary_up {
            return;
        }
        if self.store.failover_pending {
            // Back before the failover: it reloads what its persistence kept.
            self.store.failover_pending = false;
            let crash = self.store.crashed_at;
            self.lose_unpersisted(crash);
        }
        self.store.primary_up = true;
        self.note(Event::StoreRestarted {
            sessions_restored: self.store.sessions,
        });
    }

    pub(super) fn crash_replica(&mut self) {
        if !self.store.replica_up {
            return;
        }
        self.store.replica_up = false;
        self.note(Event::ReplicaCrashed);
        if self.store.failover_pending {
            // Nothing left to promote: only persistence can bring sessions back.
            self.store.failover_pending = false;
            let crash = self.store.crashed_at;
            let lost = self.lose_unpersisted(crash);
            self.note(Event::StoreCrashed {
                sessions_lost: lost,
            });
        }
    }

    pub(super) fn restart_replica(&mut self) {
        if self.store.replica_up || !self.config.store_replica {
            return;
        }
        // It resynchronises fully from the primary.
        self.store.replica_up = true;
        self.note(Event::ReplicaRestarted);
    }

    /// Sentinel promotes the replica. Sessions created, and writes made, in the replication lag window
    /// before the crash never reached it.
    pub(super) fn on_store_failover(&mut self, epoch: u32) {
        if epoch != self.store.epoch || !self.store.failover_pending || !self.store.replica_up {
            return;
        }
        let lag = u64::from(self.config.timing.store_replica_lag_ms) * MS;
        let horizon = self.store.crashed_at.saturating_sub(lag);
        let mut writes_lost = 0u32;
        self.store.stale_after_failover.clear();
        for (_, s) in self.sessions.live_sessions() {
            if s.in_store && s.created <= horizon && s.store_write > horizon {
                writes_lost += 1;
                self.store.stale_after_failover.push(s.uid);
            }
        }
        let lost = self.lose_store_sessions(|s| s.created <= horizon);
        self.metrics.store_writes_lost += u64::from(writes_lost + lost);
        self.store.failover_pending = false;
        // Roles swap: the replica is the store now; the old primary (down) is the replica.
        self.store.primary_up = true;
        self.store.replica_up = false;
        self.store.promotions = self.store.promotions.wrapping_add(1);
        self.store.failover_at = Some(self.now);
        self.note(Event::ReplicaPromoted {
            writes_lost,
            sessions_lost: lost,
        });
    }

    pub(super) fn set_store_replica(&mut self, on: bool) {
        self.config.store_replica = on;
        if on {
            self.store.replica_up = true;
        } else {
            self.crash_replica();
            self.store.replica_up = false;
        }
    }

    /// HAProxy-style active checks: a dead server is marked down after `health_check_failures`
    /// consecutive failed checks, and back up after one good check.
    pub(super) fn on_health_check(&mut self) {
        let lan = self.lan_hop();
        let failures = self.config.timing.health_check_failures;
        for s in self.pool() {
            self.tracer.send(
                MessageKind::HealthCheck,
                Endpoint::Balancer,
                Endpoint::Server(s),
                None,
                self.now,
                self.now + lan,
            );
            let alive = self.servers[s].alive;
            let now = self.now;
            let health = &mut self.lb.health[s];
            if alive {
                health.check_failures = 0;
                if health.excluded(now) {
                    // A good check also ends a passive `fail_timeout` exclusion.
                    health.marked_down = false;
                    health.fail_until = 0;
                    self.note(Event::ServerMarkedUp { server: s });
                }
            } else {
                health.check_failures += 1;
                if health.check_failures >= failures && !health.marked_down {
                    health.marked_down = true;
                    self.note(Event::ServerMarkedDown { server: s });
                }
            }
        }
        let next = self.now + self.health_check_interval();
        self.queue.push(next, Ev::HealthCheck);
    }

    pub(super) fn on_expiry_tick(&mut self) {
        let now = self.now;
        let due = self.sessions.due(now);
        for &(slot, uid) in &due {
            let Some(session) = self.sessions.get(slot, uid) else {
                continue;
            };
            let deadline = session.last_access + self.sessions.timeout;
            if deadline <= now {
                self.destroy(slot, Fate::Expired);
            } else {
                self.sessions.watch(slot, uid, deadline);
            }
        }
        self.sessions.recycle(now, due);
        self.queue
            .push(now + self.sessions.granularity, Ev::ExpiryTick);
    }

    pub(super) fn on_sample(&mut self) {
        let m = &self.metrics;
        let mut sample = Sample {
            at: self.now,
            requests: m.requests,
            ok: m.ok,
            mismatches: m.mismatches,
            lost_session_hits: m.lost_session_hits,
            relogins: m.relogins,
            errors: m.errors,
            sessions_lost: m.sessions_lost,
            sessions_expired: m.sessions_expired,
            orphaned_sessions: m.orphaned_sessions,
            replication_messages: m.replication_messages,
            replication_bytes: m.replication_bytes,
            store_ops: m.store_ops,
            live_sessions: u64::from(self.sessions.live),
            latency_p50_ms: self.window_latency.quantile_ms(0.5),
            latency_p99_ms: self.window_latency.quantile_ms(0.99),
            server_memory: Vec::new(),
            server_requests: Vec::new(),
        };
        let timing = &self.config.timing;
        for s in self.pool() {
            sample
                .server_memory
                .push(self.servers[s].memory_used(timing));
            sample.server_requests.push(self.servers[s].requests);
        }
        self.window_latency.clear();
        self.series.push(sample);
        self.queue.push(self.now + SAMPLE_EVERY, Ev::Sample);
    }
}
