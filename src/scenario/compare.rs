//! The same workload under every strategy: one code path for the runner's `compare` and the page's
//! compare view.

use super::Scenario;
use crate::model::{Report, Strategy};

pub fn compare(scenario: &Scenario) -> Vec<(Strategy, Report)> {
    Strategy::ALL
        .into_iter()
        .map(|strategy| {
            let mut variant = scenario.clone();
            variant.config.strategy = strategy;
            (strategy, variant.run())
        })
        .collect()
}
