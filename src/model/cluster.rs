//! Where session copies live and how they move: creation on a server, all-to-all and primary–backup
//! replication (asynchronous with a lag or synchronous with acknowledgements), BackupManager's remote
//! fetch and ownership change, re-homing on a strategy switch, and destruction.

use super::config::{Micros, Replication, Strategy, MS};
use super::events::Ev;
use super::observe::{Endpoint, Event, MessageKind};
use super::simulation::Simulation;
use super::users::{Fate, NONE};

/// The indices of the set bits, lowest first.
pub(super) fn bits(mut mask: u64) -> impl Iterator<Item = u32> {
    std::iter::from_fn(move || {
        if mask == 0 {
            None
        } else {
            let b = mask.trailing_zeros();
            mask &= mask - 1;
            Some(b)
        }
    })
}

#[inline]
fn bit(s: u32) -> u64 {
    1u64 << s
}

impl Simulation {
    /// Servers in the pool that are up and not partitioned (they can exchange session copies).
    pub(super) fn refresh_connected(&mut self) {
        let mut mask = 0;
        for s in 0..self.count {
            let server = &self.servers[s as usize];
            if server.alive && !server.partitioned {
                mask |= bit(s);
            }
        }
        self.connected = mask;
    }

    /// The peers `s` can replicate to right now.
    #[inline]
    pub(super) fn peers(&self, s: u32) -> u64 {
        if self.connected & bit(s) == 0 {
            0
        } else {
            self.connected & !bit(s)
        }
    }

    fn lag(&self) -> Micros {
        u64::from(self.config.replication_lag_ms) * MS
    }

    pub(super) fn add_full(&mut self, slot: u32, s: u32) {
        let session = &mut self.sessions.slots[slot as usize];
        if session.full & bit(s) != 0 {
            return;
        }
        session.full |= bit(s);
        self.servers[s as usize].full_copies += 1;
        if session.key & bit(s) != 0 {
            session.key &= !bit(s);
            self.servers[s as usize].key_only_sessions -= 1;
        }
    }

    pub(super) fn add_key(&mut self, slot: u32, s: u32) {
        let session = &mut self.sessions.slots[slot as usize];
        if (session.full | session.key) & bit(s) != 0 {
            return;
        }
        session.key |= bit(s);
        self.servers[s as usize].key_only_sessions += 1;
    }

    /// A full copy becomes a key-only entry (BackupManager after an ownership change).
    fn demote(&mut self, slot: u32, s: u32) {
        let session = &mut self.sessions.slots[slot as usize];
        if session.full & bit(s) == 0 {
            return;
        }
        session.full &= !bit(s);
        session.key |= bit(s);
        let server = &mut self.servers[s as usize];
        server.full_copies -= 1;
        server.key_only_sessions += 1;
    }

    /// Crash `s` if its sessions no longer fit in its memory.
    pub(super) fn check_memory(&mut self, s: u32) {
        let server = &self.servers[s as usize];
        if server.alive && server.over_budget(&self.config.timing) {
            self.crash_server(s, true);
        }
    }

    fn check_memory_all(&mut self, mask: u64) {
        for s in bits(mask) {
            self.check_memory(s);
        }
    }

    fn choose_backup(&mut self, primary: u32) -> u32 {
        let peers = self.peers(primary);
        if peers == 0 {
            return NONE;
        }
        for i in 0..64 {
            let b = (self.backup_rr + i) % 64;
            if peers & bit(b) != 0 {
                self.backup_rr = (b + 1) % 64;
                return b;
            }
        }
        NONE
    }

    /// A new session on server `s`: the local copy, plus copies for the cluster strategies. Returns when
    /// the response may leave (synchronous replication waits for acknowledgements).
    pub(super) fn place_new_session(&mut self, slot: u32, s: u32, t: Micros) -> Micros {
        self.sessions.slots[slot as usize].primary = s;
        self.add_full(slot, s);
        self.check_memory(s);
        if !self.servers[s as usize].alive {
            return t;
        }
        match self.config.strategy {
            Strategy::ClusterAll => self.replicate_to(slot, s, t, self.peers(s), 0),
            Strategy::ClusterBackup => {
                let b = self.choose_backup(s);
                self.sessions.slots[slot as usize].backup = b;
                let full = if b == NONE { 0 } else { bit(b) };
                self.replicate_to(slot, s, t, full, self.peers(s) & !full)
            }
            _ => t,
        }
    }

    /// Send the session (full copies to `full_to`, its key to `key_to`) from `from` at `t`. Every
    /// target costs a message; only targets lacking a copy gain one, after the lag (async) or before
    /// the response (sync).
    fn replicate_to(
        &mut self,
        slot: u32,
        from: u32,
        t: Micros,
        full_to: u64,
        key_to: u64,
    ) -> Micros {
        let key_to = key_to & !full_to;
        let n_full = full_to.count_ones();
        let n_key = key_to.count_ones();
        if n_full + n_key == 0 {
            return t;
        }
        let timing = &self.config.timing;
        self.metrics.replication_messages += u64::from(n_full + n_key);
        self.metrics.replication_bytes += u64::from(n_full) * u64::from(timing.full_session_bytes)
            + u64::from(n_key) * u64::from(timing.key_only_session_bytes);
        let lag = self.lag();
        if self.tracer.on {
            for b in bits(full_to | key_to) {
                self.tracer.send(
                    MessageKind::Replication,
                    Endpoint::Server(from),
                    Endpoint::Server(b),
                    None,
                    t,
                    t + lag,
                );
            }
        }
        let session = &self.sessions.slots[slot as usize];
        let full_add = full_to & !session.full;
        let key_add = key_to & !(session.full | session.key);
        match self.config.replication {
            Replication::Async => {
                if full_add | key_add != 0 {
                    let session = &mut self.sessions.slots[slot as usize];
                    session.pending_full |= full_add;
                    session.pending_key |= key_add;
                    let uid = session.uid;
                    self.queue.push(t + lag, Ev::Replicate { slot, uid });
                }
                t
            }
            Replication::Sync => {
                for b in bits(full_add) {
                    self.add_full(slot, b);
                }
                for b in bits(key_add) {
                    self.add_key(slot, b);
                }
                if self.tracer.on {
                    for b in bits(full_to | key_to) {
                        self.tracer.send(
                            MessageKind::ReplicationAck,
                            Endpoint::Server(b),
                            Endpoint::Server(from),
                            None,
                            t + lag,
                            t + 2 * lag,
                        );
                    }
                }
                self.check_memory_all(full_add | key_add);
                t + 2 * lag
            }
        }
    }

    /// A write to a session on `s` is copied to the cluster.
    pub(super) fn replicate_write(&mut self, slot: u32, s: u32, t: Micros) -> Micros {
        match self.config.strategy {
            Strategy::ClusterAll => self.replicate_to(slot, s, t, self.peers(s), 0),
            Strategy::ClusterBackup => {
                let b = self.sessions.slots[slot as usize].backup;
                let to = if b != NONE { bit(b) & self.peers(s) } else { 0 };
                self.replicate_to(slot, s, t, to, 0)
            }
            _ => t,
        }
    }

    /// Asynchronous copies arrive.
    pub(super) fn on_replicate(&mut self, slot: u32, uid: u32) {
        let connected = self.connected;
        let Some(session) = self.sessions.get_mut(slot, uid) else {
            return;
        };
        if session.in_store {
            // Re-homed to the store since: the copies are moot.
            return;
        }
        let full = session.pending_full & connected;
        let key = session.pending_key & connected & !full;
        session.pending_full = 0;
        session.pending_key = 0;
        for b in bits(full) {
            self.add_full(slot, b);
        }
        for b in bits(key) {
            self.add_key(slot, b);
        }
        if self.sessions.slots[slot as usize].full == 0 {
            // Its only server died before any copy arrived.
            self.destroy(slot, Fate::Lost);
        }
        self.check_memory_all(full | key);
    }

    /// Look the session up on server `s`. `Ok(ready)` when `s` can serve it (after a remote fetch for
    /// a key-only entry), `Err(at)` for a mismatch answered at `at`.
    pub(super) fn find_local(&mut self, slot: u32, s: u32, t: Micros) -> Result<Micros, Micros> {
        let backup_mode = self.config.strategy == Strategy::ClusterBackup;
        let peers = self.peers(s);
        let session = &mut self.sessions.slots[slot as usize];
        if session.full & bit(s) != 0 {
            if backup_mode && session.primary != s {
                // The backup serves the request and becomes the primary; the old primary keeps a copy.
                let old = session.primary;
                session.primary = s;
                session.backup = if session.full & bit(old) != 0 {
                    old
                } else {
                    NONE
                };
            }
            return Ok(t);
        }
        if session.key & bit(s) == 0 {
            return Err(t);
        }
        // Key-only: fetch the full session from a server that has it.
        let holders = session.full & peers;
        let source = if holders & bit_or_zero(session.primary) != 0 {
            session.primary
        } else if holders & bit_or_zero(session.backup) != 0 {
            session.backup
        } else if holders != 0 {
            holders.trailing_zeros()
        } else {
            // The full copy lives where this server cannot reach (a partition): BackupManager's remote
            // call waits for its timeout before giving up.
            let full = session.full;
            let stranded = bits(full).any(|b| self.servers[b as usize].alive);
            let timeout = u64::from(self.config.timing.remote_timeout_ms) * MS;
            return Err(if stranded { t + timeout } else { t });
        };
        let lan = self.lan_hop();
        let timing = &self.config.timing;
        self.metrics.remote_fetches += 1;
        self.metrics.replication_messages += 2;
        self.metrics.replication_bytes +=
            u64::from(timing.full_session_bytes) + u64::from(timing.key_only_session_bytes);
        self.tracer.send(
            MessageKind::RemoteFetch,
            Endpoint::Server(s),
            Endpoint::Server(source),
            None,
            t,
            t + lan,
        );
        self.tracer.send(
            MessageKind::Replication,
            Endpoint::Server(source),
            Endpoint::Server(s),
            None,
            t + lan,
            t + 2 * lan,
        );
        self.add_full(slot, s);
        let session = &mut self.sessions.slots[slot as usize];
        session.primary = s;
        session.backup = source;
        let others = session.full & !bit(s) & !bit(source);
        for b in bits(others) {
            self.demote(slot, b);
        }
        let user = self.sessions.slots[slot as usize].user;
        self.note(Event::RemoteFetched {
            user,
            server: s,
            from: source,
        });
        self.check_memory(s);
        Ok(t + 2 * lan)
    }

    /// The user logs out: the session is invalidated here and on every server holding it.
    pub(super) fn end_session(&mut self, slot: u32, s: u32) {
        let session = &self.sessions.slots[slot as usize];
        let holders = (session.full | session.key) & self.peers(s);
        let n = match self.config.strategy {
            Strategy::ClusterAll | Strategy::ClusterBackup => holders.count_ones(),
            _ => 0,
        };
        self.metrics.replication_messages += u64::from(n);
        self.destroy(slot, Fate::Alive);
    }

    /// Remove a session and every copy of it. `Fate::Alive` is a normal end (logout).
    pub(super) fn destroy(&mut self, slot: u32, why: Fate) {
        let session = std::mem::take(&mut self.sessions.slots[slot as usize]);
        for b in bits(session.full) {
            self.servers[b as usize].full_copies -= 1;
        }
        for b in bits(session.key) {
            self.servers[b as usize].key_only_sessions -= 1;
        }
        if session.in_store {
            self.store.sessions -= 1;
        }
        match why {
            Fate::Lost => self.metrics.sessions_lost += 1,
            Fate::Expired => {
                self.metrics.sessions_expired += 1;
                self.note(Event::SessionExpired {
                    user: session.user,
                    session: session.uid,
                });
            }
            Fate::Alive => {}
        }
        let user = &mut self.users[session.user as usize];
        if user.session_uid == session.uid && why != Fate::Alive {
            user.fate = why;
        }
        // `release` expects the slot still marked live.
        self.sessions.slots[slot as usize].uid = session.uid;
        self.sessions.release(slot);
    }

    /// Complete a session's placement for the current strategy among the connected servers (after a
    /// restart, a new server, a healed partition, a lost peer). Copies added cost messages.
    fn spread(&mut self, slot: u32) {
        let connected = self.connected;
        let session = &self.sessions.slots[slot as usize];
        if session.in_store || session.full == 0 {
            return;
        }
        let timing = &self.config.timing;
        let (full_bytes, key_bytes) = (
            u64::from(timing.full_session_bytes),
            u64::from(timing.key_only_session_bytes),
        );
        match self.config.strategy {
            Strategy::ClusterAll => {
                let add = connected & !session.full;
                if session.full & bit_or_zero(session.primary) == 0 {
                    let first = session.full.trailing_zeros();
                    self.sessions.slots[slot as usize].primary = first;
                }
                self.metrics.replication_messages += u64::from(add.count_ones());
                self.metrics.replication_bytes += u64::from(add.count_ones()) * full_bytes;
                for b in bits(add) {
                    self.add_full(slot, b);
                }
            }
            Strategy::ClusterBackup => {
                let mut primary = session.primary;
                let mut backup = session.backup;
                if session.full & bit_or_zero(primary) == 0 {
                    // The backup is promoted.
                    primary = if session.full & bit_or_zero(backup) != 0 {
                        backup
                    } else {
                        session.full.trailing_zeros()
                    };
                    backup = NONE;
                }
                if backup == primary || session.full & bit_or_zero(backup) == 0 {
                    backup = NONE;
                }
                self.sessions.slots[slot as usize].primary = primary;
                if backup == NONE && connected & bit(primary) != 0 {
                    backup = self.choose_backup(primary);
                    if backup != NONE {
                        self.metrics.replication_messages += 1;
                        self.metrics.replication_bytes += full_bytes;
                        self.add_full(slot, backup);
                    }
                }
                self.sessions.slots[slot as usize].backup = backup;
                let session = &self.sessions.slots[slot as usize];
                let keys = connected & !(session.full | session.key);
                self.metrics.replication_messages += u64::from(keys.count_ones());
                self.metrics.replication_bytes += u64::from(keys.count_ones()) * key_bytes;
                for b in bits(keys) {
                    self.add_key(slot, b);
                }
            }
            _ => {}
        }
    }

    pub(super) fn spread_all(&mut self) {
        if !matches!(
            self.config.strategy,
            Strategy::ClusterAll | Strategy::ClusterBackup
        ) {
            return;
        }
        let slots: Vec<u32> = self.sessions.live_slots().collect();
        for slot in slots {
            self.spread(slot);
        }
        self.check_memory_all(self.connected);
    }

    /// The strategy changes at run time. Every live session is re-homed at once, as a redeploy with
    /// session migration would: to the store (when switching to `store`; lost if the store is down),
    /// out of the store onto one server (its hash of the id among live servers), or spread/trimmed to
    /// the new cluster layout. Nothing is lost by the switch itself: copies still in flight to a
    /// connected server land first (after a crash, such a copy can be a session's only one).
    pub(super) fn rehome_sessions(&mut self, to: Strategy) {
        self.config.strategy = to;
        let slots: Vec<u32> = self.sessions.live_slots().collect();
        for slot in slots {
            let session = &mut self.sessions.slots[slot as usize];
            let landing = session.pending_full & self.connected;
            session.pending_full = 0;
            session.pending_key = 0;
            for b in bits(landing) {
                self.add_full(slot, b);
            }
            let session = &self.sessions.slots[slot as usize];
            if session.full == 0 && !session.in_store {
                // Its only copy was on its way to a server that is gone.
                self.destroy(slot, Fate::Lost);
                continue;
            }
            let (full, key, in_store, uid) =
                (session.full, session.key, session.in_store, session.uid);
            if to == Strategy::Store {
                if in_store {
                    continue;
                }
                for b in bits(full) {
                    self.servers[b as usize].full_copies -= 1;
                }
                for b in bits(key) {
                    self.servers[b as usize].key_only_sessions -= 1;
                }
                let session = &mut self.sessions.slots[slot as usize];
                session.full = 0;
                session.key = 0;
                session.backup = NONE;
                if self.store.primary_up {
                    session.in_store = true;
                    session.store_write = self.now;
                    self.store.sessions += 1;
                    self.metrics.store_ops += 1;
                } else {
                    self.destroy(slot, Fate::Lost);
                }
                continue;
            }
            if in_store {
                let alive = self.connected;
                if alive == 0 {
                    self.destroy(slot, Fate::Lost);
                    continue;
                }
                let n = alive.count_ones();
                let home = bits(alive).nth((uid % n) as usize).unwrap_or(0);
                let session = &mut self.sessions.slots[slot as usize];
                session.in_store = false;
                self.store.sessions -= 1;
                self.metrics.store_ops += 1;
                session.primary = home;
                self.add_full(slot, home);
            }
            let session = &self.sessions.slots[slot as usize];
            let primary = if session.full & bit_or_zero(session.primary) != 0 {
                session.primary
            } else {
                session.full.trailing_zeros()
            };
            self.sessions.slots[slot as usize].primary = primary;
            match to {
                Strategy::None | Strategy::Sticky => {
                    let session = &self.sessions.slots[slot as usize];
                    let (full, key) = (session.full & !bit(primary), session.key);
                    for b in bits(full) {
                        self.demote(slot, b);
                    }
                    for b in bits(full | key) {
                        let session = &mut self.sessions.slots[slot as usize];
                        if session.key & bit(b) != 0 {
                            session.key &= !bit(b);
                            self.servers[b as usize].key_only_sessions -= 1;
                        }
                    }
                    self.sessions.slots[slot as usize].backup = NONE;
                }
                Strategy::ClusterAll => {
                    let key = self.sessions.slots[slot as usize].key;
                    for b in bits(key) {
                        let session = &mut self.sessions.slots[slot as usize];
                        session.key &= !bit(b);
                        self.servers[b as usize].key_only_sessions -= 1;
                    }
                    self.sessions.slots[slot as usize].backup = NONE;
                    self.spread(slot);
                }
                Strategy::ClusterBackup => {
                    let session = &self.sessions.slots[slot as usize];
                    let keep = bit(primary) | bit_or_zero(session.backup);
                    let extra = session.full & !keep;
                    for b in bits(extra) {
                        self.demote(slot, b);
                    }
                    self.spread(slot);
                }
                Strategy::Store => {}
            }
        }
        self.check_memory_all(self.connected);
    }
}

#[inline]
fn bit_or_zero(s: u32) -> u64 {
    if s < 64 {
        1u64 << s
    } else {
        0
    }
}
