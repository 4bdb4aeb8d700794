//! The serialisable description of a run: scenario files and the page URL. Built on the model; the
//! model knows nothing of formats.

mod actions;
pub mod compare;
pub mod csv;
pub mod error;
pub mod file;
mod input;
mod keys;
pub mod metric;
pub mod moment;
pub mod preset;
pub mod selftest;
pub mod tour;
pub mod url;

pub use compare::compare;
pub use csv::report_csv;
pub use error::ScenarioError;
pub use file::{parse_scenario, scenario_to_json};
/// The lag controls offer exactly the ranges a scenario file or URL accepts.
#[cfg(target_arch = "wasm32")]
pub(crate) use keys::{REPLICATION_LAG_MS, STORE_REPLICA_LAG_MS};
pub use metric::{report_json, Metric, MetricValue, Unit};
pub use selftest::{hash_hex, reference_hash, reference_scenario};

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
    /// Read a scenario file; the error names the key and what was wrong.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        parse_scenario(text)
    }

    /// The scenario as a file that `from_json` reads back to the same value.
    pub fn to_json(&self) -> String {
        scenario_to_json(self)
    }

    /// A fresh simulation with the timeline scheduled.
    pub fn simulation(&self) -> Simulation {
        self.scheduled(Simulation::new(self.config.clone()))
    }

    /// A fresh simulation with the timeline scheduled that records messages for drawing from its start
    /// (`Simulation::traced`).
    pub fn traced_simulation(&self) -> Simulation {
        self.scheduled(Simulation::traced(self.config.clone()))
    }

    fn scheduled(&self, mut sim: Simulation) -> Simulation {
        for timed in &self.timeline {
            sim.schedule(timed.at, timed.command.clone());
        }
        sim
    }

    /// The simulation after `duration`. Tracing stays off: nothing is drawn, and it costs time.
    pub fn finished(&self) -> Simulation {
        let mut sim = self.simulation();
        sim.advance_to(self.duration);
        sim
    }

    /// Run for `duration` and report the metrics.
    pub fn run(&self) -> Report {
        self.finished().report()
    }

    /// The history hash after `duration`: equal on every machine and target for the same scenario.
    pub fn history_hash(&self) -> u64 {
        self.finished().history_hash()
    }
}
