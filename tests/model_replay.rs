//! Determinism: the same configuration and commands give the same history; a run's own command log
//! replays it exactly; drawing (tracing) never changes what happens; every growing structure is bounded.

use sessionscope::model::*;

mod common;
use common::{messages_until, run};

fn busy_config(strategy: Strategy) -> Config {
    Config {
        strategy,
        servers: 4,
        users: 80,
        think_time_ms: 700,
        store_replica: true,
        ..Config::default()
    }
}

/// A run with interventions both applied interactively and scheduled on a timeline.
fn eventful(strategy: Strategy, tracing: bool) -> Simulation {
    let mut config = busy_config(strategy);
    config.timing.store_failover_ms = 3_000;
    let mut sim = Simulation::new(config);
    sim.set_tracing(tracing);
    sim.schedule(12 * SECOND, Command::CrashStore);
    sim.schedule(3 * SECOND, Command::SetBalancer(Balancer::LeastConnections));
    sim.schedule(20 * SECOND, Command::RestartStore);
    sim.advance_to(2 * SECOND);
    sim.apply(Command::CrashServer(ServerId(1)));
    for _ in 0..500 {
        sim.step();
    }
    sim.apply(Command::AddServer);
    sim.advance_to(6 * SECOND + 123);
    sim.apply(Command::Traffic {
        factor: 3.0,
        for_ms: 4_000,
    });
    sim.apply(Command::RestartServer(ServerId(1)));
    sim.advance_to(9 * SECOND);
    sim.apply(Command::SetStrategy(Strategy::ClusterBackup));
    sim.apply(Command::PartitionServer {
        server: ServerId(2),
        partitioned: true,
    });
    sim.advance_to(15 * SECOND);
    sim.apply(Command::SetStrategy(strategy));
    sim.apply(Command::SetUsers(30));
    sim.apply(Command::RemoveServer);
    sim.advance_to(25 * SECOND);
    sim
}

#[test]
fn same_configuration_same_history() {
    for strategy in Strategy::ALL {
        let a = eventful(strategy, false);
        let b = eventful(strategy, false);
        assert_eq!(a.history_hash(), b.history_hash(), "{strategy:?}");
        assert_eq!(a.report(), b.report());
        assert_ne!(a.history_hash(), 0);
    }
    let mut other = busy_config(Strategy::None);
    other.seed = 2;
    let (a, b) = (run(busy_config(Strategy::None), 10), run(other, 10));
    assert_ne!(a.history_hash(), b.history_hash(), "the seed matters");
}

#[test]
fn tracing_does_not_change_the_run() {
    for strategy in Strategy::ALL {
        let plain = eventful(strategy, false);
        let traced = eventful(strategy, true);
        assert_eq!(plain.history_hash(), traced.history_hash(), "{strategy:?}");
        assert!(plain.messages().is_empty());
        let now = traced.now();
        let flying: Vec<_> = traced
            .messages()
            .iter()
            .filter(|m| m.sent_at <= now && now <= m.arrives_at)
            .collect();
        assert!(!flying.is_empty(), "{strategy:?}: messages in flight");
        assert!(traced.messages().iter().all(|m| m.sent_at <= m.arrives_at));
    }
}

#[test]
fn a_run_traced_from_its_start_draws_every_first_request_from_its_user() {
    let config = busy_config(Strategy::None);
    let think = u64::from(config.think_time_ms) * MS;
    let mut traced = Simulation::traced(config.clone());
    // Users arrive one after another over the first think time: within it, each sends one request.
    let mut first_senders: Vec<UserId> = messages_until(&mut traced, think)
        .into_iter()
        .filter(|m| m.kind == MessageKind::Request && m.to == Endpoint::Balancer)
        .filter(|m| m.sent_at < think)
        .filter_map(|m| match m.from {
            Endpoint::User(user) => Some(user),
            _ => None,
        })
        .collect();
    first_senders.sort_unstable();
    first_senders.dedup();
    assert_eq!(
        first_senders.len(),
        config.users as usize,
        "{first_senders:?}"
    );
    let mut plain = Simulation::new(config);
    plain.advance_to(traced.now());
    assert_eq!(traced.history_hash(), plain.history_hash());
}

#[test]
fn replaying_the_command_log_reproduces_the_run() {
    for strategy in Strategy::ALL {
        let original = eventful(strategy, false);
        assert!(
            original.command_log().len() >= 12,
            "scheduled commands are logged when applied"
        );
        let replayed = Simulation::replay(
            original.initial_config().clone(),
            original.command_log(),
            original.now(),
        );
        assert_eq!(
            original.history_hash(),
            replayed.history_hash(),
            "{strategy:?}"
        );
        assert_eq!(original.report(), replayed.report());
        assert_eq!(original.command_log(), replayed.command_log());
        assert_eq!(original.config(), replayed.config());
    }
}

#[test]
fn replay_to_an_earlier_time_is_a_step_back() {
    let mut sim = run(busy_config(Strategy::Sticky), 4);
    sim.apply(Command::CrashServer(ServerId(0)));
    sim.advance_to(6 * SECOND);
    let at_six = (sim.history_hash(), sim.report());
    sim.apply(Command::RestartServer(ServerId(0)));
    sim.advance_to(9 * SECOND);
    let back = Simulation::replay(
        sim.initial_config().clone(),
        &sim.command_log()[..1],
        6 * SECOND,
    );
    assert_eq!((back.history_hash(), back.report()), at_six);
}

#[test]
fn step_processes_one_event_at_a_time() {
    let mut stepped = Simulation::new(busy_config(Strategy::None));
    let mut advanced = Simulation::new(busy_config(Strategy::None));
    let mut last = 0;
    for _ in 0..2_000 {
        assert!(stepped.step());
        assert!(stepped.now() >= last, "time never goes back");
        last = stepped.now();
    }
    assert_eq!(stepped.events_processed(), 2_000);
    advanced.advance_to(stepped.now());
    // advance_to also takes the rest of the events of that very instant.
    assert!(advanced.events_processed() >= 2_000);
    let mut a = stepped;
    a.advance_to(last + SECOND);
    advanced.advance_to(last + SECOND);
    assert_eq!(a.history_hash(), advanced.history_hash());
}

#[test]
fn logs_series_and_messages_stay_bounded() {
    let mut sim = Simulation::new(Config {
        users: 300,
        servers: 3,
        ..Config::default()
    });
    sim.set_tracing(true);
    sim.advance_to(15 * 60 * SECOND);
    assert!(sim.metrics().requests > 100_000, "{:?}", sim.metrics());
    assert_eq!(sim.series().len(), SERIES_CAPACITY);
    let last = sim.series().last().unwrap();
    assert_eq!(last.requests, sim.series().iter().last().unwrap().requests);
    assert_eq!(last.server_memory.len(), 3);
    let f = sim.footprint();
    assert!(f.log_entries as usize <= 2 * trace::LOG_KEEP);
    assert!(f.messages as usize <= trace::MESSAGES_CAP);
    assert!(sim.log().len() >= trace::LOG_KEEP);
    let mut at = 0;
    for entry in sim.log() {
        assert!(entry.at >= at);
        at = entry.at;
    }
}

#[test]
fn user_names_and_views() {
    assert_eq!(user_name(UserId(0)), "userA");
    assert_eq!(user_name(UserId(25)), "userZ");
    assert_eq!(user_name(UserId(26)), "userAA");
    assert_eq!(user_name(UserId(27)), "userAB");
    // Servers are named with the same letters: the 64th is BL.
    assert_eq!(sessionscope::model::letters(63), "BL");
    assert_eq!(sessionscope::model::letters(701), "ZZ");
    assert_eq!(sessionscope::model::letters(702), "AAA");
    let mut sim = Simulation::new(Config {
        users: 12,
        users_per_ip: 4,
        strategy: Strategy::Sticky,
        ..Config::default()
    });
    sim.advance_to(10 * SECOND);
    let users: Vec<UserView> = sim.users().collect();
    assert_eq!(users.len(), 12);
    assert_eq!(users[0].ip, users[3].ip);
    assert_ne!(users[3].ip, users[4].ip);
    assert!(users[0].heavy && !users[1].heavy);
    assert!(users
        .iter()
        .any(|u| u.session.is_some() && u.affinity.is_some()));
    let servers = sim.servers();
    assert_eq!(servers.len(), 3);
    assert!(servers.iter().all(|s| s.state == NodeState::Up));
    let sessions: u32 = servers.iter().map(|s| s.sessions_full).sum();
    assert_eq!(sessions, sim.live_sessions());
    let rates = sim.request_rates();
    assert_eq!(rates.len(), 3);
    assert!(rates.iter().all(|&r| r > 0.5 && r < 20.0), "{rates:?}");
    let store = sim.store();
    assert_eq!(store.replica, None);
    assert_eq!(store.state, NodeState::Up);
}

#[test]
fn the_reference_run_is_stable_and_eventful() {
    // The self-test scenario is the one whose hash the page computes under wasm32 (e2e compares them).
    let scenario = sessionscope::scenario::reference_scenario();
    let run = || {
        let mut sim = scenario.simulation();
        sim.advance_to(scenario.duration);
        sim
    };
    let sim = run();
    assert_eq!(sim.history_hash(), run().history_hash());
    let m = sim.metrics();
    assert!(m.requests > 1_000 && m.crashes > 0, "{m:?}");
}
