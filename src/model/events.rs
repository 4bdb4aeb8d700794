//! The discrete-event queue: a binary heap ordered by (time, insertion sequence), so two events at the same
//! instant are always processed in the order they were scheduled, on every machine.

use super::config::Micros;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Everything that can happen at a point of model time. Small and `Copy`: the heap moves these a lot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ev {
    /// A user's request reaches the balancer.
    UserArrive {
        user: u32,
    },
    /// The server a user's request was sent to has finished it (or died meanwhile).
    ServerDone {
        user: u32,
    },
    /// Asynchronous session copies reach their servers.
    Replicate {
        slot: u32,
        uid: u32,
    },
    HealthCheck,
    ExpiryTick,
    Sample,
    /// The cluster notices that a peer is gone (Tomcat: ~3 s) and restores two copies per session.
    PeerLoss {
        server: u32,
        epoch: u32,
    },
    /// Sentinel promotes the store replica.
    StoreFailover {
        epoch: u32,
    },
    TrafficEnd {
        gen: u32,
    },
}

impl Ev {
    /// A compact word for the history hash.
    pub fn code(self) -> u64 {
        let (tag, a, b): (u64, u32, u32) = match self {
            Ev::UserArrive { user } => (1, user, 0),
            Ev::ServerDone { user } => (2, user, 0),
            Ev::Replicate { slot, uid } => (3, slot, uid),
            Ev::HealthCheck => (4, 0, 0),
            Ev::ExpiryTick => (5, 0, 0),
            Ev::Sample => (6, 0, 0),
            Ev::PeerLoss { server, epoch } => (7, server, epoch),
            Ev::StoreFailover { epoch } => (8, epoch, 0),
            Ev::TrafficEnd { gen } => (9, gen, 0),
        };
        tag << 56 ^ u64::from(a) << 24 ^ u64::from(b)
    }
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    time: Micros,
    seq: u64,
    ev: Ev,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.time == other.time && self.seq == other.seq
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    // Reversed: BinaryHeap is a max-heap, we want the earliest (time, seq) on top.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.time, other.seq).cmp(&(self.time, self.seq))
    }
}

#[derive(Default)]
pub struct Queue {
    heap: BinaryHeap<Entry>,
    seq: u64,
}

impl Queue {
    #[inline]
    pub fn push(&mut self, time: Micros, ev: Ev) {
        self.seq += 1;
        self.heap.push(Entry {
            time,
            seq: self.seq,
            ev,
        });
    }

    #[inline]
    pub fn peek_time(&self) -> Option<Micros> {
        self.heap.peek().map(|e| e.time)
    }

    #[inline]
    pub fn pop(&mut self) -> Option<(Micros, Ev)> {
        self.heap.pop().map(|e| (e.time, e.ev))
    }

    /// Events waiting.
    pub fn pending(&self) -> usize {
        self.heap.len()
    }
}
