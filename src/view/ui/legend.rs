//! What every glyph means, drawn with the same classes as the picture itself.

use super::topology::{key_shape, Mark};
use crate::view::traffic::Look;
use crate::view::words::Lang;
use yew::prelude::*;

fn arrow_sample(look: Look) -> Html {
    // Same head shapes as traffic.rs, at a fixed place.
    let head = match look {
        Look::Replication => "M23.5 8a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0",
        Look::Store | Look::Fetch => "M34 8L28 12.2L22 8L28 3.8z",
        Look::Error => "M23 3h10v10h-10z",
        Look::Health => "M26.5 6.5h3v3h-3z",
        _ => "M34 8L24.4 12.8L24.4 3.2z",
    };
    html! {
        <svg class="legend-glyph" viewBox="0 0 36 16" width="36" height="16" aria-hidden="true">
            <g class={classes!("arrow", look.class())}>
                <path class="tail" d="M2 8L30 8" />
                <path class="head" d={head} />
            </g>
        </svg>
    }
}

fn box_sample(class: &'static str) -> Html {
    html! {
        <svg class="legend-glyph" viewBox="0 0 36 16" width="36" height="16" aria-hidden="true">
            <g class={classes!("node", "server", class)}>
                <rect class="box" x="2" y="1" width="32" height="14" rx="3" />
                if class.starts_with("down") {
                    <path class="cross" d="M4 3L32 13M32 3L4 13" />
                }
            </g>
        </svg>
    }
}

/// A session chip, with `mark` over it as the picture marks one.
fn chip_sample(class: &'static str, mark: Option<Mark>) -> Html {
    let d = match class {
        "chip-key" => {
            let mut d = String::new();
            key_shape(&mut d, 11.0, 2.0, 12.0);
            d
        }
        "chip-backup" => "M12 3h10v10h-10z".to_string(),
        _ => "M11 2h12v12h-12z".to_string(),
    };
    let marked = mark.map(|mark| {
        let mut d = String::new();
        mark.path(&mut d, 11.0, 2.0, 12.0);
        html! { <path class={mark.class()} d={d} /> }
    });
    html! {
        <svg class="legend-glyph" viewBox="0 0 36 16" width="36" height="16" aria-hidden="true">
            <path class={classes!("chip", class, "c0")} d={d} />
            { for marked }
        </svg>
    }
}

/// The sample drawn beside one legend entry.
#[derive(Clone, Copy)]
enum Sample {
    Arrow(Look),
    Flow,
    Chip(&'static str),
    /// A full session's chip with a mark over it (dimmed: nobody will use it again; outlined: the
    /// replica's copy is older; crossed out: its latest write was lost at a failover).
    Marked(Mark),
    Node(&'static str),
    /// A user's cookie line as the picture writes it under the name.
    Cookie,
}

fn flow_sample() -> Html {
    html! {
        <svg class="legend-glyph" viewBox="0 0 36 16" width="36" height="16" aria-hidden="true">
            <path class="flow look-request" d="M2 8L34 8" stroke-width="6" />
        </svg>
    }
}

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub lang: Lang,
}

#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let lang = props.lang;
    let t = lang.strings();
    // (key, sample, text); one loop draws them all.
    let entries = [
        (
            "look-request",
            Sample::Arrow(Look::Request),
            t.legend_request,
        ),
        ("look-ok", Sample::Arrow(Look::Ok), t.legend_ok),
        (
            "look-mismatch",
            Sample::Arrow(Look::Mismatch),
            t.legend_mismatch,
        ),
        ("look-lost", Sample::Arrow(Look::Lost), t.legend_lost),
        ("look-error", Sample::Arrow(Look::Error), t.legend_error),
        (
            "look-replication",
            Sample::Arrow(Look::Replication),
            t.legend_replication,
        ),
        ("look-store", Sample::Arrow(Look::Store), t.legend_store),
        ("look-fetch", Sample::Arrow(Look::Fetch), t.legend_fetch),
        ("look-health", Sample::Arrow(Look::Health), t.legend_health),
        ("flow", Sample::Flow, t.legend_flow),
        ("full", Sample::Chip("chip-full"), t.legend_full),
        ("backup", Sample::Chip("chip-backup"), t.legend_backup),
        ("key", Sample::Chip("chip-key"), t.legend_key_only),
        (
            "undetected",
            Sample::Node("down-undetected"),
            t.legend_undetected,
        ),
        ("down", Sample::Node("down-detected"), t.legend_down),
        (
            "partitioned",
            Sample::Node("partitioned"),
            t.legend_partitioned,
        ),
        ("slow", Sample::Node("slow"), t.legend_slow),
        ("orphan", Sample::Marked(Mark::Orphan), t.legend_orphaned),
        (
            "trailing",
            Sample::Marked(Mark::Trailing),
            t.legend_trailing,
        ),
        ("stale", Sample::Marked(Mark::Stale), t.legend_stale),
        ("cookie", Sample::Cookie, t.legend_cookie),
    ];
    html! {
        <section class="legend" aria-labelledby="legend-title">
            <h2 id="legend-title">{ t.legend }</h2>
            <ul>
                { for entries.iter().map(|(key, sample, text)| {
                    let glyph = match *sample {
                        Sample::Arrow(look) => arrow_sample(look),
                        Sample::Flow => flow_sample(),
                        Sample::Chip(class) => chip_sample(class, None),
                        Sample::Marked(mark) => chip_sample("chip-full", Some(mark)),
                        Sample::Node(class) => box_sample(class),
                        Sample::Cookie => html! {
                            <span class="legend-cookie" aria-hidden="true">{ "9e37→A " }<span class="mark">{ "↻" }</span>{ "1 ✕1" }</span>
                        },
                    };
                    // The cookie line's and the marked sessions' sentences are long: a row of their own.
                    let wide = matches!(sample, Sample::Cookie | Sample::Marked(_)).then_some("wide");
                    html! { <li key={*key} class={classes!(wide)}>{ glyph }<span>{ *text }</span></li> }
                }) }
            </ul>
        </section>
    }
}
