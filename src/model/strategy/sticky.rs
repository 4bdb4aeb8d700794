//! `sticky`: sessions as in `none` (each in the memory of the server that created it), and the balancer
//! keeps sending a user to that server, by a cookie or by the client's address (routing in
//! `balancer`). A crash loses the server's sessions; its users are re-pinned elsewhere.

use super::super::config::{Micros, StickyBy};
use super::super::flow::Outcome;
use super::super::sessions::Slot;
use super::super::simulation::Simulation;
use super::super::users::RequestKind;
use super::none::keep_one_copy;
use super::Home;

pub(in crate::model) struct StickySessions;

impl Home for StickySessions {
    fn affinity(&self, sticky_by: StickyBy) -> Option<StickyBy> {
        Some(sticky_by)
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
