//! The external store and its replica in the picture, drawn by the role each has now.

use super::topology::{
    accessible_name, activation_handlers, chip_marks, chip_paths, detected_attr, fmt1,
    initials_layer, state_name, state_text, state_word_middle, text_width, Mark,
};
use crate::model::{NodeState, SessionEntry};
use crate::view::actions::Action;
use crate::view::layout::Rect;
use crate::view::words::Lang;
use crate::view::world::StoreView;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StoreNodeProps {
    pub store: StoreView,
    pub rect: Rect,
    pub replica_rect: Option<Rect>,
    pub lang: Lang,
    pub act: Callback<Action>,
    pub highlighted: bool,
    pub engine: &'static str,
    /// The smallest font size, in user units (see `Scene::text`).
    pub text: f64,
}

/// One store node (the one that started as the primary, or its replica): its role now, its state and
/// the sessions it holds.
struct StoreBox<'a> {
    testid: &'static str,
    /// Its name ("Session store", "Store replica"): who it is, whatever its role.
    name: &'static str,
    state: NodeState,
    /// The node that failed over: gone, not merely down, until restarted.
    gone: bool,
    role: &'static str,
    /// What it shows under the name: its role now and what it holds.
    detail: String,
    sessions: &'a [SessionEntry],
    /// Chips drawn as outlines: the replica's copies older than the primary's.
    trailing: &'a [SessionEntry],
    /// Chips marked ✕: writes the failover lost.
    stale: &'a [SessionEntry],
    action: Action,
    highlighted: bool,
}

fn store_box(b: StoreBox<'_>, r: Rect, text: f64, lang: Lang, act: &Callback<Action>) -> Html {
    let t = lang.strings();
    let pad = (text * 0.4).clamp(4.0, 10.0);
    let room = r.w - 2.0 * pad;
    // A little larger than the smallest text when the name fits so.
    let name_size = (text * 1.15)
        .min(room / text_width(b.name, 1.0).max(1.0))
        .max(text);
    let down_text = if b.gone {
        Some(format!("✕ {}", t.state_gone))
    } else {
        match b.state {
            NodeState::Up => None,
            NodeState::DownUndetected => Some(format!("⚠ {}", t.short_crashed)),
            NodeState::DownDetected => Some(format!("✕ {}", t.short_down)),
        }
    };
    let label = accessible_name(
        &[
            Some(b.name.to_string()),
            (!b.gone).then(|| b.detail.clone()),
            down_text.clone(),
        ],
        &[
            state_text(b.state, lang).to_string(),
            if b.state.is_up() {
                t.activate_crash
            } else {
                t.activate_restart
            }
            .to_string(),
        ],
    );
    let state_class = match b.state {
        _ if b.gone => "gone",
        NodeState::Up => "up",
        NodeState::DownUndetected => "down-undetected",
        NodeState::DownDetected => "down-detected",
    };
    // The role on its own line, then what it holds.
    let (role, holds_line) = match b.detail.split_once(" · ") {
        // Without the engine's name when the line is too long for the box.
        Some((role, holds)) if text_width(holds, text) > room => (
            role,
            Some(holds.rsplit(" · ").next().unwrap_or(holds).to_string()),
        ),
        Some((role, holds)) => (role, Some(holds.to_string())),
        None => (b.detail.as_str(), None),
    };
    // Without its note in brackets when too long for the box: "primary", not "primary (promoted)"
    // running out of it (the box's name already says it started as the replica).
    let role_line = if text_width(role, text) > room {
        role.split(" (").next().unwrap_or(role)
    } else {
        role
    };
    let lines = if holds_line.is_some() { 2.0 } else { 1.0 };
    let chips_y = pad + name_size + text * 1.15 * lines + 4.0;
    let chips_h = r.h - chips_y - pad;
    let area = (pad, chips_y, r.w - 2.0 * pad, chips_h);
    let drawn: &[SessionEntry] = if chips_h >= 6.0 && b.state.is_up() {
        b.sessions
    } else {
        &[]
    };
    let chips = chip_paths(drawn, area, text);
    // A down store draws no chips: its state word goes under the name and counts.
    let down_size = text * 1.2;
    let down_middle = state_word_middle(chips_y, r.h - pad, down_size, r.h);
    let marks = |list: &[SessionEntry], cross: bool| {
        html! { <g class="marks">{ if list.is_empty() || !b.state.is_up() { html! {} } else { chip_marks(b.sessions, list, area, text, if cross { Mark::Stale } else { Mark::Trailing }) } }</g> }
    };
    let body = html! {
        <>
            <text class="name" x={fmt1(pad)} y={fmt1(pad + name_size * 0.85)} font-size={fmt1(name_size)}>{ b.name }{ " " }</text>
            if !b.gone {
                <text class="detail role" x={fmt1(pad)} y={fmt1(pad + name_size + text)} font-size={fmt1(text)}>{ role_line }{ " " }</text>
            }
            if let Some(holds) = holds_line {
                <text class="detail" x={fmt1(pad)} y={fmt1(pad + name_size + text * 2.15)} font-size={fmt1(text)}>{ holds }{ " " }</text>
            }
            { chips.drawing }
            { marks(b.trailing, false) }
            { marks(b.stale, true) }
            <g class="status">
                if let Some(words) = down_text {
                    // Under the name and role, never through them.
                    <path class="cross" d={format!("M4 {t}L{x} {y}M{x} {t}L4 {y}", t = fmt1(chips_y), x = fmt1(r.w - 4.0), y = fmt1(r.h - 4.0))} />
                    <text class="down-label" x={fmt1(r.w / 2.0)} y={fmt1(down_middle + down_size * 0.4)} text-anchor="middle" font-size={fmt1(down_size)}>
                        { words }
                    </text>
                }
            </g>
        </>
    };
    let (onclick, onkeydown) = activation_handlers(act, b.action);
    let initials = initials_layer(b.testid, state_class, r, chips.initials);
    html! {
        <>
        <g data-testid={b.testid} data-state={state_name(b.state)} data-role={b.role}
           data-detected={(b.testid == "store").then_some(detected_attr(b.state))}
           class={classes!("node", "store", (b.testid != "store").then_some("replica"), state_class, b.highlighted.then_some("tour-highlight"))}
           transform={format!("translate({} {})", fmt1(r.x), fmt1(r.y))}
           tabindex="0" role="button" aria-label={label.clone()} {onclick} {onkeydown}>
            <title>{ label }</title>
            <rect class="box" width={fmt1(r.w)} height={fmt1(r.h)} rx="10" />
            { body }
        </g>
        { initials }
        </>
    }
}

/// The store and its replica. Roles follow the model: after a failover the node that started as the
/// replica is the primary ("primary (promoted)") and the failed store is drawn gone, not as a replica
/// that went down.
#[component]
pub fn StoreNode(props: &StoreNodeProps) -> Html {
    let t = props.lang.strings();
    let s = &props.store;
    let text = props.text;
    let count = |n: u64| format!("{n} {}", t.sessions_word(n));
    // The primary's state and contents, and the replica's (when there is one), by role.
    let primary_detail = |promoted: bool| {
        let role = if promoted {
            t.role_promoted
        } else {
            t.role_primary
        };
        format!("{role} · {} · {}", props.engine, count(s.session_count))
    };
    let replica_state = s.replica;
    let replica_detail = |state: NodeState| {
        if state.is_up() {
            format!(
                "{} · {}",
                t.role_replica,
                count(s.replica_sessions.len() as u64)
            )
        } else {
            t.role_replica.to_string()
        }
    };
    // Physical nodes: `store` started as the primary, `store-replica` as the replica.
    let (store_box_v, replica_box) = if s.promoted {
        let replica_gone = replica_state.is_some_and(|st| !st.is_up());
        (
            StoreBox {
                testid: "store",
                name: t.store_node,
                state: replica_state.unwrap_or(NodeState::DownDetected),
                gone: replica_gone,
                role: "replica",
                detail: replica_detail(replica_state.unwrap_or(NodeState::DownDetected)),
                sessions: &s.replica_sessions,
                trailing: &s.trailing,
                stale: &[],
                action: Action::ToggleReplica,
                highlighted: props.highlighted,
            },
            Some(StoreBox {
                testid: "store-replica",
                name: t.replica_node,
                state: s.state,
                gone: false,
                role: "primary",
                detail: primary_detail(true),
                sessions: &s.sessions,
                trailing: &[],
                stale: &s.stale,
                action: Action::ToggleStore,
                highlighted: false,
            }),
        )
    } else {
        (
            StoreBox {
                testid: "store",
                name: t.store_node,
                state: s.state,
                gone: false,
                role: "primary",
                detail: primary_detail(false),
                sessions: &s.sessions,
                trailing: &[],
                stale: &s.stale,
                action: Action::ToggleStore,
                highlighted: props.highlighted,
            },
            replica_state.map(|state| StoreBox {
                testid: "store-replica",
                name: t.replica_node,
                state,
                gone: false,
                role: "replica",
                detail: replica_detail(state),
                sessions: &s.replica_sessions,
                trailing: &s.trailing,
                stale: &[],
                action: Action::ToggleReplica,
                highlighted: false,
            }),
        )
    };
    let replica = props
        .replica_rect
        .zip(replica_box)
        .map(|(rr, b)| store_box(b, rr, text, props.lang, &props.act));
    html! {
        <g class="store-group">
            { store_box(store_box_v, props.rect, text, props.lang, &props.act) }
            <g class="replica-slot">{ for replica }</g>
        </g>
    }
}
