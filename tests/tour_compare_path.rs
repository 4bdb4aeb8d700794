//! The compare view runs one strategy per browser task (`compare::variant(..).run()`) so the page never
//! freezes; the runner runs `compare::compare`. These must be the same numbers, for any scenario.

use sessionscope::model::{Command, ServerId, Strategy, SECOND};
use sessionscope::scenario::compare::{compare, variant};
use sessionscope::scenario::tour::steps;
use sessionscope::scenario::{Scenario, TimedCommand};

fn per_strategy(scenario: &Scenario) -> Vec<(Strategy, sessionscope::model::Report)> {
    Strategy::ALL
        .into_iter()
        .map(|s| (s, variant(scenario, s).run()))
        .collect()
}

#[test]
fn one_strategy_at_a_time_equals_compare() {
    let mut scripted = Scenario {
        duration: 60 * SECOND,
        timeline: vec![
            TimedCommand {
                at: 10 * SECOND,
                command: Command::CrashServer(ServerId(1)),
            },
            TimedCommand {
                at: 20 * SECOND,
                command: Command::SetStrategy(Strategy::Store),
            },
            TimedCommand {
                at: 30 * SECOND,
                command: Command::CrashStore,
            },
        ],
        ..Scenario::default()
    };
    scripted.config.users = 30;
    let mut scenarios = vec![Scenario::default(), scripted];
    scenarios.extend(steps().into_iter().map(|s| s.scenario));
    for scenario in &scenarios {
        let whole = compare(scenario);
        assert_eq!(whole.len(), Strategy::ALL.len());
        assert_eq!(per_strategy(scenario), whole);
    }
}
