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
        StoreKind::Rdb => jdbc(&mut t, at),
    }
    t.finish()
}

fn redis(t: &mut Text, config: &Config, at: &Addresses) {
    t.line(0, "spring.session.redis.namespace=spring:session");
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

fn jdbc(t: &mut Text, at: &Addresses) {
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
    t.line(
        0,
        &format!(
            "spring.datasource.url=jdbc:postgresql://{}/sessions",
            at.store
        ),
    );
}
