//! The one place that reads the model for drawing: pure projections of `Simulation` state into plain,
//! comparable values (so memoised components re-render only when something they show changed).
//! Nothing here keeps state or estimates anything the model does not say.

use crate::model::{
    LogEntry, Message, NodeState, Report, Sample, SeriesMetric, ServerId, SessionEntry, SessionId,
    SessionRole, Simulation, Strategy, UserId,
};

/// Chips drawn per box at most; the rest is a count.
const CHIPS_KEPT: usize = 120;
/// Above this many (live sessions × servers), listing sessions per server costs too much per refresh:
/// boxes show counts and memory only.
const CHIP_WORK_LIMIT: u64 = 3_000_000;

/// What one server box shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerView {
    pub id: ServerId,
    pub state: NodeState,
    /// The first entries of the session table, in the model's order (chips are drawn from these).
    pub sessions: Vec<SessionEntry>,
    /// Full sessions and backup copies (`sessions_full` counts both; `sessions_backup` the backups among
    /// them, counted in the listed sessions), and key-only entries.
    pub sessions_full: u64,
    pub sessions_backup: u64,
    pub sessions_key_only: u64,
    pub memory_used: u64,
    pub memory_budget: u64,
    pub queue: u32,
    pub in_service: u32,
    pub waiting_on_store: u32,
    pub requests: u64,
    pub partitioned: bool,
    pub slow: bool,
    pub out_of_memory: bool,
    /// The listed sessions nobody will use again (their user's cookie holds another one): dimmed.
    pub orphans: Vec<SessionEntry>,
    /// How many of all its sessions, listed or not, are orphaned.
    pub orphaned: u64,
    /// Sessions lost here to a fault in the last few seconds of model time: drawn as ghosts (at most
    /// `CHIPS_KEPT` of them), and how many they are in all.
    pub ghosts: Vec<SessionEntry>,
    pub ghosts_lost: u64,
}

/// The external store (only under `Strategy::Store`) and its replica.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreView {
    pub state: NodeState,
    pub sessions: Vec<SessionEntry>,
    pub session_count: u64,
    pub replica: Option<NodeState>,
    pub unreplicated: u32,
    pub ops: u64,
    /// The node that started as the replica is the primary now.
    pub promoted: bool,
    /// What the replica holds, and which of those copies trail the primary's newer write.
    pub replica_sessions: Vec<SessionEntry>,
    pub trailing: Vec<SessionEntry>,
    /// Sessions whose latest write the last failover lost.
    pub stale: Vec<SessionEntry>,
}

/// What a user's browser holds: the session cookie and, with sticky sessions, the server it is pinned to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cookie {
    pub session: Option<SessionId>,
    pub pinned: Option<ServerId>,
    /// The user's re-logins and lost sessions so far.
    pub relogins: u32,
    pub lost: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WorldView {
    pub strategy: Strategy,
    pub users: u32,
    /// Per user, when users are drawn one by one (a handful); empty for crowds.
    pub cookies: Vec<Cookie>,
    pub servers: Vec<ServerView>,
    pub store: Option<StoreView>,
}

pub fn world(sim: &Simulation) -> WorldView {
    let config = sim.config();
    let count = sim.server_count();
    let chips = u64::from(sim.live_sessions()) * u64::from(count.max(1)) <= CHIP_WORK_LIMIT;
    let mut lists = if chips {
        sim.sessions_by_server()
    } else {
        Vec::new()
    };
    let servers = sim
        .servers()
        .into_iter()
        .map(|v| {
            let mut sessions = lists
                .get_mut(v.id.index())
                .map(std::mem::take)
                .unwrap_or_default();
            let backups = sessions
                .iter()
                .filter(|e| e.role == SessionRole::Backup)
                .count() as u64;
            let orphaned = sessions.iter().filter(|e| sim.orphaned(e)).count() as u64;
            sessions.truncate(CHIPS_KEPT);
            let orphans = sessions
                .iter()
                .filter(|e| sim.orphaned(e))
                .copied()
                .collect();
            let mut ghosts: Vec<SessionEntry> = sim
                .ghosts_on(v.id)
                .into_iter()
                .map(|g| SessionEntry {
                    session: g.session,
                    user: g.user,
                    role: SessionRole::Full,
                })
                .collect();
            let ghosts_lost = ghosts.len() as u64;
            ghosts.truncate(CHIPS_KEPT);
            ServerView {
                orphans,
                orphaned,
                ghosts,
                ghosts_lost,
                id: v.id,
                state: v.state,
                sessions,
                sessions_full: u64::from(v.sessions_full),
                sessions_backup: backups,
                sessions_key_only: u64::from(v.sessions_key_only),
                memory_used: v.memory_bytes,
                memory_budget: v.memory_budget,
                queue: v.queue,
                in_service: v.in_service,
                waiting_on_store: v.waiting_on_store,
                requests: v.requests,
                partitioned: v.partitioned,
                slow: v.slow_factor > 1.0,
                out_of_memory: v.out_of_memory,
            }
        })
        .collect();
    let store = (config.strategy == Strategy::Store).then(|| {
        let s = sim.store();
        let mut sessions = if chips {
            sim.store_sessions()
        } else {
            Vec::new()
        };
        sessions.truncate(CHIPS_KEPT);
        let (replica_sessions, trailing) = if chips {
            let list = sim.replica_sessions();
            let trailing = list
                .iter()
                .filter(|e| e.trailing)
                .map(|e| e.entry)
                .collect();
            let mut all: Vec<SessionEntry> = list.into_iter().map(|e| e.entry).collect();
            all.truncate(CHIPS_KEPT);
            (all, trailing)
        } else {
            (Vec::new(), Vec::new())
        };
        let stale_ids = sim.stale_after_failover();
        let stale = sessions
            .iter()
            .filter(|e| stale_ids.binary_search(&e.session).is_ok())
            .copied()
            .collect();
        StoreView {
            promoted: sim.store_promoted(),
            replica_sessions,
            trailing,
            stale,
            state: s.state,
            sessions,
            session_count: u64::from(s.sessions),
            replica: s.replica,
            unreplicated: s.unreplicated_writes,
            ops: sim.metrics().store_ops,
        }
    });
    let users = sim.active_users();
    let cookies = if users <= super::layout::MAX_USER_SLOTS {
        (0..users)
            .map(UserId)
            .map(|u| {
                let user = sim.user(u);
                let tally = sim.user_tally(u);
                Cookie {
                    session: user.and_then(|v| v.session),
                    pinned: user.and_then(|v| v.affinity),
                    relogins: tally.relogins,
                    lost: tally.sessions_lost,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    WorldView {
        strategy: config.strategy,
        users,
        cookies,
        servers,
        store,
    }
}

/// Messages on the wire now: sent already (the model may record a send a moment ahead) and not arrived.
pub fn messages_now(sim: &Simulation) -> impl Iterator<Item = &Message> {
    let now = sim.now();
    sim.messages()
        .iter()
        .filter(move |m| m.sent_at <= now && m.arrives_at >= now)
}

pub fn in_flight(sim: &Simulation) -> usize {
    messages_now(sim).count()
}

/// The model's metrics. Read a few times per second while playing, and after every action.
pub fn report(sim: &Simulation) -> Report {
    sim.report()
}

pub fn server_count(sim: &Simulation) -> u32 {
    sim.server_count()
}

pub fn server_state(sim: &Simulation, server: ServerId) -> Option<NodeState> {
    sim.server(server).map(|s| s.state)
}

pub fn store_state(sim: &Simulation) -> Option<NodeState> {
    (sim.config().strategy == Strategy::Store).then(|| sim.store().state)
}

pub fn replica_state(sim: &Simulation) -> Option<NodeState> {
    if sim.config().strategy == Strategy::Store {
        sim.store().replica
    } else {
        None
    }
}

/// Recent log entries, each with a key that stays the same while the entry is shown (the model's ring
/// drops old entries in chunks, so a position is not stable; time plus rank within that instant is).
pub fn recent_log(sim: &Simulation, count: usize) -> Vec<(u64, LogEntry)> {
    let log = sim.log();
    let start = log.len().saturating_sub(count);
    (start..log.len())
        .map(|i| {
            let at = log[i].at;
            let rank = log[..i].iter().rev().take_while(|e| e.at == at).count() as u64;
            (at.wrapping_mul(1024).wrapping_add(rank), log[i].clone())
        })
        .collect()
}

/// The newest log entry's key (see `recent_log`), if there is one.
pub fn newest_log_key(sim: &Simulation) -> Option<u64> {
    recent_log(sim, 1).first().map(|(key, _)| *key)
}

/// The last `points` values of `metric`, one per sampling interval, oldest first.
pub fn series(sim: &Simulation, metric: SeriesMetric, points: usize) -> Vec<f64> {
    let series = sim.series();
    let skip = series.len().saturating_sub(points + 1);
    let samples: Vec<&Sample> = series.iter().skip(skip).collect();
    samples
        .windows(2)
        .map(|w| match (metric.read(w[0]), metric.read(w[1])) {
            ((before, true), (after, true)) => (after - before).max(0.0),
            (_, (level, _)) => level,
        })
        .collect()
}

pub fn role_rank(role: SessionRole) -> u8 {
    match role {
        SessionRole::Full => 0,
        SessionRole::Backup => 1,
        SessionRole::KeyOnly => 2,
    }
}
