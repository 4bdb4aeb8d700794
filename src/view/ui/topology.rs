//! The static part of the picture: users, balancer, servers (with session chips, memory and queue),
//! store and replica, and the wires between them. Each node is a memoised component, so a frame that
//! only moves arrows re-renders none of this.

use crate::model::{Endpoint, NodeState, SessionEntry, SessionRole};
use crate::view::actions::Action;
use crate::view::layout::{Layout, Rect, UserSlot};
use crate::view::names::{colour_class, server_letter, shape_of, user_name};
use crate::view::words::Lang;
use crate::view::world::{ServerView, StoreView};
use std::fmt::Write;
use std::rc::Rc;
use yew::prelude::*;

fn fmt1(v: f64) -> String {
    crate::view::svgnum::fmt(v)
}

fn state_name(state: NodeState) -> &'static str {
    if state.is_up() {
        "up"
    } else {
        "down"
    }
}

fn state_text(state: NodeState, lang: Lang) -> &'static str {
    let t = lang.strings();
    match state {
        NodeState::Up => t.state_up,
        NodeState::DownUndetected => t.state_down_undetected,
        NodeState::DownDetected => t.state_down,
    }
}

fn detected_attr(state: NodeState) -> &'static str {
    match state {
        NodeState::Up => "n/a",
        NodeState::DownUndetected => "no",
        NodeState::DownDetected => "yes",
    }
}

/// Enter or Space on a focused node activates it, like a button.
fn key_activates(e: &KeyboardEvent) -> bool {
    matches!(e.key().as_str(), "Enter" | " " | "Spacebar")
}

fn activation_handlers(
    act: &Callback<Action>,
    action: Action,
) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let click = {
        let act = act.clone();
        let action = action.clone();
        Callback::from(move |_: MouseEvent| act.emit(action.clone()))
    };
    let key = {
        let act = act.clone();
        Callback::from(move |e: KeyboardEvent| {
            if key_activates(&e) {
                e.prevent_default();
                e.stop_propagation();
                act.emit(action.clone());
            }
        })
    };
    (click, key)
}

/// A clickable node (server, store, replica): its handles, accessible name and box; `body` is drawn on
/// top of the box. `detected` is the `data-detected` handle (the replica has none).
#[allow(clippy::too_many_arguments)]
fn node(
    testid: String,
    state: NodeState,
    detected: Option<&'static str>,
    class: Classes,
    r: Rect,
    rx: &'static str,
    label: String,
    act: &Callback<Action>,
    action: Action,
    body: Html,
) -> Html {
    let (onclick, onkeydown) = activation_handlers(act, action);
    html! {
        <g data-testid={testid} data-state={state_name(state)} data-detected={detected} class={class}
           transform={format!("translate({} {})", fmt1(r.x), fmt1(r.y))}
           tabindex="0" role="button" aria-label={label.clone()} {onclick} {onkeydown}>
            <title>{ label }</title>
            <rect class="box" width={fmt1(r.w)} height={fmt1(r.h)} rx={rx} />
            { body }
        </g>
    }
}

/// Session chips batched into one path per (role, colour): a few elements even for hundreds of sessions.
/// Returns the drawing and how many chips it holds.
fn chip_paths(sessions: &[SessionEntry], x0: f64, y0: f64, w: f64, h: f64) -> (Html, usize) {
    // As large as the box allows for this many chips (readable from the back of a room), within bounds.
    let n = sessions.len().max(1) as f64;
    // `max`/`min` rather than `clamp`: with a bound computed at run time `clamp` keeps a panic path that
    // formats floats, and `h / 2.2` (at least 6 here) never needs it.
    let size = ((w * h / n).sqrt() * 0.72)
        .min((h / 2.2).clamp(6.0, 20.0))
        .max(6.0);
    let pitch = size + 2.0;
    let cols = ((w / pitch).floor() as usize).max(1);
    let rows = ((h / pitch).floor() as usize).max(1);
    let capacity = cols * rows;
    let shown = sessions.len().min(capacity);
    // One path per (role rank, colour), at index role rank × COLOURS + colour.
    let colours = crate::view::names::COLOURS;
    let mut paths = vec![String::new(); 3 * colours as usize];
    for (i, s) in sessions.iter().take(shown).enumerate() {
        let x = x0 + (i % cols) as f64 * pitch;
        let y = y0 + (i / cols) as f64 * pitch;
        let role = crate::view::world::role_rank(s.role);
        let d = &mut paths[(u32::from(role) * colours + s.user % colours) as usize];
        match s.role {
            SessionRole::Full => {
                let _ = write!(d, "M{} {}h{s}v{s}h-{s}z", fmt1(x), fmt1(y), s = fmt1(size));
            }
            SessionRole::Backup => {
                let (a, b) = (x + 1.0, size - 2.0);
                let _ = write!(
                    d,
                    "M{} {}h{b}v{b}h-{b}z",
                    fmt1(a),
                    fmt1(y + 1.0),
                    b = fmt1(b)
                );
            }
            SessionRole::KeyOnly => {
                let k = size / 2.5;
                let c = (size - k) / 2.0;
                let _ = write!(
                    d,
                    "M{} {}h{k}v{k}h-{k}z",
                    fmt1(x + c),
                    fmt1(y + c),
                    k = fmt1(k)
                );
            }
        }
    }
    let html = html! {
        <g class="chips">
            { for paths.into_iter().enumerate().filter(|(_, d)| !d.is_empty()).map(|(i, d)| {
                let (role, colour) = (i as u32 / colours, i as u32 % colours);
                let role_class = match role { 0 => "chip-full", 1 => "chip-backup", _ => "chip-key" };
                html! { <path key={format!("{role}-{colour}")} class={classes!("chip", role_class, format!("c{colour}"))} d={d} /> }
            }) }
        </g>
    };
    (html, shown)
}

#[derive(Properties, PartialEq)]
pub struct ServerNodeProps {
    pub server: ServerView,
    pub rect: Rect,
    pub lang: Lang,
    pub act: Callback<Action>,
    pub highlighted: bool,
}

/// A node's accessible name: the words it shows, in drawing order, then what it does not show.
fn accessible_name(seen: &[Option<String>], unseen: &[String]) -> String {
    let seen: Vec<&str> = seen.iter().flatten().map(String::as_str).collect();
    format!("{}: {}", seen.join(" "), unseen.join(", "))
}

#[component]
pub fn ServerNode(props: &ServerNodeProps) -> Html {
    let t = props.lang.strings();
    let s = &props.server;
    let r = props.rect;
    let letter = server_letter(s.id);
    let sessions_total = s.sessions_full + s.sessions_key_only;
    let faults: Vec<&str> = [(s.partitioned, t.badge_partitioned), (s.slow, t.badge_slow)]
        .into_iter()
        .filter_map(|(on, word)| on.then_some(word))
        .collect();
    let faults = faults.join(" · ");
    let small = r.h < 44.0 || r.w < 80.0;
    let name_size = (r.h * 0.28).clamp(9.0, 20.0);
    let pad = if small { 3.0 } else { 6.0 };
    let bar_h = (r.h * 0.08).clamp(3.0, 8.0);
    let chips_y = pad + name_size + 2.0;
    let chips_h = (r.h - chips_y - bar_h - pad * 2.0).max(4.0);
    let (chips, shown) = chip_paths(&s.sessions, pad, chips_y, r.w - 2.0 * pad, chips_h);
    let hidden = sessions_total.saturating_sub(shown as u64);
    let mem_frac = if s.memory_budget > 0 {
        (s.memory_used as f64 / s.memory_budget as f64).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let bar_w = r.w - 2.0 * pad;
    let state_class = match s.state {
        NodeState::Up => "up",
        NodeState::DownUndetected => "down-undetected",
        NodeState::DownDetected => "down-detected",
    };
    let mem_class = if mem_frac > 0.85 {
        "mem-fill mem-high"
    } else {
        "mem-fill"
    };
    // Short words in the box (the full state is in the label); sized to fit the box.
    let down_text = match s.state {
        _ if s.out_of_memory => format!("✕ {}", t.short_out_of_memory),
        NodeState::DownUndetected => format!("⚠ {}", t.short_crashed),
        _ => format!("✕ {}", t.short_down),
    };
    // The accessible name starts with every word the box shows, in the order drawn (WCAG 2.5.3, label in
    // name), then says what the box does not: the full state, and what activating it does.
    let name_text = if small {
        letter.clone()
    } else {
        format!("{} {letter}", t.server)
    };
    let queue_text = (!small && r.w >= 220.0).then(|| {
        format!(
            "{} {} · {} {}",
            t.queue,
            s.queue,
            sessions_total,
            t.sessions_word(sessions_total)
        )
    });
    let more_text = (hidden > 0 && !small).then(|| format!("+{hidden} {}", t.more));
    let shown_faults = (!faults.is_empty() && !small).then(|| faults.clone());
    let mut unseen = vec![state_text(s.state, props.lang).to_string()];
    if small {
        unseen.insert(0, format!("{} {letter}", t.server));
        if !faults.is_empty() {
            unseen.push(faults.clone());
        }
    }
    if queue_text.is_none() {
        unseen.push(format!(
            "{sessions_total} {}",
            t.sessions_word(sessions_total)
        ));
    }
    unseen.push(
        if s.state.is_up() {
            t.activate_crash
        } else {
            t.activate_restart
        }
        .to_string(),
    );
    let seen = [
        Some(name_text.clone()),
        queue_text.clone(),
        shown_faults.clone(),
        more_text.clone(),
        (!s.state.is_up()).then(|| down_text.clone()),
    ];
    let label = accessible_name(&seen, &unseen);
    let down_size = (r.w / (down_text.chars().count() as f64 * 0.62))
        .min(name_size * 1.2)
        .max(8.0);
    // The cross is drawn under the box's words, the state word over everything.
    let cross = html! {
        <g class="status-cross">
            if !s.state.is_up() {
                <path class="cross" d={format!("M{p} {p}L{x} {y}M{x} {p}L{p} {y}", p = fmt1(pad), x = fmt1(r.w - pad), y = fmt1(r.h - pad))} />
            }
        </g>
    };
    let status = html! {
        <g class="status">
            if !s.state.is_up() {
                <text class="down-label" x={fmt1(r.w / 2.0)} y={fmt1(r.h / 2.0 + down_size * 0.35)} text-anchor="middle" font-size={fmt1(down_size)}>
                    { down_text.clone() }
                </text>
            }
        </g>
    };
    let body = html! {
        <>
            { cross }
            // Each text ends in a space (never drawn): tools that join a node's texts, such as accessibility
            // checkers comparing them with the accessible name, then read separate words.
            <text class="name" x={fmt1(pad)} y={fmt1(pad + name_size * 0.85)} font-size={fmt1(name_size)}>
                { name_text }{ " " }
            </text>
            <g class="queue-slot">
            if let Some(text) = queue_text {
                <text class="queue" x={fmt1(r.w - pad)} y={fmt1(pad + name_size * 0.8)} text-anchor="end" font-size={fmt1((name_size * 0.6).max(9.0))}>
                    { text }{ " " }
                </text>
            }
            </g>
            { chips }
            <g class="fault-badge">
                if let Some(text) = shown_faults {
                    <text x={fmt1(pad)} y={fmt1(r.h - bar_h - pad - 2.0)} font-size="9">{ text }{ " " }</text>
                }
            </g>
            <g class="more">
                if let Some(text) = more_text {
                    <text x={fmt1(r.w - pad)} y={fmt1(r.h - bar_h - pad - 2.0)} text-anchor="end" font-size="9">{ text }{ " " }</text>
                }
            </g>
            <rect class="mem-bg" x={fmt1(pad)} y={fmt1(r.h - pad - bar_h)} width={fmt1(bar_w)} height={fmt1(bar_h)} rx="2" />
            <rect class={mem_class} x={fmt1(pad)} y={fmt1(r.h - pad - bar_h)} width={fmt1(bar_w * mem_frac)} height={fmt1(bar_h)} rx="2" />
            { status }
        </>
    };
    node(
        format!("server-{}", s.id),
        s.state,
        Some(detected_attr(s.state)),
        classes!(
            "node",
            "server",
            state_class,
            s.partitioned.then_some("partitioned"),
            s.slow.then_some("slow"),
            props.highlighted.then_some("tour-highlight"),
        ),
        r,
        "6",
        label,
        &props.act,
        Action::ToggleServer(s.id),
        body,
    )
}

#[derive(Properties, PartialEq)]
pub struct StoreNodeProps {
    pub store: StoreView,
    pub rect: Rect,
    pub replica_rect: Option<Rect>,
    pub lang: Lang,
    pub act: Callback<Action>,
    pub highlighted: bool,
    pub engine: &'static str,
}

#[component]
pub fn StoreNode(props: &StoreNodeProps) -> Html {
    let t = props.lang.strings();
    let s = &props.store;
    let r = props.rect;
    let detail = format!(
        "{} · {} {}",
        props.engine,
        s.session_count,
        t.sessions_word(s.session_count)
    );
    let down_text = match s.state {
        NodeState::Up => None,
        NodeState::DownUndetected => Some(format!("⚠ {}", t.short_crashed)),
        NodeState::DownDetected => Some(format!("✕ {}", t.short_down)),
    };
    let label = accessible_name(
        &[
            Some(t.store_node.to_string()),
            Some(detail.clone()),
            down_text.clone(),
        ],
        &[
            state_text(s.state, props.lang).to_string(),
            if s.state.is_up() {
                t.activate_crash
            } else {
                t.activate_restart
            }
            .to_string(),
        ],
    );
    let state_class = match s.state {
        NodeState::Up => "up",
        NodeState::DownUndetected => "down-undetected",
        NodeState::DownDetected => "down-detected",
    };
    let (chips, _) = chip_paths(&s.sessions, 8.0, 42.0, r.w - 16.0, r.h - 50.0);
    let replica = props.replica_rect.zip(s.replica).map(|(rr, state)| {
        let label = accessible_name(
            &[
                Some(t.replica_node.to_string()),
                Some(state_text(state, props.lang).to_string()),
            ],
            &[if state.is_up() {
                t.activate_crash
            } else {
                t.activate_restart
            }
            .to_string()],
        );
        let cls = if state.is_up() { "up" } else { "down-detected" };
        let body = html! {
            <>
                <text class="name" x="8" y="22" font-size="14">{ t.replica_node }{ " " }</text>
                <text class="detail" x="8" y="44" font-size="12">{ state_text(state, props.lang) }</text>
                <g class="status">
                if !state.is_up() {
                    <path class="cross" d={format!("M4 4L{x} {y}M{x} 4L4 {y}", x = fmt1(rr.w - 4.0), y = fmt1(rr.h - 4.0))} />
                }
                </g>
            </>
        };
        node(
            "replica".to_string(),
            state,
            None,
            classes!("node", "store", "replica", cls),
            rr,
            "10",
            label,
            &props.act,
            Action::ToggleReplica,
            body,
        )
    });
    let body = html! {
        <>
                <text class="name" x="8" y="20" font-size="14">{ t.store_node }{ " " }</text>
                <text class="detail" x="8" y="36" font-size="11">{ detail }{ " " }</text>
                { chips }
                <g class="status">
                    if let Some(text) = down_text {
                        <path class="cross" d={format!("M4 4L{x} {y}M{x} 4L4 {y}", x = fmt1(r.w - 4.0), y = fmt1(r.h - 4.0))} />
                        <text class="down-label" x={fmt1(r.w / 2.0)} y={fmt1(r.h / 2.0 + 6.0)} text-anchor="middle" font-size="16">
                            { text }
                        </text>
                    }
                </g>
        </>
    };
    html! {
        <g class="store-group">
            { node("store".to_string(), s.state, Some(detected_attr(s.state)),
                classes!("node", "store", state_class, props.highlighted.then_some("tour-highlight")),
                r, "10", label, &props.act, Action::ToggleStore, body) }
            <g class="replica-slot">{ for replica }</g>
        </g>
    }
}

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
}

#[derive(Properties, PartialEq)]
pub struct CookieProps {
    pub layout: Rc<Layout>,
    pub cookies: Vec<crate::view::world::Cookie>,
}

/// Under each user's name, the cookies the browser sends: the session id and, when the balancer pins
/// the user, the server id (`server=B`). The log speaks of the same ids.
#[component]
pub fn CookieLayer(props: &CookieProps) -> Html {
    let l = &props.layout;
    html! {
        <g class="cookies" aria-hidden="true">
            // One cookie line per drawn user (none for groups).
            { for props.cookies.iter().zip(&l.slots).filter(|_| l.slots.len() as u32 == l.users).map(|(c, slot)| {
                let mut text = c.session.map(crate::view::names::session_label).unwrap_or_else(|| "—".to_string());
                if let Some(server) = c.pinned {
                    // Narrow pictures have room for the server id only.
                    let sep = if l.portrait { "→" } else { " · server=" };
                    text.push_str(&format!("{sep}{}", server_letter(server)));
                }
                html! {
                    <text key={slot.first} class="cookie" x={fmt1(slot.label_x)} y={fmt1(slot.label_y + 12.0)}
                          text-anchor={slot.label_anchor} font-size="10">{ text }</text>
                }
            }) }
        </g>
    }
}

/// Users, the balancer and the wires: changes only when the layout or the language does.
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
    for i in 0..l.servers.len() as u32 {
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
            <g class="users">
                { for l.slots.iter().map(|slot| {
                    let label = if single {
                        user_name(slot.first)
                    } else {
                        format!("{} {}", slot.last - slot.first + 1, t.users_group)
                    };
                    let title = if single { label.clone() } else { format!("{}–{}", user_name(slot.first), user_name(slot.last)) };
                    html! {
                        <g key={slot.first} class="user" data-testid={format!("user-{}", slot.first)}>
                            <title>{ title }</title>
                            { user_glyph(slot, single) }
                            <text class="user-label" x={fmt1(slot.label_x)} y={fmt1(slot.label_y)} text-anchor={slot.label_anchor} font-size={if l.portrait { "11" } else { "12" }}>{ label }</text>
                        </g>
                    }
                }) }
            </g>
            <g data-testid="lb" data-state="up" class={classes!("node", "lb", "up", props.highlight_lb.then_some("tour-highlight"))}
               transform={format!("translate({} {})", fmt1(l.lb.x), fmt1(l.lb.y))} role="img" aria-label={t.balancer_node}>
                <title>{ t.balancer_node }</title>
                <rect class="box" width={fmt1(l.lb.w)} height={fmt1(l.lb.h)} rx="8" />
                <path class="lb-icon" d="M20 45h14M34 45l12-18h14M34 45l12 18h14M34 45h26" />
                <text class="name" x={fmt1(l.lb.w / 2.0)} y="18" text-anchor="middle" font-size="12">{ t.lb_short }</text>
            </g>
        </g>
    }
}
