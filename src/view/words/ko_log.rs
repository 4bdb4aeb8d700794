//! The event log's sentences in Korean: one per model event and one per command a person applied.

use super::ko::Korean;
use crate::model::{Command, Event};
use crate::number::{f64_text, fixed};
use crate::view::names::{server_letter, session_label, user_name};
use crate::view::wording::who_where_which;
use crate::view::words::Words;

/// What happened, as the log tells it.
pub fn event(event: &Event) -> String {
    match event {
        Event::LoggedIn {
            user,
            server,
            session,
        } => {
            let (u, s, id) = who_where_which(*user, *server, *session);
            format!("{u} → 서버 {s}: 로그인, 새 세션 {id}")
        }
        Event::LoggedOut { user, session } => {
            let (u, id) = (user_name(*user), session_label(*session));
            format!("{u}: 로그아웃, 세션 {id} 종료")
        }
        Event::Mismatch {
            user,
            server,
            session,
        } => {
            let (u, s, id) = who_where_which(*user, *server, *session);
            format!("{u} → 서버 {s}: 세션 {id} 없음 → 401, 로그인 화면으로")
        }
        Event::LostSession {
            user,
            server,
            session,
        } => {
            let (u, s, id) = who_where_which(*user, *server, *session);
            format!("{u} → 서버 {s}: 세션 {id}이(가) 장애로 사라짐 → 401, 다시 로그인")
        }
        Event::ExpiredHit {
            user,
            server,
            session,
        } => {
            let (u, s, id) = who_where_which(*user, *server, *session);
            format!("{u} → 서버 {s}: 세션 {id} 만료됨 → 401, 다시 로그인")
        }
        Event::Retried { user, server } => {
            let (u, s) = (user_name(*user), server_letter(*server));
            format!("{u}: 요청 처리 중 서버가 멈춰 서버 {s}에서 다시 시도")
        }
        Event::ServerError { user, server } => {
            let u = user_name(*user);
            match server {
                Some(s) => format!("{u} → 서버 {}: 5xx 오류", server_letter(*s)),
                None => format!("{u}: 5xx 오류"),
            }
        }
        Event::SessionExpired { user, session } => {
            let (u, id) = (user_name(*user), session_label(*session));
            format!("{u}: 세션 {id} 유휴 시간 초과로 만료")
        }
        Event::ServerCrashed {
            server,
            sessions_lost,
            out_of_memory,
        } => {
            let s = server_letter(*server);
            if *out_of_memory {
                format!("서버 {s}: 메모리 부족으로 중단, 세션 {sessions_lost}개 소실")
            } else {
                format!("서버 {s}: 장애로 중단, 세션 {sessions_lost}개 소실")
            }
        }
        Event::ServerRestarted { server } => {
            let s = server_letter(*server);
            format!("서버 {s}: 빈 상태로 다시 시작")
        }
        Event::ServerMarkedDown { server } => {
            let s = server_letter(*server);
            format!("로드 밸런서: 서버 {s}의 중단을 감지")
        }
        Event::ServerMarkedUp { server } => {
            let s = server_letter(*server);
            format!("로드 밸런서: 서버 {s}를 다시 사용")
        }
        Event::Partitioned {
            server,
            partitioned,
        } => {
            let s = server_letter(*server);
            if *partitioned {
                format!("서버 {s}: 다른 서버들과 연결 끊김")
            } else {
                format!("서버 {s}: 다시 연결됨")
            }
        }
        Event::PeerLost {
            server,
            copies_sent,
        } => {
            let s = server_letter(*server);
            format!("클러스터: 서버 {s}를 잃음, 사본 {copies_sent}개를 다시 보냄")
        }
        Event::ServerAdded { server } => {
            let s = server_letter(*server);
            format!("서버 {s} 추가")
        }
        Event::ServerRemoved { server } => {
            let s = server_letter(*server);
            format!("서버 {s} 제거")
        }
        Event::StoreCrashed { sessions_lost } => {
            format!("세션 저장소 중단: 세션 {sessions_lost}개 사용 불가")
        }
        Event::StoreRestarted { sessions_restored } => {
            format!("세션 저장소 다시 시작: 세션 {sessions_restored}개 복구")
        }
        Event::ReplicaPromoted { writes_lost } => {
            format!("복제본이 새 주 저장소가 됨: 지연 구간의 쓰기 {writes_lost}건 소실")
        }
        Event::ReplicaCrashed => "저장소 복제본 중단".to_string(),
        Event::ReplicaRestarted => "저장소 복제본 다시 시작".to_string(),
        Event::Repinned { user, from, to } => {
            let (u, f, t) = (user_name(*user), server_letter(*from), server_letter(*to));
            format!("{u}: 서버 {f}에서 서버 {t}(으)로 다시 고정")
        }
        Event::RemoteFetched { user, server, from } => {
            let (u, s, f) = (
                user_name(*user),
                server_letter(*server),
                server_letter(*from),
            );
            format!("{u} → 서버 {s}: 서버 {f}에서 세션을 가져옴")
        }
        Event::TrafficStarted { factor } => {
            let factor = f64_text(*factor);
            format!("트래픽 이벤트 시작: 방문자 ×{factor}")
        }
        Event::TrafficEnded => "트래픽 이벤트 끝".to_string(),
        Event::Applied(command) => self::command(command),
    }
}

/// A person's intervention, as the log tells it.
pub fn command(command: &Command) -> String {
    let w = &Korean;
    let t = w.strings();
    let setting = |label: &str, value: &str| format!("{label}: {value}");
    match command {
        Command::SetStrategy(s) => setting(t.strategy, w.strategy(*s)),
        Command::SetStickyBy(by) => setting(t.sticky_by, w.sticky_by(*by)),
        Command::SetBalancer(b) => setting(t.balancer, w.balancer(*b)),
        Command::SetReplication(r) => setting(t.replication, w.replication(*r)),
        Command::SetReplicationLag { ms } => setting(t.replication_lag, &ms.to_string()),
        Command::SetStoreReplicaLag { ms } => setting(t.store_replica_lag, &ms.to_string()),
        Command::SetStoreFailover { ms } => setting(t.failover_delay, &ms.to_string()),
        Command::SetStoreKind(k) => setting(t.store_kind, w.store_kind(*k)),
        Command::SetStorePersistence(p) => setting(t.persistence, w.persistence(*p)),
        Command::SetStoreReplica(on) => setting(t.store_replica, if *on { "✓" } else { "✗" }),
        Command::SetUsers(n) => setting(t.users, &n.to_string()),
        Command::SetSkew(s) => setting(t.skew, &fixed(*s, 2)),
        Command::SetThinkTime { ms } => {
            format!("생각 시간: {ms} ms")
        }
        Command::AddServer => t.add_server.to_string(),
        Command::RemoveServer => t.remove_server.to_string(),
        Command::CrashServer(s) => {
            let s = server_letter(*s);
            format!("서버 {s}에 장애를 냄")
        }
        Command::RestartServer(s) => {
            let s = server_letter(*s);
            format!("서버 {s} 다시 시작 요청")
        }
        Command::PartitionServer {
            server,
            partitioned,
        } => {
            let s = server_letter(*server);
            if *partitioned {
                format!("서버 {s}를 다른 서버와 분리")
            } else {
                format!("서버 {s} 분리 해제")
            }
        }
        Command::SlowServer { server, factor } => {
            let s = server_letter(*server);
            let factor = f64_text(*factor);
            format!("서버 {s} 처리 시간 ×{factor}")
        }
        Command::CrashStore => t.crash_store.to_string(),
        Command::RestartStore => t.restart_store.to_string(),
        Command::CrashReplica => "저장소 복제본 장애".to_string(),
        Command::RestartReplica => "저장소 복제본 다시 시작".to_string(),
        Command::Traffic { factor, for_ms } => {
            let secs = f64_text(*for_ms as f64 / 1000.0);
            let factor = f64_text(*factor);
            format!("트래픽 이벤트: ×{factor}, {secs}초")
        }
    }
}
