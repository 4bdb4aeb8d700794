//! Rewind and share by replay: the model is deterministic, so the base scenario (config + scheduled
//! timeline) plus the commands a person applied, with the model time of each, reproduce any moment.

use crate::model::{Command, Micros, Simulation};
use crate::scenario::Scenario;

#[derive(Clone, Debug, PartialEq)]
pub struct History {
    pub base: Scenario,
    /// Commands sent from the page, in order, with the model time they were applied at.
    pub applied: Vec<(Micros, Command)>,
}

impl History {
    pub fn new(base: Scenario, applied: Vec<(Micros, Command)>) -> History {
        History { base, applied }
    }

    /// Keeps the commands in time order: after seeking back (`timeline::seek` keeps the later ones),
    /// a new command goes before them.
    pub fn record(&mut self, at: Micros, command: Command) {
        let i = self.applied.partition_point(|(t, _)| *t <= at);
        self.applied.insert(i, (at, command));
    }

    /// A fresh run of the base scenario, recording messages in flight for drawing.
    fn fresh(&self) -> Simulation {
        self.base.traced_simulation()
    }

    /// Re-run from the start to `until`. Commands after `until` are forgotten: rewinding and then
    /// acting starts a new branch, like undo.
    pub fn replay_to(&mut self, until: Micros) -> Simulation {
        self.applied.retain(|(at, _)| *at <= until);
        let mut sim = self.fresh();
        sim.replay_log(&self.applied, until);
        sim
    }
}
