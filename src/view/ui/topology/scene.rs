//! Users, the balancer and the wires between the nodes, and the cookies under each user.

use super::{fmt1, text_width};
use crate::model::{Endpoint, ServerId};
use crate::view::layout::{Layout, UserSlot};
use crate::view::names::{colour_class, server_letter, shape_of, user_name};
use crate::view::words::Lang;
use std::fmt::Write;
use std::rc::Rc;
use yew::prelude::*;

/// A user glyph: colour and shape together tell users apart.
fn user_glyph(slot: &UserSlot, single: bool) -> Html {
    let (x, y, r) = (slot.x, slot.y, slot.r);
    let colour = colour_class(slot.first);
    if !single {
        // A group: three stacked circles.
        return html! {
            <g class="user-group">
                <circle class="user-glyph group" cx={fmt1(x - 5.0)} cy={fmt1(y - 3.0)} r={fmt1(r * 0.7)} />
                <circle class="user-glyph group" cx={fmt1(x + 5.0)} cy={fmt1(y - 3.0)} r={fmt1(r * 0.7)} />
                <circle class="user-glyph group" cx={fmt1(x)} cy={fmt1(y + 4.0)} r={fmt1(r * 0.7)} />
            </g>
        };
    }
    let class = classes!("user-glyph", colour);
    match shape_of(slot.first) {
        0 => html! { <circle class={class} cx={fmt1(x)} cy={fmt1(y)} r={fmt1(r)} /> },
        1 => {
            html! { <rect class={class} x={fmt1(x - r)} y={fmt1(y - r)} width={fmt1(2.0 * r)} height={fmt1(2.0 * r)} rx="2" /> }
        }
        2 => {
            html! { <path class={class} d={format!("M{} {}L{} {}L{} {}z", fmt1(x), fmt1(y - r * 1.1), fmt1(x + r), fmt1(y + r * 0.8), fmt1(x - r), fmt1(y + r * 0.8))} /> }
        }
        _ => {
            html! { <path class={class} d={format!("M{} {}L{} {}L{} {}L{} {}z", fmt1(x), fmt1(y - r), fmt1(x + r), fmt1(y), fmt1(x), fmt1(y + r), fmt1(x - r), fmt1(y))} /> }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct StaticProps {
    pub layout: Rc<Layout>,
    pub lang: Lang,
    pub highlight_lb: bool,
    pub text: f64,
    /// Servers cut off from their peers and the store.
    pub cut: Vec<ServerId>,
}

#[derive(Properties, PartialEq)]
pub struct CookieProps {
    pub layout: Rc<Layout>,
    pub cookies: Vec<crate::view::world::Cookie>,
    pub text: f64,
}

/// Under each user's name, the cookies the browser sends: the session id and, when the balancer pins
/// the user, the server id (`server=B`). The log speaks of the same ids.
#[component]
pub fn CookieLayer(props: &CookieProps) -> Html {
    let l = &props.layout;
    let size = props.text;
    // A second line under each name, when the users are far enough apart for two lines.
    let room = l.slots.len() as u32 == l.users && two_lines(l, size);
    html! {
        <g class="cookies" aria-hidden="true">
            // One cookie line per drawn user (none for groups).
            { for props.cookies.iter().zip(&l.slots).filter(|_| room).map(|(c, slot)| {
                let mut text = c.session.map(crate::view::names::session_label).unwrap_or_else(|| "—".to_string());
                if let Some(server) = c.pinned {
                    // Large type leaves room for the server id only.
                    let sep = if l.portrait || size > 12.0 { "→" } else { " · server=" };
                    text.push_str(&format!("{sep}{}", server_letter(server)));
                }
                // The user's bad luck so far: re-logins, sessions lost to faults (no room side by side
                // in the narrow picture). The line ends at the glyph: a count that would run it past the
                // picture's left edge is left out (the log and the metrics still count it).
                let room = if slot.label_anchor == "end" { slot.label_x } else { f64::INFINITY };
                for (count, mark) in [(c.relogins, '↻'), (c.lost, '✕')] {
                    let before = text.len();
                    if count > 0 && !l.portrait {
                        let _ = write!(text, " {mark}{count}");
                    }
                    if text_width(&text, size) > room {
                        text.truncate(before);
                        break;
                    }
                }
                // In the monospace fonts ↻ is a small glyph that reads as a letter: it is drawn larger.
                let (before, after) = text.split_once('↻').unwrap_or((&text, ""));
                html! {
                    <text key={slot.first.0} class="cookie" x={fmt1(slot.label_x)} y={fmt1(slot.label_y + size * 1.1)}
                          text-anchor={slot.label_anchor} font-size={fmt1(size)}>
                        { before }
                        if text.contains('↻') { <tspan class="mark">{ "↻" }</tspan>{ after } }
                    </text>
                }
            }) }
        </g>
    }
}

/// Room for a name and a cookie line under each user.
fn two_lines(l: &Layout, size: f64) -> bool {
    let pitch = if l.portrait {
        f64::INFINITY
    } else {
        l.height / l.slots.len().max(1) as f64
    };
    pitch >= size * 2.4
}

/// The baseline of a user's name: centred on the glyph when it stands alone, above the cookie line.
fn label_y(l: &Layout, slot: &UserSlot, size: f64) -> f64 {
    if l.portrait {
        slot.label_y
    } else if two_lines(l, size) && l.slots.len() as u32 == l.users {
        slot.y
    } else {
        slot.y + size * 0.35
    }
}

/// Users, the balancer and the wires: changes only when the layout, the language or a partition does.
#[component]
pub fn StaticLayer(props: &StaticProps) -> Html {
    let t = props.lang.strings();
    let l = &props.layout;
    // Wires run between the same anchors the messages travel between.
    let mut wires = String::new();
    let mut wire = |a: Endpoint, b: Endpoint| {
        let (x0, y0) = l.anchor(a, b);
        let (x1, y1) = l.anchor(b, a);
        let _ = write!(
            wires,
            "M{} {}L{} {}",
            fmt1(x0),
            fmt1(y0),
            fmt1(x1),
            fmt1(y1)
        );
    };
    for slot in &l.slots {
        wire(Endpoint::User(slot.first), Endpoint::Balancer);
    }
    for i in ServerId::first(l.servers.len() as u32) {
        wire(Endpoint::Balancer, Endpoint::Server(i));
        if l.store.is_some() {
            wire(Endpoint::Server(i), Endpoint::Store);
        }
    }
    if l.store.is_some() && l.replica.is_some() {
        wire(Endpoint::Store, Endpoint::Replica);
    }
    let single = l.users as usize == l.slots.len();
    html! {
        <g class="static-layer">
            <path class={classes!("wire", (l.servers.len() > 12).then_some("dense"))} d={wires} />
            { cut_marks(l, &props.cut, props.text) }
            <g class="users">
                { for l.slots.iter().map(|slot| {
                    let label = if single || slot.first == slot.last {
                        user_name(slot.first)
                    } else {
                        t.users_in_group(slot.last.0 - slot.first.0 + 1)
                    };
                    let title = if single { label.clone() } else { format!("{}–{}", user_name(slot.first), user_name(slot.last)) };
                    html! {
                        <g key={slot.first.0} class="user" data-testid={format!("user-{}", slot.first)}>
                            <title>{ title }</title>
                            { user_glyph(slot, single) }
                            <text class="user-label" x={fmt1(slot.label_x)} y={fmt1(label_y(l, slot, props.text))} text-anchor={slot.label_anchor} font-size={fmt1(props.text)}>{ label }</text>
                        </g>
                    }
                }) }
            </g>
            <g data-testid="lb" data-state="up" class={classes!("node", "lb", "up", props.highlight_lb.then_some("tour-highlight"))}
               transform={format!("translate({} {})", fmt1(l.lb.x), fmt1(l.lb.y))} role="img" aria-label={t.balancer_node}>
                <title>{ t.balancer_node }</title>
                <rect class="box" width={fmt1(l.lb.w)} height={fmt1(l.lb.h)} rx="8" />
                <path class="lb-icon" d="M20 45h14M34 45l12-18h14M34 45l12 18h14M34 45h26" />
                // Above the box: the word is wider than the box at large sizes.
                <text class="name" x={fmt1(l.lb.w / 2.0)} y={fmt1(-props.text * 0.4)} text-anchor="middle" font-size={fmt1(props.text)}>{ t.lb_short }</text>
            </g>
        </g>
    }
}

/// Where a server is cut off from the store, its wire to the store is crossed out halfway: nothing
/// crosses it either way, so the server's requests wait for its store timeout.
fn cut_marks(l: &Layout, cut: &[ServerId], text: f64) -> Html {
    if l.store.is_none() {
        return Html::default();
    }
    let r = text * 0.75;
    let arm = r * 0.5;
    html! {
        <g class="cut-wires">
            { for cut.iter().map(|&s| {
                let (x0, y0) = l.anchor(Endpoint::Server(s), Endpoint::Store);
                let (x1, y1) = l.anchor(Endpoint::Store, Endpoint::Server(s));
                let (x, y) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
                let cross = format!(
                    "M{} {}L{} {}M{} {}L{} {}",
                    fmt1(x - arm), fmt1(y - arm), fmt1(x + arm), fmt1(y + arm),
                    fmt1(x - arm), fmt1(y + arm), fmt1(x + arm), fmt1(y - arm)
                );
                html! {
                    <g key={s.0} class="cut-wire">
                        <circle class="cut-mark" cx={fmt1(x)} cy={fmt1(y)} r={fmt1(r)} />
                        <path class="cut-cross" d={cross} />
                    </g>
                }
            }) }
        </g>
    }
}
