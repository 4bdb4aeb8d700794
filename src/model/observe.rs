//! What the outside (view, runner, tests) can read of the world. Plain data, no behaviour.

use super::config::Micros;
use serde::Serialize;

pub use super::ids::{ServerId, SessionId, UserId};

/// Where a message starts or ends, for drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Endpoint {
    User(UserId),
    Balancer,
    Server(ServerId),
    Store,
    Replica,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MessageKind {
    Request,
    ResponseOk,
    /// 401: the session exists elsewhere, not where it was looked up.
    ResponseMismatch,
    /// 401: the session was destroyed by a fault.
    ResponseLostSession,
    /// 5xx.
    ResponseError,
    Replication,
    ReplicationAck,
    StoreRequest,
    StoreResponse,
    /// The store's connection refused: it is down (Redis's port closed), and the server gives a 5xx.
    StoreRefused,
    /// A key-only server asks the backup for the full session.
    RemoteFetch,
    HealthCheck,
}

/// A message in flight: the view interpolates its position from `sent_at`..`arrives_at` and model time.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub id: u64,
    pub kind: MessageKind,
    pub from: Endpoint,
    pub to: Endpoint,
    pub user: Option<UserId>,
    pub sent_at: Micros,
    pub arrives_at: Micros,
}

/// A node's health as the world knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeState {
    Up,
    /// Crashed, but the balancer (or the cluster) has not noticed yet.
    DownUndetected,
    /// Crashed and known to be down.
    DownDetected,
}

impl NodeState {
    pub fn is_up(self) -> bool {
        self == NodeState::Up
    }
}

/// The role a server's copy of a session plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SessionRole {
    /// The full session, owned here (the only copy, or the primary).
    Full,
    /// A full copy kept for another server (BackupManager backup, or an all-to-all replica).
    Backup,
    /// Only the key and where the full copy lives.
    KeyOnly,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionEntry {
    pub session: SessionId,
    pub user: UserId,
    pub role: SessionRole,
}

/// Something worth telling a person, in structured form; the view words it in the reader's language.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    pub at: Micros,
    pub event: Event,
}

impl Event {
    /// Something that happened to the world (a fault, a detection, a command), as opposed to one
    /// user's request: rare, so kept much longer (`Simulation::incidents`).
    pub fn is_incident(&self) -> bool {
        !matches!(
            self,
            Event::LoggedIn { .. }
                | Event::LoggedOut { .. }
                | Event::Mismatch { .. }
                | Event::LostSession { .. }
                | Event::ExpiredHit { .. }
                | Event::ServerError { .. }
                | Event::Retried { .. }
                | Event::Repinned { .. }
                | Event::RemoteFetched { .. }
                | Event::SessionExpired { .. }
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    LoggedIn {
        user: UserId,
        server: ServerId,
        session: SessionId,
    },
    LoggedOut {
        user: UserId,
        session: SessionId,
    },
    Mismatch {
        user: UserId,
        server: ServerId,
        session: SessionId,
    },
    LostSession {
        user: UserId,
        server: ServerId,
        session: SessionId,
    },
    /// 401: the session had expired (idle timeout).
    ExpiredHit {
        user: UserId,
        server: ServerId,
        session: SessionId,
    },
    ServerError {
        user: UserId,
        server: Option<ServerId>,
    },
    /// A GET whose server died mid-request is retried on the next server (nginx).
    Retried {
        user: UserId,
        server: ServerId,
    },
    SessionExpired {
        user: UserId,
        session: SessionId,
    },
    ServerCrashed {
        server: ServerId,
        sessions_lost: u32,
        out_of_memory: bool,
    },
    ServerRestarted {
        server: ServerId,
    },
    ServerMarkedDown {
        server: ServerId,
    },
    /// A health check found the server answering again.
    ServerMarkedUp {
        server: ServerId,
    },
    Partitioned {
        server: ServerId,
        partitioned: bool,
    },
    /// The cluster noticed a lost peer and restored its copies (promoted backups, chose new ones).
    PeerLost {
        server: ServerId,
        copies_sent: u32,
    },
    ServerAdded {
        server: ServerId,
    },
    ServerRemoved {
        server: ServerId,
    },
    StoreCrashed {
        sessions_lost: u32,
    },
    StoreRestarted {
        sessions_restored: u32,
    },
    /// The replica became the primary, without what it had not yet received: the latest write of
    /// `writes_lost` sessions (they go back to an older version) and `sessions_lost` sessions created
    /// too recently to have reached it at all.
    ReplicaPromoted {
        writes_lost: u32,
        sessions_lost: u32,
    },
    ReplicaCrashed,
    ReplicaRestarted,
    Repinned {
        user: UserId,
        from: ServerId,
        to: ServerId,
    },
    RemoteFetched {
        user: UserId,
        server: ServerId,
        from: ServerId,
    },
    TrafficStarted {
        factor: f64,
    },
    TrafficEnded,
    Applied(super::command::Command),
}

/// The metrics as the runner prints them and the page shows them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    pub requests: u64,
    /// Requests that carried a session cookie (the base of the mismatch share).
    pub authenticated_requests: u64,
    pub ok: u64,
    pub mismatches: u64,
    pub lost_session_hits: u64,
    /// 401 because the session had expired (idle timeout): neither a mismatch nor a loss.
    pub expired_hits: u64,
    pub relogins: u64,
    pub sessions_created: u64,
    pub sessions_lost: u64,
    pub sessions_expired: u64,
    /// Sessions left behind by a mismatch (the user logged in again elsewhere), kept until they expire.
    pub orphaned_sessions: u64,
    pub errors: u64,
    pub replication_messages: u64,
    pub replication_bytes: u64,
    pub store_ops: u64,
    /// Writes the store sent to its replica, and writes lost at a failover (not yet replicated).
    pub store_replication_messages: u64,
    pub store_writes_lost: u64,
    /// Session memory of the store and of its replica (each holds full sessions), and of every node
    /// together (servers, store, replica): what each strategy spends on keeping sessions.
    pub store_memory_bytes: u64,
    pub replica_memory_bytes: u64,
    pub session_memory_bytes: u64,
    pub imbalance: f64,
    pub latency_ms: Latency,
    /// The store's latest round trip in ms (its network, its queue and its work); 0 before the first.
    /// The latest on purpose: it shows at once what a change of store does, where the latency's
    /// quantiles count every request since the start.
    pub store_round_trip_ms: f64,
    pub per_server: Vec<ServerReport>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Latency {
    pub p50: f64,
    pub p99: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ServerReport {
    pub requests: u64,
    pub memory_bytes: u64,
    pub sessions_full: u64,
    pub sessions_key_only: u64,
    pub up: bool,
}

/// One server as the view draws it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServerView {
    pub id: ServerId,
    pub state: NodeState,
    /// The balancer has taken it out (health checks, or nginx `fail_timeout` after a refusal).
    pub marked_down: bool,
    pub memory_bytes: u64,
    pub memory_budget: u64,
    /// Full copies (role Full or Backup) and key-only entries.
    pub sessions_full: u32,
    pub sessions_key_only: u32,
    /// Requests waiting for a worker (or on the wire to it), and requests being worked on.
    pub queue: u32,
    pub in_service: u32,
    /// Requests whose store call gets no answer (the server is cut off from the store), until their
    /// timeout.
    pub waiting_on_store: u32,
    pub requests: u64,
    pub partitioned: bool,
    pub slow_factor: f64,
    /// Down because it ran out of memory.
    pub out_of_memory: bool,
}

/// One user as the view draws it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UserView {
    pub id: UserId,
    /// Stable colour index (the view maps it to a palette).
    pub colour: u32,
    /// IPv4 address, most significant octet first.
    pub ip: u32,
    pub heavy: bool,
    /// Part of the population now (users beyond `users` have left).
    pub active: bool,
    /// The session id in the cookie jar, if any.
    pub session: Option<SessionId>,
    /// The balancer's affinity cookie (`server=N`), if any.
    pub affinity: Option<ServerId>,
    /// The server working on this user's request right now, if any, and what the request is.
    pub in_flight_to: Option<ServerId>,
    pub request: Option<super::users::RequestKind>,
    pub requests: u64,
}

/// The external store and its replica.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StoreView {
    /// `DownUndetected` while Sentinel has not failed over yet.
    pub state: NodeState,
    /// `None` without a replica.
    pub replica: Option<NodeState>,
    pub sessions: u32,
    /// Writes of the last replication-lag window (what a failover now would lose).
    pub unreplicated_writes: u32,
    pub failover_pending: bool,
}

/// Sizes of every growing structure, for the soak test: each must stay under a fixed cap.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Footprint {
    pub live_sessions: u64,
    pub session_slots: u64,
    pub session_slot_capacity: u64,
    pub expiry_entries: u64,
    pub queued_events: u64,
    pub users: u64,
    pub log_entries: u64,
    pub log_capacity: u64,
    pub series_len: u64,
    pub messages: u64,
    pub store_write_buckets: u64,
    pub commands: u64,
    pub timeline: u64,
}
