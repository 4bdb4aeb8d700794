//! Messages in flight, drawn from model time only: a message sent at `sent_at` that arrives at
//! `arrives_at` sits at (now − sent_at)/(arrives_at − sent_at) of its wire. Pause freezes it; speed changes
//! cannot make it jump. Arrows are batched into one `<path>` per kind (cheap at thousands); beyond what can
//! be read one by one, the flow mode draws one line per wire with its width by the number in flight.

use super::layout::{Layout, Rect, UserSlot};
use super::names::{server_letter, user_name};
use super::svgnum::cmd;
use crate::model::{Endpoint, Message, MessageKind, Micros, UserId};
use crate::number::f64_text;

/// Above this many messages in flight, individual arrows become flows.
pub const FLOW_THRESHOLD: usize = 1500;
/// Above this playback factor arrows move too fast to follow: flows instead.
pub const FLOW_SPEED: f64 = 20.0;
/// Up to this many messages, each arrow carries its user's name.
const LABEL_LIMIT: usize = 30;
/// About how wide a label's character is, in ems: the labels are bold, and bold digits and letters
/// ("401", "5xx", "userA") run wider than regular text's 0.6.
pub const LABEL_EM: f64 = 0.7;

/// Drawing classes, one per look (colour + dash + head shape in app.css and the legend).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Look {
    Request,
    Ok,
    Mismatch,
    Lost,
    Error,
    Replication,
    Store,
    Fetch,
    Health,
}

impl Look {
    pub const ALL: [Look; 9] = [
        Look::Request,
        Look::Ok,
        Look::Mismatch,
        Look::Lost,
        Look::Error,
        Look::Replication,
        Look::Store,
        Look::Fetch,
        Look::Health,
    ];
    pub fn of(kind: MessageKind) -> Look {
        match kind {
            MessageKind::Request => Look::Request,
            MessageKind::ResponseOk => Look::Ok,
            MessageKind::ResponseMismatch => Look::Mismatch,
            MessageKind::ResponseLostSession => Look::Lost,
            // A refused connection is drawn as the failure it is, not as the store's answer.
            MessageKind::ResponseError | MessageKind::StoreRefused => Look::Error,
            MessageKind::Replication | MessageKind::ReplicationAck => Look::Replication,
            MessageKind::StoreRequest | MessageKind::StoreResponse => Look::Store,
            MessageKind::RemoteFetch => Look::Fetch,
            MessageKind::HealthCheck => Look::Health,
        }
    }
    pub fn class(self) -> &'static str {
        match self {
            Look::Request => "look-request",
            Look::Ok => "look-ok",
            Look::Mismatch => "look-mismatch",
            Look::Lost => "look-lost",
            Look::Error => "look-error",
            Look::Replication => "look-replication",
            Look::Store => "look-store",
            Look::Fetch => "look-fetch",
            Look::Health => "look-health",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Arrows,
    Flows,
}

/// An arrow's label: (message id, x, y, text, look, text-anchor).
pub type Label = (u64, f64, f64, String, Look, &'static str);

/// One frame of traffic, ready to draw; equal frames (paused) skip the re-render.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TrafficFrame {
    /// Arrows: (look, tail path, head path).
    pub arrows: Vec<(Look, String, String)>,
    pub labels: Vec<Label>,
    /// Where each copy in flight is still to go, from its head to the node that waits for it: drawn
    /// while arrows are few enough to be followed one by one (as their labels are), so that a click
    /// that outruns its copy is seen outrunning it.
    pub routes: String,
    /// Flows: (key, look, path, width, count).
    pub flows: Vec<(String, Look, String, f64, u32)>,
    /// The tour's decisive request, where it has been (see `trail`): (look, wires, heads) as `arrows`.
    pub trail: Vec<(Look, String, String)>,
    pub in_flight: usize,
}

pub fn choose_mode(in_flight: usize, speed: f64, reduced_motion: bool) -> Mode {
    if reduced_motion || in_flight > FLOW_THRESHOLD || speed > FLOW_SPEED {
        Mode::Flows
    } else {
        Mode::Arrows
    }
}

fn r1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn head(d: &mut String, look: Look, x: f64, y: f64, ux: f64, uy: f64) {
    let (px, py) = (-uy, ux);
    let s = 7.5;
    match look {
        Look::Replication => {
            cmd(d, 'M', &[x - 4.5, y]);
            d.push_str("a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0");
        }
        Look::Store | Look::Fetch => {
            cmd(d, 'M', &[x + ux * s, y + uy * s]);
            cmd(d, 'L', &[x + px * s * 0.7, y + py * s * 0.7]);
            cmd(d, 'L', &[x - ux * s, y - uy * s]);
            cmd(d, 'L', &[x - px * s * 0.7, y - py * s * 0.7]);
            d.push('z');
        }
        Look::Error => {
            cmd(d, 'M', &[x - 5.0, y - 5.0]);
            d.push_str("h10v10h-10z");
        }
        Look::Health => {
            cmd(d, 'M', &[x - 1.5, y - 1.5]);
            d.push_str("h3v3h-3z");
        }
        _ => {
            let (bx, by) = (x - ux * s * 1.6, y - uy * s * 1.6);
            cmd(d, 'M', &[x, y]);
            cmd(d, 'L', &[bx + px * s * 0.8, by + py * s * 0.8]);
            cmd(d, 'L', &[bx - px * s * 0.8, by - py * s * 0.8]);
            d.push('z');
        }
    }
}

/// A stable key for a wire end: users collapse into their drawn slot.
fn end_key(layout: &Layout, e: Endpoint) -> (u8, u32) {
    match e {
        Endpoint::User(u) => (0, layout.slot_of(u) as u32),
        Endpoint::Balancer => (1, 0),
        Endpoint::Server(s) => (2, s.0),
        Endpoint::Store => (3, 0),
        Endpoint::Replica => (4, 0),
    }
}

/// Whether a label's text, running over `span` along x on the baseline `y` (`text` user units tall,
/// a quarter of it below the baseline for descenders), covers any of `r`.
fn label_over(span: (f64, f64), y: f64, text: f64, r: &Rect) -> bool {
    span.0 < r.right() && r.x < span.1 && y + 0.25 * text > r.y && y - text < r.y + r.h
}

/// Where an arrow label at `(x, y)` (its baseline's centre, `text` user units tall) is drawn: above the
/// arrow's head, or below it where above would cover the balancer's name (drawn centred over the
/// balancer's box, `text` tall, its baseline 0.4 `text` above the box; a long name overhangs the box,
/// hence the margin of a quarter box on each side).
fn label_place(layout: &Layout, x: f64, y: f64, chars: usize, text: f64) -> (f64, f64) {
    let above = y - 8.0;
    let half = LABEL_EM / 2.0 * text * chars as f64;
    let lb = &layout.lb;
    let (name_left, name_right) = (lb.x - lb.w / 4.0, lb.right() + lb.w / 4.0);
    let (name_top, name_bottom) = (lb.y - 1.6 * text, lb.y);
    let covers_name = x + half > name_left
        && x - half < name_right
        && above + 0.25 * text > name_top
        && above - text < name_bottom;
    let (x, y) = if covers_name {
        (x, y + 8.0 + text)
    } else {
        (x, above)
    };
    let runs_into = |x: f64, r: &Rect| label_over((x - half, x + half), y, text, r);
    // Centred on a head at the balancer's edge, a label would run over its outline and its icon: it
    // ends left of the balancer on the users' side, starts right of it on the servers' side, a little
    // apart (bold names run wider than the estimate).
    let x = match runs_into(x, lb) {
        true if x <= lb.cx() => (lb.x - 5.0 - half).min(x),
        true => (lb.right() + 5.0 + half).max(x),
        false => x,
    };
    // Near the users, over a user's glyph, a label would be read as that user's: it starts right of
    // the glyph, on the wires' side, its halo clear of the circle.
    let x = layout
        .slots
        .iter()
        .filter(|s| runs_into(x, &glyph(s)))
        .map(|s| s.x + s.r + 4.0 + half)
        .reduce(f64::max)
        .map_or(x, |clear| clear.max(x));
    // Centred on a head at a server's or the store's edge, a label would run into the box, over its
    // name or its chips: it ends just left of the box instead, its halo clear of the outline.
    match boxes(layout)
        .filter(|r| runs_into(x, r))
        .map(|r| r.x)
        .reduce(f64::min)
    {
        Some(left) => ((left - 4.0 - half).min(x), y),
        None => (x, y),
    }
}

/// The square a user's (or a group's) glyph is drawn in.
fn glyph(slot: &UserSlot) -> Rect {
    Rect {
        x: slot.x - slot.r,
        y: slot.y - slot.r,
        w: 2.0 * slot.r,
        h: 2.0 * slot.r,
    }
}

/// The servers', the store's and the replica's boxes.
fn boxes(layout: &Layout) -> impl Iterator<Item = &Rect> {
    layout
        .servers
        .iter()
        .chain(&layout.store)
        .chain(&layout.replica)
}

/// Whether a label centred at `(x, y)`, `chars` long, would cover the balancer or a box.
fn runs_into_a_node(layout: &Layout, x: f64, y: f64, chars: usize, text: f64) -> bool {
    let half = LABEL_EM / 2.0 * text * chars as f64;
    std::iter::once(&layout.lb)
        .chain(boxes(layout))
        .any(|r| label_over((x - half, x + half), y, text, r))
}

/// Where a label's text runs from and to along x: `LABEL_EM` a character, from `x` or centred on it.
fn label_span(x: f64, text: &str, anchor: &str, text_size: f64) -> (f64, f64) {
    let width = LABEL_EM * text_size * text.chars().count() as f64;
    match anchor {
        "start" => (x, x + width),
        _ => (x - width / 2.0, x + width / 2.0),
    }
}

/// Whether a label spanning `span` along x on the baseline `y` would cover a group of users' glyph or
/// its name ("33 users", at most about 9 characters): one user's name over a crowd of them is not read
/// as that crowd, and hides how many it holds.
fn covers_a_group(layout: &Layout, span: (f64, f64), y: f64, text_size: f64) -> bool {
    let name = 0.6 * text_size * 9.0;
    layout.slots.iter().filter(|s| s.first != s.last).any(|s| {
        let (name_left, name_right) = match s.label_anchor {
            "end" => (s.label_x - name, s.label_x),
            "start" => (s.label_x, s.label_x + name),
            _ => (s.label_x - name / 2.0, s.label_x + name / 2.0),
        };
        let (left, right) = (name_left.min(s.x - s.r), name_right.max(s.x + s.r));
        let group = Rect {
            x: left,
            y: s.y - s.r - 4.0,
            w: right - left,
            h: 2.0 * s.r + 8.0,
        };
        label_over(span, y, text_size, &group)
    })
}

/// How far `hops` have travelled by `now`: the whole wire of each that arrived, with a head where it
/// did, and the way so far of each still on its wire (whose head is its arrow's): the route of one
/// request, left on the picture while it is followed (see `TourState::trail`). A try the balancer
/// gave up on is drawn as a failure, not as the way the request went.
pub fn trail(hops: &[Message], now: Micros, layout: &Layout) -> Vec<(Look, String, String)> {
    let mut paths: [(String, String); Look::ALL.len()] = Default::default();
    for m in hops.iter().filter(|m| m.sent_at <= now) {
        let look = if refused(hops, m) {
            Look::Error
        } else {
            Look::of(m.kind)
        };
        let (x0, y0) = layout.anchor(m.from, m.to);
        let (x1, y1) = layout.anchor(m.to, m.from);
        let span = m.arrives_at.saturating_sub(m.sent_at).max(1) as f64;
        let f = (now.saturating_sub(m.sent_at) as f64 / span).min(1.0);
        let (x, y) = (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f);
        let entry = &mut paths[look as usize];
        cmd(&mut entry.0, 'M', &[x0, y0]);
        cmd(&mut entry.0, 'L', &[x, y]);
        if m.arrives_at <= now {
            let len = (x1 - x0).hypot(y1 - y0).max(1e-6);
            head(&mut entry.1, look, x1, y1, (x1 - x0) / len, (y1 - y0) / len);
        }
    }
    Look::ALL
        .into_iter()
        .zip(paths)
        .filter(|(_, (wires, _))| !wires.is_empty())
        .map(|(look, (wires, heads))| (look, wires, heads))
        .collect()
}

/// Whether `m` is a request the balancer sent to a server that never answered it, then sent on to
/// another server (the first was down): it ends there.
fn refused(hops: &[Message], m: &Message) -> bool {
    let from_balancer =
        |h: &Message| h.kind == MessageKind::Request && h.from == Endpoint::Balancer;
    from_balancer(m)
        && hops
            .iter()
            .any(|h| from_balancer(h) && h.sent_at >= m.sent_at && h.to != m.to)
        && !hops.iter().any(|h| h.from == m.to)
}

/// `text_size`: the picture's smallest font size in user units, the arrow labels' size; `keep_out`: a
/// place no label is drawn over (the tour's callout: its words are the ones to read there).
pub fn build(
    messages: &[Message],
    now: Micros,
    layout: &Layout,
    mode: Mode,
    text_size: f64,
    keep_out: Option<Rect>,
) -> TrafficFrame {
    // The model may record a send a moment ahead of now: only what is on the wire is drawn.
    let on_wire = || {
        messages
            .iter()
            .filter(|m| m.sent_at <= now && m.arrives_at >= now)
    };
    let mut frame = TrafficFrame {
        in_flight: on_wire().count(),
        ..Default::default()
    };
    match mode {
        Mode::Arrows => {
            // Per look, in the order of `Look::ALL`: (tail path, head path).
            let mut paths: [(String, String); Look::ALL.len()] = Default::default();
            let label = frame.in_flight <= LABEL_LIMIT;
            // A user's name labels an arrow only where that user is drawn alone: in a group, it names
            // someone the picture does not show, and in a crowd the names pile up at the balancer.
            let named = |u: UserId| layout.drawn_alone(u);
            let mut candidates: Vec<Label> = Vec::new();
            for m in on_wire() {
                let look = Look::of(m.kind);
                let (x0, y0) = layout.anchor(m.from, m.to);
                let (x1, y1) = layout.anchor(m.to, m.from);
                let span = m.arrives_at.saturating_sub(m.sent_at).max(1) as f64;
                let f = (now.saturating_sub(m.sent_at) as f64 / span).clamp(0.0, 1.0);
                let (dx, dy) = (x1 - x0, y1 - y0);
                let len = (dx * dx + dy * dy).sqrt().max(1e-6);
                let (ux, uy) = (dx / len, dy / len);
                let (x, y) = (x0 + dx * f, y0 + dy * f);
                let tail = (len * f).min(28.0);
                let entry = &mut paths[look as usize];
                if tail > 0.5 {
                    cmd(&mut entry.0, 'M', &[x - ux * tail, y - uy * tail]);
                    cmd(&mut entry.0, 'L', &[x, y]);
                }
                head(&mut entry.1, look, x, y, ux, uy);
                if label && m.kind == MessageKind::Replication {
                    cmd(&mut frame.routes, 'M', &[x, y]);
                    cmd(&mut frame.routes, 'L', &[x1, y1]);
                    // Off the lane, into the server's box.
                    if let Endpoint::Server(to) = m.to {
                        let r = layout.server_rect(to);
                        cmd(&mut frame.routes, 'L', &[r.right(), r.cy()]);
                    }
                }
                if label {
                    // The store's refusal, drawn as a failure too, is no answer to the user: the
                    // 5xx it causes is labelled on its way back.
                    let status = match m.kind {
                        MessageKind::ResponseMismatch | MessageKind::ResponseLostSession => {
                            Some("401")
                        }
                        MessageKind::ResponseError => Some("5xx"),
                        _ => None,
                    };
                    let mut text = match (status, look, m.user) {
                        // Whose 401 or 5xx it is, where its user is drawn alone: beside another
                        // user's arrow a bare "401" is read as theirs.
                        (Some(status), _, Some(u)) if named(u) => {
                            format!("{}: {status}", user_name(u))
                        }
                        (Some(status), _, _) => status.to_string(),
                        (None, Look::Request | Look::Ok, Some(u)) if named(u) => user_name(u),
                        // A copy or a fetch says whose session it carries: a click racing its own
                        // copy shows the same name on both arrows. A copy says where it goes too: the
                        // copies of one write leave side by side.
                        (None, Look::Replication, Some(u))
                            if named(u) && m.kind == MessageKind::Replication =>
                        {
                            match m.to {
                                Endpoint::Server(to) => {
                                    format!("{} → {}", user_name(u), server_letter(to))
                                }
                                _ => user_name(u),
                            }
                        }
                        (None, Look::Fetch, Some(u)) if named(u) => user_name(u),
                        _ => String::new(),
                    };
                    // On a lane, beside it: above the head the name would sit on the lane itself.
                    let on_lane =
                        matches!((m.from, m.to), (Endpoint::Server(_), Endpoint::Server(_)));
                    let (lx, ly, anchor) = if on_lane {
                        (r1(x + 8.0), r1(y + 5.0), "start")
                    } else {
                        let place =
                            |text: &str| label_place(layout, x, y, text.chars().count(), text_size);
                        let (mut lx, mut ly) = place(&text);
                        // Squeezed between the balancer and a box, the status alone.
                        if let Some(status) = status.filter(|_| {
                            runs_into_a_node(layout, lx, ly, text.chars().count(), text_size)
                        }) {
                            text = status.to_string();
                            (lx, ly) = place(&text);
                        }
                        (r1(lx), r1(ly), "middle")
                    };
                    if !text.is_empty() {
                        candidates.push((m.id, lx, ly, text, look, anchor));
                    }
                }
            }
            // A label that would overprint one already placed (copies of one write leaving together,
            // a crowd at the balancer) is left out: overprinted, neither is read. Rejections are placed
            // first, so a 401 or a 5xx never gives way to another label. Over a group of users
            // (see `covers_a_group`), no label is drawn; over the keep-out place, only a rejection.
            let (rejections, others): (Vec<Label>, Vec<Label>) = candidates
                .into_iter()
                .partition(|c| matches!(c.4, Look::Mismatch | Look::Lost | Look::Error));
            for candidate in rejections.into_iter().chain(others) {
                let (_, x, y, ref text, look, anchor) = candidate;
                let span = label_span(x, text, anchor, text_size);
                let overprints = |&(_, ox, oy, ref other, _, other_anchor): &Label| {
                    let (a0, a1) = label_span(ox, other, other_anchor, text_size);
                    a0 < span.1 && span.0 < a1 && (oy - y).abs() < text_size
                };
                // A 401 or 5xx is the moment the callout explains: it stays, even at its edge.
                let rejection = matches!(look, Look::Mismatch | Look::Lost | Look::Error);
                let over_keep_out =
                    !rejection && keep_out.is_some_and(|r| label_over(span, y, text_size, &r));
                if !frame.labels.iter().any(overprints)
                    && !covers_a_group(layout, span, y, text_size)
                    && !over_keep_out
                {
                    frame.labels.push(candidate);
                }
            }
            // Every message draws a head: an empty head path is a look with nothing in flight.
            frame.arrows = Look::ALL
                .into_iter()
                .zip(paths)
                .filter(|(_, (_, head))| !head.is_empty())
                .map(|(look, (tail, head))| (look, tail, head))
                .collect();
        }
        Mode::Flows => {
            // One flow per (look, wire): messages grouped by key, the first one's ends drawn.
            type WireKey = (Look, (u8, u32), (u8, u32));
            let mut wires: Vec<(WireKey, Endpoint, Endpoint)> = on_wire()
                .map(|m| {
                    let key = (
                        Look::of(m.kind),
                        end_key(layout, m.from),
                        end_key(layout, m.to),
                    );
                    (key, m.from, m.to)
                })
                .collect();
            wires.sort_by_key(|(key, ..)| *key);
            frame.flows = wires
                .chunk_by(|a, b| a.0 == b.0)
                .map(|group| {
                    let ((look, a, b), from, to) = group[0];
                    let count = group.len() as u32;
                    let (x0, y0) = layout.anchor(from, to);
                    let (x1, y1) = layout.anchor(to, from);
                    // Responses run a little beside requests so both directions stay visible.
                    let offset = if matches!(look, Look::Request | Look::Store | Look::Replication)
                    {
                        -2.0
                    } else {
                        2.0
                    };
                    let d = format!(
                        "M{} {}L{} {}",
                        f64_text(r1(x0)),
                        f64_text(r1(y0 + offset)),
                        f64_text(r1(x1)),
                        f64_text(r1(y1 + offset))
                    );
                    let width = 1.0 + 2.2 * (1.0 + count as f64).ln();
                    (
                        format!("{}-{}.{}-{}.{}", look.class(), a.0, a.1, b.0, b.1),
                        look,
                        d,
                        r1(width),
                        count,
                    )
                })
                .collect();
        }
    }
    frame
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ServerId;

    #[test]
    fn labels_step_below_the_head_where_above_would_cover_the_balancers_name() {
        let layout = Layout::new(3, 3, false, false, false);
        let text = 14.0;
        let lb = &layout.lb;
        // A head just right of the box's top corner (on its way to the top server): above it is the
        // name; below it, the label starts right of the box.
        let (x, y) = (lb.right() + 5.0, lb.y - 2.0);
        let clear_right = lb.right() + 5.0 + LABEL_EM / 2.0 * text * 5.0;
        assert_eq!(
            label_place(&layout, x, y, 5, text),
            (clear_right, y + 8.0 + text)
        );
        // Halfway down the box's side, or far from the box, a label stays above its head.
        assert_eq!(
            label_place(&layout, x, lb.cy(), 5, text),
            (clear_right, lb.cy() - 8.0)
        );
        // Between the balancer and the servers, away from every box.
        let gap = (lb.right() + layout.server_rect(ServerId(0)).x) / 2.0;
        let below = lb.y + lb.h + 60.0;
        assert_eq!(
            label_place(&layout, gap, below, 5, text),
            (gap, below - 8.0)
        );
    }

    #[test]
    fn a_label_at_a_boxs_edge_ends_left_of_the_box() {
        let layout = Layout::new(6, 3, true, false, false);
        let text = 14.0;
        let half = LABEL_EM / 2.0 * text * 5.0;
        for edge in [layout.server_rect(ServerId(0)), layout.store.unwrap()] {
            // A head arriving at the box's left side, a third of the way down (where its chips are).
            let (x, y) = (edge.x - 1.0, edge.y + edge.h / 3.0);
            let (lx, ly) = label_place(&layout, x, y, 5, text);
            assert!(
                lx + half <= edge.x,
                "{lx} + {half} runs into the box at {}",
                edge.x
            );
            assert_eq!(ly, y - 8.0);
        }
    }
}
