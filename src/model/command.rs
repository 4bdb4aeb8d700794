//! The one way to change the world: controls, tests, the tour, the URL and the runner all send these.

use super::config::{Balancer, Persistence, Replication, StickyBy, StoreKind, Strategy};
use super::observe::ServerId;
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
    CrashServer(ServerId),
    RestartServer(ServerId),
    /// Cut a server off from its peers and the store (clients still reach it).
    PartitionServer {
        server: ServerId,
        partitioned: bool,
    },
    /// Multiply a server's service time (1.0 = normal).
    SlowServer {
        server: ServerId,
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
    /// How long Sentinel takes to promote the store's replica after the primary fails
    /// (`Timing::store_failover_ms`); a failover already under way keeps its delay.
    SetStoreFailover {
        ms: u32,
    },
}

impl Command {
    /// The command as bytes for the history hash: a tag byte (its position in the enum), then its two
    /// fields as little-endian words (zero where it has fewer): integers as they are, floats by
    /// `to_bits`, booleans and field-less enums by their value.
    pub fn encode(&self) -> [u8; 17] {
        use Command as C;
        let (tag, a, b): (u8, u64, u64) = match *self {
            C::SetStrategy(s) => (0, s as u64, 0),
            C::SetStickyBy(by) => (1, by as u64, 0),
            C::SetBalancer(balancer) => (2, balancer as u64, 0),
            C::SetReplication(r) => (3, r as u64, 0),
            C::SetReplicationLag { ms } => (4, ms.into(), 0),
            C::SetStoreKind(kind) => (5, kind as u64, 0),
            C::SetStorePersistence(p) => (6, p as u64, 0),
            C::SetStoreReplica(on) => (7, on.into(), 0),
            C::SetStoreReplicaLag { ms } => (8, ms.into(), 0),
            C::SetUsers(n) => (9, n.into(), 0),
            C::SetSkew(skew) => (10, skew.to_bits(), 0),
            C::SetThinkTime { ms } => (11, ms.into(), 0),
            C::AddServer => (12, 0, 0),
            C::RemoveServer => (13, 0, 0),
            C::CrashServer(s) => (14, s.0.into(), 0),
            C::RestartServer(s) => (15, s.0.into(), 0),
            C::PartitionServer {
                server,
                partitioned,
            } => (16, server.0.into(), partitioned.into()),
            C::SlowServer { server, factor } => (17, server.0.into(), factor.to_bits()),
            C::CrashStore => (18, 0, 0),
            C::RestartStore => (19, 0, 0),
            C::CrashReplica => (20, 0, 0),
            C::RestartReplica => (21, 0, 0),
            C::Traffic { factor, for_ms } => (22, factor.to_bits(), for_ms),
            C::SetStoreFailover { ms } => (23, ms.into(), 0),
        };
        let mut out = [0; 17];
        out[0] = tag;
        out[1..9].copy_from_slice(&a.to_le_bytes());
        out[9..].copy_from_slice(&b.to_le_bytes());
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
            C::SetStoreFailover { ms: 50 },
            C::SetStoreFailover { ms: 51 },
            C::SetUsers(50),
            C::SetThinkTime { ms: 50 },
            C::SetSkew(0.0),
            C::SetSkew(-0.0),
            C::SetSkew(0.5),
            C::AddServer,
            C::RemoveServer,
            C::CrashServer(ServerId(0)),
            C::CrashServer(ServerId(1)),
            C::RestartServer(ServerId(0)),
            C::PartitionServer {
                server: ServerId(0),
                partitioned: true,
            },
            C::PartitionServer {
                server: ServerId(0),
                partitioned: false,
            },
            C::SlowServer {
                server: ServerId(0),
                factor: 2.0,
            },
            C::SlowServer {
                server: ServerId(1),
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
        let encodings: HashSet<[u8; 17]> = commands.iter().map(Command::encode).collect();
        assert_eq!(encodings.len(), commands.len());
    }
}
