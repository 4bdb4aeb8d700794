//! The same workload under every strategy: one code path for the runner's `compare` and the page's
//! compare view.

use super::metric::ReportJson;
use super::{Scenario, TimedCommand};
use crate::model::{Command, Config, Report, ServerId, Strategy, SECOND};
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

/// What the compare view runs: the page's workload, or `default_workload()` when the page brings none
/// (the lab's defaults with no command applied, where every fix would show 0 of everything).
pub fn workload(scenario: &Scenario) -> Scenario {
    if *scenario == Scenario::default() {
        default_workload()
    } else {
        scenario.clone()
    }
}

/// Servers in the default comparison: with six, primary-backup's single copy per write is plainly
/// cheaper than all-to-all's five, in messages as in bytes (with three they are close).
pub const DEFAULT_COMPARE_SERVERS: u32 = 6;

/// A minute of 30 users in which each fix meets what it is weak against: server B crashes at 15 s
/// (local and sticky sessions lose sessions) and is restarted at 25 s, the store's primary crashes at
/// 35 s (the external store fails over to its replica after 2 s, losing its last writes).
pub fn default_workload() -> Scenario {
    let mut config = Config {
        servers: DEFAULT_COMPARE_SERVERS,
        users: 30,
        think_time_ms: 1_000,
        store_replica: true,
        ..Config::DEFAULT
    };
    config.timing.store_failover_ms = 2_000;
    let at = |seconds: u64, command: Command| TimedCommand {
        at: seconds * SECOND,
        command,
    };
    Scenario {
        config,
        duration: 60 * SECOND,
        timeline: vec![
            at(15, Command::CrashServer(ServerId(1))),
            at(25, Command::RestartServer(ServerId(1))),
            at(35, Command::CrashStore),
        ],
    }
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
