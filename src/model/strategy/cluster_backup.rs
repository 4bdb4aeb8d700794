//! `cluster-backup` (Tomcat BackupManager): the primary holds the session, one backup server a full
//! copy, every other connected server only its key. A server with the key fetches the full copy from
//! the primary or backup and becomes the primary; the backup serving a request takes ownership. After
//! a lost peer the survivors promote a backup and choose a new one.

use super::super::config::Micros;
use super::super::copies::{bit_of, bits};
use super::super::observe::ServerId;
use super::super::sessions::Slot;
use super::super::simulation::Simulation;
use super::super::users::RequestKind;
use super::{Answer, Home};

pub(in crate::model) struct PrimaryBackup;

impl Home for PrimaryBackup {
    fn replicates(&self) -> bool {
        true
    }
    fn place(&self, sim: &mut Simulation, slot: Slot, s: ServerId, t: Micros) -> Micros {
        if !sim.place_local(slot, s) {
            return t;
        }
        let backup = choose_backup(sim, s);
        sim.sessions.at_mut(slot).backup = backup;
        let full = bit_of(backup);
        sim.replicate_to(slot, s, t, full, sim.peers(s) & !full)
    }
    fn read(&self, sim: &mut Simulation, slot: Slot, s: ServerId, _kind: RequestKind) -> Answer {
        let session = sim.sessions.at_mut(slot);
        if session.full & s.bit() != 0 && session.primary != Some(s) {
            // The backup serves the request and becomes the primary; the old primary keeps a copy.
            let old = session.primary;
            session.primary = Some(s);
            session.backup = old.filter(|&p| session.full & p.bit() != 0);
        }
        sim.read_local(slot, s, sim.now)
    }
    fn write(&self, sim: &mut Simulation, slot: Slot, s: ServerId, ready: Micros) -> Micros {
        let to = bit_of(sim.sessions.at(slot).backup) & sim.peers(s);
        sim.replicate_to(slot, s, ready, to, 0)
    }
    fn end(&self, sim: &mut Simulation, slot: Slot, s: ServerId) {
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
                bits(session.full).next()
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
        for b in bits(keys) {
            sim.add_key(slot, b);
        }
    }
    fn rehome(&self, sim: &mut Simulation, slot: Slot) {
        if !sim.leave_store(slot) {
            return;
        }
        let primary = sim.settle_primary(slot);
        let session = sim.sessions.at(slot);
        let keep = primary.bit() | bit_of(session.backup);
        let extra = session.full & !keep;
        for b in super::super::copies::bits(extra) {
            sim.demote(slot, b);
        }
        self.spread(sim, slot);
    }
}

/// The next connected peer of `primary` in turn (round robin over the whole cluster).
fn choose_backup(sim: &mut Simulation, primary: ServerId) -> Option<ServerId> {
    let peers = sim.peers(primary);
    if peers == 0 {
        return None;
    }
    let b = (0..64)
        .map(|i| ServerId((sim.backup_rr + i) % 64))
        .find(|&b| peers & b.bit() != 0)?;
    sim.backup_rr = (b.0 + 1) % 64;
    Some(b)
}
