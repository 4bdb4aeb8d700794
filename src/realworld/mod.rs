//! The real configuration behind a simulated setup: the nginx.conf, haproxy.cfg, Tomcat `<Cluster>`,
//! Spring Session properties and redis.conf (with Sentinel) that would make real software behave the
//! way the model does, with its numbers (fail timeout, health checks, replication lag, idle timeout,
//! failover delay) taken from the model's `Config`. Each block carries a comment on the effect it
//! produces and the trap it avoids, in English or Korean; directives never change with the language.
//!
//! Pure text from values: no browser, no clock, no files. The page's `config` panel, the runner's
//! `config` subcommand and the check against real nginx all print through here, so they agree.

mod nginx;
mod text;

pub use nginx::nginx_conf;

use crate::model::{Config, StoreKind};

/// The language of the comments (directives are the same in both).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// `en` or `ko`, as the page's `lang` parameter and the runner's `--lang` spell it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The English or the Korean text.
    pub(crate) fn pick<'a>(self, en: &'a str, ko: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Ko => ko,
        }
    }
}

/// Where the real processes listen. `Addresses::sample` gives the addresses the page and the runner
/// print; the check against real software passes loopback ports and a scratch directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addresses {
    /// The balancer's listening address, `host:port` (e.g. `0.0.0.0:80`).
    pub listen: String,
    /// One `ip:port` per application server, in the model's server order (server 0 first). Addresses,
    /// not names: nginx's route cookie is set from `$upstream_addr`, which is always an address.
    pub servers: Vec<String>,
    /// The session store's `host:port` (Redis, or the database under `StoreKind::Rdb`).
    pub store: String,
    /// The store's replica, when the setup has one.
    pub replica: Option<String>,
    /// Directory for pid files, logs and temporary files; `None`: the distribution's stock paths.
    pub prefix: Option<String>,
}

impl Addresses {
    /// Private addresses for the setup: servers at 10.0.0.11, 10.0.0.12, ... (at most 64) port 8080, the store at
    /// 10.0.0.5 (Redis 6379, PostgreSQL 5432), its replica at 10.0.0.6. Addresses rather than host
    /// names so `nginx -t` accepts the file on any machine (it resolves upstream names while checking).
    pub fn sample(config: &Config) -> Addresses {
        let port = store_port(config.store_kind);
        Addresses {
            listen: "0.0.0.0:80".to_string(),
            servers: (0..config.servers.max(1))
                .map(|i| format!("10.0.0.{}:8080", 11 + i))
                .collect(),
            store: format!("10.0.0.5:{port}"),
            replica: config.store_replica.then(|| format!("10.0.0.6:{port}")),
            prefix: None,
        }
    }
}

/// The port a store engine listens on by default.
fn store_port(kind: StoreKind) -> u16 {
    match kind {
        StoreKind::Memory => 6379,
        StoreKind::Rdb => 5432,
    }
}

/// The name of server `index` in every file: `appA`, `appB`, ... like the picture's letters. It is
/// also the value of the route cookie, HAProxy's `SERVERID` cookie and Tomcat's `jvmRoute`.
pub fn server_name(index: u32) -> String {
    format!("app{}", crate::model::letters(index))
}

/// The session cookie's name: Spring Session's default, and the key the cookie hashes read.
pub const SESSION_COOKIE: &str = "SESSION";

/// Milliseconds as the shortest exact nginx/HAProxy duration: `10s`, `1500ms`, `2m`.
pub(crate) fn duration(ms: u64) -> String {
    if ms == 0 {
        "0s".to_string()
    } else if ms.is_multiple_of(60_000) {
        format!("{}m", ms / 60_000)
    } else if ms.is_multiple_of(1_000) {
        format!("{}s", ms / 1_000)
    } else {
        format!("{ms}ms")
    }
}
