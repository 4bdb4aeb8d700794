//! Where the director's callout goes on the picture: beside the node where the key moment happens,
//! covering as little of the moment as possible. A callout at a server gets room of its own below it:
//! the server column opens for it (`room_for`, `Layout::with_rooms`) and its lines are broken to the
//! box's width (`callout_lines`). Elsewhere (at the store or the balancer, or among too many servers
//! for a room) the picture has no empty corner large enough for a callout read from the back of a
//! room, so it must cover something: better a user who takes no part than the neighbouring server
//! that holds the session, the replication lanes where its copy travels, or the wire the decisive
//! request arrives on.

use super::director::Callout;
use super::layout::{Layout, Rect, Room};
use super::words::{callout as callout_words, Words};
use crate::model::{Endpoint, ServerId, UserId};

/// Text size in picture units: the picture is about 1000 units wide, so this stays at least 14 CSS px
/// wherever the picture is shown 560 px wide or more, as in the 960x540 embed with the tour.
pub const FONT: f64 = 26.0;
pub const LINE_HEIGHT: f64 = FONT * 1.25;
pub const PAD: f64 = 10.0;
/// Space between the callout and its node: close, so it reads as that node's.
const GAP: f64 = 8.0;
/// Space between a callout in its room and the box below it: clearly more than to its own node.
const APART: f64 = 30.0;
/// Space kept between a callout and the balancer or the wire its request arrives on.
const CLEAR: f64 = 14.0;
/// Space kept from the picture's edges.
const MARGIN: f64 = 4.0;
/// About how tall a node's name and counts are, along its top.
const NODE_HEADER: f64 = 45.0;
/// About how tall a row of session chips is, under the counts.
const CHIP_ROW: f64 = 30.0;
/// The text-size button's size ("A 100%", about 66x26 CSS px) in picture units where the picture is
/// drawn smallest with a callout (about 560 px wide, in the 960x540 embed).
const BUTTON: (f64, f64) = (120.0, 48.0);

/// The callout's box and the leader line from it to its node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CalloutPlace {
    pub rect: Rect,
    /// (x1, y1) on the callout, (x2, y2) on the node; the same point when they touch.
    pub leader: (f64, f64, f64, f64),
}

/// The node's box in the picture; a user has none (no callout is drawn there).
pub fn node_rect(layout: &Layout, place: Endpoint) -> Option<Rect> {
    match place {
        Endpoint::Server(s) => Some(layout.server_rect(s)),
        Endpoint::Balancer => Some(layout.lb),
        Endpoint::Store => layout.store,
        Endpoint::Replica => layout.replica,
        Endpoint::User(_) => None,
    }
}

/// The corner the text-size button takes: it sits in the picture's bottom-right corner, over whatever
/// is drawn there.
pub fn text_size_button(layout: &Layout) -> Rect {
    let (w, h) = BUTTON;
    Rect {
        x: layout.width - w,
        y: layout.height - h,
        w,
        h,
    }
}

/// Width of a line of text: wide (Hangul) characters take about a full em, the rest about 0.6.
fn text_width(line: &str) -> f64 {
    line.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum::<f64>()
        * FONT
}

/// The callout's size for `lines`, kept inside the picture.
pub fn callout_size(layout: &Layout, lines: &[String]) -> (f64, f64) {
    let widest = lines.iter().map(|l| text_width(l)).fold(0.0, f64::max);
    let w = (widest + 2.0 * PAD).min(layout.width - 2.0 * MARGIN);
    (w, callout_height(lines))
}

fn callout_height(lines: &[String]) -> f64 {
    LINE_HEIGHT * lines.len() as f64 + 2.0 * PAD
}

/// What `callout` says in `words`, one string per drawn line. A callout at a server in the one-column
/// picture goes below it, between the boxes (`room_for`), as wide as the box, so it covers neither the
/// wires on the left nor the replication lanes on the right; a line wider than that breaks before an
/// arrow, unless reaching out over the wires saves a line or a break between words (clear of the
/// balancer and of the wire the request arrives on).
pub fn callout_lines(layout: &Layout, callout: &Callout, words: &dyn Words) -> Vec<String> {
    let lines = callout_words::lines(words, &callout.says);
    match callout.place {
        Endpoint::Server(s) if layout.servers_in_one_column() => {
            let node = layout.server_rect(s);
            let boxed = node.w - 2.0 * PAD;
            let reaching = node.right() - reach_left(layout, callout.place, node) - 2.0 * PAD;
            lines
                .iter()
                .flat_map(|line| {
                    let (narrow, wide) = (break_line(line, boxed), break_line(line, reaching));
                    if badness(&wide) < badness(&narrow) {
                        wide
                    } else {
                        narrow
                    }
                })
                .collect()
        }
        _ => lines,
    }
}

/// How far left a callout in the room below `node` may reach: clear of the balancer, and right of the
/// wire its request arrives on, which passes under the box when the server stands above the balancer.
fn reach_left(layout: &Layout, place: Endpoint, node: Rect) -> f64 {
    let (x0, y0) = layout.anchor(Endpoint::Balancer, place);
    let (x1, y1) = layout.anchor(place, Endpoint::Balancer);
    let top = node.y + node.h + GAP;
    let wire = if y0 != y1 && (y0.min(y1)..=y0.max(y1)).contains(&top) {
        x0 + (x1 - x0) * (top - y0) / (y1 - y0)
    } else {
        f64::NEG_INFINITY
    };
    layout.lb.right().max(wire) + CLEAR
}

/// How badly a line is broken: into how many lines, then how many of them break between words (a
/// line broken before an arrow starts with it).
fn badness(lines: &[String]) -> (usize, usize) {
    let between_words = lines.iter().skip(1).filter(|l| !l.starts_with('→')).count();
    (lines.len(), between_words)
}

/// `line` broken to fit `width`: before an arrow (" → " then starts the next line, as in the
/// sentences written on two lines), or between words where a part between two arrows is wider than
/// `width` alone. The fewest lines, and of those the most even: no "→ 200" left alone on the last.
fn break_line(line: &str, width: f64) -> Vec<String> {
    let tokens: Vec<String> = line
        .split(" → ")
        .enumerate()
        .flat_map(|(i, part)| {
            let part = if i == 0 {
                part.to_string()
            } else {
                format!("→ {part}")
            };
            if text_width(&part) <= width {
                return vec![part];
            }
            // Word by word, the arrow kept with the word after it.
            let mut words: Vec<String> = Vec::new();
            for word in part.split(' ') {
                match words.last_mut() {
                    Some(arrow) if arrow == "→" => {
                        arrow.push(' ');
                        arrow.push_str(word);
                    }
                    _ => words.push(word.to_string()),
                }
            }
            words
        })
        .collect();
    let fewest = fill(&tokens, width).len();
    // The narrowest measure that needs no more lines makes the lines even: it is the width of some
    // run of tokens.
    let even = (0..tokens.len())
        .flat_map(|i| (i + 1..=tokens.len()).map(move |j| (i, j)))
        .map(|(i, j)| text_width(&tokens[i..j].join(" ")))
        .filter(|&measure| measure <= width && fill(&tokens, measure).len() == fewest)
        .fold(width, f64::min);
    fill(&tokens, even)
}

/// `tokens` joined by spaces into lines of at most `width`, each line as full as it can be; a token
/// wider than `width` alone gets a line of its own.
fn fill(tokens: &[String], width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for token in tokens {
        match lines.last_mut() {
            Some(last) if text_width(last) + text_width(" ") + text_width(token) <= width => {
                last.push(' ');
                last.push_str(token);
            }
            _ => lines.push(token.clone()),
        }
    }
    lines
}

/// The room a callout at a server wants in the server column, below the server, so that it covers no
/// box: the callout's height, its gap to the server and a wider one to the box below. None for a
/// callout at another node, or where the servers stand in more than one column.
pub fn room_for(layout: &Layout, callout: &Callout, lines: &[String]) -> Option<Room> {
    match callout.place {
        Endpoint::Server(beside) if layout.servers_in_one_column() => Some(Room {
            beside,
            height: GAP + callout_height(lines) + APART,
        }),
        _ => None,
    }
}

/// Where `callout`, drawn as `lines`, goes.
pub fn place_callout(layout: &Layout, callout: &Callout, lines: &[String]) -> Option<CalloutPlace> {
    let place = callout.place;
    let node = node_rect(layout, place)?;
    let (w, h) = callout_size(layout, lines);
    let obstacles = obstacles(layout, node, callout);
    let wire = arrival_wire(layout, place);
    // Ties keep the first candidate: below, above, then beside.
    let best = candidates(layout, node, w, h)
        .into_iter()
        .map(|rect| (cost(rect, &obstacles, &wire), rect))
        .fold(None, |best: Option<(f64, Rect)>, (c, rect)| match best {
            Some((b, _)) if b <= c => best,
            _ => Some((c, rect)),
        })
        .map(|(_, rect)| rect)?;
    Some(CalloutPlace {
        rect: best,
        leader: leader(best, node),
    })
}

/// Positions around the node: below, over its own lower part and above (centred, aligned with either
/// edge, or ending left of the text-size button), left and right (centred, or aligned with its top or
/// bottom), each moved inside the picture.
fn candidates(layout: &Layout, node: Rect, w: f64, h: f64) -> Vec<Rect> {
    let xs = [
        node.cx() - w / 2.0,
        node.x,
        node.right() - w,
        layout.width - BUTTON.0 - w,
    ];
    let ys = [node.cy() - h / 2.0, node.y, node.y + node.h - h];
    let below = node.y + node.h + GAP;
    let above = node.y - GAP - h;
    let left = node.x - GAP - w;
    let right = node.right() + GAP;
    let inside = |x: f64, y: f64| Rect {
        x: x.clamp(MARGIN, (layout.width - w - MARGIN).max(MARGIN)),
        y: y.clamp(MARGIN, (layout.height - h - MARGIN).max(MARGIN)),
        w,
        h,
    };
    // Over the node's own lower part, which is empty unless it holds many sessions: better than the
    // name of the neighbour below, when nodes are stacked close.
    let over_own_bottom = node.y + node.h - h - GAP / 2.0;
    let mut all = Vec::with_capacity(18);
    all.extend(xs.map(|x| inside(x, below)));
    all.extend(xs.map(|x| inside(x, over_own_bottom)));
    all.extend(xs.map(|x| inside(x, above)));
    all.extend(ys.map(|y| inside(left, y)));
    all.extend(ys.map(|y| inside(right, y)));
    all
}

/// What the callout should not cover, with how much covering it costs per unit of area. Most: the
/// other nodes that take part in the moment (the server that holds the session, the one its copy comes
/// from) and the replication lanes when a copy travels; then the name, counts and first sessions of
/// the node itself (what happens there is the point); a user who takes part, and the text-size button
/// in the corner; the other nodes' names and counts; the rest of the node; then bystanders; least, the
/// users who take no part.
fn obstacles(layout: &Layout, node: Rect, callout: &Callout) -> Vec<(Rect, f64)> {
    let place = callout.place;
    let takes_part = |e: Endpoint| callout.involved.contains(&e);
    // A node's name and counts along its top say which node it is: covering them costs more. On the
    // node where the moment happens, its first row of sessions too (a hotspot shows there).
    let top = |r: Rect, h: f64| Rect { h: r.h.min(h), ..r };
    let mut list = vec![(node, 1.5), (top(node, NODE_HEADER + CHIP_ROW), 6.0)];
    let servers = ServerId::first(layout.servers.len() as u32).map(Endpoint::Server);
    for other in servers
        .chain([Endpoint::Balancer, Endpoint::Store, Endpoint::Replica])
        .filter(|e| *e != place)
    {
        if let Some(r) = node_rect(layout, other) {
            let weight = if takes_part(other) { 10.0 } else { 1.0 };
            list.extend([(r, weight), (top(r, NODE_HEADER), 2.0)]);
        }
    }
    list.push((text_size_button(layout), 4.0));
    if let Some(lanes) = lane_band(layout) {
        list.push((lanes, if callout.copies_travel { 10.0 } else { 0.5 }));
    }
    list.extend(layout.slots.iter().map(|s| {
        // The glyph and its name (about 7 characters at the users' text size) to its left.
        let rect = Rect {
            x: s.x - s.r - 100.0,
            y: s.y - s.r - 4.0,
            w: 100.0 + 2.0 * s.r,
            h: 2.0 * s.r + 24.0,
        };
        let part = (s.first.0..=s.last.0).any(|u| takes_part(Endpoint::User(UserId(u))));
        (rect, if part { 4.0 } else { 0.3 })
    }));
    list
}

/// The band right of the server column where copies travel between servers.
fn lane_band(layout: &Layout) -> Option<Rect> {
    if layout.portrait || layout.servers.len() < 2 {
        return None;
    }
    let top = layout
        .servers
        .iter()
        .map(|r| r.y)
        .fold(f64::INFINITY, f64::min);
    let bottom = layout.servers.iter().map(|r| r.y + r.h).fold(0.0, f64::max);
    let x = layout.lane_x(ServerId(0), ServerId(1)) - 4.0;
    let last = ServerId(layout.servers.len() as u32 - 1);
    Some(Rect {
        x,
        y: top,
        w: layout.lane_x(ServerId(0), last) + 8.0 - x,
        h: bottom - top,
    })
}

/// Points along the wire the decisive request arrives on (from the balancer), if the place has one.
fn arrival_wire(layout: &Layout, place: Endpoint) -> Vec<(f64, f64)> {
    if !matches!(place, Endpoint::Server(_)) {
        return Vec::new();
    }
    let (x0, y0) = layout.anchor(Endpoint::Balancer, place);
    let (x1, y1) = layout.anchor(place, Endpoint::Balancer);
    (0..=24)
        .map(|i| {
            let f = f64::from(i) / 24.0;
            (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f)
        })
        .collect()
}

fn overlap(a: Rect, b: Rect) -> f64 {
    let w = (a.right().min(b.right()) - a.x.max(b.x)).max(0.0);
    let h = ((a.y + a.h).min(b.y + b.h) - a.y.max(b.y)).max(0.0);
    w * h
}

fn contains(r: Rect, (x, y): (f64, f64)) -> bool {
    x >= r.x && x <= r.right() && y >= r.y && y <= r.y + r.h
}

/// What covering costs at `rect`: the weighted area of what it covers, and a whole node's worth for
/// each stretch of the arrival wire it hides (the decisive request is drawn there).
fn cost(rect: Rect, obstacles: &[(Rect, f64)], wire: &[(f64, f64)]) -> f64 {
    let covered: f64 = obstacles.iter().map(|(r, w)| overlap(rect, *r) * w).sum();
    let wire_hidden = wire.iter().filter(|p| contains(rect, **p)).count() as f64;
    covered + wire_hidden * 20_000.0
}

/// The leader line: from the callout's point nearest the node to the node's point nearest the callout.
fn leader(callout: Rect, node: Rect) -> (f64, f64, f64, f64) {
    let nearest = |r: Rect, (x, y): (f64, f64)| (x.clamp(r.x, r.right()), y.clamp(r.y, r.y + r.h));
    let (x2, y2) = nearest(node, (callout.cx(), callout.cy()));
    let (x1, y1) = nearest(callout, (x2, y2));
    (x1, y1, x2, y2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_breaks_before_arrows_into_even_lines() {
        let line = "SESSION=9e37 → found → 200";
        assert_eq!(break_line(line, text_width(line)), [line]);
        // Filled greedily, the second line would be "→ 200" alone.
        let narrower = text_width("SESSION=9e37 → found");
        assert_eq!(
            break_line(line, narrower),
            ["SESSION=9e37", "→ found → 200"]
        );
        let line = "write → 2 copies → 2 acks → 200";
        assert_eq!(
            break_line(line, text_width("write → 2 copies → 2 acks")),
            ["write → 2 copies", "→ 2 acks → 200"]
        );
    }

    #[test]
    fn a_part_wider_than_the_line_breaks_between_words_keeping_each_arrow_with_its_word() {
        let line = "SESSION=9e37: key only → fetch from A → 200";
        assert_eq!(
            break_line(line, text_width("→ fetch from A")),
            ["SESSION=9e37:", "key only", "→ fetch from A", "→ 200"]
        );
        let line = "Cookie: SESSION=9e37 → not found (lost) → 401";
        let lines = break_line(line, text_width("not found"));
        assert!(lines.iter().all(|l| l != "→"), "{lines:?}");
        assert_eq!(lines.join(" "), line);
        // A word wider than the line stays whole.
        assert_eq!(
            break_line("SESSION=9e37", text_width("SESSION")),
            ["SESSION=9e37"]
        );
    }
}
