//! The key moment of an effect, found by running its scenario ahead: where and when the decisive outcome
//! happens (a 401 at server B, a 502 when memory runs out, the first answer of a new server) and the hops
//! of the request that led to it, with their model times. A director plays those hops slowly enough to
//! follow (`Moment::warp`); nothing here is hard-coded per step, so a change in the model moves the
//! moment with it. Pure: the model, run once more, nothing else.

use super::Scenario;
use crate::model::{
    Endpoint, Event, Message, MessageKind, Micros, ServerId, SessionId, UserId, SECOND,
};

/// How the moment is recognised.
pub enum Cue<'a> {
    /// The first event of the log after `from` for which this holds; its place is where it happened.
    Event(&'a dyn Fn(&Event) -> bool),
    /// The first message sent after `from` for which this holds; its sender is the place.
    Message(&'a dyn Fn(&Message) -> bool),
}

/// Where and when the outcome happens, and whose it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub at: Micros,
    pub place: Endpoint,
    pub user: Option<UserId>,
    /// The log entry that is the outcome (none for an answer the log does not record, such as a 200).
    pub event: Option<Event>,
    /// The session the user's cookie carries at the outcome (from the event, or the user's last login).
    pub session: Option<SessionId>,
    /// The server the user's affinity cookie named, when the balancer sent the decisive request
    /// elsewhere and re-pinned the user with its answer (sticky sessions, the named server down).
    pub repinned_from: Option<ServerId>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Moment {
    pub outcome: Outcome,
    /// The decisive request, from leaving its user until its answer is back: the user's messages and
    /// the messages of the outcome's place meanwhile (copies, store round trips, fetches), by sending time.
    pub hops: Vec<Message>,
}

/// One stretch of model time and how long it is shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub from: Micros,
    pub to: Micros,
    pub wall_s: f64,
}

/// How far back a decisive request may have left its user before the moment is looked for.
const LOOKBACK: Micros = 2 * SECOND;
/// How long after the outcome the answer may take to reach the user.
const ANSWER_WITHIN: Micros = 2 * SECOND;
/// Messages kept while looking (a tour step sends far fewer).
const MAX_KEPT: usize = 200_000;

/// Run `scenario` from the start and find the first cue after `from`, at the latest at `until`.
pub fn find(scenario: &Scenario, from: Micros, until: Micros, cue: Cue) -> Option<Moment> {
    let mut sim = scenario.traced_simulation();
    let mut kept: Vec<Message> = Vec::new();
    let mut newest_id = 0;
    let mut outcome: Option<Outcome> = None;
    let mut answer_scan = 0;
    let keep_from = from.saturating_sub(LOOKBACK);
    loop {
        let before = sim.now();
        if !sim.step() {
            break;
        }
        let fresh = kept.len();
        let seen = newest_id;
        for m in sim.messages().iter().filter(|m| m.id > seen) {
            newest_id = newest_id.max(m.id);
            if m.kind != MessageKind::HealthCheck && m.sent_at >= keep_from && kept.len() < MAX_KEPT
            {
                kept.push(m.clone());
            }
        }
        if outcome.is_none() {
            outcome = match cue {
                // Entries of this step are at the log's end, stamped no earlier than the step began;
                // re-reading earlier ones of the same instant is harmless (they did not match).
                Cue::Event(holds) => sim
                    .log()
                    .iter()
                    .rev()
                    .take_while(|e| e.at >= before)
                    .filter(|e| e.at > from && holds(&e.event))
                    .last()
                    .and_then(|e| {
                        place_of(&e.event).map(|(place, user)| Outcome {
                            at: e.at,
                            place,
                            user,
                            event: Some(e.event.clone()),
                            session: session_of(&e.event),
                            repinned_from: None,
                        })
                    }),
                Cue::Message(holds) => kept[fresh..]
                    .iter()
                    .find(|m| m.sent_at > from && holds(m))
                    .map(|m| Outcome {
                        at: m.sent_at,
                        place: m.from,
                        user: m.user,
                        event: None,
                        session: None,
                        repinned_from: None,
                    }),
            };
            if outcome.is_none() && before > until {
                return None;
            }
            // The answer may have been recorded in this very step.
            answer_scan = fresh;
        }
        // Go on until the answer is on its way back to the user (bounded).
        if let Some(found) = &outcome {
            let answered = found.user.is_none_or(|u| {
                kept[answer_scan..]
                    .iter()
                    .any(|m| m.to == Endpoint::User(u) && m.sent_at >= found.at)
            });
            answer_scan = kept.len();
            if answered || sim.now() > found.at + ANSWER_WITHIN {
                break;
            }
        }
    }
    let mut outcome = outcome?;
    if outcome.session.is_none() {
        // The session the user holds: their last login up to the outcome.
        outcome.session = outcome.user.and_then(|user| {
            sim.log()
                .iter()
                .rev()
                .filter(|e| e.at <= outcome.at)
                .find_map(|e| match e.event {
                    Event::LoggedIn {
                        user: u, session, ..
                    } if u == user => Some(session),
                    _ => None,
                })
        });
    }
    let hops = decisive_hops(&kept, &outcome);
    if let Some(
        Event::RemoteFetched { .. }
        | Event::ServerError {
            server: Some(_), ..
        },
    ) = outcome.event
    {
        // A fetch is decided as it leaves, but it is seen done when the server answers with the
        // fetched session in hand; a server's 5xx for a store that is down, when the refusal is back.
        // The moment is held then, the server's question and its reply both on the picture.
        if let Some(answer) = hops.iter().find(|m| {
            m.from == outcome.place && m.to == Endpoint::Balancer && m.sent_at >= outcome.at
        }) {
            outcome.at = answer.sent_at;
        }
    }
    if let Some(user) = outcome.user {
        // The balancer re-pins with the answer, so between the request leaving and the outcome.
        let departed = hops.iter().map(|m| m.sent_at).min().unwrap_or(outcome.at);
        outcome.repinned_from = sim
            .log()
            .iter()
            .rev()
            .skip_while(|e| e.at > outcome.at)
            .take_while(|e| e.at >= departed)
            .find_map(|e| match e.event {
                Event::Repinned { user: u, from, .. } if u == user => Some(from),
                _ => None,
            });
    }
    Some(Moment { outcome, hops })
}

/// Where an event happens in the picture, and whose it is; `None` for events with no place.
fn place_of(event: &Event) -> Option<(Endpoint, Option<UserId>)> {
    let at_server = |server, user| Some((Endpoint::Server(server), Some(user)));
    match *event {
        Event::LoggedIn { user, server, .. }
        | Event::Mismatch { user, server, .. }
        | Event::LostSession { user, server, .. }
        | Event::ExpiredHit { user, server, .. }
        | Event::Retried { user, server }
        | Event::RemoteFetched { user, server, .. } => at_server(server, user),
        Event::ServerError { user, server } => match server {
            Some(server) => at_server(server, user),
            // Nobody behind the balancer answered: it did (502).
            None => Some((Endpoint::Balancer, Some(user))),
        },
        Event::Repinned { user, .. } => Some((Endpoint::Balancer, Some(user))),
        Event::ServerCrashed { server, .. }
        | Event::ServerRestarted { server }
        | Event::ServerMarkedDown { server }
        | Event::ServerMarkedUp { server }
        | Event::Partitioned { server, .. }
        | Event::PeerLost { server, .. }
        | Event::ServerAdded { server }
        | Event::ServerRemoved { server } => Some((Endpoint::Server(server), None)),
        Event::StoreCrashed { .. } | Event::StoreRestarted { .. } => Some((Endpoint::Store, None)),
        Event::ReplicaPromoted { .. } | Event::ReplicaCrashed | Event::ReplicaRestarted => {
            Some((Endpoint::Replica, None))
        }
        Event::LoggedOut { .. }
        | Event::SessionExpired { .. }
        | Event::TrafficStarted { .. }
        | Event::TrafficEnded
        | Event::Applied(_) => None,
    }
}

/// The session an event names, if any.
fn session_of(event: &Event) -> Option<SessionId> {
    match *event {
        Event::LoggedIn { session, .. }
        | Event::LoggedOut { session, .. }
        | Event::Mismatch { session, .. }
        | Event::LostSession { session, .. }
        | Event::ExpiredHit { session, .. }
        | Event::SessionExpired { session, .. } => Some(session),
        _ => None,
    }
}

/// Requests and their answers: the messages that travel between a user, the balancer and a server.
fn on_users_path(kind: MessageKind) -> bool {
    match kind {
        MessageKind::Request
        | MessageKind::ResponseOk
        | MessageKind::ResponseMismatch
        | MessageKind::ResponseLostSession
        | MessageKind::ResponseError => true,
        MessageKind::Replication
        | MessageKind::ReplicationAck
        | MessageKind::StoreRequest
        | MessageKind::StoreResponse
        | MessageKind::StoreRefused
        | MessageKind::RemoteFetch
        | MessageKind::HealthCheck => false,
    }
}

/// The user's messages from their last request before the outcome until the answer is back, and the
/// messages of the outcome's place sent meanwhile (whoever's session they carry). A fault with no user
/// has no hops.
fn decisive_hops(kept: &[Message], outcome: &Outcome) -> Vec<Message> {
    let Some(user) = outcome.user else {
        return Vec::new();
    };
    let departure = kept
        .iter()
        .filter(|m| m.from == Endpoint::User(user) && m.kind == MessageKind::Request)
        .filter(|m| m.sent_at <= outcome.at)
        .map(|m| m.sent_at)
        .max();
    let Some(departure) = departure else {
        return Vec::new();
    };
    let back = kept
        .iter()
        .filter(|m| m.to == Endpoint::User(user) && m.sent_at >= outcome.at)
        .map(|m| m.arrives_at)
        .min()
        .unwrap_or(outcome.at);
    let mut hops: Vec<Message> = kept
        .iter()
        .filter(|m| m.sent_at >= departure && m.sent_at < back.max(departure + 1))
        .filter(|m| {
            if on_users_path(m.kind) {
                m.user == Some(user)
            } else {
                m.from == outcome.place || m.to == outcome.place
            }
        })
        .cloned()
        .collect();
    hops.sort_by_key(|m| (m.sent_at, m.id));
    hops
}

impl Moment {
    /// When the decisive request left its user (the outcome's own time for a fault).
    pub fn departure(&self) -> Micros {
        self.hops
            .iter()
            .map(|m| m.sent_at)
            .min()
            .map_or(self.outcome.at, |t| t.min(self.outcome.at))
    }

    /// When the last of it has arrived (the answer back at the user).
    pub fn end(&self) -> Micros {
        self.hops
            .iter()
            .map(|m| m.arrives_at)
            .max()
            .unwrap_or(self.outcome.at)
            .max(self.outcome.at)
    }

    /// The time warp that shows the moment: from departure to end, model time at `speed` (model seconds
    /// per wall second), every hop stretched to at least `min_hop_s` of wall time. Consecutive segments
    /// cover the whole span; a director plays them in order.
    pub fn warp(&self, speed: f64, min_hop_s: f64) -> Vec<Segment> {
        let (start, end) = (self.departure(), self.end());
        let mut cuts: Vec<Micros> = vec![start, end, self.outcome.at];
        for m in &self.hops {
            cuts.extend([m.sent_at.clamp(start, end), m.arrives_at.clamp(start, end)]);
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut segments: Vec<Segment> = cuts
            .windows(2)
            .map(|w| Segment {
                from: w[0],
                to: w[1],
                wall_s: (w[1] - w[0]) as f64 / 1e6 / speed,
            })
            .collect();
        // Stretching a hop only lengthens segments, so one pass leaves every hop long enough.
        for m in &self.hops {
            let inside = |s: &Segment| s.from >= m.sent_at && s.to <= m.arrives_at;
            let shown: f64 = segments
                .iter()
                .filter(|s| inside(s))
                .map(|s| s.wall_s)
                .sum();
            if shown > 0.0 && shown < min_hop_s {
                let stretch = min_hop_s / shown;
                segments
                    .iter_mut()
                    .filter(|s| inside(s))
                    .for_each(|s| s.wall_s *= stretch);
            }
        }
        segments
    }

    /// Wall seconds from the departure to the outcome under `warp(speed, min_hop_s)`.
    pub fn wall_seconds_to_outcome(&self, speed: f64, min_hop_s: f64) -> f64 {
        self.warp(speed, min_hop_s)
            .iter()
            .filter(|s| s.to <= self.outcome.at)
            .map(|s| s.wall_s)
            .sum()
    }
}
