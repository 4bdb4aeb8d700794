//! How people see the model's ids: user and server names, session labels, colour classes.

use crate::model::{ServerId, SessionId, UserId};

/// `userA` … `userZ`, `userAA`, …: the same names as the runner and the model's tests use.
pub use crate::model::user_name;

/// `A` … `Z`, then `AA`, `AB`, … like spreadsheet columns: short enough to fit in a small box.
pub fn server_letter(server: ServerId) -> String {
    crate::model::letters(server.0)
}

/// A short, stable label for a session, like a shortened cookie value ("3fa1").
/// Sequential ids are scrambled so neighbouring sessions do not look alike.
pub fn session_label(session: SessionId) -> String {
    format!(
        "{:04x}",
        (session.0.wrapping_mul(2_654_435_761) >> 16) & 0xffff
    )
}

/// Users are told apart by colour AND shape (colour-blind safe, and apart on a projector, where
/// neighbouring hues merge): 6 hues far apart × 4 shapes = 24 users before one repeats.
pub const COLOURS: u32 = 6;
pub const SHAPES: u32 = 4;

pub fn colour_class(user: UserId) -> String {
    format!("c{}", user.0 % COLOURS)
}

pub fn shape_of(user: UserId) -> u32 {
    (user.0 / COLOURS) % SHAPES
}
