//! `sessionscope-sim config`: prints exactly what the library (and so the page's panel) prints for
//! the scenario's setup, and names the culprit of every bad argument in one line, never panicking.

mod common;
use common::runner;

use sessionscope::realworld::{sample_text, Format, Lang};
use sessionscope::scenario::Scenario;

const SCENARIO: &str = r#"{"strategy": "sticky", "sticky_by": "ip", "balancer": "cookie-hash",
    "servers": 4, "store_replica": true, "timeline": [{"at_s": 5, "do": "add-server"}]}"#;

#[test]
fn config_prints_the_library_text_for_every_format_and_language() {
    let scenario = Scenario::from_json(SCENARIO).expect("the scenario parses");
    for format in Format::ALL {
        for lang in Lang::ALL {
            let out = runner(
                &[
                    "config",
                    "-",
                    "--format",
                    format.name(),
                    "--lang",
                    lang.code(),
                ],
                SCENARIO,
            );
            assert!(
                out.status.success(),
                "{} {}: {}",
                format.name(),
                lang.code(),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(out.stderr.is_empty());
            let printed = String::from_utf8(out.stdout).expect("UTF-8 output");
            assert_eq!(printed, sample_text(&scenario.config, format, lang));
        }
    }
    // The setup, not the timeline: 4 servers, sticky by address.
    let out = runner(&["config", "-", "--format=nginx"], SCENARIO);
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    let servers = text
        .lines()
        .filter(|l| l.trim_start().starts_with("server 10.0.0."))
        .count();
    assert_eq!(servers, 4);
    assert!(text.contains("\n        ip_hash;\n"));
    assert!(text.contains("# Sticky by address"), "English by default");
}

#[test]
fn bad_arguments_get_one_line_naming_the_culprit() {
    let cases: [(&[&str], &str, &str); 7] = [
        (
            &["config", "-", "--format", "apache"],
            SCENARIO,
            "\"apache\"",
        ),
        (&["config", "-"], SCENARIO, "--format"),
        (
            &["config", "-", "--format"],
            SCENARIO,
            "--format needs a value",
        ),
        (
            &["config", "-", "--format", "nginx", "--lang", "fr"],
            SCENARIO,
            "\"fr\"",
        ),
        (&["config", "--format", "nginx"], SCENARIO, "scenario file"),
        (
            &["config", "-", "--format", "haproxy"],
            r#"{"servers": 0}"#,
            "servers",
        ),
        (
            &["config", "-", "--format", "redis"],
            r#"{"colour": 1}"#,
            "colour",
        ),
    ];
    for (args, stdin, culprit) in cases {
        let out = runner(args, stdin);
        assert!(!out.status.success(), "{args:?} should fail");
        assert_ne!(out.status.code(), None, "{args:?}: killed by a signal");
        assert!(out.stdout.is_empty(), "{args:?}: printed something");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.contains(culprit),
            "{args:?}: {err} does not name {culprit}"
        );
    }
    let missing = runner(
        &["config", "/no/such/scenario.json", "--format", "nginx"],
        "",
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));
}
