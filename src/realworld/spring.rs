//! Spring Session's application.properties for the setup: Redis (with Sentinel when the store has a
//! replica) or JDBC, the idle timeout, and the flush and save modes.

use super::text::{Mark, Text};
use super::{duration, header, host, Addresses, Lang, SESSION_COOKIE};
use crate::model::{Config, StoreKind, Strategy};

/// Sentinel's port, and the name the Sentinels know the session store's primary by.
pub(crate) const SENTINEL_PORT: u16 = 26379;
pub(crate) const SENTINEL_MASTER: &str = "sessions";

/// Spring Boot application.properties putting the sessions of `config` in its store at `at`.
pub fn spring_session(config: &Config, at: &Addresses, lang: Lang) -> String {
    let mut t = Text::new(lang, Mark::Hash);
    header(&mut t, config, "application.properties");
    match config.strategy {
        Strategy::Store => {}
        Strategy::None | Strategy::Sticky | Strategy::ClusterAll | Strategy::ClusterBackup => t.note(
            0,
            "This setup keeps sessions in the servers, not in a store: Spring Session is not in use.\n\
             Below is what the strategy `store` would use, with the same timeout.",
            "이 구성은 세션을 저장소가 아닌 서버에 둡니다: Spring Session을 쓰지 않습니다.\n\
             아래는 `store` 전략이 쓸 설정이며 타임아웃은 같습니다.",
        ),
    }
    let timeout = duration(config.timing.session_timeout_ms);
    t.note(
        0,
        &format!(
            "A session idle for {timeout} expires (in the store too). The cookie keeps the name every\n\
             balancer rule here reads: {SESSION_COOKIE}."
        ),
        &format!(
            "{timeout} 동안 쓰이지 않은 세션은 만료됩니다(저장소에서도). 쿠키 이름은 여기의 모든 로드\n\
             밸런서 규칙이 읽는 {SESSION_COOKIE}입니다."
        ),
    );
    t.line(0, &format!("server.servlet.session.timeout={timeout}"));
    t.line(0, &format!("spring.session.timeout={timeout}"));
    t.line(
        0,
        &format!("server.servlet.session.cookie.name={SESSION_COOKIE}"),
    );
    t.blank();
    let prefix = match config.store_kind {
        StoreKind::Memory => "spring.session.redis",
        StoreKind::Rdb => "spring.session.jdbc",
    };
    t.note(
        0,
        "flush-mode=on-save: changes are written once, when the request ends (before the response is\n\
         committed), not at every setAttribute (`immediate`: more round trips).\n\
         save-mode=on-set-attribute: only the attributes that changed are written. Trap: `always`\n\
         rewrites the whole session each time, and two requests of one user running at once overwrite\n\
         each other's changes.",
        "flush-mode=on-save: 변경은 setAttribute마다가 아니라 요청이 끝날 때(응답 확정 전) 한 번\n\
         씁니다(`immediate`는 왕복이 더 많음).\n\
         save-mode=on-set-attribute: 바뀐 속성만 씁니다. 함정: `always`는 매번 세션 전체를 다시 쓰고,\n\
         한 사용자의 두 요청이 동시에 돌면 서로의 변경을 덮어씁니다.",
    );
    t.line(0, &format!("{prefix}.flush-mode=on-save"));
    t.line(0, &format!("{prefix}.save-mode=on-set-attribute"));
    t.blank();
    match config.store_kind {
        StoreKind::Memory => redis(&mut t, config, at),
        StoreKind::Rdb => jdbc(&mut t, config, at),
    }
    t.finish()
}

/// The store client's timeout in whole seconds, rounded up (the PostgreSQL driver counts in seconds,
/// and 0 would mean no timeout at all).
fn timeout_seconds(config: &Config) -> u32 {
    config.timing.store_timeout_ms.div_ceil(1_000).max(1)
}

fn redis(t: &mut Text, config: &Config, at: &Addresses) {
    t.line(0, "spring.session.redis.namespace=spring:session");
    let timeout = duration(u64::from(config.timing.store_timeout_ms));
    t.note(
        0,
        &format!(
            "A server cut off from Redis hears nothing back, not even a refusal. Without a timeout\n\
             Lettuce waits 60 s for each command while the user waits too; here the request fails\n\
             with a 5xx after {timeout}."
        ),
        &format!(
            "Redis와 끊긴 서버에는 거부조차 돌아오지 않습니다. 타임아웃이 없으면 Lettuce는 명령마다\n\
             60초를 기다리고 사용자도 함께 기다립니다. 여기서는 {timeout} 뒤에 요청이 5xx로 실패합니다."
        ),
    );
    t.line(0, &format!("spring.data.redis.timeout={timeout}"));
    t.line(0, &format!("spring.data.redis.connect-timeout={timeout}"));
    match &at.replica {
        None => {
            t.line(0, &format!("spring.data.redis.host={}", host(&at.store)));
            t.line(
                0,
                &format!("spring.data.redis.port={}", super::port(&at.store)),
            );
        }
        Some(replica) => {
            let lag = config.timing.store_replica_lag_ms;
            t.note(
                0,
                &format!(
                    "The application asks the Sentinels where the primary is, so after a failover it\n\
                     writes to the promoted replica. Run a third Sentinel elsewhere for a majority.\n\
                     Trap: do not read sessions from the replica (Lettuce ReadFrom.REPLICA...): it lags\n\
                     about {lag} ms, so the request right after login would find no session."
                ),
                &format!(
                    "애플리케이션은 Sentinel에게 primary 위치를 물으므로 장애 조치 후에는 승격된 레플리카에\n\
                     씁니다. 과반수를 위해 세 번째 Sentinel을 다른 곳에서 실행하십시오.\n\
                     함정: 세션을 레플리카에서 읽지 마십시오(Lettuce ReadFrom.REPLICA...): 약 {lag} ms\n\
                     늦으므로 로그인 직후 요청이 세션을 찾지 못합니다."
                ),
            );
            t.line(
                0,
                &format!("spring.data.redis.sentinel.master={SENTINEL_MASTER}"),
            );
            t.line(
                0,
                &format!(
                    "spring.data.redis.sentinel.nodes={}:{SENTINEL_PORT},{}:{SENTINEL_PORT}",
                    host(&at.store),
                    host(replica)
                ),
            );
        }
    }
}

fn jdbc(t: &mut Text, config: &Config, at: &Addresses) {
    t.note(
        0,
        "Sessions in a relational database (tables SPRING_SESSION and SPRING_SESSION_ATTRIBUTES);\n\
         expired ones are deleted by a job every minute.\n\
         Trap: do not point this data source at a read replica: a replica lags, so the request right\n\
         after login would find no session.",
        "세션은 관계형 데이터베이스(SPRING_SESSION, SPRING_SESSION_ATTRIBUTES 테이블)에 있고, 만료된\n\
         세션은 1분마다 작업이 지웁니다.\n\
         함정: 이 데이터 소스를 읽기 레플리카로 향하게 하지 마십시오: 레플리카는 늦으므로 로그인 직후\n\
         요청이 세션을 찾지 못합니다.",
    );
    t.line(0, "spring.session.jdbc.table-name=SPRING_SESSION");
    t.line(0, "spring.session.jdbc.initialize-schema=always");
    t.line(0, "spring.session.jdbc.cleanup-cron=0 * * * * *");
    let seconds = timeout_seconds(config);
    t.note(
        0,
        &format!(
            "A server cut off from the database hears nothing back. The PostgreSQL driver's\n\
             socketTimeout is 0 by default: the request would wait for ever. Here it fails with a\n\
             5xx after {seconds} s (the driver counts whole seconds)."
        ),
        &format!(
            "데이터베이스와 끊긴 서버에는 아무것도 돌아오지 않습니다. PostgreSQL 드라이버의\n\
             socketTimeout 기본값은 0이라 요청이 끝없이 기다립니다. 여기서는 {seconds}초 뒤에 5xx로\n\
             실패합니다(드라이버는 초 단위로 셉니다)."
        ),
    );
    t.line(
        0,
        &format!(
            "spring.datasource.url=jdbc:postgresql://{}/sessions?connectTimeout={seconds}&socketTimeout={seconds}",
            at.store
        ),
    );
}
