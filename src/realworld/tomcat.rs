//! Tomcat's part of the setup for server.xml: the `<Engine>` with its `jvmRoute`, and for the cluster
//! strategies the `<Cluster>` (DeltaManager copies to all, BackupManager to one) with the model's
//! replication mode and peer-loss and remote-call timeouts.

use super::text::{Mark, Text};
use super::{header, server_name, Addresses, Lang};
use crate::model::{Config, Replication, Strategy};

/// Tribes' send options: `Channel.SEND_OPTIONS_ASYNCHRONOUS` (8), and
/// `SEND_OPTIONS_SYNCHRONIZED_ACK | SEND_OPTIONS_USE_ACK` (4 + 2).
fn send_options(replication: Replication) -> u32 {
    match replication {
        Replication::Async => 8,
        Replication::Sync => 6,
    }
}

/// The `<Engine>` of server.xml for the first server (the others differ only in `jvmRoute`), with a
/// `<Cluster>` under the cluster strategies. One well-formed XML element, comments before it.
pub fn tomcat_cluster(config: &Config, at: &Addresses, lang: Lang) -> String {
    let mut t = Text::new(lang, Mark::Xml);
    header(&mut t, config, "server.xml");
    let others = (1..at.servers.len() as u32)
        .map(server_name)
        .collect::<Vec<_>>()
        .join(", ");
    t.note(
        0,
        &format!(
            "jvmRoute names this server ({first}; on the others: {others}). Tomcat appends it to the\n\
             session id (id.{first}), so a balancer can route by it, and after a failover\n\
             JvmRouteBinderValve rewrites it to the server that took the session over.",
            first = server_name(0),
            others = if others.is_empty() { "none" } else { &others },
        ),
        &format!(
            "jvmRoute는 이 서버의 이름입니다({first}; 다른 서버: {others}). Tomcat은 이것을 세션 ID 뒤에\n\
             붙이므로(id.{first}) 로드 밸런서가 이것으로 라우팅할 수 있고, 장애 조치 후에는\n\
             JvmRouteBinderValve가 세션을 넘겨받은 서버 이름으로 바꿉니다.",
            first = server_name(0),
            others = if others.is_empty() { "없음" } else { &others },
        ),
    );
    t.line(
        0,
        &format!(
            "<Engine name=\"Catalina\" defaultHost=\"localhost\" jvmRoute=\"{}\">",
            server_name(0)
        ),
    );
    match config.strategy {
        Strategy::ClusterAll | Strategy::ClusterBackup => cluster(&mut t, config),
        Strategy::None | Strategy::Sticky => t.note(
            1,
            "No <Cluster>: each Tomcat keeps its sessions to itself (StandardManager). A request that\n\
             reaches another server finds no session; a crash loses the server's sessions.",
            "<Cluster> 없음: 각 Tomcat이 세션을 자기만 갖습니다(StandardManager). 다른 서버에 간\n\
             요청은 세션을 찾지 못하고, 서버가 죽으면 그 세션을 잃습니다.",
        ),
        Strategy::Store => t.note(
            1,
            "No <Cluster>: sessions live in the shared store through Spring Session (see the\n\
             spring-session format); Tomcat's own session manager is not used for them.",
            "<Cluster> 없음: 세션은 Spring Session을 통해 공유 저장소에 있습니다(spring-session 형식\n\
             참고). Tomcat 자체 세션 관리자는 쓰지 않습니다.",
        ),
    }
    t.line(1, "<Host name=\"localhost\" appBase=\"webapps\"/>");
    t.line(0, "</Engine>");
    t.finish()
}

fn cluster(t: &mut Text, config: &Config) {
    let timing = &config.timing;
    let options = send_options(config.replication);
    match config.replication {
        Replication::Async => t.note(
            1,
            &format!(
                "channelSendOptions=\"{options}\" (asynchronous): the response leaves before the copies\n\
                 arrive ({} ms one way here). Trap: a click that reaches another server within that window\n\
                 finds the old session (a lost update or a false logout); sticky routing on top avoids it.",
                config.replication_lag_ms
            ),
            &format!(
                "channelSendOptions=\"{options}\"(비동기): 복사본이 도착하기 전에 응답이 나갑니다(여기서는\n\
                 편도 {} ms). 함정: 그 사이 다른 서버에 도착한 클릭은 옛 세션을 봅니다(갱신 유실이나 잘못된\n\
                 로그아웃). 그 위에 고정 라우팅을 더하면 피할 수 있습니다.",
                config.replication_lag_ms
            ),
        ),
        Replication::Sync => t.note(
            1,
            &format!(
                "channelSendOptions=\"{options}\" (synchronous, acknowledged): the response waits until\n\
                 every copy is acknowledged, so no server ever reads an old session; each request pays\n\
                 the round trip ({} ms one way here).",
                config.replication_lag_ms
            ),
            &format!(
                "channelSendOptions=\"{options}\"(동기, 확인 응답): 모든 복사본이 확인될 때까지 응답을\n\
                 기다리므로 어떤 서버도 옛 세션을 읽지 않습니다. 대신 요청마다 왕복 시간이 듭니다(여기서는\n\
                 편도 {} ms).",
                config.replication_lag_ms
            ),
        ),
    }
    t.line(
        1,
        &format!(
            "<Cluster className=\"org.apache.catalina.ha.tcp.SimpleTcpCluster\" channelSendOptions=\"{options}\">"
        ),
    );
    match config.strategy {
        Strategy::ClusterBackup => {
            t.note(
                2,
                &format!(
                    "BackupManager: one full copy on one other server, only the key on the rest: memory\n\
                     stays flat as servers are added. A server without the full copy fetches it with a\n\
                     remote call (rpcTimeout {} ms).",
                    timing.remote_timeout_ms
                ),
                &format!(
                    "BackupManager: 다른 한 서버에만 전체 사본, 나머지에는 키만 둡니다: 서버를 늘려도 메모리가\n\
                     그대로입니다. 전체 사본이 없는 서버는 원격 호출로 가져옵니다(rpcTimeout {} ms).",
                    timing.remote_timeout_ms
                ),
            );
            t.line(
                2,
                &format!(
                    "<Manager className=\"org.apache.catalina.ha.session.BackupManager\" \
                     mapSendOptions=\"{options}\" rpcTimeout=\"{}\" expireSessionsOnShutdown=\"false\" \
                     notifyListenersOnReplication=\"true\"/>",
                    timing.remote_timeout_ms
                ),
            );
        }
        Strategy::ClusterAll | Strategy::None | Strategy::Sticky | Strategy::Store => {
            t.note(
                2,
                "DeltaManager: every change is copied to every server. Trap: memory and traffic grow\n\
                 with the number of servers (each holds every session); past a handful of servers use\n\
                 BackupManager or a store.",
                "DeltaManager: 모든 변경을 모든 서버에 복사합니다. 함정: 메모리와 트래픽이 서버 수에 비례해\n\
                 늘어납니다(각 서버가 모든 세션을 가짐). 서버가 몇 대를 넘으면 BackupManager나 저장소를\n\
                 쓰십시오.",
            );
            t.line(
                2,
                "<Manager className=\"org.apache.catalina.ha.session.DeltaManager\" \
                 expireSessionsOnShutdown=\"false\" notifyListenersOnReplication=\"true\"/>",
            );
        }
    }
    t.line(
        2,
        "<Channel className=\"org.apache.catalina.tribes.group.GroupChannel\">",
    );
    t.note(
        3,
        &format!(
            "A peer silent for dropTime ({} ms) is dropped from the cluster; its sessions are served by\n\
             the copies elsewhere.",
            timing.peer_loss_ms
        ),
        &format!(
            "dropTime({} ms) 동안 소식이 없는 서버는 클러스터에서 빠지고, 그 세션은 다른 곳의 사본이\n\
             응답합니다.",
            timing.peer_loss_ms
        ),
    );
    t.line(
        3,
        &format!(
            "<Membership className=\"org.apache.catalina.tribes.membership.McastService\" \
             address=\"228.0.0.4\" port=\"45564\" frequency=\"500\" dropTime=\"{}\"/>",
            timing.peer_loss_ms
        ),
    );
    t.line(
        3,
        "<Receiver className=\"org.apache.catalina.tribes.transport.nio.NioReceiver\" address=\"auto\" \
         port=\"4000\" autoBind=\"100\" selectorTimeout=\"5000\" maxThreads=\"6\"/>\n\
         <Sender className=\"org.apache.catalina.tribes.transport.ReplicationTransmitter\">",
    );
    t.line(
        4,
        "<Transport className=\"org.apache.catalina.tribes.transport.nio.PooledParallelSender\"/>",
    );
    t.line(3, "</Sender>");
    t.line(
        3,
        "<Interceptor className=\"org.apache.catalina.tribes.group.interceptors.TcpFailureDetector\"/>\n\
         <Interceptor className=\"org.apache.catalina.tribes.group.interceptors.MessageDispatchInterceptor\"/>",
    );
    t.line(2, "</Channel>");
    t.note(
        2,
        "Replicate after every request that touched the session (static files excluded), and move\n\
         the jvmRoute of a session taken over after a failover. The web application must also be\n\
         marked <distributable/> in its web.xml, or nothing is replicated.",
        "세션을 건드린 요청마다 복제하고(정적 파일 제외), 장애 조치로 넘겨받은 세션의 jvmRoute를\n\
         옮깁니다. 웹 애플리케이션의 web.xml에도 <distributable/>이 있어야 하며, 없으면 아무것도\n\
         복제되지 않습니다.",
    );
    t.line(
        2,
        "<Valve className=\"org.apache.catalina.ha.tcp.ReplicationValve\" \
         filter=\".*\\.gif|.*\\.js|.*\\.jpeg|.*\\.jpg|.*\\.png|.*\\.htm|.*\\.html|.*\\.css|.*\\.txt\"/>\n\
         <Valve className=\"org.apache.catalina.ha.session.JvmRouteBinderValve\"/>\n\
         <ClusterListener className=\"org.apache.catalina.ha.session.ClusterSessionListener\"/>",
    );
    t.line(1, "</Cluster>");
}
