//! Director mode for the tour: "Show me" plays a step's key moment as a script of phases, slowly enough
//! to follow, then speeds up for the aggregate effect. The script only chooses the playback rate (model
//! time per wall second) of each stretch; the model runs as always, and the clock maps wall time to model
//! time through the script (`Script::model_at`). Also the callout drawn on the picture where the moment
//! happens, as data (its words are in the word tables, `Words::callout`).

use super::clock::SPEEDS;
use super::names::{server_letter, session_label, user_name};
use crate::model::users::client_ip;
use crate::model::{
    Config, Endpoint, Event, MessageKind, Micros, ServerId, StickyBy, Strategy, MS,
};
use crate::scenario::moment::Moment;

/// Model seconds per wall second before the moment: the fault and the wait for the decisive request.
pub const APPROACH_SPEED: f64 = 0.3;
/// An approach shorter than this is skipped at once (a jump the eye does not notice).
pub const INSTANT_APPROACH: Micros = 50 * MS;
/// The decisive request: slow enough that a whole request takes seconds.
pub const MOMENT_SPEED: f64 = 0.025;
/// A wait longer than this (model time) before a moment is played fast, in `LONG_WAIT_WALL_S` or less.
pub const LONG_WAIT: Micros = 2 * crate::model::SECOND;
pub const LONG_WAIT_WALL_S: f64 = 4.0;
/// The least wall time of one hop of the decisive request (a 1 ms store round trip included).
pub const MIN_HOP_S: f64 = 0.5;
/// Model time stands still this long at the outcome, with the callout drawn.
pub const HOLD_S: f64 = 2.5;
/// The aggregate effect (the rest of the reveal window) plays in at most this many wall seconds.
pub const AGGREGATE_WALL_S: f64 = 12.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Approach,
    Moment,
    Hold,
    Aggregate,
}

/// One stretch of the script: model time `from`..`to` shown in `wall_s` seconds (a hold has
/// `from == to`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Phase {
    pub stage: Stage,
    pub from: Micros,
    pub to: Micros,
    pub wall_s: f64,
}

impl Phase {
    /// Model seconds per wall second (0 for a hold).
    pub fn speed(&self) -> f64 {
        if self.wall_s > 0.0 {
            (self.to - self.from) as f64 / 1e6 / self.wall_s
        } else {
            0.0
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Script {
    pub phases: Vec<Phase>,
    /// The model time of the outcome: the answer is shown once the run has reached it.
    pub outcome_at: Micros,
}

impl Script {
    /// The script from the question (`pause_at`) to the end of the reveal window (`until`) around the
    /// step's moments, in order. Without a moment it is one aggregate phase and the outcome is the
    /// pause itself. `outcome_at` is the first moment's.
    pub fn new(pause_at: Micros, moments: &[Moment], until: Micros) -> Script {
        let mut phases = Vec::new();
        let mut at = pause_at;
        let mut outcome_at = None;
        for moment in moments {
            if moment.outcome.at < at {
                continue;
            }
            let outcome = moment.outcome.at;
            outcome_at.get_or_insert(outcome);
            let departure = moment.departure().max(at);
            if departure > at {
                let wait = departure - at;
                let wall_s = if wait < INSTANT_APPROACH {
                    0.0
                } else if wait <= LONG_WAIT {
                    wait as f64 / 1e6 / APPROACH_SPEED
                } else {
                    wait as f64 / 1e6 / ladder_speed(wait, LONG_WAIT_WALL_S)
                };
                phases.push(Phase {
                    stage: Stage::Approach,
                    from: at,
                    to: departure,
                    wall_s,
                });
                at = departure;
            }
            let warp = moment.warp(MOMENT_SPEED, MIN_HOP_S);
            let mut held = false;
            let played_from = at;
            for segment in warp.iter().filter(|s| s.to > played_from) {
                if !held && segment.from >= outcome {
                    phases.push(hold(outcome));
                    held = true;
                }
                phases.push(Phase {
                    stage: Stage::Moment,
                    from: segment.from.max(at),
                    to: segment.to,
                    wall_s: segment.wall_s,
                });
                at = segment.to;
            }
            if !held {
                phases.push(hold(outcome));
            }
        }
        let outcome_at = outcome_at.unwrap_or(pause_at);
        if until > at {
            let remaining = until - at;
            let speed = ladder_speed(remaining, AGGREGATE_WALL_S);
            phases.push(Phase {
                stage: Stage::Aggregate,
                from: at,
                to: until,
                wall_s: remaining as f64 / 1e6 / speed,
            });
        }
        Script { phases, outcome_at }
    }

    pub fn start(&self) -> Micros {
        self.phases.first().map_or(self.outcome_at, |p| p.from)
    }

    pub fn end(&self) -> Micros {
        self.phases.last().map_or(self.outcome_at, |p| p.to)
    }

    /// Wall seconds the whole script takes.
    pub fn wall_s(&self) -> f64 {
        self.phases.iter().map(|p| p.wall_s).sum()
    }

    /// Wall seconds from "Show me" until the hold begins (the outcome on screen).
    pub fn wall_to_outcome(&self) -> f64 {
        self.phases
            .iter()
            .take_while(|p| p.stage != Stage::Hold)
            .map(|p| p.wall_s)
            .sum()
    }

    /// Wall seconds of the stretch from the decisive request's departure to its outcome.
    pub fn wall_of_request(&self) -> f64 {
        self.phases
            .iter()
            .take_while(|p| p.stage != Stage::Hold)
            .filter(|p| p.stage == Stage::Moment)
            .map(|p| p.wall_s)
            .sum()
    }

    /// The phase playing `elapsed_s` wall seconds after the start (none once the script is over).
    pub fn phase_at(&self, elapsed_s: f64) -> Option<&Phase> {
        let mut start = 0.0;
        self.phases.iter().find(|p| {
            start += p.wall_s;
            elapsed_s < start
        })
    }

    /// Model time `elapsed_s` wall seconds after the start: the clock's whole job while directing.
    pub fn model_at(&self, elapsed_s: f64) -> Micros {
        let mut start = 0.0;
        for p in &self.phases {
            if elapsed_s < start + p.wall_s {
                let share = (elapsed_s - start).max(0.0) / p.wall_s;
                return p.from + ((p.to - p.from) as f64 * share) as Micros;
            }
            start += p.wall_s;
        }
        self.end()
    }
}

/// The slowest listed speed that plays `span` of model time in `wall_s` or less.
fn ladder_speed(span: Micros, wall_s: f64) -> f64 {
    let needed = span as f64 / 1e6 / wall_s;
    SPEEDS.into_iter().find(|s| *s >= needed).unwrap_or(needed)
}

fn hold(at: Micros) -> Phase {
    Phase {
        stage: Stage::Hold,
        from: at,
        to: at,
        wall_s: HOLD_S,
    }
}

/// What the callout at the place of the outcome says (its words: `Words::callout`).
#[derive(Clone, Debug, PartialEq)]
pub enum Says {
    /// 401: the server has no such session; `copy_pending`: its copy is still on the way.
    NotFound {
        session: String,
        copy_pending: bool,
    },
    /// 401: the session was destroyed by a fault; `repinned`: on the way, the balancer sent the
    /// user away from the server their affinity cookie named.
    Lost {
        session: String,
        repinned: Option<Repinned>,
    },
    /// 200, and what got it there: the address hashed, the affinity cookie, the copies sent before
    /// answering, the store's round trip in ms.
    Found {
        session: String,
        server: String,
        address: Option<String>,
        pinned: bool,
        copies: usize,
        store_ms: Option<f64>,
    },
    /// 200 after fetching the session from the server that holds it.
    Fetched {
        session: String,
        from: String,
    },
    /// 5xx: the store could not be reached.
    StoreDown,
    /// 5xx: nobody could answer.
    Failed,
    OutOfMemory {
        sessions_lost: u32,
    },
    /// The replica became the primary; the writes it had not received are gone.
    Promoted {
        writes_lost: u32,
        sessions_lost: u32,
    },
}

/// A user whose affinity cookie named a server that is down, sent to another and pinned there.
#[derive(Clone, Debug, PartialEq)]
pub struct Repinned {
    pub user: String,
    pub from: String,
    pub to: String,
}

/// A callout drawn on the picture at `place`.
#[derive(Clone, Debug, PartialEq)]
pub struct Callout {
    pub place: Endpoint,
    pub says: Says,
    /// Who else takes part in the moment (the ends of its messages), which the callout should not cover.
    pub involved: Vec<Endpoint>,
    /// Copies travel between servers in the moment, on the lanes right of the servers.
    pub copies_travel: bool,
}

/// The callout of a moment, from the moment's data and the step's configuration.
pub fn callout(moment: &Moment, config: &Config) -> Option<Callout> {
    let outcome = &moment.outcome;
    let session = outcome.session.map(session_label).unwrap_or_default();
    let says = match &outcome.event {
        Some(Event::Mismatch { .. }) => Says::NotFound {
            session,
            copy_pending: config.strategy == Strategy::ClusterAll,
        },
        Some(Event::LostSession { user, server, .. }) => Says::Lost {
            session,
            repinned: outcome.repinned_from.map(|from| Repinned {
                user: user_name(*user),
                from: server_letter(from),
                to: server_letter(*server),
            }),
        },
        Some(Event::ServerError { .. }) => match config.strategy {
            Strategy::Store => Says::StoreDown,
            Strategy::None | Strategy::Sticky | Strategy::ClusterAll | Strategy::ClusterBackup => {
                Says::Failed
            }
        },
        Some(Event::RemoteFetched { from, .. }) => Says::Fetched {
            session,
            from: server_letter(*from),
        },
        Some(Event::ServerCrashed { sessions_lost, .. }) => Says::OutOfMemory {
            sessions_lost: *sessions_lost,
        },
        Some(Event::ReplicaPromoted {
            writes_lost,
            sessions_lost,
        }) => Says::Promoted {
            writes_lost: *writes_lost,
            sessions_lost: *sessions_lost,
        },
        Some(_) => return None,
        None => found(moment, config, session),
    };
    let copy_pending = matches!(
        says,
        Says::NotFound {
            copy_pending: true,
            ..
        }
    );
    let ends = moment.hops.iter().flat_map(|m| [m.from, m.to]);
    // The copy that has not arrived comes from the server that holds the session: one of them.
    let holders = ServerId::first(config.servers)
        .map(Endpoint::Server)
        .filter(|_| copy_pending);
    let mut involved: Vec<Endpoint> = Vec::new();
    for end in ends.chain(holders) {
        if !involved.contains(&end) {
            involved.push(end);
        }
    }
    let copies_travel = copy_pending
        || moment
            .hops
            .iter()
            .any(|m| matches!(m.kind, MessageKind::Replication | MessageKind::RemoteFetch));
    Some(Callout {
        place: outcome.place,
        says,
        involved,
        copies_travel,
    })
}

/// A 200 and what led to it, read from the decisive request's hops.
fn found(moment: &Moment, config: &Config, session: String) -> Says {
    let place = moment.outcome.place;
    let hops = &moment.hops;
    let store_ms = hops
        .iter()
        .find(|m| m.kind == MessageKind::StoreRequest && m.from == place)
        .and_then(|asked| {
            hops.iter()
                .find(|m| m.kind == MessageKind::StoreResponse && m.sent_at >= asked.sent_at)
                .map(|answer| (answer.arrives_at - asked.sent_at) as f64 / 1e3)
        });
    let copies = hops
        .iter()
        .filter(|m| m.kind == MessageKind::Replication && m.from == place)
        .count();
    let server = match place {
        Endpoint::Server(s) => server_letter(s),
        _ => String::new(),
    };
    let sticky = config.strategy == Strategy::Sticky;
    let address = (sticky && config.sticky_by == StickyBy::Ip)
        .then_some(moment.outcome.user)
        .flatten()
        .map(|user| {
            std::net::Ipv4Addr::from(client_ip(config.seed, user, config.users_per_ip)).to_string()
        });
    Says::Found {
        session,
        server,
        address,
        pinned: sticky && config.sticky_by == StickyBy::Cookie,
        copies,
        store_ms,
    }
}

/// A round trip as the callout shows it: "1 ms", "8 ms", "0.5 ms".
pub fn ms_text(ms: f64) -> String {
    let decimals = if ms < 1.0 { 1 } else { 0 };
    // A no-break space: a callout broken into lines keeps the number with its unit.
    format!("{}\u{a0}ms", crate::number::fixed(ms, decimals))
}
