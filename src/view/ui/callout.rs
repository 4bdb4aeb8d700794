//! The director's callout: a few large lines drawn on the picture beside the node where a key moment
//! happens (at server B: `Cookie: SESSION=9e37 → not found → 401`), with a leader line to the node.
//! Its words come from the word tables (`Words::callout`), its place from `callout_place`; the page
//! gets both (`app::page`).

use crate::model::Endpoint;
use crate::view::callout_place::{CalloutPlace, FONT, LINE_HEIGHT, PAD};
use crate::view::svgnum::fmt as fmt1;
use std::rc::Rc;
use yew::prelude::*;

/// A callout at `place`, its `lines` already placed `at` (placed when the picture is laid out, in
/// `Scene::refresh_world`: the arrow labels keep clear of it).
#[derive(Properties, PartialEq)]
pub struct CalloutProps {
    pub place: Endpoint,
    pub lines: Rc<[String]>,
    pub at: CalloutPlace,
}

#[component]
pub fn CalloutLayer(props: &CalloutProps) -> Html {
    let (r, (x1, y1, x2, y2)) = (props.at.rect, props.at.leader);
    html! {
        <g class="callout" data-testid="callout" data-place={format!("{:?}", props.place)}>
            <line class="callout-leader" x1={fmt1(x1)} y1={fmt1(y1)} x2={fmt1(x2)} y2={fmt1(y2)} />
            <rect class="callout-box" x={fmt1(r.x)} y={fmt1(r.y)} width={fmt1(r.w)} height={fmt1(r.h)} rx="8" />
            { for props.lines.iter().enumerate().map(|(i, line)| html! {
                <text class="callout-text" x={fmt1(r.x + PAD)} y={fmt1(r.y + PAD + LINE_HEIGHT * i as f64 + FONT * 0.95)}
                    font-size={fmt1(FONT)}>{ line.clone() }</text>
            }) }
        </g>
    }
}
