//! PLACEHOLDER: the public surface of the simulation, so the view and the runner can be built against it.
//! The model work replaces the bodies (and may split this file); the method names are what others call.

use super::command::Command;
use super::config::{Config, Micros};
use super::observe::*;

pub struct Simulation {
    config: Config,
    now: Micros,
    servers: Vec<NodeState>,
    commands: Vec<(Micros, Command)>,
    log: Vec<LogEntry>,
    messages: Vec<Message>,
    report: Report,
}

impl Simulation {
    pub fn new(config: Config) -> Self {
        let servers = vec![NodeState::Up; config.servers as usize];
        Simulation {
            config,
            now: 0,
            servers,
            commands: Vec::new(),
            log: Vec::new(),
            messages: Vec::new(),
            report: Report::default(),
        }
    }

    /// The configuration as it is now (commands change it).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Model time.
    pub fn now(&self) -> Micros {
        self.now
    }

    /// Apply a command at the current model time (recorded in the command log).
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::AddServer => self.servers.push(NodeState::Up),
            Command::RemoveServer if self.servers.len() > 1 => {
                self.servers.pop();
            }
            _ => {}
        }
        self.commands.push((self.now, command));
    }

    /// Schedule a command for a later model time (scenario timelines).
    pub fn schedule(&mut self, _at: Micros, _command: Command) {}

    /// Process the next event; false when nothing is left to happen before the horizon.
    pub fn step(&mut self) -> bool {
        self.now += 1_000;
        true
    }

    /// Process every event up to and including `t`, then set the clock to `t`.
    pub fn advance_to(&mut self, t: Micros) {
        self.now = self.now.max(t);
    }

    /// Record messages in flight for drawing (off in the runner: it costs time).
    pub fn set_tracing(&mut self, _on: bool) {}

    pub fn server_states(&self) -> &[NodeState] {
        &self.servers
    }

    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    pub fn log(&self) -> &[LogEntry] {
        &self.log
    }

    pub fn command_log(&self) -> &[(Micros, Command)] {
        &self.commands
    }

    pub fn report(&self) -> Report {
        self.report.clone()
    }

    /// A hash of everything that happened, to compare runs across machines.
    pub fn history_hash(&self) -> u64 {
        0
    }
}
