//! The event log's sentences in Korean: one per model event and one per command a person applied
//! (a `{name}` stands for a value, see `log::LogSentences`).

use super::log::LogSentences;

pub static LOG: LogSentences = LogSentences {
    logged_in: "{user} → 서버 {server}: 로그인, 새 세션 {session}",
    logged_out: "{user}: 로그아웃, 세션 {session} 종료",
    mismatch: "{user} → 서버 {server}: 세션 {session} 없음 → 401, 로그인 화면으로",
    lost_session: "{user} → 서버 {server}: 세션 {session}이(가) 장애로 사라짐 → 401, 다시 로그인",
    expired_hit: "{user} → 서버 {server}: 세션 {session} 만료됨 → 401, 다시 로그인",
    retried: "{user}: 요청 처리 중 서버가 멈춰 서버 {server}에서 다시 시도",
    server_error: "{user} → 서버 {server}: 5xx 오류",
    error_no_server: "{user}: 5xx 오류",
    session_expired: "{user}: 세션 {session} 유휴 시간 초과로 만료",
    server_crashed: "서버 {server}: 장애로 중단, 세션 {sessions_lost}개 소실",
    out_of_memory: "서버 {server}: 메모리 부족으로 중단, 세션 {sessions_lost}개 소실",
    server_restarted: "서버 {server}: 빈 상태로 다시 시작",
    marked_down: "로드 밸런서: 서버 {server}의 중단을 감지",
    marked_up: "로드 밸런서: 서버 {server}를 다시 사용",
    partitioned: "서버 {server}: 다른 서버들과 연결 끊김",
    reconnected: "서버 {server}: 다시 연결됨",
    peer_lost: "클러스터: 서버 {server}를 잃음, 사본 {copies_sent}개를 다시 보냄",
    server_added: "서버 {server} 추가",
    server_removed: "서버 {server} 제거",
    store_crashed: "세션 저장소 중단: 세션 {sessions_lost}개 사용 불가",
    store_restarted: "세션 저장소 다시 시작: 세션 {sessions_restored}개 복구",
    replica_promoted:
        "복제본이 새 주 저장소가 됨: 세션 {writes_lost}개의 마지막 쓰기와 새 세션 {sessions_lost}개 소실",
    replica_crashed: "저장소 복제본 중단",
    replica_restarted: "저장소 복제본 다시 시작",
    repinned: "{user}: 서버 {from}에서 서버 {to}(으)로 다시 고정",
    remote_fetched: "{user} → 서버 {server}: 서버 {from}에서 세션을 가져옴",
    traffic_started: "트래픽 이벤트 시작: 방문자 ×{factor}",
    traffic_ended: "트래픽 이벤트 끝",

    think_time: "생각 시간: {ms} ms",
    crash_server: "서버 {server}에 장애를 냄",
    restart_server: "서버 {server} 다시 시작 요청",
    partition_server: "서버 {server}를 다른 서버와 분리",
    reconnect_server: "서버 {server} 분리 해제",
    slow_server: "서버 {server} 처리 시간 ×{factor}",
    crash_replica: "저장소 복제본 장애",
    restart_replica: "저장소 복제본 다시 시작",
    traffic: "트래픽 이벤트: ×{factor}, {secs}초",
};
