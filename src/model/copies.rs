//! Where session copies live and how they move, whatever the strategy: full copies and key-only entries
//! on servers (bitmasks in the session table), replication messages (asynchronous with a lag or
//! synchronous with acknowledgements) and their accounting, a remote fetch of a full copy, re-homing
//! on a strategy switch, and destruction. Which of these a strategy uses is decided in `strategy`.

use super::config::{Micros, Replication, Strategy, MS};
use super::events::Ev;
use super::flow::Outcome;
use super::observe::{Endpoint, Event, MessageKind, ServerId, SessionId};
use super::sessions::Slot;
use super::simulation::Simulation;
use super::strategy::{with_home, Home};
use super::users::Fate;

/// The indices of the set bits, lowest first.
pub(super) fn bits(mut mask: u64) -> impl Iterator<Item = ServerId> {
    std::iter::from_fn(move || {
        if mask == 0 {
            None
        } else {
            let b = mask.trailing_zeros();
            mask &= mask - 1;
            Some(ServerId(b))
        }
    })
}

/// The mask of a server that may be absent (an empty mask then).
#[inline]
pub(super) fn bit_of(s: Option<ServerId>) -> u64 {
    s.map_or(0, ServerId::bit)
}

impl Simulation {
    /// Servers in the pool that are up and not partitioned (they can exchange session copies).
    pub(super) fn refresh_connected(&mut self) {
        let mut mask = 0;
        for s in self.pool() {
            let server = &self.servers[s];
            if server.alive && !server.partitioned {
                mask |= s.bit();
            }
        }
        self.connected = mask;
    }

    /// The peers `s` can replicate to right now.
    #[inline]
    pub(super) fn peers(&self, s: ServerId) -> u64 {
        if self.connected & s.bit() == 0 {
            0
        } else {
            self.connected & !s.bit()
        }
    }

    /// A message from server `from` to server `to`, leaving at `sent` and taking `delay`, for the trace.
    /// A message about the session in `slot` between two servers, carrying its user (the picture labels
    /// a copy with whose session it is, so a click racing its own copy can be followed).
    fn trace_hop(
        &mut self,
        kind: MessageKind,
        slot: Slot,
        (from, to): (ServerId, ServerId),
        sent: Micros,
        delay: Micros,
    ) {
        let user = Some(self.sessions.at(slot).user);
        let (from, to) = (Endpoint::Server(from), Endpoint::Server(to));
        self.tracer.send(kind, from, to, user, sent, sent + delay);
    }

    fn lag(&self) -> Micros {
        u64::from(self.config.replication_lag_ms) * MS
    }

    /// Every replication message is counted here: `full` messages carrying a whole session, `key`
    /// carrying only its key, `bare` carrying neither (an invalidation).
    pub(super) fn count_replication(&mut self, full: u32, key: u32, bare: u32) {
        let timing = &self.config.timing;
        self.metrics.replication_messages += u64::from(full + key + bare);
        self.metrics.replication_bytes += u64::from(full) * u64::from(timing.full_session_bytes)
            + u64::from(key) * u64::from(timing.key_only_session_bytes);
    }

    pub(super) fn add_full(&mut self, slot: Slot, s: ServerId) {
        let session = self.sessions.at_mut(slot);
        if session.full & s.bit() != 0 {
            return;
        }
        session.full |= s.bit();
        let had_key = session.key & s.bit() != 0;
        session.key &= !s.bit();
        let server = &mut self.servers[s];
        server.full_copies += 1;
        if had_key {
            server.key_only_sessions -= 1;
        }
    }

    pub(super) fn add_key(&mut self, slot: Slot, s: ServerId) {
        let session = self.sessions.at_mut(slot);
        if (session.full | session.key) & s.bit() != 0 {
            return;
        }
        session.key |= s.bit();
        self.servers[s].key_only_sessions += 1;
    }

    /// A full copy becomes a key-only entry (BackupManager after an ownership change).
    pub(super) fn demote(&mut self, slot: Slot, s: ServerId) {
        let session = self.sessions.at_mut(slot);
        if session.full & s.bit() == 0 {
            return;
        }
        session.full &= !s.bit();
        session.key |= s.bit();
        let server = &mut self.servers[s];
        server.full_copies -= 1;
        server.key_only_sessions += 1;
    }

    /// Forget the key-only entries of the session on the servers in `mask`.
    pub(super) fn drop_keys(&mut self, slot: Slot, mask: u64) {
        let session = self.sessions.at_mut(slot);
        let drop = session.key & mask;
        session.key &= !drop;
        for b in bits(drop) {
            self.servers[b].key_only_sessions -= 1;
        }
    }

    /// Crash `s` if its sessions no longer fit in its memory.
    pub(super) fn check_memory(&mut self, s: ServerId) {
        let server = &self.servers[s];
        if server.alive && server.over_budget(&self.config.timing) {
            self.crash_server(s, true);
        }
    }

    pub(super) fn check_memory_all(&mut self, mask: u64) {
        for s in bits(mask) {
            self.check_memory(s);
        }
    }

    /// The only copy of a new session is on `s`, its primary. False when that ran `s` out of memory.
    pub(super) fn place_local(&mut self, slot: Slot, s: ServerId) -> bool {
        self.sessions.at_mut(slot).primary = Some(s);
        self.add_full(slot, s);
        self.check_memory(s);
        self.servers[s].alive
    }

    /// Send the session (full copies to `full_to`, its key to `key_to`) from `from` at `t`. Every
    /// target costs a message; only targets lacking a copy gain one, after the lag (async) or before
    /// the response (sync). Returns when the response may leave.
    pub(super) fn replicate_to(
        &mut self,
        slot: Slot,
        from: ServerId,
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
        self.count_replication(n_full, n_key, 0);
        let lag = self.lag();
        if self.tracer.on {
            for b in bits(full_to | key_to) {
                self.trace_hop(MessageKind::Replication, slot, (from, b), t, lag);
            }
        }
        let session = self.sessions.at(slot);
        let full_add = full_to & !session.full;
        let key_add = key_to & !(session.full | session.key);
        match self.config.replication {
            Replication::Async => {
                if full_add | key_add != 0 {
                    let session = self.sessions.at_mut(slot);
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
                        self.trace_hop(MessageKind::ReplicationAck, slot, (b, from), t + lag, lag);
                    }
                }
                self.check_memory_all(full_add | key_add);
                t + 2 * lag
            }
        }
    }

    /// Asynchronous copies arrive.
    pub(super) fn on_replicate(&mut self, slot: Slot, uid: SessionId) {
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
        if self.sessions.at(slot).full == 0 {
            // Its only server died before any copy arrived.
            self.destroy(slot, Fate::Lost);
        }
        self.check_memory_all(full | key);
    }

    /// Server `s` serves a session kept in servers' memory: `Ok(ready)` when it holds a full copy, or
    /// a key-only entry and fetched the full copy; `(Mismatch, at)` when it has none; an error when it
    /// ran out of memory fetching.
    pub(super) fn read_local(
        &mut self,
        slot: Slot,
        s: ServerId,
        t: Micros,
    ) -> Result<Micros, (Outcome, Micros)> {
        let ready = self
            .find_copy(slot, s, t)
            .map_err(|at| (Outcome::Mismatch, at))?;
        if !self.servers[s].alive {
            return Err((Outcome::Error, t));
        }
        Ok(ready)
    }

    /// Look the session up on server `s`. `Ok(ready)` when `s` can serve it (after a remote fetch for
    /// a key-only entry), `Err(at)` for a mismatch answered at `at`.
    fn find_copy(&mut self, slot: Slot, s: ServerId, t: Micros) -> Result<Micros, Micros> {
        let peers = self.peers(s);
        let session = self.sessions.at(slot);
        if session.full & s.bit() != 0 {
            return Ok(t);
        }
        if session.key & s.bit() == 0 {
            return Err(t);
        }
        // Key-only: fetch the full session from a server that has it.
        let holders = session.full & peers;
        let source = if holders & bit_of(session.primary) != 0 {
            session.primary
        } else if holders & bit_of(session.backup) != 0 {
            session.backup
        } else {
            bits(holders).next()
        };
        let Some(source) = source else {
            // The full copy lives where this server cannot reach (a partition): BackupManager's remote
            // call waits for its timeout before giving up.
            let stranded = bits(session.full).any(|b| self.servers[b].alive);
            let timeout = u64::from(self.config.timing.remote_timeout_ms) * MS;
            return Err(if stranded { t + timeout } else { t });
        };
        let lan = self.lan_hop();
        self.metrics.remote_fetches += 1;
        // The request carries the key, the answer the full session.
        self.count_replication(1, 1, 0);
        self.trace_hop(MessageKind::RemoteFetch, slot, (s, source), t, lan);
        self.trace_hop(MessageKind::Replication, slot, (source, s), t + lan, lan);
        self.add_full(slot, s);
        let session = self.sessions.at_mut(slot);
        session.primary = Some(s);
        session.backup = Some(source);
        let others = session.full & !s.bit() & !source.bit();
        for b in bits(others) {
            self.demote(slot, b);
        }
        let user = self.sessions.at(slot).user;
        self.note(Event::RemoteFetched {
            user,
            server: s,
            from: source,
        });
        self.check_memory(s);
        Ok(t + 2 * lan)
    }

    /// Every other server holding the session (and reachable from `s`) is told it is gone.
    pub(super) fn invalidate_copies(&mut self, slot: Slot, s: ServerId) {
        let session = self.sessions.at(slot);
        let holders = (session.full | session.key) & self.peers(s);
        self.count_replication(0, 0, holders.count_ones());
    }

    /// Remove a session and every copy of it. `Fate::Alive` is a normal end (logout).
    pub(super) fn destroy(&mut self, slot: Slot, why: Fate) {
        let session = std::mem::take(self.sessions.at_mut(slot));
        for b in bits(session.full) {
            self.servers[b].full_copies -= 1;
        }
        for b in bits(session.key) {
            self.servers[b].key_only_sessions -= 1;
        }
        if session.in_store {
            self.store.sessions -= 1;
        }
        if why == Fate::Lost {
            let current = self.users[session.user].session_uid() == Some(session.uid);
            self.picture.note_lost(self.now, &session, current);
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
        let user = &mut self.users[session.user];
        if user.session_uid() == Some(session.uid) && why != Fate::Alive {
            user.fate = why;
        }
        // `release` expects the slot still marked live.
        self.sessions.at_mut(slot).uid = session.uid;
        self.sessions.release(slot);
    }

    /// Complete every live session's copies for the current strategy (after a restart, a new server,
    /// a healed partition, a lost peer). Nothing to do where servers do not exchange copies.
    pub(super) fn spread_all(&mut self) {
        with_home!(self.config.strategy, home => {
            if !home.replicates() {
                return;
            }
            let slots: Vec<Slot> = self.sessions.live_slots().collect();
            for slot in slots {
                home.spread(self, slot);
            }
        });
        self.check_memory_all(self.connected);
    }

    /// The strategy changes at run time. Every live session is re-homed at once, as a redeploy with
    /// session migration would (each strategy's `rehome` says where to). Nothing is lost by the switch
    /// itself: copies still in flight to a connected server land first (after a crash, such a copy
    /// can be a session's only one).
    pub(super) fn rehome_sessions(&mut self, to: Strategy) {
        self.config.strategy = to;
        let slots: Vec<Slot> = self.sessions.live_slots().collect();
        for slot in slots {
            let session = self.sessions.at_mut(slot);
            let landing = session.pending_full & self.connected;
            session.pending_full = 0;
            session.pending_key = 0;
            for b in bits(landing) {
                self.add_full(slot, b);
            }
            let session = self.sessions.at(slot);
            if session.full == 0 && !session.in_store {
                // Its only copy was on its way to a server that is gone.
                self.destroy(slot, Fate::Lost);
                continue;
            }
            with_home!(to, home => home.rehome(self, slot));
        }
        self.check_memory_all(self.connected);
    }

    /// Re-homing into servers' memory: a session in the store moves onto one connected server (its
    /// id's hash among them). False when there is none: the session is lost.
    pub(super) fn leave_store(&mut self, slot: Slot) -> bool {
        let session = self.sessions.at(slot);
        if !session.in_store {
            return true;
        }
        let alive = self.connected;
        if alive == 0 {
            self.destroy(slot, Fate::Lost);
            return false;
        }
        let n = alive.count_ones();
        let home = bits(alive)
            .nth((session.uid.0 % n) as usize)
            .unwrap_or(ServerId(0));
        let session = self.sessions.at_mut(slot);
        session.in_store = false;
        session.primary = Some(home);
        self.store.sessions -= 1;
        self.metrics.store_ops += 1;
        self.add_full(slot, home);
        true
    }

    /// The session's primary after a re-homing: the old one if it still holds a full copy, else the
    /// lowest server that does.
    pub(super) fn settle_primary(&mut self, slot: Slot) -> ServerId {
        let session = self.sessions.at_mut(slot);
        let primary = match session.primary {
            Some(p) if session.full & p.bit() != 0 => p,
            _ => ServerId(session.full.trailing_zeros()),
        };
        session.primary = Some(primary);
        primary
    }
}
