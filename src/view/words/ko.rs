//! The Korean words (한국어): every word the page shows in this language, fixed ones in `STRINGS`, the ones that
//! depend on an enum or a number in the `Words` methods.

use super::callout::CalloutSentences;
use super::log::LogSentences;
use super::{CompareRun, PresetText, Strings, TourText, Words};
use crate::model::{
    Balancer, Persistence, Replication, SeriesMetric, StickyBy, StoreKind, Strategy,
};
use crate::scenario::preset::Preset;
use crate::scenario::tour::Topic;
use crate::scenario::Metric;
use crate::view::timeline::MarkerKind;

/// The Korean words (한국어).
pub struct Korean;

impl Words for Korean {
    fn strings(&self) -> &'static Strings {
        &STRINGS
    }

    fn strategy(&self, strategy: Strategy) -> &'static str {
        match strategy {
            Strategy::None => "공유 없음",
            Strategy::Sticky => "스티키 세션",
            Strategy::ClusterAll => "클러스터: 전체 복제",
            Strategy::ClusterBackup => "클러스터: 주-백업",
            Strategy::Store => "외부 세션 저장소",
        }
    }

    fn strategy_hint(&self, strategy: Strategy) -> &'static str {
        match strategy {
            Strategy::None => {
                "서버마다 자기 세션만 가집니다: 다른 서버로 간 요청은 거부됩니다(401)."
            }
            Strategy::Sticky => "로드 밸런서가 사용자를 세션을 만든 서버에 고정합니다.",
            Strategy::ClusterAll => "세션이 바뀔 때마다 다른 모든 서버에 복사합니다.",
            Strategy::ClusterBackup => {
                "전체 사본은 백업 서버 한 대에만, 나머지 서버는 키만 가집니다."
            }
            Strategy::Store => "서버는 상태를 갖지 않고, 요청마다 세션 저장소에 묻습니다.",
        }
    }

    fn compare_strategy(&self, strategy: Strategy) -> &'static str {
        match strategy {
            Strategy::None => "없음 (로컬 세션)",
            Strategy::Sticky => "스티키 세션",
            Strategy::ClusterAll => "클러스터 (all-to-all)",
            Strategy::ClusterBackup => "클러스터 (주/백업)",
            Strategy::Store => "외부 저장소",
        }
    }

    fn sticky_by(&self, by: StickyBy) -> &'static str {
        match by {
            StickyBy::Cookie => "쿠키(서버 번호)",
            StickyBy::Ip => "클라이언트 IP 해시",
        }
    }

    fn balancer(&self, balancer: Balancer) -> &'static str {
        match balancer {
            Balancer::RoundRobin => "라운드 로빈",
            Balancer::LeastConnections => "최소 연결",
            Balancer::Random => "무작위",
            Balancer::IpHash => "IP 해시",
            Balancer::CookieHash => "세션 쿠키 해시",
            Balancer::CookieHashConsistent => "세션 쿠키 해시(일관 해시)",
        }
    }

    fn replication(&self, replication: Replication) -> &'static str {
        match replication {
            Replication::Async => "비동기",
            Replication::Sync => "동기",
        }
    }

    fn store_kind(&self, kind: StoreKind) -> &'static str {
        match kind {
            StoreKind::Memory => "인메모리 키-값 저장소",
            StoreKind::Rdb => "관계형 데이터베이스",
        }
    }

    fn store_engine(&self, kind: StoreKind) -> &'static str {
        // Not "RDB": to whoever knows Redis, that is its snapshot format.
        match kind {
            StoreKind::Memory => "Redis",
            StoreKind::Rdb => "SQL DB",
        }
    }

    fn persistence(&self, persistence: Persistence) -> &'static str {
        match persistence {
            Persistence::None => "없음",
            Persistence::Snapshot => "주기적 스냅숏",
            Persistence::AppendOnly => "추가 전용 파일",
        }
    }

    fn series(&self, metric: SeriesMetric) -> &'static str {
        match metric {
            SeriesMetric::Mismatches => "초당 세션 불일치",
            SeriesMetric::Requests => "초당 요청",
            SeriesMetric::Errors => "초당 오류(5xx)",
            SeriesMetric::Relogins => "초당 강제 재로그인",
            SeriesMetric::SessionsLost => "초당 잃은 세션",
            SeriesMetric::SessionsExpired => "초당 만료된 세션",
            SeriesMetric::LiveSessions => "살아 있는 세션",
            SeriesMetric::LatencyP99 => "지연 p99(ms)",
            SeriesMetric::ReplicationMessages => "초당 복제 메시지",
            SeriesMetric::ReplicationBytes => "초당 복제 바이트",
            SeriesMetric::StoreOps => "초당 저장소 연산",
            SeriesMetric::Memory => "세션 메모리(바이트)",
            SeriesMetric::OrphanedSessions => "초당 고아 세션",
        }
    }

    fn tour(&self, topic: Topic) -> TourText {
        match topic {
            Topic::Problem => TourText {
                title: "문제: 세션 불일치",
                caption: "로드 밸런서 뒤에 애플리케이션 서버 세 대가 있고, 로드 밸런서는 요청을 차례대로(라운드 \
            로빈) 나눠 줍니다. 세션은 서버마다 자기 메모리에 따로 보관합니다. userA가 방금 서버 A에서 \
            로그인했으니, userA의 세션은 서버 A에만 있습니다.",
                question: "이제 userA가 '좋아요'를 누릅니다. 어느 서버가 응답하고, 뭐라고 답할까요?",
                answer: "로드 밸런서는 클릭을 차례상 다음 서버로 보냅니다. 그 서버는 userA의 세션을 본 적이 \
            없으니 401을 돌려주고, userA는 로그인 화면으로 돌아갑니다. 이것이 세션 불일치입니다. 모든 \
            사용자에게 계속 일어나니 카운터를 지켜보세요.",
            },
            Topic::OneServer => TourText {
                title: "해결책 1: 다시 서버 한 대로",
                caption: "가장 단순한 해결책은 서버를 다시 한 대로 줄이는 것입니다. 같은 사용자가 똑같이 \
            클릭하지만, 이제 모든 요청이 모든 세션이 있는 곳으로 갑니다.",
                question: "이번에는 세션 불일치가 몇 번 일어날까요?",
                answer: "한 번도 없습니다. 서버가 하나뿐이니 엇갈릴 곳이 없습니다. 하지만 이제 그 한 대의 \
            메모리와 CPU가 사이트 전체의 한계입니다. 다음 단계에서 확인해 보세요.",
            },
            Topic::OneServerCeiling => TourText {
                title: "서버 한 대의 한계",
                caption: "서버 한 대가 모든 세션을 메모리에 들고 있습니다. 한계가 잘 보이도록 여기서는 메모리를 \
            세션 200개 정도만 담을 만큼으로 줄였습니다. 지금 로그인한 사용자는 40명입니다.",
                question: "할인 행사가 시작되어 새 방문자 수백 명이 몰려와 로그인합니다. 서버는 어떻게 될까요? \
            이미 로그인해 있던 사용자들은요?",
                answer: "로그인할 때마다 세션이 늘어나다가 메모리가 바닥나면, 서버가 메모리 부족(OOM)으로 \
            죽으면서 그 안의 세션이 전부 사라집니다. 서버가 다시 살아나면 먼저 와 있던 사용자까지 \
            모두 다시 로그인해야 합니다.",
            },
            Topic::StickyCookie => TourText {
                title: "해결책 2: 스티키 세션",
                caption: "다시 서버 세 대입니다. 이번에는 로드 밸런서가 누가 어디로 갔는지 기억합니다. 첫 \
            응답에 서버 번호가 담긴 쿠키(Set-Cookie: server=A)를 심고, 그 쿠키를 가진 요청은 언제나 \
            같은 서버로 보냅니다.",
                question: "사용자들은 아까처럼 클릭합니다. 이번에는 세션 불일치가 몇 번 일어날까요?",
                answer: "한 번도 없습니다. 모든 사용자가 늘 자기 세션이 있는 서버로 돌아갑니다. 스티키 세션은 \
            아무것도 공유하지 않고도 불일치를 없앱니다. 단, 서버가 죽지 않는 동안에만요.",
            },
            Topic::StickyCrash => TourText {
                title: "스티키 세션: 서버가 죽으면",
                caption: "스티키 세션에서는 세션마다 딱 한 서버에만 있습니다. 지금은 아무 문제 없이 돌아가지만, \
            곧 서버 B가 죽습니다.",
                question: "서버 B에 묶여 있던 사용자들은 어떻게 될까요?",
                answer: "그 사용자들의 세션은 서버와 함께 사라졌습니다. 로드 밸런서가 이들을 다른 서버에 다시 \
            묶지만, 그 서버는 이들을 처음 봅니다. 그래서 모두 401을 받고 다시 로그인해야 합니다. 다른 \
            서버의 사용자들은 아무것도 느끼지 못합니다.",
            },
            Topic::StickyIpNat => TourText {
                title: "IP 기반 스티키: NAT 뒤의 사무실",
                caption: "쿠키 대신 클라이언트 IP 주소의 해시로 서버를 고를 수도 있습니다(nginx ip_hash). \
            여기서는 사용자 열두 명이 모두 한 사무실에서 NAT 주소 하나(10.108.38.1)로 \
            접속합니다. 로드 밸런서에게 이 사무실은 주소 하나입니다.",
                question: "이들의 요청은 서버 세 대에 어떻게 나뉠까요?",
                answer: "전혀 나뉘지 않습니다. 주소가 하나면 해시도 하나, 서버도 하나입니다. 한 서버가 모든 \
            일을 떠맡고 나머지 둘은 놉니다. 로그인하는 사용자는 모두 서버 A로 가고, 서버 A가 요청의 \
            100 %를 받습니다(불균형 지표 max/mean 3). 불일치는 없지만 과부하 지점(핫스팟)이 생깁니다.",
            },
            Topic::ClusterAll => TourText {
                title: "해결책 3: 세션 클러스터링 (all-to-all)",
                caption: "Tomcat의 DeltaManager 같은 세션 클러스터링입니다. 세션이 바뀔 때마다 다른 모든 \
            서버로 복제합니다. 여기서는 동기 복제라서, 모든 복제본이 도착한 뒤에야 응답합니다.",
                question: "이제 불일치가 생길까요? 그리고 메모리와 메시지 비용은 얼마나 들까요?",
                answer: "불일치는 없습니다. 모든 서버가 모든 세션을 갖고 있으니까요. 대신 서버마다 세션 전체를 \
            저장하므로 메모리가 스티키 세션의 N배가 들고, 세션을 한 번 쓸 때마다 복제 메시지가 N−1개 \
            나갑니다. 둘 다 서버를 늘릴수록 커집니다.",
            },
            Topic::ClusterAsyncWindow => TourText {
                title: "비동기 복제: 타이밍의 틈",
                caption: "같은 클러스터지만 이번에는 흔히 기본값인 비동기 복제입니다. 응답은 복제를 기다리지 \
            않고, 여기서는 복제본이 다른 서버에 닿기까지 1.5초가 걸립니다.",
                question: "사용자가 로그인하고 곧바로 다시 클릭합니다. 라운드 로빈이 그 클릭을 다른 서버로 \
            보냅니다. 무엇이 잘못될 수 있을까요?",
                answer: "클릭이 복제본보다 먼저 도착하면, 그 서버는 아직 세션을 받지 못했습니다. 순전히 타이밍 \
            때문에 생기는 불일치입니다. 같은 작업량이라도 동기 복제라면 불일치가 없지만, 그만큼 응답이 \
            느려집니다.",
            },
            Topic::PrimaryBackup => TourText {
                title: "주/백업 방식의 클러스터링",
                caption: "Tomcat의 BackupManager처럼, 세션마다 주 서버와 백업 서버 한 대가 전체 복사본을 갖고, \
            나머지 서버는 키와 복사본의 위치만 기억합니다.",
                question: "키만 가진 서버에 요청이 도착합니다. 그 서버는 어떻게 할까요?",
                answer: "전체 세션을 가진 서버에서 네트워크로 세션을 가져온 다음 요청을 처리합니다. 불일치는 \
            없고 메모리도 all-to-all보다 훨씬 적게 들지만, 왕복 통신이 한 번 더 생깁니다.",
            },
            Topic::PrimaryBackupDoubleLoss => TourText {
                title: "주 서버와 백업을 함께 잃으면",
                caption: "주/백업 방식은 서버 한 대가 죽어도 견딥니다. 백업이 이어받기 때문입니다. 그런데 이번에는 \
            서버 A와 서버 B가 동시에 죽습니다.",
                question: "주 서버와 백업 서버가 서버 A와 서버 B였던 세션은 어떻게 될까요?",
                answer: "어디에도 복사본이 남지 않으니 세션은 사라지고, 그 사용자는 다시 로그인해야 합니다. \
            서버 C에 복사본이 있던 세션은 살아남습니다.",
            },
            Topic::Store => TourText {
                title: "해결책 4: 외부 세션 저장소",
                caption: "세션을 서버 밖의 외부 저장소(Redis)로 옮깁니다. 서버는 상태를 갖지 않게 되어, 어느 \
            서버든 어떤 요청이든 처리할 수 있습니다. 요청마다 저장소에서 세션을 읽어 옵니다.",
                question: "곧 네 번째 서버가 추가됩니다. 사용자들이 눈치챌까요? 새 서버도 일을 받을까요?",
                answer: "아무도 눈치채지 못합니다. 새 서버도 다른 서버처럼 저장소에서 세션을 읽어 바로 요청을 \
            처리합니다. 불일치도 없고 기존 서버를 바꿀 필요도 없습니다. 대가는 요청마다 저장소까지 한 번 \
            왕복하는 비용입니다.",
            },
            Topic::StoreCrash => TourText {
                title: "저장소는 단일 장애 지점",
                caption: "이제 모든 요청이 저장소에 기대고 있고, 이 저장소는 세션을 메모리에만 둡니다(영속화 \
            없음). 저장소가 곧 죽었다가 10초 뒤에 다시 시작합니다.",
                question: "저장소가 죽어 있는 동안 사용자는 무엇을 보게 될까요? 다시 살아난 뒤에는요?",
                answer: "죽어 있는 동안에는 모든 요청이 5xx 오류로 실패합니다. 다시 살아난 저장소는 텅 비어 \
            있습니다. 세션이 모두 사라졌으니 모든 사용자가 다시 로그인해야 합니다.",
            },
            Topic::StoreFailover => TourText {
                title: "저장소 복제본과 페일오버",
                caption: "복제본이 저장소를 1초쯤 뒤처져 따라갑니다. 주 저장소가 죽으면 장애가 감지된 뒤 \
            복제본이 주 저장소로 승격됩니다(Sentinel, 여기서는 30초를 5초로 줄였습니다).",
                question: "곧 주 저장소가 죽습니다. 무엇을 잃게 될까요?",
                answer: "페일오버가 끝날 때까지 요청은 실패하고, 그 뒤에는 복제본이 거의 모든 것을 가지고 \
            이어받습니다. 죽기 직전, 아직 복제되지 않은 쓰기만 사라집니다. 세션의 변경은 이전 버전으로 \
            돌아가고, 그 사이의 로그인은 사라져 그 사용자는 다시 로그인해야 합니다.",
            },
            Topic::StoreServerCrash => TourText {
                title: "서버는 언제든 갈아 끼울 수 있다",
                caption: "세션이 저장소에 있으니 애플리케이션 서버에는 잃을 것이 없습니다(실제 서비스에서는 캐시 \
            효율을 위해 스티키 세션도 함께 쓰고, 저장소를 안전망으로 두는 경우가 많습니다). 스티키 세션 \
            단계와 같은 사용자 여섯 명, 서버 세 대, 서버 B의 다운입니다. 다른 것은 세션이 저장소에 있다는 \
            것뿐입니다.",
                question: "이번에는 몇 명이 다시 로그인해야 할까요?",
                answer: "한 명도 없습니다. 다른 서버들이 저장소에서 똑같은 세션을 읽어 오기 때문입니다. 죽은 \
            서버의 사용자가 모두 다시 로그인해야 했던 스티키 세션 단계와 비교해 보세요.",
            },
            Topic::RdbVsMemory => TourText {
                title: "저장소를 어디에: 메모리 또는 데이터베이스",
                caption: "같은 저장소를 먼저 메모리(Redis)에, 다음에는 관계형 데이터베이스에 둡니다. 요청마다 \
            저장소에서 세션을 읽습니다.",
                question: "곧 저장소가 데이터베이스로 바뀝니다. 사용자에게는 무엇이 달라질까요?",
                answer: "이제 요청마다 데이터베이스를 기다립니다. 아래 저장소 왕복 시간이 1\u{a0}ms에서 약 10\u{a0}ms로 \
            늘었습니다(네트워크 8\u{a0}ms, 나머지는 데이터베이스 처리). 중앙값 지연 시간은 처음부터의 요청 전체를 \
            세므로 더 천천히 올라갑니다. 잃는 것은 없지만 모든 것이 느려집니다.",
            },
        }
    }

    fn tour_progress(&self, step: usize, steps: usize) -> String {
        format!("{steps}단계 중 {step}단계")
    }

    fn compare_summary(&self, run: &CompareRun) -> String {
        let CompareRun {
            servers,
            users,
            seed,
            seconds,
            scripted_events,
        } = *run;
        let scripted = match scripted_events {
            0 => String::new(),
            n => format!(", 예정된 사건 {n}개"),
        };
        format!(
            "같은 작업량을 모든 전략으로 실행한 결과입니다: 서버 {servers}대, 사용자 {users}명, 시드 {seed}, \
             시뮬레이션 {seconds}초{scripted}."
        )
    }

    fn compare_progress(&self, done: usize, total: usize) -> String {
        format!("모든 전략을 실행하는 중: {total}개 중 {done}개 완료…")
    }

    fn active_users_now(&self, users: u32) -> String {
        format!("트래픽 이벤트 중: 지금 {users}명 활동")
    }

    fn log(&self) -> &'static LogSentences {
        &super::ko_log::LOG
    }

    // Time, presets and the compare view.
    fn preset(&self, preset: Preset) -> PresetText {
        let (label, hint) = match preset {
            Preset::Oom => (
                "서버 한 대의 메모리 부족",
                "서버 한 대에 방문자가 몰리면 메모리가 차고 모든 세션이 함께 사라집니다.",
            ),
            Preset::Nat => (
                "주소 하나를 함께 쓰는 사무실",
                "사용자 12명이 주소 하나를 나눠 쓰면 IP 해시가 모두를 한 서버로 보냅니다.",
            ),
            Preset::StickyCrash => (
                "스티키 세션: 서버가 죽으면",
                "서버 B가 죽으면 고정된 사용자들이 세션을 잃고 다시 로그인합니다.",
            ),
            Preset::LagRace => (
                "클릭이 복제본을 앞지르면",
                "복제에 1.5초가 걸리면 다음 클릭이 세션보다 먼저 서버에 도착합니다.",
            ),
            Preset::StoreFailover => (
                "저장소 페일오버로 최근 쓰기 유실",
                "저장소가 죽고 2초 뒤 복제본이 넘겨받지만 마지막 쓰기는 없습니다.",
            ),
            Preset::RdbVsMemory => (
                "데이터베이스 저장소 대 인메모리 저장소",
                "3초에 저장소가 데이터베이스로 바뀌면 모든 요청이 더 오래 기다립니다.",
            ),
        };
        PresetText { label, hint }
    }

    fn metric(&self, metric: Metric) -> &'static str {
        match metric {
            Metric::Requests => "요청",
            Metric::AuthenticatedRequests => "인증된 요청",
            Metric::Ok => "성공",
            Metric::Mismatches => "세션 불일치",
            Metric::LostSessionHits => "잃어버린 세션 요청",
            Metric::ExpiredHits => "만료된 세션 요청",
            Metric::Relogins => "강제 재로그인",
            Metric::SessionsCreated => "생성된 세션",
            Metric::SessionsLost => "장애로 잃은 세션",
            Metric::SessionsExpired => "만료된 세션",
            Metric::OrphanedSessions => "고아 세션",
            Metric::Errors => "오류(5xx)",
            Metric::ReplicationMessages => "복제 메시지",
            Metric::ReplicationBytes => "복제 바이트",
            Metric::StoreOps => "저장소 연산",
            Metric::StoreReplicationMessages => "복제본에 보낸 쓰기",
            Metric::StoreWritesLost => "페일오버로 잃은 쓰기",
            Metric::Imbalance => "부하 불균형(최대/평균)",
            Metric::StoreMemoryBytes => "저장소 메모리",
            Metric::ReplicaMemoryBytes => "복제본 메모리",
            Metric::SessionMemoryBytes => "세션 메모리 (서버·저장소·복제본)",
            Metric::LatencyP50 => "지연 시간 p50",
            Metric::LatencyP99 => "지연 시간 p99",
            Metric::StoreRoundTrip => "저장소 왕복 시간",
        }
    }

    fn marker(&self, kind: MarkerKind) -> &'static str {
        match kind {
            MarkerKind::Crash => "장애",
            MarkerKind::Restart => "재시작",
            MarkerKind::Failover => "페일오버",
            MarkerKind::Traffic => "트래픽 이벤트",
            MarkerKind::Mismatch => "세션 불일치",
        }
    }

    // Director mode.
    fn callout(&self) -> &'static CalloutSentences {
        &CALLOUT
    }
}

/// What a node says in a callout (`callout::lines` fills these in; a line break starts a new line).
static CALLOUT: CalloutSentences = CalloutSentences {
    not_found: "Cookie: SESSION={session} → 없음 → 401",
    copy_not_here_yet: "Cookie: SESSION={session}\n→ 복제본 아직 안 옴 → 401",
    lost: "Cookie: SESSION={session}\n→ 없음 (사라짐) → 401",
    lost_repinned: "{user}: {from} 다운 → {to}\nCookie: SESSION={session}\n→ 없음 (사라짐) → 401",
    by_address: "{address} → ip_hash → 서버 {server}",
    by_cookie: "Cookie: server={server} → 서버 {server}",
    found: "SESSION={session} → 있음 → 200",
    found_in_store: "SESSION={session} → 저장소 ({ms}) → 있음 → 200",
    copied: "쓰기 → 복제 {copies}개 → 확인 {copies}개 → 200",
    fetched: "SESSION={session}: 키만 있음\n→ {from}에서 가져옴 → 200",
    store_down: "저장소 연결 불가 → 500",
    failed: "응답할 서버 없음 → 502",
    out_of_memory: "메모리 가득 → 메모리 부족\n→ 세션 {sessions_lost}개 사라짐",
    promoted: "주 저장소로 승격\n· 쓰기 {writes_lost}건 유실",
    promoted_new_lost: "승격, 유실:\n쓰기 {writes_lost}, 로그인 {sessions_lost}",
};

pub static STRINGS: Strings = Strings {
    app_title: "SessionScope",
    tagline: "로드 밸런서 뒤의 세션: 세션이 사라지는 모습을 보고, 해결해 보세요.",
    language: "언어",
    language_name: "한국어",
    theme: "테마",
    theme_to_dark: "어두운 테마",
    theme_to_light: "밝은 테마",

    controls: "설정",
    strategy: "세션 전략",
    sticky_by: "사용자 고정 기준",
    balancer: "분산 알고리즘",
    replication: "복제 방식",
    replication_lag: "복제 지연(ms)",
    store_replica_lag: "복제본 지연(ms)",
    store_kind: "저장소 종류",
    persistence: "저장소 영속성",
    store_replica: "저장소 복제본과 장애 조치",
    servers: "서버",
    add_server: "서버 추가",
    remove_server: "서버 제거",
    users: "사용자 수",
    skew: "활동 편중",
    apply: "적용",
    traffic: "트래픽 이벤트",
    traffic_button: "트래픽 이벤트 ×5, 30초",
    fault_server: "네트워크·속도 장애를 줄 서버",
    partition: "피어·저장소와 네트워크 분리",
    slow_down: "느리게 ×4",
    badge_partitioned: "분리됨",
    badge_slow: "느림",
    crash_store: "저장소 장애 내기",
    restart_store: "저장소 다시 시작",
    play: "재생",
    pause: "일시 정지",
    step: "한 단계",
    step_back: "한 단계 뒤로",
    speed: "속도",
    seed: "시드",
    reset: "초기화",
    share: "공유 링크",
    embed_code: "임베드 코드",
    share_link: "지금 상태의 링크",
    copied: "클립보드에 복사했습니다.",
    export_svg: "그림 내려받기(SVG)",
    export_csv: "지표 내려받기(CSV)",
    open_compare: "이 부하로 모든 전략 비교하기",
    config_title: "실제 설정",
    config_hint: "실제 로드 밸런서, 애플리케이션 서버, 세션 저장소가 이 구성처럼 동작하는 데 필요한 설정입니다. 값은 이 구성의 수치이고, 주석이 함정을 짚어 줍니다.",
    config_format: "파일",
    config_copy: "복사",
    playback: "재생",
    faults: "장애와 부하",

    metrics: "지표",
    sim_time: "시뮬레이션 시간",
    metric_memory: "세션 메모리",
    metric_latency: "지연 시간 p50 / p99",
    chart_over_time: "시뮬레이션 시간에 따른 변화",
    chart_latest: "최근",
    chart_peak: "최대",
    chart_load: "서버별 요청",
    chart_empty: "아직 없음",

    topology: "구성도: 사용자, 로드 밸런서, 서버, 세션 저장소",
    balancer_node: "로드 밸런서",
    lb_short: "분산기",
    server: "서버",
    store_node: "세션 저장소",
    replica_node: "저장소 복제본",
    state_up: "정상",
    state_down: "중단",
    state_down_undetected: "장애 발생, 아직 감지 안 됨",
    short_down: "중단",
    short_crashed: "장애",
    short_out_of_memory: "메모리 부족",
    activate_crash: "누르면 장애가 납니다",
    activate_restart: "누르면 다시 시작합니다",
    sessions: "세션",
    session_one: "세션",
    queue: "대기열",
    store_wait: "저장소 응답 대기",
    memory: "메모리",
    role_full: "전체 세션",
    role_backup: "백업 사본",
    role_key_only: "키만",
    more: "개 더",
    more_lost: "개 더 유실",
    users_group: "사용자 {n}명",
    flow_mode: "흐름 보기: 선 굵기가 연결마다의 트래픽입니다",
    arrows_mode: "화살표 하나가 메시지 하나입니다",

    legend: "범례",
    legend_request: "요청",
    legend_ok: "정상 응답",
    legend_mismatch: "401: 세션 불일치",
    legend_lost: "401: 세션 소실",
    legend_error: "5xx 오류 또는 연결 거부",
    legend_replication: "복제",
    legend_store: "저장소 왕복",
    legend_fetch: "원격 세션 가져오기",
    legend_health: "상태 점검",
    legend_full: "전체 세션",
    legend_backup: "백업 사본",
    legend_key_only: "키만",
    legend_orphaned: "고아: 불일치로 남겨져 다시 쓰이지 않고 만료될 때까지 메모리를 차지하는 세션",
    legend_trailing: "복제본의 점선 테두리: 마지막 쓰기가 아직 복제본에 도착하지 않음",
    legend_stale: "저장소의 X 표시: 마지막 쓰기가 페일오버 때 유실됨",
    legend_down: "중단(감지됨)",
    legend_partitioned: "피어·저장소와 네트워크가 끊김(\"분리됨\")",
    legend_slow: "느려짐(\"느림\")",
    legend_undetected: "장애, 아직 감지 안 됨",
    legend_flow: "흐름: 굵기 = 연결 위의 메시지 수",
    legend_cookie: "사용자 아래: 세션 쿠키 → 고정된 서버, ↻ 재로그인 횟수, ✕ 장애로 잃은 세션 수",

    event_log: "방금 일어난 일",
    no_events: "아직 아무 일도 없습니다.",

    bad_url: "주소의 일부 설정을 이해하지 못해 기본값을 사용합니다:",
    bad_param: "값이 올바르지 않습니다",
    dismiss: "닫기",

    shortcuts: "단축키",
    shortcut_list: [
        ("스페이스", "재생 또는 일시 정지"),
        ("→", "메시지 한 구간 앞으로"),
        ("←", "한 단계 뒤로"),
        ("N", "다음 사건까지 실행"),
        ("1–5", "세션 전략 바꾸기"),
        ("?", "도움말 보이기/숨기기"),
        ("f", "그림의 글자 크기 (100–200 %)"),
        ("Esc", "닫기"),
    ],
    close: "닫기",
    open_full: "전체 화면으로 열기",

    panic_title: "문제가 생겼습니다.",
    panic_body: "내부 오류로 시뮬레이션이 멈췄습니다. 자세한 내용은 브라우저 콘솔에 있습니다.",
    panic_reload: "같은 상태로 다시 불러오기",

    tour_steps: "둘러보기 단계",
    tour_close: "둘러보기 닫기",
    tour_predict: "예측해 보세요",
    tour_show_me: "보여 주세요",
    tour_back: "← 이전",
    tour_next: "다음 →",
    tour_all_steps: "전체 단계",

    compare_title: "SessionScope — 전략 비교",
    compare_back: "← 실험실로 돌아가기",
    compare_table: "전략별 지표",
    compare_strategy: "전략",

    // Time, presets and the compare view.
    preset: "약점 재현",
    preset_none: "— (직접 설정)",
    users_per_ip: "주소당 사용자 수",
    next_event: "다음 사건",
    timeline: "타임라인",
    balancer_sticky_hint: "스티키: IP 해시는 주소별로, 그 밖의 선택은 세션 쿠키로 사용자를 고정합니다.",
    // The picture.
    word_full: "전체",
    word_backup: ["백업", "백업"],
    word_key: ["키", "키"],
    crash_word: "장애 내기",
    restart_word: "재시작",
    role_primary: "프라이머리",
    role_promoted: "프라이머리 (승격)",
    role_replica: "레플리카",
    state_gone: "사라짐",
    font_scale: "글자 크기",
    failover_delay: "장애 조치 지연 (ms)",
    orphaned: "고아",
    // Director mode.
    tour_replay: "다시 보기",
    tour_before: "이전",
    tour_watch: "그림을 보세요…",
};
