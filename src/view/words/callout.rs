//! The director's callouts: what the node at a key moment says, one string per line. Which lines a
//! `Says` gives is decided here, once; each language gives only its sentences, as templates in a
//! `CalloutSentences` (in `en.rs` and `ko.rs`) with `{session}`, `{server}`, ... where a value goes and
//! a line break between two lines of one sentence.

use super::{fill, Words};
use crate::view::director::{ms_text, Repinned, Says};

/// One language's callout sentences; each field says which names its template uses.
pub struct CalloutSentences {
    /// `{session}`: a 401, the server has no such session.
    pub not_found: &'static str,
    /// `{session}`: a 401 while the session's copy is still on its way here.
    pub copy_not_here_yet: &'static str,
    /// `{session}`: a 401, the session was destroyed by a fault.
    pub lost: &'static str,
    /// `{user}`, `{from}`, `{to}`, `{session}`: the same 401 at `{to}`, where the balancer sent the
    /// user because `{from}`, named by their affinity cookie, is down.
    pub lost_repinned: &'static str,
    /// `{address}`, `{server}`: the client's address hashed to its server.
    pub by_address: &'static str,
    /// `{server}`: the affinity cookie named the server.
    pub by_cookie: &'static str,
    /// `{session}`: the server had the session.
    pub found: &'static str,
    /// `{session}`, `{ms}`: the store had it, after a round trip of `{ms}`.
    pub found_in_store: &'static str,
    /// `{copies}`: the write was copied (and acknowledged) that many times before the answer.
    pub copied: &'static str,
    /// `{session}`, `{from}`: the server had only the key and fetched the session.
    pub fetched: &'static str,
    pub store_down: &'static str,
    pub failed: &'static str,
    /// `{sessions_lost}`.
    pub out_of_memory: &'static str,
    /// `{writes_lost}`: sessions whose latest write the replica had not received (drawn crossed out).
    pub promoted: &'static str,
    /// `{writes_lost}` and `{sessions_lost}`: as `promoted`, where sessions too new to have reached the
    /// replica at all (logins) were lost too.
    pub promoted_new_lost: &'static str,
}

/// What the callout says, in the language of `words`, one string per line.
pub fn lines(words: &dyn Words, says: &Says) -> Vec<String> {
    let say = words.callout();
    let with_session = |template: &str, session: &str| fill(template, &[("session", session)]);
    let text = match says {
        Says::NotFound {
            session,
            copy_pending,
        } => with_session(
            if *copy_pending {
                say.copy_not_here_yet
            } else {
                say.not_found
            },
            session,
        ),
        Says::Lost {
            session,
            repinned: None,
        } => with_session(say.lost, session),
        Says::Lost {
            session,
            repinned: Some(Repinned { user, from, to }),
        } => fill(
            say.lost_repinned,
            &[
                ("user", user),
                ("from", from),
                ("to", to),
                ("session", session),
            ],
        ),
        Says::Found {
            session,
            server,
            address,
            pinned,
            copies,
            store_ms,
        } => {
            let mut lines = Vec::new();
            if let Some(address) = address {
                lines.push(fill(
                    say.by_address,
                    &[("address", address), ("server", server)],
                ));
            }
            if *pinned {
                lines.push(fill(say.by_cookie, &[("server", server)]));
            }
            lines.push(match (copies, store_ms) {
                (0, None) => with_session(say.found, session),
                (0, Some(ms)) => fill(
                    say.found_in_store,
                    &[("session", session), ("ms", &ms_text(*ms))],
                ),
                (n, _) => fill(say.copied, &[("copies", &n.to_string())]),
            });
            lines.join("\n")
        }
        Says::Fetched { session, from } => {
            fill(say.fetched, &[("session", session), ("from", from)])
        }
        Says::StoreDown => say.store_down.to_string(),
        Says::Failed => say.failed.to_string(),
        Says::Promoted {
            writes_lost,
            sessions_lost,
        } => {
            let template = if *sessions_lost > 0 {
                say.promoted_new_lost
            } else {
                say.promoted
            };
            fill(
                template,
                &[
                    ("writes_lost", &writes_lost.to_string()),
                    ("sessions_lost", &sessions_lost.to_string()),
                ],
            )
        }
        Says::OutOfMemory { sessions_lost } => fill(
            say.out_of_memory,
            &[("sessions_lost", &sessions_lost.to_string())],
        ),
    };
    text.lines().map(str::to_string).collect()
}
