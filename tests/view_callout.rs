//! Where the director's callouts go: for every tour step's key moments, in both languages, inside the
//! picture, over no other node of the moment, not over the wire its request arrives on, not under the
//! text-size button, and joined to its node; a callout at a server sits in the room the server column
//! keeps for it and covers no node at all.

use sessionscope::model::Endpoint;
use sessionscope::model::SeriesMetric;
use sessionscope::scenario::tour::steps;
use sessionscope::view::callout_place::{node_rect, room_for, text_size_button, CalloutPlace};
use sessionscope::view::director::Callout;
use sessionscope::view::layout::{Layout, Rect};
use sessionscope::view::scene::{layout_for, Scene};
use sessionscope::view::tour::TourState;
use sessionscope::view::words::{callout, Lang};

fn overlaps(a: Rect, b: Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.y + b.h && b.y < a.y + a.h
}

/// Every node's box: the servers, the balancer, the store and its replica.
fn nodes(layout: &Layout) -> impl Iterator<Item = Rect> + '_ {
    layout
        .servers
        .iter()
        .copied()
        .chain([layout.lb])
        .chain(layout.store)
        .chain(layout.replica)
}

/// One callout of a tour step as the page draws it at its moment.
struct Placed {
    step: String,
    lang: Lang,
    /// The picture without the rooms, on which the rooms are sized, and the picture drawn.
    plain: Layout,
    layout: Layout,
    callout: Callout,
    lines: Vec<String>,
    at: CalloutPlace,
}

/// Every callout of every step, in both languages, placed on the picture as the page draws it at the
/// callout's moment.
fn every_callout() -> Vec<Placed> {
    let mut all = Vec::new();
    for (i, step) in steps().iter().enumerate() {
        let mut tour = TourState::open(i).state;
        // "Show me" was pressed: callouts are drawn after it.
        tour.revealed = true;
        for (index, (at, c)) in tour.callouts.iter().enumerate() {
            // The picture as it is at the outcome (a step may add servers before it).
            let mut sim = step.scenario.simulation();
            sim.advance_to(*at);
            let plain = layout_for(&sim, false);
            for lang in [Lang::En, Lang::Ko] {
                // The page's own path: the scene lays the picture out with the step's callouts.
                let mut scene = Scene::new(&sim, SeriesMetric::Mismatches, false);
                scene.refresh_world(&sim, false, Some(&tour), lang.words());
                let layout = (*scene.layout).clone();
                let drawn = &scene.callouts[index];
                let lines = drawn.lines.to_vec();
                let at = drawn.at.expect("a place");
                println!(
                    "{:<28} {:?} {lang:?}: {:?} {lines:?}",
                    step.id, c.place, at.rect
                );
                all.push(Placed {
                    step: step.id.to_string(),
                    lang,
                    plain: plain.clone(),
                    layout,
                    callout: c.clone(),
                    lines,
                    at,
                });
            }
        }
    }
    all
}

#[test]
fn every_callout_stays_clear_of_the_other_nodes_the_arriving_request_and_the_button() {
    for Placed {
        step,
        lang,
        layout,
        callout: c,
        at,
        ..
    } in every_callout()
    {
        let r = at.rect;
        let node = node_rect(&layout, c.place).expect("the callout's node");
        assert!(
            r.x >= 0.0 && r.y >= 0.0 && r.right() <= layout.width && r.y + r.h <= layout.height,
            "{step}: {r:?} leaves the picture"
        );
        // The other nodes that take part in the moment stay in view.
        for other in c.involved.iter().filter(|e| **e != c.place) {
            if let Some(rect) = node_rect(&layout, *other) {
                assert!(
                    !overlaps(r, rect),
                    "{step} ({lang:?}): the callout covers {other:?}"
                );
            }
        }
        assert!(
            !overlaps(r, text_size_button(&layout)),
            "{step} ({lang:?}): the text-size button covers the callout"
        );
        if let Endpoint::Server(_) = c.place {
            let (x0, y0) = layout.anchor(Endpoint::Balancer, c.place);
            let (x1, y1) = layout.anchor(c.place, Endpoint::Balancer);
            let hidden = (0..=50).map(|i| f64::from(i) / 50.0).find(|f| {
                let (x, y) = (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f);
                x > r.x && x < r.right() && y > r.y && y < r.y + r.h
            });
            assert!(
                hidden.is_none(),
                "{step} ({lang:?}): the callout hides the arriving request"
            );
        }
        // The leader joins the callout's edge to the node's edge.
        let (lx1, ly1, lx2, ly2) = at.leader;
        let on = |rect: Rect, x: f64, y: f64| {
            x >= rect.x - 1e-9
                && x <= rect.right() + 1e-9
                && y >= rect.y - 1e-9
                && y <= rect.y + rect.h + 1e-9
        };
        assert!(
            on(r, lx1, ly1) && on(node, lx2, ly2),
            "{step}: leader {:?}",
            at.leader
        );
    }
}

#[test]
fn a_callout_at_a_server_sits_below_it_in_its_room_and_covers_no_node() {
    let mut roomed = 0;
    let mut steps_with_one = std::collections::BTreeSet::new();
    for Placed {
        step,
        lang,
        plain,
        layout,
        callout: c,
        lines,
        at,
    } in every_callout()
    {
        let Endpoint::Server(s) = c.place else {
            continue;
        };
        steps_with_one.insert(step.clone());
        // Broken between words only, and no wider than the column right of the balancer.
        let said = callout::lines(lang.words(), &c.says);
        assert_eq!(lines.join(" "), said.join(" "), "{step}");
        let r = at.rect;
        let node = layout.server_rect(s);
        assert!(
            r.w <= node.right() - layout.lb.right(),
            "{step} ({lang:?}): {lines:?} is wider than the room right of the balancer"
        );
        let room = room_for(&plain, &c, &lines).expect("a room for a callout at a server");
        // Its room: the stretch of the column below the server, down to the next box.
        let next = layout
            .servers
            .iter()
            .map(|b| b.y)
            .filter(|y| *y > node.y)
            .fold(layout.height, f64::min);
        if next - (node.y + node.h) < room.height - 1e-9 {
            // A later callout whose room the column could not keep as well.
            continue;
        }
        roomed += 1;
        assert!(
            r.y > node.y + node.h && r.y + r.h < next,
            "{step} ({lang:?}): {r:?} is not below {node:?}, above {next}"
        );
        for other in nodes(&layout) {
            assert!(
                !overlaps(r, other),
                "{step} ({lang:?}): the callout {r:?} covers the node at {other:?}"
            );
        }
    }
    // Every step with a callout at a server kept room for one at least, in each language.
    assert!(
        roomed >= 2 * steps_with_one.len(),
        "{roomed} callouts in their room, {} steps",
        steps_with_one.len()
    );
}

#[test]
fn no_room_is_kept_before_show_me_so_no_gap_hints_at_the_answer() {
    for (i, step) in steps().iter().enumerate() {
        let mut tour = TourState::open(i).state;
        let plain = layout_for(&step.scenario.simulation(), false);
        let lines = tour.callout_lines(&plain, Lang::En.words());
        let first_at = tour.callouts.first().map_or(0, |(at, _)| *at);
        assert_eq!(tour.callout_rooms(&plain, &lines, first_at), []);
        tour.revealed = true;
        let revealed = tour.callout_rooms(&plain, &lines, first_at);
        let at_a_server = |c: &Callout| matches!(c.place, Endpoint::Server(_));
        assert_eq!(
            !revealed.is_empty(),
            at_a_server(&tour.callouts[0].1),
            "{}",
            step.id
        );
    }
}

#[test]
fn a_second_moment_gets_its_room_only_once_the_first_has_been_held() {
    let mut seen = 0;
    for (i, step) in steps().iter().enumerate() {
        let mut tour = TourState::open(i).state;
        tour.revealed = true;
        let plain = layout_for(&step.scenario.simulation(), false);
        let lines = tour.callout_lines(&plain, Lang::En.words());
        let rooms = |now| tour.callout_rooms(&plain, &lines, now).len();
        let [(first_at, first), (second_at, second)] = tour.callouts.as_slice() else {
            continue;
        };
        let at_a_server = |c: &Callout| usize::from(matches!(c.place, Endpoint::Server(_)));
        if at_a_server(second) == 0 {
            continue;
        }
        seen += 1;
        // While the first moment plays and is held, no gap waits under the second's server.
        assert_eq!(rooms(*first_at), at_a_server(first), "{}", step.id);
        // Once played on past the first hold, the second has its room.
        assert_eq!(rooms(first_at + 1), at_a_server(first) + 1, "{}", step.id);
        assert_eq!(rooms(*second_at), at_a_server(first) + 1, "{}", step.id);
    }
    assert!(seen >= 1, "a step with a second moment at a server");
}

#[test]
fn a_callout_at_the_replica_sits_below_it_and_covers_no_node() {
    let mut seen = 0;
    for Placed {
        step,
        lang,
        layout,
        callout: c,
        lines,
        at,
        ..
    } in every_callout()
    {
        if c.place != Endpoint::Replica {
            continue;
        }
        seen += 1;
        let r = at.rect;
        let replica = layout.replica.expect("a replica in the picture");
        assert!(
            r.y > replica.y + replica.h,
            "{step} ({lang:?}): {lines:?} at {r:?} is not below the replica {replica:?}"
        );
        for other in nodes(&layout).chain([text_size_button(&layout)]) {
            assert!(
                !overlaps(r, other),
                "{step} ({lang:?}): the callout {r:?} covers {other:?}"
            );
        }
    }
    assert!(seen >= 2, "a callout at the replica in each language");
}
