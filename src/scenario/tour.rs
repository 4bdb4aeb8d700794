//! The guided tour (DESIGN.md section 1): one step per idea, from the problem to each fix and its
//! weakness. Pure data: every step is a scenario the model really runs, a moment to pause at and ask the
//! viewer to predict, and an answer that the model's own numbers then show (tests/tour_steps.rs checks
//! each claim against the model).

use super::{Scenario, TimedCommand};
use crate::model::{
    Balancer, Command, Config, Micros, Persistence, Replication, StickyBy, StoreKind, Strategy, MS,
    SECOND,
};

pub struct TourStep {
    /// A stable, URL-safe name for the step (keys, anchors, test names).
    pub id: &'static str,
    pub title_en: &'static str,
    pub title_ko: &'static str,
    /// What is on screen and why (shown when the step opens).
    pub caption_en: &'static str,
    pub caption_ko: &'static str,
    /// The prediction prompt, asked while the simulation is paused at `pause_at`.
    pub question_en: &'static str,
    pub question_ko: &'static str,
    /// What happened, shown once the viewer asks to see it.
    pub answer_en: &'static str,
    pub answer_ko: &'static str,
    /// The step's world. Its `duration` is the end of the reveal window.
    pub scenario: Scenario,
    /// The app advances the step's simulation to this model time, pauses, and asks the question.
    pub pause_at: Micros,
    /// data-testids to mark (class `tour-highlight`) once the answer is revealed.
    pub highlight: Vec<&'static str>,
}

impl TourStep {
    /// End of the reveal window: after "show me", playing up to here shows the answer.
    pub fn reveal_until(&self) -> Micros {
        self.scenario.duration
    }

    pub fn title(&self, korean: bool) -> &'static str {
        pick(korean, self.title_en, self.title_ko)
    }
    pub fn caption(&self, korean: bool) -> &'static str {
        pick(korean, self.caption_en, self.caption_ko)
    }
    pub fn question(&self, korean: bool) -> &'static str {
        pick(korean, self.question_en, self.question_ko)
    }
    pub fn answer(&self, korean: bool) -> &'static str {
        pick(korean, self.answer_en, self.answer_ko)
    }
}

fn pick(korean: bool, en: &'static str, ko: &'static str) -> &'static str {
    if korean {
        ko
    } else {
        en
    }
}

/// Sessions the server of step 3 has memory for: small on purpose, so the ceiling is reached on screen.
pub const CEILING_SESSIONS: u64 = 200;

/// When the crash of the crash steps happens.
const CRASH: Micros = 8 * SECOND;
/// When step 3's sale starts.
const SALE_STARTS: Micros = 5 * SECOND;
/// When step 11 adds a server.
const SCALE_OUT: Micros = 6 * SECOND;
/// Users of the office behind one NAT address (step 6).
const OFFICE_USERS: u32 = 12;

/// A few named users clicking at a pace the eye can follow.
const fn classroom(strategy: Strategy, servers: u32, users: u32) -> Config {
    Config {
        strategy,
        servers,
        users,
        balancer: Balancer::RoundRobin,
        think_time_ms: 1_500,
        ..Config::DEFAULT
    }
}

/// Step 1's world: the problem itself.
const fn problem() -> Config {
    classroom(Strategy::None, 3, 2)
}

/// Step 3's world: one server with memory for `CEILING_SESSIONS`.
const fn ceiling_config() -> Config {
    let mut config = classroom(Strategy::None, 1, 40);
    config.think_time_ms = 1_000;
    config.timing.server_memory_bytes = CEILING_SESSIONS * config.timing.full_session_bytes as u64;
    config
}

/// The sticky world of steps 4 and 5.
const fn sticky_cookie() -> Config {
    Config {
        sticky_by: StickyBy::Cookie,
        ..classroom(Strategy::Sticky, 3, 6)
    }
}

/// The cluster of steps 7 and 8. `lag_ms` is the one-way delay of a replication message.
const fn cluster_all(replication: Replication, lag_ms: u32) -> Config {
    Config {
        replication,
        replication_lag_ms: lag_ms,
        think_time_ms: 800,
        ..classroom(Strategy::ClusterAll, 3, 6)
    }
}

/// The external store of steps 11 to 14.
const fn store(replica: bool) -> Config {
    Config {
        store_kind: StoreKind::Memory,
        store_persistence: Persistence::None,
        store_replica: replica,
        ..classroom(Strategy::Store, 3, 8)
    }
}

/// Step 13's world: a store with a replica.
const fn failover_config() -> Config {
    let mut config = store(true);
    // Sentinel's 30 s detection would make the class wait; the effect is the same with 5 s.
    config.timing.store_failover_ms = 5_000;
    config.think_time_ms = 500;
    config.users = 20;
    config
}

/// A step as constant data (the fields of `TourStep`, its scenario spelled out). One table and one
/// conversion instead of code building each step: smaller page (issue 4).
struct Step {
    id: &'static str,
    title_en: &'static str,
    title_ko: &'static str,
    caption_en: &'static str,
    caption_ko: &'static str,
    question_en: &'static str,
    question_ko: &'static str,
    answer_en: &'static str,
    answer_ko: &'static str,
    config: Config,
    duration: Micros,
    timeline: &'static [(Micros, Command)],
    pause_at: Micros,
    highlight: &'static [&'static str],
}

pub fn steps() -> Vec<TourStep> {
    STEPS.iter().map(TourStep::from).collect()
}

impl From<&Step> for TourStep {
    fn from(step: &Step) -> TourStep {
        TourStep {
            id: step.id,
            title_en: step.title_en,
            title_ko: step.title_ko,
            caption_en: step.caption_en,
            caption_ko: step.caption_ko,
            question_en: step.question_en,
            question_ko: step.question_ko,
            answer_en: step.answer_en,
            answer_ko: step.answer_ko,
            scenario: Scenario {
                config: step.config.clone(),
                duration: step.duration,
                timeline: step
                    .timeline
                    .iter()
                    .map(|(at, command)| TimedCommand {
                        at: *at,
                        command: command.clone(),
                    })
                    .collect(),
            },
            pause_at: step.pause_at,
            highlight: step.highlight.to_vec(),
        }
    }
}

/// How many steps the tour has: `?tour=N` names one of them, counting from 1.
pub const STEP_COUNT: usize = 14;

/// The steps in order.
static STEPS: [Step; STEP_COUNT] = [
    Step {
        id: "problem",
        title_en: "The problem: session mismatch",
        title_ko: "문제: 세션 불일치",
        caption_en: "Three application servers sit behind a load balancer that hands out requests in turn \
            (round robin). Each server keeps sessions in its own memory. userA has just logged in on \
            server A, so userA's session exists only there.",
        caption_ko: "로드 밸런서 뒤에 애플리케이션 서버 세 대가 있고, 로드 밸런서는 요청을 차례대로(라운드 \
            로빈) 나눠 줍니다. 세션은 서버마다 자기 메모리에 따로 보관합니다. userA가 방금 서버 A에서 \
            로그인했으니, userA의 세션은 서버 A에만 있습니다.",
        question_en: "userA now clicks \"like\". Which server answers, and what does it say?",
        question_ko: "이제 userA가 '좋아요'를 누릅니다. 어느 서버가 응답하고, 뭐라고 답할까요?",
        answer_en: "The balancer passes the click to the next server in turn, which has never heard of \
            userA's session: 401, back to the login page. That is a session mismatch, and it keeps \
            happening to everyone — watch the counter.",
        answer_ko: "로드 밸런서는 클릭을 차례상 다음 서버로 보냅니다. 그 서버는 userA의 세션을 본 적이 \
            없으니 401을 돌려주고, userA는 로그인 화면으로 돌아갑니다. 이것이 세션 불일치입니다. 모든 \
            사용자에게 계속 일어나니 카운터를 지켜보세요.",
        config: problem(),
        duration: 20 * SECOND,
        timeline: &[],
        pause_at: 200 * MS,
        highlight: &["server-1", "metric-mismatches"],
    },
    Step {
        id: "one-server",
        title_en: "Fix 1: one server again",
        title_ko: "해결책 1: 다시 서버 한 대로",
        caption_en: "The simplest fix: go back to a single server. The same users click the same way, but \
            every request now lands where every session is.",
        caption_ko: "가장 단순한 해결책은 서버를 다시 한 대로 줄이는 것입니다. 같은 사용자가 똑같이 \
            클릭하지만, 이제 모든 요청이 모든 세션이 있는 곳으로 갑니다.",
        question_en: "How many session mismatches will there be now?",
        question_ko: "이번에는 세션 불일치가 몇 번 일어날까요?",
        answer_en: "None: with one server there is nowhere else to go. But that one machine's memory and CPU \
            are now the limit of the whole site — see the next step.",
        answer_ko: "한 번도 없습니다. 서버가 하나뿐이니 엇갈릴 곳이 없습니다. 하지만 이제 그 한 대의 \
            메모리와 CPU가 사이트 전체의 한계입니다. 다음 단계에서 확인해 보세요.",
        config: classroom(Strategy::None, 1, 2),
        duration: 20 * SECOND,
        timeline: &[],
        pause_at: 300 * MS,
        highlight: &["server-0", "metric-mismatches"],
    },
    Step {
        id: "one-server-ceiling",
        title_en: "One server's ceiling",
        title_ko: "서버 한 대의 한계",
        caption_en: "One server keeps every session in its memory. To make the limit visible, its memory \
            here holds only about 200 sessions; 40 users are logged in.",
        caption_ko: "서버 한 대가 모든 세션을 메모리에 들고 있습니다. 한계가 잘 보이도록 여기서는 메모리를 \
            세션 200개 정도만 담을 만큼으로 줄였습니다. 지금 로그인한 사용자는 40명입니다.",
        question_en: "A sale starts: hundreds of new visitors arrive and log in. What happens to the \
            server — and to the users who were already logged in?",
        question_ko: "할인 행사가 시작되어 새 방문자 수백 명이 몰려와 로그인합니다. 서버는 어떻게 될까요? \
            이미 로그인해 있던 사용자들은요?",
        answer_en: "Every login adds a session until memory runs out: the server crashes (out of memory) and \
            every session in it is gone. When it comes back, everyone — including the users who were \
            there first — has to log in again.",
        answer_ko: "로그인할 때마다 세션이 늘어나다가 메모리가 바닥나면, 서버가 메모리 부족(OOM)으로 \
            죽으면서 그 안의 세션이 전부 사라집니다. 서버가 다시 살아나면 먼저 와 있던 사용자까지 \
            모두 다시 로그인해야 합니다.",
        config: ceiling_config(),
        duration: 40 * SECOND,
        timeline: &[
                // Ten times the arrivals: 360 new visitors join the 40 users for 15 s.
                (
                    SALE_STARTS,
                    Command::Traffic {
                        factor: 10.0,
                        for_ms: 15_000,
                    },
                ),
                (SALE_STARTS + 20 * SECOND, Command::RestartServer(0)),
            ],
        pause_at: SALE_STARTS - 100 * MS,
        highlight: &["server-0", "metric-sessions-lost"],
    },
    Step {
        id: "sticky-cookie",
        title_en: "Fix 2: sticky sessions",
        title_ko: "해결책 2: 스티키 세션",
        caption_en: "Three servers again, but now the balancer remembers who went where: the first response \
            sets a cookie with the server's id (Set-Cookie: server=1), and every later request that \
            carries it goes back to that server.",
        caption_ko: "다시 서버 세 대입니다. 이번에는 로드 밸런서가 누가 어디로 갔는지 기억합니다. 첫 \
            응답에 서버 번호가 담긴 쿠키(Set-Cookie: server=1)를 심고, 그 쿠키를 가진 요청은 언제나 \
            같은 서버로 보냅니다.",
        question_en: "The users click just as before. How many session mismatches now?",
        question_ko: "사용자들은 아까처럼 클릭합니다. 이번에는 세션 불일치가 몇 번 일어날까요?",
        answer_en: "None: every user always comes back to the server that holds their session. Sticky \
            sessions fix the mismatch without sharing anything — as long as no server fails.",
        answer_ko: "한 번도 없습니다. 모든 사용자가 늘 자기 세션이 있는 서버로 돌아갑니다. 스티키 세션은 \
            아무것도 공유하지 않고도 불일치를 없앱니다. 단, 서버가 죽지 않는 동안에만요.",
        config: sticky_cookie(),
        duration: 20 * SECOND,
        timeline: &[],
        pause_at: 300 * MS,
        highlight: &["lb", "metric-mismatches"],
    },
    Step {
        id: "sticky-crash",
        title_en: "Sticky sessions: a server dies",
        title_ko: "스티키 세션: 서버가 죽으면",
        caption_en: "With sticky sessions each session lives on exactly one server. Everything runs smoothly, \
            but server B is about to crash.",
        caption_ko: "스티키 세션에서는 세션마다 딱 한 서버에만 있습니다. 지금은 아무 문제 없이 돌아가지만, \
            곧 서버 B가 죽습니다.",
        question_en: "What happens to the users pinned to server B?",
        question_ko: "서버 B에 묶여 있던 사용자들은 어떻게 될까요?",
        answer_en: "Their sessions died with the server. The balancer re-pins them to another server, which \
            has never seen them: each gets a 401 and must log in again. Users of the other servers notice \
            nothing.",
        answer_ko: "그 사용자들의 세션은 서버와 함께 사라졌습니다. 로드 밸런서가 이들을 다른 서버에 다시 \
            묶지만, 그 서버는 이들을 처음 봅니다. 그래서 모두 401을 받고 다시 로그인해야 합니다. 다른 \
            서버의 사용자들은 아무것도 느끼지 못합니다.",
        config: sticky_cookie(),
        duration: 30 * SECOND,
        timeline: &[(CRASH, Command::CrashServer(1))],
        pause_at: CRASH - 200 * MS,
        highlight: &["server-1", "metric-sessions-lost", "metric-relogins"],
    },
    Step {
        id: "sticky-ip-nat",
        title_en: "Sticky by IP: the office behind NAT",
        title_ko: "IP 기반 스티키: NAT 뒤의 사무실",
        caption_en: "Instead of a cookie, the balancer can hash the client's IP address (nginx ip_hash). \
            Here all twelve users work in one office and reach the site through a single NAT address.",
        caption_ko: "쿠키 대신 클라이언트 IP 주소의 해시로 서버를 고를 수도 있습니다(nginx ip_hash). \
            여기서는 사용자 열두 명이 모두 한 사무실에서 NAT 주소 하나로 접속합니다.",
        question_en: "How will their requests be spread over the three servers?",
        question_ko: "이들의 요청은 서버 세 대에 어떻게 나뉠까요?",
        answer_en: "They are not spread at all: one address, one hash, one server. That server does all the \
            work while the other two idle (imbalance, max/mean, near 3). No mismatches — but a hotspot.",
        answer_ko: "전혀 나뉘지 않습니다. 주소가 하나면 해시도 하나, 서버도 하나입니다. 한 서버가 모든 \
            일을 떠맡고 나머지 둘은 놉니다(불균형 지표 max/mean이 3에 가깝습니다). 불일치는 없지만 \
            과부하 지점(핫스팟)이 생깁니다.",
        config: Config {
                sticky_by: StickyBy::Ip,
                users_per_ip: OFFICE_USERS,
                ..classroom(Strategy::Sticky, 3, OFFICE_USERS)
            },
        duration: 30 * SECOND,
        timeline: &[],
        pause_at: 300 * MS,
        highlight: &["metric-imbalance"],
    },
    Step {
        id: "cluster-all",
        title_en: "Fix 3: session clustering (all-to-all)",
        title_ko: "해결책 3: 세션 클러스터링 (all-to-all)",
        caption_en: "Session clustering, like Tomcat's DeltaManager: every change to a session is copied to \
            every other server. Here replication is synchronous: a response waits until every copy has \
            arrived.",
        caption_ko: "Tomcat의 DeltaManager 같은 세션 클러스터링입니다. 세션이 바뀔 때마다 다른 모든 \
            서버로 복제합니다. 여기서는 동기 복제라서, 모든 복제본이 도착한 뒤에야 응답합니다.",
        question_en: "Any mismatches now? And what does it cost in memory and in messages?",
        question_ko: "이제 불일치가 생길까요? 그리고 메모리와 메시지 비용은 얼마나 들까요?",
        answer_en: "No mismatches: every server has every session. But every server now stores all the \
            sessions (N times the memory of sticky sessions), and every session write sends N−1 \
            replication messages. Both grow with every server you add.",
        answer_ko: "불일치는 없습니다. 모든 서버가 모든 세션을 갖고 있으니까요. 대신 서버마다 세션 전체를 \
            저장하므로 메모리가 스티키 세션의 N배가 들고, 세션을 한 번 쓸 때마다 복제 메시지가 N−1개 \
            나갑니다. 둘 다 서버를 늘릴수록 커집니다.",
        config: cluster_all(Replication::Sync, 50),
        duration: 20 * SECOND,
        timeline: &[],
        pause_at: 300 * MS,
        highlight: &["metric-replication-messages", "server-0", "server-1", "server-2"],
    },
    Step {
        id: "cluster-async-window",
        title_en: "Asynchronous replication: the timing window",
        title_ko: "비동기 복제: 타이밍의 틈",
        caption_en: "The same cluster, but replication is asynchronous (the usual default): the response does \
            not wait, and here a copy takes 1.5 s to reach the other servers.",
        caption_ko: "같은 클러스터지만 이번에는 흔히 기본값인 비동기 복제입니다. 응답은 복제를 기다리지 \
            않고, 여기서는 복제본이 다른 서버에 닿기까지 1.5초가 걸립니다.",
        question_en: "A user logs in and clicks again quickly; round robin sends the click to another server. \
            What can go wrong?",
        question_ko: "사용자가 로그인하고 곧바로 다시 클릭합니다. 라운드 로빈이 그 클릭을 다른 서버로 \
            보냅니다. 무엇이 잘못될 수 있을까요?",
        answer_en: "When the click outruns the copy, the server it reaches has not received the session yet: \
            a mismatch caused purely by timing. With synchronous replication the same workload has none, \
            at the price of slower responses.",
        answer_ko: "클릭이 복제본보다 먼저 도착하면, 그 서버는 아직 세션을 받지 못했습니다. 순전히 타이밍 \
            때문에 생기는 불일치입니다. 같은 작업량이라도 동기 복제라면 불일치가 없지만, 그만큼 응답이 \
            느려집니다.",
        config: cluster_all(Replication::Async, 1_500),
        duration: 20 * SECOND,
        timeline: &[],
        pause_at: 150 * MS,
        highlight: &["metric-mismatches", "metric-replication-messages"],
    },
    Step {
        id: "primary-backup",
        title_en: "Clustering with primary and backup",
        title_ko: "주/백업 방식의 클러스터링",
        caption_en: "Like Tomcat's BackupManager: each session has a primary and one backup server holding \
            full copies; the other servers keep only the key and where the copy lives.",
        caption_ko: "Tomcat의 BackupManager처럼, 세션마다 주 서버와 백업 서버 한 대가 전체 복사본을 갖고, \
            나머지 서버는 키와 복사본의 위치만 기억합니다.",
        question_en: "A request reaches a server that has only the key. What does that server do?",
        question_ko: "키만 가진 서버에 요청이 도착합니다. 그 서버는 어떻게 할까요?",
        answer_en: "It fetches the full session over the network from the server that has it, then serves the \
            request: no mismatch, and far less memory than all-to-all — but an extra round trip.",
        answer_ko: "전체 세션을 가진 서버에서 네트워크로 세션을 가져온 다음 요청을 처리합니다. 불일치는 \
            없고 메모리도 all-to-all보다 훨씬 적게 들지만, 왕복 통신이 한 번 더 생깁니다.",
        config: classroom(Strategy::ClusterBackup, 4, 8),
        duration: 20 * SECOND,
        timeline: &[],
        pause_at: 300 * MS,
        highlight: &["server-0", "server-1", "server-2", "server-3"],
    },
    Step {
        id: "primary-backup-double-loss",
        title_en: "Primary and backup lost together",
        title_ko: "주 서버와 백업을 함께 잃으면",
        caption_en: "Primary–backup survives one crash: the backup takes over. Now servers A and B are about \
            to crash at the same moment.",
        caption_ko: "주/백업 방식은 서버 한 대가 죽어도 견딥니다. 백업이 이어받기 때문입니다. 그런데 이번에는 \
            서버 A와 서버 B가 동시에 죽습니다.",
        question_en: "What happens to a session whose primary and backup were servers A and B?",
        question_ko: "주 서버와 백업 서버가 서버 A와 서버 B였던 세션은 어떻게 될까요?",
        answer_en: "No copy is left anywhere: the session is lost and its user must log in again. Sessions \
            with a copy on server C survive.",
        answer_ko: "어디에도 복사본이 남지 않으니 세션은 사라지고, 그 사용자는 다시 로그인해야 합니다. \
            서버 C에 복사본이 있던 세션은 살아남습니다.",
        config: classroom(Strategy::ClusterBackup, 3, 9),
        duration: 30 * SECOND,
        timeline: &[
                (CRASH, Command::CrashServer(0)),
                (CRASH, Command::CrashServer(1)),
            ],
        pause_at: CRASH - 200 * MS,
        highlight: &["server-0", "server-1", "metric-sessions-lost"],
    },
    Step {
        id: "store",
        title_en: "Fix 4: an external session store",
        title_ko: "해결책 4: 외부 세션 저장소",
        caption_en: "Sessions move out of the servers into an external store (Redis). The servers become \
            stateless: any server can answer any request, and each request asks the store for its session.",
        caption_ko: "세션을 서버 밖의 외부 저장소(Redis)로 옮깁니다. 서버는 상태를 갖지 않게 되어, 어느 \
            서버든 어떤 요청이든 처리할 수 있습니다. 요청마다 저장소에서 세션을 읽어 옵니다.",
        question_en: "A fourth server is about to be added. Will users notice, and will the new server get \
            work?",
        question_ko: "곧 네 번째 서버가 추가됩니다. 사용자들이 눈치챌까요? 새 서버도 일을 받을까요?",
        answer_en: "Nobody notices: the new server reads sessions from the store like the others and serves \
            at once, with no mismatch and no change to the existing servers. The price: every request pays \
            a round trip to the store.",
        answer_ko: "아무도 눈치채지 못합니다. 새 서버도 다른 서버처럼 저장소에서 세션을 읽어 바로 요청을 \
            처리합니다. 불일치도 없고 기존 서버를 바꿀 필요도 없습니다. 대가는 요청마다 저장소까지 한 번 \
            왕복하는 비용입니다.",
        config: store(false),
        duration: 25 * SECOND,
        timeline: &[(SCALE_OUT, Command::AddServer)],
        pause_at: SCALE_OUT - 200 * MS,
        highlight: &["store", "server-3", "metric-mismatches"],
    },
    Step {
        id: "store-crash",
        title_en: "The store is a single point of failure",
        title_ko: "저장소는 단일 장애 지점",
        caption_en:
            "Every request now depends on the store, and this store keeps sessions only in memory \
            (no persistence). It is about to crash, and to restart ten seconds later.",
        caption_ko:
            "이제 모든 요청이 저장소에 기대고 있고, 이 저장소는 세션을 메모리에만 둡니다(영속화 \
            없음). 저장소가 곧 죽었다가 10초 뒤에 다시 시작합니다.",
        question_en: "What do users see while the store is down — and after it comes back?",
        question_ko: "저장소가 죽어 있는 동안 사용자는 무엇을 보게 될까요? 다시 살아난 뒤에는요?",
        answer_en:
            "While it is down, every request fails with a 5xx error. It comes back empty: every \
            session is gone, so every user has to log in again.",
        answer_ko:
            "죽어 있는 동안에는 모든 요청이 5xx 오류로 실패합니다. 다시 살아난 저장소는 텅 비어 \
            있습니다. 세션이 모두 사라졌으니 모든 사용자가 다시 로그인해야 합니다.",
        config: store(false),
        duration: 30 * SECOND,
        timeline: &[
                (CRASH, Command::CrashStore),
                (CRASH + 10 * SECOND, Command::RestartStore),
            ],
        pause_at: CRASH - 200 * MS,
        highlight: &["store", "metric-errors", "metric-sessions-lost"],
    },
    Step {
        id: "store-failover",
        title_en: "Store replica and failover",
        title_ko: "저장소 복제본과 페일오버",
        caption_en: "A replica follows the store, about a second behind. When the primary store dies, the \
            replica is promoted once the failure is detected (Sentinel; shortened here from 30 s to 5 s).",
        caption_ko: "복제본이 저장소를 1초쯤 뒤처져 따라갑니다. 주 저장소가 죽으면 장애가 감지된 뒤 \
            복제본이 주 저장소로 승격됩니다(Sentinel, 여기서는 30초를 5초로 줄였습니다).",
        question_en: "The primary store is about to crash. What is lost?",
        question_ko: "곧 주 저장소가 죽습니다. 무엇을 잃게 될까요?",
        answer_en: "Requests fail until the failover; then the replica takes over with almost everything. \
            Only the writes from the last moment before the crash, not yet copied, are lost.",
        answer_ko: "페일오버가 끝날 때까지 요청은 실패하고, 그 뒤에는 복제본이 거의 모든 것을 가지고 \
            이어받습니다. 죽기 직전, 아직 복제되지 않은 쓰기만 사라집니다.",
        config: failover_config(),
        duration: 30 * SECOND,
        timeline: &[(CRASH, Command::CrashStore)],
        pause_at: CRASH - 200 * MS,
        highlight: &["store", "metric-errors"],
    },
    Step {
        id: "store-server-crash",
        title_en: "Servers become disposable",
        title_ko: "서버는 언제든 갈아 끼울 수 있다",
        caption_en: "With sessions in the store, an application server holds nothing worth losing. (Real \
            deployments often keep sticky sessions too, for cache locality, with the store as the safety \
            net.) Server B is about to crash, just as in the sticky-session step.",
        caption_ko: "세션이 저장소에 있으니 애플리케이션 서버에는 잃을 것이 없습니다(실제 서비스에서는 캐시 \
            효율을 위해 스티키 세션도 함께 쓰고, 저장소를 안전망으로 두는 경우가 많습니다). 스티키 세션 \
            단계에서처럼 곧 서버 B가 죽습니다.",
        question_en: "How many users will have to log in again this time?",
        question_ko: "이번에는 몇 명이 다시 로그인해야 할까요?",
        answer_en: "None: the other servers read the very same sessions from the store. Compare the \
            sticky-session step, where every user of the crashed server had to log in again.",
        answer_ko: "한 명도 없습니다. 다른 서버들이 저장소에서 똑같은 세션을 읽어 오기 때문입니다. 죽은 \
            서버의 사용자가 모두 다시 로그인해야 했던 스티키 세션 단계와 비교해 보세요.",
        config: store(false),
        duration: 30 * SECOND,
        timeline: &[(CRASH, Command::CrashServer(1))],
        pause_at: CRASH - 200 * MS,
        highlight: &["server-1", "metric-relogins", "metric-sessions-lost"],
    },
];
