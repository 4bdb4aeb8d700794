//! The page URL codec: every parameter, fallbacks that keep the rest, robust decoding, and round trips
//! in both directions, including the share link's command log.

#[path = "scenario_support/mod.rs"]
mod support;

use proptest::prelude::*;
use sessionscope::model::{
    Balancer, Command, Config, Persistence, Replication, ServerId, StickyBy, StoreKind, Strategy,
    MS, SECOND,
};
use sessionscope::scenario::url::{
    decode_log, encode_log, parse_query, to_query, PageState, PageView, ParamError,
    MAX_QUERY_BYTES, MAX_REPORTED_ERRORS,
};

fn params(errors: &[ParamError]) -> Vec<&str> {
    errors.iter().map(|e| e.param.as_str()).collect()
}

#[test]
fn an_empty_query_is_the_default_page() {
    for q in ["", "?", "?&&", "#frag"] {
        assert_eq!(parse_query(q), (PageState::default(), vec![]), "{q}");
    }
    assert_eq!(to_query(&PageState::default()), "");
}

#[test]
fn every_contract_parameter_is_read() {
    let (s, errors) = parse_query(
        "?strategy=cluster-backup&sticky_by=ip&balancer=least-connections&servers=5&users=120\
         &seed=99&replication=sync&replication_lag_ms=250&store_kind=rdb&store_replica=true\
         &speed=2.5&ff=90&paused=1&embed=1&lang=ko&tour=3&view=compare",
    );
    assert_eq!(errors, vec![]);
    let c = &s.config;
    assert_eq!(c.strategy, Strategy::ClusterBackup);
    assert_eq!(c.sticky_by, StickyBy::Ip);
    assert_eq!(c.balancer, Balancer::LeastConnections);
    assert_eq!((c.servers, c.users, c.seed), (5, 120, 99));
    assert_eq!(c.replication, Replication::Sync);
    assert_eq!(c.replication_lag_ms, 250);
    assert_eq!(c.store_kind, StoreKind::Rdb);
    assert!(c.store_replica);
    assert_eq!(s.speed, 2.5);
    assert_eq!(s.fast_forward, 90 * SECOND);
    assert!(s.paused && s.embed);
    assert_eq!(s.lang.as_deref(), Some("ko"));
    assert_eq!(s.tour, Some(3));
    assert_eq!(s.view, PageView::Compare);
}

#[test]
fn extra_scenario_and_share_parameters_are_read() {
    let (s, errors) = parse_query(
        "users_per_ip=10&think_time_ms=700&skew=0.9&store_persistence=aof&service_ms=35\
         &health_check_interval_ms=500&t=12345.678&selftest=1&ff=1.5\
         &log=1000_cs_1~2500.5_st_sticky~3000_tf_2.5_10.25~4000_ad~4000_ss_3_1.5",
    );
    assert_eq!(errors, vec![]);
    assert_eq!(s.config.users_per_ip, 10);
    assert_eq!(s.config.think_time_ms, 700);
    assert_eq!(s.config.skew, 0.9);
    assert_eq!(s.config.store_persistence, Persistence::AppendOnly);
    assert_eq!(s.config.timing.service_ms, 35);
    assert_eq!(s.config.timing.health_check_interval_ms, 500);
    assert_eq!(s.time, Some(12_345_678));
    assert_eq!(s.fast_forward, 1_500_000);
    assert!(s.selftest);
    assert_eq!(
        s.commands,
        vec![
            (1_000 * MS, Command::CrashServer(ServerId(1))),
            (2_500_500, Command::SetStrategy(Strategy::Sticky)),
            (
                3_000 * MS,
                Command::Traffic {
                    factor: 2.5,
                    for_ms: 10_250
                }
            ),
            (4_000 * MS, Command::AddServer),
            (
                4_000 * MS,
                Command::SlowServer {
                    server: ServerId(3),
                    factor: 1.5
                }
            ),
        ]
    );
}

#[test]
fn a_bad_value_falls_back_to_its_default_and_keeps_the_rest() {
    let (s, errors) = parse_query("servers=-3&strategy=sticky&users=abc&balancer=random&speed=0");
    assert_eq!(params(&errors), vec!["servers", "users", "speed"]);
    assert_eq!(s.config.servers, Config::default().servers);
    assert_eq!(s.config.users, Config::default().users);
    assert_eq!(s.speed, PageState::default().speed);
    assert_eq!(s.config.strategy, Strategy::Sticky);
    assert_eq!(s.config.balancer, Balancer::Random);
    assert!(
        errors[0].message.contains("must not be negative"),
        "{:?}",
        errors[0]
    );
}

#[test]
fn leading_zeros_are_read_like_any_digits() {
    let (state, errors) = parse_query(&format!(
        "servers={}3&ff={}1.5",
        "0".repeat(40),
        "0".repeat(40)
    ));
    assert_eq!(errors, vec![]);
    assert_eq!(state.config.servers, 3);
    assert_eq!(state.fast_forward, 1_500_000);
}

#[test]
fn messages_say_what_was_wrong() {
    let cases: &[(&str, &str, &str)] = &[
        ("servers=65", "servers", "between 1 and 64, got \"65\""),
        (
            "servers=99999999999999999999999999",
            "servers",
            "between 1 and 64",
        ),
        ("servers=2.5", "servers", "whole number"),
        ("servers=", "servers", "is empty"),
        ("users=0", "users", "between 1 and 100000"),
        (
            "seed=18446744073709551616",
            "seed",
            "between 0 and 18446744073709551615",
        ),
        (
            "strategy=sticky-ish",
            "strategy",
            "unknown strategy \"sticky-ish\"; expected one of:",
        ),
        (
            "strategy=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "strategy",
            "\"<script>alert(1)</script>\"",
        ),
        ("store_replica=yes", "store_replica", "expected 1 or 0"),
        ("skew=NaN", "skew", "expected a number"),
        ("skew=inf", "skew", "expected a number"),
        ("skew=1e400", "skew", "between 0 and 1"),
        ("speed=-1", "speed", "between 0.001 and 1000"),
        ("ff=-5", "ff", "must not be negative"),
        ("ff=1.0000001", "ff", "at most 6 digits after the point"),
        ("ff=99999999", "ff", "between 0 and 1000000"),
        ("ff=99999999999999999999.5", "ff", "between 0 and 1000000"),
        ("t=184467440737095516.16", "t", "between 0 and 1000000000"),
        ("t=1.5.5", "t", "expected a number"),
        ("paused=maybe", "paused", "expected 1 or 0"),
        (
            "lang=fr",
            "lang",
            "unknown language \"fr\"; expected en or ko",
        ),
        ("tour=0", "tour", "between 1 and 15"),
        ("tour=16", "tour", "between 1 and 15, got \"16\""),
        ("view=table", "view", "unknown view"),
        (
            "chart=pie",
            "chart",
            "unknown chart \"pie\"; expected one of: mismatches, requests,",
        ),
        ("stratgy=sticky", "stratgy", "did you mean \"strategy\"?"),
        ("frobnicate=1", "frobnicate", "unknown parameter"),
        (
            "strategy=%zz",
            "strategy",
            "broken percent-encoding near \"%zz\"",
        ),
        ("strategy=%e", "strategy", "broken percent-encoding"),
        ("strategy=%", "strategy", "broken percent-encoding"),
        ("strategy=%FF%FE", "strategy", "not valid UTF-8"),
        ("%zz=1", "\"%zz\"", "name has broken percent-encoding"),
        (
            "log=1000_xx",
            "log",
            "entry 1 \"1000_xx\": unknown command code \"xx\"",
        ),
        (
            "log=1000_cs_3",
            "log",
            "entry 1 \"1000_cs_3\": server: server 3 does not exist at that moment",
        ),
        ("log=1000_cs", "log", "cs takes 1 values, got 0"),
        (
            "log=2000_ad~1000_rm",
            "log",
            "entry 2 \"1000_rm\": earlier than the entry before",
        ),
        ("log=x_ad", "log", "time: expected a number"),
        (
            "log=1000_tf_0_5",
            "log",
            "factor: must be between 0.01 and 100",
        ),
        ("servers=1&log=1000_rm", "log", "only one server left"),
    ];
    for (query, param, fragment) in cases {
        let (state, errors) = parse_query(query);
        assert_eq!(errors.len(), 1, "{query}: {errors:?}");
        assert_eq!(errors[0].param, *param, "{query}: {errors:?}");
        assert!(
            errors[0].message.contains(fragment),
            "{query}: {:?} lacks {fragment:?}",
            errors[0].message
        );
        // Rejected values fall back to defaults (the only other parameter in the cases is valid).
        if !query.contains('&') {
            assert_eq!(state, PageState::default(), "{query}");
        }
    }
}

#[test]
fn plus_and_percent_encoding_decode_like_a_browser_form() {
    let (s, errors) = parse_query("strategy=cluster%2Dall&lang=%6B%6f&view=compar%65");
    assert_eq!(errors, vec![]);
    assert_eq!(s.config.strategy, Strategy::ClusterAll);
    assert_eq!(s.lang.as_deref(), Some("ko"));
    assert_eq!(s.view, PageView::Compare);
    let (_, errors) = parse_query("strategy=cluster+all");
    assert!(errors[0].message.contains("\"cluster all\""), "{errors:?}");
}

#[test]
fn flags_take_the_usual_spellings() {
    for q in ["paused", "paused=", "paused=1", "paused=true"] {
        assert!(parse_query(q).0.paused, "{q}");
    }
    for q in ["embed=0", "embed=false"] {
        let (s, errors) = parse_query(q);
        assert!(!s.embed && errors.is_empty(), "{q}");
    }
}

#[test]
fn repeated_parameters_keep_the_first_value() {
    let (s, errors) = parse_query("servers=5&servers=7");
    assert_eq!(s.config.servers, 5);
    assert_eq!(params(&errors), vec!["servers"]);
    assert!(errors[0].message.contains("more than once"));
    // A bad first value does not block a good second one.
    let (s, errors) = parse_query("servers=x&servers=7");
    assert_eq!(s.config.servers, 7);
    assert_eq!(params(&errors), vec!["servers"]);
}

#[test]
fn tracking_parameters_are_ignored_quietly() {
    let (s, errors) = parse_query("utm_source=slides&servers=4&fbclid=abc&gclid=x&utm_medium=%zz");
    assert_eq!(errors, vec![]);
    assert_eq!(s.config.servers, 4);
}

#[test]
fn very_long_queries_are_cut_at_a_parameter_boundary_and_reported() {
    let filler = format!("servers=4&{}&strategy=sticky", "embed=1&".repeat(20_000));
    let (s, errors) = parse_query(&filler);
    assert_eq!(s.config.servers, 4);
    assert!(s.embed);
    // The strategy came after the cut.
    assert_eq!(s.config.strategy, Strategy::None);
    assert_eq!(errors[0].param, "query");
    assert!(errors[0]
        .message
        .contains(&format!("{} characters long", filler.len())));
    // One value longer than the limit by itself: nothing of it is read.
    let (s, errors) = parse_query(&format!("strategy={}", "a".repeat(MAX_QUERY_BYTES * 2)));
    assert_eq!(s, PageState::default());
    assert_eq!(params(&errors), vec!["query"]);
}

#[test]
fn floods_of_bad_parameters_give_a_bounded_list() {
    let query: Vec<String> = (0..5_000).map(|i| format!("junk{i}=1")).collect();
    let (_, errors) = parse_query(&query.join("&"));
    assert_eq!(errors.len(), MAX_REPORTED_ERRORS + 1);
    assert_eq!(errors.last().unwrap().param, "query");
    assert!(errors
        .last()
        .unwrap()
        .message
        .contains("4990 more problems"));
}

#[test]
fn canonical_queries_round_trip_exactly() {
    for q in [
        "strategy=sticky",
        "seed=7&strategy=cluster-all&servers=4&replication=sync&replication_lag_ms=500",
        "store_replica=true&service_ms=3&speed=2&ff=12.5&paused=1&embed=1&lang=en&tour=2&view=compare",
        "servers=2&t=100.001&log=0_cs_1~5_rs_1~7.5_ps_0~8_hs_0~9_ss_1_0.5~10_tf_3_1.5~11_ad~12_rm",
        "log=1_st_store~2_sb_ip~3_lb_cookie-hash~4_rp_sync~5_rl_9~6_sk_rdb~7_sp_snapshot~8_sr_true~9_nu_50~10_sw_0.3~11_tt_900~12_cx~13_rx~14_cr~15_rr",
    ] {
        let (state, errors) = parse_query(q);
        assert_eq!(errors, vec![], "{q}");
        assert_eq!(to_query(&state), q);
    }
}

#[test]
fn the_log_codec_round_trips_every_command() {
    use Command as C;
    let all = vec![
        C::SetStrategy(Strategy::ClusterBackup),
        C::SetStickyBy(StickyBy::Ip),
        C::SetBalancer(Balancer::CookieHashConsistent),
        C::SetReplication(Replication::Sync),
        C::SetReplicationLag { ms: 600_000 },
        C::SetStoreKind(StoreKind::Rdb),
        C::SetStorePersistence(Persistence::Snapshot),
        C::SetStoreReplica(true),
        C::SetUsers(100_000),
        C::SetSkew(0.1 + 0.2),
        C::SetThinkTime { ms: 1 },
        C::AddServer,
        C::RemoveServer,
        C::CrashServer(ServerId(2)),
        C::RestartServer(ServerId(2)),
        C::PartitionServer {
            server: ServerId(1),
            partitioned: true,
        },
        C::PartitionServer {
            server: ServerId(1),
            partitioned: false,
        },
        C::SlowServer {
            server: ServerId(0),
            factor: 1.0 / 3.0,
        },
        C::CrashStore,
        C::RestartStore,
        C::CrashReplica,
        C::RestartReplica,
        C::Traffic {
            factor: 0.01,
            for_ms: 86_400_000,
        },
    ];
    let timed: Vec<_> = all
        .into_iter()
        .enumerate()
        .map(|(i, c)| (i as u64 * 1_234_567, c))
        .collect();
    let text = encode_log(&timed);
    assert!(
        text.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)),
        "{text}"
    );
    assert_eq!(decode_log(&text, 3), Ok(timed));
}

#[test]
fn a_share_link_replays_the_senders_run() {
    use sessionscope::model::Simulation;
    // What the page does: run, and apply commands as a person clicks.
    let config = Config {
        servers: 4,
        users: 30,
        strategy: Strategy::ClusterAll,
        ..Config::default()
    };
    let mut sender = Simulation::new(config.clone());
    let clicks = [
        (3_200_123, Command::CrashServer(ServerId(2))),
        (5_000_000, Command::SetStrategy(Strategy::Sticky)),
        (5_000_000, Command::AddServer),
        (
            7_777_000,
            Command::Traffic {
                factor: 3.0,
                for_ms: 2_000,
            },
        ),
        (9_000_001, Command::RestartServer(ServerId(2))),
        (
            11_000_000,
            Command::SlowServer {
                server: ServerId(4),
                factor: 2.0,
            },
        ),
    ];
    for (at, command) in clicks {
        sender.advance_to(at);
        sender.apply(command);
    }
    sender.advance_to(14_250_500);
    let shared = PageState {
        config,
        commands: sender.command_log().to_vec(),
        time: Some(sender.now()),
        ..PageState::default()
    };
    let (opened, errors) = parse_query(&to_query(&shared));
    assert_eq!(errors, vec![]);
    assert_eq!(opened, shared);
    let receiver = opened.simulation();
    assert_eq!(receiver.now(), sender.now());
    assert_eq!(receiver.command_log(), sender.command_log());
    assert_eq!(receiver.history_hash(), sender.history_hash());
    assert_eq!(receiver.report(), sender.report());
}

#[test]
fn a_share_link_is_the_model_replay_up_to_its_time() {
    use sessionscope::model::Simulation;
    // The link stops at 3 s; the entry at 5 s comes after that moment and is left out, as when the page
    // rewinds.
    let (opened, errors) = parse_query("servers=3&users=10&t=3000&log=1000_cs_1~2000_rs_1~5000_ad");
    assert_eq!(errors, vec![]);
    let receiver = opened.simulation();
    let expected = Simulation::replay(opened.config.clone(), &opened.commands[..2], 3_000_000);
    assert_eq!(receiver.now(), 3_000_000);
    assert_eq!(receiver.command_log(), &opened.commands[..2]);
    assert_eq!(receiver.history_hash(), expected.history_hash());
    assert_eq!(receiver.report(), expected.report());
}

#[test]
fn the_page_workload_is_a_scenario_file_the_runner_reads_alike() {
    use sessionscope::scenario::{compare, parse_scenario};
    let (state, errors) =
        parse_query("strategy=sticky&servers=4&users=20&seed=5&log=2000_cs_1~4000_rs_1");
    assert_eq!(errors, vec![]);
    let scenario = state.scenario();
    assert_eq!(scenario.config, state.config);
    assert_eq!(scenario.timeline.len(), 2);
    let file = parse_scenario(&scenario.to_json()).unwrap();
    assert_eq!(file, scenario);
    assert_eq!(compare(&file), compare(&scenario));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_valid_state_round_trips(state in support::arb_page_state()) {
        let query = to_query(&state);
        let (parsed, errors) = parse_query(&query);
        prop_assert_eq!(errors, vec![]);
        prop_assert_eq!(&parsed, &state);
        prop_assert_eq!(to_query(&parsed), query);
    }

    #[test]
    fn any_valid_log_round_trips(config in support::arb_config(), timed in support::arb_timed(40)) {
        let timed = support::make_valid(timed, config.servers);
        prop_assert_eq!(decode_log(&encode_log(&timed), config.servers), Ok(timed));
    }
}

#[test]
fn a_preset_sets_the_world_its_lead_in_and_its_speed() {
    use sessionscope::scenario::preset::Preset;
    for preset in Preset::ALL {
        let (s, errors) = parse_query(&format!("preset={}", preset.name()));
        assert_eq!(errors, vec![], "{}", preset.name());
        assert_eq!(s.preset, Some(preset));
        assert_eq!(s.config, preset.scenario().config);
        assert_eq!(s.fast_forward, preset.lead_in());
        assert_eq!(s.speed, preset.speed());
        assert_eq!(s.scenario().timeline, preset.scenario().timeline);
        // A preset link names the preset and nothing else.
        assert_eq!(to_query(&s), format!("preset={}", preset.name()));
    }
}

#[test]
fn keys_beside_a_preset_change_its_world_and_survive_a_round_trip() {
    use sessionscope::scenario::preset::Preset;
    let (s, errors) = parse_query("users_per_ip=1&preset=nat&speed=0.5&ff=0");
    assert_eq!(errors, vec![]);
    assert_eq!(s.config.users_per_ip, 1);
    assert_eq!(s.config.strategy, Preset::Nat.scenario().config.strategy);
    assert_eq!((s.speed, s.fast_forward), (0.5, 0));
    assert_eq!(parse_query(&to_query(&s)), (s, vec![]));
}

#[test]
fn a_bad_preset_is_named_and_the_lab_defaults_stay() {
    let (s, errors) = parse_query("preset=fire&servers=4");
    assert_eq!(params(&errors), vec!["preset"]);
    assert!(errors[0].message.contains("store-failover"), "{errors:?}");
    assert_eq!(s.preset, None);
    assert_eq!(s.config.servers, 4);
    assert_eq!(s.speed, PageState::default().speed);
}

#[test]
fn a_preset_link_replays_the_presets_timeline_before_its_log() {
    use sessionscope::scenario::preset::Preset;
    // The oom preset's traffic event is in its timeline, not in the log: the shared run still has it.
    let (s, _) = parse_query("preset=oom&t=4000");
    let sim = s.simulation();
    assert_eq!(sim.now(), 4 * SECOND);
    assert!(
        !sim.servers()[0].state.is_up(),
        "the one server ran out of memory"
    );
    let mut direct = Preset::Oom.scenario().simulation();
    direct.advance_to(4 * SECOND);
    assert_eq!(sim.history_hash(), direct.history_hash());
}
