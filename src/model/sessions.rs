//! The session table: one slab of sessions (indexed by slot, reused through a free list, so it stays as
//! large as the live population and no larger) and an expiry wheel that finds idle sessions without
//! scanning. Where copies live is a pair of bitmasks (at most 64 servers).

use super::config::Micros;
use super::observe::{ServerId, SessionId, UserId};

/// A session's place in the session table (reused after the session ends; its `uid` tells the
/// sessions that lived there apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Slot(u32);

/// The id in a free slot (sessions are numbered from 1).
const FREE: SessionId = SessionId(0);

impl Slot {
    #[inline]
    fn index(self) -> usize {
        self.0 as usize
    }

    /// The number folded into the history hash.
    #[inline]
    pub fn number(self) -> u32 {
        self.0
    }
}

#[derive(Clone, Debug, Default)]
pub struct Session {
    /// Unique id (also the cookie's value); `FREE` in a free slot.
    pub uid: SessionId,
    pub user: UserId,
    /// The server that owns the session (role Full); the other full copies are backups.
    pub primary: Option<ServerId>,
    /// BackupManager's backup server.
    pub backup: Option<ServerId>,
    pub in_store: bool,
    /// Servers holding a full copy, and servers holding only the key.
    pub full: u64,
    pub key: u64,
    /// Copies on their way (asynchronous replication).
    pub pending_full: u64,
    pub pending_key: u64,
    pub created: Micros,
    pub last_access: Micros,
    /// Last write to the external store (what a replica may not have yet).
    pub store_write: Micros,
}

pub struct Sessions {
    slots: Vec<Session>,
    free: Vec<Slot>,
    next_uid: SessionId,
    pub live: u32,
    wheel: Vec<Vec<(Slot, SessionId)>>,
    pub granularity: Micros,
    pub timeout: Micros,
}

impl Sessions {
    pub fn new(timeout: Micros) -> Self {
        let timeout = timeout.max(1_000);
        // At most ~2048 buckets whatever the timeout, at least 1 s resolution.
        let granularity = (timeout / 2048).max(1_000_000).min(timeout);
        let buckets = (timeout / granularity + 2) as usize;
        Sessions {
            slots: Vec::new(),
            free: Vec::new(),
            next_uid: SessionId(1),
            live: 0,
            wheel: vec![Vec::new(); buckets],
            granularity,
            timeout,
        }
    }

    pub fn create(&mut self, user: UserId, now: Micros) -> (Slot, SessionId) {
        let uid = self.next_uid;
        self.next_uid = SessionId(self.next_uid.0.wrapping_add(1).max(1));
        let session = Session {
            uid,
            user,
            created: now,
            last_access: now,
            store_write: now,
            ..Session::default()
        };
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slots[slot.index()] = session;
                slot
            }
            None => {
                self.slots.push(session);
                // At most one slot per live session: far fewer than `u32::MAX`.
                Slot((self.slots.len() - 1) as u32)
            }
        };
        self.live += 1;
        self.watch(slot, uid, now + self.timeout);
        (slot, uid)
    }

    /// The session in `slot` (live or not).
    #[inline]
    pub fn at(&self, slot: Slot) -> &Session {
        &self.slots[slot.index()]
    }

    #[inline]
    pub fn at_mut(&mut self, slot: Slot) -> &mut Session {
        &mut self.slots[slot.index()]
    }

    #[inline]
    pub fn get(&self, slot: Slot, uid: SessionId) -> Option<&Session> {
        self.slots
            .get(slot.index())
            .filter(|s| s.uid == uid && uid != FREE)
    }

    #[inline]
    pub fn get_mut(&mut self, slot: Slot, uid: SessionId) -> Option<&mut Session> {
        self.slots
            .get_mut(slot.index())
            .filter(|s| s.uid == uid && uid != FREE)
    }

    /// Forget a session (its copies must already be accounted for by the caller).
    pub fn release(&mut self, slot: Slot) {
        self.slots[slot.index()] = Session::default();
        self.free.push(slot);
        self.live -= 1;
    }

    /// Slots of live sessions, in slab order (deterministic).
    pub fn live_slots(&self) -> impl Iterator<Item = Slot> + '_ {
        self.live_sessions().map(|(slot, _)| slot)
    }

    /// Live sessions with their slots, in slab order.
    pub fn live_sessions(&self) -> impl Iterator<Item = (Slot, &Session)> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.uid != FREE)
            .map(|(i, s)| (Slot(i as u32), s))
    }

    /// Live sessions, mutably, in slab order.
    pub fn live_sessions_mut(&mut self) -> impl Iterator<Item = (Slot, &mut Session)> + '_ {
        self.slots
            .iter_mut()
            .enumerate()
            .filter(|(_, s)| s.uid != FREE)
            .map(|(i, s)| (Slot(i as u32), s))
    }

    /// Slots in the table, live or free.
    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }

    fn bucket(&self, deadline: Micros) -> usize {
        (deadline.div_ceil(self.granularity) % self.wheel.len() as u64) as usize
    }

    /// Look at the session again at (or just after) `deadline`.
    pub fn watch(&mut self, slot: Slot, uid: SessionId, deadline: Micros) {
        let b = self.bucket(deadline);
        self.wheel[b].push((slot, uid));
    }

    /// The sessions to look at on the tick at `now` (a multiple of `granularity`). Give the vector back
    /// with `recycle` so its capacity is reused.
    pub fn due(&mut self, now: Micros) -> Vec<(Slot, SessionId)> {
        let b = ((now / self.granularity) % self.wheel.len() as u64) as usize;
        std::mem::take(&mut self.wheel[b])
    }

    pub fn recycle(&mut self, now: Micros, mut list: Vec<(Slot, SessionId)>) {
        let b = ((now / self.granularity) % self.wheel.len() as u64) as usize;
        list.clear();
        if self.wheel[b].is_empty() {
            self.wheel[b] = list;
        }
    }

    /// Total entries waiting in the wheel (for the soak test's bounds).
    pub fn wheel_entries(&self) -> u64 {
        self.wheel.iter().map(|b| b.len() as u64).sum()
    }

    pub fn capacity(&self) -> u64 {
        self.slots.capacity() as u64
    }
}
