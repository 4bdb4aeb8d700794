//! The simulation's state and its clock: construction, the event loop, scheduled commands, replay and the
//! history hash. What happens at each event lives next door: `flow` (requests), `cluster` (where session
//! copies live), `faults` (crashes, restarts, the store), `commands` (interventions), `inspect` (read-outs).

use super::balancer::BalancerState;
use super::command::Command;
use super::config::{Config, Micros, MAX_SERVERS, MAX_USERS, MS};
use super::events::{Ev, Queue};
use super::hash::HistoryHash;
use super::ids::ById;
use super::metrics::{Histogram, Metrics};
use super::observe::{Endpoint, Event, MessageKind, ServerId, UserId};
use super::rng::Rng;
use super::series::{Ring, Sample, SAMPLE_EVERY, SERIES_CAPACITY};
use super::server::Server;
use super::sessions::Sessions;
use super::store::Store;
use super::trace::{EventLog, Tracer};
use super::users::{new_user, Phase, User};
use std::collections::VecDeque;

pub struct Simulation {
    pub(super) initial: Config,
    pub(super) config: Config,
    pub(super) now: Micros,
    pub(super) queue: Queue,
    pub(super) rng: Rng,
    pub(super) hash: HistoryHash,
    pub(super) users: ById<UserId, User>,
    pub(super) servers: ById<ServerId, Server>,
    /// Servers in the pool (indices `0..count`); records beyond it are kept for their epochs.
    pub(super) count: u32,
    /// Bitmask of pool servers that are up and not partitioned.
    pub(super) connected: u64,
    pub(super) lb: BalancerState,
    pub(super) sessions: Sessions,
    pub(super) store: Store,
    pub(super) metrics: Metrics,
    pub(super) latency: Histogram,
    pub(super) window_latency: Histogram,
    pub(super) series: Ring<Sample>,
    pub(super) log: EventLog,
    pub(super) incidents: EventLog,
    pub(super) tracer: Tracer,
    pub(super) commands: Vec<(Micros, Command)>,
    /// Commands scheduled for later (scenario timelines), in the order they will be applied.
    pub(super) timeline: VecDeque<(Micros, Command)>,
    pub(super) traffic_factor: f64,
    pub(super) traffic_gen: u32,
    /// Round-robin choice of BackupManager backups.
    pub(super) backup_rr: u32,
    pub(super) events_processed: u64,
    /// What the picture shows of past losses (ghost chips, per-user tallies); never read by the run.
    pub(super) picture: super::picture::PictureLog,
}

/// Keep a configuration inside the ranges the model is built for (the scenario code reports bad input;
/// this only guarantees the model never panics on it).
fn sanitize(mut config: Config) -> Config {
    config.servers = config.servers.clamp(1, MAX_SERVERS);
    config.users = config.users.clamp(1, MAX_USERS);
    config.users_per_ip = config.users_per_ip.max(1);
    config.think_time_ms = config.think_time_ms.max(1);
    if !config.skew.is_finite() {
        config.skew = 0.0;
    }
    config.skew = config.skew.clamp(0.0, 1.0);
    let t = &mut config.timing;
    t.concurrency = t.concurrency.clamp(1, 1024);
    t.service_ms = t.service_ms.max(1);
    t.health_check_interval_ms = t.health_check_interval_ms.max(1);
    t.health_check_failures = t.health_check_failures.max(1);
    t.session_timeout_ms = t.session_timeout_ms.max(1);
    config
}

impl Simulation {
    /// A fresh run that records no messages (see `set_tracing`).
    pub fn new(config: Config) -> Self {
        Self::start(config, false)
    }

    /// A fresh run that records messages in flight from its first instant, so that the users' first
    /// requests, scheduled as it starts, are drawn like every later one.
    pub fn traced(config: Config) -> Self {
        Self::start(config, true)
    }

    fn start(config: Config, tracing: bool) -> Self {
        let config = sanitize(config);
        let timing = &config.timing;
        let servers = (0..config.servers)
            .map(|_| Server::new(timing, 0))
            .collect();
        let mut sim = Simulation {
            initial: config.clone(),
            now: 0,
            queue: Queue::default(),
            rng: Rng::new(config.seed),
            hash: HistoryHash::default(),
            users: ById::new(),
            servers,
            count: config.servers,
            connected: 0,
            lb: BalancerState::new(config.servers),
            sessions: Sessions::new(timing.session_timeout_ms.saturating_mul(MS)),
            store: Store::new(config.store_kind, config.store_replica),
            metrics: Metrics::default(),
            latency: Histogram::default(),
            window_latency: Histogram::default(),
            series: Ring::new(SERIES_CAPACITY),
            log: EventLog::default(),
            incidents: EventLog::default(),
            tracer: Tracer::default(),
            commands: Vec::new(),
            timeline: VecDeque::new(),
            traffic_factor: 1.0,
            traffic_gen: 0,
            backup_rr: 0,
            events_processed: 0,
            picture: super::picture::PictureLog::default(),
            config,
        };
        sim.tracer.on = tracing;
        sim.refresh_connected();
        sim.hash.fold(sim.config.seed);
        sim.set_population(sim.config.users);
        sim.queue.push(sim.health_check_interval(), Ev::HealthCheck);
        sim.queue.push(SAMPLE_EVERY, Ev::Sample);
        sim.queue.push(sim.sessions.granularity, Ev::ExpiryTick);
        sim
    }

    /// Rebuild a run from its starting configuration and command log (`new`, then `replay_log`). Share
    /// links use this. Pass `initial_config()` of the original run (commands change `config()`).
    pub fn replay(config: Config, log: &[(Micros, Command)], until: Micros) -> Simulation {
        let mut sim = Simulation::new(config);
        sim.replay_log(log, until);
        sim
    }

    /// The one replay loop: for each logged (t, command), advance to t and apply it; then advance to
    /// `until`. A run that had those commands applied at those moments is reproduced exactly; commands
    /// already scheduled (a scenario's timeline) still happen at their own moments. The log is in time
    /// order; an entry before `now()` is applied at `now()`.
    pub fn replay_log(&mut self, log: &[(Micros, Command)], until: Micros) {
        for (at, command) in log {
            self.advance_to(*at);
            self.apply(command.clone());
        }
        self.advance_to(until);
    }

    /// The configuration as it is now (commands change it).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The configuration the run started from (what `replay` needs).
    pub fn initial_config(&self) -> &Config {
        &self.initial
    }

    /// Model time.
    pub fn now(&self) -> Micros {
        self.now
    }

    /// Apply a command now, at the end of the current instant: every event already due at `now` is
    /// processed first, so replaying the command log reproduces the run exactly. Recorded in the log.
    pub fn apply(&mut self, command: Command) {
        let now = self.now;
        self.advance_to(now);
        self.apply_now(command);
        self.tracer.prune(self.now);
    }

    /// Schedule a command for model time `at` (scenario timelines). It is applied after the events of
    /// that instant and then appears in the command log like any other.
    pub fn schedule(&mut self, at: Micros, command: Command) {
        // After the commands of the same moment: those scheduled earlier are taken first.
        let i = self.timeline.partition_point(|(t, _)| *t <= at);
        self.timeline.insert(i, (at, command));
    }

    /// Process exactly one event (or one scheduled command); false when nothing is left to happen.
    pub fn step(&mut self) -> bool {
        let next_event = self.queue.peek_time();
        let next_command = self.timeline.front().map(|(t, _)| *t);
        let stepped = match (next_command, next_event) {
            (Some(c), e) if e.is_none_or(|e| c < e) => {
                self.apply_scheduled();
                true
            }
            (_, Some(_)) => {
                self.process_next();
                true
            }
            _ => false,
        };
        self.tracer.prune(self.now);
        stepped
    }

    /// Process every event (and scheduled command) up to and including `t`, then set the clock to `t`.
    pub fn advance_to(&mut self, t: Micros) {
        loop {
            let next_event = self.queue.peek_time().filter(|&e| e <= t);
            let next_command = self.timeline.front().map(|(c, _)| *c).filter(|&c| c <= t);
            match (next_command, next_event) {
                (Some(c), e) if e.is_none_or(|e| c < e) => self.apply_scheduled(),
                (_, Some(_)) => self.process_next(),
                _ => break,
            }
        }
        self.now = self.now.max(t);
        self.tracer.prune(self.now);
    }

    /// Record messages in flight for drawing (off by default: it costs time; never changes the run).
    pub fn set_tracing(&mut self, on: bool) {
        self.tracer.on = on;
        if !on {
            self.tracer.clear();
        }
    }

    pub fn tracing(&self) -> bool {
        self.tracer.on
    }

    /// A hash of everything that happened (every event, outcome and command), the same on every target.
    pub fn history_hash(&self) -> u64 {
        self.hash.value()
    }

    fn apply_scheduled(&mut self) {
        if let Some((at, command)) = self.timeline.pop_front() {
            self.now = self.now.max(at);
            self.apply_now(command);
        }
    }

    fn process_next(&mut self) {
        let Some((t, ev)) = self.queue.pop() else {
            return;
        };
        self.now = t;
        self.events_processed += 1;
        self.hash.fold(t);
        self.hash.fold(ev.code());
        match ev {
            Ev::UserArrive { user } => self.on_arrive(user),
            Ev::ServerDone { user } => self.on_done(user),
            Ev::Replicate { slot, uid } => self.on_replicate(slot, uid),
            Ev::HealthCheck => self.on_health_check(),
            Ev::ExpiryTick => self.on_expiry_tick(),
            Ev::Sample => self.on_sample(),
            Ev::PeerLoss { server, epoch } => self.on_peer_loss(server, epoch),
            Ev::StoreFailover { epoch } => self.on_store_failover(epoch),
            Ev::SupervisorRestart { server, epoch } => self.on_supervisor_restart(server, epoch),
            Ev::TrafficEnd { gen } => {
                if gen == self.traffic_gen {
                    self.traffic_factor = 1.0;
                    // The extra visitors leave; their sessions stay until they time out.
                    self.set_population(self.population());
                    self.note(Event::TrafficEnded);
                }
            }
        }
    }

    #[inline]
    pub(super) fn note(&mut self, event: Event) {
        if event.is_incident() {
            self.incidents.push(self.now, event.clone());
        }
        self.log.push(self.now, event);
    }

    pub(super) fn health_check_interval(&self) -> Micros {
        u64::from(self.config.timing.health_check_interval_ms) * MS
    }

    /// How many users are active: the configured ones, times the factor of a running traffic event.
    /// A traffic event multiplies arrivals by bringing new visitors (who log in and leave sessions behind),
    /// not by making the same users click faster: that is how a sale fills a server with sessions.
    pub(super) fn population(&self) -> u32 {
        let n = libm::round(f64::from(self.config.users) * self.traffic_factor);
        n.clamp(1.0, f64::from(MAX_USERS)) as u32
    }

    /// Grow or shrink the population. Users beyond `n` leave: their next request is never sent, and
    /// their sessions stay behind until they expire.
    pub(super) fn set_population(&mut self, n: u32) {
        let n = n.clamp(1, MAX_USERS);
        let seed = self.config.seed;
        let per_ip = self.config.users_per_ip;
        let skew = self.config.skew;
        while self.users.len() < n as usize {
            let id = self.users.next_id();
            self.users.push(new_user(seed, id, per_ip, skew));
        }
        let think = f64::from(self.config.think_time_ms) * 1000.0;
        let first = self.now == 0;
        for id in self.users.ids() {
            let want = id.0 < n;
            let user = &mut self.users[id];
            user.active = want;
            if want && user.phase == Phase::Idle {
                user.phase = Phase::Thinking;
                // At the start, users arrive one after another (userA first), spread over one think
                // time; later arrivals come after a think time of their own.
                let wait = if first {
                    (think * f64::from(id.0) / f64::from(n)) as Micros
                } else {
                    let mean = think * user.think_scale;
                    self.rng.exp_micros(mean)
                };
                let sent = self.now + wait;
                let at = sent + self.client_hop();
                self.queue.push(at, Ev::UserArrive { user: id });
                // Drawn like every later request: an arrow from the user to the balancer.
                self.tracer.send(
                    MessageKind::Request,
                    Endpoint::User(id),
                    Endpoint::Balancer,
                    Some(id),
                    sent,
                    at,
                );
            }
        }
    }

    /// The servers in the pool (records beyond `count` are kept only for their epochs).
    pub(super) fn pool(&self) -> impl Iterator<Item = ServerId> {
        ServerId::first(self.count)
    }

    #[inline]
    pub(super) fn client_hop(&self) -> Micros {
        u64::from(self.config.timing.client_hop_ms) * MS
    }

    #[inline]
    pub(super) fn lan_hop(&self) -> Micros {
        u64::from(self.config.timing.lan_hop_ms) * MS
    }
}
