//! The same workload under every strategy: one code path for the runner's `compare` and the page's
//! compare view.

use super::metric::ReportJson;
use super::Scenario;
use crate::model::{Command, Report, Strategy};
use serde::Serialize;

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

/// The runner's `compare` output: a JSON list of `{"strategy": name, "metrics": {...}}`, the metrics as
/// `report_json` writes them.
pub fn compare_json(rows: &[(Strategy, Report)]) -> Result<String, serde_json::Error> {
    #[derive(Serialize)]
    struct Row<'a> {
        strategy: &'static str,
        metrics: ReportJson<'a>,
    }
    let rows: Vec<Row> = rows
        .iter()
        .map(|(strategy, report)| Row {
            strategy: strategy.name(),
            metrics: ReportJson(report),
        })
        .collect();
    serde_json::to_string(&rows)
}
