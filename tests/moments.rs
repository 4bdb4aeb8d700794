//! The key moment of each tour step, found by running the step ahead (`scenario::moment`): the outcome is
//! where the step's answer says, the decisive request's hops lead to it, and the director's time warp
//! shows the request for at least two seconds of wall time before its outcome.

mod common;

use common::tour_step;
use sessionscope::model::{Endpoint, Event, Message, MessageKind, ServerId, UserId, SECOND};
use sessionscope::scenario::moment::{find, Cue, Moment};
use sessionscope::scenario::tour::steps;

/// The director's playback speed for a moment, and the least wall time of one hop.
const MOMENT_SPEED: f64 = 0.025;
const MIN_HOP_S: f64 = 0.5;

/// The step's moment: the first cue after its pause, within its reveal window.
fn moment(id: &str, cue: Cue) -> Moment {
    let step = tour_step(id);
    find(&step.scenario, step.pause_at, step.reveal_until(), cue)
        .unwrap_or_else(|| panic!("{id}: no moment"))
}

fn server_answers_ok(m: &Message) -> bool {
    m.kind == MessageKind::ResponseOk && matches!(m.from, Endpoint::Server(_))
}

/// A server answers `user`'s request successfully.
fn answered_ok(user: u32) -> impl Fn(&Message) -> bool {
    move |m: &Message| server_answers_ok(m) && m.user == Some(UserId(user))
}

/// The cue of each step whose moment is one request (the doc's table names the same requests).
fn request_moments() -> Vec<(&'static str, Moment)> {
    let rejected = |e: &Event| {
        matches!(
            e,
            Event::Mismatch { .. } | Event::LostSession { .. } | Event::ServerError { .. }
        )
    };
    let fetched = |e: &Event| matches!(e, Event::RemoteFetched { .. });
    let new_server_answers =
        |m: &Message| server_answers_ok(m) && m.from == Endpoint::Server(ServerId(3));
    // userA's next click; in the synchronous cluster, userC's login and its copies.
    let (user_a, user_c) = (answered_ok(0), answered_ok(2));
    let cues: [(&'static str, Cue); 12] = [
        ("problem", Cue::Event(&rejected)),
        ("one-server", Cue::Message(&user_a)),
        ("sticky-cookie", Cue::Message(&user_a)),
        ("sticky-crash", Cue::Event(&rejected)),
        ("sticky-ip-nat", Cue::Message(&user_a)),
        ("cluster-all", Cue::Message(&user_c)),
        ("cluster-async-window", Cue::Event(&rejected)),
        ("primary-backup", Cue::Event(&fetched)),
        ("primary-backup-double-loss", Cue::Event(&rejected)),
        ("store", Cue::Message(&new_server_answers)),
        ("store-crash", Cue::Event(&rejected)),
        ("store-failover", Cue::Event(&rejected)),
    ];
    cues.into_iter()
        .map(|(id, cue)| (id, moment(id, cue)))
        .collect()
}

fn has_hop(moment: &Moment, kind: MessageKind, from: Endpoint, to: Endpoint) -> bool {
    moment
        .hops
        .iter()
        .any(|m| m.kind == kind && m.from == from && m.to == to)
}

#[test]
fn problem_useras_click_is_rejected_at_server_b_after_the_pause() {
    let step = tour_step("problem");
    let rejected = |e: &Event| matches!(e, Event::Mismatch { .. });
    let m = moment("problem", Cue::Event(&rejected));
    assert_eq!(m.outcome.place, Endpoint::Server(ServerId(1)), "server B");
    assert_eq!(m.outcome.user, Some(UserId(0)), "userA");
    assert!(m.outcome.at > step.pause_at);
    let (user, lb, b) = (
        Endpoint::User(UserId(0)),
        Endpoint::Balancer,
        Endpoint::Server(ServerId(1)),
    );
    assert!(has_hop(&m, MessageKind::Request, user, lb), "{:?}", m.hops);
    assert!(has_hop(&m, MessageKind::Request, lb, b));
    assert!(has_hop(&m, MessageKind::ResponseMismatch, b, lb));
    assert!(has_hop(&m, MessageKind::ResponseMismatch, lb, user));
    assert!(m.departure() < m.outcome.at && m.outcome.at < m.end());
    // Played at the speed the tour reveals it with today (1x), the request lasts a blink.
    assert!(m.wall_seconds_to_outcome(1.0, 0.0) < 0.2);
}

#[test]
fn sticky_crash_the_refused_request_is_passed_on_and_rejected_as_lost() {
    let lost = |e: &Event| matches!(e, Event::LostSession { .. });
    let m = moment("sticky-crash", Cue::Event(&lost));
    let lb = Endpoint::Balancer;
    // Pinned to the dead server B, refused there, passed to another server that has no such session.
    assert!(
        has_hop(&m, MessageKind::Request, lb, Endpoint::Server(ServerId(1))),
        "{:?}",
        m.hops
    );
    assert_ne!(m.outcome.place, Endpoint::Server(ServerId(1)));
    assert!(has_hop(&m, MessageKind::Request, lb, m.outcome.place));
    // The balancer re-pinned the user away from B with this answer.
    assert_eq!(m.outcome.repinned_from, Some(ServerId(1)));
    assert!(has_hop(
        &m,
        MessageKind::ResponseLostSession,
        m.outcome.place,
        lb
    ));
}

#[test]
fn primary_backup_the_key_only_server_fetches_the_session() {
    let fetched = |e: &Event| matches!(e, Event::RemoteFetched { .. });
    let m = moment("primary-backup", Cue::Event(&fetched));
    let fetch = m
        .hops
        .iter()
        .find(|h| h.kind == MessageKind::RemoteFetch)
        .unwrap_or_else(|| panic!("no fetch among {:?}", m.hops));
    assert_eq!(
        fetch.from, m.outcome.place,
        "the server that holds the key asks"
    );
    assert!(has_hop(
        &m,
        MessageKind::Replication,
        fetch.to,
        m.outcome.place
    ));
    // Held when the server answers, the fetched session in hand: the fetch and its reply have arrived.
    let reply = m
        .hops
        .iter()
        .find(|h| h.kind == MessageKind::Replication && h.to == m.outcome.place)
        .expect("the fetch's reply");
    assert!(fetch.sent_at < reply.arrives_at && reply.arrives_at <= m.outcome.at);
    assert!(m.hops.iter().any(|h| h.from == m.outcome.place
        && h.to == Endpoint::Balancer
        && h.sent_at == m.outcome.at));
}

#[test]
fn store_the_new_server_reads_the_session_from_the_store() {
    let new_server_answers =
        |m: &Message| server_answers_ok(m) && m.from == Endpoint::Server(ServerId(3));
    let m = moment("store", Cue::Message(&new_server_answers));
    let d = Endpoint::Server(ServerId(3));
    assert!(
        has_hop(&m, MessageKind::StoreRequest, d, Endpoint::Store),
        "{:?}",
        m.hops
    );
    assert!(has_hop(&m, MessageKind::StoreResponse, Endpoint::Store, d));
    // A 1 ms round trip is invisible at any playback speed: the warp's floor makes it half a second.
    let round_trip = m
        .hops
        .iter()
        .find(|h| h.kind == MessageKind::StoreRequest)
        .expect("store request");
    let shown: f64 = m
        .warp(MOMENT_SPEED, MIN_HOP_S)
        .iter()
        .filter(|s| s.from >= round_trip.sent_at && s.to <= round_trip.arrives_at)
        .map(|s| s.wall_s)
        .sum();
    assert!((shown - MIN_HOP_S).abs() < 1e-9, "{shown}");
}

#[test]
fn ceiling_the_login_that_does_not_fit_is_answered_by_the_balancer() {
    let step = tour_step("one-server-ceiling");
    let crashed = |e: &Event| {
        matches!(
            e,
            Event::ServerCrashed {
                out_of_memory: true,
                ..
            }
        )
    };
    let crash = moment("one-server-ceiling", Cue::Event(&crashed));
    assert_eq!(crash.outcome.place, Endpoint::Server(ServerId(0)));
    let failed = |e: &Event| matches!(e, Event::ServerError { .. });
    let m = moment("one-server-ceiling", Cue::Event(&failed));
    assert_eq!(
        m.outcome.at, crash.outcome.at,
        "the login that overflows is the first 502"
    );
    assert_eq!(
        m.outcome.place,
        Endpoint::Balancer,
        "the dead server never answers: nginx does"
    );
    assert!(has_hop(
        &m,
        MessageKind::Request,
        Endpoint::Balancer,
        Endpoint::Server(ServerId(0))
    ));
    let user = Endpoint::User(m.outcome.user.expect("a user"));
    assert!(has_hop(
        &m,
        MessageKind::ResponseError,
        Endpoint::Balancer,
        user
    ));
    // That login is a traffic visitor's first request: it too is drawn from the user, after the pause.
    assert!(m.departure() > step.pause_at);
    assert!(has_hop(&m, MessageKind::Request, user, Endpoint::Balancer));
}

#[test]
fn a_fault_without_a_request_is_a_moment_with_no_hops() {
    let promoted = |e: &Event| matches!(e, Event::ReplicaPromoted { .. });
    let m = moment("store-failover", Cue::Event(&promoted));
    assert_eq!(m.outcome.place, Endpoint::Replica);
    assert_eq!(m.outcome.user, None);
    assert!(m.hops.is_empty());
    assert_eq!((m.departure(), m.end()), (m.outcome.at, m.outcome.at));
}

#[test]
fn a_cue_that_never_comes_finds_nothing() {
    let never = |e: &Event| matches!(e, Event::ReplicaPromoted { .. });
    let step = tour_step("problem");
    assert_eq!(
        find(
            &step.scenario,
            step.pause_at,
            5 * SECOND,
            Cue::Event(&never)
        ),
        None
    );
}

#[test]
fn every_decisive_request_is_on_screen_at_least_two_seconds_before_its_outcome() {
    for (id, m) in request_moments() {
        let user = m.outcome.user.unwrap_or_else(|| panic!("{id}: no user"));
        // From the user; a user's first request (a login) is traced from the balancer only.
        let first = m.hops.first().unwrap_or_else(|| panic!("{id}: no hops"));
        assert!(
            first.kind == MessageKind::Request
                && [Endpoint::User(user), Endpoint::Balancer].contains(&first.from),
            "{id}: the moment starts with the request: {:?}",
            m.hops
        );
        let wall = m.wall_seconds_to_outcome(MOMENT_SPEED, MIN_HOP_S);
        println!(
            "{id:<28} pause {:>8} depart {:>8} outcome {:>8} at {:?} ({} hops): {wall:.1} s at {MOMENT_SPEED}x",
            tour_step(id).pause_at,
            m.departure(),
            m.outcome.at,
            m.outcome.place,
            m.hops.len()
        );
        assert!(wall >= 2.0, "{id}: {wall} s");
        assert!(wall <= 10.0, "{id}: {wall} s is too long to hold a class");
    }
}

#[test]
fn the_warp_covers_the_moment_and_shows_every_hop_long_enough() {
    for (id, m) in request_moments() {
        let warp = m.warp(MOMENT_SPEED, MIN_HOP_S);
        assert_eq!(warp.first().map(|s| s.from), Some(m.departure()), "{id}");
        assert_eq!(warp.last().map(|s| s.to), Some(m.end()), "{id}");
        assert!(warp.windows(2).all(|w| w[0].to == w[1].from), "{id}");
        assert!(warp.iter().all(|s| s.from < s.to && s.wall_s > 0.0), "{id}");
        for hop in m.hops.iter().filter(|h| h.arrives_at <= m.end()) {
            let shown: f64 = warp
                .iter()
                .filter(|s| s.from >= hop.sent_at && s.to <= hop.arrives_at)
                .map(|s| s.wall_s)
                .sum();
            assert!(
                hop.sent_at == hop.arrives_at || shown >= MIN_HOP_S - 1e-9,
                "{id}: {hop:?} shown {shown} s"
            );
        }
    }
}

#[test]
fn every_steps_question_comes_before_its_decisive_request_departs() {
    for step in steps() {
        let m = step
            .moment()
            .unwrap_or_else(|| panic!("{}: its cue finds no moment", step.id));
        assert!(
            m.departure() > step.pause_at,
            "{}: the request leaves at {} µs, the question is asked at {} µs",
            step.id,
            m.departure(),
            step.pause_at
        );
        assert!(m.outcome.at <= step.reveal_until(), "{}", step.id);
    }
}
