//! `cluster-all` (Tomcat DeltaManager): every session, and every change to it, is copied to every
//! other connected server. A crash loses nothing that had time to be copied; the cluster notices the
//! lost peer and a restarted or added server pulls every session before it serves.

use super::super::config::Micros;
use super::super::copies::{bit_of, bits};
use super::super::observe::ServerId;
use super::super::sessions::Slot;
use super::super::simulation::Simulation;
use super::super::users::RequestKind;
use super::{Answer, Home};

pub(in crate::model) struct AllToAll;

impl Home for AllToAll {
    fn replicates(&self) -> bool {
        true
    }
    fn place(&self, sim: &mut Simulation, slot: Slot, s: ServerId, t: Micros) -> Micros {
        if !sim.place_local(slot, s) {
            return t;
        }
        sim.replicate_to(slot, s, t, sim.peers(s), 0)
    }
    fn read(&self, sim: &mut Simulation, slot: Slot, s: ServerId, _kind: RequestKind) -> Answer {
        sim.read_local(slot, s, sim.now)
    }
    fn write(&self, sim: &mut Simulation, slot: Slot, s: ServerId, ready: Micros) -> Micros {
        sim.replicate_to(slot, s, ready, sim.peers(s), 0)
    }
    fn end(&self, sim: &mut Simulation, slot: Slot, s: ServerId) {
        sim.invalidate_copies(slot, s);
    }
    fn spread(&self, sim: &mut Simulation, slot: Slot) {
        let connected = sim.connected;
        let session = sim.sessions.at_mut(slot);
        if session.in_store || session.full == 0 {
            return;
        }
        let add = connected & !session.full;
        if session.full & bit_of(session.primary) == 0 {
            session.primary = bits(session.full).next();
        }
        sim.count_replication(add.count_ones(), 0, 0);
        for b in bits(add) {
            sim.add_full(slot, b);
        }
    }
    fn rehome(&self, sim: &mut Simulation, slot: Slot) {
        if !sim.leave_store(slot) {
            return;
        }
        sim.settle_primary(slot);
        sim.drop_keys(slot, u64::MAX);
        sim.sessions.at_mut(slot).backup = None;
        self.spread(sim, slot);
    }
}
