//! Where the page is in the guided tour: the step shown, whether its answer is revealed, and what the
//! reveal plays and highlights. The steps themselves are in `scenario::tour`; their words in `words`.

use crate::model::Micros;
use crate::scenario::tour::{self, STEP_COUNT};
use crate::scenario::Scenario;

/// A revealed answer plays in about this many wall-clock seconds at most: one that spans simulated
/// seconds would take minutes at the slow speed that makes single arrows easy to follow.
pub const ANSWER_WALL_SECONDS: f64 = 20.0;

#[derive(Clone, Debug, PartialEq)]
pub struct TourState {
    /// Counting from 0 (the URL's `tour=N` counts from 1).
    pub step: usize,
    pub revealed: bool,
    /// After "show me" the step plays up to here and pauses again.
    pub reveal_until: Micros,
    /// The handles (data-testid) that hold the answer, marked once it is revealed.
    highlight: Vec<&'static str>,
}

/// A tour step opened: its state, the world it starts from, and the model time it pauses at for the
/// viewer's prediction.
pub struct Opened {
    pub state: TourState,
    pub scenario: Scenario,
    pub pause_at: Micros,
}

impl TourState {
    /// Open step `step` (from 0; past the end means the last step). Builds that step alone.
    pub fn open(step: usize) -> Opened {
        let step = step.min(STEP_COUNT - 1);
        let built = tour::step(step).expect("a step index below STEP_COUNT");
        Opened {
            state: TourState {
                step,
                revealed: false,
                reveal_until: built.reveal_until(),
                highlight: built.highlight,
            },
            pause_at: built.pause_at,
            scenario: built.scenario,
        }
    }

    /// The handles to mark now: the answer's once revealed, none before.
    pub fn lit(&self) -> &[&'static str] {
        if self.revealed {
            &self.highlight
        } else {
            &[]
        }
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
