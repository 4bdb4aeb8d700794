//! A complete haproxy.cfg for the setup: the backend's balancing, stickiness by an inserted cookie or
//! by source address, active health checks and redispatch, with the model's timings.

use super::text::{Mark, Text};
use super::{
    duration, header, server_name, sticky_cookie_places_first_requests, Addresses, Lang,
    SESSION_COOKIE,
};
use crate::model::{Balancer, Config, StickyBy, Strategy};

/// A complete haproxy.cfg (`haproxy -c` accepts it) for `config`, its servers at `at`.
pub fn haproxy_conf(config: &Config, at: &Addresses, lang: Lang) -> String {
    let mut t = Text::new(lang, Mark::Hash);
    header(&mut t, config, "haproxy.cfg");
    t.line(0, "global");
    t.line(1, "maxconn 4096");
    if let Some(dir) = &at.prefix {
        t.line(1, &format!("pidfile {dir}/haproxy.pid"));
    }
    t.blank();
    t.line(0, "defaults");
    t.line(1, "mode http");
    t.line(1, "timeout connect 5s");
    t.line(1, "timeout client 30s");
    t.line(1, "timeout server 30s");
    t.note(
        1,
        "A refused or failed connection is tried again (retries), the last time on another server\n\
         (redispatch): the client sees no error. Only connection failures are retried (HAProxy's\n\
         default `retry-on conn-failure`): a POST already sent to a server that dies gets a 502, as\n\
         it should, since it may have been applied.",
        "연결이 거부되거나 실패하면 다시 시도하고(retries), 마지막 시도는 다른 서버로 보냅니다\n\
         (redispatch): 클라이언트는 오류를 보지 않습니다. 연결 실패만 재시도하므로(HAProxy 기본값\n\
         `retry-on conn-failure`) 이미 보낸 POST는 서버가 죽으면 502를 받습니다. 이미 처리됐을 수\n\
         있으니 그래야 맞습니다.",
    );
    t.line(1, "retries 3");
    t.line(1, "option redispatch");
    t.blank();
    t.line(0, "frontend web");
    t.line(1, &format!("bind {}", at.listen));
    t.line(1, "default_backend app");
    t.blank();
    t.line(0, "backend app");
    balance(&mut t, config);
    let cookie = config.strategy == Strategy::Sticky && config.sticky_by == StickyBy::Cookie;
    if cookie {
        t.note(
            1,
            "Sticky by cookie: HAProxy adds `SERVERID=<server>` to the first response (insert), strips\n\
             it before the server sees it (indirect) and keeps caches from storing it (nocache).\n\
             If that server is down, option redispatch sends the user to another one, which pins them\n\
             there: the session stayed on the dead server, so the user logs in again.",
            "쿠키 기준 고정: HAProxy가 첫 응답에 `SERVERID=<서버>`를 넣고(insert), 서버에 보내기 전에\n\
             지우며(indirect), 캐시가 저장하지 못하게 합니다(nocache).\n\
             그 서버가 죽으면 option redispatch가 사용자를 다른 서버로 보내고 그곳에 고정합니다:\n\
             세션은 죽은 서버에 있었으므로 사용자는 다시 로그인합니다.",
        );
        t.line(1, "cookie SERVERID insert indirect nocache");
    }
    let inter = duration(u64::from(config.timing.health_check_interval_ms));
    let fall = config.timing.health_check_failures.max(1);
    t.note(
        1,
        &format!(
            "Active health checks: a connection every {inter}; {fall} failures in a row mark the server\n\
             down, 2 successes bring it back. Until then (up to about {fall} x {inter}) requests still\n\
             reach a dead server and are redispatched."
        ),
        &format!(
            "능동 헬스 체크: {inter}마다 연결해 보고, {fall}번 연속 실패하면 서버를 down으로, 2번 성공하면\n\
             다시 up으로 표시합니다. 그 전까지(최대 약 {fall} x {inter}) 요청은 죽은 서버로 가서 다른\n\
             서버로 재분배됩니다."
        ),
    );
    for (i, address) in at.servers.iter().enumerate() {
        let name = server_name(i as u32);
        t.line(
            1,
            &format!(
                "server {name} {address} check inter {inter} fall {fall} rise 2{}",
                if cookie {
                    format!(" cookie {name}")
                } else {
                    String::new()
                }
            ),
        );
    }
    t.finish()
}

fn balance(t: &mut Text, config: &Config) {
    if config.strategy == Strategy::Sticky && config.sticky_by == StickyBy::Ip {
        t.note(
            1,
            "Sticky by address: a hash of the client address picks the server. HAProxy hashes the whole\n\
             address (nginx's ip_hash only its first three octets).\n\
             Trap: behind NAT or a corporate proxy a whole office is one address and lands on one server\n\
             (a hot spot); a phone that changes networks changes server; when the number of servers\n\
             changes, most users are rehashed and lose their sessions.",
            "주소 기준 고정: 클라이언트 주소의 해시가 서버를 고릅니다. HAProxy는 주소 전체를 해시합니다\n\
             (nginx의 ip_hash는 앞 세 옥텟만).\n\
             함정: NAT나 회사 프록시 뒤에서는 사무실 전체가 한 주소라 한 서버에 몰립니다(핫스폿).\n\
             네트워크를 바꾼 휴대폰은 서버가 바뀌고, 서버 수가 바뀌면 대부분의 사용자가 다시 해시되어\n\
             세션을 잃습니다.",
        );
        t.line(1, "balance source");
        return;
    }
    if config.strategy == Strategy::Sticky {
        sticky_cookie_places_first_requests(t, 1);
    }
    match config.balancer {
        Balancer::RoundRobin => {
            t.note(
                1,
                "Round robin: each request goes to the next server in turn. Trap: it spreads requests,\n\
                 not users; without shared sessions a user's next request reaches another server.",
                "라운드 로빈: 요청마다 다음 서버로 차례로 보냅니다. 함정: 사용자가 아니라 요청을 나눕니다.\n\
                 세션을 공유하지 않으면 사용자의 다음 요청은 다른 서버로 갑니다.",
            );
            t.line(1, "balance roundrobin");
        }
        Balancer::LeastConnections => {
            t.note(
                1,
                "Least connections: the server with the fewest connections in progress (ties in turn).\n\
                 Trap: like round robin it ignores whose session is where.",
                "최소 연결: 처리 중인 연결이 가장 적은 서버(같으면 차례로).\n\
                 함정: 라운드 로빈처럼 누구의 세션이 어디 있는지는 보지 않습니다.",
            );
            t.line(1, "balance leastconn");
        }
        Balancer::Random => {
            t.note(
                1,
                "Random: a server drawn at random for each request. Trap: it ignores sessions too.",
                "무작위: 요청마다 서버를 무작위로 고릅니다. 함정: 이것도 세션을 보지 않습니다.",
            );
            t.line(1, "balance random");
        }
        Balancer::IpHash => {
            t.note(
                1,
                "Source hash: the same client address always reaches the same server (the whole address;\n\
                 nginx's ip_hash uses the first three octets). Trap: behind NAT a whole office is one\n\
                 address and lands on one server (a hot spot).",
                "출발지 해시: 같은 클라이언트 주소는 항상 같은 서버로 갑니다(주소 전체; nginx의 ip_hash는\n\
                 앞 세 옥텟). 함정: NAT 뒤에서는 사무실 전체가 한 주소라 한 서버에 몰립니다(핫스폿).",
            );
            t.line(1, "balance source");
        }
        Balancer::CookieHash | Balancer::CookieHashConsistent => {
            t.note(
                1,
                &format!(
                    "Hash of the session cookie alone (`hdr(Cookie)` would hash every cookie of the\n\
                     request, so any other cookie would move the user); a request without {SESSION_COOKIE}\n\
                     (the first one) goes round robin.\n\
                     Trap: the server that creates a session is rarely the one its id hashes to, so the\n\
                     next request goes elsewhere unless the servers share sessions or adopt the id they\n\
                     are given; a new id at login moves the user again."
                ),
                &format!(
                    "세션 쿠키만 해시합니다(`hdr(Cookie)`는 요청의 모든 쿠키를 해시하므로 다른 쿠키 하나로도\n\
                     사용자가 옮겨집니다). {SESSION_COOKIE}이 없는 요청(첫 요청)은 라운드 로빈으로 갑니다.\n\
                     함정: 세션을 만든 서버가 그 ID의 해시가 가리키는 서버인 경우는 드물어서, 서버들이 세션을\n\
                     공유하거나 받은 ID를 그대로 채택하지 않으면 다음 요청은 다른 서버로 갑니다. 로그인 때\n\
                     ID가 바뀌면 사용자가 또 옮겨집니다."
                ),
            );
            t.line(1, &format!("balance hash req.cook({SESSION_COOKIE})"));
            if config.balancer == Balancer::CookieHashConsistent {
                t.note(
                    1,
                    "Consistent hashing: adding a server to N remaps about 1/(N+1) of the sessions, where\n\
                     map-based hashing remaps about N/(N+1).",
                    "일관 해시: N대에 서버를 하나 더하면 세션의 약 1/(N+1)만 옮겨집니다. map-based 해시는\n\
                     약 N/(N+1)을 옮깁니다.",
                );
                t.line(1, "hash-type consistent");
            } else {
                t.note(
                    1,
                    "Map-based (modulo) hashing: adding or removing a server remaps most sessions.",
                    "map-based(나머지) 해시: 서버를 더하거나 빼면 대부분의 세션이 옮겨집니다.",
                );
                t.line(1, "hash-type map-based");
            }
        }
    }
}
