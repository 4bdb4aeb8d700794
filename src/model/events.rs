//! The discrete-event queue: a binary heap ordered by (time, insertion sequence), so two events at the same
//! instant are always processed in the order they were scheduled, on every machine.

use super::config::Micros;
use super::observe::{ServerId, SessionId, UserId};
use super::sessions::Slot;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Everything that can happen at a point of model time. Small and `Copy`: the heap moves these a lot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ev {
    /// A user's request reaches the balancer.
    UserArrive {
        user: UserId,
    },
    /// The server a user's request was sent to has finished it (or died meanwhile).
    ServerDone {
        user: UserId,
    },
    /// Asynchronous session copies reach their servers.
    Replicate {
        slot: Slot,
        uid: SessionId,
    },
    HealthCheck,
    ExpiryTick,
    Sample,
    /// The cluster notices that a peer is gone (Tomcat: ~3 s) and restores two copies per session.
    PeerLoss {
        server: ServerId,
        epoch: u32,
    },
    /// Sentinel promotes the store replica.
    StoreFailover {
        epoch: u32,
    },
    TrafficEnd {
        gen: u32,
    },
    /// The supervisor (systemd, Kubernetes) brings a crashed server back; void if the server crashed
    /// again, was restarted by hand or left the pool since (its epoch moved on).
    SupervisorRestart {
        server: ServerId,
        epoch: u32,
    },
}

impl Ev {
    /// A compact word for the history hash.
    pub fn code(self) -> u64 {
        let (tag, a, b): (u64, u32, u32) = match self {
            Ev::UserArrive { user } => (1, user.0, 0),
            Ev::ServerDone { user } => (2, user.0, 0),
            Ev::Replicate { slot, uid } => (3, slot.number(), uid.0),
            Ev::HealthCheck => (4, 0, 0),
            Ev::ExpiryTick => (5, 0, 0),
            Ev::Sample => (6, 0, 0),
            Ev::PeerLoss { server, epoch } => (7, server.0, epoch),
            Ev::StoreFailover { epoch } => (8, epoch, 0),
            Ev::TrafficEnd { gen } => (9, gen, 0),
            Ev::SupervisorRestart { server, epoch } => (10, server.0, epoch),
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

/// Bucket width (2^12 µs, about 4 ms) and number of buckets (about 17 s of model time). Few buckets
/// keep the memory small; later events wait in the heap.
const SHIFT: u32 = 12;
const WHEEL: u64 = 1 << 12;
/// A drained bucket that grew beyond this (a traffic peak) gives its memory back.
const BUCKET_KEEP: usize = 128;

/// A timing wheel in front of a heap: events within the next ~17 s go to 4 ms buckets (sorted
/// only when their turn comes), later ones wait in a binary heap. Much cheaper than one big heap for
/// tens of thousands of pending events, with exactly the same (time, seq) order.
pub struct Queue {
    seq: u64,
    len: usize,
    buckets: Vec<Vec<Entry>>,
    /// One bit per non-empty bucket.
    occupied: Vec<u64>,
    /// Absolute index (time >> SHIFT) of the bucket being drained.
    cursor: u64,
    /// The cursor's bucket is sorted (latest first, so the next event is at the end).
    sorted: bool,
    later: BinaryHeap<Entry>,
}

impl Default for Queue {
    fn default() -> Self {
        Queue {
            seq: 0,
            len: 0,
            buckets: (0..WHEEL).map(|_| Vec::new()).collect(),
            occupied: vec![0; (WHEEL / 64) as usize],
            cursor: 0,
            sorted: false,
            later: BinaryHeap::new(),
        }
    }
}

#[inline]
fn key(e: &Entry) -> (Micros, u64) {
    (e.time, e.seq)
}

impl Queue {
    #[inline]
    pub fn push(&mut self, time: Micros, ev: Ev) {
        self.seq += 1;
        self.len += 1;
        let entry = Entry {
            time,
            seq: self.seq,
            ev,
        };
        let abs = (time >> SHIFT).max(self.cursor);
        if abs >= self.cursor + WHEEL {
            self.later.push(entry);
        } else {
            self.put(abs, entry);
        }
    }

    #[inline]
    fn put(&mut self, abs: u64, entry: Entry) {
        let i = (abs & (WHEEL - 1)) as usize;
        let bucket = &mut self.buckets[i];
        if abs == self.cursor && self.sorted {
            // Keep the bucket being drained sorted, latest first.
            let k = key(&entry);
            let at = bucket.partition_point(|e| key(e) > k);
            bucket.insert(at, entry);
        } else {
            bucket.push(entry);
        }
        self.occupied[i / 64] |= 1 << (i % 64);
    }

    /// Make the cursor's bucket hold the next event (sorted); false when nothing is pending.
    fn settle(&mut self) -> bool {
        loop {
            let i = (self.cursor & (WHEEL - 1)) as usize;
            if !self.buckets[i].is_empty() {
                if !self.sorted {
                    self.buckets[i].sort_unstable_by_key(|e| std::cmp::Reverse(key(e)));
                    self.sorted = true;
                }
                return true;
            }
            if self.len == 0 {
                return false;
            }
            // Next occupied bucket in the wheel, or the heap's earliest event, whichever comes first.
            let in_wheel = self.next_occupied().map(|d| self.cursor + d);
            let in_heap = self.later.peek().map(|e| e.time >> SHIFT);
            let next = match (in_wheel, in_heap) {
                (Some(a), Some(b)) => a.min(b),
                (Some(a), None) => a,
                (None, Some(b)) => b,
                (None, None) => return false,
            };
            self.cursor = next;
            self.sorted = false;
            while let Some(e) = self.later.peek() {
                let abs = e.time >> SHIFT;
                if abs >= self.cursor + WHEEL {
                    break;
                }
                let e = self.later.pop().expect("peeked");
                self.put(abs.max(self.cursor), e);
            }
        }
    }

    /// Distance (in buckets, 1..WHEEL) from the cursor to the next non-empty bucket.
    fn next_occupied(&self) -> Option<u64> {
        let words = self.occupied.len() as u64;
        let start = (self.cursor + 1) & (WHEEL - 1);
        let mut word = start / 64;
        let mut bits = self.occupied[word as usize] & (!0u64 << (start % 64));
        for step in 0..=words {
            if bits != 0 {
                let pos = word * 64 + u64::from(bits.trailing_zeros());
                let distance = (pos + WHEEL - (self.cursor & (WHEEL - 1))) & (WHEEL - 1);
                return Some(if distance == 0 { WHEEL } else { distance });
            }
            if step == words {
                break;
            }
            word = (word + 1) % words;
            bits = self.occupied[word as usize];
        }
        None
    }

    #[inline]
    pub fn peek_time(&mut self) -> Option<Micros> {
        if !self.settle() {
            return None;
        }
        let i = (self.cursor & (WHEEL - 1)) as usize;
        self.buckets[i].last().map(|e| e.time)
    }

    #[inline]
    pub fn pop(&mut self) -> Option<(Micros, Ev)> {
        if !self.settle() {
            return None;
        }
        let i = (self.cursor & (WHEEL - 1)) as usize;
        let bucket = &mut self.buckets[i];
        let e = bucket.pop()?;
        if bucket.is_empty() {
            self.occupied[i / 64] &= !(1 << (i % 64));
            if bucket.capacity() > BUCKET_KEEP {
                bucket.shrink_to(BUCKET_KEEP / 8);
            }
        }
        self.len -= 1;
        Some((e.time, e.ev))
    }

    /// Events waiting.
    pub fn pending(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rng::Rng;

    /// The wheel gives exactly the (time, seq) order of a plain heap, across laps and far events.
    #[test]
    fn same_order_as_a_heap() {
        let mut rng = Rng::new(3);
        let mut wheel = Queue::default();
        let mut heap = BinaryHeap::new();
        let mut seq = 0;
        let mut now = 0;
        for round in 0..200_000u32 {
            if rng.below(100) < 55 || heap.is_empty() {
                let ahead = match rng.below(10) {
                    0 => 0,
                    1 => rng.next_u64() % 400_000_000,
                    _ => rng.next_u64() % 3_000_000,
                };
                seq += 1;
                wheel.push(
                    now + ahead,
                    Ev::UserArrive {
                        user: UserId(round),
                    },
                );
                heap.push(Entry {
                    time: now + ahead,
                    seq,
                    ev: Ev::UserArrive {
                        user: UserId(round),
                    },
                });
            } else {
                let expected = heap.pop().map(|e| (e.time, e.ev));
                assert_eq!(wheel.peek_time(), expected.map(|e| e.0));
                assert_eq!(wheel.pop(), expected);
                now = expected.unwrap().0;
            }
            assert_eq!(wheel.pending(), heap.len());
        }
    }
}
