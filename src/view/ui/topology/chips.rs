//! Session chips: one batched path per role and colour, and the marks drawn over some of them.

use super::fmt1;
use crate::model::{SessionEntry, SessionRole};
use crate::view::layout::Rect;
use crate::view::names::shape_of;
use std::fmt::Write;
use yew::prelude::*;

/// A chip holds its user's letter when it is this many times the letter's size (a margin of a tenth of
/// the chip on each side).
const LETTER_ROOM: f64 = 1.25;

/// Where chips go in a `w` × `h` area for `n` chips, in a picture whose smallest text is `letter_size`:
/// chip size, pitch, columns and capacity.
fn chip_grid(n: usize, w: f64, h: f64, letter_size: f64) -> (f64, f64, usize, usize) {
    // As large as the box allows for this many chips (readable from the back of a room), within bounds:
    // never taller than the area, and no larger than a chip that holds its user's letter needs.
    let n = n.max(1) as f64;
    let largest = (letter_size * LETTER_ROOM).max(28.0);
    let size = ((w * h / n).sqrt() * 0.72).min(h).min(largest).max(6.0);
    let pitch = size + 2.0;
    let cols = ((w / pitch).floor() as usize).max(1);
    let rows = ((h / pitch).floor() as usize).max(1);
    (size, pitch, cols, cols * rows)
}

/// Whether `n` chips all fit in a `w` × `h` area (`letter_size` as for `chip_paths`).
pub fn chips_fit(n: usize, w: f64, h: f64, letter_size: f64) -> bool {
    chip_grid(n, w, h, letter_size).3 >= n
}

/// How a mark over a chip looks (app.css): a dashed outline (the replica's copy is older), a cross
/// (its latest write was lost), an outline with a cross (a ghost: lost to a fault) or a veil (an
/// orphan, dimmed).
#[derive(Clone, Copy)]
pub enum Mark {
    Trailing,
    Stale,
    Ghost,
    Orphan,
}

/// Marks over some of the chips `chip_paths` drew for `sessions` in the same area: one path over each
/// chip whose session is in `marked`.
pub fn chip_marks(
    sessions: &[SessionEntry],
    marked: &[SessionEntry],
    area: (f64, f64, f64, f64),
    letter_size: f64,
    mark: Mark,
) -> Html {
    let (x0, y0, w, h) = area;
    let (size, pitch, cols, capacity) = chip_grid(sessions.len(), w, h, letter_size);
    let mut d = String::new();
    for (i, s) in sessions.iter().take(capacity).enumerate() {
        if !marked.iter().any(|m| m.session == s.session) {
            continue;
        }
        let x = x0 + (i % cols) as f64 * pitch;
        let y = y0 + (i / cols) as f64 * pitch;
        mark.path(&mut d, x, y, size);
    }
    html! { <path class={mark.class()} d={d} /> }
}

impl Mark {
    /// Appends the mark over a chip in the `size` square at (`x`, `y`) to the path `d`.
    pub fn path(self, d: &mut String, x: f64, y: f64, size: f64) {
        let (x, y, s) = (fmt1(x), fmt1(y), fmt1(size));
        let _ = match self {
            Mark::Stale => write!(d, "M{x} {y}l{s} {s}m0 -{s}l-{s} {s}"),
            Mark::Ghost => write!(d, "M{x} {y}h{s}v{s}h-{s}zl{s} {s}m0 -{s}l-{s} {s}"),
            Mark::Trailing | Mark::Orphan => write!(d, "M{x} {y}h{s}v{s}h-{s}z"),
        };
    }

    pub fn class(self) -> &'static str {
        match self {
            Mark::Trailing => "chip-mark trailing",
            Mark::Stale => "chip-mark stale",
            Mark::Ghost => "chip-mark ghost",
            Mark::Orphan => "chip-mark orphan",
        }
    }
}

/// A key, for a server that holds only a session's key, in the `size` square at (`x`, `y`): a ring, a
/// shaft and a tooth, unlike any user's glyph (a small square was read as users G and H's squares).
/// The ring's hole is drawn the other way round, so the nonzero fill leaves it open.
pub fn key_shape(d: &mut String, x: f64, y: f64, size: f64) {
    let (outer, inner) = (size * 0.2, size * 0.09);
    let (cx, cy) = (x + size * 0.3, y + size * 0.5);
    let shaft = size * 0.12;
    let _ = write!(
        d,
        "M{} {}a{o} {o} 0 1 1 {od} 0a{o} {o} 0 1 1 -{od} 0z\
         M{} {}a{i} {i} 0 1 0 {id} 0a{i} {i} 0 1 0 -{id} 0z\
         M{} {}h{l}v{w}h-{l}z\
         M{} {}h{t}v{t}h-{t}z",
        fmt1(cx - outer),
        fmt1(cy),
        fmt1(cx - inner),
        fmt1(cy),
        fmt1(cx + outer - shaft / 2.0),
        fmt1(cy - shaft / 2.0),
        fmt1(x + size * 0.78),
        fmt1(cy + shaft / 2.0),
        o = fmt1(outer),
        od = fmt1(2.0 * outer),
        i = fmt1(inner),
        id = fmt1(2.0 * inner),
        l = fmt1(size * 0.95 - (cx + outer - shaft / 2.0 - x)),
        w = fmt1(shaft),
        t = fmt1(size * 0.14),
    );
}

/// One chip of `shape` (as the user's glyph: circle, square, triangle, diamond) in the `size` square at
/// (`x`, `y`).
fn chip_shape(d: &mut String, shape: u32, x: f64, y: f64, size: f64) {
    let h = size / 2.0;
    let _ = match shape {
        0 => write!(
            d,
            "M{} {}a{h} {h} 0 1 0 {s} 0a{h} {h} 0 1 0 -{s} 0z",
            fmt1(x),
            fmt1(y + h),
            h = fmt1(h),
            s = fmt1(size)
        ),
        1 => write!(d, "M{} {}h{s}v{s}h-{s}z", fmt1(x), fmt1(y), s = fmt1(size)),
        2 => write!(
            d,
            "M{} {}L{} {}H{}z",
            fmt1(x + h),
            fmt1(y),
            fmt1(x + size),
            fmt1(y + size),
            fmt1(x)
        ),
        _ => write!(
            d,
            "M{} {}L{} {}L{} {}L{} {}z",
            fmt1(x + h),
            fmt1(y),
            fmt1(x + size),
            fmt1(y + h),
            fmt1(x + h),
            fmt1(y + size),
            fmt1(x),
            fmt1(y + h)
        ),
    };
}

/// Session chips batched into one path per (role, colour): a few elements even for hundreds of sessions.
/// Each full session and copy also gets its user's letter (`A` for userA) when the chips are large
/// enough for a letter of `letter_size`, the picture's smallest readable size: colour and shape repeat
/// after 24 users, the letter never does, and it says whose session it is without the legend.
pub fn chip_paths(
    sessions: &[SessionEntry],
    (x0, y0, w, h): (f64, f64, f64, f64),
    letter_size: f64,
) -> Chips {
    let (size, pitch, cols, capacity) = chip_grid(sessions.len(), w, h, letter_size);
    let shown = sessions.len().min(capacity);
    // One path per (role rank, colour, shape), at index (role rank × COLOURS + colour) × SHAPES + shape.
    use crate::view::names::{COLOURS as colours, SHAPES as shapes};
    let mut paths = vec![String::new(); (3 * colours * shapes) as usize];
    let mut initials = Vec::new();
    for (i, s) in sessions.iter().take(shown).enumerate() {
        let x = x0 + (i % cols) as f64 * pitch;
        let y = y0 + (i / cols) as f64 * pitch;
        let role = crate::view::world::role_rank(s.role);
        let shape = shape_of(s.user);
        if s.role != SessionRole::KeyOnly {
            if let Some(initial) = chip_initial(s, shape, x, y, size, letter_size) {
                initials.push(initial);
            }
        }
        let d = &mut paths
            [((u32::from(role) * colours + s.user.0 % colours) * shapes + shape) as usize];
        // A copy is the same shape drawn as an outline (app.css), a key only a small key.
        let (x, y, size) = match s.role {
            SessionRole::Full => (x, y, size),
            SessionRole::Backup => (x + 1.0, y + 1.0, size - 2.0),
            SessionRole::KeyOnly => {
                key_shape(d, x, y, size);
                continue;
            }
        };
        chip_shape(d, shape, x, y, size);
    }
    let html = html! {
        <g class="chips">
            { for paths.into_iter().enumerate().filter(|(_, d)| !d.is_empty()).map(|(i, d)| {
                let (role, colour, shape) = (i as u32 / shapes / colours, i as u32 / shapes % colours, i as u32 % shapes);
                let role_class = match role { 0 => "chip-full", 1 => "chip-backup", _ => "chip-key" };
                html! { <path key={format!("{role}-{colour}-{shape}")} class={classes!("chip", role_class, format!("c{colour}"))} d={d} /> }
            }) }
        </g>
    };
    let rows = shown.div_ceil(cols.max(1));
    Chips {
        drawing: html,
        initials: initials.into_iter().collect(),
        shown,
        bottom: y0 + rows as f64 * pitch,
    }
}

/// The chips of one box: the drawing (inside the node), the users' letters (drawn over the node by
/// `initials_layer`), how many chips there are and where their last row ends.
pub struct Chips {
    pub drawing: Html,
    pub initials: Html,
    pub shown: usize,
    /// The bottom of the last row drawn (the area's top when there is none), in the node's units.
    pub bottom: f64,
}

/// The users' letters over the node `testid` at `r`, outside the node's own element: they repeat what
/// colour and shape already say, so they are hidden from assistive technology, and a node's visible text
/// stays the words of its accessible name. `state_class` dims them with a node that is down (app.css).
pub fn initials_layer(testid: &str, state_class: &str, r: Rect, initials: Html) -> Html {
    html! {
        <g class={classes!("chip-initials", state_class.to_string())} data-of={testid.to_string()} aria-hidden="true"
           transform={format!("translate({} {})", fmt1(r.x), fmt1(r.y))}>
            { initials }
        </g>
    }
}

/// The user's letter centred on a chip of `size` at (`x`, `y`), if a letter of `letter_size` fits in it:
/// the page's colour on a filled chip (outlined in the user's colour), the user's colour in an outlined
/// copy.
fn chip_initial(
    s: &SessionEntry,
    shape: u32,
    x: f64,
    y: f64,
    size: f64,
    letter_size: f64,
) -> Option<Html> {
    let letters = crate::model::letters(s.user.0);
    // A letter is about 0.62 em wide in the picture's sans-serif (bold); a triangle's middle is lower.
    let fits = letter_size > 0.0
        && letter_size * LETTER_ROOM <= size
        && letters.len() as f64 * 0.62 * letter_size * LETTER_ROOM <= size;
    if !fits {
        return None;
    }
    let centre_y = y + size * if shape == 2 { 0.62 } else { 0.5 };
    let colour = crate::view::names::colour_class(s.user);
    let class = match s.role {
        // Outlined in the user's colour: where the letter is wider than a triangle or a diamond, it
        // still reads against the box.
        SessionRole::Full => classes!("chip-initial", colour, "on-fill"),
        SessionRole::Backup | SessionRole::KeyOnly => classes!("chip-initial", colour),
    };
    Some(html! {
        <text key={s.session.to_string()} {class} x={fmt1(x + size / 2.0)} y={fmt1(centre_y + letter_size * 0.36)}
              text-anchor="middle" font-size={fmt1(letter_size)} aria-hidden="true">{ letters }</text>
    })
}
