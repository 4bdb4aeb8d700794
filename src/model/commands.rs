//! Interventions: every `Command` takes effect here, at the current model time, and is recorded (in the
//! command log for replay, in the event log for people, in the history hash).

use super::command::Command;
use super::config::{MAX_USERS, MS};
use super::events::Ev;
use super::observe::{Event, ServerId};
use super::simulation::Simulation;
use super::users::think_scale;

/// Traffic factors and slow-downs outside this range are clamped (and non-numbers ignored).
fn sane_factor(factor: f64) -> f64 {
    if factor.is_finite() {
        factor.clamp(0.01, 1_000.0)
    } else {
        1.0
    }
}

impl Simulation {
    pub(super) fn apply_now(&mut self, command: Command) {
        self.commands.push((self.now, command.clone()));
        self.hash.fold(self.now);
        self.hash.fold_bytes(&command.encode());
        self.note(Event::Applied(command.clone()));
        let in_pool = |s: ServerId, count: u32| s.0 < count;
        match command {
            Command::SetStrategy(strategy) => {
                if strategy != self.config.strategy {
                    self.rehome_sessions(strategy);
                }
            }
            Command::SetStickyBy(by) => self.config.sticky_by = by,
            Command::SetBalancer(balancer) => self.config.balancer = balancer,
            Command::SetReplication(replication) => self.config.replication = replication,
            Command::SetReplicationLag { ms } => self.config.replication_lag_ms = ms,
            Command::SetStoreKind(kind) => {
                self.config.store_kind = kind;
                self.store.set_kind(kind);
            }
            Command::SetStorePersistence(p) => self.config.store_persistence = p,
            Command::SetStoreReplica(on) => self.set_store_replica(on),
            Command::SetStoreReplicaLag { ms } => self.config.timing.store_replica_lag_ms = ms,
            Command::SetStoreFailover { ms } => self.config.timing.store_failover_ms = ms,
            Command::SetUsers(n) => {
                self.config.users = n.clamp(1, MAX_USERS);
                self.set_population(self.population());
            }
            Command::SetSkew(skew) => {
                self.config.skew = if skew.is_finite() {
                    skew.clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let skew = self.config.skew;
                for (id, user) in self.users.iter_mut() {
                    user.think_scale = think_scale(id, skew);
                }
            }
            Command::SetThinkTime { ms } => self.config.think_time_ms = ms.max(1),
            Command::AddServer => self.add_server(),
            Command::RemoveServer => self.remove_server(),
            Command::CrashServer(s) => {
                if in_pool(s, self.count) {
                    self.crash_server(s, false);
                }
            }
            Command::RestartServer(s) => {
                if in_pool(s, self.count) {
                    self.restart_server(s);
                }
            }
            Command::PartitionServer {
                server,
                partitioned,
            } => {
                if in_pool(server, self.count) {
                    self.set_partition(server, partitioned);
                }
            }
            Command::SlowServer { server, factor } => {
                if in_pool(server, self.count) {
                    self.servers[server].slow_factor = sane_factor(factor);
                }
            }
            Command::CrashStore => self.crash_store(),
            Command::RestartStore => self.restart_store(),
            Command::CrashReplica => self.crash_replica(),
            Command::RestartReplica => self.restart_replica(),
            Command::Traffic { factor, for_ms } => {
                let factor = sane_factor(factor);
                self.traffic_factor = factor;
                self.set_population(self.population());
                self.traffic_gen = self.traffic_gen.wrapping_add(1);
                let gen = self.traffic_gen;
                let end = self.now.saturating_add(for_ms.saturating_mul(MS));
                self.queue.push(end, Ev::TrafficEnd { gen });
                self.note(Event::TrafficStarted { factor });
            }
        }
    }
}
