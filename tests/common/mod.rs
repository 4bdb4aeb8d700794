//! Shared by the model, tour and runner tests: a small model setup and a run of it, the bookkeeping every
//! run keeps, the messages a traced run sends, a tour step by its id, and the headless runner as a child
//! process.
#![allow(dead_code)] // each test file uses a part of it

use sessionscope::model::{
    Config, Message, Micros, NodeState, SessionRole, Simulation, Strategy, SECOND,
};
use sessionscope::scenario::tour::{steps, TourStep};
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// `users` users thinking one second between clicks, evenly (no skew), on `servers` servers.
pub fn config(strategy: Strategy, servers: u32, users: u32) -> Config {
    Config {
        strategy,
        servers,
        users,
        think_time_ms: 1_000,
        skew: 0.0,
        ..Config::default()
    }
}

/// `config` run for its first `seconds` seconds.
pub fn run(config: Config, seconds: u64) -> Simulation {
    let mut sim = Simulation::new(config);
    sim.advance_to(seconds * SECOND);
    sim
}

/// The bookkeeping identities that hold in every run.
pub fn check_conservation(sim: &Simulation) {
    let m = sim.metrics();
    // Every request that reached the balancer is answered exactly once, or still in flight (at most
    // one per user).
    assert_eq!(
        m.requests,
        m.ok + m.mismatches + m.lost_session_hits + m.expired_hits + m.errors + sim.in_flight()
    );
    assert!(sim.in_flight() <= u64::from(sim.user_count()));
    let in_flight_users = sim.users().filter(|u| u.in_flight_to.is_some()).count() as u64;
    assert_eq!(in_flight_users, sim.in_flight());
    // Every 401 sends the user back to log in.
    assert_eq!(
        m.relogins,
        m.mismatches + m.lost_session_hits + m.expired_hits
    );
    // Every session ever created is alive, lost to a fault, expired, or ended by a logout.
    assert_eq!(
        m.sessions_created,
        u64::from(sim.live_sessions()) + m.sessions_lost + m.sessions_expired + m.logouts
    );
    // Per-server counters agree with the session table.
    let lists = sim.sessions_by_server();
    for (s, view) in sim.servers().iter().enumerate() {
        let full = lists[s]
            .iter()
            .filter(|e| e.role != SessionRole::KeyOnly)
            .count() as u32;
        let keys = lists[s].len() as u32 - full;
        assert_eq!(view.sessions_full, full);
        assert_eq!(view.sessions_key_only, keys);
        if view.state != NodeState::Up {
            assert_eq!(view.memory_bytes, 0);
        }
    }
    assert_eq!(sim.store().sessions as usize, sim.store_sessions().len());
}

/// Every message `sim` sends until `until` (the simulation prunes those that arrived as time passes).
pub fn messages_until(sim: &mut Simulation, until: Micros) -> Vec<Message> {
    let mut seen = 0;
    let mut sent: Vec<Message> = Vec::new();
    while sim.now() < until && sim.step() {
        let before = seen;
        for m in sim.messages().iter().filter(|m| m.id > before) {
            seen = seen.max(m.id);
            sent.push(m.clone());
        }
    }
    sent
}

/// The tour step with this id (`Topic::id`, as "one-server-ceiling").
pub fn tour_step(id: &str) -> TourStep {
    steps()
        .into_iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no tour step {id}"))
}

/// `sessionscope-sim` with `args`, given `stdin` as its standard input; its output once it has ended.
pub fn runner(args: &[&str], stdin: impl AsRef<[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sessionscope-sim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the runner starts");
    let mut pipe = child.stdin.take().expect("a pipe to the runner");
    let input = stdin.as_ref().to_vec();
    // Written from a thread: a runner that rejects early may close its input before reading it all.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("the runner ends");
    writer.join().expect("the writer ends");
    output
}
