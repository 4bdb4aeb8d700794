//! The model's structured events in plain words, in the reader's language, and which of them are worth
//! announcing to a screen reader.

use super::names::{server_letter, session_label, user_name};
use super::words::Lang;
use crate::model::{Command, Event, ServerId, SessionId, UserId};

/// The log's sentence for an event, in the reader's language (filled in by `words/log.rs` from the
/// sentences in `words/en_log.rs` and `words/ko_log.rs`).
pub fn describe(event: &Event, lang: Lang) -> String {
    super::words::log::event(lang.words(), event)
}

/// A person's intervention, as the log tells it.
pub fn describe_command(command: &Command, lang: Lang) -> String {
    super::words::log::command(lang.words(), command)
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
pub(crate) fn who_where_which(
    user: UserId,
    server: ServerId,
    session: SessionId,
) -> (String, String, String) {
    (
        user_name(user),
        server_letter(server),
        session_label(session),
    )
}
