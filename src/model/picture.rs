//! Read-outs for the picture of the external store: which node is the primary now (the model keeps
//! the roles, `primary_up`/`replica_up`, not the nodes, so a promoted replica and a recovered store
//! look alike there), what the replica holds, and which sessions the last failover left stale; and
//! the consequences of faults: sessions lost recently (ghost chips), orphaned sessions, per-user tallies.

use super::config::{Micros, MS, SECOND};
use super::observe::{ServerId, SessionId, SessionRole, UserId};
use super::sessions::Session;
use super::simulation::Simulation;
use std::collections::VecDeque;

pub use super::observe::SessionEntry;

/// How long a lost session stays drawn as a ghost, in model time.
pub const GHOST_FOR: Micros = 5 * SECOND;
/// Ghosts kept at most (a crash of a crowded server loses thousands at once; a few rows are enough).
const GHOSTS_KEPT: usize = 256;

/// A session lost to a fault, where it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ghost {
    pub at: Micros,
    pub session: SessionId,
    pub user: UserId,
    /// Servers that held a full copy or owned it (bit per server), and whether the store held it.
    pub servers: u64,
    pub in_store: bool,
}

/// A user's bad luck so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UserTally {
    /// Sent back to the login page (a 401).
    pub relogins: u32,
    /// The session in the user's cookie destroyed by a fault.
    pub sessions_lost: u32,
}

/// What the picture keeps of past losses. Written by the model where losses happen, never read by it.
#[derive(Default)]
pub struct PictureLog {
    ghosts: VecDeque<Ghost>,
    tallies: Vec<UserTally>,
}

impl PictureLog {
    /// `current`: the session was the one in its user's cookie.
    pub(super) fn note_lost(&mut self, at: Micros, session: &Session, current: bool) {
        if self.ghosts.len() == GHOSTS_KEPT {
            self.ghosts.pop_front();
        }
        self.ghosts.push_back(Ghost {
            at,
            session: session.uid,
            user: session.user,
            // A crash clears its own bit before the session is destroyed: the owner says where it was.
            servers: session.full
                | session
                    .primary
                    .filter(|p| p.0 < 64)
                    .map_or(0, ServerId::bit),
            in_store: session.in_store,
        });
        if current {
            self.tally_mut(session.user).sessions_lost += 1;
        }
    }

    pub(super) fn note_relogin(&mut self, user: UserId) {
        self.tally_mut(user).relogins += 1;
    }

    fn tally_mut(&mut self, user: UserId) -> &mut UserTally {
        let i = user.index();
        if self.tallies.len() <= i {
            self.tallies.resize(i + 1, UserTally::default());
        }
        &mut self.tallies[i]
    }
}

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
        // A dead primary sends nothing more: the replica holds what had reached it when it died.
        let fed_until = if self.store.primary_up {
            self.now
        } else {
            self.now.min(self.store.crashed_at)
        };
        let horizon = fed_until.saturating_sub(lag);
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

impl Simulation {
    /// Sessions lost to a fault in the last `GHOST_FOR` of model time, oldest first.
    pub fn ghosts(&self) -> Vec<Ghost> {
        let from = self.now.saturating_sub(GHOST_FOR);
        self.picture
            .ghosts
            .iter()
            .filter(|g| g.at >= from && g.at <= self.now)
            .copied()
            .collect()
    }

    /// Ghosts of sessions that were on `server`.
    pub fn ghosts_on(&self, server: ServerId) -> Vec<Ghost> {
        let mut list = self.ghosts();
        list.retain(|g| server.0 < 64 && g.servers & server.bit() != 0);
        list
    }

    /// A session nobody will use again: its user's cookie holds another session or none (after a
    /// mismatch the browser dropped it and the user logs in anew; the old session waits on its server
    /// until it expires). A login's new session counts as well until its answer sets the cookie.
    pub fn orphaned(&self, entry: &SessionEntry) -> bool {
        self.users
            .get(entry.user)
            .is_some_and(|u| u.session_uid() != Some(entry.session))
    }

    /// A user's re-logins and lost sessions so far.
    pub fn user_tally(&self, user: UserId) -> UserTally {
        self.picture
            .tallies
            .get(user.index())
            .copied()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{
        Command, Config, ServerId, SessionId, Simulation, Strategy, UserId, MS, SECOND,
    };

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
    fn a_dead_primary_feeds_its_replica_nothing_more_and_the_promoted_replica_holds_what_it_had() {
        let mut sim = store_with_replica();
        let ids = |sim: &Simulation| -> Vec<SessionId> {
            sim.replica_sessions()
                .iter()
                .map(|e| e.entry.session)
                .collect()
        };
        sim.advance_to(10 * SECOND);
        sim.apply(Command::CrashStore);
        let at_crash = ids(&sim);
        // Before the failover, a lag later: what was on its way when the primary died never arrives.
        sim.advance_to(11 * SECOND + 900 * MS);
        let waiting = ids(&sim);
        assert!(
            waiting.iter().all(|s| at_crash.contains(s)),
            "{waiting:?} holds sessions the dead primary never sent ({at_crash:?})"
        );
        sim.advance_to(12 * SECOND + 10 * MS);
        assert!(sim.store_promoted());
        let promoted: Vec<SessionId> = sim
            .store_sessions()
            .iter()
            .map(|e| e.session)
            .filter(|s| *s <= *waiting.last().expect("sessions"))
            .collect();
        assert_eq!(
            promoted, waiting,
            "the promoted replica serves what it held"
        );
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

    #[test]
    fn a_crash_leaves_ghosts_for_a_while_on_the_server_it_hit() {
        let mut sim = Simulation::new(Config {
            servers: 3,
            users: 12,
            ..Config::DEFAULT
        });
        sim.advance_to(10 * SECOND);
        assert!(sim.ghosts().is_empty(), "nothing lost yet");
        let held = sim.sessions_by_server()[1].len();
        assert!(held > 0);
        sim.apply(Command::CrashServer(ServerId(1)));
        let ghosts = sim.ghosts_on(ServerId(1));
        assert_eq!(ghosts.len(), held, "every session on B is a ghost");
        assert!(sim.ghosts_on(ServerId(0)).is_empty());
        sim.advance_to(10 * SECOND + super::GHOST_FOR + MS);
        assert!(
            sim.ghosts_on(ServerId(1)).is_empty(),
            "ghosts fade after GHOST_FOR"
        );
    }

    #[test]
    fn mismatches_leave_orphans_and_count_relogins_per_user() {
        let mut sim = Simulation::new(Config {
            servers: 3,
            users: 4,
            ..Config::DEFAULT
        });
        sim.advance_to(20 * SECOND);
        let lists = sim.sessions_by_server();
        let orphans = lists.iter().flatten().filter(|e| sim.orphaned(e)).count();
        assert!(
            orphans > 0,
            "round robin without sharing leaves old sessions behind"
        );
        let relogins: u64 = (0..4)
            .map(|u| u64::from(sim.user_tally(UserId(u)).relogins))
            .sum();
        assert_eq!(relogins, sim.metrics().relogins);
        // Every user's current session is not an orphan.
        for u in (0..4).map(UserId) {
            if let Some(session) = sim.user(u).and_then(|v| v.session) {
                assert!(lists
                    .iter()
                    .flatten()
                    .filter(|e| e.session == session)
                    .all(|e| !sim.orphaned(e)));
            }
        }
    }
}
