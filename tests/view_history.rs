//! The page's rewind (`History::replay_to`) and the model's replay (`Simulation::replay`, which share
//! links use) are one path: both reproduce the live run that had the same commands applied.

use sessionscope::model::{
    Balancer, Command, Config, Micros, ServerId, Simulation, Strategy, SECOND,
};
use sessionscope::scenario::{Scenario, TimedCommand};
use sessionscope::view::history::History;

fn config() -> Config {
    Config {
        strategy: Strategy::Sticky,
        servers: 4,
        users: 60,
        think_time_ms: 600,
        ..Config::default()
    }
}

/// What a person did on the page, with the model time of each.
fn interventions() -> Vec<(Micros, Command)> {
    vec![
        (2 * SECOND, Command::CrashServer(ServerId(1))),
        (2 * SECOND, Command::AddServer),
        (5 * SECOND + 321, Command::SetStrategy(Strategy::ClusterAll)),
        (8 * SECOND, Command::RestartServer(ServerId(1))),
        (
            11 * SECOND,
            Command::SetBalancer(Balancer::LeastConnections),
        ),
    ]
}

/// The run as it happened live: the scenario's timeline scheduled, each intervention applied when the
/// clock reached it, traced for drawing as on the page.
fn live(base: &Scenario, until: Micros) -> Simulation {
    let mut sim = base.simulation();
    sim.set_tracing(true);
    for (at, command) in interventions() {
        sim.advance_to(at);
        sim.apply(command);
    }
    sim.advance_to(until);
    sim
}

#[test]
fn rewinding_the_page_reproduces_the_live_run_and_the_models_replay() {
    let plain = Scenario {
        config: config(),
        ..Scenario::default()
    };
    let until = 15 * SECOND;
    let live_run = live(&plain, until);
    let mut history = History::new(plain.clone(), interventions());
    let rewound = history.replay_to(until);
    let replayed = Simulation::replay(config(), &interventions(), until);
    assert_eq!(rewound.now(), until);
    assert_eq!(rewound.history_hash(), live_run.history_hash());
    assert_eq!(replayed.history_hash(), live_run.history_hash());
    assert_eq!(rewound.report(), replayed.report());
}

#[test]
fn rewinding_keeps_the_scenarios_timeline_and_forgets_later_commands() {
    let base = Scenario {
        config: config(),
        timeline: vec![TimedCommand {
            at: 4 * SECOND,
            command: Command::CrashStore,
        }],
        ..Scenario::default()
    };
    let mut history = History::new(base.clone(), interventions());
    let end = history.replay_to(15 * SECOND);
    assert_eq!(end.history_hash(), live(&base, 15 * SECOND).history_hash());

    // Back to 6 s: the commands after it are dropped, and the run equals one that never had them.
    let back = history.replay_to(6 * SECOND);
    let kept: Vec<_> = interventions()
        .into_iter()
        .filter(|(at, _)| *at <= 6 * SECOND)
        .collect();
    assert_eq!(history.applied, kept);
    let mut expected = base.simulation();
    expected.replay_log(&kept, 6 * SECOND);
    assert_eq!(back.history_hash(), expected.history_hash());
    assert_ne!(back.history_hash(), end.history_hash());
}
