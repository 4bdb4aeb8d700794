//! A complete nginx.conf for the setup: the upstream with the model's balancer, stickiness (by a route
//! cookie or by address), passive failure detection and retries, as open-source nginx does them.

use super::text::{Mark, Text};
use super::{
    duration, header, server_name, sticky_cookie_places_first_requests, Addresses, Lang,
    SESSION_COOKIE,
};
use crate::model::{Balancer, Config, StickyBy, Strategy};

/// The upstream every request without a usable route goes to.
const POOL: &str = "app";

/// A complete nginx.conf (`nginx -t` accepts it) for `config`, its servers at `at`.
pub fn nginx_conf(config: &Config, at: &Addresses, lang: Lang) -> String {
    let mut t = Text::new(lang, Mark::Hash);
    header(&mut t, config, "nginx.conf");
    main_context(&mut t, at);
    t.blank();
    t.line(0, "http {");
    http_context(&mut t, at);
    t.blank();
    upstream_pool(&mut t, config, at);
    let route_cookie = config.strategy == Strategy::Sticky && config.sticky_by == StickyBy::Cookie;
    if route_cookie {
        t.blank();
        route_upstreams(&mut t, config, at);
    }
    t.blank();
    server_block(&mut t, at, route_cookie);
    t.line(0, "}");
    t.finish()
}

fn main_context(t: &mut Text, at: &Addresses) {
    t.line(0, "worker_processes auto;");
    match &at.prefix {
        Some(dir) => {
            t.note(
                0,
                "A private instance: pid and logs under its own directory, not the system's.",
                "별도 인스턴스: pid와 로그를 시스템 경로가 아닌 자체 디렉터리에 둡니다.",
            );
            t.line(0, &format!("pid {dir}/nginx.pid;"));
            t.line(0, &format!("error_log {dir}/error.log warn;"));
        }
        None => {
            t.line(0, "pid /run/nginx.pid;");
            t.line(0, "error_log /var/log/nginx/error.log warn;");
        }
    }
    t.blank();
    t.line(0, "events {\n    worker_connections 1024;\n}");
}

fn http_context(t: &mut Text, at: &Addresses) {
    match &at.prefix {
        Some(dir) => {
            t.line(1, &format!("access_log {dir}/access.log;"));
            for (directive, sub) in [
                ("client_body_temp_path", "client_body"),
                ("proxy_temp_path", "proxy"),
                ("fastcgi_temp_path", "fastcgi"),
                ("uwsgi_temp_path", "uwsgi"),
                ("scgi_temp_path", "scgi"),
            ] {
                t.line(1, &format!("{directive} {dir}/{sub};"));
            }
        }
        None => t.line(1, "access_log /var/log/nginx/access.log;"),
    }
}

/// The balancing method line of the pool, with its comment.
fn method(t: &mut Text, config: &Config) {
    if config.strategy == Strategy::Sticky && config.sticky_by == StickyBy::Ip {
        t.note(
            2,
            "Sticky by address: the same client address always reaches the same server (nginx hashes\n\
             the first three octets of an IPv4 address, so a whole /24 counts as one client).\n\
             Trap: behind NAT or a corporate proxy, a whole office arrives from one address and lands\n\
             on one server (a hot spot); a phone that changes networks changes server and loses its\n\
             session; when a server goes down, its users are rehashed and lose theirs.",
            "주소 기준 고정: 같은 클라이언트 주소는 항상 같은 서버로 갑니다(nginx는 IPv4 주소의 앞\n\
             세 옥텟을 해시하므로 /24 전체가 한 클라이언트로 취급됩니다).\n\
             함정: NAT나 회사 프록시 뒤에서는 사무실 전체가 한 주소로 와서 한 서버에 몰립니다(핫스폿).\n\
             네트워크를 바꾼 휴대폰은 서버가 바뀌어 세션을 잃고, 서버가 내려가면 그 사용자들은 다시\n\
             해시되어 세션을 잃습니다.",
        );
        t.line(2, "ip_hash;");
        return;
    }
    if config.strategy == Strategy::Sticky {
        sticky_cookie_places_first_requests(t, 2);
    }
    match config.balancer {
        Balancer::RoundRobin => t.note(
            2,
            "Round robin (nginx's default, no directive): each request goes to the next server in turn.\n\
             Trap: it spreads requests, not users; without shared sessions a user's next request\n\
             reaches another server (N-1 times out of N).",
            "라운드 로빈(nginx 기본값, 지시어 없음): 요청마다 다음 서버로 차례로 보냅니다.\n\
             함정: 사용자가 아니라 요청을 나눕니다. 세션을 공유하지 않으면 사용자의 다음 요청은\n\
             N번 중 N-1번 다른 서버로 갑니다.",
        ),
        Balancer::LeastConnections => {
            t.note(
                2,
                "Least connections: each request goes to the server with the fewest requests in progress\n\
                 (ties in turn). Trap: like round robin it ignores whose session is where.",
                "최소 연결: 처리 중인 요청이 가장 적은 서버로 보냅니다(같으면 차례로).\n\
                 함정: 라운드 로빈처럼 누구의 세션이 어디 있는지는 보지 않습니다.",
            );
            t.line(2, "least_conn;");
        }
        Balancer::Random => {
            t.note(
                2,
                "Random: each request goes to a server drawn at random. Trap: it ignores sessions too.",
                "무작위: 요청마다 서버를 무작위로 고릅니다. 함정: 이것도 세션을 보지 않습니다.",
            );
            t.line(2, "random;");
        }
        Balancer::IpHash => {
            t.note(
                2,
                "IP hash: the same client address (its first three octets) always reaches the same server.\n\
                 Trap: behind NAT a whole office is one address and lands on one server (a hot spot).",
                "IP 해시: 같은 클라이언트 주소(앞 세 옥텟)는 항상 같은 서버로 갑니다.\n\
                 함정: NAT 뒤에서는 사무실 전체가 한 주소라 한 서버에 몰립니다(핫스폿).",
            );
            t.line(2, "ip_hash;");
        }
        Balancer::CookieHash | Balancer::CookieHashConsistent => {
            let consistent = config.balancer == Balancer::CookieHashConsistent;
            t.note(
                2,
                "Hash of the session cookie: the same session id always reaches the same server; a\n\
                 request without the cookie (the first one) goes round robin.\n\
                 Trap: the server that creates a session is rarely the one its id hashes to, so the\n\
                 next request goes elsewhere unless the servers share sessions or adopt the id they are\n\
                 given; a new id at login moves the user again.",
                "세션 쿠키 해시: 같은 세션 ID는 항상 같은 서버로 갑니다. 쿠키가 없는 요청(첫 요청)은\n\
                 라운드 로빈으로 갑니다.\n\
                 함정: 세션을 만든 서버가 그 ID의 해시가 가리키는 서버인 경우는 드물어서, 서버들이 세션을\n\
                 공유하거나 받은 ID를 그대로 채택하지 않으면 다음 요청은 다른 서버로 갑니다. 로그인 때 ID가\n\
                 바뀌면 사용자가 또 옮겨집니다.",
            );
            if consistent {
                t.note(
                    2,
                    "consistent (ketama ring): adding a server to N remaps about 1/(N+1) of the sessions,\n\
                     where the plain modulo hash remaps about N/(N+1).",
                    "consistent(ketama 링): N대에 서버를 하나 더하면 세션의 약 1/(N+1)만 옮겨집니다.\n\
                     일반 나머지 해시는 약 N/(N+1)을 옮깁니다.",
                );
                t.line(2, &format!("hash $cookie_{SESSION_COOKIE} consistent;"));
            } else {
                t.note(
                    2,
                    "Modulo hash: adding or removing a server remaps most sessions (about N/(N+1)).",
                    "나머지 해시: 서버를 더하거나 빼면 대부분의 세션(약 N/(N+1))이 옮겨집니다.",
                );
                t.line(2, &format!("hash $cookie_{SESSION_COOKIE};"));
            }
        }
    }
}

/// `server ADDR max_fails=1 fail_timeout=T`: passive failure detection from the model's fail timeout.
fn server_line(config: &Config, address: &str, backup: bool) -> String {
    format!(
        "server {address} max_fails=1 fail_timeout={}{};",
        duration(u64::from(config.timing.fail_timeout_ms)),
        if backup { " backup" } else { "" }
    )
}

fn upstream_pool(t: &mut Text, config: &Config, at: &Addresses) {
    t.line(1, &format!("upstream {POOL} {{"));
    t.note(
        2,
        "Shared memory: every worker process sees the same failures and the same round-robin turn\n\
         (without it each worker keeps its own, and finds a dead server on its own).",
        "공유 메모리: 모든 워커 프로세스가 같은 실패 기록과 같은 라운드 로빈 순번을 봅니다(없으면\n\
         워커마다 따로 갖고, 죽은 서버도 워커마다 따로 알아냅니다).",
    );
    t.line(2, &format!("zone {POOL} 64k;"));
    method(t, config);
    t.note(
        2,
        &format!(
            "max_fails=1 fail_timeout={0}: one failed attempt (refused connection, timeout) and nginx\n\
             skips the server for {0}, then tries it again with a live request. This is passive:\n\
             open-source nginx has no active health checks (HAProxy's `check` has).",
            duration(u64::from(config.timing.fail_timeout_ms))
        ),
        &format!(
            "max_fails=1 fail_timeout={0}: 한 번 실패하면(연결 거부, 시간 초과) nginx는 그 서버를 {0} 동안\n\
             건너뛰고, 그 뒤 실제 요청으로 다시 시도합니다. 수동 방식입니다: 오픈 소스 nginx에는 능동\n\
             헬스 체크가 없습니다(HAProxy의 `check`에는 있습니다).",
            duration(u64::from(config.timing.fail_timeout_ms))
        ),
    );
    for address in &at.servers {
        t.line(2, &server_line(config, address, false));
    }
    t.line(1, "}");
}

/// Stickiness by a route cookie, without nginx Plus's `sticky`: one upstream per server (that server
/// first, the others as backups), chosen by the `route` cookie; the cookie is set by nginx itself on
/// the response, naming the server that answered (as the model's balancer sets it).
fn route_upstreams(t: &mut Text, config: &Config, at: &Addresses) {
    t.note(
        1,
        "Sticky by a route cookie. Open-source nginx has no `sticky` directive (nginx Plus has), so:\n\
         1. every response sets `route=<server>` naming the server that answered ($route_cookie below,\n\
            from $upstream_addr; the application needs no change);\n\
         2. the next request's `route` cookie picks an upstream where that server comes first and the\n\
            others are `backup`s;\n\
         3. a request without the cookie, or with an unknown value, goes to the pool `app`.\n\
         If the pinned server is down, a backup answers and the new cookie pins the user there: the\n\
         session stayed on the dead server, so the user logs in again.",
        "route 쿠키로 고정. 오픈 소스 nginx에는 `sticky` 지시어가 없으므로(nginx Plus에만 있음):\n\
         1. 모든 응답이 응답한 서버 이름으로 `route=<서버>`를 설정합니다(아래 $route_cookie,\n\
            $upstream_addr에서 계산; 애플리케이션은 바꿀 것이 없습니다).\n\
         2. 다음 요청의 `route` 쿠키가 그 서버를 먼저, 나머지를 `backup`으로 둔 upstream을 고릅니다.\n\
         3. 쿠키가 없거나 모르는 값이면 `app` 풀로 갑니다.\n\
         고정된 서버가 죽으면 backup이 응답하고 새 쿠키가 사용자를 그곳에 고정합니다: 세션은 죽은\n\
         서버에 있었으므로 사용자는 다시 로그인합니다.",
    );
    for (i, address) in at.servers.iter().enumerate() {
        let name = format!("{POOL}_{}", server_name(i as u32));
        t.line(1, &format!("upstream {name} {{"));
        t.line(2, &format!("zone {name} 64k;"));
        t.line(2, &server_line(config, address, false));
        for other in at.servers.iter().filter(|a| *a != address) {
            t.line(2, &server_line(config, other, true));
        }
        t.line(1, "}");
    }
    t.blank();
    t.line(1, "map $cookie_route $route_upstream {");
    t.line(2, &format!("default {POOL};"));
    for i in 0..at.servers.len() as u32 {
        let name = server_name(i);
        t.line(2, &format!("{name} {POOL}_{name};"));
    }
    t.line(1, "}");
    t.blank();
    t.line(1, "map $upstream_addr $route_cookie {");
    t.note(
        2,
        "After a retry $upstream_addr lists every server tried (\"a, b\"): the last one answered.",
        "재시도 후 $upstream_addr에는 시도한 서버가 모두 나옵니다(\"a, b\"): 마지막 서버가 응답한 것입니다.",
    );
    t.line(2, "default \"\";");
    for (i, address) in at.servers.iter().enumerate() {
        t.line(
            2,
            &format!(
                "\"~(^|, ){}$\" \"route={}; Path=/; HttpOnly\";",
                address.replace('.', "\\."),
                server_name(i as u32)
            ),
        );
    }
    t.line(1, "}");
}

fn server_block(t: &mut Text, at: &Addresses, route_cookie: bool) {
    t.line(1, "server {");
    t.line(2, &format!("listen {};", at.listen));
    t.blank();
    t.line(2, "location / {");
    if route_cookie {
        t.line(3, "proxy_pass http://$route_upstream;");
        t.line(3, "add_header Set-Cookie $route_cookie always;");
    } else {
        t.line(3, &format!("proxy_pass http://{POOL};"));
    }
    t.line(3, "proxy_set_header Host $host;");
    t.line(
        3,
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
    );
    t.blank();
    t.note(
        3,
        "A refused connection or a timeout passes the request to the next server: the client sees\n\
         no error. `non_idempotent` is left out on purpose: a POST already sent to a server that dies\n\
         is not sent again (it may have been applied), so the client gets a 502; a GET is retried.",
        "연결 거부나 시간 초과면 요청을 다음 서버로 넘깁니다: 클라이언트는 오류를 보지 않습니다.\n\
         `non_idempotent`는 일부러 뺐습니다: 이미 보낸 POST는 서버가 죽어도 다시 보내지 않으므로(이미\n\
         처리됐을 수 있음) 클라이언트는 502를 받고, GET은 다른 서버로 재시도됩니다.",
    );
    t.line(3, "proxy_next_upstream error timeout;");
    t.line(2, "}");
    t.line(1, "}");
}
