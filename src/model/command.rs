//! The one way to change the world: controls, tests, the tour, the URL and the runner all send these.

use super::config::{Balancer, Persistence, Replication, StickyBy, StoreKind, Strategy};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    SetStrategy(Strategy),
    SetStickyBy(StickyBy),
    SetBalancer(Balancer),
    SetReplication(Replication),
    SetReplicationLag {
        ms: u32,
    },
    SetStoreKind(StoreKind),
    SetStorePersistence(Persistence),
    SetStoreReplica(bool),
    /// How far the store's replica trails the primary: writes younger than this die with the primary.
    SetStoreReplicaLag {
        ms: u32,
    },
    SetUsers(u32),
    SetSkew(f64),
    SetThinkTime {
        ms: u32,
    },
    /// Scale out: a new, empty server joins.
    AddServer,
    /// Scale in: the last server leaves (gracefully: its sessions are gone with it unless shared).
    RemoveServer,
    CrashServer(u32),
    RestartServer(u32),
    /// Cut a server off from its peers and the store (clients still reach it).
    PartitionServer {
        server: u32,
        partitioned: bool,
    },
    /// Multiply a server's service time (1.0 = normal).
    SlowServer {
        server: u32,
        factor: f64,
    },
    CrashStore,
    RestartStore,
    CrashReplica,
    RestartReplica,
    /// Multiply the arrival rate for a while (a sale, a launch): `factor` times as many users are active,
    /// the extra ones new visitors who log in.
    Traffic {
        factor: f64,
        for_ms: u64,
    },
}

impl Command {
    /// The command as bytes for the history hash: a tag byte (its position in the enum), then its fields
    /// in order: integers little-endian, floats by `to_bits`, booleans and field-less enums as a byte.
    pub fn encode(&self) -> Vec<u8> {
        use Command as C;
        let mut out = Vec::with_capacity(17);
        match *self {
            C::SetStrategy(s) => {
                out.push(0);
                out.push(s as u8);
            }
            C::SetStickyBy(b) => {
                out.push(1);
                out.push(b as u8);
            }
            C::SetBalancer(b) => {
                out.push(2);
                out.push(b as u8);
            }
            C::SetReplication(r) => {
                out.push(3);
                out.push(r as u8);
            }
            C::SetReplicationLag { ms } => {
                out.push(4);
                out.extend(ms.to_le_bytes());
            }
            C::SetStoreKind(k) => {
                out.push(5);
                out.push(k as u8);
            }
            C::SetStorePersistence(p) => {
                out.push(6);
                out.push(p as u8);
            }
            C::SetStoreReplica(on) => {
                out.push(7);
                out.push(u8::from(on));
            }
            C::SetStoreReplicaLag { ms } => {
                out.push(8);
                out.extend(ms.to_le_bytes());
            }
            C::SetUsers(n) => {
                out.push(9);
                out.extend(n.to_le_bytes());
            }
            C::SetSkew(skew) => {
                out.push(10);
                out.extend(skew.to_bits().to_le_bytes());
            }
            C::SetThinkTime { ms } => {
                out.push(11);
                out.extend(ms.to_le_bytes());
            }
            C::AddServer => out.push(12),
            C::RemoveServer => out.push(13),
            C::CrashServer(s) => {
                out.push(14);
                out.extend(s.to_le_bytes());
            }
            C::RestartServer(s) => {
                out.push(15);
                out.extend(s.to_le_bytes());
            }
            C::PartitionServer {
                server,
                partitioned,
            } => {
                out.push(16);
                out.extend(server.to_le_bytes());
                out.push(u8::from(partitioned));
            }
            C::SlowServer { server, factor } => {
                out.push(17);
                out.extend(server.to_le_bytes());
                out.extend(factor.to_bits().to_le_bytes());
            }
            C::CrashStore => out.push(18),
            C::RestartStore => out.push(19),
            C::CrashReplica => out.push(20),
            C::RestartReplica => out.push(21),
            C::Traffic { factor, for_ms } => {
                out.push(22);
                out.extend(factor.to_bits().to_le_bytes());
                out.extend(for_ms.to_le_bytes());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Different commands fold different bytes into the history hash: every variant, every enum value and
    /// every field (floats bit for bit, so 0.0 and -0.0 differ) reaches the encoding.
    #[test]
    fn every_command_and_field_encodes_differently() {
        use Command as C;
        let mut commands = vec![
            C::SetReplicationLag { ms: 50 },
            C::SetReplicationLag { ms: 51 },
            C::SetStoreReplica(true),
            C::SetStoreReplica(false),
            C::SetStoreReplicaLag { ms: 50 },
            C::SetUsers(50),
            C::SetThinkTime { ms: 50 },
            C::SetSkew(0.0),
            C::SetSkew(-0.0),
            C::SetSkew(0.5),
            C::AddServer,
            C::RemoveServer,
            C::CrashServer(0),
            C::CrashServer(1),
            C::RestartServer(0),
            C::PartitionServer {
                server: 0,
                partitioned: true,
            },
            C::PartitionServer {
                server: 0,
                partitioned: false,
            },
            C::SlowServer {
                server: 0,
                factor: 2.0,
            },
            C::SlowServer {
                server: 1,
                factor: 2.0,
            },
            C::CrashStore,
            C::RestartStore,
            C::CrashReplica,
            C::RestartReplica,
            C::Traffic {
                factor: 4.0,
                for_ms: 1,
            },
            C::Traffic {
                factor: 4.0,
                for_ms: 2,
            },
        ];
        commands.extend(Strategy::ALL.map(C::SetStrategy));
        commands.extend(StickyBy::ALL.map(C::SetStickyBy));
        commands.extend(Balancer::ALL.map(C::SetBalancer));
        commands.extend(Replication::ALL.map(C::SetReplication));
        commands.extend(StoreKind::ALL.map(C::SetStoreKind));
        commands.extend(Persistence::ALL.map(C::SetStorePersistence));
        let encodings: HashSet<Vec<u8>> = commands.iter().map(Command::encode).collect();
        assert_eq!(encodings.len(), commands.len());
    }
}
