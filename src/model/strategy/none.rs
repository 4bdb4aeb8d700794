//! `none`: each server keeps the sessions it created in its own memory and shares nothing. A request
//! that lands on another server is a mismatch; a crash loses the server's sessions.

use super::super::config::{Micros, StickyBy};
use super::super::flow::Outcome;
use super::super::sessions::Slot;
use super::super::simulation::Simulation;
use super::super::users::RequestKind;
use super::Home;

pub(in crate::model) struct NoSharing;

impl Home for NoSharing {
    fn affinity(&self, _sticky_by: StickyBy) -> Option<StickyBy> {
        None
    }
    fn replicates(&self) -> bool {
        false
    }
    fn reachable(&self, _sim: &Simulation, _s: u32) -> bool {
        true
    }
    fn place(&self, sim: &mut Simulation, slot: Slot, s: u32, t: Micros) -> Micros {
        sim.place_local(slot, s);
        t
    }
    fn read(
        &self,
        sim: &mut Simulation,
        slot: Slot,
        s: u32,
        t: Micros,
        _kind: RequestKind,
    ) -> Result<Micros, (Outcome, Micros)> {
        sim.read_local(slot, s, t)
    }
    fn write(&self, _sim: &mut Simulation, _slot: Slot, _s: u32, ready: Micros) -> Micros {
        ready
    }
    fn end(&self, _sim: &mut Simulation, _slot: Slot, _s: u32) {}
    fn spread(&self, _sim: &mut Simulation, _slot: Slot) {}
    fn rehome(&self, sim: &mut Simulation, slot: Slot) {
        keep_one_copy(sim, slot);
    }
}

/// Re-homing to local sessions: the session stays only on its primary (out of the store onto one
/// server; other full copies and every key-only entry dropped).
pub(super) fn keep_one_copy(sim: &mut Simulation, slot: Slot) {
    if !sim.leave_store(slot) {
        return;
    }
    let primary = sim.settle_primary(slot);
    let others = sim.sessions.at(slot).full & !super::super::copies::bit(primary);
    for b in super::super::copies::bits(others) {
        sim.demote(slot, b);
    }
    sim.drop_keys(slot, u64::MAX);
    sim.sessions.at_mut(slot).backup = None;
}
