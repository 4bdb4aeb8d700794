//! `store`: servers keep no sessions; every request reads the session from an external store (Redis or
//! a database) and every change is written back. No mismatch is possible; a server cut off from the
//! store answers 5xx, and a store crash loses what its persistence did not keep.

use super::super::config::Micros;
use super::super::copies::bits;
use super::super::observe::{ServerId, UserId};
use super::super::sessions::Slot;
use super::super::simulation::Simulation;
use super::super::users::{Fate, RequestKind};
use super::{Answer, Home};

pub(in crate::model) struct ExternalStore;

impl Home for ExternalStore {
    fn replicates(&self) -> bool {
        false
    }
    fn unreachable(
        &self,
        sim: &mut Simulation,
        s: ServerId,
        user: UserId,
        t: Micros,
    ) -> Option<Micros> {
        (!sim.store_reachable(s)).then(|| sim.store_refused(s, user, t))
    }
    fn place(&self, sim: &mut Simulation, slot: Slot, s: ServerId, t: Micros) -> Micros {
        let user = sim.sessions.at(slot).user;
        let done = sim.store_ops(s, user, t, 1, true);
        sim.sessions.at_mut(slot).in_store = true;
        sim.store.sessions += 1;
        done
    }
    fn read(&self, sim: &mut Simulation, slot: Slot, s: ServerId, kind: RequestKind) -> Answer {
        // Read the session; a write or a logout also sends its change.
        let ops = 1 + u32::from(kind.writes() || kind == RequestKind::Logout);
        let user = sim.sessions.at(slot).user;
        Ok(sim.store_ops(s, user, sim.now, ops, kind.writes()))
    }
    fn write(&self, sim: &mut Simulation, slot: Slot, _s: ServerId, ready: Micros) -> Micros {
        let now = sim.now;
        sim.sessions.at_mut(slot).store_write = now;
        ready
    }
    fn end(&self, _sim: &mut Simulation, _slot: Slot, _s: ServerId) {}
    fn spread(&self, _sim: &mut Simulation, _slot: Slot) {}
    fn rehome(&self, sim: &mut Simulation, slot: Slot) {
        let session = sim.sessions.at(slot);
        if session.in_store {
            return;
        }
        let (full, key) = (session.full, session.key);
        for b in bits(full) {
            sim.servers[b].full_copies -= 1;
        }
        for b in bits(key) {
            sim.servers[b].key_only_sessions -= 1;
        }
        let session = sim.sessions.at_mut(slot);
        session.full = 0;
        session.key = 0;
        session.backup = None;
        if sim.store.primary_up {
            session.in_store = true;
            session.store_write = sim.now;
            sim.store.sessions += 1;
            sim.metrics.store_ops += 1;
        } else {
            sim.destroy(slot, Fate::Lost);
        }
    }
}
