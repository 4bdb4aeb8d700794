//! The model's structured events in plain words, in the reader's language.

use super::names::{server_letter, session_label, user_name};
use super::words::Lang;
use crate::model::{Command, Event, ServerId, SessionId, UserId};
use crate::number::{f64_text, fixed};

/// One sentence in both languages; only the reader's is formatted.
macro_rules! say {
    ($ko:expr, $korean:literal, $english:literal) => {
        if $ko {
            format!($korean)
        } else {
            format!($english)
        }
    };
}

pub fn describe(event: &Event, lang: Lang) -> String {
    let ko = lang == Lang::Ko;
    match event {
        Event::LoggedIn {
            user,
            server,
            session,
        } => {
            let (u, s, id) = who_where_which(*user, *server, *session);
            say!(
                ko,
                "{u} → 서버 {s}: 로그인, 새 세션 {id}",
                "{u} → server {s}: logged in, new session {id}"
            )
        }
        Event::LoggedOut { user, session } => {
            let (u, id) = (user_name(*user), session_label(*session));
            say!(
                ko,
                "{u}: 로그아웃, 세션 {id} 종료",
                "{u}: logged out, session {id} ended"
            )
        }
        Event::Mismatch {
            user,
            server,
            session,
        } => {
            let (u, s, id) = who_where_which(*user, *server, *session);
            say!(
                ko,
                "{u} → 서버 {s}: 세션 {id} 없음 → 401, 로그인 화면으로",
                "{u} → server {s}: no session {id} → 401, back to login"
            )
        }
        Event::LostSession {
            user,
            server,
            session,
        } => {
            let (u, s, id) = who_where_which(*user, *server, *session);
            say!(
                ko,
                "{u} → 서버 {s}: 세션 {id}이(가) 장애로 사라짐 → 401, 다시 로그인",
                "{u} → server {s}: session {id} was destroyed by a fault → 401, log in again"
            )
        }
        Event::ExpiredHit {
            user,
            server,
            session,
        } => {
            let (u, s, id) = who_where_which(*user, *server, *session);
            say!(
                ko,
                "{u} → 서버 {s}: 세션 {id} 만료됨 → 401, 다시 로그인",
                "{u} → server {s}: session {id} had expired → 401, log in again"
            )
        }
        Event::Retried { user, server } => {
            let (u, s) = (user_name(*user), server_letter(*server));
            say!(
                ko,
                "{u}: 요청 처리 중 서버가 멈춰 서버 {s}에서 다시 시도",
                "{u}: the server died mid-request, retried on server {s}"
            )
        }
        Event::ServerError { user, server } => {
            let u = user_name(*user);
            match (server, ko) {
                (Some(s), true) => format!("{u} → 서버 {}: 5xx 오류", server_letter(*s)),
                (Some(s), false) => format!("{u} → server {}: 5xx error", server_letter(*s)),
                (None, true) => format!("{u}: 5xx 오류"),
                (None, false) => format!("{u}: 5xx error"),
            }
        }
        Event::SessionExpired { user, session } => {
            let (u, id) = (user_name(*user), session_label(*session));
            say!(
                ko,
                "{u}: 세션 {id} 유휴 시간 초과로 만료",
                "{u}: session {id} expired after idling"
            )
        }
        Event::ServerCrashed {
            server,
            sessions_lost,
            out_of_memory,
        } => {
            let s = server_letter(*server);
            match (ko, out_of_memory) {
                (true, true) => {
                    format!("서버 {s}: 메모리 부족으로 중단, 세션 {sessions_lost}개 소실")
                }
                (true, false) => format!("서버 {s}: 장애로 중단, 세션 {sessions_lost}개 소실"),
                (false, true) => {
                    format!("server {s}: out of memory, {sessions_lost} sessions lost")
                }
                (false, false) => format!("server {s}: crashed, {sessions_lost} sessions lost"),
            }
        }
        Event::ServerRestarted { server } => {
            let s = server_letter(*server);
            say!(
                ko,
                "서버 {s}: 빈 상태로 다시 시작",
                "server {s}: restarted, empty"
            )
        }
        Event::ServerMarkedDown { server } => {
            let s = server_letter(*server);
            say!(
                ko,
                "로드 밸런서: 서버 {s}의 중단을 감지",
                "load balancer: server {s} marked down"
            )
        }
        Event::ServerMarkedUp { server } => {
            let s = server_letter(*server);
            say!(
                ko,
                "로드 밸런서: 서버 {s}를 다시 사용",
                "load balancer: server {s} back in rotation"
            )
        }
        Event::Partitioned {
            server,
            partitioned,
        } => {
            let s = server_letter(*server);
            match (ko, partitioned) {
                (true, true) => format!("서버 {s}: 다른 서버들과 연결 끊김"),
                (true, false) => format!("서버 {s}: 다시 연결됨"),
                (false, true) => format!("server {s}: cut off from its peers"),
                (false, false) => format!("server {s}: reconnected"),
            }
        }
        Event::PeerLost {
            server,
            copies_sent,
        } => {
            let s = server_letter(*server);
            say!(
                ko,
                "클러스터: 서버 {s}를 잃음, 사본 {copies_sent}개를 다시 보냄",
                "cluster: peer server {s} lost, {copies_sent} copies re-sent"
            )
        }
        Event::ServerAdded { server } => {
            let s = server_letter(*server);
            say!(ko, "서버 {s} 추가", "server {s} added")
        }
        Event::ServerRemoved { server } => {
            let s = server_letter(*server);
            say!(ko, "서버 {s} 제거", "server {s} removed")
        }
        Event::StoreCrashed { sessions_lost } => {
            say!(
                ko,
                "세션 저장소 중단: 세션 {sessions_lost}개 사용 불가",
                "session store crashed: {sessions_lost} sessions unavailable"
            )
        }
        Event::StoreRestarted { sessions_restored } => {
            say!(
                ko,
                "세션 저장소 다시 시작: 세션 {sessions_restored}개 복구",
                "session store restarted: {sessions_restored} sessions restored"
            )
        }
        Event::ReplicaPromoted { writes_lost } => {
            say!(
                ko,
                "복제본이 새 주 저장소가 됨: 지연 구간의 쓰기 {writes_lost}건 소실",
                "replica promoted to primary: {writes_lost} writes in the lag window lost"
            )
        }
        Event::ReplicaCrashed => {
            if ko {
                "저장소 복제본 중단".to_string()
            } else {
                "store replica crashed".to_string()
            }
        }
        Event::ReplicaRestarted => {
            if ko {
                "저장소 복제본 다시 시작".to_string()
            } else {
                "store replica restarted".to_string()
            }
        }
        Event::Repinned { user, from, to } => {
            let (u, f, t) = (user_name(*user), server_letter(*from), server_letter(*to));
            say!(
                ko,
                "{u}: 서버 {f}에서 서버 {t}(으)로 다시 고정",
                "{u}: re-pinned from server {f} to server {t}"
            )
        }
        Event::RemoteFetched { user, server, from } => {
            let (u, s, f) = (
                user_name(*user),
                server_letter(*server),
                server_letter(*from),
            );
            say!(
                ko,
                "{u} → 서버 {s}: 서버 {f}에서 세션을 가져옴",
                "{u} → server {s}: fetched the session from server {f}"
            )
        }
        Event::TrafficStarted { factor } => {
            let factor = f64_text(*factor);
            say!(
                ko,
                "트래픽 이벤트 시작: 방문자 ×{factor}",
                "traffic event: visitors ×{factor}"
            )
        }
        Event::TrafficEnded => {
            if ko {
                "트래픽 이벤트 끝".to_string()
            } else {
                "traffic event over".to_string()
            }
        }
        Event::Applied(command) => describe_command(command, lang),
    }
}

/// A person's intervention, as the log tells it.
pub fn describe_command(command: &Command, lang: Lang) -> String {
    let w = lang.words();
    let t = w.strings();
    let ko = lang == Lang::Ko;
    let setting = |label: &str, value: &str| format!("{label}: {value}");
    match command {
        Command::SetStrategy(s) => setting(t.strategy, w.strategy(*s)),
        Command::SetStickyBy(by) => setting(t.sticky_by, w.sticky_by(*by)),
        Command::SetBalancer(b) => setting(t.balancer, w.balancer(*b)),
        Command::SetReplication(r) => setting(t.replication, w.replication(*r)),
        Command::SetReplicationLag { ms } => setting(t.replication_lag, &ms.to_string()),
        Command::SetStoreReplicaLag { ms } => setting(t.store_replica_lag, &ms.to_string()),
        Command::SetStoreKind(k) => setting(t.store_kind, w.store_kind(*k)),
        Command::SetStorePersistence(p) => setting(t.persistence, w.persistence(*p)),
        Command::SetStoreReplica(on) => setting(t.store_replica, if *on { "✓" } else { "✗" }),
        Command::SetUsers(n) => setting(t.users, &n.to_string()),
        Command::SetSkew(s) => setting(t.skew, &fixed(*s, 2)),
        Command::SetThinkTime { ms } => {
            say!(ko, "생각 시간: {ms} ms", "think time: {ms} ms")
        }
        Command::AddServer => t.add_server.to_string(),
        Command::RemoveServer => t.remove_server.to_string(),
        Command::CrashServer(s) => {
            let s = server_letter(*s);
            say!(ko, "서버 {s}에 장애를 냄", "server {s} crashed by hand")
        }
        Command::RestartServer(s) => {
            let s = server_letter(*s);
            say!(
                ko,
                "서버 {s} 다시 시작 요청",
                "server {s} restart requested"
            )
        }
        Command::PartitionServer {
            server,
            partitioned,
        } => {
            let s = server_letter(*server);
            match (ko, partitioned) {
                (true, true) => format!("서버 {s}를 다른 서버와 분리"),
                (true, false) => format!("서버 {s} 분리 해제"),
                (false, true) => format!("server {s} cut off from its peers"),
                (false, false) => format!("server {s} reconnected"),
            }
        }
        Command::SlowServer { server, factor } => {
            let s = server_letter(*server);
            let factor = f64_text(*factor);
            say!(
                ko,
                "서버 {s} 처리 시간 ×{factor}",
                "server {s} service time ×{factor}"
            )
        }
        Command::CrashStore => t.crash_store.to_string(),
        Command::RestartStore => t.restart_store.to_string(),
        Command::CrashReplica => {
            if ko {
                "저장소 복제본 장애".to_string()
            } else {
                "store replica crashed".to_string()
            }
        }
        Command::RestartReplica => {
            if ko {
                "저장소 복제본 다시 시작".to_string()
            } else {
                "store replica restarted".to_string()
            }
        }
        Command::Traffic { factor, for_ms } => {
            let secs = f64_text(*for_ms as f64 / 1000.0);
            let factor = f64_text(*factor);
            say!(
                ko,
                "트래픽 이벤트: ×{factor}, {secs}초",
                "traffic event: ×{factor} for {secs} s"
            )
        }
    }
}

/// Events worth announcing to a screen reader (the rest would flood it).
pub fn is_notable(event: &Event) -> bool {
    matches!(
        event,
        Event::Mismatch { .. }
            | Event::LostSession { .. }
            | Event::ServerCrashed { .. }
            | Event::ServerRestarted { .. }
            | Event::ServerMarkedDown { .. }
            | Event::Partitioned { .. }
            | Event::StoreCrashed { .. }
            | Event::StoreRestarted { .. }
            | Event::ReplicaCrashed
            | Event::ReplicaRestarted
            | Event::ReplicaPromoted { .. }
            | Event::ServerError { .. }
            | Event::PeerLost { .. }
    )
}

/// Who, on which server, with which session: the names most request sentences start with.
fn who_where_which(user: UserId, server: ServerId, session: SessionId) -> (String, String, String) {
    (
        user_name(user),
        server_letter(server),
        session_label(session),
    )
}
