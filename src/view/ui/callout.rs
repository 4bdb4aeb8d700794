//! The director's callout: a few large lines drawn on the picture beside the node where a key moment
//! happens (at server B: `Cookie: SESSION=9e37 → not found → 401`), with a leader line to the node.
//! Its words come from the word tables (`Words::callout`), its place from the layout.

use crate::model::Endpoint;
use crate::view::director::Callout;
use crate::view::layout::{Layout, Rect};
use crate::view::svgnum::fmt as fmt1;
use crate::view::words::Lang;
use yew::prelude::*;

/// Text size in picture units: the picture is about 1000 units wide, so this stays at least 14 CSS px
/// wherever the picture is shown 560 px wide or more, as in the 960x540 embed with the tour
/// (e2e/director.test.mjs measures it there and at 1280x720).
const FONT: f64 = 26.0;
const PAD: f64 = 10.0;
const GAP: f64 = 14.0;

#[derive(Properties, PartialEq)]
pub struct CalloutProps {
    pub callout: Callout,
    pub layout: std::rc::Rc<Layout>,
    pub lang: Lang,
}

/// The node's box in the picture.
fn node_rect(layout: &Layout, place: Endpoint) -> Option<Rect> {
    match place {
        Endpoint::Server(s) => Some(layout.server_rect(s)),
        Endpoint::Balancer => Some(layout.lb),
        Endpoint::Store => layout.store,
        Endpoint::Replica => layout.replica,
        Endpoint::User(_) => None,
    }
}

/// Width of a line of text: wide (Hangul) characters take about a full em, the rest about 0.6.
fn text_width(line: &str) -> f64 {
    line.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum::<f64>()
        * FONT
}

#[component]
pub fn CalloutLayer(props: &CalloutProps) -> Html {
    let Some(node) = node_rect(&props.layout, props.callout.place) else {
        return html! {};
    };
    let lines = props.lang.words().callout(&props.callout.says);
    let (width, height) = (props.layout.width, props.layout.height);
    let w = (lines.iter().map(|l| text_width(l)).fold(0.0, f64::max) + 2.0 * PAD).min(width - 8.0);
    let line_h = FONT * 1.25;
    let h = line_h * lines.len() as f64 + 2.0 * PAD;
    let x = (node.cx() - w / 2.0).clamp(4.0, (width - w - 4.0).max(4.0));
    // Below the node when it fits, else above it, else over its top.
    let below = node.y + node.h + GAP;
    let above = node.y - GAP - h;
    let (y, to_y) = if below + h <= height - 4.0 {
        (below, node.y + node.h)
    } else if above >= 4.0 {
        (above, node.y)
    } else {
        (4.0, node.y)
    };
    let from_y = if y > to_y { y } else { y + h };
    html! {
        <g class="callout" data-testid="callout" data-place={format!("{:?}", props.callout.place)}>
            <line class="callout-leader" x1={fmt1(node.cx())} y1={fmt1(from_y)} x2={fmt1(node.cx())} y2={fmt1(to_y)} />
            <rect class="callout-box" x={fmt1(x)} y={fmt1(y)} width={fmt1(w)} height={fmt1(h)} rx="8" />
            { for lines.iter().enumerate().map(|(i, line)| html! {
                <text class="callout-text" x={fmt1(x + PAD)} y={fmt1(y + PAD + line_h * i as f64 + FONT * 0.95)}
                    font-size={fmt1(FONT)}>{ line.clone() }</text>
            }) }
        </g>
    }
}
