//! One application server: alive or not, its request slots (queue + concurrency), its memory, and the
//! counters the view draws. Which sessions it holds lives in the session table (as bitmasks), so that
//! per-server maps never have to be kept in step.

use super::config::{Micros, Timing};

#[derive(Clone, Debug)]
pub struct Server {
    pub alive: bool,
    /// Bumped at every crash or removal: a request that started in an older epoch died with the server.
    pub epoch: u32,
    pub partitioned: bool,
    pub slow_factor: f64,
    /// When each of the `concurrency` workers is free again (FIFO queue in front of them).
    pub slots: Vec<Micros>,
    /// Requests sent to it and not finished (queued or in service).
    pub active: u32,
    pub requests: u64,
    /// Full copies held (role Full or Backup) and key-only entries.
    pub full_copies: u32,
    pub key_only_sessions: u32,
}

impl Server {
    pub fn new(timing: &Timing, epoch: u32) -> Self {
        Server {
            alive: true,
            epoch,
            partitioned: false,
            slow_factor: 1.0,
            slots: vec![0; timing.concurrency.max(1) as usize],
            active: 0,
            requests: 0,
            full_copies: 0,
            key_only_sessions: 0,
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
        let mut best = 0;
        for i in 1..self.slots.len() {
            if self.slots[i] < self.slots[best] {
                best = i;
            }
        }
        let start = self.slots[best].max(arrival);
        let finish = start + service;
        self.slots[best] = finish;
        finish
    }

    /// Requests being worked on at `now` (the rest of `active` waits in the queue or is on the wire).
    pub fn in_service(&self, now: Micros) -> u32 {
        let busy = self.slots.iter().filter(|&&t| t > now).count() as u32;
        busy.min(self.active)
    }

    pub fn crash(&mut self) {
        self.alive = false;
        self.epoch = self.epoch.wrapping_add(1);
        self.slots.iter_mut().for_each(|t| *t = 0);
        self.full_copies = 0;
        self.key_only_sessions = 0;
    }
}
