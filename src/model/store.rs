//! The external session store (Redis or a relational database): its availability, its queue, its
//! optional replica and what persistence keeps across a crash. Which sessions it holds is the
//! `in_store` flag of the session table.

use super::config::{Micros, Persistence, StoreKind, Timing, MS, SECOND};
use super::ids::SessionId;
use std::collections::VecDeque;

/// Service time per operation and parallelism: Redis is single-threaded but fast; a database serves a
/// few connections at a time, each op costing more.
fn engine(kind: StoreKind) -> (Micros, usize) {
    match kind {
        StoreKind::Memory => (20, 1),
        StoreKind::Rdb => (1_000, 8),
    }
}

pub struct Store {
    pub primary_up: bool,
    pub replica_up: bool,
    /// Bumped at every primary crash: a failover scheduled for an older crash is void.
    pub epoch: u32,
    pub crashed_at: Micros,
    pub failover_pending: bool,
    /// Sessions held (live sessions with `in_store`).
    pub sessions: u32,
    slots: Vec<Micros>,
    kind: StoreKind,
    /// Recent writes in buckets, oldest first, to tell how many the replica has not acknowledged yet.
    recent_writes: VecDeque<(Micros, u32)>,
    /// Failovers so far: after an odd number, the node that started as the replica is the primary.
    pub promotions: u32,
    /// When the last failover happened, and the sessions whose latest write it lost (they live on in
    /// the promoted replica with an older version).
    pub failover_at: Option<Micros>,
    pub stale_after_failover: Vec<SessionId>,
}

impl Store {
    pub fn new(kind: StoreKind, replica: bool) -> Self {
        let mut store = Store {
            primary_up: true,
            replica_up: replica,
            epoch: 0,
            crashed_at: 0,
            failover_pending: false,
            sessions: 0,
            slots: Vec::new(),
            kind,
            recent_writes: VecDeque::new(),
            promotions: 0,
            failover_at: None,
            stale_after_failover: Vec::new(),
        };
        store.set_kind(kind);
        store
    }

    pub fn set_kind(&mut self, kind: StoreKind) {
        self.kind = kind;
        self.slots = vec![0; engine(kind).1];
    }

    pub fn rtt(&self, timing: &Timing) -> Micros {
        match self.kind {
            StoreKind::Memory => u64::from(timing.store_memory_rtt_ms) * MS,
            StoreKind::Rdb => u64::from(timing.store_rdb_rtt_ms) * MS,
        }
    }

    /// `ops` operations issued together (pipelined) at `at`; returns when the answers are back at the
    /// server. Requests reach the store in time order, so this is an exact FIFO queue.
    pub fn round_trip(&mut self, at: Micros, ops: u32, timing: &Timing) -> Micros {
        let (service, _) = engine(self.kind);
        let half = self.rtt(timing) / 2;
        let arrival = at + half;
        // The connection free first (the lowest-numbered among equals).
        let Some(free) = self.slots.iter_mut().min_by_key(|free_at| **free_at) else {
            return at;
        };
        let finish = (*free).max(arrival) + service * u64::from(ops);
        *free = finish;
        finish + half
    }

    pub fn note_write(&mut self, at: Micros, lag: Micros) {
        let width = (lag / 128).max(MS);
        let bucket = at / width * width;
        match self.recent_writes.back_mut() {
            Some((b, n)) if *b == bucket => *n += 1,
            _ => self.recent_writes.push_back((bucket, 1)),
        }
        let horizon = at.saturating_sub(lag + width);
        let stale = self
            .recent_writes
            .iter()
            .take_while(|&&(b, _)| b < horizon)
            .count();
        if stale > 0 {
            self.recent_writes.drain(..stale);
        }
    }

    /// Writes the replica has probably not acknowledged at `now`: those in the last `lag`.
    pub fn unreplicated_writes(&self, now: Micros, lag: Micros) -> u32 {
        let from = now.saturating_sub(lag);
        self.recent_writes
            .iter()
            .filter(|&&(b, _)| b >= from)
            .map(|&(_, n)| n)
            .sum()
    }

    pub fn recent_write_buckets(&self) -> usize {
        self.recent_writes.len()
    }
}

/// Does a session survive a crash of the store at `crash` by what persistence kept on disk?
pub fn persisted(
    persistence: Persistence,
    created: Micros,
    crash: Micros,
    timing: &Timing,
) -> bool {
    match persistence {
        Persistence::None => false,
        Persistence::Snapshot => {
            let every = u64::from(timing.store_snapshot_interval_ms).max(1) * MS;
            created < crash / every * every
        }
        // fsync every second: at most the last second is gone.
        Persistence::AppendOnly => created + SECOND <= crash,
    }
}
