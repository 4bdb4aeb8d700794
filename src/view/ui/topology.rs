//! The static part of the picture: users, balancer, servers (with session chips, memory and queue),
//! and the wires between them (the store and its replica: `store_node`). Each node is a memoised
//! component, so a frame that only moves arrows re-renders none of this.

use crate::model::{Endpoint, NodeState, SessionEntry, SessionRole};
use crate::view::actions::Action;
use crate::view::layout::{Layout, Rect, UserSlot};
use crate::view::names::{colour_class, server_letter, shape_of, user_name};
use crate::view::words::Lang;
use crate::view::world::ServerView;
use std::fmt::Write;
use std::rc::Rc;
use yew::prelude::*;

pub(super) fn fmt1(v: f64) -> String {
    crate::view::svgnum::fmt(v)
}

pub(super) fn state_name(state: NodeState) -> &'static str {
    if state.is_up() {
        "up"
    } else {
        "down"
    }
}

pub(super) fn state_text(state: NodeState, lang: Lang) -> &'static str {
    let t = lang.strings();
    match state {
        NodeState::Up => t.state_up,
        NodeState::DownUndetected => t.state_down_undetected,
        NodeState::DownDetected => t.state_down,
    }
}

pub(super) fn detected_attr(state: NodeState) -> &'static str {
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

pub(super) fn activation_handlers(
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

/// Where chips go in a `w` × `h` area for `n` chips: chip size, pitch, columns and capacity.
fn chip_grid(n: usize, w: f64, h: f64) -> (f64, f64, usize, usize) {
    // As large as the box allows for this many chips (readable from the back of a room), within bounds.
    let n = n.max(1) as f64;
    // `max`/`min` rather than `clamp`: with a bound computed at run time `clamp` keeps a panic path that
    // formats floats.
    let size = ((w * h / n).sqrt() * 0.72).min(h.clamp(6.0, 28.0)).max(6.0);
    let pitch = size + 2.0;
    let cols = ((w / pitch).floor() as usize).max(1);
    let rows = ((h / pitch).floor() as usize).max(1);
    (size, pitch, cols, cols * rows)
}

/// How a mark over a chip looks (app.css): a dashed outline (the replica's copy is older), a cross
/// (its latest write was lost), an outline with a cross (a ghost: lost to a fault) or a veil (an
/// orphan, dimmed).
#[derive(Clone, Copy)]
pub(super) enum Mark {
    Trailing,
    Stale,
    Ghost,
    Orphan,
}

/// Marks over some of the chips `chip_paths` drew for `sessions` in the same area: one path over each
/// chip whose session is in `marked`.
pub(super) fn chip_marks(
    sessions: &[SessionEntry],
    marked: &[SessionEntry],
    area: (f64, f64, f64, f64),
    mark: Mark,
) -> Html {
    let (x0, y0, w, h) = area;
    let (size, pitch, cols, capacity) = chip_grid(sessions.len(), w, h);
    let mut d = String::new();
    for (i, s) in sessions.iter().take(capacity).enumerate() {
        if !marked.iter().any(|m| m.session == s.session) {
            continue;
        }
        let x = fmt1(x0 + (i % cols) as f64 * pitch);
        let y = fmt1(y0 + (i / cols) as f64 * pitch);
        let s = fmt1(size);
        let _ = match mark {
            Mark::Stale => write!(d, "M{x} {y}l{s} {s}m0 -{s}l-{s} {s}"),
            Mark::Ghost => write!(d, "M{x} {y}h{s}v{s}h-{s}zl{s} {s}m0 -{s}l-{s} {s}"),
            Mark::Trailing | Mark::Orphan => write!(d, "M{x} {y}h{s}v{s}h-{s}z"),
        };
    }
    let class = match mark {
        Mark::Trailing => "chip-mark trailing",
        Mark::Stale => "chip-mark stale",
        Mark::Ghost => "chip-mark ghost",
        Mark::Orphan => "chip-mark orphan",
    };
    html! { <path class={class} d={d} /> }
}

/// One chip of `shape` (as the user's glyph: circle, square, triangle, diamond) in the `size` square at
/// (`x`, `y`).
fn chip_shape(d: &mut String, shape: u32, x: f64, y: f64, size: f64) {
    let h = size / 2.0;
    let _ = match shape {
        0 => write!(
            d,
            "M{} {}a{h} {h} 0 1 0 {s} 0a{h} {h} 0 1 0 -{s} 0z",
            fmt1(x),
            fmt1(y + h),
            h = fmt1(h),
            s = fmt1(size)
        ),
        1 => write!(d, "M{} {}h{s}v{s}h-{s}z", fmt1(x), fmt1(y), s = fmt1(size)),
        2 => write!(
            d,
            "M{} {}L{} {}H{}z",
            fmt1(x + h),
            fmt1(y),
            fmt1(x + size),
            fmt1(y + size),
            fmt1(x)
        ),
        _ => write!(
            d,
            "M{} {}L{} {}L{} {}L{} {}z",
            fmt1(x + h),
            fmt1(y),
            fmt1(x + size),
            fmt1(y + h),
            fmt1(x + h),
            fmt1(y + size),
            fmt1(x),
            fmt1(y + h)
        ),
    };
}

/// Session chips batched into one path per (role, colour): a few elements even for hundreds of sessions.
/// Returns the drawing and how many chips it holds.
pub(super) fn chip_paths(
    sessions: &[SessionEntry],
    x0: f64,
    y0: f64,
    w: f64,
    h: f64,
) -> (Html, usize) {
    let (size, pitch, cols, capacity) = chip_grid(sessions.len(), w, h);
    let shown = sessions.len().min(capacity);
    // One path per (role rank, colour, shape), at index (role rank × COLOURS + colour) × SHAPES + shape.
    use crate::view::names::{COLOURS as colours, SHAPES as shapes};
    let mut paths = vec![String::new(); (3 * colours * shapes) as usize];
    for (i, s) in sessions.iter().take(shown).enumerate() {
        let x = x0 + (i % cols) as f64 * pitch;
        let y = y0 + (i / cols) as f64 * pitch;
        let role = crate::view::world::role_rank(s.role);
        let shape = shape_of(s.user);
        let d =
            &mut paths[((u32::from(role) * colours + s.user % colours) * shapes + shape) as usize];
        // A copy is the same shape drawn as an outline (app.css), a key only a small square.
        let (x, y, size) = match s.role {
            SessionRole::Full => (x, y, size),
            SessionRole::Backup => (x + 1.0, y + 1.0, size - 2.0),
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
                continue;
            }
        };
        chip_shape(d, shape, x, y, size);
    }
    let html = html! {
        <g class="chips">
            { for paths.into_iter().enumerate().filter(|(_, d)| !d.is_empty()).map(|(i, d)| {
                let (role, colour, shape) = (i as u32 / shapes / colours, i as u32 / shapes % colours, i as u32 % shapes);
                let role_class = match role { 0 => "chip-full", 1 => "chip-backup", _ => "chip-key" };
                html! { <path key={format!("{role}-{colour}-{shape}")} class={classes!("chip", role_class, format!("c{colour}"))} d={d} /> }
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
    /// The smallest font size, in user units (see `Scene::text`).
    pub text: f64,
}

/// A node's accessible name: the words it shows, in drawing order, then what it does not show.
pub(super) fn accessible_name(seen: &[Option<String>], unseen: &[String]) -> String {
    let seen: Vec<&str> = seen.iter().flatten().map(String::as_str).collect();
    format!("{}: {}", seen.join(" "), unseen.join(", "))
}

/// About how wide `text` is at `size` (proportional fonts average a little over half an em per
/// character; CJK characters take a whole em).
pub(super) fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c.len_utf8() > 2 { 1.0 } else { 0.6 })
        .sum::<f64>()
        * size
}

/// "3 full · 2 backup · 4 key": the kinds of session a box holds, counted apart (empty kinds left out).
fn session_counts(s: &ServerView, lang: Lang) -> String {
    let t = lang.strings();
    let parts: Vec<String> = [
        (
            s.sessions_full.saturating_sub(s.sessions_backup),
            t.word_full,
        ),
        (s.sessions_backup, t.word_backup),
        (s.sessions_key_only, t.word_key),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| format!("{n} {w}"))
    .collect();
    if parts.is_empty() {
        format!("0 {}", t.sessions_word(0))
    } else {
        parts.join(" · ")
    }
}

#[component]
pub fn ServerNode(props: &ServerNodeProps) -> Html {
    let t = props.lang.strings();
    let s = &props.server;
    let r = props.rect;
    let text = props.text;
    let letter = server_letter(s.id);
    let sessions_total = s.sessions_full + s.sessions_key_only;
    let faults: Vec<&str> = [(s.partitioned, t.badge_partitioned), (s.slow, t.badge_slow)]
        .into_iter()
        .filter_map(|(on, word)| on.then_some(word))
        .collect();
    let faults = faults.join(" · ");
    let pad = (text * 0.3).clamp(3.0, 8.0);
    let bar_h = (r.h * 0.06).clamp(3.0, 8.0);
    // The name a little larger than the smallest text, when the box has room for it.
    let name_size = (text * 1.2).min(r.h - 2.0 * pad - bar_h).max(text);
    let line = text * 1.2;
    // What fits: a second line of counts, then chips, then a line for faults and "+N more".
    let roomy = r.h >= pad * 3.0 + name_size + line * 2.0 + text + bar_h;
    let with_chips = r.h >= pad * 3.0 + name_size + text * 0.8 + bar_h;
    let full_name = format!("{} {letter}", t.server);
    let action_word = if s.state.is_up() {
        format!("⚡ {}", t.crash_word)
    } else {
        format!("↻ {}", t.restart_word)
    };
    let wide =
        text_width(&full_name, name_size) + text_width(&action_word, text) + 3.0 * pad <= r.w;
    let name_text = if wide {
        full_name.clone()
    } else {
        letter.clone()
    };
    // The crash (or restart) affordance, visible without hovering, when the box is wide enough.
    let action_text =
        (text_width(&name_text, name_size) + text_width(&action_word, text) + 3.0 * pad <= r.w)
            .then(|| action_word.clone());
    let mut counts = session_counts(s, props.lang);
    if !s.orphans.is_empty() {
        let _ = write!(counts, " · {} {}", s.orphans.len(), t.orphaned);
    }
    let counts_text = if s.queue > 0 {
        format!("{counts} · {} {}", t.queue, s.queue)
    } else {
        counts.clone()
    };
    let counts_shown =
        (roomy && text_width(&counts_text, text) + 2.0 * pad <= r.w).then(|| counts_text.clone());
    let chips_y = pad + name_size + 4.0 + if counts_shown.is_some() { line } else { 0.0 };
    let bottom_line = if roomy { line } else { 0.0 };
    let chips_h = (r.h - chips_y - bar_h - pad * 2.0 - bottom_line).max(0.0);
    // Live chips first, then the ghosts of sessions just lost here, in one grid.
    let mut all = s.sessions.clone();
    // A ghost is drawn as an outline (like a copy), crossed out by its mark.
    all.extend(s.ghosts.iter().map(|g| SessionEntry {
        role: SessionRole::Backup,
        ..*g
    }));
    let area = (pad, chips_y, r.w - 2.0 * pad, chips_h);
    let chips_on = with_chips && chips_h >= 4.0;
    let (chips, shown) = if chips_on {
        chip_paths(&all, pad, chips_y, r.w - 2.0 * pad, chips_h)
    } else {
        chip_paths(&[], pad, chips_y, 1.0, 1.0)
    };
    let shown = shown.min(s.sessions.len());
    let marks = html! {
        <g class="marks">
            if chips_on && !s.orphans.is_empty() { { chip_marks(&all, &s.orphans, area, Mark::Orphan) } }
            if chips_on && !s.ghosts.is_empty() { { chip_marks(&all, &s.ghosts, area, Mark::Ghost) } }
        </g>
    };
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
    let more_text = (hidden > 0 && roomy).then(|| format!("+{hidden} {}", t.more));
    let shown_faults = (!faults.is_empty() && roomy).then(|| faults.clone());
    // The accessible name starts with every word the box shows, in the order drawn (WCAG 2.5.3, label in
    // name), then says what the box does not: the full state, and what activating it does.
    let mut unseen = vec![state_text(s.state, props.lang).to_string()];
    if !wide {
        unseen.insert(0, full_name.clone());
    }
    if shown_faults.is_none() && !faults.is_empty() {
        unseen.push(faults.clone());
    }
    if counts_shown.is_none() {
        unseen.push(counts_text.clone());
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
        action_text.clone(),
        counts_shown.clone(),
        shown_faults.clone(),
        more_text.clone(),
        (!s.state.is_up()).then(|| down_text.clone()),
    ];
    let label = accessible_name(&seen, &unseen);
    let down_size = (r.w / (down_text.chars().count() as f64 * 0.62))
        .min(name_size * 1.3)
        .max(text);
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
    let bottom_y = fmt1(r.h - bar_h - pad * 1.5);
    let body = html! {
        <>
            { cross }
            // Each text ends in a space (never drawn): tools that join a node's texts, such as accessibility
            // checkers comparing them with the accessible name, then read separate words.
            <text class="name" x={fmt1(pad)} y={fmt1(pad + name_size * 0.85)} font-size={fmt1(name_size)}>
                { name_text }{ " " }
            </text>
            <g class="crash-slot">
            if let Some(word) = action_text {
                <text class="crash-word" x={fmt1(r.w - pad)} y={fmt1(pad + name_size * 0.85)} text-anchor="end" font-size={fmt1(text)}>
                    { word }{ " " }
                </text>
            }
            </g>
            <g class="queue-slot">
            if let Some(words) = counts_shown {
                <text class="queue" x={fmt1(pad)} y={fmt1(pad + name_size + 2.0 + text * 0.95)} font-size={fmt1(text)}>
                    { words }{ " " }
                </text>
            }
            </g>
            { chips }
            { marks }
            <g class="fault-badge">
                if let Some(words) = shown_faults {
                    <text x={fmt1(pad)} y={bottom_y.clone()} font-size={fmt1(text)}>{ words }{ " " }</text>
                }
            </g>
            <g class="more">
                if let Some(words) = more_text {
                    <text x={fmt1(r.w - pad)} y={bottom_y} text-anchor="end" font-size={fmt1(text)}>{ words }{ " " }</text>
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
                // in the narrow picture).
                if c.relogins > 0 && !l.portrait {
                    let _ = write!(text, " ↻{}", c.relogins);
                }
                if c.lost > 0 && !l.portrait {
                    let _ = write!(text, " ✕{}", c.lost);
                }
                html! {
                    <text key={slot.first} class="cookie" x={fmt1(slot.label_x)} y={fmt1(slot.label_y + size * 1.1)}
                          text-anchor={slot.label_anchor} font-size={fmt1(size)}>{ text }</text>
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
                    let label = if single || slot.first == slot.last {
                        user_name(slot.first)
                    } else {
                        format!("{} {}", slot.last - slot.first + 1, t.users_group)
                    };
                    let title = if single { label.clone() } else { format!("{}–{}", user_name(slot.first), user_name(slot.last)) };
                    html! {
                        <g key={slot.first} class="user" data-testid={format!("user-{}", slot.first)}>
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
