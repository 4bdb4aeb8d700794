//! A small real application server for the check against real nginx and Redis: what the model's
//! servers stand for, on a loopback port.
//!
//! `POST /login` creates a session with a random id and answers `Set-Cookie: SESSION=<id>; Path=/;
//! HttpOnly` as a Java servlet container or Spring Session does (stickiness by cookie needs nothing of
//! the application: nginx sets its own `route` cookie, see `realworld::nginx`); `GET /feed`,
//! `POST /like`, `POST /cart` and `POST /logout` need that session: 200 when this server (or the store)
//! knows it, 401 when not. Sessions live in the process's own memory, or in Redis (`--store
//! redis://HOST:PORT`); while Redis is unreachable every request is a 503, because without the store a
//! server cannot tell whether a session exists. Every answer names the server in `X-Server`, and
//! `?hold_ms=N` keeps a request in progress that long, so a test can kill the server under it.
//! `GET /_stats` (for the driver, straight to the server, not through the balancer) reports the
//! sessions held and the requests in progress.

use super::flags::Flags;
use crate::model::Timing;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Idle timeout of a session (the model's default, 30 minutes), in seconds.
const SESSION_TIMEOUT_S: u64 = 30 * 60;
/// Longest `hold_ms` honoured: a held request never outlives a test.
const MAX_HOLD_MS: u64 = 60_000;
/// Worker threads: enough that held requests never block the others.
const WORKERS: usize = 32;

pub const USAGE: &str =
    "usage: sessionscope-app --port PORT --id N [--store memory|redis://127.0.0.1:PORT] \
[--store-timeout-ms N]";

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppOptions {
    pub port: u16,
    pub id: u32,
    /// `None`: sessions in this process's memory.
    pub store: Option<String>,
    /// How long a request waits for Redis (to connect, or for an answer) before the server gives up
    /// and answers 503: the model's `store_timeout_ms`, which the driver passes on.
    pub store_timeout: Duration,
}

impl AppOptions {
    pub fn parse(args: &[String]) -> Result<AppOptions, String> {
        let mut port = None;
        let mut id = None;
        let mut store = None;
        let mut store_timeout_ms = u64::from(Timing::DEFAULT.store_timeout_ms);
        let mut flags = Flags::new(args);
        while let Some(flag) = flags.next_flag() {
            match flag {
                "--port" => port = Some(flags.number(flag, "a port number")?),
                "--id" => id = Some(flags.number(flag, "a whole number")?),
                "--store" => {
                    store = match flags.value(flag)?.as_str() {
                        "memory" => None,
                        url if url.starts_with("redis://") => Some(url.to_string()),
                        other => {
                            return Err(format!(
                                "--store: {other:?} is neither memory nor redis://HOST:PORT"
                            ))
                        }
                    };
                }
                "--store-timeout-ms" => {
                    store_timeout_ms = flags.number(flag, "a whole number of milliseconds")?;
                }
                other => return Err(format!("unknown argument {other:?}")),
            }
        }
        Ok(AppOptions {
            port: port.ok_or("--port is missing")?,
            id: id.ok_or("--id is missing")?,
            store,
            store_timeout: Duration::from_millis(store_timeout_ms),
        })
    }
}

/// Where sessions live.
enum Sessions {
    /// Session id -> likes, in this process.
    Memory(Mutex<HashMap<String, u64>>),
    Redis(redis::Client),
}

/// The answer to a session lookup.
#[derive(Debug, PartialEq, Eq)]
enum Lookup {
    Known,
    Unknown,
    /// The store could not be asked.
    StoreDown,
}

struct App {
    options: AppOptions,
    sessions: Sessions,
    in_progress: AtomicU32,
}

/// One worker's connection to Redis, opened on first use and dropped after any error.
type StoreConnection = Option<redis::Connection>;

impl App {
    fn key(id: &str) -> String {
        format!("session:{id}")
    }

    fn redis<T>(
        timeout: Duration,
        client: &redis::Client,
        connection: &mut StoreConnection,
        command: &redis::Cmd,
    ) -> Option<T>
    where
        T: redis::FromRedisValue,
    {
        if connection.is_none() {
            let opened = client.get_connection_with_timeout(timeout).ok()?;
            opened.set_read_timeout(Some(timeout)).ok()?;
            opened.set_write_timeout(Some(timeout)).ok()?;
            *connection = Some(opened);
        }
        let result = command.query(connection.as_mut()?);
        if result.is_err() {
            *connection = None;
        }
        result.ok()
    }

    /// Create a session; `None` when the store is down.
    fn create(&self, connection: &mut StoreConnection) -> Option<String> {
        let id = new_session_id();
        match &self.sessions {
            Sessions::Memory(map) => {
                lock(map).insert(id.clone(), 0);
            }
            Sessions::Redis(client) => {
                let mut set = redis::cmd("SET");
                set.arg(Self::key(&id))
                    .arg(0)
                    .arg("EX")
                    .arg(SESSION_TIMEOUT_S);
                Self::redis::<()>(self.options.store_timeout, client, connection, &set)?;
            }
        }
        Some(id)
    }

    /// Look the session up (touching it); `like` also changes it, `logout` ends it.
    fn use_session(&self, id: &str, action: Action, connection: &mut StoreConnection) -> Lookup {
        match &self.sessions {
            Sessions::Memory(map) => {
                let mut map = lock(map);
                let Some(likes) = map.get_mut(id) else {
                    return Lookup::Unknown;
                };
                match action {
                    Action::Read => {}
                    Action::Write => *likes += 1,
                    Action::End => {
                        map.remove(id);
                    }
                }
                Lookup::Known
            }
            Sessions::Redis(client) => {
                let key = Self::key(id);
                // EXPIRE touches the session and says whether it exists, in one round trip.
                let mut touch = redis::cmd("EXPIRE");
                touch.arg(&key).arg(SESSION_TIMEOUT_S);
                match Self::redis::<i64>(self.options.store_timeout, client, connection, &touch) {
                    None => return Lookup::StoreDown,
                    Some(0) => return Lookup::Unknown,
                    Some(_) => {}
                }
                let command = match action {
                    Action::Read => return Lookup::Known,
                    Action::Write => {
                        let mut incr = redis::cmd("INCR");
                        incr.arg(&key);
                        incr
                    }
                    Action::End => {
                        let mut del = redis::cmd("DEL");
                        del.arg(&key);
                        del
                    }
                };
                match Self::redis::<i64>(self.options.store_timeout, client, connection, &command) {
                    None => Lookup::StoreDown,
                    Some(_) => Lookup::Known,
                }
            }
        }
    }

    fn session_count(&self, connection: &mut StoreConnection) -> Option<u64> {
        match &self.sessions {
            Sessions::Memory(map) => Some(lock(map).len() as u64),
            Sessions::Redis(client) => Self::redis(
                self.options.store_timeout,
                client,
                connection,
                &redis::cmd("DBSIZE"),
            ),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Read,
    Write,
    End,
}

/// A poisoned lock only means another worker panicked mid-request; the map itself is still whole.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// 128 random bits from the operating system, in hex: unguessable, like a real server's session ids.
fn new_session_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No OS randomness at all: fall back on the clock and a counter (still unique per process).
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes = (nanos ^ u128::from(COUNTER.fetch_add(1, Ordering::Relaxed)) << 96).to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The value of cookie `name` in a `Cookie` request header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then_some(value)
    })
}

/// The `hold_ms` query parameter, capped.
fn hold_ms(url: &str) -> u64 {
    let Some((_, query)) = url.split_once('?') else {
        return 0;
    };
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("hold_ms="))
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(0, |ms| ms.min(MAX_HOLD_MS))
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    // Names and values here are ASCII built by this file; a failure would be a bug in it.
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|()| panic!("bad header {name}: {value}"))
}

type Answer = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn answer(app: &App, status: u16, body: &str) -> Answer {
    tiny_http::Response::from_string(body)
        .with_status_code(status)
        .with_header(header("X-Server", &app.options.id.to_string()))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn handle(app: &App, request: &tiny_http::Request, connection: &mut StoreConnection) -> Answer {
    let url = request.url();
    let path = url.split('?').next().unwrap_or("");
    let post = *request.method() == tiny_http::Method::Post;
    let hold = hold_ms(url);
    if hold > 0 {
        // Work that takes a while: the request stays in progress, so the server can die under it.
        std::thread::sleep(Duration::from_millis(hold));
    }
    let cookie = request
        .headers()
        .iter()
        .filter(|h| h.field.equiv("Cookie"))
        .find_map(|h| cookie_value(h.value.as_str(), "SESSION"));
    let action = match (path, post) {
        ("/_stats", false) => {
            let sessions = app
                .session_count(connection)
                .map_or("unknown".to_string(), |n| n.to_string());
            let busy = app.in_progress.load(Ordering::SeqCst).saturating_sub(1);
            return answer(
                app,
                200,
                &format!("sessions {sessions}\nin_progress {busy}\n"),
            );
        }
        ("/login", true) => {
            let Some(id) = app.create(connection) else {
                return answer(app, 503, "session store unavailable\n");
            };
            return answer(app, 200, "logged in\n").with_header(header(
                "Set-Cookie",
                &format!("SESSION={id}; Path=/; HttpOnly; SameSite=Lax"),
            ));
        }
        ("/feed", false) => Action::Read,
        ("/like" | "/cart", true) => Action::Write,
        ("/logout", true) => Action::End,
        _ => return answer(app, 404, "no such page\n"),
    };
    let Some(id) = cookie else {
        return answer(app, 401, "log in first\n");
    };
    match app.use_session(id, action, connection) {
        Lookup::Known => answer(app, 200, "ok\n"),
        Lookup::Unknown => answer(app, 401, "no such session here: log in again\n"),
        Lookup::StoreDown => answer(app, 503, "session store unavailable\n"),
    }
}

/// Serve until killed.
pub fn serve(options: AppOptions) -> Result<(), String> {
    let sessions = match &options.store {
        None => Sessions::Memory(Mutex::new(HashMap::new())),
        Some(url) => Sessions::Redis(
            redis::Client::open(url.as_str()).map_err(|e| format!("--store {url:?}: {e}"))?,
        ),
    };
    let server = tiny_http::Server::http(("127.0.0.1", options.port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", options.port))?;
    let server = Arc::new(server);
    let app = Arc::new(App {
        options,
        sessions,
        in_progress: AtomicU32::new(0),
    });
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let server = Arc::clone(&server);
            let app = Arc::clone(&app);
            std::thread::spawn(move || {
                let mut connection: StoreConnection = None;
                while let Ok(request) = server.recv() {
                    app.in_progress.fetch_add(1, Ordering::SeqCst);
                    let response = handle(&app, &request, &mut connection);
                    // The client may have gone; nothing to do about it.
                    let _ = request.respond(response);
                    app.in_progress.fetch_sub(1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::realcheck::flags::args;

    #[test]
    fn options_name_the_culprit() {
        let ok =
            AppOptions::parse(&args("--port 8081 --id 2 --store redis://127.0.0.1:6400")).unwrap();
        assert_eq!(ok.port, 8081);
        assert_eq!(ok.id, 2);
        assert_eq!(ok.store.as_deref(), Some("redis://127.0.0.1:6400"));
        assert_eq!(
            ok.store_timeout,
            Duration::from_secs(2),
            "the model's default"
        );
        let set = AppOptions::parse(&args("--port 1 --id 1 --store-timeout-ms 300")).unwrap();
        assert_eq!(set.store_timeout, Duration::from_millis(300));
        let err = AppOptions::parse(&args("--port 1 --id 1 --store-timeout-ms soon")).unwrap_err();
        assert!(
            err.contains("--store-timeout-ms") && err.contains("soon"),
            "{err}"
        );
        let err = AppOptions::parse(&args("--port 99999 --id 1")).unwrap_err();
        assert!(err.contains("--port") && err.contains("99999"), "{err}");
        let err = AppOptions::parse(&args("--port 1 --id 1 --store mysql://x")).unwrap_err();
        assert!(err.contains("--store"), "{err}");
        let err = AppOptions::parse(&args("--port 1")).unwrap_err();
        assert!(err.contains("--id"), "{err}");
    }

    #[test]
    fn cookies_and_hold_are_read_from_the_request() {
        assert_eq!(
            cookie_value("a=1; SESSION=abc; b=2", "SESSION"),
            Some("abc")
        );
        assert_eq!(cookie_value("XSESSION=abc", "SESSION"), None);
        assert_eq!(hold_ms("/like?hold_ms=1500"), 1500);
        assert_eq!(hold_ms("/like?x=1&hold_ms=99999999"), MAX_HOLD_MS);
        assert_eq!(hold_ms("/like"), 0);
    }

    #[test]
    fn session_ids_are_random_and_long() {
        let a = new_session_id();
        let b = new_session_id();
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
