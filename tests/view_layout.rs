//! The picture's geometry, natively: from 1 to 64 servers, with and without a store and its replica, in
//! both orientations and for one user to a crowd, no two boxes overlap and everything stays inside the
//! picture.

use sessionscope::model::{ServerId, UserId, MAX_SERVERS};
use sessionscope::view::layout::{Layout, Rect, Room};

/// Every box of the picture with a name for messages: balancer, servers, store, replica, and the
/// square around each user glyph.
fn boxes(layout: &Layout) -> Vec<(String, Rect)> {
    let mut all = vec![("balancer".to_string(), layout.lb)];
    for (i, r) in layout.servers.iter().enumerate() {
        all.push((format!("server {i}"), *r));
    }
    if let Some(r) = layout.store {
        all.push(("store".to_string(), r));
    }
    if let Some(r) = layout.replica {
        all.push(("replica".to_string(), r));
    }
    for (i, slot) in layout.slots.iter().enumerate() {
        let square = Rect {
            x: slot.x - slot.r,
            y: slot.y - slot.r,
            w: 2.0 * slot.r,
            h: 2.0 * slot.r,
        };
        all.push((format!("user slot {i}"), square));
    }
    all
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

fn check(layout: &Layout, case: &str) {
    let all = boxes(layout);
    for (name, r) in &all {
        assert!(r.w > 0.0 && r.h > 0.0, "{case}: {name} is empty: {r:?}");
        assert!(
            r.x >= 0.0 && r.y >= 0.0 && r.x + r.w <= layout.width && r.y + r.h <= layout.height,
            "{case}: {name} {r:?} leaves the {}x{} picture",
            layout.width,
            layout.height
        );
    }
    for (i, (a_name, a)) in all.iter().enumerate() {
        for (b_name, b) in &all[i + 1..] {
            assert!(
                !overlap(a, b),
                "{case}: {a_name} {a:?} overlaps {b_name} {b:?}"
            );
        }
    }
}

#[test]
fn one_to_sixty_four_servers_never_overlap_and_stay_inside() {
    assert_eq!(MAX_SERVERS, 64, "the page promises up to 64 servers");
    for servers in 1..=MAX_SERVERS {
        for users in [1, 3, 12, 13, 1_000, 100_000] {
            for (store, replica) in [(false, false), (true, false), (true, true)] {
                for portrait in [false, true] {
                    let layout = Layout::new(users, servers, store, replica, portrait);
                    assert_eq!(layout.servers.len(), servers as usize);
                    assert_eq!(layout.store.is_some(), store);
                    assert_eq!(layout.replica.is_some(), replica);
                    check(
                        &layout,
                        &format!(
                            "{servers} servers, {users} users, store {store}, replica {replica}, portrait {portrait}"
                        ),
                    );
                }
            }
        }
    }
}

#[test]
fn every_user_has_a_slot_and_slots_partition_the_users() {
    for users in [1, 2, 5, 12, 13, 25, 100, 99_999] {
        let layout = Layout::new(users, 3, false, false, false);
        let mut next = 0;
        for slot in &layout.slots {
            assert_eq!(slot.first, UserId(next), "{users} users: slots leave a gap");
            assert!(slot.last >= slot.first);
            next = slot.last.0 + 1;
        }
        assert_eq!(next, users, "{users} users: slots cover everyone");
        // Every user of small runs; about a thousand spread over a crowd.
        for user in (0..users).step_by((users as usize / 1_000).max(1)) {
            let slot = &layout.slots[layout.slot_of(UserId(user))];
            assert!((slot.first.0..=slot.last.0).contains(&user));
        }
    }
}

/// Does the segment from `a` to `b` touch the inside of `r`? (Liang–Barsky clipping.)
fn segment_enters(a: (f64, f64), b: (f64, f64), r: &Rect) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - r.x),
        (dx, r.x + r.w - a.0),
        (-dy, a.1 - r.y),
        (dy, r.y + r.h - a.1),
    ] {
        if p == 0.0 {
            if q <= 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

#[test]
fn replication_lanes_cross_no_server_and_fan_out_per_destination() {
    use sessionscope::model::Endpoint;
    for servers in 1..=16u32 {
        for store in [false, true] {
            let layout = Layout::new(6, servers, store, store, false);
            for i in 0..servers {
                let mut lanes = Vec::new();
                for j in (0..servers).filter(|j| *j != i) {
                    let from =
                        layout.anchor(Endpoint::Server(ServerId(i)), Endpoint::Server(ServerId(j)));
                    let to =
                        layout.anchor(Endpoint::Server(ServerId(j)), Endpoint::Server(ServerId(i)));
                    for (k, r) in layout.servers.iter().enumerate() {
                        assert!(
                            !segment_enters(from, to, r),
                            "{servers} servers, store {store}: the lane {i}->{j} {from:?}-{to:?} crosses server {k} {r:?}"
                        );
                    }
                    lanes.push(from.0);
                }
                // The copies of one write leave on distinct lanes when they go to distinct distances
                // above and below: never more than two on one lane.
                for x in &lanes {
                    let same = lanes.iter().filter(|y| (*y - x).abs() < 1e-9).count();
                    assert!(
                        same <= 2,
                        "{servers} servers: {same} copies from {i} share lane x={x}"
                    );
                }
            }
        }
    }
}

#[test]
fn room_below_a_server_is_free_of_boxes_and_as_high_as_asked() {
    for servers in 1..=4u32 {
        for store in [false, true] {
            for beside in 0..servers {
                for height in [80.0, 113.0, 178.0] {
                    let plain = Layout::new(3, servers, store, store, false);
                    let room = Room {
                        beside: ServerId(beside),
                        height,
                    };
                    let layout = plain.clone().with_rooms(&[room]);
                    let case = format!("{servers} servers, store {store}, {room:?}");
                    check(&layout, &case);
                    let r = layout.servers[beside as usize];
                    let free = (r.y + r.h, r.y + r.h + height);
                    assert!(free.1 <= layout.height, "{case}: {free:?}");
                    for (i, other) in layout.servers.iter().enumerate() {
                        assert!(
                            other.y + other.h <= free.0 + 1e-9 || other.y >= free.1 - 1e-9,
                            "{case}: server {i} {other:?} is in the room {free:?}"
                        );
                        // Only the column moves: the boxes keep their place across and width.
                        assert_eq!((other.x, other.w), (plain.servers[i].x, plain.servers[i].w));
                        assert!(other.h >= 80.0, "{case}: server {i} is too low: {other:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn rooms_that_do_not_all_fit_keep_the_first_ones() {
    let room = |beside, height| Room {
        beside: ServerId(beside),
        height,
    };
    let plain = Layout::new(3, 4, false, false, false);
    // Two rooms fit beside four boxes of 80 or more...
    let both = plain.clone().with_rooms(&[room(0, 100.0), room(2, 100.0)]);
    check(&both, "two rooms");
    let gap_below = |l: &Layout, i: usize| l.servers[i + 1].y - (l.servers[i].y + l.servers[i].h);
    assert!(gap_below(&both, 0) >= 100.0 && gap_below(&both, 2) >= 100.0);
    // ... three do not: the last one asked for is dropped.
    let two = plain
        .clone()
        .with_rooms(&[room(0, 100.0), room(2, 100.0), room(1, 100.0)]);
    assert_eq!(two, both);
    // Two rooms for one server: the higher one.
    let one = plain.clone().with_rooms(&[room(1, 80.0), room(1, 120.0)]);
    assert!(gap_below(&one, 1) >= 120.0 - 1e-9);
}

#[test]
fn no_room_is_made_where_boxes_would_get_too_low_or_stand_in_several_columns() {
    let room = |beside| Room {
        beside: ServerId(beside),
        height: 113.0,
    };
    for servers in [8, 16, 17, 64] {
        let plain = Layout::new(3, servers, false, false, false);
        assert_eq!(
            plain.clone().with_rooms(&[room(0)]),
            plain,
            "{servers} servers"
        );
    }
    let portrait = Layout::new(3, 3, false, false, true);
    assert_eq!(portrait.clone().with_rooms(&[room(0)]), portrait);
    let three = Layout::new(3, 3, false, false, false);
    assert_eq!(
        three.clone().with_rooms(&[room(3)]),
        three,
        "no such server"
    );
    assert_eq!(three.clone().with_rooms(&[]), three);
}

/// Whether `(x, y)` lies on the outline of `r`.
fn on_edge(r: &Rect, (x, y): (f64, f64)) -> bool {
    let inside =
        x >= r.x - 1e-9 && x <= r.x + r.w + 1e-9 && y >= r.y - 1e-9 && y <= r.y + r.h + 1e-9;
    let edge = [r.x, r.x + r.w].iter().any(|e| (x - e).abs() < 1e-9)
        || [r.y, r.y + r.h].iter().any(|e| (y - e).abs() < 1e-9);
    inside && edge
}

/// The servers' store requests end on the edge of `primary`, and the copies run from it to `replica`.
fn store_roles_drawn_at(layout: &Layout, primary: &Rect, replica: &Rect) {
    use sessionscope::model::Endpoint;
    for s in ServerId::first(layout.servers.len() as u32) {
        let end = layout.anchor(Endpoint::Store, Endpoint::Server(s));
        assert!(
            on_edge(primary, end),
            "{s:?}'s store requests end at {end:?}, not on {primary:?}"
        );
    }
    assert!(on_edge(
        primary,
        layout.anchor(Endpoint::Store, Endpoint::Replica)
    ));
    assert!(on_edge(
        replica,
        layout.anchor(Endpoint::Replica, Endpoint::Store)
    ));
}

#[test]
fn after_a_failover_the_servers_talk_to_the_replicas_box_which_holds_the_primary_now() {
    use sessionscope::scenario::preset::Preset;
    use sessionscope::view::scene::layout_for;
    // The store-failover preset: the primary crashes, and Sentinel promotes the replica.
    let scenario = Preset::StoreFailover.scenario();
    let mut sim = scenario.simulation();
    for portrait in [false, true] {
        let layout = layout_for(&sim, portrait);
        assert!(!layout.store_promoted);
        let (store, replica) = (layout.store.unwrap(), layout.replica.unwrap());
        store_roles_drawn_at(&layout, &store, &replica);
    }
    sim.advance_to(scenario.duration);
    assert!(sim.store_promoted(), "the preset ends after the failover");
    for portrait in [false, true] {
        let layout = layout_for(&sim, portrait);
        assert!(layout.store_promoted);
        let (store, replica) = (layout.store.unwrap(), layout.replica.unwrap());
        store_roles_drawn_at(&layout, &replica, &store);
    }
}
