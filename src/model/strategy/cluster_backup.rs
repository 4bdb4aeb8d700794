//! `cluster-backup` (Tomcat BackupManager): the primary holds the session, one backup server a full
//! copy, every other connected server only its key. A server with the key fetches the full copy from
//! the primary or backup and becomes the primary; the backup serving a request takes ownership. After
//! a lost peer the survivors promote a backup and choose a new one.

use super::super::config::{Micros, StickyBy};
use super::super::copies::{bit, bit_of};
use super::super::flow::Outcome;
use super::super::sessions::Slot;
use super::super::simulation::Simulation;
use super::super::users::RequestKind;
use super::Home;

pub(in crate::model) struct PrimaryBackup;

impl Home for PrimaryBackup {
    fn affinity(&self, _sticky_by: StickyBy) -> Option<StickyBy> {
        None
    }
    fn replicates(&self) -> bool {
        true
    }
    fn reachable(&self, _sim: &Simulation, _s: u32) -> bool {
        true
    }
    fn place(&self, sim: &mut Simulation, slot: Slot, s: u32, t: Micros) -> Micros {
        if !sim.place_local(slot, s) {
            return t;
        }
        let backup = choose_backup(sim, s);
        sim.sessions.at_mut(slot).backup = backup;
        let full = bit_of(backup);
        sim.replicate_to(slot, s, t, full, sim.peers(s) & !full)
    }
    fn read(
        &self,
        sim: &mut Simulation,
        slot: Slot,
        s: u32,
        t: Micros,
        _kind: RequestKind,
    ) -> Result<Micros, (Outcome, Micros)> {
        let session = sim.sessions.at_mut(slot);
        if session.full & bit(s) != 0 && session.primary != Some(s) {
            // The backup serves the request and becomes the primary; the old primary keeps a copy.
            let old = session.primary;
            session.primary = Some(s);
            session.backup = old.filter(|&p| session.full & bit(p) != 0);
        }
        sim.read_local(slot, s, t)
    }
    fn write(&self, sim: &mut Simulation, slot: Slot, s: u32, ready: Micros) -> Micros {
        let to = bit_of(sim.sessions.at(slot).backup) & sim.peers(s);
        sim.replicate_to(slot, s, ready, to, 0)
    }
    fn end(&self, sim: &mut Simulation, slot: Slot, s: u32) {
        sim.invalidate_copies(slot, s);
    }
    fn spread(&self, sim: &mut Simulation, slot: Slot) {
        let connected = sim.connected;
        let session = sim.sessions.at(slot);
        if session.in_store || session.full == 0 {
            return;
        }
        let mut primary = session.primary;
        let mut backup = session.backup;
        if session.full & bit_of(primary) == 0 {
            // The backup is promoted.
            primary = if session.full & bit_of(backup) != 0 {
                backup
            } else {
                Some(session.full.trailing_zeros())
            };
            backup = None;
        }
        if backup == primary || session.full & bit_of(backup) == 0 {
            backup = None;
        }
        sim.sessions.at_mut(slot).primary = primary;
        if backup.is_none() && connected & bit_of(primary) != 0 {
            if let Some(p) = primary {
                backup = choose_backup(sim, p);
            }
            if let Some(b) = backup {
                sim.count_replication(1, 0, 0);
                sim.add_full(slot, b);
            }
        }
        sim.sessions.at_mut(slot).backup = backup;
        let session = sim.sessions.at(slot);
        let keys = connected & !(session.full | session.key);
        sim.count_replication(0, keys.count_ones(), 0);
        for b in super::super::copies::bits(keys) {
            sim.add_key(slot, b);
        }
    }
    fn rehome(&self, sim: &mut Simulation, slot: Slot) {
        if !sim.leave_store(slot) {
            return;
        }
        let primary = sim.settle_primary(slot);
        let session = sim.sessions.at(slot);
        let keep = bit(primary) | bit_of(session.backup);
        let extra = session.full & !keep;
        for b in super::super::copies::bits(extra) {
            sim.demote(slot, b);
        }
        self.spread(sim, slot);
    }
}

/// The next connected peer of `primary` in turn (round robin over the whole cluster).
fn choose_backup(sim: &mut Simulation, primary: u32) -> Option<u32> {
    let peers = sim.peers(primary);
    if peers == 0 {
        return None;
    }
    let b = (0..64)
        .map(|i| (sim.backup_rr + i) % 64)
        .find(|&b| peers & bit(b) != 0)?;
    sim.backup_rr = (b + 1) % 64;
    Some(b)
}
