//! Time controls, natively: the scrubber's markers come from the model, seeking replays and keeps the
//! commands after the target, "next event" stops at the first incident or rejection, and Step stops at
//! every hop of a message rather than at every model event.

use sessionscope::model::{Command, Event, Micros, ServerId, Simulation, Strategy, MS, SECOND};
use sessionscope::scenario::preset::Preset;
use sessionscope::scenario::Scenario;
use sessionscope::view::history::History;
use sessionscope::view::timeline::{
    markers, next_hop, run_to_next_event, seek, step_hop, MarkerKind, Timeline,
};

fn traced(scenario: &Scenario) -> Simulation {
    let mut sim = scenario.simulation();
    sim.set_tracing(true);
    sim
}

#[test]
fn seeking_back_keeps_the_commands_after_the_target_and_replays_them() {
    let mut history = History::new(Scenario::default(), Vec::new());
    history.record(5 * SECOND, Command::CrashServer(ServerId(1)));
    history.record(8 * SECOND, Command::SetStrategy(Strategy::Sticky));
    let forward = seek(&history, 10 * SECOND);

    let mut back = seek(&history, 3 * SECOND);
    assert_eq!(back.now(), 3 * SECOND);
    assert!(back.servers()[1].state.is_up(), "the crash is still ahead");
    assert_eq!(history.applied.len(), 2, "nothing was forgotten");
    // Playing on from the target runs into the same crash and switch again: the same run.
    back.advance_to(10 * SECOND);
    assert!(!back.servers()[1].state.is_up() || back.report().sessions_lost > 0);
    assert_eq!(back.config().strategy, Strategy::Sticky);
    assert_eq!(back.report(), forward.report());
    assert_eq!(back.history_hash(), forward.history_hash());
}

#[test]
fn a_command_recorded_after_seeking_back_goes_before_the_later_ones() {
    let mut history = History::new(Scenario::default(), Vec::new());
    history.record(5 * SECOND, Command::CrashServer(ServerId(1)));
    history.record(2 * SECOND, Command::AddServer);
    let times: Vec<Micros> = history.applied.iter().map(|(at, _)| *at).collect();
    assert_eq!(times, vec![2 * SECOND, 5 * SECOND]);
}

#[test]
fn markers_show_crashes_restarts_failovers_traffic_and_mismatches_where_they_happened() {
    let mut scenario = Preset::StoreFailover.scenario();
    scenario
        .timeline
        .push(sessionscope::scenario::TimedCommand {
            at: 6 * SECOND,
            command: Command::Traffic {
                factor: 2.0,
                for_ms: 1_000,
            },
        });
    let mut sim = scenario.simulation();
    sim.advance_to(10 * SECOND);
    let marks = markers(&sim);
    let at = |kind| {
        marks
            .iter()
            .filter(|m| m.kind == kind)
            .map(|m| m.at)
            .collect::<Vec<_>>()
    };
    assert_eq!(at(MarkerKind::Crash), vec![3 * SECOND], "{marks:?}");
    assert_eq!(at(MarkerKind::Failover), vec![5 * SECOND], "{marks:?}");
    assert_eq!(at(MarkerKind::Traffic), vec![6 * SECOND, 7 * SECOND]);
    assert!(marks.windows(2).all(|w| w[0].at <= w[1].at));

    // Mismatches: each sampled second in which the count rose, and only those.
    let mut local = Scenario::default().simulation();
    local.advance_to(30 * SECOND);
    let seconds = at_kind(&markers(&local), MarkerKind::Mismatch);
    assert!(!seconds.is_empty());
    for second in &seconds {
        let sample = local.series().iter().find(|s| s.at == *second).unwrap();
        let before = local
            .series()
            .iter()
            .rev()
            .find(|s| s.at < *second)
            .unwrap();
        assert!(sample.mismatches > before.mismatches);
    }
    let mut sticky = Scenario::default();
    sticky.config.strategy = Strategy::Sticky;
    let mut sticky = sticky.simulation();
    sticky.advance_to(30 * SECOND);
    assert!(at_kind(&markers(&sticky), MarkerKind::Mismatch).is_empty());
}

fn at_kind(marks: &[sessionscope::view::timeline::Marker], kind: MarkerKind) -> Vec<Micros> {
    marks
        .iter()
        .filter(|m| m.kind == kind)
        .map(|m| m.at)
        .collect()
}

#[test]
fn the_timeline_keeps_its_future_when_seeking_back_and_drops_it_on_a_new_branch() {
    let scenario = Preset::StickyCrash.scenario();
    let history = History::new(scenario, Vec::new());
    let mut timeline = Timeline::default();
    timeline.observe(&seek(&history, 6 * SECOND));
    assert_eq!(timeline.furthest, 6 * SECOND);
    let crash = at_kind(&timeline.markers, MarkerKind::Crash);
    assert_eq!(crash, vec![3 * SECOND]);
    let back = seek(&history, SECOND);
    timeline.observe(&back);
    assert_eq!(
        timeline.furthest,
        6 * SECOND,
        "the future stays on the scrubber"
    );
    assert_eq!(at_kind(&timeline.markers, MarkerKind::Crash), crash);
    timeline.branch(&back);
    assert_eq!(timeline.furthest, SECOND);
    assert!(at_kind(&timeline.markers, MarkerKind::Crash).is_empty());
}

#[test]
fn next_event_stops_at_the_first_incident_or_rejection() {
    // The external store: no mismatches, so the first thing worth stopping at is the store's crash.
    let mut scenario = Scenario::default();
    scenario.config.strategy = Strategy::Store;
    scenario
        .timeline
        .push(sessionscope::scenario::TimedCommand {
            at: 5 * SECOND,
            command: Command::CrashStore,
        });
    let mut sim = scenario.simulation();
    sim.advance_to(SECOND);
    assert!(run_to_next_event(&mut sim, 60 * SECOND));
    assert_eq!(sim.now(), 5 * SECOND);
    assert!(matches!(
        sim.incidents().last().map(|e| &e.event),
        Some(Event::StoreCrashed { .. })
    ));
    // Then the next one: a request turned away by the store being down (a 5xx) or its detection.
    let errors = sim.metrics().errors;
    let incidents = sim.incidents().len();
    assert!(run_to_next_event(&mut sim, 60 * SECOND));
    assert!(sim.metrics().errors > errors || sim.incidents().len() > incidents);
    assert!(sim.now() > 5 * SECOND && sim.now() < 10 * SECOND);
}

#[test]
fn next_event_gives_up_after_its_horizon() {
    // Sticky sessions, no faults: nothing worth stopping at ever happens.
    let mut scenario = Scenario::default();
    scenario.config.strategy = Strategy::Sticky;
    let mut sim = scenario.simulation();
    sim.advance_to(SECOND);
    assert!(!run_to_next_event(&mut sim, 5 * SECOND));
    assert!(
        sim.now() >= 6 * SECOND && sim.now() < 7 * SECOND,
        "{}",
        sim.now()
    );
}

#[test]
fn step_stops_at_every_hop_of_the_messages_in_flight() {
    let scenario = Scenario::default();
    let mut sim = traced(&scenario);
    // Until something is in flight.
    while sim.messages().is_empty() {
        sim.step();
    }
    let mut hops = Vec::new();
    for _ in 0..40 {
        let expected = next_hop(&sim);
        let in_flight: Vec<(Micros, Micros)> = sim
            .messages()
            .iter()
            .map(|m| (m.sent_at, m.arrives_at))
            .collect();
        let before = sim.now();
        step_hop(&mut sim);
        if let Some(hop) = expected {
            assert_eq!(sim.now(), hop);
            // No boundary of the messages that were in flight was skipped.
            assert!(in_flight
                .iter()
                .flat_map(|(s, a)| [*s, *a])
                .all(|t| t <= before || t >= hop));
        }
        assert!(sim.now() >= before);
        hops.push(sim.now());
    }
    // A request is fewer model events than hops: stepping event by event skips some of the hops.
    let mut events = traced(&scenario);
    let mut event_times = Vec::new();
    while events.now() <= *hops.last().unwrap() {
        if !events.step() {
            break;
        }
        event_times.push(events.now());
    }
    assert!(
        hops.iter().any(|h| !event_times.contains(h)),
        "some hop is no model event: {hops:?} vs {event_times:?}"
    );
    assert!(hops.windows(2).any(|w| w[1] - w[0] < 100 * MS));
}
