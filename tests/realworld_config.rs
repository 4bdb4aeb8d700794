//! The printed configuration is accepted by the real software: every balancer and stickiness through
//! real `nginx -t` and `haproxy -c` (run on temporary files), every Redis and Sentinel file by a real
//! redis-server started on loopback, Tomcat's XML by a real XML parser, in both comment languages; and each file carries the directives the setup implies, with the
//! model's numbers.

use sessionscope::model::{
    Balancer, Config, Persistence, Replication, StickyBy, StoreKind, Strategy,
};
use sessionscope::realworld::{
    haproxy_conf, nginx_conf, redis_conf, redis_file, sample_text, spring_session, tomcat_cluster,
    Addresses, Format, Lang, RedisFile,
};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The binary's path, or a failure naming the missing tool and how to get it.
fn tool(name: &str) -> PathBuf {
    for dir in ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"] {
        let path = Path::new(dir).join(name);
        if path.is_file() {
            return path;
        }
    }
    panic!("`{name}` is not installed: scripts/setup.sh installs it (apt-get install {name})");
}

/// Every stickiness the model has: none, sticky by cookie, sticky by address.
fn stickiness() -> [(Strategy, StickyBy); 3] {
    [
        (Strategy::None, StickyBy::Cookie),
        (Strategy::Sticky, StickyBy::Cookie),
        (Strategy::Sticky, StickyBy::Ip),
    ]
}

fn setups() -> Vec<Config> {
    let mut out = Vec::new();
    for balancer in Balancer::ALL {
        for (strategy, sticky_by) in stickiness() {
            for servers in [1, 3, 5] {
                out.push(Config {
                    strategy,
                    sticky_by,
                    balancer,
                    servers,
                    ..Config::DEFAULT
                });
            }
        }
    }
    out
}

fn describe(config: &Config) -> String {
    format!(
        "strategy {} sticky_by {} balancer {} servers {}",
        config.strategy.name(),
        config.sticky_by.name(),
        config.balancer.name(),
        config.servers
    )
}

/// `text` written to the file `name` in `scratch`, and `checker` run with that file's path as its last
/// argument: what the checker printed when it rejects the file.
fn accepted(text: &str, scratch: &Path, name: &str, mut checker: Command) -> Result<(), String> {
    let file = scratch.join(name);
    std::fs::write(&file, text).unwrap_or_else(|e| panic!("write {name}: {e}"));
    let out = checker
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("run {:?}: {e}", checker.get_program()));
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// `nginx -t` on `text`, with the scratch directory as its prefix; the failure message on rejection.
fn nginx_check(text: &str, scratch: &Path) -> Result<(), String> {
    let mut nginx = Command::new(tool("nginx"));
    nginx.args(["-t", "-q", "-p"]).arg(scratch).arg("-c");
    accepted(text, scratch, "nginx.conf", nginx)
}

/// The file `print` prints for every setup, in both languages and with a scratch directory as its
/// prefix, passes `check`; a rejection (`rejected`: who rejected which file) names the setup.
fn every_setup_passes(
    print: fn(&Config, &Addresses, Lang) -> String,
    check: fn(&str, &Path) -> Result<(), String>,
    rejected: &str,
) {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let prefix = scratch.path().to_string_lossy().into_owned();
    let mut checked = 0;
    for config in setups() {
        for lang in Lang::ALL {
            let at = Addresses {
                prefix: Some(prefix.clone()),
                ..Addresses::sample(&config)
            };
            let text = print(&config, &at, lang);
            if let Err(why) = check(&text, scratch.path()) {
                panic!(
                    "{rejected} for {} ({lang:?}):\n{why}\n{text}",
                    describe(&config)
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 6 * 3 * 3 * 2);
}

#[test]
fn nginx_accepts_every_balancer_and_stickiness_in_both_languages() {
    every_setup_passes(nginx_conf, nginx_check, "nginx -t rejected the nginx.conf");
}

/// `haproxy -c` on `text`; the failure message on rejection.
fn haproxy_check(text: &str, scratch: &Path) -> Result<(), String> {
    let mut haproxy = Command::new(tool("haproxy"));
    haproxy.args(["-c", "-q", "-f"]);
    accepted(text, scratch, "haproxy.cfg", haproxy)
}

#[test]
fn haproxy_accepts_every_balancer_and_stickiness_in_both_languages() {
    every_setup_passes(
        haproxy_conf,
        haproxy_check,
        "haproxy -c rejected the haproxy.cfg",
    );
}

/// The runner prints stock paths (no prefix): as printed, the files pass the same checks.
#[test]
fn the_printed_sample_files_pass_as_printed() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    for config in setups().into_iter().filter(|c| c.servers == 3) {
        let text = sample_text(&config, Format::Haproxy, Lang::Ko);
        if let Err(why) = haproxy_check(&text, scratch.path()) {
            panic!("haproxy -c rejected {}:\n{why}", describe(&config));
        }
        let text = sample_text(&config, Format::Nginx, Lang::Ko);
        assert!(!text.contains(&*scratch.path().to_string_lossy()));
        // Stock paths: `-p` still gives nginx a writable prefix for what the file leaves relative.
        let with_scratch_logs = text
            .replace(
                "/run/nginx.pid",
                &format!("{}/nginx.pid", scratch.path().display()),
            )
            .replace("/var/log/nginx/", &format!("{}/", scratch.path().display()));
        if let Err(why) = nginx_check(&with_scratch_logs, scratch.path()) {
            panic!("nginx -t rejected {}:\n{why}", describe(&config));
        }
    }
}

/// The directive lines of a file: comments and blank lines dropped.
fn directives(text: &str, comment: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_xml_comment = false;
    for line in text.lines().map(str::trim) {
        if comment == "<!--" {
            if line.starts_with("<!--") {
                in_xml_comment = !line.ends_with("-->");
                continue;
            }
            if in_xml_comment {
                in_xml_comment = !line.ends_with("-->");
                continue;
            }
        } else if line.starts_with(comment) {
            continue;
        }
        if !line.is_empty() {
            out.push(line.to_string());
        }
    }
    out
}

#[test]
fn the_languages_differ_in_comments_only() {
    for config in setups()
        .into_iter()
        .chain(store_setups())
        .chain(cluster_setups())
    {
        for format in Format::ALL {
            let mark = if format == Format::Tomcat {
                "<!--"
            } else {
                "#"
            };
            let en = sample_text(&config, format, Lang::En);
            let ko = sample_text(&config, format, Lang::Ko);
            assert_ne!(
                en,
                ko,
                "{} {}: no Korean comments",
                format.name(),
                describe(&config)
            );
            assert!(
                ko.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)),
                "{} {}: the Korean file has no Hangul",
                format.name(),
                describe(&config)
            );
            assert_eq!(
                directives(&en, mark),
                directives(&ko, mark),
                "{} {}: the directives differ between languages",
                format.name(),
                describe(&config)
            );
        }
    }
}

#[test]
fn nginx_carries_the_balancer_the_stickiness_and_the_model_timings() {
    let mut config = Config {
        servers: 4,
        ..Config::DEFAULT
    };
    config.timing.fail_timeout_ms = 7_500;
    let at = Addresses::sample(&config);
    let method = |config: &Config| nginx_conf(config, &at, Lang::En);
    let expect = [
        (Balancer::RoundRobin, None),
        (Balancer::LeastConnections, Some("least_conn;")),
        (Balancer::Random, Some("random;")),
        (Balancer::IpHash, Some("ip_hash;")),
        (Balancer::CookieHash, Some("hash $cookie_SESSION;")),
        (
            Balancer::CookieHashConsistent,
            Some("hash $cookie_SESSION consistent;"),
        ),
    ];
    for (balancer, line) in expect {
        let text = method(&Config {
            balancer,
            ..config.clone()
        });
        let lines = directives(&text, "#");
        for other in ["least_conn;", "random;", "ip_hash;"] {
            assert_eq!(
                lines.iter().any(|l| l == other),
                line == Some(other),
                "{}: `{other}`",
                balancer.name()
            );
        }
        if let Some(line) = line {
            assert!(
                lines.iter().any(|l| l == line),
                "{}: no `{line}`",
                balancer.name()
            );
        }
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.ends_with("max_fails=1 fail_timeout=7500ms;"))
                .count(),
            4,
            "every server carries the model's fail timeout"
        );
        assert!(lines
            .iter()
            .any(|l| l == "proxy_next_upstream error timeout;"));
        assert!(!text.contains("non_idempotent;"));
        assert!(
            lines.iter().any(|l| l == "zone app 64k;"),
            "workers share one view of the servers"
        );
    }
    // Sticky by address: ip_hash whatever the base balancer.
    let ip = nginx_conf(
        &Config {
            strategy: Strategy::Sticky,
            sticky_by: StickyBy::Ip,
            balancer: Balancer::LeastConnections,
            ..config.clone()
        },
        &at,
        Lang::En,
    );
    assert!(directives(&ip, "#").contains(&"ip_hash;".to_string()));
    assert!(!directives(&ip, "#").contains(&"least_conn;".to_string()));
    // Sticky by cookie: a route cookie chooses a per-server upstream, set from the server that answered.
    let cookie = nginx_conf(
        &Config {
            strategy: Strategy::Sticky,
            ..config.clone()
        },
        &at,
        Lang::En,
    );
    let lines = directives(&cookie, "#");
    assert!(lines.contains(&"map $cookie_route $route_upstream {".to_string()));
    assert!(lines.contains(&"appC app_appC;".to_string()));
    assert!(lines.contains(&"proxy_pass http://$route_upstream;".to_string()));
    assert!(lines.contains(&"add_header Set-Cookie $route_cookie always;".to_string()));
    assert!(lines
        .contains(&r#""~(^|, )10\.0\.0\.13:8080$" "route=appC; Path=/; HttpOnly";"#.to_string()));
    assert_eq!(
        lines.iter().filter(|l| l.ends_with(" backup;")).count(),
        4 * 3,
        "each server's upstream has the other three as backups"
    );
    // Without stickiness there is no route cookie at all.
    assert!(!method(&config).contains("$cookie_route"));
}

#[test]
fn haproxy_carries_the_balancer_the_stickiness_and_the_health_checks() {
    let mut config = Config {
        servers: 3,
        ..Config::DEFAULT
    };
    config.timing.health_check_interval_ms = 1_500;
    config.timing.health_check_failures = 4;
    let at = Addresses::sample(&config);
    for (balancer, line) in [
        (Balancer::RoundRobin, "balance roundrobin"),
        (Balancer::LeastConnections, "balance leastconn"),
        (Balancer::Random, "balance random"),
        (Balancer::IpHash, "balance source"),
        (Balancer::CookieHash, "balance hash req.cook(SESSION)"),
        (
            Balancer::CookieHashConsistent,
            "balance hash req.cook(SESSION)",
        ),
    ] {
        let text = haproxy_conf(
            &Config {
                balancer,
                ..config.clone()
            },
            &at,
            Lang::En,
        );
        let lines = directives(&text, "#");
        assert!(
            lines.iter().any(|l| l == line),
            "{}: no `{line}`",
            balancer.name()
        );
        assert_eq!(
            lines.iter().any(|l| l == "hash-type consistent"),
            balancer == Balancer::CookieHashConsistent
        );
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.contains(" check inter 1500ms fall 4 "))
                .count(),
            3
        );
        assert!(lines.iter().any(|l| l == "option redispatch"));
        assert!(!text.contains("cookie SERVERID"));
    }
    let sticky = haproxy_conf(
        &Config {
            strategy: Strategy::Sticky,
            ..config.clone()
        },
        &at,
        Lang::En,
    );
    let lines = directives(&sticky, "#");
    assert!(lines
        .iter()
        .any(|l| l == "cookie SERVERID insert indirect nocache"));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("server appB ") && l.ends_with(" cookie appB")));
    let ip = haproxy_conf(
        &Config {
            strategy: Strategy::Sticky,
            sticky_by: StickyBy::Ip,
            balancer: Balancer::Random,
            ..config.clone()
        },
        &at,
        Lang::En,
    );
    assert!(directives(&ip, "#").contains(&"balance source".to_string()));
    assert!(!ip.contains("balance random"));
}

fn cluster_setups() -> Vec<Config> {
    let mut out = Vec::new();
    for strategy in Strategy::ALL {
        for replication in [Replication::Async, Replication::Sync] {
            out.push(Config {
                strategy,
                replication,
                ..Config::DEFAULT
            });
        }
    }
    out
}

/// A real XML parser (Python's, which Debian always has) must accept `text`.
fn xml_check(text: &str, scratch: &Path) -> Result<(), String> {
    let mut python = Command::new("python3");
    python.args([
        "-c",
        "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])",
    ]);
    accepted(text, scratch, "server.xml", python)
}

#[test]
fn tomcat_is_well_formed_xml_with_the_right_manager() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    for mut config in cluster_setups() {
        config.timing.peer_loss_ms = 2_500;
        config.timing.remote_timeout_ms = 12_000;
        for lang in Lang::ALL {
            let text = tomcat_cluster(&config, &Addresses::sample(&config), lang);
            if let Err(why) = xml_check(&text, scratch.path()) {
                panic!(
                    "not well-formed XML for {} ({lang:?}):\n{why}\n{text}",
                    describe(&config)
                );
            }
            let text = directives(&text, "<!--").join("\n");
            assert!(text.contains("jvmRoute=\"appA\""));
            let delta = text.contains("session.DeltaManager");
            let backup = text.contains("session.BackupManager");
            match config.strategy {
                Strategy::ClusterAll => assert!(delta && !backup),
                Strategy::ClusterBackup => {
                    assert!(backup && !delta);
                    assert!(text.contains("rpcTimeout=\"12000\""));
                }
                Strategy::None | Strategy::Sticky | Strategy::Store => {
                    assert!(
                        !text.contains("<Cluster"),
                        "no cluster under {}",
                        config.strategy.name()
                    )
                }
            }
            if delta || backup {
                let options = match config.replication {
                    Replication::Async => "channelSendOptions=\"8\"",
                    Replication::Sync => "channelSendOptions=\"6\"",
                };
                assert!(
                    text.contains(options),
                    "{options} for {:?}",
                    config.replication
                );
                assert!(text.contains("dropTime=\"2500\""));
            }
        }
    }
}

fn store_setups() -> Vec<Config> {
    let mut out = Vec::new();
    for store_kind in [StoreKind::Memory, StoreKind::Rdb] {
        for store_persistence in [
            Persistence::None,
            Persistence::Snapshot,
            Persistence::AppendOnly,
        ] {
            for store_replica in [false, true] {
                out.push(Config {
                    strategy: Strategy::Store,
                    store_kind,
                    store_persistence,
                    store_replica,
                    ..Config::DEFAULT
                });
            }
        }
    }
    out
}

#[test]
fn redis_carries_persistence_memory_policy_replica_and_sentinel() {
    for mut config in store_setups() {
        config.timing.store_failover_ms = 12_000;
        config.timing.store_snapshot_interval_ms = 300_000;
        let text = redis_conf(&config, &Addresses::sample(&config), Lang::En);
        let lines = directives(&text, "#");
        let has = |line: &str| lines.iter().any(|l| l == line);
        let copies = if config.store_replica { 2 } else { 1 };
        let count = |line: &str| lines.iter().filter(|l| *l == line).count();
        assert_eq!(count("maxmemory-policy noeviction"), copies);
        assert!(!text.contains("maxmemory-policy allkeys-lru"));
        match config.store_persistence {
            Persistence::None => {
                assert_eq!(count("save \"\""), copies);
                assert_eq!(count("appendonly no"), copies);
            }
            Persistence::Snapshot => {
                assert_eq!(count("save 300 1"), copies);
                assert_eq!(count("appendonly no"), copies);
            }
            Persistence::AppendOnly => {
                assert_eq!(count("appendonly yes"), copies);
                assert_eq!(count("appendfsync everysec"), copies);
            }
        }
        assert_eq!(has("replicaof 10.0.0.5 6379"), config.store_replica);
        assert_eq!(
            has("sentinel monitor sessions 10.0.0.5 6379 2"),
            config.store_replica
        );
        assert_eq!(
            has("sentinel down-after-milliseconds sessions 12000"),
            config.store_replica
        );
    }
}

#[test]
fn redis_memory_limit_holds_every_users_session_twice() {
    let config = Config {
        strategy: Strategy::Store,
        users: 10_000,
        ..Config::DEFAULT
    };
    // 2 x 10 000 x 16 KiB = 312.5 MiB, rounded up.
    let text = redis_conf(&config, &Addresses::sample(&config), Lang::En);
    assert!(directives(&text, "#").contains(&"maxmemory 313mb".to_string()));
}

#[test]
fn spring_session_follows_the_store_the_timeouts_and_the_replica() {
    for mut config in store_setups() {
        config.timing.session_timeout_ms = 45 * 60 * 1_000;
        config.timing.store_timeout_ms = 1_500;
        let text = spring_session(&config, &Addresses::sample(&config), Lang::En);
        let lines = directives(&text, "#");
        let has = |line: &str| lines.iter().any(|l| l == line);
        assert!(has("spring.session.timeout=45m"));
        assert!(has("server.servlet.session.cookie.name=SESSION"));
        match config.store_kind {
            StoreKind::Memory => {
                assert!(has("spring.session.redis.flush-mode=on-save"));
                assert!(has("spring.session.redis.save-mode=on-set-attribute"));
                assert_eq!(
                    has("spring.data.redis.host=10.0.0.5"),
                    !config.store_replica
                );
                assert_eq!(
                    has("spring.data.redis.sentinel.master=sessions"),
                    config.store_replica
                );
                assert!(has("spring.data.redis.timeout=1500ms"));
                assert!(has("spring.data.redis.connect-timeout=1500ms"));
                assert!(!text.contains("jdbc"));
            }
            StoreKind::Rdb => {
                assert!(has("spring.session.jdbc.flush-mode=on-save"));
                // The driver counts whole seconds: 1.5 s is rounded up, never down to 0 (no timeout).
                assert!(has(
                    "spring.datasource.url=jdbc:postgresql://10.0.0.5:5432/sessions?connectTimeout=2&socketTimeout=2"
                ));
                assert!(!text.contains("spring.data.redis"));
            }
        }
    }
}

#[test]
fn formats_are_named_as_the_runner_and_the_page_name_them() {
    let names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(
        names,
        ["nginx", "haproxy", "tomcat", "spring-session", "redis"]
    );
    for format in Format::ALL {
        assert_eq!(Format::from_name(format.name()), Some(format));
    }
    assert_eq!(Format::from_name("apache"), None);
    assert_eq!(Lang::from_code("ko"), Some(Lang::Ko));
    assert_eq!(Lang::from_code("fr"), None);
}

/// Start `redis-server FILE` (plus `extra` arguments) on no TCP port and a unix socket in `scratch`;
/// Ok once the socket appears (the configuration was accepted), Err with its output if it exits
/// first or takes longer than 10 s. The process is stopped by its id either way.
fn redis_starts(text: &str, scratch: &Path, name: &str, extra: &[&str]) -> Result<(), String> {
    let file = scratch.join(format!("{name}.conf"));
    std::fs::write(&file, text).expect("write the Redis file");
    let socket = scratch.join(format!("{name}.sock"));
    let mut child = Command::new(tool("redis-server"))
        .arg(&file)
        .args(extra)
        .args(["--port", "0", "--unixsocket"])
        .arg(&socket)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start redis-server");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let verdict = loop {
        if socket.exists() {
            break Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            break Err(format!("redis-server exited ({status})"));
        }
        if std::time::Instant::now() > deadline {
            break Err("redis-server was not ready within 10 s".to_string());
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let _ = child.kill();
    let out = child.wait_with_output().expect("redis-server ends");
    verdict.map_err(|why| format!("{why}:\n{}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn redis_server_and_sentinel_start_with_every_printed_file() {
    // Loopback only; the replica points at a port held open here, so it talks to nobody else.
    let held = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let primary_port = held.local_addr().expect("its address").port();
    for config in store_setups()
        .into_iter()
        .filter(|c| c.store_kind == StoreKind::Memory && c.store_replica)
    {
        for lang in Lang::ALL {
            let scratch = tempfile::tempdir().expect("a scratch directory");
            let at = Addresses {
                store: format!("127.0.0.1:{primary_port}"),
                replica: Some("127.0.0.1:1".to_string()),
                prefix: Some(scratch.path().to_string_lossy().into_owned()),
                ..Addresses::sample(&config)
            };
            for (file, name, extra) in [
                (RedisFile::Primary, "primary", &[][..]),
                (RedisFile::Replica, "replica", &[][..]),
                (RedisFile::Sentinel, "sentinel", &["--sentinel"][..]),
            ] {
                let text = redis_file(&config, &at, lang, file).expect("a setup with a replica");
                if let Err(why) = redis_starts(&text, scratch.path(), name, extra) {
                    panic!(
                        "redis-server refused the {name} file for persistence {} ({lang:?}): {why}\n{text}",
                        config.store_persistence.name()
                    );
                }
            }
        }
    }
    drop(held);
}

#[test]
fn redis_files_stand_alone_and_make_up_the_printed_text() {
    let with_replica = Config {
        strategy: Strategy::Store,
        store_replica: true,
        ..Config::DEFAULT
    };
    let at = Addresses::sample(&with_replica);
    let whole = redis_conf(&with_replica, &at, Lang::En);
    for file in [RedisFile::Primary, RedisFile::Replica, RedisFile::Sentinel] {
        let alone = redis_file(&with_replica, &at, Lang::En, file).expect("a file of this setup");
        for line in directives(&alone, "#") {
            assert!(
                whole.contains(&line),
                "{file:?}: `{line}` is not in the printed text"
            );
        }
    }
    let replica = redis_file(&with_replica, &at, Lang::En, RedisFile::Replica).unwrap_or_default();
    assert!(directives(&replica, "#").contains(&"replicaof 10.0.0.5 6379".to_string()));
    let alone = Config {
        store_replica: false,
        ..with_replica
    };
    let at = Addresses::sample(&alone);
    assert!(redis_file(&alone, &at, Lang::En, RedisFile::Replica).is_none());
    assert!(redis_file(&alone, &at, Lang::En, RedisFile::Sentinel).is_none());
}
