//! The real configuration behind a simulated setup: the nginx.conf, haproxy.cfg, Tomcat `<Cluster>`,
//! Spring Session properties and redis.conf (with Sentinel) that would make real software behave the
//! way the model does, with its numbers (fail timeout, health checks, replication lag, idle timeout,
//! failover delay) taken from the model's `Config`. Each block carries a comment on the effect it
//! produces and the trap it avoids, in English or Korean; directives never change with the language.
//!
//! Pure text from values: no browser, no clock, no files. The page's `config` panel, the runner's
//! `config` subcommand and the check against real nginx all print through here, so they agree.

mod haproxy;
mod nginx;
mod redis;
mod spring;
mod text;
mod tomcat;

pub use haproxy::haproxy_conf;
pub use nginx::nginx_conf;
pub use redis::{redis_conf, redis_file, RedisFile};
pub use spring::spring_session;
pub use tomcat::tomcat_cluster;

use crate::model::{Config, StoreKind, Strategy};
use text::Text;

/// The files the runner and the page print, by the name `--format` and the page's select use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Nginx,
    Haproxy,
    Tomcat,
    SpringSession,
    Redis,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Nginx,
        Format::Haproxy,
        Format::Tomcat,
        Format::SpringSession,
        Format::Redis,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Nginx => "nginx",
            Format::Haproxy => "haproxy",
            Format::Tomcat => "tomcat",
            Format::SpringSession => "spring-session",
            Format::Redis => "redis",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The file's text for `config` at `at`.
    pub fn render(self, config: &Config, at: &Addresses, lang: Lang) -> String {
        match self {
            Format::Nginx => nginx_conf(config, at, lang),
            Format::Haproxy => haproxy_conf(config, at, lang),
            Format::Tomcat => tomcat_cluster(config, at, lang),
            Format::SpringSession => spring_session(config, at, lang),
            Format::Redis => redis_conf(config, at, lang),
        }
    }
}

/// What the runner's `config` subcommand and the page's panel print: the file at the sample addresses.
pub fn sample_text(config: &Config, format: Format, lang: Lang) -> String {
    format.render(config, &Addresses::sample(config), lang)
}

/// The language of the comments (directives are the same in both): the interface's language.
pub use crate::view::words::Lang;

impl Lang {
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

/// The file's first comment: which setup it is for, and what that setup does with sessions.
pub(crate) fn header(t: &mut Text, config: &Config, file: &str) {
    // In the scenario file's own keys and values, the same in both languages.
    let what = format!(
        "strategy {}{}, balancer {}, servers {}",
        config.strategy.name(),
        match config.strategy {
            Strategy::None => String::new(),
            Strategy::Sticky => format!(", sticky_by {}", config.sticky_by.name()),
            Strategy::ClusterAll | Strategy::ClusterBackup => format!(
                ", replication {}, replication_lag_ms {}",
                config.replication.name(),
                config.replication_lag_ms
            ),
            Strategy::Store => format!(
                ", store_kind {}, store_persistence {}, store_replica {}",
                config.store_kind.name(),
                config.store_persistence.name(),
                config.store_replica
            ),
        },
        config.balancer.name(),
        config.servers.max(1),
    );
    t.note(
        0,
        &format!("{file} for SessionScope's setup:\n{what}."),
        &format!("SessionScope 구성의 {file}:\n{what}."),
    );
    let (en, ko) = match config.strategy {
        Strategy::None => (
            "Each server keeps its sessions in its own memory and nothing keeps a user on one server:\n\
             a request that lands elsewhere finds no session (a mismatch, back to login).",
            "각 서버가 세션을 자기 메모리에만 두고, 사용자를 한 서버에 묶는 것이 없습니다:\n\
             다른 서버에 도착한 요청은 세션을 찾지 못합니다(불일치, 다시 로그인).",
        ),
        Strategy::Sticky => (
            "Sessions stay in each server's memory; the balancer keeps every user on the server that\n\
             holds their session. A crashed server takes its sessions with it.",
            "세션은 각 서버 메모리에 있고, 로드 밸런서가 사용자를 자기 세션이 있는 서버에 계속 보냅니다.\n\
             서버가 죽으면 그 서버의 세션도 함께 사라집니다.",
        ),
        Strategy::ClusterAll => (
            "Every server copies each session change to every other server (Tomcat DeltaManager), so\n\
             any server can answer; the balancer only spreads load.",
            "모든 서버가 세션 변경을 다른 모든 서버에 복사하므로(Tomcat DeltaManager) 어느 서버든\n\
             응답할 수 있고, 로드 밸런서는 부하만 나눕니다.",
        ),
        Strategy::ClusterBackup => (
            "Each session has one full backup copy on another server and a key elsewhere (Tomcat\n\
             BackupManager), so any server can answer; the balancer only spreads load.",
            "각 세션은 다른 한 서버에 전체 백업 사본을, 나머지 서버에는 키만 둡니다(Tomcat\n\
             BackupManager). 어느 서버든 응답할 수 있고, 로드 밸런서는 부하만 나눕니다.",
        ),
        Strategy::Store => (
            "The servers keep no sessions: every request reads its session from the shared store, so\n\
             any server can answer; the balancer only spreads load.",
            "서버는 세션을 갖지 않고 모든 요청이 공유 저장소에서 세션을 읽으므로 어느 서버든 응답할 수\n\
             있고, 로드 밸런서는 부하만 나눕니다.",
        ),
    };
    t.note(0, en, ko);
    t.blank();
}

/// Under cookie stickiness the balancing method only matters where no cookie routes: said by nginx and
/// HAProxy above the method.
pub(crate) fn sticky_cookie_places_first_requests(t: &mut Text, indent: usize) {
    t.note(
        indent,
        "With the sticky cookie below, this choice places only a user's first request (and a user\n\
         whose server is down).",
        "아래 고정 쿠키가 있으므로 이 선택은 사용자의 첫 요청(과 서버가 죽은 사용자)에만 쓰입니다.",
    );
}

/// The host part of `host:port`.
pub(crate) fn host(address: &str) -> &str {
    address.rsplit_once(':').map_or(address, |(host, _)| host)
}

/// The port part of `host:port` (empty when there is none).
pub(crate) fn port(address: &str) -> &str {
    address.rsplit_once(':').map_or("", |(_, port)| port)
}

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
