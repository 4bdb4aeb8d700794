//! The compare view (`?view=compare`): the same seeded workload under every strategy, as a table and as
//! bar charts. The numbers come from `scenario::compare` (`variant(..).run()` per strategy, the very code
//! path of the headless runner's `compare`), so the page and the runner agree exactly.

use crate::model::{Report, Strategy, MS, SECOND};
use crate::number::{f64_text, fixed};
use crate::scenario::compare::variant;
use crate::scenario::url::{to_query, PageState};
use crate::scenario::Scenario;
use crate::view::words::{CompareRun, Lang};
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

/// How a metric's raw number reads to a person.
#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Count,
    Ratio,
    Millis,
    Bytes,
}

/// One column of the table. `name` is the metric's name in the runner's JSON, also used in `data-metric`.
struct Metric {
    name: &'static str,
    en: &'static str,
    ko: &'static str,
    unit: Unit,
    /// Drawn as a bar chart below the table.
    chart: bool,
    value: fn(&Report) -> f64,
}

const METRICS: &[Metric] = &[
    Metric {
        name: "requests",
        en: "Requests",
        ko: "요청",
        unit: Unit::Count,
        chart: false,
        value: |r| r.requests as f64,
    },
    Metric {
        name: "ok",
        en: "Successful",
        ko: "성공",
        unit: Unit::Count,
        chart: false,
        value: |r| r.ok as f64,
    },
    Metric {
        name: "mismatches",
        en: "Session mismatches",
        ko: "세션 불일치",
        unit: Unit::Count,
        chart: true,
        value: |r| r.mismatches as f64,
    },
    Metric {
        name: "lost_session_hits",
        en: "Hits on lost sessions",
        ko: "잃어버린 세션 요청",
        unit: Unit::Count,
        chart: false,
        value: |r| r.lost_session_hits as f64,
    },
    Metric {
        name: "relogins",
        en: "Forced re-logins",
        ko: "강제 재로그인",
        unit: Unit::Count,
        chart: true,
        value: |r| r.relogins as f64,
    },
    Metric {
        name: "sessions_created",
        en: "Sessions created",
        ko: "생성된 세션",
        unit: Unit::Count,
        chart: false,
        value: |r| r.sessions_created as f64,
    },
    Metric {
        name: "sessions_lost",
        en: "Sessions lost",
        ko: "잃어버린 세션",
        unit: Unit::Count,
        chart: true,
        value: |r| r.sessions_lost as f64,
    },
    Metric {
        name: "errors",
        en: "Errors (5xx)",
        ko: "오류 (5xx)",
        unit: Unit::Count,
        chart: true,
        value: |r| r.errors as f64,
    },
    Metric {
        name: "replication_messages",
        en: "Replication messages",
        ko: "복제 메시지",
        unit: Unit::Count,
        chart: true,
        value: |r| r.replication_messages as f64,
    },
    Metric {
        name: "store_ops",
        en: "Store operations",
        ko: "저장소 작업",
        unit: Unit::Count,
        chart: true,
        value: |r| r.store_ops as f64,
    },
    Metric {
        name: "imbalance",
        en: "Load imbalance (max/mean)",
        ko: "부하 불균형 (최대/평균)",
        unit: Unit::Ratio,
        chart: false,
        value: |r| r.imbalance,
    },
    Metric {
        name: "latency_ms.p50",
        en: "Latency p50",
        ko: "지연 시간 p50",
        unit: Unit::Millis,
        chart: false,
        value: |r| r.latency_ms.p50,
    },
    Metric {
        name: "latency_ms.p99",
        en: "Latency p99",
        ko: "지연 시간 p99",
        unit: Unit::Millis,
        chart: true,
        value: |r| r.latency_ms.p99,
    },
    Metric {
        name: "memory_bytes",
        en: "Session memory (all servers)",
        ko: "세션 메모리 (전체 서버)",
        unit: Unit::Bytes,
        chart: true,
        value: |r| memory_bytes(r) as f64,
    },
];

fn memory_bytes(report: &Report) -> u64 {
    report.per_server.iter().map(|s| s.memory_bytes).sum()
}

fn tr(lang: Lang, en: &'static str, ko: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

fn label(metric: &Metric, lang: Lang) -> &'static str {
    tr(lang, metric.en, metric.ko)
}

/// The raw number for `data-value`: integers without a fraction, floats in Rust's shortest round-trip
/// form (parses back to the very same f64 the runner prints).
fn raw(metric: &Metric, report: &Report) -> String {
    let value = (metric.value)(report);
    match metric.unit {
        Unit::Count | Unit::Bytes => format!("{}", value as u64),
        Unit::Ratio | Unit::Millis => f64_text(value),
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
                            { for METRICS.iter().map(|m| html! {
                                <th key={m.name} scope="col" data-metric={m.name}>{ label(m, lang) }</th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|(strategy, report)| html! {
                            <tr key={strategy.name()} data-strategy={strategy.name()}>
                                <th scope="row">{ w.compare_strategy(*strategy) }</th>
                                { for METRICS.iter().map(|m| html! {
                                    <td key={m.name} data-metric={m.name} data-value={raw(m, report)}>
                                        { shown(m.unit, (m.value)(report)) }
                                    </td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="compare-charts">
                if complete {
                    { for METRICS.iter().filter(|m| m.chart).map(|m| bar_chart(m, rows, lang)) }
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

const BAR_LEFT: i64 = 170;
const BAR_WIDTH: i64 = 190;
/// Room right of the longest bar for its value.
const BAR_VALUE: i64 = 90;
const BAR_HEIGHT: i64 = 22;
const BAR_GAP: i64 = 8;

/// One metric across the strategies as horizontal bars, scaled to the largest value.
fn bar_chart(metric: &Metric, rows: &[(Strategy, Report)], lang: Lang) -> Html {
    let values: Vec<f64> = rows.iter().map(|(_, r)| (metric.value)(r)).collect();
    let max = values.iter().cloned().fold(0.0_f64, f64::max);
    let height = (BAR_HEIGHT + BAR_GAP) * rows.len() as i64 + BAR_GAP;
    let description = rows
        .iter()
        .zip(&values)
        .map(|((s, _), v)| {
            format!(
                "{}: {}",
                lang.words().compare_strategy(*s),
                shown(metric.unit, *v)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <figure key={metric.name} class="compare-chart" data-testid={format!("compare-chart-{}", metric.name)}>
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
                                class="bar-value">{ shown(metric.unit, *value) }</text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}
