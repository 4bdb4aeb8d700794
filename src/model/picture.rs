//! Read-outs for the picture of the external store: which node is the primary now (the model keeps
//! the roles, `primary_up`/`replica_up`, not the nodes, so a promoted replica and a recovered store
//! look alike there), what the replica holds, and which sessions the last failover left stale.

use super::config::MS;
use super::observe::{SessionEntry, SessionId, SessionRole};
use super::simulation::Simulation;

/// A session as the replica holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplicaEntry {
    pub entry: SessionEntry,
    /// The primary wrote this session within the replication lag: the replica's copy is older.
    pub trailing: bool,
}

impl Simulation {
    /// The node that started as the store's replica is the primary now (it was promoted, and the
    /// node that started as the primary has not been promoted back since).
    pub fn store_promoted(&self) -> bool {
        self.store.promotions % 2 == 1
    }

    /// The sessions the replica holds now, by session id: every session in the store created more
    /// than the replication lag ago (younger ones have not reached it). Empty without a running replica.
    pub fn replica_sessions(&self) -> Vec<ReplicaEntry> {
        if !self.config.store_replica || !self.store.replica_up {
            return Vec::new();
        }
        let lag = u64::from(self.config.timing.store_replica_lag_ms) * MS;
        let horizon = self.now.saturating_sub(lag);
        let mut list: Vec<ReplicaEntry> = self
            .sessions
            .live_sessions()
            .map(|(_, s)| s)
            .filter(|s| s.in_store && (s.created <= horizon || lag == 0))
            .map(|s| ReplicaEntry {
                entry: SessionEntry {
                    session: s.uid,
                    user: s.user,
                    role: SessionRole::Full,
                },
                trailing: lag > 0 && s.store_write > horizon,
            })
            .collect();
        list.sort_unstable_by_key(|e| e.entry.session);
        list
    }

    /// Sessions whose latest write the last failover lost and that have not been written since: the
    /// promoted replica serves an older version of them. Sorted by id.
    pub fn stale_after_failover(&self) -> Vec<SessionId> {
        let Some(at) = self.store.failover_at else {
            return Vec::new();
        };
        let mut list: Vec<SessionId> = self
            .sessions
            .live_sessions()
            .map(|(_, s)| s)
            .filter(|s| s.in_store && s.store_write <= at)
            .map(|s| s.uid)
            .filter(|uid| self.store.stale_after_failover.contains(uid))
            .collect();
        list.sort_unstable();
        list
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Command, Config, Simulation, Strategy, MS, SECOND};

    fn store_with_replica() -> Simulation {
        let mut config = Config {
            strategy: Strategy::Store,
            store_replica: true,
            users: 20,
            think_time_ms: 300,
            ..Config::DEFAULT
        };
        config.timing.store_failover_ms = 2_000;
        config.timing.store_replica_lag_ms = 1_000;
        Simulation::new(config)
    }

    #[test]
    fn a_failover_promotes_the_replica_and_a_second_one_promotes_the_first_node_back() {
        let mut sim = store_with_replica();
        sim.advance_to(10 * SECOND);
        assert!(!sim.store_promoted());
        sim.apply(Command::CrashStore);
        sim.advance_to(11 * SECOND);
        assert!(!sim.store_promoted(), "detection takes the failover delay");
        sim.advance_to(13 * SECOND);
        assert!(sim.store_promoted());
        // The old primary comes back as the replica; crashing the new primary promotes it back.
        sim.apply(Command::RestartReplica);
        sim.advance_to(15 * SECOND);
        sim.apply(Command::CrashStore);
        sim.advance_to(18 * SECOND);
        assert!(!sim.store_promoted());
    }

    #[test]
    fn the_replica_lacks_young_sessions_and_trails_recent_writes() {
        let mut sim = store_with_replica();
        sim.advance_to(10 * SECOND);
        let store = sim.store_sessions();
        let replica = sim.replica_sessions();
        assert!(!replica.is_empty());
        assert!(replica.len() <= store.len());
        assert!(
            replica.iter().any(|e| e.trailing),
            "users write every few 100 ms"
        );
        assert!(replica.iter().all(|e| store.contains(&e.entry)));
        sim.apply(Command::CrashReplica);
        assert!(sim.replica_sessions().is_empty());
    }

    #[test]
    fn the_writes_a_failover_lost_are_listed_until_written_again() {
        let mut sim = store_with_replica();
        sim.advance_to(10 * SECOND);
        assert!(sim.stale_after_failover().is_empty());
        sim.apply(Command::CrashStore);
        sim.advance_to(12 * SECOND + 10 * MS);
        assert!(sim.store_promoted());
        let stale = sim.stale_after_failover();
        assert!(!stale.is_empty(), "writes within the last second were lost");
        let lost = sim.metrics().store_writes_lost;
        assert!(stale.len() as u64 <= lost);
        sim.advance_to(40 * SECOND);
        assert!(
            sim.stale_after_failover().len() < stale.len(),
            "writing a session again ends its stale mark"
        );
    }
}
