//! Where the page is in the guided tour: the step shown, whether its answer is revealed, and what the
//! reveal plays (the director's script around the step's key moment, `director`), calls out and
//! highlights. The steps themselves are in `scenario::tour`; their words in `words`.

use super::callout_place::{callout_lines, room_for};
use super::director::{callout, Callout, Script};
use super::layout::{Layout, Room};
use super::words::Words;
use crate::model::{Message, Micros, Report};
use crate::scenario::moment::Moment;
use crate::scenario::tour::{self, STEP_COUNT};
use crate::scenario::Scenario;
use std::rc::Rc;

/// Every step opens at this speed (model seconds per wall second): one hop in about a second. A step
/// never keeps the speed the previous one ended at.
pub const STEP_SPEED: f64 = 0.05;

#[derive(Clone, Debug, PartialEq)]
pub struct TourState {
    /// Counting from 0 (the URL's `tour=N` counts from 1).
    pub step: usize,
    /// "Show me" was pressed: the script plays (its answer shows once the outcome has happened).
    pub revealed: bool,
    /// Where the question is asked: Reset and Replay come back here.
    pub pause_at: Micros,
    /// After "show me" the step plays up to here and pauses again.
    pub reveal_until: Micros,
    /// What "show me" plays.
    pub script: Script,
    /// Drawn on the picture once each moment's outcome has happened (model time of the outcome).
    pub callouts: Vec<(Micros, Callout)>,
    /// The handles (data-testid) that hold the answer, marked once it is shown.
    highlight: Vec<&'static str>,
    /// The numbers when "Show me" was pressed: the answer's read-outs say what they were.
    pub before: Option<Rc<Report>>,
    /// Each moment's trail: the decisive request's route, drawn while the moment plays and is held.
    trails: Vec<Trail>,
}

/// The messages of one moment's decisive request (its user's: the request, its copies or store round
/// trips, their acks and the answer) and the model time they are drawn in: from the request leaving its
/// user until the answer is back. Held still at the outcome, the picture shows the whole way it went.
#[derive(Clone, Debug, PartialEq)]
struct Trail {
    from: Micros,
    until: Micros,
    hops: Vec<Message>,
}

impl Trail {
    fn of(moment: &Moment) -> Trail {
        let user = moment.outcome.user;
        Trail {
            from: moment.departure(),
            until: moment.end(),
            hops: moment
                .hops
                .iter()
                .filter(|m| user.is_some() && m.user == user)
                .cloned()
                .collect(),
        }
    }
}

/// A tour step opened: its state, the world it starts from, and the model time it pauses at for the
/// viewer's prediction.
pub struct Opened {
    pub state: TourState,
    pub scenario: Scenario,
    pub pause_at: Micros,
}

impl TourState {
    /// Open step `step` (from 0; past the end means the last step). Builds that step alone and finds
    /// its key moment (runs it ahead once).
    pub fn open(step: usize) -> Opened {
        let step = step.min(STEP_COUNT - 1);
        let built = tour::step(step).expect("a step index below STEP_COUNT");
        let moments = built.moments();
        let script = Script::new(built.pause_at, &moments, built.reveal_until());
        let config = &built.scenario.config;
        let callouts = moments
            .iter()
            .filter_map(|m| callout(m, config).map(|c| (m.outcome.at, c)))
            .collect();
        let trails = moments.iter().map(Trail::of).collect();
        Opened {
            state: TourState {
                step,
                revealed: false,
                pause_at: built.pause_at,
                reveal_until: built.reveal_until(),
                script,
                callouts,
                highlight: built.highlight,
                before: None,
                trails,
            },
            pause_at: built.pause_at,
            scenario: built.scenario,
        }
    }

    /// The answer (text, highlights, callout) is shown once revealed and the run has reached the
    /// outcome: never at the click, always by the time the hold begins.
    pub fn answer_visible(&self, now: Micros) -> bool {
        self.revealed && now >= self.script.outcome_at
    }

    /// The handles to mark now: the answer's once shown, none before.
    pub fn lit(&self, now: Micros) -> &[&'static str] {
        if self.answer_visible(now) {
            &self.highlight
        } else {
            &[]
        }
    }

    /// The callout to draw now, with its place in `callouts`: the latest moment's whose outcome has
    /// happened.
    pub fn callout_now(&self, now: Micros) -> Option<(usize, &Callout)> {
        self.callouts
            .iter()
            .enumerate()
            .rev()
            .find(|(_, (at, _))| self.revealed && *at <= now)
            .map(|(i, (_, c))| (i, c))
    }

    /// The decisive request's messages to trace at `now`: those of the moment being played or held,
    /// once "Show me" was pressed; none in the waits and the fast-played rest.
    pub fn trail(&self, now: Micros) -> &[Message] {
        self.trails
            .iter()
            .find(|t| self.revealed && t.from <= now && now <= t.until)
            .map_or(&[], |t| &t.hops)
    }

    /// Each of this step's callouts as drawn on `layout` in `words`, one list of lines each, in the
    /// order of `callouts`.
    pub fn callout_lines(&self, layout: &Layout, words: &dyn Words) -> Vec<Vec<String>> {
        self.callouts
            .iter()
            .map(|(_, c)| callout_lines(layout, c, words))
            .collect()
    }

    /// The rooms `layout` keeps at `now` for this step's callouts at servers, drawn as `lines` (from
    /// `callout_lines`), in the order they appear. Not before "Show me": a gap under one server would
    /// hint at the answer to the question. Then the first moment's room at the click, and each later
    /// one once the moment before it has been held, while the wait between them plays fast: the boxes
    /// never move while the class follows a request, and no gap waits under a server for a moment yet
    /// to come.
    pub fn callout_rooms(&self, layout: &Layout, lines: &[Vec<String>], now: Micros) -> Vec<Room> {
        if !self.revealed {
            return Vec::new();
        }
        let held_before = |i: usize| i == 0 || now > self.callouts[i - 1].0;
        self.callouts
            .iter()
            .zip(lines)
            .enumerate()
            .filter(|(i, _)| held_before(*i))
            .filter_map(|(_, ((_, c), lines))| room_for(layout, c, lines))
            .collect()
    }

    /// How far a frame may advance model time: a revealed step stops at the end of its answer.
    pub fn play_limit(&self, now: Micros) -> Option<Micros> {
        self.revealed.then(|| self.reveal_until.max(now))
    }

    /// The revealed answer has been played to its end: time to pause for the next step.
    pub fn answer_played(&self, now: Micros) -> bool {
        self.revealed && now >= self.reveal_until
    }
}
