//! The same workload under every strategy: one code path for the runner's `compare` and the page's
//! compare view.

use super::Scenario;
use crate::model::{Command, Report, Strategy};

/// One report per strategy, in `Strategy::ALL` order. The strategy is what is compared, so timeline
/// commands that switch strategy are left out; every other command (faults, traffic, scaling) stays,
/// so each strategy faces the same events.
pub fn compare(scenario: &Scenario) -> Vec<(Strategy, Report)> {
    Strategy::ALL
        .into_iter()
        .map(|strategy| (strategy, variant(scenario, strategy).run()))
        .collect()
}

/// The scenario as it runs for one strategy in the comparison.
pub fn variant(scenario: &Scenario, strategy: Strategy) -> Scenario {
    let mut variant = scenario.clone();
    variant.config.strategy = strategy;
    variant
        .timeline
        .retain(|t| !matches!(t.command, Command::SetStrategy(_)));
    variant
}
