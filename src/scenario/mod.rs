//! The serialisable description of a run: scenario files and the page URL. Built on the model; the
//! model knows nothing of formats.

pub mod compare;
pub mod tour;
pub mod url;

use crate::model::{Command, Config, Micros, Report, Simulation, SECOND};

/// A configuration plus a timeline of commands: everything needed to reproduce a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub config: Config,
    /// How long the runner simulates.
    pub duration: Micros,
    pub timeline: Vec<TimedCommand>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimedCommand {
    pub at: Micros,
    pub command: Command,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            config: Config::default(),
            duration: 300 * SECOND,
            timeline: Vec::new(),
        }
    }
}

impl Scenario {
    /// A fresh simulation with the timeline scheduled.
    pub fn simulation(&self) -> Simulation {
        let mut sim = Simulation::new(self.config.clone());
        for timed in &self.timeline {
            sim.schedule(timed.at, timed.command.clone());
        }
        sim
    }

    /// Run for `duration` and report the metrics.
    pub fn run(&self) -> Report {
        let mut sim = self.simulation();
        sim.advance_to(self.duration);
        sim.report()
    }
}
