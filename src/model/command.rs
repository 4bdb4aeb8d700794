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
