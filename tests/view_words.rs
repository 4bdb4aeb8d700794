//! Every word the page shows, natively, in both languages: the event log's sentence for every `Event`
//! and `Command`, every enum's words, and every tour step complete.

use sessionscope::model::{
    Balancer, Command, Event, Persistence, Replication, SeriesMetric, ServerId, SessionId,
    StickyBy, StoreKind, Strategy, UserId,
};
use sessionscope::scenario::tour::{steps, Topic, STEP_COUNT};
use sessionscope::view::wording::{describe, describe_command};
use sessionscope::view::words::Lang;

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('가'..='힣').contains(&c))
}

/// Every command variant, once (bool fields both ways).
fn every_command() -> Vec<Command> {
    let mut all = vec![
        Command::SetReplicationLag { ms: 150 },
        Command::SetStoreReplica(true),
        Command::SetStoreReplica(false),
        Command::SetStoreReplicaLag { ms: 900 },
        Command::SetStoreFailover { ms: 2_000 },
        Command::SetUsers(40),
        Command::SetSkew(1.25),
        Command::SetThinkTime { ms: 1_500 },
        Command::AddServer,
        Command::RemoveServer,
        Command::CrashServer(ServerId(1)),
        Command::RestartServer(ServerId(1)),
        Command::PartitionServer {
            server: ServerId(2),
            partitioned: true,
        },
        Command::PartitionServer {
            server: ServerId(2),
            partitioned: false,
        },
        Command::SlowServer {
            server: ServerId(0),
            factor: 4.0,
        },
        Command::CrashStore,
        Command::RestartStore,
        Command::CrashReplica,
        Command::RestartReplica,
        Command::Traffic {
            factor: 5.0,
            for_ms: 30_000,
        },
    ];
    all.extend(Strategy::ALL.map(Command::SetStrategy));
    all.extend(StickyBy::ALL.map(Command::SetStickyBy));
    all.extend(Balancer::ALL.map(Command::SetBalancer));
    all.extend(Replication::ALL.map(Command::SetReplication));
    all.extend(StoreKind::ALL.map(Command::SetStoreKind));
    all.extend(Persistence::ALL.map(Command::SetStorePersistence));
    all
}

/// Every event variant the log shows, once (bool and optional fields both ways).
fn every_event() -> Vec<Event> {
    let mut all = vec![
        Event::LoggedIn {
            user: UserId(0),
            server: ServerId(0),
            session: SessionId(7),
        },
        Event::LoggedOut {
            user: UserId(1),
            session: SessionId(7),
        },
        Event::Mismatch {
            user: UserId(0),
            server: ServerId(1),
            session: SessionId(7),
        },
        Event::LostSession {
            user: UserId(0),
            server: ServerId(2),
            session: SessionId(7),
        },
        Event::ExpiredHit {
            user: UserId(0),
            server: ServerId(2),
            session: SessionId(7),
        },
        Event::ServerError {
            user: UserId(3),
            server: Some(ServerId(1)),
        },
        Event::ServerError {
            user: UserId(3),
            server: None,
        },
        Event::Retried {
            user: UserId(3),
            server: ServerId(2),
        },
        Event::SessionExpired {
            user: UserId(4),
            session: SessionId(9),
        },
        Event::ServerCrashed {
            server: ServerId(1),
            sessions_lost: 12,
            out_of_memory: false,
        },
        Event::ServerCrashed {
            server: ServerId(1),
            sessions_lost: 200,
            out_of_memory: true,
        },
        Event::ServerRestarted {
            server: ServerId(1),
        },
        Event::ServerMarkedDown {
            server: ServerId(1),
        },
        Event::ServerMarkedUp {
            server: ServerId(1),
        },
        Event::Partitioned {
            server: ServerId(2),
            partitioned: true,
        },
        Event::Partitioned {
            server: ServerId(2),
            partitioned: false,
        },
        Event::PeerLost {
            server: ServerId(2),
            copies_sent: 5,
        },
        Event::ServerAdded {
            server: ServerId(3),
        },
        Event::ServerRemoved {
            server: ServerId(3),
        },
        Event::StoreCrashed { sessions_lost: 8 },
        Event::StoreRestarted {
            sessions_restored: 0,
        },
        Event::ReplicaPromoted {
            writes_lost: 2,
            sessions_lost: 1,
        },
        Event::ReplicaCrashed,
        Event::ReplicaRestarted,
        Event::Repinned {
            user: UserId(5),
            from: ServerId(1),
            to: ServerId(0),
        },
        Event::RemoteFetched {
            user: UserId(5),
            server: ServerId(0),
            from: ServerId(2),
        },
        Event::TrafficStarted { factor: 5.0 },
        Event::TrafficEnded,
    ];
    all.extend(every_command().into_iter().map(Event::Applied));
    let mut kinds: Vec<&str> = all.iter().map(kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(
        kinds.len(),
        EVENT_KINDS,
        "every kind of event is listed: {kinds:?}"
    );
    all
}

/// The kinds of event, as `kind` names them.
const EVENT_KINDS: usize = 26;

/// The event's kind. Fails to compile when `Event` gains a variant: add it here and to `every_event`.
fn kind(event: &Event) -> &'static str {
    match event {
        Event::LoggedIn { .. } => "LoggedIn",
        Event::LoggedOut { .. } => "LoggedOut",
        Event::Mismatch { .. } => "Mismatch",
        Event::LostSession { .. } => "LostSession",
        Event::ExpiredHit { .. } => "ExpiredHit",
        Event::ServerError { .. } => "ServerError",
        Event::Retried { .. } => "Retried",
        Event::SessionExpired { .. } => "SessionExpired",
        Event::ServerCrashed { .. } => "ServerCrashed",
        Event::ServerRestarted { .. } => "ServerRestarted",
        Event::ServerMarkedDown { .. } => "ServerMarkedDown",
        Event::ServerMarkedUp { .. } => "ServerMarkedUp",
        Event::Partitioned { .. } => "Partitioned",
        Event::PeerLost { .. } => "PeerLost",
        Event::ServerAdded { .. } => "ServerAdded",
        Event::ServerRemoved { .. } => "ServerRemoved",
        Event::StoreCrashed { .. } => "StoreCrashed",
        Event::StoreRestarted { .. } => "StoreRestarted",
        Event::ReplicaPromoted { .. } => "ReplicaPromoted",
        Event::ReplicaCrashed => "ReplicaCrashed",
        Event::ReplicaRestarted => "ReplicaRestarted",
        Event::Repinned { .. } => "Repinned",
        Event::RemoteFetched { .. } => "RemoteFetched",
        Event::TrafficStarted { .. } => "TrafficStarted",
        Event::TrafficEnded => "TrafficEnded",
        Event::Applied(_) => "Applied",
    }
}

#[test]
fn every_event_reads_in_both_languages() {
    for event in every_event() {
        let en = describe(&event, Lang::En);
        let ko = describe(&event, Lang::Ko);
        assert!(!en.trim().is_empty(), "{event:?}: no English");
        assert!(!ko.trim().is_empty(), "{event:?}: no Korean");
        assert!(
            !has_hangul(&en),
            "{event:?}: Korean in the English sentence {en:?}"
        );
        assert!(
            has_hangul(&ko),
            "{event:?}: the Korean sentence {ko:?} has no Hangul"
        );
        assert_ne!(en, ko, "{event:?}");
        // Every `{name}` of the sentence templates was filled in.
        assert!(
            !en.contains('{') && !ko.contains('{'),
            "{event:?}: a name left unfilled in {en:?} / {ko:?}"
        );
        // Servers are named by letter, as the picture names them.
        assert!(
            !en.contains("server 1") && !ko.contains("서버 1"),
            "{event:?}: {en} / {ko}"
        );
    }
}

#[test]
fn sentences_name_the_user_server_and_session_they_are_about() {
    let mismatch = Event::Mismatch {
        user: UserId(0),
        server: ServerId(1),
        session: SessionId(7),
    };
    let session = sessionscope::view::names::session_label(SessionId(7));
    for lang in Lang::ALL {
        let text = describe(&mismatch, lang);
        assert!(text.contains("userA"), "{text}");
        assert!(text.contains(" B"), "{text}");
        assert!(text.contains(&session), "{text}");
        assert!(text.contains("401"), "{text}");
    }
    let crash = describe(
        &Event::ServerCrashed {
            server: ServerId(2),
            sessions_lost: 12,
            out_of_memory: true,
        },
        Lang::En,
    );
    assert!(
        crash.contains("server C") && crash.contains("12") && crash.contains("out of memory"),
        "{crash}"
    );
}

#[test]
fn every_command_reads_in_both_languages_and_commands_read_apart() {
    for lang in Lang::ALL {
        let mut seen = std::collections::HashSet::new();
        for command in every_command() {
            let text = describe_command(&command, lang);
            assert!(!text.trim().is_empty(), "{command:?} in {lang:?}");
            assert!(
                !text.contains('{'),
                "{command:?}: a name left unfilled in {text:?}"
            );
            assert!(
                seen.insert(text.clone()),
                "{command:?} reads like another command: {text}"
            );
        }
    }
}

#[test]
fn every_enum_has_words_in_both_languages() {
    for lang in Lang::ALL {
        let w = lang.words();
        let mut groups: Vec<Vec<&str>> = vec![
            Strategy::ALL.map(|s| w.strategy(s)).to_vec(),
            Strategy::ALL.map(|s| w.strategy_hint(s)).to_vec(),
            Strategy::ALL.map(|s| w.compare_strategy(s)).to_vec(),
            StickyBy::ALL.map(|b| w.sticky_by(b)).to_vec(),
            Balancer::ALL.map(|b| w.balancer(b)).to_vec(),
            Replication::ALL.map(|r| w.replication(r)).to_vec(),
            StoreKind::ALL.map(|k| w.store_kind(k)).to_vec(),
            Persistence::ALL.map(|p| w.persistence(p)).to_vec(),
            SeriesMetric::ALL.map(|m| w.series(m)).to_vec(),
        ];
        for group in &mut groups {
            for word in group.iter() {
                assert!(
                    !word.trim().is_empty(),
                    "{lang:?}: an empty word in {group:?}"
                );
                if lang == Lang::Ko {
                    assert!(has_hangul(word), "Korean word without Hangul: {word}");
                }
            }
            let count = group.len();
            group.sort();
            group.dedup();
            assert_eq!(
                group.len(),
                count,
                "{lang:?}: two choices share their words"
            );
        }
    }
    // The two tables differ wherever the word does.
    let (en, ko) = (Lang::En.words(), Lang::Ko.words());
    for s in Strategy::ALL {
        assert_ne!(en.strategy(s), ko.strategy(s));
        assert_ne!(en.strategy_hint(s), ko.strategy_hint(s));
    }
    for m in SeriesMetric::ALL {
        assert_ne!(en.series(m), ko.series(m));
    }
    assert_ne!(en.tour_progress(2, 14), ko.tour_progress(2, 14));
    assert!(en.tour_progress(2, 14).contains('2') && ko.tour_progress(2, 14).contains("14"));
    assert_ne!(en.active_users_now(400), ko.active_users_now(400));
}

#[test]
fn every_tour_step_is_complete_in_both_languages() {
    assert_eq!(Topic::ALL.len(), STEP_COUNT);
    let all = steps();
    assert_eq!(all.len(), STEP_COUNT);
    for (step, topic) in all.iter().zip(Topic::ALL) {
        assert_eq!(step.topic, topic, "steps are in topic order");
        assert_eq!(step.id, topic.id());
        let en = Lang::En.words().tour(topic);
        let ko = Lang::Ko.words().tour(topic);
        for text in [
            en.title,
            en.caption,
            en.question,
            en.answer,
            ko.title,
            ko.caption,
            ko.question,
            ko.answer,
        ] {
            assert!(!text.trim().is_empty(), "{}: empty text", step.id);
            assert!(
                !text.contains("  "),
                "{}: doubled space in {text:?}",
                step.id
            );
        }
        for text in [ko.title, ko.caption, ko.question, ko.answer] {
            assert!(
                has_hangul(text),
                "{}: Korean text without Hangul: {text}",
                step.id
            );
        }
        assert_ne!(en.caption, ko.caption);
        assert_ne!(en.question, ko.question);
        assert_ne!(en.answer, ko.answer);
        // The page names servers by letter (server A = server-0); the text must say what is on screen.
        // Also in the affinity cookie the picture shows (`Set-Cookie: server=A`).
        for text in [en.caption, en.question, en.answer] {
            assert!(
                !names_server_by_number(text, "server ")
                    && !names_server_by_number(text, "server="),
                "{}: {text}",
                step.id
            );
        }
        for text in [ko.caption, ko.question, ko.answer] {
            assert!(
                !names_server_by_number(text, "서버 ") && !names_server_by_number(text, "server="),
                "{}: {text}",
                step.id
            );
        }
    }
    let mut ids: Vec<&str> = Topic::ALL.iter().map(|t| t.id()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), STEP_COUNT, "step ids are unique");
}

fn names_server_by_number(text: &str, word: &str) -> bool {
    let text = text.to_lowercase();
    text.match_indices(word)
        .any(|(i, _)| text[i + word.len()..].starts_with(|c: char| c.is_ascii_digit()))
}

#[test]
fn every_callout_reads_in_both_languages_with_every_name_filled() {
    use sessionscope::view::director::{Repinned, Says};
    use sessionscope::view::words::callout;
    let session = || "3fa1".to_string();
    let found = |address: Option<&str>, pinned, copies, store_ms| Says::Found {
        session: session(),
        server: "B".into(),
        address: address.map(str::to_string),
        pinned,
        copies,
        store_ms,
    };
    let all = [
        Says::NotFound {
            session: session(),
            copy_pending: false,
        },
        Says::NotFound {
            session: session(),
            copy_pending: true,
        },
        Says::Lost {
            session: session(),
            repinned: None,
        },
        Says::Lost {
            session: session(),
            repinned: Some(Repinned {
                user: "userB".into(),
                from: "B".into(),
                to: "A".into(),
            }),
        },
        found(None, false, 0, None),
        found(Some("10.1.2.3"), true, 0, Some(1.5)),
        found(None, true, 2, None),
        Says::Fetched {
            session: session(),
            from: "A".into(),
        },
        Says::StoreDown,
        Says::Failed,
        Says::OutOfMemory { sessions_lost: 7 },
        Says::Promoted {
            writes_lost: 4,
            sessions_lost: 0,
        },
        Says::Promoted {
            writes_lost: 9,
            sessions_lost: 1,
        },
    ];
    for says in &all {
        let [en, ko] = Lang::ALL.map(|lang| callout::lines(lang.words(), says));
        for lines in [&en, &ko] {
            assert!(!lines.is_empty(), "{says:?}");
            for line in lines {
                assert!(!line.trim().is_empty(), "{says:?}: an empty line");
                assert!(
                    !line.contains(['{', '}']),
                    "{says:?}: a name left unfilled in {line:?}"
                );
            }
        }
        assert_eq!(
            en.len(),
            ko.len(),
            "{says:?}: the languages break lines alike"
        );
        assert_ne!(en, ko, "{says:?} reads the same in both languages");
    }
    // The values reach the text: the address, the server, the counts.
    let lines = callout::lines(
        Lang::En.words(),
        &found(Some("10.1.2.3"), true, 0, Some(1.5)),
    );
    assert_eq!(lines[0], "10.1.2.3 → ip_hash → server B");
    assert_eq!(lines[1], "Cookie: server=B → server B");
    let lines = callout::lines(Lang::Ko.words(), &found(None, false, 3, None));
    assert_eq!(lines, ["쓰기 → 복제 3개 → 확인 3개 → 200"]);
    // A re-pinned user: whose request it is, what their cookie named, where the balancer sent it.
    let lines = callout::lines(Lang::En.words(), &all[3]);
    assert_eq!(
        lines,
        [
            "userB: B down → A",
            "Cookie: SESSION=3fa1",
            "→ not found (lost) → 401"
        ]
    );
}

#[test]
fn a_group_of_users_reads_naturally_in_both_languages() {
    assert_eq!(Lang::En.strings().users_in_group(12), "12 users");
    // Korean counts after the noun, with its counter word: "사용자 12명", not "12 사용자".
    assert_eq!(Lang::Ko.strings().users_in_group(12), "사용자 12명");
}
