//! Where everything sits in the topology picture. Pure geometry from counts; scales from 1 to 64 servers
//! and from one user to a hundred thousand (users beyond a dozen are drawn as groups).

use crate::model::{Endpoint, ServerId, UserId};

pub const WIDTH: f64 = 1000.0;
pub const HEIGHT: f64 = 600.0;
pub const PORTRAIT_WIDTH: f64 = 600.0;
pub const PORTRAIT_HEIGHT: f64 = 900.0;
/// More users than this are drawn as this many groups.
pub const MAX_USER_SLOTS: u32 = 12;
/// Up to this many servers stand in one column (landscape).
pub const ONE_COLUMN: u32 = 16;
/// Width kept right of the servers for the replication lanes.
const LANE_GUTTER: f64 = 50.0;
/// The landscape server column: its top and height, and its boxes' greatest height.
const COLUMN_TOP: f64 = 20.0;
const COLUMN_HEIGHT: f64 = HEIGHT - 2.0 * COLUMN_TOP;
const MAX_BOX_HEIGHT: f64 = 150.0;
/// A server box lower than this has no row left for its sessions: no room is made at that cost.
const MIN_BOX_HEIGHT: f64 = 80.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    pub fn cy(&self) -> f64 {
        self.y + self.h / 2.0
    }
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
}

/// One drawn user, or one group of users.
#[derive(Clone, Debug, PartialEq)]
pub struct UserSlot {
    pub first: UserId,
    /// Inclusive.
    pub last: UserId,
    pub x: f64,
    pub y: f64,
    pub r: f64,
    /// Where the name goes, and its `text-anchor`.
    pub label_x: f64,
    pub label_y: f64,
    pub label_anchor: &'static str,
}

/// Room kept free in the server column below one server (the tour's callout goes there).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Room {
    pub beside: ServerId,
    /// From the box's edge to the next box's edge.
    pub height: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Narrow screens (phones) get a top-to-bottom picture: users, balancer, servers, store.
    pub portrait: bool,
    pub width: f64,
    pub height: f64,
    pub users: u32,
    pub slots: Vec<UserSlot>,
    pub lb: Rect,
    pub servers: Vec<Rect>,
    pub store: Option<Rect>,
    pub replica: Option<Rect>,
    /// The replica's box holds the primary's role (a failover promoted it): the servers' wires and
    /// their store requests go there, and copies from it go to the first box.
    pub store_promoted: bool,
}

/// Users per drawn slot: `users` spread over `slots` slots, slot `g` gets [first, last].
fn slot_range(g: u32, users: u32, slots: u32) -> (UserId, UserId) {
    let first = (g as u64 * users as u64 / slots as u64) as u32;
    let last = (((g + 1) as u64 * users as u64 / slots as u64) as u32).max(first + 1) - 1;
    (UserId(first), UserId(last))
}

impl Layout {
    pub fn new(users: u32, servers: u32, store: bool, replica: bool, portrait: bool) -> Layout {
        if portrait {
            return Layout::portrait(users, servers, store, replica);
        }
        let users = users.max(1);
        let slot_count = users.min(MAX_USER_SLOTS);
        let top = 40.0;
        let span = HEIGHT - 2.0 * top;
        let pitch = span / slot_count as f64;
        let r = (pitch * 0.3).clamp(6.0, 16.0);
        let slots = (0..slot_count)
            .map(|g| {
                let (first, last) = slot_range(g, users, slot_count);
                let (x, y) = (150.0, top + pitch * (g as f64 + 0.5));
                UserSlot {
                    first,
                    last,
                    x,
                    y,
                    r,
                    label_x: x - r - 6.0,
                    label_y: y + 4.0,
                    label_anchor: "end",
                }
            })
            .collect();
        let lb = Rect {
            x: 255.0,
            y: HEIGHT / 2.0 - 45.0,
            w: 80.0,
            h: 90.0,
        };
        // Room on the right of the servers for the replication lanes.
        let area_right = if store { 748.0 } else { 975.0 } - LANE_GUTTER;
        let n = servers.max(1);
        // One column up to `ONE_COLUMN` servers: copies between servers then run on lanes beside the
        // column and cross no box, and the boxes are as wide as the words in them need.
        let servers = grid(
            n,
            390.0,
            COLUMN_TOP,
            area_right - 390.0,
            COLUMN_HEIGHT,
            (n <= ONE_COLUMN).then_some(1),
        );
        // Wide enough for "primary (promoted)" in large type. With a replica below it, the store
        // stands higher: the room left under the replica takes the tour's callout there (two lines,
        // clear of the text-size button in the corner).
        let store_top = if replica { 110.0 } else { 150.0 };
        let store_rect = store.then_some(Rect {
            x: 758.0,
            y: store_top,
            w: 234.0,
            h: 150.0,
        });
        let replica_rect = (store && replica).then_some(Rect {
            x: 758.0,
            y: store_top + 210.0,
            w: 234.0,
            h: 130.0,
        });
        Layout {
            portrait: false,
            width: WIDTH,
            height: HEIGHT,
            users,
            slots,
            lb,
            servers,
            store: store_rect,
            replica: replica_rect,
            store_promoted: false,
        }
    }

    /// Top to bottom, for phones held upright.
    fn portrait(users: u32, servers: u32, store: bool, replica: bool) -> Layout {
        // Without a store the bottom band is not needed.
        let (width, height) = (
            PORTRAIT_WIDTH,
            if store {
                PORTRAIT_HEIGHT
            } else {
                PORTRAIT_HEIGHT - 180.0
            },
        );
        let users = users.max(1);
        let slot_count = users.min(MAX_USER_SLOTS);
        let pitch = (width - 20.0) / slot_count as f64;
        let r = (pitch * 0.28).clamp(6.0, 16.0);
        let slots = (0..slot_count)
            .map(|g| {
                let (first, last) = slot_range(g, users, slot_count);
                let (x, y) = (10.0 + pitch * (g as f64 + 0.5), 30.0);
                UserSlot {
                    first,
                    last,
                    x,
                    y,
                    r,
                    label_x: x,
                    label_y: y + r + 14.0,
                    label_anchor: "middle",
                }
            })
            .collect();
        let lb = Rect {
            x: width / 2.0 - 40.0,
            y: 150.0,
            w: 80.0,
            h: 90.0,
        };
        let bottom = if store { height - 150.0 } else { height - 10.0 };
        // Side by side first: wires from the balancer above then reach every box of the first row
        // without crossing another.
        let n = servers.max(1);
        let cols = (n as f64 * 1.5).sqrt().ceil().clamp(1.0, 4.0) as u32;
        let servers = grid(n, 10.0, 290.0, width - 20.0, bottom - 290.0, Some(cols));
        let store_rect = store.then_some(Rect {
            x: if replica { 40.0 } else { width / 2.0 - 120.0 },
            y: height - 130.0,
            w: 240.0,
            h: 120.0,
        });
        let replica_rect = (store && replica).then_some(Rect {
            x: 330.0,
            y: height - 110.0,
            w: 220.0,
            h: 80.0,
        });
        Layout {
            portrait: true,
            width,
            height,
            users,
            slots,
            lb,
            servers,
            store: store_rect,
            replica: replica_rect,
            store_promoted: false,
        }
    }

    /// The same picture with each of `rooms` kept free in the server column, below its server, the
    /// boxes made lower where the column has no spare height. Where that would leave them too low to
    /// hold a row of sessions, the rooms asked for first are kept and the others dropped. Unchanged
    /// where the servers stand in more than one column.
    pub fn with_rooms(self, rooms: &[Room]) -> Layout {
        let n = self.servers.len();
        let rooms: Vec<Room> = rooms
            .iter()
            .copied()
            .filter(|r| r.beside.index() < n)
            .collect();
        if !self.servers_in_one_column() {
            return self;
        }
        (1..=rooms.len())
            .rev()
            .find_map(|kept| self.column_with(&rooms[..kept]))
            .unwrap_or(self)
    }

    /// The server column laid out again with `rooms`, if its boxes stay high enough.
    fn column_with(&self, rooms: &[Room]) -> Option<Layout> {
        let n = self.servers.len();
        let gap = box_gap(n as u32);
        // The space below each box: its room, else the gap to the next box (none below the last).
        let below: Vec<f64> = (0..n)
            .map(|i| {
                let room = rooms
                    .iter()
                    .filter(|r| r.beside.index() == i)
                    .map(|r| r.height)
                    .fold(0.0, f64::max);
                if room > 0.0 || i + 1 == n {
                    room
                } else {
                    gap
                }
            })
            .collect();
        let spaces: f64 = below.iter().sum();
        let h = ((COLUMN_HEIGHT - spaces) / n as f64).min(MAX_BOX_HEIGHT);
        if h < MIN_BOX_HEIGHT {
            return None;
        }
        let mut layout = self.clone();
        let mut y = COLUMN_TOP + (COLUMN_HEIGHT - n as f64 * h - spaces) / 2.0;
        for (rect, space) in layout.servers.iter_mut().zip(below) {
            rect.y = y;
            rect.h = h;
            y += h + space;
        }
        Some(layout)
    }

    /// The servers stand in one column, left of their replication lanes (landscape, up to
    /// `ONE_COLUMN`).
    pub fn servers_in_one_column(&self) -> bool {
        !self.portrait && self.servers.len() <= ONE_COLUMN as usize
    }

    /// Whether `user` has a slot of their own (a glyph and a name), not a place in a group.
    pub fn drawn_alone(&self, user: UserId) -> bool {
        self.slots
            .get(self.slot_of(user))
            .is_some_and(|s| s.first == s.last)
    }

    /// Which drawn slot a user belongs to: the last slot whose first user is at or before `user`
    /// (the exact inverse of `slot_range`).
    pub fn slot_of(&self, user: UserId) -> usize {
        let slots = self.slots.len() as u64;
        let users = u64::from(self.users.max(1));
        (((u64::from(user.0) + 1) * slots - 1) / users).min(slots - 1) as usize
    }

    /// Where a message between `at` and `other` leaves or enters `at`.
    pub fn anchor(&self, at: Endpoint, other: Endpoint) -> (f64, f64) {
        if self.portrait {
            return self.anchor_portrait(at, other);
        }
        match at {
            Endpoint::User(u) => {
                let s = &self.slots[self.slot_of(u)];
                (s.x + s.r + 4.0, s.y)
            }
            Endpoint::Balancer => match other {
                Endpoint::User(_) => (self.lb.x, self.lb.cy()),
                _ => (self.lb.right(), self.lb.cy()),
            },
            Endpoint::Server(i) => {
                let r = self.server_rect(i);
                match other {
                    Endpoint::User(_) | Endpoint::Balancer => (r.x, r.cy()),
                    // Replication runs on a lane right of the column, one lane per distance
                    // between the two servers, so the copies of one write fan out side by side.
                    Endpoint::Server(j) => (self.lane_x(i, j), r.cy()),
                    Endpoint::Store | Endpoint::Replica => (r.right(), r.cy()),
                }
            }
            Endpoint::Store | Endpoint::Replica => {
                let r = self.store_box(at);
                match other {
                    // The link between the two boxes, one above the other.
                    Endpoint::Store | Endpoint::Replica if self.store_box(other).y > r.y => {
                        (r.cx(), r.y + r.h)
                    }
                    Endpoint::Store | Endpoint::Replica => (r.cx(), r.y),
                    _ => (r.x, r.cy()),
                }
            }
        }
    }

    /// The box that holds the store's `role` now (`Endpoint::Store`, the primary, or
    /// `Endpoint::Replica`): after a failover, the primary's role is in the replica's box.
    pub fn store_box(&self, role: Endpoint) -> Rect {
        let (primary, replica) = if self.store_promoted {
            (self.replica.or(self.store), self.store)
        } else {
            (self.store, self.replica.or(self.store))
        };
        match role {
            Endpoint::Replica => replica,
            _ => primary,
        }
        .unwrap_or(self.lb)
    }

    fn anchor_portrait(&self, at: Endpoint, other: Endpoint) -> (f64, f64) {
        match at {
            Endpoint::User(u) => {
                let s = &self.slots[self.slot_of(u)];
                (s.x, s.y + s.r + 30.0)
            }
            Endpoint::Balancer => match other {
                Endpoint::User(_) => (self.lb.cx(), self.lb.y),
                _ => (self.lb.cx(), self.lb.y + self.lb.h),
            },
            Endpoint::Server(i) => {
                let r = self.server_rect(i);
                match other {
                    Endpoint::User(_) | Endpoint::Balancer => (r.cx(), r.y),
                    Endpoint::Server(_) => (r.right() + 4.0, r.cy()),
                    Endpoint::Store | Endpoint::Replica => (r.cx(), r.y + r.h),
                }
            }
            Endpoint::Store | Endpoint::Replica => {
                let r = self.store_box(at);
                match other {
                    // The link between the two boxes, side by side.
                    Endpoint::Store | Endpoint::Replica if self.store_box(other).x > r.x => {
                        (r.right(), r.cy())
                    }
                    Endpoint::Store | Endpoint::Replica => (r.x, r.cy()),
                    _ => (r.cx(), r.y),
                }
            }
        }
    }

    /// The x of the lane between servers `a` and `b`, right of every box.
    pub fn lane_x(&self, a: ServerId, b: ServerId) -> f64 {
        let right = self.servers.iter().map(Rect::right).fold(0.0, f64::max);
        let lanes = self.servers.len().max(2) as f64 - 1.0;
        let spacing = ((LANE_GUTTER - 10.0) / lanes).min(8.0);
        right + 6.0 + spacing * (f64::from(a.0.abs_diff(b.0)) - 1.0)
    }

    pub fn server_rect(&self, server: ServerId) -> Rect {
        self.servers.get(server.index()).copied().unwrap_or(Rect {
            x: 390.0,
            y: 20.0,
            w: 10.0,
            h: 10.0,
        })
    }
}

/// Lay `n` boxes out in the area, in `fixed_cols` columns or else the column count that gives the most
/// readable boxes (about twice as wide as tall).
fn grid(n: u32, x: f64, y: f64, w: f64, h: f64, fixed_cols: Option<u32>) -> Vec<Rect> {
    let gap = box_gap(n);
    let mut best = (fixed_cols.unwrap_or(1).clamp(1, n), 0.0f64);
    for cols in 1..=n.min(8) {
        if fixed_cols.is_some() {
            break;
        }
        let rows = n.div_ceil(cols);
        let bw = w / cols as f64 - gap;
        let bh = h / rows as f64 - gap;
        let score = (bw / 2.0).min(bh);
        if score > best.1 {
            best = (cols, score);
        }
    }
    let rows = n.div_ceil(best.0);
    // Boxes fill columns top to bottom: drop columns that would stay empty (4 boxes in 3 columns).
    let cols = n.div_ceil(rows);
    let cell_h = h / rows as f64;
    let bw = (w / cols as f64 - gap).min(360.0);
    let bh = (cell_h - gap).min(MAX_BOX_HEIGHT);
    // Centre the block vertically when boxes hit their maximum height.
    let used_h = rows as f64 * (bh + gap);
    let y0 = y + (h - used_h).max(0.0) / 2.0;
    // ... and horizontally when they hit their maximum width (a third of the spare room on the left, so
    // the wires from the balancer stay short).
    let used_w = cols as f64 * (bw + gap);
    let x0 = x + (w - used_w).max(0.0) / 3.0;
    (0..n)
        .map(|i| {
            let (c, r) = (i / rows, i % rows);
            Rect {
                x: x0 + c as f64 * (bw + gap),
                y: y0 + r as f64 * (bh + gap),
                w: bw,
                h: bh,
            }
        })
        .collect()
}

/// The space between neighbouring server boxes.
fn box_gap(n: u32) -> f64 {
    if n > 8 {
        6.0
    } else {
        10.0
    }
}
