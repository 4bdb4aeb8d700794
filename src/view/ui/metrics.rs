//! Read-outs and small charts. Every number is the model's (`Report`); `data-value` carries it raw.

use super::widgets::{named_options, select_input};
use crate::model::{Micros, Report, SeriesMetric, ServerId};
use crate::number::{f64_text, fixed, write_fixed};
use crate::scenario::{Metric, MetricValue, Unit};
use crate::view::actions::Action;
use crate::view::names::server_letter;
use crate::view::words::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MetricsProps {
    pub report: std::rc::Rc<Report>,
    pub now: Micros,
    pub lang: Lang,
    pub memory_budget: u64,
    /// The chart picker's choice and its points, one per simulated second.
    pub chart: SeriesMetric,
    pub series: std::rc::Rc<Vec<f64>>,
    pub act: Callback<Action>,
    /// Under the store strategy: the store-replica read-outs.
    pub show_store: bool,
    /// Embed mode: headline numbers only.
    pub compact: bool,
    /// Read-outs a revealed tour step points at.
    pub highlight: Vec<&'static str>,
}

/// One read-out: the label, the number as people read it, and the raw number in `data-value`.
struct Readout<'a> {
    highlight: &'a [&'static str],
}

impl Readout<'_> {
    fn show(
        &self,
        testid: AttrValue,
        label: &'static str,
        raw: String,
        shown: String,
        emphasis: bool,
    ) -> Html {
        let lit = self.highlight.iter().any(|h| **h == *testid);
        html! {
            <div class={classes!("metric", emphasis.then_some("headline"), lit.then_some("tour-highlight"))}
                 data-testid={testid} data-value={raw}>
                <dt>{ label }</dt>
                <dd>{ shown }</dd>
            </div>
        }
    }
}

fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn bytes(n: u64) -> String {
    if n >= 1 << 30 {
        format!("{} GiB", fixed(n as f64 / (1u64 << 30) as f64, 1))
    } else if n >= 1 << 20 {
        format!("{} MiB", fixed(n as f64 / (1u64 << 20) as f64, 1))
    } else if n >= 1 << 10 {
        format!("{} KiB", fixed(n as f64 / 1024.0, 0))
    } else {
        format!("{n} B")
    }
}

/// The metrics with a read-out of their own, in the order shown, and whether each is a headline number.
const READOUTS: [(Metric, bool); 9] = [
    (Metric::Mismatches, true),
    (Metric::Relogins, true),
    (Metric::SessionsLost, true),
    (Metric::Errors, true),
    (Metric::Requests, false),
    (Metric::LostSessionHits, false),
    (Metric::Imbalance, false),
    (Metric::ReplicationMessages, false),
    (Metric::StoreOps, false),
];

/// Only where there is a store: what its replica received, and what a failover threw away.
const STORE_READOUTS: [Metric; 3] = [
    Metric::StoreRoundTrip,
    Metric::StoreReplicationMessages,
    Metric::StoreWritesLost,
];

/// A metric's read-out handle: `metric-<key>` with dashes (`metric-lost-session-hits`).
fn metric_testid(metric: Metric) -> String {
    format!("metric-{}", metric.key().replace('_', "-"))
}

/// A metric's number, raw (for `data-value`) and as people read it (by its unit).
fn metric_text(metric: Metric, r: &Report) -> (String, String) {
    match (metric.value(r), metric.unit()) {
        (MetricValue::Count(n), Unit::Bytes) => (n.to_string(), bytes(n)),
        (MetricValue::Count(n), Unit::Count | Unit::Ratio | Unit::Millis) => {
            (n.to_string(), group_digits(n))
        }
        (MetricValue::Real(x), Unit::Ratio) => (f64_text(x), fixed(x, 2)),
        (MetricValue::Real(x), Unit::Millis) => (f64_text(x), format!("{} ms", fixed(x, 0))),
        (MetricValue::Real(x), Unit::Count | Unit::Bytes) => (f64_text(x), f64_text(x)),
    }
}

/// The servers' session memory, summed.
fn memory_text(r: &Report) -> (String, String) {
    let memory: u64 = r.per_server.iter().map(|s| s.memory_bytes).sum();
    (memory.to_string(), bytes(memory))
}

/// The latency read-out: p50 and p99.
fn latency_text(r: &Report) -> (String, String) {
    (
        format!(
            "{} {}",
            f64_text(r.latency_ms.p50),
            f64_text(r.latency_ms.p99)
        ),
        format!(
            "{} / {} ms",
            fixed(r.latency_ms.p50, 0),
            fixed(r.latency_ms.p99, 0)
        ),
    )
}

/// What the read-out with handle `testid` shows: its label and its number as people read it.
fn readout_text(testid: &str, r: &Report, lang: Lang) -> Option<(&'static str, String)> {
    let t = lang.strings();
    match testid {
        "metric-memory" => Some((t.metric_memory, memory_text(r).1)),
        "metric-latency" => Some((t.metric_latency, latency_text(r).1)),
        _ => {
            let key = testid.strip_prefix("metric-")?.replace('-', "_");
            READOUTS
                .map(|(m, _)| m)
                .into_iter()
                .chain(STORE_READOUTS)
                .find(|m| m.key() == key)
                .map(|m| (lang.words().metric(m), metric_text(m, r).1))
        }
    }
}

/// A read-out the tour's answer points at: its label, its number now, and its number when the
/// question was asked where that was different.
#[derive(Clone, Debug, PartialEq)]
pub struct PointedReadout {
    pub label: &'static str,
    pub now: String,
    pub before: Option<String>,
}

/// The read-outs a revealed tour step points at (`lit`, the handles it highlights), for the tour panel
/// to show beside its answer, where the class is already looking; with what they were `before` the
/// step played, so the change itself is on screen.
pub fn pointed_readouts(
    lit: &[&str],
    r: &Report,
    before: Option<&Report>,
    lang: Lang,
) -> Vec<PointedReadout> {
    lit.iter()
        .filter_map(|testid| {
            let (label, now) = readout_text(testid, r, lang)?;
            let before = before
                .and_then(|b| readout_text(testid, b, lang))
                .map(|(_, was)| was)
                .filter(|was| *was != now);
            Some(PointedReadout { label, now, before })
        })
        .collect()
}

impl Readout<'_> {
    /// A metric's read-out: its name from the word table, its handle, the number shown by its unit.
    fn metric(&self, metric: Metric, lang: Lang, r: &Report, emphasis: bool) -> Html {
        let (raw, shown) = metric_text(metric, r);
        let label = lang.words().metric(metric);
        self.show(metric_testid(metric).into(), label, raw, shown, emphasis)
    }
}

/// Simulated time in the form people read: 1:02.345
pub fn clock(now: Micros) -> String {
    let ms = now / 1_000;
    let (m, s, rest) = (ms / 60_000, (ms / 1_000) % 60, ms % 1_000);
    format!("{m}:{s:02}.{rest:03}")
}

#[component]
pub fn MetricsPanel(props: &MetricsProps) -> Html {
    let w = props.lang.words();
    let t = w.strings();
    let r = &props.report;
    let (memory_raw, memory_shown) = memory_text(r);
    let (latency_raw, latency_shown) = latency_text(r);
    let chart_options = named_options(SeriesMetric::ALL, SeriesMetric::name, |m| w.series(m));
    let chart_name = w.series(props.chart);
    let out = Readout {
        highlight: &props.highlight,
    };
    let sim_ms = props.now as f64 / 1_000.0;
    html! {
        <section class="metrics" aria-labelledby="metrics-title">
            <h2 id="metrics-title">{ t.metrics }</h2>
            <dl class="readouts">
                { out.show("sim-time".into(), t.sim_time, f64_text(sim_ms), clock(props.now), false) }
                { for READOUTS.into_iter().map(|(m, headline)| out.metric(m, props.lang, r, headline)) }
                if props.show_store {
                    { for STORE_READOUTS.into_iter().map(|m| out.metric(m, props.lang, r, false)) }
                }
                { out.show("metric-memory".into(), t.metric_memory, memory_raw, memory_shown, false) }
                { out.show("metric-latency".into(), t.metric_latency, latency_raw, latency_shown, false) }
            </dl>
            <div class="charts-slot">
            if !props.compact {
            <div class="charts">
                <figure class="chart">
                    <figcaption>{ t.chart_load }</figcaption>
                    { load_bars(r, props.memory_budget, props.lang) }
                </figure>
                <figure class="chart">
                    <figcaption>
                        <label for="chart-metric">{ t.chart_over_time }</label>
                        { select_input("chart-metric", &chart_options, props.chart.name(), &props.act,
                            |v| SeriesMetric::from_name(v).map(Action::SetChart)) }
                    </figcaption>
                    { series_chart(&props.series, chart_name, props.lang) }
                </figure>
            </div>
            }
            </div>
        </section>
    }
}

/// Requests per server as bars, memory as a thin bar under each.
fn load_bars(r: &Report, memory_budget: u64, lang: Lang) -> Html {
    let n = r.per_server.len().max(1);
    let max = r
        .per_server
        .iter()
        .map(|s| s.requests)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let (w, h) = (240.0, 80.0);
    let bw = w / n as f64;
    let mut bars = String::new();
    let mut down = String::new();
    let mut mem = String::new();
    for (i, s) in r.per_server.iter().enumerate() {
        // Room above the tallest bar for the server letters.
        let bh = (s.requests as f64 / max) * (h - 20.0);
        let x = i as f64 * bw + bw * 0.1;
        let target = if s.up { &mut bars } else { &mut down };
        // M{x} {top}h{width}v{bh}h-{width}z, one decimal each.
        for (text, v) in [
            ("M", x),
            (" ", h - 8.0 - bh),
            ("h", bw * 0.8),
            ("v", bh),
            ("h-", bw * 0.8),
        ] {
            target.push_str(text);
            write_fixed(target, v, 1);
        }
        target.push('z');
        if memory_budget > 0 {
            let mw = (s.memory_bytes as f64 / memory_budget as f64).clamp(0.0, 1.0) * bw * 0.8;
            // M{x} {top}h{mw}v3h-{mw}z
            for (text, v) in [("M", x), (" ", h - 5.0), ("h", mw), ("v3h-", mw)] {
                mem.push_str(text);
                write_fixed(&mut mem, v, 1);
            }
            mem.push('z');
        }
    }
    let labels = n <= 16;
    html! {
        <svg class="bars" viewBox={format!("0 0 {} {}", f64_text(w), f64_text(h))} role="img"
             aria-label={r.per_server.iter().enumerate().map(|(i, s)| format!("{} {}", server_letter(ServerId(i as u32)), s.requests)).collect::<Vec<_>>().join(", ")}>
            <path class="bar" d={bars} />
            <path class="bar down" d={down} />
            <path class="bar-mem" d={mem} />
            <g class="bar-labels">
                if labels {
                    { for r.per_server.iter().enumerate().map(|(i, _)| html! {
                        <text key={i} x={fixed(i as f64 * bw + bw / 2.0, 1)} y="8.0" text-anchor="middle" font-size="8">{ server_letter(ServerId(i as u32)) }</text>
                    }) }
                }
            </g>
            <g class="empty-note">
                if r.per_server.is_empty() {
                    <text x="120" y="44" text-anchor="middle" font-size="10">{ lang.strings().chart_empty }</text>
                }
            </g>
        </svg>
    }
}

/// A chart's scale label: short enough for the corner of a small chart (1.2k, 3.4M).
fn compact_number(v: f64) -> String {
    if v >= 1e9 {
        format!("{}G", fixed(v / 1e9, 1))
    } else if v >= 1e6 {
        format!("{}M", fixed(v / 1e6, 1))
    } else if v >= 1e4 {
        format!("{}k", fixed(v / 1e3, 1))
    } else {
        // Counts are whole; only levels such as a latency have a fraction worth showing.
        fixed(v, if v < 10.0 && v.fract() != 0.0 { 1 } else { 0 })
    }
}

fn series_chart(points: &[f64], name: &str, lang: Lang) -> Html {
    let (w, h) = (240.0, 80.0);
    let peak = points.iter().cloned().fold(0.0, f64::max);
    let last = points.last().cloned().unwrap_or(0.0);
    let max = peak.max(1.0);
    let mut d = String::new();
    let n = points.len().max(2) - 1;
    for (i, v) in points.iter().enumerate() {
        let x = i as f64 / n as f64 * w;
        // The top band holds the scale label; the line stays below it.
        let y = h - 4.0 - v / max * (h - 18.0);
        d.push_str(if i == 0 { "M" } else { "L" });
        write_fixed(&mut d, x, 1);
        d.push(' ');
        write_fixed(&mut d, y, 1);
    }
    html! {
        <svg class="series" viewBox={format!("0 0 {} {}", f64_text(w), f64_text(h))} role="img"
             aria-label={format!("{name}: {} {}, {} {}", lang.strings().chart_latest, fixed(last, 1), lang.strings().chart_peak, fixed(peak, 1))}
             data-last={f64_text(last)} data-peak={f64_text(peak)}>
            <path class="series-line" d={d} />
            <text class="chart-peak" x="2" y="9" font-size="8">{ compact_number(peak) }</text>
            <g class="empty-note">
                if points.len() < 2 {
                    <text x="120" y="44" text-anchor="middle" font-size="10">{ lang.strings().chart_empty }</text>
                }
            </g>
        </svg>
    }
}
