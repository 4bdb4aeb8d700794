//! redis.conf for the session store: persistence from the model's `store_persistence`, a memory limit
//! that never evicts a session, and with a replica the replica's lines and Sentinel's, with the
//! model's failover delay.

use super::spring::{SENTINEL_MASTER, SENTINEL_PORT};
use super::text::{Mark, Text};
use super::{header, host, port, Addresses, Lang};
use crate::model::{Config, Persistence, StoreKind, Strategy};

/// One of the files a Redis session store runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedisFile {
    /// redis.conf of the primary, at `Addresses::store`.
    Primary,
    /// redis.conf of the replica, at `Addresses::replica`.
    Replica,
    /// sentinel.conf, watching the primary.
    Sentinel,
}

/// redis.conf of the store at `at.store`; with a replica, the replica's redis.conf and sentinel.conf
/// follow, each after a comment naming the file.
pub fn redis_conf(config: &Config, at: &Addresses, lang: Lang) -> String {
    let mut t = Text::new(lang, Mark::Hash);
    header(&mut t, config, "redis.conf");
    unused_note(&mut t, config);
    server(&mut t, config, at, &at.store);
    if let Some(replica) = &at.replica {
        t.blank();
        t.note(
            0,
            &format!("--- redis.conf of the replica ({}) ---", host(replica)),
            &format!("--- 레플리카({})의 redis.conf ---", host(replica)),
        );
        replica_lines(&mut t, config, at, replica);
        t.blank();
        t.note(
            0,
            "--- sentinel.conf (one Sentinel on each of three hosts) ---",
            "--- sentinel.conf (세 호스트에 Sentinel 하나씩) ---",
        );
        sentinel(&mut t, config, at);
    }
    t.finish()
}

/// One file on its own, to run it; `None` for the replica's and Sentinel's files of a setup without
/// a replica.
pub fn redis_file(config: &Config, at: &Addresses, lang: Lang, file: RedisFile) -> Option<String> {
    let mut t = Text::new(lang, Mark::Hash);
    match file {
        RedisFile::Primary => {
            header(&mut t, config, "redis.conf");
            unused_note(&mut t, config);
            server(&mut t, config, at, &at.store);
        }
        RedisFile::Replica => {
            let replica = at.replica.as_ref()?;
            header(&mut t, config, "redis.conf");
            unused_note(&mut t, config);
            replica_lines(&mut t, config, at, replica);
        }
        RedisFile::Sentinel => {
            at.replica.as_ref()?;
            header(&mut t, config, "sentinel.conf");
            sentinel(&mut t, config, at);
        }
    }
    Some(t.finish())
}

fn unused_note(t: &mut Text, config: &Config) {
    if config.strategy == Strategy::Store && config.store_kind == StoreKind::Memory {
        return;
    }
    t.note(
        0,
        "This setup keeps no sessions in Redis (the sessions are in the servers, or the store is a\n\
         relational database). Below is what a Redis session store for it would run.",
        "이 구성은 세션을 Redis에 두지 않습니다(세션이 서버에 있거나 저장소가 관계형\n\
         데이터베이스입니다). 아래는 이 구성의 Redis 세션 저장소가 쓸 설정입니다.",
    );
    t.blank();
}

/// The port Redis listens on at `address`. With a relational store the addresses are the
/// database's, and the Redis it would run listens on 6379.
fn redis_port(config: &Config, address: &str) -> String {
    match config.store_kind {
        StoreKind::Memory => port(address).to_string(),
        StoreKind::Rdb => "6379".to_string(),
    }
}

fn replica_lines(t: &mut Text, config: &Config, at: &Addresses, replica: &str) {
    server(t, config, at, replica);
    t.note(
        0,
        &format!(
            "The replica copies the primary asynchronously (about {} ms behind here) and refuses\n\
             writes. Trap: a session written in the last moment before the primary dies is not on\n\
             the replica yet, and is lost when the replica is promoted.",
            config.timing.store_replica_lag_ms
        ),
        &format!(
            "레플리카는 primary를 비동기로 복사하고(여기서는 약 {} ms 늦음) 쓰기를 거부합니다.\n\
             함정: primary가 죽기 직전에 쓴 세션은 아직 레플리카에 없어서, 레플리카가 승격되면\n\
             사라집니다.",
            config.timing.store_replica_lag_ms
        ),
    );
    t.line(
        0,
        &format!(
            "replicaof {} {}",
            host(&at.store),
            redis_port(config, &at.store)
        ),
    );
    t.line(0, "replica-read-only yes");
}

/// The lines every Redis of the store runs (primary and replica alike).
fn server(t: &mut Text, config: &Config, at: &Addresses, address: &str) {
    let port = redis_port(config, address);
    t.line(0, &format!("bind {}", host(address)));
    t.line(0, &format!("port {port}"));
    match &at.prefix {
        Some(dir) => {
            t.line(0, &format!("dir {dir}"));
            t.line(0, &format!("pidfile {dir}/redis-{port}.pid"));
        }
        None => t.line(0, "dir /var/lib/redis"),
    }
    t.blank();
    // Files named by port under a shared directory, so a primary and its replica can share it.
    let files = at.prefix.as_ref().map(|_| port.as_str());
    persistence(t, config, files);
    t.blank();
    let bytes = memory_limit(config);
    t.note(
        0,
        &format!(
            "Room for the sessions of {} users ({} bytes each) twice over. noeviction: when full,\n\
             writes fail loudly instead of dropping data. Trap: allkeys-lru (a cache's setting) would\n\
             silently evict the sessions idle longest, logging those users out.",
            config.users, config.timing.full_session_bytes
        ),
        &format!(
            "사용자 {}명의 세션(각 {}바이트)을 두 배로 담을 공간입니다. noeviction: 가득 차면 데이터를\n\
             버리지 않고 쓰기가 눈에 띄게 실패합니다. 함정: allkeys-lru(캐시용 설정)는 가장 오래 쉬던\n\
             세션을 조용히 지워서 그 사용자들을 로그아웃시킵니다.",
            config.users, config.timing.full_session_bytes
        ),
    );
    t.line(0, &format!("maxmemory {}mb", bytes / (1024 * 1024)));
    t.line(0, "maxmemory-policy noeviction");
}

/// Twice the full sessions of every user, in whole MiB, at least 64 MiB.
fn memory_limit(config: &Config) -> u64 {
    let need = 2 * u64::from(config.users) * u64::from(config.timing.full_session_bytes);
    need.div_ceil(1024 * 1024).max(64) * 1024 * 1024
}

fn persistence(t: &mut Text, config: &Config, files: Option<&str>) {
    match config.store_persistence {
        Persistence::None => {
            t.note(
                0,
                "No persistence: a restarted Redis comes back empty and every user logs in again.",
                "영속성 없음: 재시작한 Redis는 비어 있고 모든 사용자가 다시 로그인합니다.",
            );
            t.line(0, "save \"\"");
            t.line(0, "appendonly no");
        }
        Persistence::Snapshot => {
            let every = (config.timing.store_snapshot_interval_ms / 1_000).max(1);
            t.note(
                0,
                &format!(
                    "RDB snapshot every {every} s when anything changed: a restart loads the last snapshot,\n\
                     and sessions created or changed since then (up to {every} s) are lost."
                ),
                &format!(
                    "변경이 있으면 {every}초마다 RDB 스냅숏: 재시작하면 마지막 스냅숏을 읽고, 그 뒤에 만들거나\n\
                     바꾼 세션(최대 {every}초 분량)은 사라집니다."
                ),
            );
            t.line(0, &format!("save {every} 1"));
            t.line(0, "appendonly no");
            match files {
                Some(port) => t.line(0, &format!("dbfilename dump-{port}.rdb")),
                None => t.line(0, "dbfilename dump.rdb"),
            }
        }
        Persistence::AppendOnly => {
            t.note(
                0,
                "Append-only file fsynced every second: a restart replays it, losing at most about one\n\
                 second of writes.",
                "매초 fsync하는 AOF: 재시작하면 이를 재생하며, 잃는 쓰기는 최대 약 1초 분량입니다.",
            );
            t.line(0, "save \"\"");
            t.line(0, "appendonly yes");
            t.line(0, "appendfsync everysec");
            if let Some(port) = files {
                t.line(0, &format!("appenddirname appendonly-{port}"));
            }
        }
    }
}

fn sentinel(t: &mut Text, config: &Config, at: &Addresses) {
    let down_after = config.timing.store_failover_ms;
    t.note(
        0,
        &format!(
            "The Sentinels promote the replica when a majority (2) has not heard from the primary for\n\
             {down_after} ms. Until then, writes to the dead primary fail: sessions cannot be created\n\
             or changed."
        ),
        &format!(
            "과반수(2)가 {down_after} ms 동안 primary의 응답을 받지 못하면 Sentinel이 레플리카를\n\
             승격합니다. 그 전까지 죽은 primary에 대한 쓰기는 실패합니다: 세션을 만들거나 바꿀 수\n\
             없습니다."
        ),
    );
    t.line(0, &format!("port {SENTINEL_PORT}"));
    if let Some(dir) = &at.prefix {
        t.line(0, &format!("dir {dir}"));
        t.line(0, &format!("pidfile {dir}/sentinel.pid"));
    }
    t.line(
        0,
        &format!(
            "sentinel monitor {SENTINEL_MASTER} {} {} 2",
            host(&at.store),
            redis_port(config, &at.store)
        ),
    );
    t.line(
        0,
        &format!("sentinel down-after-milliseconds {SENTINEL_MASTER} {down_after}"),
    );
    t.line(
        0,
        &format!("sentinel failover-timeout {SENTINEL_MASTER} 180000"),
    );
    t.line(0, &format!("sentinel parallel-syncs {SENTINEL_MASTER} 1"));
}
