//! The traffic frame of a known state, natively: a small run of the problem step (three servers, round
//! robin, two users) stepped to a known model time. Arrows sit where model time puts them on their wire,
//! and the frame depends on model time only.

use sessionscope::model::{
    Endpoint, Message, MessageKind, Micros, SeriesMetric, ServerId, Simulation, UserId, MS,
};
use sessionscope::scenario::tour;
use sessionscope::view::layout::{Layout, Rect};
use sessionscope::view::names::user_name;
use sessionscope::view::scene::{layout_for, Scene};
use sessionscope::view::tour::TourState;
use sessionscope::view::traffic::{
    build, choose_mode, trail, Label, Look, Mode, FLOW_SPEED, FLOW_THRESHOLD, LABEL_EM,
};

/// The tour's first step (userA just logged in on server A), run to `at` with messages traced.
fn problem_at(at: Micros) -> Simulation {
    let mut sim = tour::step(0).expect("the first step").scenario.simulation();
    sim.set_tracing(true);
    sim.advance_to(at);
    sim
}

/// The tour step `id`'s simulation at its start, with messages traced.
fn traced_step(id: &str) -> Simulation {
    let step = tour::steps()
        .into_iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no tour step {id}"));
    let mut sim = step.scenario.simulation();
    sim.set_tracing(true);
    sim
}

fn on_wire(messages: &[Message], now: Micros) -> Vec<&Message> {
    messages
        .iter()
        .filter(|m| m.sent_at <= now && now <= m.arrives_at)
        .collect()
}

/// The picture's smallest font size (user units) the frames are built for.
const TEXT: f64 = 14.0;

/// The label's position for a message in a frame built at `now`.
fn label_at(messages: &[Message], now: Micros, layout: &Layout, id: u64) -> Option<(f64, f64)> {
    build(messages, now, layout, Mode::Arrows, TEXT, None)
        .labels
        .iter()
        .find(|(label_id, ..)| *label_id == id)
        .map(|(_, x, y, ..)| (*x, *y))
}

/// The first moment from 100 ms on, in 10 ms steps, when a labelled request is on its wire.
fn a_request_in_flight() -> (Simulation, Message) {
    for t in (100..5_000).step_by(10) {
        let sim = problem_at(t * MS);
        let request = on_wire(sim.messages(), sim.now())
            .into_iter()
            .find(|m| {
                m.kind == MessageKind::Request && m.user.is_some() && m.arrives_at > m.sent_at
            })
            .cloned();
        if let Some(request) = request {
            return (sim, request);
        }
    }
    panic!("no request in flight in the first five seconds of the problem step");
}

#[test]
fn the_frame_counts_and_draws_what_is_on_the_wire() {
    let (sim, _) = a_request_in_flight();
    let layout = layout_for(&sim, false);
    let now = sim.now();
    let expected = on_wire(sim.messages(), now);
    let frame = build(sim.messages(), now, &layout, Mode::Arrows, TEXT, None);
    assert_eq!(frame.in_flight, expected.len());
    // One batched tail and head path per look in flight, in the looks' order.
    let mut looks: Vec<Look> = expected.iter().map(|m| Look::of(m.kind)).collect();
    looks.sort();
    looks.dedup();
    let drawn: Vec<Look> = frame.arrows.iter().map(|(look, ..)| *look).collect();
    assert_eq!(drawn, looks);
    for (look, _tail, head) in &frame.arrows {
        assert!(head.starts_with('M'), "{look:?}: head path {head:?}");
    }
    // A handful of messages: each request and response carries its user's name.
    for m in &expected {
        if matches!(m.kind, MessageKind::Request | MessageKind::ResponseOk) {
            let text = frame
                .labels
                .iter()
                .find(|(id, ..)| *id == m.id)
                .map(|(_, _, _, text, ..)| text.as_str());
            assert_eq!(
                text,
                m.user.map(sessionscope::view::names::user_name).as_deref()
            );
        }
    }
}

#[test]
fn an_arrow_moves_along_its_wire_by_model_time() {
    let (sim, request) = a_request_in_flight();
    let layout = layout_for(&sim, false);
    let messages = sim.messages();
    let (x0, y0) = layout.anchor(request.from, request.to);
    let (x1, y1) = layout.anchor(request.to, request.from);
    let span = request.arrives_at - request.sent_at;
    // Labels sit 8 units above the arrow's head, rounded to a tenth.
    let near = |(x, y): (f64, f64), (ex, ey): (f64, f64), when: &str| {
        assert!(
            (x - ex).abs() <= 0.051 && (y - (ey - 8.0)).abs() <= 0.051,
            "{when}: label at ({x}, {y}), expected above ({ex}, {ey})"
        );
    };
    // Half the label's width: bold labels run about 0.7 em a character.
    let user = request.user.expect("a user's request");
    let half = 0.35 * TEXT * user_name(user).len() as f64;
    // When sent, the head is at its user's glyph: the label keeps its height and starts right of the
    // glyph instead of covering it.
    let (sx, sy) =
        label_at(messages, request.sent_at, &layout, request.id).expect("drawn when sent");
    let slot = &layout.slots[layout.slot_of(user)];
    assert!(
        (sy - (y0 - 8.0)).abs() <= 0.051 && (sx - half - (slot.x + slot.r + 4.0)).abs() <= 0.051,
        "when sent: label at ({sx}, {sy}), head at ({x0}, {y0}), glyph {slot:?}"
    );
    // On arrival the head touches the balancer: the label keeps its height and ends left of the box
    // instead of running over its outline.
    let (ex, ey) =
        label_at(messages, request.arrives_at, &layout, request.id).expect("drawn on arrival");
    assert_eq!(request.to, Endpoint::Balancer);
    assert!(
        (ey - (y1 - 8.0)).abs() <= 0.051 && ex + half <= layout.lb.x && ex + half >= x1 - 6.0,
        "on arrival: label at ({ex}, {ey}), head at ({x1}, {y1}), balancer from x {}",
        layout.lb.x
    );
    let quarter = request.sent_at + span / 4;
    let f = (quarter - request.sent_at) as f64 / span as f64;
    let at_quarter = label_at(messages, quarter, &layout, request.id).expect("drawn on its way");
    near(
        at_quarter,
        (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f),
        "a quarter of the way",
    );
    // Not on the wire before it is sent or after it arrives.
    assert_eq!(
        label_at(
            messages,
            request.sent_at.saturating_sub(1),
            &layout,
            request.id
        ),
        None
    );
    assert_eq!(
        label_at(messages, request.arrives_at + 1, &layout, request.id),
        None
    );
}

#[test]
fn the_same_model_time_gives_the_same_frame() {
    // Paused, or drawn again at another playback speed: nothing moves unless model time does.
    let (sim, request) = a_request_in_flight();
    let layout = layout_for(&sim, false);
    let a = build(sim.messages(), sim.now(), &layout, Mode::Arrows, TEXT, None);
    let b = build(sim.messages(), sim.now(), &layout, Mode::Arrows, TEXT, None);
    assert_eq!(a, b);
    let later = build(
        sim.messages(),
        request.arrives_at,
        &layout,
        Mode::Arrows,
        TEXT,
        None,
    );
    assert_ne!(a, later, "the request has moved by its arrival");
}

#[test]
fn flows_count_every_message_in_flight_once() {
    let (sim, _) = a_request_in_flight();
    let layout = layout_for(&sim, false);
    let frame = build(sim.messages(), sim.now(), &layout, Mode::Flows, TEXT, None);
    assert!(frame.arrows.is_empty() && frame.labels.is_empty());
    let counted: u32 = frame.flows.iter().map(|(.., count)| *count).sum();
    assert_eq!(counted as usize, frame.in_flight);
    let mut keys: Vec<&String> = frame.flows.iter().map(|(key, ..)| key).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), frame.flows.len(), "one flow per wire and look");
}

#[test]
fn crowds_fast_playback_and_reduced_motion_draw_flows() {
    assert_eq!(choose_mode(10, 1.0, false), Mode::Arrows);
    assert_eq!(choose_mode(FLOW_THRESHOLD, FLOW_SPEED, false), Mode::Arrows);
    assert_eq!(choose_mode(FLOW_THRESHOLD + 1, 1.0, false), Mode::Flows);
    assert_eq!(choose_mode(10, FLOW_SPEED * 2.0, false), Mode::Flows);
    assert_eq!(choose_mode(10, 1.0, true), Mode::Flows);
}

/// The asynchronous cluster step (copies take 1.5 s on the lanes right of the servers) at the first
/// moment, in 50 ms steps, when a copy between servers has more than `still_to_go` left to travel.
fn a_copy_in_flight(still_to_go: Micros) -> (Simulation, Message, Micros) {
    let mut sim = traced_step("cluster-async-window");
    for at in (1..=200).map(|i| i * 50 * MS) {
        sim.advance_to(at);
        let now = sim.now();
        let copy = on_wire(sim.messages(), now)
            .into_iter()
            .find(|m| m.kind == MessageKind::Replication && m.arrives_at > now + still_to_go)
            .cloned();
        if let Some(copy) = copy {
            return (sim, copy, now);
        }
    }
    panic!("no copy on its way within 10 s");
}

#[test]
fn a_copy_in_flight_says_whose_session_it_carries_and_where_beside_its_lane() {
    let (sim, copy, now) = a_copy_in_flight(0);
    let layout = layout_for(&sim, false);
    let frame = build(sim.messages(), now, &layout, Mode::Arrows, TEXT, None);
    let (_, x, _, text, look, anchor) = frame
        .labels
        .iter()
        .find(|(id, ..)| *id == copy.id)
        .expect("the copy is labelled");
    let user = copy.user.expect("a copy carries its session's user");
    let Endpoint::Server(to) = copy.to else {
        panic!("a copy between servers");
    };
    // Whose session, and where it goes.
    assert_eq!(
        text,
        &format!(
            "{} → {}",
            sessionscope::view::names::user_name(user),
            sessionscope::view::names::server_letter(to)
        )
    );
    assert_eq!(*look, Look::Replication);
    // Beside the lane, right of every server box.
    let right = layout.servers.iter().map(|r| r.x + r.w).fold(0.0, f64::max);
    assert_eq!(*anchor, "start");
    assert!(*x > right, "label at x {x}, servers end at {right}");
}

/// Where a label's text runs along x: about 0.6 em a character, from its x or centred on it.
fn span(&(_, x, _, ref text, _, anchor): &Label) -> (f64, f64) {
    let w = 0.6 * TEXT * text.chars().count() as f64;
    if anchor == "start" {
        (x, x + w)
    } else {
        (x - w / 2.0, x + w / 2.0)
    }
}

#[test]
fn labels_in_a_crowd_name_no_user_and_overprint_neither_one_another_nor_a_group_nor_the_balancer() {
    // The one-server step: hundreds of visitors, drawn as groups ("33 users"), arrive at once, up to
    // the labelled limit in flight, and the server fails under them.
    let mut sim = traced_step("one-server-ceiling");
    let mut most = 0;
    for at in (1..=300).map(|i| i * 100 * MS) {
        sim.advance_to(at);
        let layout = layout_for(&sim, false);
        let frame = build(sim.messages(), sim.now(), &layout, Mode::Arrows, TEXT, None);
        most = most.max(frame.labels.len());
        for (i, a) in frame.labels.iter().enumerate() {
            for b in &frame.labels[i + 1..] {
                let ((a0, a1), (b0, b1)) = (span(a), span(b));
                let apart = a1 <= b0 || b1 <= a0 || (a.2 - b.2).abs() >= TEXT;
                assert!(apart, "at {at}: {a:?} overprints {b:?}");
            }
        }
        let groups: Vec<_> = layout.slots.iter().filter(|s| s.first != s.last).collect();
        assert!(!groups.is_empty(), "the step draws groups");
        let lb = layout.lb;
        for label in &frame.labels {
            // Only what happened: a user's name would name someone the picture does not show.
            assert!(
                ["401", "5xx"].contains(&label.3.as_str()),
                "at {at}: {label:?} in a crowd"
            );
            let ((left, right), y) = (span(label), label.2);
            let on_balancer = left < lb.right()
                && lb.x < right
                && y + 0.25 * TEXT > lb.y
                && y - TEXT < lb.y + lb.h;
            assert!(
                !on_balancer,
                "at {at}: {label:?} runs over the balancer {lb:?}"
            );
            for g in &groups {
                // The glyph, and the group's name ending at its left.
                let (g_left, g_right) = (g.label_x - 0.6 * TEXT * 8.0, g.x + g.r);
                let apart = right <= g_left
                    || g_right <= left
                    || y + 0.25 * TEXT <= g.y - g.r
                    || y - TEXT >= g.y + g.r;
                assert!(
                    apart,
                    "at {at}: {label:?} covers the group at ({}, {})",
                    g.x, g.y
                );
            }
        }
    }
    assert!(most >= 1, "the crowd's failures are labelled: {most}");
}

#[test]
fn a_rejection_is_never_the_label_left_out() {
    // A request on its way to server A and a 401 on its way back, both half way along the same wire:
    // their labels would overprint, and the 401 is the one to read.
    let layout = Layout::new(2, 3, false, false, false);
    let message = |id, kind, from, to, user| Message {
        id,
        kind,
        from,
        to,
        user: Some(user),
        sent_at: 0,
        arrives_at: 2 * MS,
    };
    let (lb, a) = (Endpoint::Balancer, Endpoint::Server(ServerId(0)));
    let messages = [
        message(1, MessageKind::Request, lb, a, UserId(0)),
        message(2, MessageKind::ResponseMismatch, a, lb, UserId(1)),
    ];
    let frame = build(&messages, MS, &layout, Mode::Arrows, TEXT, None);
    let texts: Vec<&str> = frame
        .labels
        .iter()
        .map(|(_, _, _, t, ..)| t.as_str())
        .collect();
    // Named for its user: userB's 401, not the request of userA beside it.
    assert_eq!(texts, ["userB: 401"]);
}

#[test]
fn no_label_is_drawn_over_the_keep_out_place() {
    let (sim, request) = a_request_in_flight();
    let layout = layout_for(&sim, false);
    let labelled = |keep_out: Option<Rect>| {
        build(
            sim.messages(),
            sim.now(),
            &layout,
            Mode::Arrows,
            TEXT,
            keep_out,
        )
        .labels
        .iter()
        .any(|label| label.0 == request.id)
    };
    let (x, y) = label_at(sim.messages(), sim.now(), &layout, request.id).expect("labelled");
    let around = Rect {
        x: x - 5.0,
        y: y - 5.0,
        w: 10.0,
        h: 10.0,
    };
    assert!(!labelled(Some(around)), "a label over the keep-out place");
    assert!(labelled(Some(Rect {
        x: x + 300.0,
        ..around
    })));
}

/// The numbers of each subpath of an SVG path made of M and L commands.
fn subpaths(d: &str) -> Vec<Vec<(f64, f64)>> {
    d.split('M')
        .filter(|s| !s.is_empty())
        .map(|sub| {
            let numbers: Vec<f64> = sub
                .split(['L', ' '])
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().expect("a number"))
                .collect();
            numbers.chunks(2).map(|p| (p[0], p[1])).collect()
        })
        .collect()
}

#[test]
fn a_copy_in_flight_shows_the_rest_of_its_way_into_the_server_that_waits_for_it() {
    let (sim, copy, now) = a_copy_in_flight(500 * MS);
    let layout = layout_for(&sim, false);
    let frame = build(sim.messages(), now, &layout, Mode::Arrows, TEXT, None);
    let Endpoint::Server(to) = copy.to else {
        panic!("a copy between servers");
    };
    let (x0, y0) = layout.anchor(copy.from, copy.to);
    let (x1, y1) = layout.anchor(copy.to, copy.from);
    let f = (now - copy.sent_at) as f64 / (copy.arrives_at - copy.sent_at) as f64;
    let head = (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f);
    let target = layout.server_rect(to);
    let near = |(ax, ay): (f64, f64), (bx, by): (f64, f64)| {
        (ax - bx).abs() <= 0.1 && (ay - by).abs() <= 0.1
    };
    let routes = subpaths(&frame.routes);
    assert!(
        routes.iter().any(|route| {
            route.len() == 3
                && near(route[0], head)
                && near(route[1], (x1, y1))
                && near(route[2], (target.x + target.w, target.cy()))
        }),
        "no route from the copy's head at {head:?} into server {to:?} in {routes:?}"
    );
}

#[test]
fn a_rejection_names_its_user_where_there_is_room_and_covers_no_node_nor_user() {
    let mut named = 0;
    for id in ["problem", "sticky-crash", "store-crash"] {
        let mut sim = traced_step(id);
        for at in (1..=250).map(|i| i * 100 * MS) {
            sim.advance_to(at);
            let layout = layout_for(&sim, false);
            let frame = build(sim.messages(), sim.now(), &layout, Mode::Arrows, TEXT, None);
            let rejections = frame
                .labels
                .iter()
                .filter(|l| matches!(l.4, Look::Mismatch | Look::Lost | Look::Error));
            for label in rejections {
                let text = label.3.as_str();
                assert!(text.ends_with("401") || text.ends_with("5xx"), "{text}");
                named += usize::from(text.starts_with("user"));
                // As wide as the page draws it (bold), centred on its place.
                let half = LABEL_EM / 2.0 * TEXT * text.chars().count() as f64;
                let (left, right, y) = (label.1 - half, label.1 + half, label.2);
                // Nor a user's glyph: over another user's circle, it reads as theirs.
                let glyphs = layout.slots.iter().map(|s| Rect {
                    x: s.x - s.r,
                    y: s.y - s.r,
                    w: 2.0 * s.r,
                    h: 2.0 * s.r,
                });
                let nodes = std::iter::once(layout.lb)
                    .chain(layout.servers.iter().copied())
                    .chain(layout.store)
                    .chain(glyphs);
                for r in nodes {
                    let over = left < r.x + r.w
                        && r.x < right
                        && y + 0.25 * TEXT > r.y
                        && y - TEXT < r.y + r.h;
                    assert!(!over, "{id} at {at}: {label:?} covers {r:?}");
                }
            }
        }
    }
    assert!(named > 0, "some rejections name their user");
}

/// Tour step `id` opened (not yet revealed), its simulation traced and run to the first moment's
/// outcome, and that model time.
fn step_at_its_moment(id: &str) -> (TourState, Simulation, Micros) {
    let index = tour::steps()
        .iter()
        .position(|s| s.id == id)
        .unwrap_or_else(|| panic!("no tour step {id}"));
    let opened = TourState::open(index);
    let outcome = opened.state.callouts[0].0;
    let mut sim = opened.scenario.simulation();
    sim.set_tracing(true);
    sim.advance_to(outcome);
    (opened.state, sim, outcome)
}

#[test]
fn a_held_moment_shows_the_whole_way_its_request_went_and_only_while_it_is_followed() {
    let (mut state, sim, outcome) = step_at_its_moment("cluster-all");
    assert!(
        state.trail(outcome).is_empty(),
        "nothing is traced before Show me: it would give the answer away"
    );
    state.revealed = true;
    let hops = state.trail(outcome).to_vec();
    let user = hops[0].user.expect("the decisive request's user");
    assert!(
        hops.iter().all(|m| m.user == Some(user)),
        "one user's request only"
    );
    let layout = layout_for(&sim, false);
    let trail = trail(&hops, outcome, &layout);
    let wires = |look: Look| {
        trail
            .iter()
            .find(|(l, ..)| *l == look)
            .map(|(_, wires, heads)| (subpaths(wires), heads.matches('M').count()))
            .unwrap_or_default()
    };
    // Held at the answer: the write's copy to each of the two other servers and each one's ack back
    // are on the picture whole, each with its head where it arrived.
    let (copies, heads) = wires(Look::Replication);
    assert_eq!(copies.len(), 4, "two copies and two acks: {copies:?}");
    assert_eq!(heads, 4);
    let writer = hops
        .iter()
        .find(|m| m.kind == MessageKind::Replication)
        .map(|m| m.from)
        .expect("a copy");
    for m in hops
        .iter()
        .filter(|m| Look::of(m.kind) == Look::Replication)
    {
        let whole = vec![layout.anchor(m.from, m.to), layout.anchor(m.to, m.from)];
        assert!(
            copies.contains(&whole),
            "{m:?} not drawn whole in {copies:?}"
        );
        assert!(m.from == writer || m.to == writer);
    }
    // The request's way in: from its user to the balancer and on to the writing server.
    let (requests, _) = wires(Look::Request);
    assert!(requests.contains(&vec![
        layout.anchor(Endpoint::Balancer, writer),
        layout.anchor(writer, Endpoint::Balancer)
    ]));
    // Once the answer is back with its user, the rest plays fast: nothing is traced.
    let end = hops.iter().map(|m| m.arrives_at).max().expect("hops");
    assert!(state.trail(end + 1).is_empty());
}

/// The route of step `id`'s first moment at its hold, and the picture it is drawn on.
fn held_trail(id: &str) -> (Vec<Message>, Layout, Vec<(Look, String, String)>) {
    let (mut state, sim, outcome) = step_at_its_moment(id);
    state.revealed = true;
    let hops = state.trail(outcome).to_vec();
    let layout = layout_for(&sim, false);
    let drawn = trail(&hops, outcome, &layout);
    (hops, layout, drawn)
}

#[test]
fn a_try_at_a_dead_server_is_traced_as_a_failure_and_a_store_round_trip_as_part_of_the_way() {
    // Sticky sessions, B crashed: the balancer tries B, then sends the request on to A.
    let (hops, layout, drawn) = held_trail("sticky-crash");
    let wires = |look: Look| {
        drawn
            .iter()
            .find(|(l, ..)| *l == look)
            .map(|(_, wires, _)| subpaths(wires))
            .unwrap_or_default()
    };
    let to_servers: Vec<&Message> = hops
        .iter()
        .filter(|m| m.kind == MessageKind::Request && m.from == Endpoint::Balancer)
        .collect();
    let [tried, served] = to_servers[..] else {
        panic!("two tries: {to_servers:?}");
    };
    let wire = |m: &Message| vec![layout.anchor(m.from, m.to), layout.anchor(m.to, m.from)];
    assert!(wires(Look::Error).contains(&wire(tried)), "{drawn:?}");
    assert!(wires(Look::Request).contains(&wire(served)));
    assert!(!wires(Look::Request).contains(&wire(tried)));
    // The store step: the server's read of the session from the store is on the way, out and back.
    let (hops, layout, drawn) = held_trail("store");
    let store: Vec<&Message> = hops
        .iter()
        .filter(|m| Look::of(m.kind) == Look::Store)
        .collect();
    assert!(store.len() >= 2, "a round trip: {hops:?}");
    let store_wires = drawn
        .iter()
        .find(|(l, ..)| *l == Look::Store)
        .map(|(_, wires, _)| subpaths(wires))
        .expect("the store round trip traced");
    for m in store {
        let whole = vec![layout.anchor(m.from, m.to), layout.anchor(m.to, m.from)];
        assert!(store_wires.contains(&whole), "{m:?}");
    }
}

#[test]
fn among_groups_a_label_names_only_a_user_drawn_alone() {
    let mut sim = traced_step("store-failover");
    let (mut named, mut grouped_messages) = (0, 0);
    for at in (1..=120).map(|i| i * 50 * MS) {
        sim.advance_to(at);
        let layout = layout_for(&sim, false);
        assert!(
            layout.slots.iter().any(|s| s.first != s.last)
                && layout.slots.iter().any(|s| s.first == s.last),
            "a picture with both groups and users drawn alone"
        );
        let frame = build(sim.messages(), sim.now(), &layout, Mode::Arrows, TEXT, None);
        for (id, .., text, _, _) in &frame.labels {
            let message = sim
                .messages()
                .iter()
                .find(|m| m.id == *id)
                .expect("its message");
            let Some(user) = message.user else { continue };
            if text.starts_with(&user_name(user)) {
                assert!(layout.drawn_alone(user), "{text} names a user in a group");
                named += 1;
            }
        }
        grouped_messages += on_wire(sim.messages(), sim.now())
            .iter()
            .filter(|m| m.user.is_some_and(|u| !layout.drawn_alone(u)))
            .count();
    }
    assert!(named > 0, "users drawn alone are named");
    assert!(grouped_messages > 0, "users in groups had messages to name");
}

#[test]
fn while_a_route_is_traced_only_its_users_messages_are_labelled() {
    let (mut state, sim, outcome) = step_at_its_moment("cluster-all");
    state.revealed = true;
    let scene = Scene::new(&sim, SeriesMetric::Mismatches, false);
    let users_labelled = |trail: &[Message]| -> Vec<Option<UserId>> {
        let frame = scene.traffic(&sim, None, trail);
        frame
            .labels
            .iter()
            .map(|(id, ..)| {
                sim.messages()
                    .iter()
                    .find(|m| m.id == *id)
                    .and_then(|m| m.user)
            })
            .collect()
    };
    let everyone = users_labelled(&[]);
    let trail = state.trail(outcome).to_vec();
    let followed = trail[0].user;
    assert!(
        everyone.iter().any(|u| *u != followed),
        "other users' messages are labelled at the moment: {everyone:?}"
    );
    let traced = users_labelled(&trail);
    assert!(
        !traced.is_empty() && traced.iter().all(|u| *u == followed),
        "{traced:?}"
    );
}
