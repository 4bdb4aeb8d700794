//! One application server: alive or not, its request slots (queue + concurrency), its memory, and the
//! counters the view draws. Which sessions it holds lives in the session table (as bitmasks), so that
//! per-server maps never have to be kept in step.

use super::config::{Micros, Timing};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

#[derive(Clone, Debug)]
pub struct Server {
    pub alive: bool,
    /// Down because it ran out of memory (until it restarts): the picture says why it died.
    pub out_of_memory: bool,
    /// Bumped at every crash or removal: a request that started in an older epoch died with the server.
    pub epoch: u32,
    pub partitioned: bool,
    pub slow_factor: f64,
    /// When each of the `concurrency` workers is free again (FIFO queue in front of them); a min-heap.
    pub slots: BinaryHeap<Reverse<Micros>>,
    /// Requests sent to it and not finished (queued or in service).
    pub active: u32,
    pub requests: u64,
    /// Full copies held (role Full or Backup) and key-only entries.
    pub full_copies: u32,
    pub key_only_sessions: u32,
    /// When each request waiting on a store that answers nothing (a partition) gives up: the picture
    /// counts those still waiting. Entries in the past are dropped at the next one.
    pub store_waits: Vec<Micros>,
}

impl Server {
    pub fn new(timing: &Timing, epoch: u32) -> Self {
        Server {
            alive: true,
            out_of_memory: false,
            epoch,
            partitioned: false,
            slow_factor: 1.0,
            slots: idle_workers(timing.concurrency),
            active: 0,
            requests: 0,
            full_copies: 0,
            key_only_sessions: 0,
            store_waits: Vec::new(),
        }
    }

    pub fn memory_used(&self, timing: &Timing) -> u64 {
        u64::from(self.full_copies) * u64::from(timing.full_session_bytes)
            + u64::from(self.key_only_sessions) * u64::from(timing.key_only_session_bytes)
    }

    pub fn over_budget(&self, timing: &Timing) -> bool {
        self.memory_used(timing) > timing.server_memory_bytes
    }

    /// Take the earliest free worker for a request arriving at `arrival` with `service` time; returns when
    /// it finishes. Arrivals are handed over in time order, so this is an exact FIFO multi-server queue.
    #[inline]
    pub fn occupy(&mut self, arrival: Micros, service: Micros) -> Micros {
        let mut earliest = self.slots.peek_mut().expect("at least one worker");
        let finish = earliest.0.max(arrival) + service;
        earliest.0 = finish;
        finish
    }

    /// All workers free (after a crash or restart).
    pub fn reset_workers(&mut self) {
        let n = self.slots.len() as u32;
        self.slots = idle_workers(n);
    }

    /// Requests being worked on at `now` (the rest of `active` waits in the queue or is on the wire).
    pub fn in_service(&self, now: Micros) -> u32 {
        let busy = self.slots.iter().filter(|t| t.0 > now).count() as u32;
        busy.min(self.active)
    }

    pub fn crash(&mut self) {
        self.alive = false;
        self.epoch = self.epoch.wrapping_add(1);
        self.reset_workers();
        self.full_copies = 0;
        self.key_only_sessions = 0;
    }
}

fn idle_workers(n: u32) -> BinaryHeap<Reverse<Micros>> {
    (0..n.max(1)).map(|_| Reverse(0)).collect()
}
