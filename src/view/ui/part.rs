//! One memoised component for every part of the page that redraws only when its own inputs change.
//! Each part is a plain function of its inputs; `Part` names the part and carries them. A single
//! component type serves all parts because every Yew component type costs about 3 KB of generic
//! lifecycle code in the wasm.

use super::controls::{controls, ControlsProps};
use super::eventlog::{event_log, EventLogProps};
use super::help::{help_overlay, HelpProps};
use super::legend::legend;
use super::metrics::{metrics_panel, MetricsProps};
use super::topology::{
    cookie_layer, server_node, static_layer, store_node, CookieProps, ServerNodeProps, StaticProps,
    StoreNodeProps,
};
use super::tour::{tour_panel, TourProps};
use super::traffic::traffic_layer;
use crate::view::traffic::TrafficFrame;
use crate::view::words::Lang;
use yew::prelude::*;

/// A part of the page and everything it is drawn from: equal parts skip the redraw.
#[derive(PartialEq)]
pub enum Part {
    Controls(ControlsProps),
    Metrics(MetricsProps),
    EventLog(EventLogProps),
    Legend(Lang),
    Help(HelpProps),
    Static(StaticProps),
    Cookies(CookieProps),
    Server(ServerNodeProps),
    Store(StoreNodeProps),
    Traffic(TrafficFrame),
    Tour(TourProps),
}

impl Part {
    /// This part as a memoised node.
    pub fn html(self) -> Html {
        html! { <Memo part={self} /> }
    }

    /// This part as a memoised node with a key (in a list of siblings).
    pub fn keyed(self, key: u32) -> Html {
        html! { <Memo key={key} part={self} /> }
    }

    fn draw(&self) -> Html {
        match self {
            Part::Controls(p) => controls(p),
            Part::Metrics(p) => metrics_panel(p),
            Part::EventLog(p) => event_log(p),
            Part::Legend(lang) => legend(*lang),
            Part::Help(p) => help_overlay(p),
            Part::Static(p) => static_layer(p),
            Part::Cookies(p) => cookie_layer(p),
            Part::Server(p) => server_node(p),
            Part::Store(p) => store_node(p),
            Part::Traffic(frame) => traffic_layer(frame),
            Part::Tour(p) => tour_panel(p),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct MemoProps {
    pub part: Part,
}

/// Draws its part; Yew skips it when the new part equals the old one.
pub struct Memo;

impl Component for Memo {
    type Message = ();
    type Properties = MemoProps;

    fn create(_ctx: &Context<Self>) -> Self {
        Memo
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        ctx.props().part.draw()
    }
}
