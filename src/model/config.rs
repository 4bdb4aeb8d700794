//! Everything that parameterises a run. Defaults are those of the real systems each field names.

use serde::{Deserialize, Serialize};

/// Simulated time in microseconds since the start of the run.
pub type Micros = u64;

pub const MS: Micros = 1_000;
pub const SECOND: Micros = 1_000_000;

/// How sessions survive (or do not survive) being spread over several servers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Strategy {
    /// Local sessions, nothing shared: the problem itself (with one server: "one server again").
    None,
    /// Local sessions plus balancer affinity.
    Sticky,
    /// Every session change copied to every other server (Tomcat DeltaManager).
    ClusterAll,
    /// One full backup copy, key-only entries elsewhere (Tomcat BackupManager).
    ClusterBackup,
    /// Stateless servers, sessions in an external store.
    Store,
}

impl Strategy {
    pub const ALL: [Strategy; 5] = [
        Strategy::None,
        Strategy::Sticky,
        Strategy::ClusterAll,
        Strategy::ClusterBackup,
        Strategy::Store,
    ];

    /// The name used in scenario files, URLs and the runner's output.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::None => "none",
            Strategy::Sticky => "sticky",
            Strategy::ClusterAll => "cluster-all",
            Strategy::ClusterBackup => "cluster-backup",
            Strategy::Store => "store",
        }
    }

    pub fn from_name(name: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// What the balancer pins a user by, under `Strategy::Sticky`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StickyBy {
    /// `Set-Cookie: server=N` on the first response.
    Cookie,
    /// Hash of the client address (nginx `ip_hash`).
    Ip,
}

impl StickyBy {
    pub const ALL: [StickyBy; 2] = [StickyBy::Cookie, StickyBy::Ip];
    pub fn name(self) -> &'static str {
        match self {
            StickyBy::Cookie => "cookie",
            StickyBy::Ip => "ip",
        }
    }
    pub fn from_name(name: &str) -> Option<StickyBy> {
        StickyBy::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// The balancer's base algorithm: used for every request that no affinity decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Balancer {
    RoundRobin,
    LeastConnections,
    Random,
    /// IPv4 /24 hash, like nginx `ip_hash`.
    IpHash,
    /// `hash $cookie_SESSION` (modulo).
    CookieHash,
    /// `hash $cookie_SESSION consistent` (ketama ring).
    CookieHashConsistent,
}

impl Balancer {
    pub const ALL: [Balancer; 6] = [
        Balancer::RoundRobin,
        Balancer::LeastConnections,
        Balancer::Random,
        Balancer::IpHash,
        Balancer::CookieHash,
        Balancer::CookieHashConsistent,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Balancer::RoundRobin => "round-robin",
            Balancer::LeastConnections => "least-connections",
            Balancer::Random => "random",
            Balancer::IpHash => "ip-hash",
            Balancer::CookieHash => "cookie-hash",
            Balancer::CookieHashConsistent => "cookie-hash-consistent",
        }
    }
    pub fn from_name(name: &str) -> Option<Balancer> {
        Balancer::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// How a cluster copies session changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Replication {
    /// Respond at once; copies arrive after the lag (a window for mismatches).
    Async,
    /// Respond only after every copy is acknowledged (no window, more latency).
    Sync,
}

impl Replication {
    pub const ALL: [Replication; 2] = [Replication::Async, Replication::Sync];
    pub fn name(self) -> &'static str {
        match self {
            Replication::Async => "async",
            Replication::Sync => "sync",
        }
    }
    pub fn from_name(name: &str) -> Option<Replication> {
        Replication::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// The external session store's engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StoreKind {
    /// In-memory key-value store (Redis).
    Memory,
    /// Relational database.
    Rdb,
}

impl StoreKind {
    pub const ALL: [StoreKind; 2] = [StoreKind::Memory, StoreKind::Rdb];
    pub fn name(self) -> &'static str {
        match self {
            StoreKind::Memory => "memory",
            StoreKind::Rdb => "rdb",
        }
    }
    pub fn from_name(name: &str) -> Option<StoreKind> {
        StoreKind::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// What the store keeps across its own restart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Persistence {
    None,
    /// Periodic snapshot (Redis RDB): writes since the last snapshot are lost.
    Snapshot,
    /// Append-only file fsynced every second: at most about a second of writes is lost.
    AppendOnly,
}

impl Persistence {
    pub const ALL: [Persistence; 3] = [
        Persistence::None,
        Persistence::Snapshot,
        Persistence::AppendOnly,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Persistence::None => "none",
            Persistence::Snapshot => "snapshot",
            Persistence::AppendOnly => "aof",
        }
    }
    pub fn from_name(name: &str) -> Option<Persistence> {
        Persistence::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// The whole configuration of a run. Every field has a default taken from real systems.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Config {
    pub seed: u64,
    pub strategy: Strategy,
    pub sticky_by: StickyBy,
    pub balancer: Balancer,
    pub servers: u32,
    pub users: u32,
    /// Users sharing one client address (an office behind NAT).
    pub users_per_ip: u32,
    /// Mean pause between one user's requests.
    pub think_time_ms: u32,
    /// 0.0: every user equally active; 1.0: a few heavy users issue most requests.
    pub skew: f64,
    pub replication: Replication,
    /// One-way delay of a replication message.
    pub replication_lag_ms: u32,
    pub store_kind: StoreKind,
    pub store_persistence: Persistence,
    pub store_replica: bool,
    pub timing: Timing,
}

/// Latencies, capacities and detection delays. Adjustable, defaults from real systems.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timing {
    /// One-way client <-> balancer delay.
    pub client_hop_ms: u32,
    /// One-way balancer <-> server delay.
    pub lan_hop_ms: u32,
    /// Mean service time of one request on a server.
    pub service_ms: u32,
    /// Requests a server works on at once; the rest queue.
    pub concurrency: u32,
    /// Memory budget of one server for sessions; exceeding it is an OOM crash. The default (1 GiB, half
    /// of a 2 GiB application-server heap) holds 65 536 sessions of 16 KiB: enough for the sessions a
    /// mismatch leaves behind when hundreds of users bounce between servers for 15 minutes, not for a
    /// tenfold rush of thousands of new visitors on one server.
    pub server_memory_bytes: u64,
    pub full_session_bytes: u32,
    pub key_only_session_bytes: u32,
    /// HAProxy: a check every 2 s ...
    pub health_check_interval_ms: u32,
    /// ... and 3 failed checks mark a server down.
    pub health_check_failures: u32,
    /// nginx `fail_timeout`: a server that refused a request is skipped this long.
    pub fail_timeout_ms: u32,
    /// Tomcat notices a lost peer after about 3 s.
    pub peer_loss_ms: u32,
    /// BackupManager remote calls time out after 15 s.
    pub remote_timeout_ms: u32,
    /// Session idle timeout (30 min).
    pub session_timeout_ms: u64,
    /// Store round trip for an in-memory KV store.
    pub store_memory_rtt_ms: u32,
    /// Store round trip for a relational database.
    pub store_rdb_rtt_ms: u32,
    /// Redis replicas acknowledge about once a second.
    pub store_replica_lag_ms: u32,
    /// Sentinel declares the primary down after 30 s.
    pub store_failover_ms: u32,
    /// A server cut off from the store hears nothing back (no refusal crosses a partition): it gives
    /// up on the store after this long and answers 5xx. The client library's timeout: 2 s here, as
    /// the printed configuration sets it; left unset, Lettuce waits 60 s and the PostgreSQL driver
    /// for ever.
    pub store_timeout_ms: u32,
    /// Snapshot period for `Persistence::Snapshot`.
    pub store_snapshot_interval_ms: u32,
    /// A crashed (or out-of-memory) server is restarted by its supervisor this long after the crash,
    /// empty (systemd `Restart=on-failure`, a Kubernetes container restart: a few seconds including
    /// the process's start). `None`: it stays down until restarted by hand.
    pub server_restart_ms: Option<u32>,
}

impl Default for Timing {
    fn default() -> Self {
        Timing::DEFAULT
    }
}

// The defaults as constants, so that constant tables (the tour) can start from them.
impl Timing {
    pub const DEFAULT: Timing = Timing {
        client_hop_ms: 40,
        lan_hop_ms: 10,
        service_ms: 20,
        concurrency: 8,
        server_memory_bytes: 1 << 30,
        full_session_bytes: 16 * 1024,
        key_only_session_bytes: 256,
        health_check_interval_ms: 2_000,
        health_check_failures: 3,
        fail_timeout_ms: 10_000,
        peer_loss_ms: 3_000,
        remote_timeout_ms: 15_000,
        session_timeout_ms: 30 * 60 * 1_000,
        store_memory_rtt_ms: 1,
        store_rdb_rtt_ms: 8,
        store_replica_lag_ms: 1_000,
        store_failover_ms: 30_000,
        store_timeout_ms: 2_000,
        store_snapshot_interval_ms: 60_000,
        server_restart_ms: Some(5_000),
    };
}

impl Default for Config {
    fn default() -> Self {
        Config::DEFAULT
    }
}

impl Config {
    pub const DEFAULT: Config = Config {
        seed: 1,
        strategy: Strategy::None,
        sticky_by: StickyBy::Cookie,
        balancer: Balancer::RoundRobin,
        servers: 3,
        users: 6,
        users_per_ip: 1,
        think_time_ms: 1_500,
        skew: 0.5,
        replication: Replication::Async,
        replication_lag_ms: 50,
        store_kind: StoreKind::Memory,
        store_persistence: Persistence::None,
        store_replica: false,
        timing: Timing::DEFAULT,
    };
}

/// Limits shared by the scenario validator and the model.
pub const MAX_SERVERS: u32 = 64;
pub const MAX_USERS: u32 = 100_000;
