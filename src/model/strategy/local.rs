//! `none` and `sticky`: each server keeps the sessions it created in its own memory and shares nothing.
//! A request that lands on another server is a mismatch; a crash loses the server's sessions. Under
//! `sticky` the balancer keeps sending a user to the server that holds the session, by a cookie or by
//! the client's address (`balancer::affinity`): the sessions themselves live as under `none`.

use super::super::config::Micros;
use super::super::observe::ServerId;
use super::super::sessions::Slot;
use super::super::simulation::Simulation;
use super::super::users::RequestKind;
use super::{Answer, Home};

pub(in crate::model) struct LocalSessions;

impl Home for LocalSessions {
    fn replicates(&self) -> bool {
        false
    }
    fn place(&self, sim: &mut Simulation, slot: Slot, s: ServerId, t: Micros) -> Micros {
        sim.place_local(slot, s);
        t
    }
    fn read(&self, sim: &mut Simulation, slot: Slot, s: ServerId, _kind: RequestKind) -> Answer {
        sim.read_local(slot, s, sim.now)
    }
    fn write(&self, _sim: &mut Simulation, _slot: Slot, _s: ServerId, ready: Micros) -> Micros {
        ready
    }
    fn end(&self, _sim: &mut Simulation, _slot: Slot, _s: ServerId) {}
    fn spread(&self, _sim: &mut Simulation, _slot: Slot) {}
    /// The session stays only on its primary (out of the store onto one server; other full copies and
    /// every key-only entry dropped).
    fn rehome(&self, sim: &mut Simulation, slot: Slot) {
        if !sim.leave_store(slot) {
            return;
        }
        let primary = sim.settle_primary(slot);
        let others = sim.sessions.at(slot).full & !primary.bit();
        for b in super::super::copies::bits(others) {
            sim.demote(slot, b);
        }
        sim.drop_keys(slot, u64::MAX);
        sim.sessions.at_mut(slot).backup = None;
    }
}
