//! Director mode: the script each tour step's "Show me" plays (approach, the decisive request slowed
//! down, a hold at the outcome, the aggregate sped up) and the callout drawn at the outcome, computed from
//! the step's moment as the model finds it.

mod common;

use sessionscope::model::{Endpoint, ServerId};
use sessionscope::scenario::moment::Moment;
use sessionscope::scenario::tour::{steps, TourStep};
use sessionscope::view::director::{
    callout, Says, Script, Stage, AGGREGATE_WALL_S, HOLD_S, MIN_HOP_S,
};
use sessionscope::view::words::{callout, Lang};

/// Each step with its first moment and its script (around all its moments).
fn scripted() -> Vec<(TourStep, Moment, Script)> {
    steps()
        .into_iter()
        .map(|step| {
            let moments = step.moments();
            let script = Script::new(step.pause_at, &moments, step.reveal_until());
            let first = moments
                .into_iter()
                .next()
                .unwrap_or_else(|| panic!("{}: no moment", step.id));
            (step, first, script)
        })
        .collect()
}

#[test]
fn every_question_is_asked_before_its_decisive_request_leaves() {
    for (step, moment, _) in scripted() {
        assert!(
            moment.departure() > step.pause_at,
            "{}: the request leaves at {} before the question at {}",
            step.id,
            moment.departure(),
            step.pause_at
        );
    }
}

#[test]
fn every_outcome_takes_at_least_two_seconds_on_screen_and_holds() {
    for (step, moment, script) in scripted() {
        let to_outcome = script.wall_to_outcome();
        let request = script.wall_of_request();
        println!(
            "{:<28} pause {:>8} depart {:>8} outcome {:>8} at {:?}: approach+request {to_outcome:.1} s, \
             request {request:.1} s, whole {:.1} s",
            step.id,
            step.pause_at,
            moment.departure(),
            moment.outcome.at,
            moment.outcome.place,
            script.wall_s()
        );
        assert!(to_outcome >= 2.0, "{}: {to_outcome} s", step.id);
        if !moment.hops.is_empty() {
            assert!(request >= 2.0, "{}: the request lasts {request} s", step.id);
        }
        // The run reaches the outcome exactly when the hold begins, and stands still through it.
        assert_eq!(
            script.model_at(to_outcome),
            moment.outcome.at,
            "{}",
            step.id
        );
        assert_eq!(
            script.model_at(to_outcome + HOLD_S * 0.99),
            moment.outcome.at
        );
        assert!(
            script.model_at(to_outcome - 0.05) < moment.outcome.at,
            "{}",
            step.id
        );
        let hold = script.phase_at(to_outcome + 0.1).expect("a phase");
        assert_eq!(
            (hold.stage, hold.speed()),
            (Stage::Hold, 0.0),
            "{}",
            step.id
        );
    }
}

#[test]
fn every_script_covers_the_reveal_window_in_order_and_the_aggregate_ends_within_twelve_seconds() {
    for (step, _, script) in scripted() {
        assert_eq!(script.start(), step.pause_at, "{}", step.id);
        assert_eq!(script.end(), step.reveal_until(), "{}", step.id);
        assert!(
            script.phases.windows(2).all(|w| w[0].to == w[1].from),
            "{}: {:?}",
            step.id,
            script.phases
        );
        let stages: Vec<Stage> = script.phases.iter().map(|p| p.stage).collect();
        let holds = stages.iter().filter(|s| **s == Stage::Hold).count();
        assert_eq!(
            holds,
            step.moments().len(),
            "{}: a hold per moment",
            step.id
        );
        assert_eq!(stages.last(), Some(&Stage::Aggregate), "{}", step.id);
        let aggregate = script.phases.last().expect("phases");
        assert!(aggregate.wall_s <= AGGREGATE_WALL_S + 1e-9, "{}", step.id);
        // Faster than the moment: the counters fill up.
        assert!(
            aggregate.speed() > 0.1,
            "{}: {}",
            step.id,
            aggregate.speed()
        );
        // Model time never goes back while the script plays.
        let samples: Vec<u64> = (0..=400)
            .map(|i| script.model_at(script.wall_s() * i as f64 / 400.0))
            .collect();
        assert!(samples.windows(2).all(|w| w[0] <= w[1]), "{}", step.id);
    }
}

#[test]
fn every_hop_of_every_decisive_request_is_shown_at_least_half_a_second() {
    for (step, moment, script) in scripted() {
        for hop in moment.hops.iter().filter(|h| h.sent_at < h.arrives_at) {
            if hop.arrives_at > moment.end() {
                continue;
            }
            let shown: f64 = script
                .phases
                .iter()
                .filter(|p| p.stage == Stage::Moment)
                .filter(|p| p.from >= hop.sent_at && p.to <= hop.arrives_at)
                .map(|p| p.wall_s)
                .sum();
            assert!(shown >= MIN_HOP_S - 1e-9, "{}: {hop:?} {shown} s", step.id);
        }
    }
}

#[test]
fn the_problem_step_calls_out_useras_cookie_at_server_b() {
    let (step, moment, _) = scripted()
        .into_iter()
        .find(|(s, _, _)| s.id == "problem")
        .expect("step 1");
    let c = callout(&moment, &step.scenario.config).expect("a callout");
    assert_eq!(c.place, Endpoint::Server(ServerId(1)));
    let Says::NotFound {
        session,
        copy_pending: false,
    } = &c.says
    else {
        panic!("{:?}", c.says)
    };
    assert_eq!(session.len(), 4);
    let en = callout::lines(Lang::En.words(), &c.says).join(" ");
    let ko = callout::lines(Lang::Ko.words(), &c.says).join(" ");
    assert_eq!(en, format!("Cookie: SESSION={session} → not found → 401"));
    assert!(ko.contains(session.as_str()) && ko.contains("없음") && ko.ends_with("401"));
}

#[test]
fn every_step_has_a_callout_from_its_moment_in_both_languages() {
    for (step, moment, _) in scripted() {
        let c = callout(&moment, &step.scenario.config)
            .unwrap_or_else(|| panic!("{}: no callout", step.id));
        assert_eq!(c.place, moment.outcome.place, "{}", step.id);
        for lang in [Lang::En, Lang::Ko] {
            let lines = callout::lines(lang.words(), &c.says);
            assert!(!lines.is_empty() && lines.iter().all(|l| !l.is_empty()));
            println!("{:<28} {:?}: {}", step.id, c.place, lines.join(" / "));
        }
        let check = |ok: bool| assert!(ok, "{}: {:?}", step.id, c.says);
        match step.id {
            "sticky-cookie" => {
                check(matches!(&c.says, Says::Found { pinned: true, server, .. } if server == "A"))
            }
            "sticky-ip-nat" => check(matches!(
                &c.says,
                Says::Found {
                    address: Some(_),
                    ..
                }
            )),
            "cluster-all" => check(matches!(&c.says, Says::Found { copies: 2, .. })),
            "cluster-async-window" => check(matches!(
                &c.says,
                Says::NotFound {
                    copy_pending: true,
                    ..
                }
            )),
            "primary-backup" => check(matches!(&c.says, Says::Fetched { .. })),
            "one-server-ceiling" => check(
                matches!(&c.says, Says::OutOfMemory { sessions_lost } if *sessions_lost > 100),
            ),
            "store" | "store-server-crash" => check(matches!(
                &c.says,
                Says::Found {
                    store_ms: Some(_),
                    ..
                }
            )),
            "store-crash" | "store-failover" => check(c.says == Says::StoreDown),
            // The sticky user's cookie named the crashed server B; the balancer sent them on.
            "sticky-crash" => check(matches!(
                &c.says,
                Says::Lost { repinned: Some(r), .. } if r.from == "B" && c.place != Endpoint::Server(ServerId(1))
            )),
            // No affinity to re-pin.
            "primary-backup-double-loss" => {
                check(matches!(&c.says, Says::Lost { repinned: None, .. }))
            }
            _ => {}
        }
    }
}

#[test]
fn the_database_step_calls_out_a_slower_round_trip_than_the_memory_store() {
    let round_trip = |id: &str| {
        let (step, moment, _) = scripted()
            .into_iter()
            .find(|(s, _, _)| s.id == id)
            .expect("the step");
        match callout(&moment, &step.scenario.config).map(|c| c.says) {
            Some(Says::Found {
                store_ms: Some(ms), ..
            }) => ms,
            other => panic!("{id}: {other:?}"),
        }
    };
    let (memory, rdb) = (round_trip("store"), round_trip("rdb-vs-memory"));
    assert!(rdb >= memory + 5.0, "memory {memory} ms, RDB {rdb} ms");
}

#[test]
fn the_store_steps_hold_again_at_their_second_moment() {
    for (id, expected_place) in [
        ("store-crash", None),
        ("store-failover", Some(Endpoint::Replica)),
    ] {
        let step = steps().into_iter().find(|s| s.id == id).expect("the step");
        let moments = step.moments();
        assert_eq!(moments.len(), 2, "{id}");
        let second = &moments[1];
        assert!(second.outcome.at > moments[0].outcome.at, "{id}");
        let script = Script::new(step.pause_at, &moments, step.reveal_until());
        let held_at: Vec<u64> = script
            .phases
            .iter()
            .filter(|p| p.stage == Stage::Hold)
            .map(|p| p.from)
            .collect();
        assert_eq!(
            held_at,
            vec![moments[0].outcome.at, second.outcome.at],
            "{id}"
        );
        // The wait between the two moments is played fast, not at the approach's 0.3x.
        println!("{id}: whole script {:.1} s", script.wall_s());
        // Two moments, each slowed and held, the wait between them within a few seconds, and an
        // aggregate of at most 12 s: about half a minute, not the minutes a constant 0.3x would take.
        assert!(script.wall_s() < 35.0, "{id}: {} s", script.wall_s());
        let c = callout(second, &step.scenario.config).expect("a callout");
        match expected_place {
            Some(place) => {
                assert_eq!(c.place, place);
                assert!(
                    matches!(c.says, Says::Promoted { writes_lost, .. } if writes_lost > 0),
                    "{:?}",
                    c.says
                );
            }
            // Back empty: the first request after the restart finds its session gone.
            None => assert!(matches!(c.says, Says::Lost { .. }), "{:?}", c.says),
        }
    }
}

#[test]
fn the_clock_maps_wall_time_to_model_time_through_the_script_including_an_instant_approach() {
    use sessionscope::view::clock::PlaybackClock;
    let step = common::tour_step("cluster-async-window");
    let script = Script::new(step.pause_at, &step.moments(), step.reveal_until());
    assert_eq!(script.phases[0].stage, Stage::Approach);
    assert_eq!(script.phases[0].wall_s, 0.0, "a wait under 50 ms is a jump");
    let mut clock = PlaybackClock::new(0.05);
    clock.direct(script.clone());
    let (mut now, mut wall_ms) = (step.pause_at, 0.0);
    let mut speeds = Vec::new();
    while clock.directing() {
        now += clock.tick(wall_ms).1;
        // Within a microsecond (the clock sums frame intervals, the check divides once).
        let expected = script.model_at(wall_ms / 1000.0);
        assert!(
            now.abs_diff(expected) <= 1,
            "at {wall_ms} ms: {now} vs {expected}"
        );
        speeds.push(clock.speed());
        wall_ms += 16.0;
        assert!(wall_ms < 60_000.0, "the script ends");
    }
    assert_eq!(now, step.reveal_until());
    // The speed control shows the slowed request, then the aggregate's speed.
    assert!(speeds.iter().any(|s| *s < 0.05) && speeds.last() > Some(&0.3));
    // A person choosing a speed takes over.
    clock.direct(script);
    clock.set_speed(1.0);
    assert!(!clock.directing());
}
