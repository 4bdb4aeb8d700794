//! The compare view (`?view=compare`): the same seeded workload under every strategy, as a table and as
//! bar charts. The numbers come from `scenario::compare` (`variant(..).run()` per strategy, the very code
//! path of the headless runner's `compare`), so the page and the runner agree exactly.

use crate::model::{Report, Strategy, MS, SECOND};
use crate::number::{f64_text, fixed};
use crate::scenario::compare::variant;
use crate::scenario::url::{to_query, PageState};
use crate::scenario::Scenario;
use crate::scenario::{Metric, MetricValue, Unit};
use crate::view::words::{CompareRun, Lang};
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

/// Drawn as a bar chart below the table: the outcomes a class compares (every metric is a column).
fn charted(metric: Metric) -> bool {
    match metric {
        Metric::Mismatches
        | Metric::Relogins
        | Metric::SessionsLost
        | Metric::Errors
        | Metric::ReplicationMessages
        | Metric::ReplicationBytes
        | Metric::StoreWritesLost
        | Metric::SessionMemoryBytes
        | Metric::LatencyP50
        | Metric::LatencyP99 => true,
        Metric::Requests
        | Metric::AuthenticatedRequests
        | Metric::Ok
        | Metric::LostSessionHits
        | Metric::ExpiredHits
        | Metric::SessionsCreated
        | Metric::SessionsExpired
        | Metric::OrphanedSessions
        | Metric::StoreOps
        | Metric::StoreRoundTrip
        | Metric::StoreReplicationMessages
        | Metric::StoreMemoryBytes
        | Metric::ReplicaMemoryBytes
        | Metric::Imbalance => false,
    }
}

fn label(metric: Metric, lang: Lang) -> &'static str {
    lang.words().metric(metric)
}

/// The raw number for `data-value`: integers without a fraction, floats in Rust's shortest round-trip
/// form (parses back to the very same f64 the runner prints).
fn raw(metric: Metric, report: &Report) -> String {
    match metric.value(report) {
        MetricValue::Count(n) => n.to_string(),
        MetricValue::Real(x) => f64_text(x),
    }
}

fn shown(unit: Unit, value: f64) -> String {
    match unit {
        Unit::Count => format!("{}", value as u64),
        Unit::Ratio => fixed(value, 2),
        Unit::Millis => format!("{} ms", fixed(value, 1)),
        Unit::Bytes if value >= 1024.0 * 1024.0 => {
            format!("{} MiB", fixed(value / (1024.0 * 1024.0), 1))
        }
        Unit::Bytes if value >= 1024.0 => format!("{} KiB", fixed(value / 1024.0, 1)),
        Unit::Bytes => format!("{} B", f64_text(value)),
    }
}

/// The lab with the same configuration (no `view`), relative so it works under any sub-path.
fn lab_link(scenario: &Scenario) -> String {
    let state = PageState {
        config: scenario.config.clone(),
        commands: scenario
            .timeline
            .iter()
            .map(|t| (t.at, t.command.clone()))
            .collect(),
        ..PageState::default()
    };
    format!("?{}", to_query(&state))
}

/// The page, with the strategies run so far (`run_all` delivers them one by one).
pub fn compare_view(scenario: &Scenario, lang: Lang, rows: &[(Strategy, Report)]) -> Html {
    let total = Strategy::ALL.len();
    let complete = rows.len() == total;
    let w = lang.words();
    let t = w.strings();
    let summary = w.compare_summary(&CompareRun {
        servers: scenario.config.servers,
        users: scenario.config.users,
        seed: scenario.config.seed,
        seconds: scenario.duration / SECOND,
        scripted_events: scenario.timeline.len(),
    });

    html! {
        <div class="compare" data-testid="compare">
            <header class="compare-head">
                <h1>{ t.compare_title }</h1>
                <p class="compare-summary">{ summary }</p>
                <a class="compare-back" data-testid="compare-back" href={lab_link(scenario)}>
                    { t.compare_back }
                </a>
            </header>
            <div class="compare-status" role="status" aria-live="polite">
                if !complete {
                    <p class="compare-progress" data-testid="compare-progress">
                        <progress max={total.to_string()} value={rows.len().to_string()}></progress>
                        { " " }
                        { w.compare_progress(rows.len(), total) }
                    </p>
                }
            </div>
            // Scrolls sideways on a phone: focusable, so a keyboard can scroll it too.
            <div class="compare-table-wrap" tabindex="0" role="region" aria-label={t.compare_table}>
                <table class="compare-table" data-testid="compare-table"
                    data-complete={if complete { "true" } else { "false" }}
                    data-duration-ms={(scenario.duration / MS).to_string()}
                    aria-busy={if complete { "false" } else { "true" }}>
                    <caption>{ t.compare_table }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ t.compare_strategy }</th>
                            { for Metric::ALL.into_iter().map(|m| html! {
                                <th key={m.key()} scope="col" data-metric={m.key()}>{ label(m, lang) }</th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|(strategy, report)| html! {
                            <tr key={strategy.name()} data-strategy={strategy.name()}>
                                <th scope="row">{ w.compare_strategy(*strategy) }</th>
                                { for Metric::ALL.into_iter().map(|m| html! {
                                    <td key={m.key()} data-metric={m.key()} data-value={raw(m, report)}>
                                        { shown(m.unit(), m.value(report).as_f64()) }
                                    </td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="compare-charts">
                if complete {
                    { for Metric::ALL.into_iter().filter(|m| charted(*m)).map(|m| bar_chart(m, rows, lang)) }
                }
            </div>
        </div>
    }
}

/// Run every strategy, each in its own task so the page stays responsive and shows progress between
/// strategies, and hand each result to `on_row` in `Strategy::ALL` order. Each run is
/// `compare::variant(..).run()`, exactly what `compare::compare` (and so the headless runner) computes.
pub fn run_all(scenario: Rc<Scenario>, on_row: Callback<(Strategy, Report)>) {
    run_from(0, scenario, on_row);
}

fn run_from(index: usize, scenario: Rc<Scenario>, on_row: Callback<(Strategy, Report)>) {
    let Some(&strategy) = Strategy::ALL.get(index) else {
        return;
    };
    // A short delay lets the browser paint the progress before the next run takes the thread.
    Timeout::new(16, move || {
        on_row.emit((strategy, variant(&scenario, strategy).run()));
        run_from(index + 1, scenario, on_row);
    })
    .forget();
}

// Sized for 16-unit text (teach.css): the chart is never drawn narrower than 480 px, so no label is
// under 14 px on screen (the longest strategy name fits left of the bars).
const BAR_LEFT: i64 = 215;
const BAR_WIDTH: i64 = 200;
/// Room right of the longest bar for its value.
const BAR_VALUE: i64 = 110;
const BAR_HEIGHT: i64 = 24;
const BAR_GAP: i64 = 8;

/// One metric across the strategies as horizontal bars, scaled to the largest value.
fn bar_chart(metric: Metric, rows: &[(Strategy, Report)], lang: Lang) -> Html {
    let values: Vec<f64> = rows
        .iter()
        .map(|(_, r)| metric.value(r).as_f64())
        // A latency with no request yet is undefined: no bar.
        .map(|v| if v.is_finite() { v } else { 0.0 })
        .collect();
    let max = values.iter().cloned().fold(0.0_f64, f64::max);
    let height = (BAR_HEIGHT + BAR_GAP) * rows.len() as i64 + BAR_GAP;
    let description = rows
        .iter()
        .zip(&values)
        .map(|((s, _), v)| {
            format!(
                "{}: {}",
                lang.words().compare_strategy(*s),
                shown(metric.unit(), *v)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <figure key={metric.key()} class="compare-chart" data-testid={format!("compare-chart-{}", metric.key())}>
            <figcaption>{ label(metric, lang) }</figcaption>
            <svg viewBox={format!("0 0 {} {height}", BAR_LEFT + BAR_WIDTH + BAR_VALUE)} role="img"
                aria-label={format!("{}: {description}", label(metric, lang))}>
                { for rows.iter().zip(&values).enumerate().map(|(i, ((strategy, _), value))| {
                    let y = BAR_GAP + i as i64 * (BAR_HEIGHT + BAR_GAP);
                    let width = if max > 0.0 { (value / max * BAR_WIDTH as f64).round() as i64 } else { 0 };
                    html! {
                        <g key={strategy.name()} class={classes!("bar", format!("strategy-{}", strategy.name()))}>
                            <text x={(BAR_LEFT - 8).to_string()} y={(y + BAR_HEIGHT * 2 / 3).to_string()}
                                text-anchor="end" class="bar-label">{ lang.words().compare_strategy(*strategy) }</text>
                            <rect x={BAR_LEFT.to_string()} y={y.to_string()} width={width.max(1).to_string()}
                                height={BAR_HEIGHT.to_string()} rx="3" class="bar-fill" />
                            <text x={(BAR_LEFT + width + 6).to_string()} y={(y + BAR_HEIGHT * 2 / 3).to_string()}
                                class="bar-value">{ shown(metric.unit(), *value) }</text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}
