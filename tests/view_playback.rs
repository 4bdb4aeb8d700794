//! The page's playback logic, natively: the clock that turns frames into model time, the keyboard
//! shortcuts, the tour's reveal, and what the screen-reader live region announces.

use sessionscope::model::{Command, Micros, Strategy, MS, SECOND};
use sessionscope::scenario::tour::{Topic, STEP_COUNT};
use sessionscope::view::actions::{shortcut, Action};
use sessionscope::view::announce::{Announcer, ANNOUNCE_EVERY_MS};
use sessionscope::view::clock::{PlaybackClock, MAX_FRAME_MS, SPEEDS};
use sessionscope::view::history::History;
use sessionscope::view::tour::TourState;

/// Wall seconds an answer is given to play in (the tour's aggregate takes its own, `director`).
const ANSWER_WALL_SECONDS: f64 = 20.0;
use sessionscope::view::words::Lang;

#[test]
fn model_time_is_wall_time_times_speed_with_fractions_carried() {
    let mut clock = PlaybackClock::new(0.05);
    assert_eq!(
        clock.tick(1_000.0),
        (0.0, 0),
        "the first frame after a pause counts nothing"
    );
    // 16.7 ms at 0.05x is 835 µs of model time.
    assert_eq!(clock.tick(1_016.7).1, 835);
    // Sixty frames of 1/60 s at 0.05x make 50 ms of model time, to the microsecond: no drift.
    let mut clock = PlaybackClock::new(0.05);
    clock.tick(0.0);
    let total: Micros = (1..=60)
        .map(|i| clock.tick(i as f64 * 1_000.0 / 60.0).1)
        .sum();
    assert_eq!(total, 50 * MS);
}

#[test]
fn a_long_gap_is_clamped_and_a_pause_is_not_counted() {
    let mut clock = PlaybackClock::new(1.0);
    clock.tick(0.0);
    // A tab hidden for a minute: one frame's worth at most.
    assert_eq!(
        clock.tick(60_000.0),
        (60_000.0, (MAX_FRAME_MS * 1_000.0) as Micros)
    );
    clock.stop();
    assert_eq!(clock.tick(120_000.0).1, 0);
    // Time running backwards (a new timestamp origin) counts as nothing.
    assert_eq!(clock.tick(100.0).1, 0);
}

#[test]
fn speeds_are_kept_in_range_and_bad_ones_ignored() {
    let mut clock = PlaybackClock::new(1.0);
    for bad in [f64::NAN, f64::INFINITY, 0.0, -3.0] {
        clock.set_speed(bad);
        assert_eq!(clock.speed(), 1.0, "{bad} ignored");
    }
    clock.set_speed(1e9);
    assert_eq!(clock.speed(), 10_000.0);
    clock.set_speed(1e-9);
    assert_eq!(clock.speed(), 0.001);
    // Step back with nothing to undo: one second of what the viewer sees, at least a millisecond.
    assert_eq!(PlaybackClock::new(0.05).step_back_span(), 50 * MS);
    assert_eq!(PlaybackClock::new(0.0001).step_back_span(), MS);
}

#[test]
fn a_revealed_answer_plays_at_the_slowest_listed_speed_that_is_fast_enough() {
    let clock = PlaybackClock::new(0.05);
    // 20 simulated seconds in 20 wall seconds need 1x.
    assert_eq!(clock.speed_to_play(20 * SECOND, ANSWER_WALL_SECONDS), 1.0);
    // 0.5 s needs 0.025x: the current 0.05x is fast enough already.
    assert_eq!(clock.speed_to_play(SECOND / 2, ANSWER_WALL_SECONDS), 0.05);
    // 7 s needs 0.35x: the next listed speed is 1x.
    let speed = clock.speed_to_play(7 * SECOND, ANSWER_WALL_SECONDS);
    assert!(SPEEDS.contains(&speed) && speed >= 0.35, "{speed}");
    assert_eq!(speed, 1.0);
}

#[test]
fn keys_map_to_actions_except_inside_form_controls() {
    assert_eq!(shortcut(" ", false), Some(Action::TogglePlay));
    assert_eq!(shortcut("ArrowRight", false), Some(Action::Step));
    assert_eq!(shortcut("ArrowLeft", false), Some(Action::StepBack));
    assert_eq!(shortcut("?", false), Some(Action::ToggleHelp));
    for (i, strategy) in Strategy::ALL.into_iter().enumerate() {
        assert_eq!(
            shortcut(&(i + 1).to_string(), false),
            Some(Action::Command(Command::SetStrategy(strategy)))
        );
    }
    for unused in ["0", "6", "a", "Enter", "-1", "+1", "01"] {
        assert_eq!(shortcut(unused, false), None, "{unused}");
    }
    assert_eq!(
        shortcut(" ", true),
        None,
        "a focused control keeps its keys"
    );
    assert_eq!(shortcut("1", true), None);
    assert_eq!(shortcut("Escape", true), Some(Action::CloseHelp));
}

#[test]
fn a_tour_step_opens_paused_before_its_question_and_reveals_its_answer() {
    for step in 0..STEP_COUNT {
        let opened = TourState::open(step);
        let tour = &opened.state;
        assert_eq!(tour.step, step);
        assert!(!tour.revealed);
        assert!(
            tour.lit(tour.reveal_until).is_empty(),
            "nothing is highlighted before the answer"
        );
        assert!(opened.pause_at < tour.reveal_until);
        assert_eq!(
            tour.play_limit(opened.pause_at),
            None,
            "not revealed: play freely"
        );
        let mut revealed = tour.clone();
        revealed.revealed = true;
        // Highlights come with the outcome, not with the click.
        let outcome = revealed.script.outcome_at;
        assert!(revealed.lit(opened.pause_at).is_empty() && outcome > opened.pause_at);
        assert!(!revealed.lit(outcome).is_empty(), "{:?}", Topic::ALL[step]);
        assert_eq!(
            revealed.play_limit(opened.pause_at),
            Some(tour.reveal_until)
        );
        assert!(!revealed.answer_played(tour.reveal_until - 1));
        assert!(revealed.answer_played(tour.reveal_until));
    }
    assert_eq!(TourState::open(STEP_COUNT + 5).state.step, STEP_COUNT - 1);
}

#[test]
fn the_live_region_announces_the_fault_not_the_requests_it_fails() {
    // The store step: a store crash at 8 s fails every request after it.
    let opened = TourState::open(
        Topic::ALL
            .iter()
            .position(|t| *t == Topic::StoreCrash)
            .expect("the store crash step"),
    );
    let mut history = History::new(opened.scenario, Vec::new());
    let sim = history.replay_to(7 * SECOND);
    let mut announcer = Announcer::new(&sim);
    announcer.update(&sim, Lang::En, 0.0);
    assert_eq!(
        announcer.text(),
        "",
        "what happened before the page opened is not news"
    );
    let sim = history.replay_to(9 * SECOND);
    announcer.update(&sim, Lang::En, 10.0);
    assert_eq!(
        announcer.text(),
        "session store crashed: 8 sessions unavailable"
    );
    // Within the quiet interval a newer event waits ...
    let later = history.replay_to(19 * SECOND);
    announcer.update(&later, Lang::En, 10.0 + ANNOUNCE_EVERY_MS / 2.0);
    assert_eq!(
        announcer.text(),
        "session store crashed: 8 sessions unavailable"
    );
    // ... and is announced after it, in the reader's language.
    announcer.update(&later, Lang::Ko, 10.0 + ANNOUNCE_EVERY_MS);
    assert!(
        announcer.text().starts_with("세션 저장소 다시 시작"),
        "{}",
        announcer.text()
    );
}
