//! Where the director's callout goes: for every tour step's key moment, in both languages, inside the
//! picture, over no other node of the moment, not over the wire its request arrives on, not under the
//! text-size button, and joined to its node.

use sessionscope::model::Endpoint;
use sessionscope::scenario::tour::steps;
use sessionscope::view::callout_place::{node_rect, place_callout, text_size_button};
use sessionscope::view::director::callout;
use sessionscope::view::layout::Rect;
use sessionscope::view::scene::layout_for;
use sessionscope::view::words::{callout, Lang};

fn overlaps(a: Rect, b: Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.y + b.h && b.y < a.y + a.h
}

#[test]
fn every_callout_stays_clear_of_the_other_nodes_the_arriving_request_and_the_button() {
    for step in steps() {
        let moments = step.moments();
        let moment = moments.first().expect("a moment");
        let Some(c) = callout(moment, &step.scenario.config) else {
            continue;
        };
        // The picture as it is at the outcome (a step may add servers before it).
        let mut sim = step.scenario.simulation();
        sim.advance_to(moment.outcome.at);
        let layout = layout_for(&sim, false);
        let node = node_rect(&layout, c.place).expect("the callout's node");
        for lang in [Lang::En, Lang::Ko] {
            let lines = callout::lines(lang.words(), &c.says);
            let at = place_callout(&layout, &c, &lines).expect("a place");
            let r = at.rect;
            println!("{:<28} {:?} {lang:?}: {r:?}", step.id, c.place);
            assert!(
                r.x >= 0.0 && r.y >= 0.0 && r.right() <= layout.width && r.y + r.h <= layout.height,
                "{}: {r:?} leaves the picture",
                step.id
            );
            // The other nodes that take part in the moment stay in view.
            for other in c.involved.iter().filter(|e| **e != c.place) {
                if let Some(rect) = node_rect(&layout, *other) {
                    assert!(
                        !overlaps(r, rect),
                        "{} ({lang:?}): the callout covers {other:?}",
                        step.id
                    );
                }
            }
            assert!(
                !overlaps(r, text_size_button(&layout)),
                "{} ({lang:?}): the text-size button covers the callout",
                step.id
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
                    "{} ({lang:?}): the callout hides the arriving request",
                    step.id
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
                "{}: leader {:?}",
                step.id,
                at.leader
            );
        }
    }
}
