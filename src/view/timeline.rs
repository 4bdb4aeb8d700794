//! Time as a person moves through it: the markers of the timeline scrubber (crashes, restarts,
//! failovers, traffic events, mismatches), seeking to any moment without losing what was done after it,
//! running to the next thing worth seeing, and stepping one hop of a message at a time.
//!
//! Everything is read from the model (its incidents, its one-per-second series, its messages in
//! flight) or replayed through it: the view never guesses what would have happened.

use super::history::History;
use crate::model::{Event, Metrics, Micros, Simulation, SECOND};

/// What a marker on the timeline stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    /// A server, the store or its replica crashed.
    Crash,
    /// A server, the store or its replica came back.
    Restart,
    /// The store's replica took over.
    Failover,
    /// A traffic event started or ended.
    Traffic,
    /// Session mismatches were counted in this second.
    Mismatch,
}

impl MarkerKind {
    pub const ALL: [MarkerKind; 5] = [
        MarkerKind::Crash,
        MarkerKind::Restart,
        MarkerKind::Failover,
        MarkerKind::Traffic,
        MarkerKind::Mismatch,
    ];

    /// The CSS class and `data-kind` of its marks.
    pub fn name(self) -> &'static str {
        match self {
            MarkerKind::Crash => "crash",
            MarkerKind::Restart => "restart",
            MarkerKind::Failover => "failover",
            MarkerKind::Traffic => "traffic",
            MarkerKind::Mismatch => "mismatch",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marker {
    pub at: Micros,
    pub kind: MarkerKind,
}

/// Most markers drawn: the incidents' ring is bounded already, this keeps the scrubber legible.
pub const MAX_MARKERS: usize = 400;

/// How far "run to the next event" looks before giving up (model time).
pub const NEXT_EVENT_HORIZON: Micros = 60 * SECOND;

/// The marker an incident makes, if any.
fn incident_marker(event: &Event) -> Option<MarkerKind> {
    Some(match event {
        Event::ServerCrashed { .. } | Event::StoreCrashed { .. } | Event::ReplicaCrashed => {
            MarkerKind::Crash
        }
        Event::ServerRestarted { .. } | Event::StoreRestarted { .. } | Event::ReplicaRestarted => {
            MarkerKind::Restart
        }
        Event::ReplicaPromoted { .. } => MarkerKind::Failover,
        Event::TrafficStarted { .. } | Event::TrafficEnded => MarkerKind::Traffic,
        _ => return None,
    })
}

/// The run's markers so far, in time order: incidents from the model's incident log, and each sampled
/// second in which the mismatch count rose (the request log is too short-lived for a whole run).
pub fn markers(sim: &Simulation) -> Vec<Marker> {
    let mut marks: Vec<Marker> = sim
        .incidents()
        .iter()
        .filter_map(|entry| incident_marker(&entry.event).map(|kind| Marker { at: entry.at, kind }))
        .collect();
    let mut before: Option<u64> = None;
    for sample in sim.series().iter() {
        if before.is_some_and(|b| sample.mismatches > b) {
            marks.push(Marker {
                at: sample.at,
                kind: MarkerKind::Mismatch,
            });
        }
        before = Some(sample.mismatches);
    }
    marks.sort_by_key(|m| m.at);
    // Keep the latest ones when there are too many: those are the ones near the playhead.
    let excess = marks.len().saturating_sub(MAX_MARKERS);
    marks.drain(..excess);
    marks
}

/// The scrubber's extent and marks: the furthest the run has been, so seeking back keeps the future
/// on the timeline (it replays the same way, the commands after the target are kept).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    pub furthest: Micros,
    pub markers: Vec<Marker>,
}

impl Timeline {
    /// Re-read the marks when the run is at (or past) its furthest point.
    pub fn observe(&mut self, sim: &Simulation) {
        if sim.now() >= self.furthest {
            self.furthest = sim.now();
            self.markers = markers(sim);
        }
    }

    /// The future changed (a command applied in the past, a new run): the timeline ends here.
    pub fn branch(&mut self, sim: &Simulation) {
        self.furthest = sim.now();
        self.markers = markers(sim);
    }
}

/// The simulation at `target`, replayed from the history's start with every applied command scheduled
/// at its moment, including those after `target`: they happen again as time passes them.
pub fn seek(history: &History, target: Micros) -> Simulation {
    let mut sim = history.base.traced_simulation();
    for (at, command) in &history.applied {
        sim.schedule(*at, command.clone());
    }
    sim.advance_to(target);
    sim
}

/// Requests turned away: what "run to the next event" stops at besides incidents.
fn rejections(m: &Metrics) -> u64 {
    m.mismatches + m.lost_session_hits + m.expired_hits + m.errors
}

/// Process model events until a new incident is logged or a request is rejected, at most `horizon` of
/// model time ahead. True when it stopped at such an event.
pub fn run_to_next_event(sim: &mut Simulation, horizon: Micros) -> bool {
    let limit = sim.now().saturating_add(horizon);
    let last_incident = sim.incidents().last().cloned();
    let rejected = rejections(sim.metrics());
    while sim.now() < limit {
        if !sim.step() {
            return false;
        }
        if sim.incidents().last() != last_incident.as_ref() || rejections(sim.metrics()) != rejected
        {
            return true;
        }
    }
    false
}

/// The next moment a message in flight leaves or arrives somewhere (a hop), after now.
pub fn next_hop(sim: &Simulation) -> Option<Micros> {
    let now = sim.now();
    sim.messages()
        .iter()
        .flat_map(|m| [m.sent_at, m.arrives_at])
        .filter(|&t| t > now)
        .min()
}

/// One Step: to the next hop of a message in flight, or to the next model event when nothing is in
/// flight. A request is one model event at the server but several hops (user to balancer, balancer to
/// server), and each hop is one Step.
pub fn step_hop(sim: &mut Simulation) {
    match next_hop(sim) {
        Some(hop) => sim.advance_to(hop),
        None => {
            sim.step();
        }
    }
}
