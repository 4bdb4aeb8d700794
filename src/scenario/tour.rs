//! The guided tour: one step per idea, from the problem to each fix and its weakness. Pure data: every
//! step is a scenario the model really runs and a moment to pause at and ask the viewer to predict. What
//! each step says (caption, question, answer) is in the view's word tables (`src/view/words`), looked up
//! by its `Topic`; tests/tour_steps.rs checks each claim against the model.

use super::moment::{self, Cue, Moment};
use super::preset;
use super::{Scenario, TimedCommand};
use crate::model::{
    Balancer, Command, Config, Endpoint, Event, Message, MessageKind, Micros, Persistence,
    Replication, ServerId, StickyBy, StoreKind, Strategy, UserId, MS, SECOND,
};
use std::cell::RefCell;

/// What a step is about. Its words (title, caption, question, answer) are in the view's word tables,
/// looked up by this.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Topic {
    Problem,
    OneServer,
    OneServerCeiling,
    StickyCookie,
    StickyCrash,
    StickyIpNat,
    ClusterAll,
    ClusterAsyncWindow,
    PrimaryBackup,
    PrimaryBackupDoubleLoss,
    Store,
    StoreCrash,
    StoreFailover,
    StoreServerCrash,
    RdbVsMemory,
}

impl Topic {
    /// In tour order.
    pub const ALL: [Topic; STEP_COUNT] = [
        Topic::Problem,
        Topic::OneServer,
        Topic::OneServerCeiling,
        Topic::StickyCookie,
        Topic::StickyCrash,
        Topic::StickyIpNat,
        Topic::ClusterAll,
        Topic::ClusterAsyncWindow,
        Topic::PrimaryBackup,
        Topic::PrimaryBackupDoubleLoss,
        Topic::Store,
        Topic::StoreCrash,
        Topic::StoreFailover,
        Topic::StoreServerCrash,
        Topic::RdbVsMemory,
    ];

    /// A stable, URL-safe name for the step (keys, anchors, test names).
    pub fn id(self) -> &'static str {
        match self {
            Topic::Problem => "problem",
            Topic::OneServer => "one-server",
            Topic::OneServerCeiling => "one-server-ceiling",
            Topic::StickyCookie => "sticky-cookie",
            Topic::StickyCrash => "sticky-crash",
            Topic::StickyIpNat => "sticky-ip-nat",
            Topic::ClusterAll => "cluster-all",
            Topic::ClusterAsyncWindow => "cluster-async-window",
            Topic::PrimaryBackup => "primary-backup",
            Topic::PrimaryBackupDoubleLoss => "primary-backup-double-loss",
            Topic::Store => "store",
            Topic::StoreCrash => "store-crash",
            Topic::StoreFailover => "store-failover",
            Topic::StoreServerCrash => "store-server-crash",
            Topic::RdbVsMemory => "rdb-vs-memory",
        }
    }
}

pub struct TourStep {
    pub topic: Topic,
    /// `topic.id()`.
    pub id: &'static str,
    /// The step's world. Its `duration` is the end of the reveal window.
    pub scenario: Scenario,
    /// The app advances the step's simulation to this model time, pauses, and asks the question.
    pub pause_at: Micros,
    /// data-testids to mark (class `tour-highlight`) once the answer is revealed.
    pub highlight: Vec<&'static str>,
    /// How the step's key moment is recognised (the director plays it slowly, see `moment`).
    pub cue: MomentCue,
    /// A second key moment, looked for after the given model time (the store back empty, the replica
    /// promoted).
    pub then: Option<(Micros, MomentCue)>,
}

/// What the key moment of a step is, as data: the director finds it by running the step ahead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MomentCue {
    /// The first rejected request: a 401 (mismatch, lost session) or a 5xx.
    Rejection,
    /// A server answers this user successfully.
    AnswerTo(UserId),
    /// A server answers a request that left its user at or after this model time.
    AnswerToRequestFrom(Micros),
    /// This server answers successfully for the first time (a server just added).
    NewServerAnswers(ServerId),
    /// A server that holds the key only fetches the session from its primary.
    Fetch,
    /// The server runs out of memory.
    OutOfMemory,
    /// A user sent to this (dead) server is answered successfully by another one.
    ServedDespiteDown(ServerId),
    /// The store's replica is promoted to primary.
    Promotion,
}

impl TourStep {
    /// End of the reveal window: after "show me", playing up to here shows the answer.
    pub fn reveal_until(&self) -> Micros {
        self.scenario.duration
    }

    /// The step's key moment: the first time its cue holds after the pause, within the reveal window.
    /// Runs the step's scenario once more (a few simulated seconds of a small world).
    pub fn moment(&self) -> Option<Moment> {
        self.find(self.cue, self.pause_at)
    }

    /// The step's key moments in order: the first, and the second if the step has one.
    pub fn moments(&self) -> Vec<Moment> {
        let first = self.moment();
        let second = first
            .as_ref()
            .and(self.then)
            .and_then(|(from, cue)| self.find(cue, from));
        first.into_iter().chain(second).collect()
    }

    /// The first time `cue` holds after `from`, within the reveal window.
    fn find(&self, cue: MomentCue, from: Micros) -> Option<Moment> {
        let until = self.reveal_until();
        let ok_from_server = |m: &Message| {
            m.kind == MessageKind::ResponseOk && matches!(m.from, Endpoint::Server(_))
        };
        // The first event, or message, after `from` for which `cue` holds.
        let event = |cue: &dyn Fn(&Event) -> bool| {
            moment::find(&self.scenario, from, until, Cue::Event(cue))
        };
        let message = |cue: &dyn Fn(&Message) -> bool| {
            moment::find(&self.scenario, from, until, Cue::Message(cue))
        };
        match cue {
            MomentCue::Promotion => event(&|e| matches!(e, Event::ReplicaPromoted { .. })),
            MomentCue::Rejection => event(&|e| {
                matches!(
                    e,
                    Event::Mismatch { .. } | Event::LostSession { .. } | Event::ServerError { .. }
                )
            }),
            MomentCue::AnswerTo(user) => message(&|m| ok_from_server(m) && m.user == Some(user)),
            MomentCue::AnswerToRequestFrom(at) => {
                let asked: RefCell<Vec<UserId>> = RefCell::new(Vec::new());
                let cue = |m: &Message| {
                    if m.kind == MessageKind::Request && m.sent_at >= at {
                        if let (Endpoint::User(user), Endpoint::Balancer) = (m.from, m.to) {
                            asked.borrow_mut().push(user);
                        }
                        return false;
                    }
                    ok_from_server(m) && m.user.is_some_and(|u| asked.borrow().contains(&u))
                };
                message(&cue)
            }
            MomentCue::NewServerAnswers(server) => {
                message(&|m| ok_from_server(m) && m.from == Endpoint::Server(server))
            }
            MomentCue::Fetch => event(&|e| matches!(e, Event::RemoteFetched { .. })),
            MomentCue::OutOfMemory => event(&|e| {
                matches!(
                    e,
                    Event::ServerCrashed {
                        out_of_memory: true,
                        ..
                    }
                )
            }),
            MomentCue::ServedDespiteDown(down) => {
                // Users whose request the balancer sent to the dead server (messages come in sending
                // order, so the refused attempt is seen before the answer from elsewhere).
                let sent_to_down: RefCell<Vec<UserId>> = RefCell::new(Vec::new());
                let cue = |m: &Message| {
                    if m.kind == MessageKind::Request && m.to == Endpoint::Server(down) {
                        if let Some(user) = m.user {
                            sent_to_down.borrow_mut().push(user);
                        }
                        return false;
                    }
                    ok_from_server(m)
                        && m.from != Endpoint::Server(down)
                        && m.user.is_some_and(|u| sent_to_down.borrow().contains(&u))
                };
                let crash_from = self
                    .scenario
                    .timeline
                    .iter()
                    .find(|c| c.command == Command::CrashServer(down))
                    .map_or(from, |c| c.at.max(from));
                moment::find(&self.scenario, crash_from, until, Cue::Message(&cue))
            }
        }
    }
}

/// Sessions the server of step 3 has memory for: small on purpose, so the ceiling is reached on screen.
pub const CEILING_SESSIONS: u64 = 200;

/// When the crash of the crash steps happens.
const CRASH: Micros = 8 * SECOND;
/// When step 3's sale starts.
const SALE_STARTS: Micros = 5 * SECOND;
/// When step 11 adds a server.
const SCALE_OUT: Micros = 6 * SECOND;
/// Users of the office behind one NAT address (step 6).
const OFFICE_USERS: u32 = 12;

/// A few named users clicking at a pace the eye can follow.
pub(super) const fn classroom(strategy: Strategy, servers: u32, users: u32) -> Config {
    Config {
        strategy,
        servers,
        users,
        balancer: Balancer::RoundRobin,
        think_time_ms: 1_500,
        ..Config::DEFAULT
    }
}

/// Step 1's world: the problem itself.
const fn problem() -> Config {
    classroom(Strategy::None, 3, 2)
}

/// Step 3's world: one server with memory for `CEILING_SESSIONS`.
const fn ceiling_config() -> Config {
    let mut config = classroom(Strategy::None, 1, 40);
    config.think_time_ms = 1_000;
    config.timing.server_memory_bytes = CEILING_SESSIONS * config.timing.full_session_bytes as u64;
    config
}

/// The sticky world of steps 4 and 5.
const fn sticky_cookie() -> Config {
    Config {
        sticky_by: StickyBy::Cookie,
        ..classroom(Strategy::Sticky, 3, 6)
    }
}

/// The cluster of steps 7 and 8. `lag_ms` is the one-way delay of a replication message.
const fn cluster_all(replication: Replication, lag_ms: u32) -> Config {
    Config {
        replication,
        replication_lag_ms: lag_ms,
        think_time_ms: 800,
        ..classroom(Strategy::ClusterAll, 3, 6)
    }
}

/// The external store of steps 11 to 14.
const fn store(replica: bool) -> Config {
    Config {
        store_kind: StoreKind::Memory,
        store_persistence: Persistence::None,
        store_replica: replica,
        ..classroom(Strategy::Store, 3, 8)
    }
}

/// Step 13's world: a store with a replica.
const fn failover_config() -> Config {
    let mut config = store(true);
    // Sentinel's 30 s detection would make the class wait; the effect is the same with 5 s.
    config.timing.store_failover_ms = 5_000;
    config.think_time_ms = 500;
    config.users = 20;
    config
}

/// A step as constant data (the fields of `TourStep`, its scenario spelled out): one table and one
/// conversion.
struct Step {
    topic: Topic,
    config: Config,
    duration: Micros,
    timeline: &'static [(Micros, Command)],
    pause_at: Micros,
    highlight: &'static [&'static str],
    cue: MomentCue,
    then: Option<(Micros, MomentCue)>,
}

pub fn steps() -> Vec<TourStep> {
    STEPS.iter().map(TourStep::from).collect()
}

/// Step `index` (from 0) alone: building a step builds its scenario.
pub fn step(index: usize) -> Option<TourStep> {
    STEPS.get(index).map(TourStep::from)
}

impl From<&Step> for TourStep {
    fn from(step: &Step) -> TourStep {
        TourStep {
            topic: step.topic,
            id: step.topic.id(),
            scenario: Scenario {
                config: step.config.clone(),
                duration: step.duration,
                timeline: step
                    .timeline
                    .iter()
                    .map(|(at, command)| TimedCommand {
                        at: *at,
                        command: command.clone(),
                    })
                    .collect(),
            },
            pause_at: step.pause_at,
            highlight: step.highlight.to_vec(),
            cue: step.cue,
            then: step.then,
        }
    }
}

/// How many steps the tour has: `?tour=N` names one of them, counting from 1.
pub const STEP_COUNT: usize = 15;

/// The steps in order.
static STEPS: [Step; STEP_COUNT] = [
    Step {
        topic: Topic::Problem,
        config: problem(),
        duration: 20 * SECOND,
        timeline: &[],
        pause_at: 200 * MS,
        highlight: &["server-1", "metric-mismatches"],
        then: None,
        cue: MomentCue::Rejection,
    },
    Step {
        topic: Topic::OneServer,
        config: classroom(Strategy::None, 1, 2),
        duration: 20 * SECOND,
        timeline: &[],
        pause_at: 200 * MS,
        highlight: &["server-0", "metric-mismatches"],
        then: None,
        cue: MomentCue::AnswerTo(UserId(0)),
    },
    Step {
        topic: Topic::OneServerCeiling,
        config: ceiling_config(),
        duration: 40 * SECOND,
        timeline: &[
            // Ten times the arrivals: 360 new visitors join the 40 users for 15 s.
            (
                SALE_STARTS,
                Command::Traffic {
                    factor: 10.0,
                    for_ms: 15_000,
                },
            ),
            (
                SALE_STARTS + 20 * SECOND,
                Command::RestartServer(ServerId(0)),
            ),
        ],
        pause_at: SALE_STARTS - 100 * MS,
        highlight: &["server-0", "metric-sessions-lost"],
        then: None,
        cue: MomentCue::OutOfMemory,
    },
    Step {
        topic: Topic::StickyCookie,
        config: sticky_cookie(),
        duration: 20 * SECOND,
        timeline: &[],
        pause_at: 200 * MS,
        highlight: &["lb", "metric-mismatches"],
        then: None,
        cue: MomentCue::AnswerTo(UserId(0)),
    },
    Step {
        topic: Topic::StickyCrash,
        config: sticky_cookie(),
        duration: 30 * SECOND,
        timeline: &[(CRASH, Command::CrashServer(ServerId(1)))],
        pause_at: CRASH - 200 * MS,
        highlight: &["server-1", "metric-sessions-lost", "metric-relogins"],
        then: None,
        cue: MomentCue::Rejection,
    },
    Step {
        topic: Topic::StickyIpNat,
        config: Config {
            sticky_by: StickyBy::Ip,
            users_per_ip: OFFICE_USERS,
            ..classroom(Strategy::Sticky, 3, OFFICE_USERS)
        },
        duration: 30 * SECOND,
        timeline: &[],
        pause_at: 200 * MS,
        highlight: &["metric-imbalance"],
        then: None,
        cue: MomentCue::AnswerTo(UserId(0)),
    },
    Step {
        topic: Topic::ClusterAll,
        config: cluster_all(Replication::Sync, 50),
        duration: 20 * SECOND,
        timeline: &[],
        pause_at: 250 * MS,
        highlight: &[
            "metric-replication-messages",
            "server-0",
            "server-1",
            "server-2",
        ],
        then: None,
        cue: MomentCue::AnswerTo(UserId(2)),
    },
    Step {
        topic: Topic::ClusterAsyncWindow,
        config: cluster_all(Replication::Async, 1_500),
        duration: 20 * SECOND,
        timeline: &[],
        pause_at: 150 * MS,
        highlight: &["metric-mismatches", "metric-replication-messages"],
        then: None,
        cue: MomentCue::Rejection,
    },
    Step {
        topic: Topic::PrimaryBackup,
        config: classroom(Strategy::ClusterBackup, 4, 8),
        duration: 20 * SECOND,
        timeline: &[],
        pause_at: 200 * MS,
        highlight: &["server-0", "server-1", "server-2", "server-3"],
        then: None,
        cue: MomentCue::Fetch,
    },
    Step {
        topic: Topic::PrimaryBackupDoubleLoss,
        config: classroom(Strategy::ClusterBackup, 3, 9),
        duration: 30 * SECOND,
        timeline: &[
            (CRASH, Command::CrashServer(ServerId(0))),
            (CRASH, Command::CrashServer(ServerId(1))),
        ],
        pause_at: CRASH - 200 * MS,
        highlight: &["server-0", "server-1", "metric-sessions-lost"],
        then: None,
        cue: MomentCue::Rejection,
    },
    Step {
        topic: Topic::Store,
        config: store(false),
        duration: 25 * SECOND,
        timeline: &[(SCALE_OUT, Command::AddServer)],
        pause_at: SCALE_OUT - 200 * MS,
        highlight: &["store", "server-3", "metric-mismatches"],
        then: None,
        cue: MomentCue::NewServerAnswers(ServerId(3)),
    },
    Step {
        topic: Topic::StoreCrash,
        config: store(false),
        duration: 30 * SECOND,
        timeline: &[
            (CRASH, Command::CrashStore),
            (CRASH + 10 * SECOND, Command::RestartStore),
        ],
        pause_at: CRASH - 200 * MS,
        highlight: &["store", "metric-errors", "metric-sessions-lost"],
        // Back empty: the first request after the restart finds its session gone.
        then: Some((CRASH + 10 * SECOND, MomentCue::Rejection)),
        cue: MomentCue::Rejection,
    },
    Step {
        topic: Topic::StoreFailover,
        config: failover_config(),
        duration: 30 * SECOND,
        timeline: &[(CRASH, Command::CrashStore)],
        pause_at: CRASH - 200 * MS,
        highlight: &["store", "metric-errors", "metric-store-writes-lost"],
        then: Some((CRASH, MomentCue::Promotion)),
        cue: MomentCue::Rejection,
    },
    Step {
        topic: Topic::StoreServerCrash,
        // Like for like with step 5: the same six users, servers, think time and crash; only the
        // sessions live in the store.
        config: Config {
            users: 6,
            ..store(false)
        },
        duration: 30 * SECOND,
        timeline: &[(CRASH, Command::CrashServer(ServerId(1)))],
        pause_at: CRASH - 200 * MS,
        highlight: &["server-1", "metric-relogins", "metric-sessions-lost"],
        then: None,
        cue: MomentCue::ServedDespiteDown(ServerId(1)),
    },
    Step {
        topic: Topic::RdbVsMemory,
        config: preset::rdb_vs_memory_config(),
        duration: 15 * SECOND,
        timeline: &[(
            preset::SWITCH_TO_RDB_AT,
            Command::SetStoreKind(StoreKind::Rdb),
        )],
        pause_at: preset::SWITCH_TO_RDB_AT - 100 * MS,
        highlight: &["store", "metric-store-round-trip-ms", "metric-latency"],
        then: None,
        cue: MomentCue::AnswerToRequestFrom(preset::SWITCH_TO_RDB_AT),
    },
];
