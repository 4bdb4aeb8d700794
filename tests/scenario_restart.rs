//! `server_restart_ms`, the supervisor's restart delay, as a scenario key and a URL parameter (the page's
//! share link writes it the same way): milliseconds or `never`, with messages naming the key.

use sessionscope::model::{Command, Config, ServerId, Simulation, SECOND};
use sessionscope::scenario::url::{parse_query, to_query, PageState};
use sessionscope::scenario::{parse_scenario, scenario_to_json, Scenario};

#[test]
fn the_scenario_file_reads_milliseconds_or_never_and_writes_them_back() {
    let delay = parse_scenario(r#"{"server_restart_ms": 12000}"#).expect("a delay");
    assert_eq!(delay.config.timing.server_restart_ms, Some(12_000));
    let never = parse_scenario(r#"{"server_restart_ms": "never"}"#).expect("never");
    assert_eq!(never.config.timing.server_restart_ms, None);
    for scenario in [delay, never, Scenario::default()] {
        let text = scenario_to_json(&scenario);
        assert_eq!(parse_scenario(&text).expect(&text), scenario, "{text}");
    }
    assert!(scenario_to_json(&Scenario::default()).contains("\"server_restart_ms\": 5000"));
}

#[test]
fn a_bad_delay_in_a_file_is_rejected_naming_the_key() {
    for (text, says) in [
        (
            r#"{"server_restart_ms": "soon"}"#,
            "expected a whole number, got the text \"soon\" (or never: no restart)",
        ),
        (r#"{"server_restart_ms": -1}"#, "must not be negative"),
        (r#"{"server_restart_ms": 1.5}"#, "must be a whole number"),
        (
            r#"{"server_restart_ms": 3600001}"#,
            "must be between 0 and 3600000, got 3600001 (or never",
        ),
        (r#"{"server_restart_ms": null}"#, "(or never: no restart)"),
    ] {
        let error = parse_scenario(text).expect_err(text);
        assert_eq!(error.key, "server_restart_ms", "{text}");
        assert!(error.message.contains(says), "{text}: {}", error.message);
    }
}

#[test]
fn the_url_reads_the_delay_and_the_share_link_writes_it() {
    let (state, errors) = parse_query("server_restart_ms=never&servers=4");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(state.config.timing.server_restart_ms, None);
    assert_eq!(to_query(&state), "servers=4&server_restart_ms=never");
    assert_eq!(parse_query(&to_query(&state)).0, state);

    let (state, errors) = parse_query("server_restart_ms=250");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(state.config.timing.server_restart_ms, Some(250));
    assert_eq!(to_query(&state), "server_restart_ms=250");
    // The default delay is not written.
    assert_eq!(to_query(&PageState::default()), "");
}

#[test]
fn a_bad_delay_in_the_url_falls_back_and_is_named() {
    for (query, says) in [
        (
            "server_restart_ms=later",
            "expected a whole number, got \"later\" (or never: no restart)",
        ),
        ("server_restart_ms=-5", "must not be negative"),
        (
            "server_restart_ms=99999999",
            "must be between 0 and 3600000",
        ),
        ("server_restart_ms=", "is empty"),
    ] {
        let (state, errors) = parse_query(query);
        assert_eq!(errors.len(), 1, "{query}: {errors:?}");
        assert_eq!(errors[0].param, "server_restart_ms", "{query}");
        assert!(
            errors[0].message.contains(says),
            "{query}: {}",
            errors[0].message
        );
        assert_eq!(
            state.config.timing.server_restart_ms,
            Config::default().timing.server_restart_ms,
            "{query}: the default stays"
        );
    }
}

#[test]
fn never_keeps_a_crashed_server_down_and_a_delay_brings_it_back() {
    let crash_and_wait = |query: &str| {
        let (state, errors) = parse_query(query);
        assert!(errors.is_empty(), "{errors:?}");
        let mut sim = Simulation::new(state.config);
        sim.advance_to(SECOND);
        sim.apply(Command::CrashServer(ServerId(0)));
        sim.advance_to(4 * SECOND);
        sim.report().per_server[0].up
    };
    assert!(
        crash_and_wait("server_restart_ms=2000"),
        "restarted after 2 s"
    );
    assert!(!crash_and_wait("server_restart_ms=never"), "still down");
}
