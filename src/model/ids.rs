//! Typed ids for users, servers and sessions, and a list indexed by one of them: a server's number
//! cannot index the users, and a session id cannot be taken for a server.

use serde::{Deserialize, Serialize};
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// An id that is also a position in a dense list (ids are handed out from 0 upwards).
pub trait Id: Copy {
    fn from_index(index: usize) -> Self;
    fn index(self) -> usize;
}

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id!(
    /// A user, numbered from 0 in the order users join.
    UserId
);
id!(
    /// A server, numbered from 0 in the order servers are added (a removed server's number goes to
    /// the next server added).
    ServerId
);
id!(
    /// A session, numbered from 1 in the order sessions are created; never reused.
    SessionId
);

/// Users and servers are numbered densely from 0, so their ids index lists (sessions are not: their
/// slots in the session table are reused).
macro_rules! dense {
    ($($name:ident),*) => {$(
        impl $name {
            /// The id as a position in a list.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl Id for $name {
            fn from_index(index: usize) -> Self {
                // Lists of ids stay far below `u32::MAX` (the model caps users and servers).
                Self(index as u32)
            }
            fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

dense!(UserId, ServerId);

impl ServerId {
    /// The ids of a pool of `count` servers: 0 to `count - 1`.
    pub fn first(count: u32) -> impl Iterator<Item = ServerId> {
        (0..count).map(ServerId)
    }

    /// The server's bit in a set of servers (`u64`: at most 64 servers).
    pub fn bit(self) -> u64 {
        1 << self.0
    }
}

/// A list whose positions are ids of one kind: `servers[server]`, `users[user]`.
#[derive(Clone, Debug)]
pub struct ById<I, T> {
    items: Vec<T>,
    id: PhantomData<fn(I)>,
}

impl<I: Id, T> ById<I, T> {
    pub fn new() -> Self {
        Self {
            items: Vec::new(),
            id: PhantomData,
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The id the next pushed item gets.
    pub fn next_id(&self) -> I {
        I::from_index(self.items.len())
    }

    pub fn push(&mut self, item: T) {
        self.items.push(item);
    }

    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }

    /// Every id in the list, in order.
    pub fn ids(&self) -> impl Iterator<Item = I> {
        (0..self.items.len()).map(I::from_index)
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (I, &mut T)> {
        self.items
            .iter_mut()
            .enumerate()
            .map(|(i, item)| (I::from_index(i), item))
    }
}

impl<I: Id, T> Default for ById<I, T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<I: Id, T> Index<I> for ById<I, T> {
    type Output = T;
    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I: Id, T> IndexMut<I> for ById<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

impl<I: Id, T> FromIterator<T> for ById<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(items: It) -> Self {
        Self {
            items: items.into_iter().collect(),
            id: PhantomData,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_by_id_hands_out_ids_in_order_and_is_indexed_by_them() {
        let mut servers: ById<ServerId, &str> = ById::new();
        assert!(servers.is_empty());
        assert_eq!(servers.next_id(), ServerId(0));
        servers.push("A");
        servers.push("B");
        assert_eq!(servers.next_id(), ServerId(2));
        assert_eq!(
            servers.ids().collect::<Vec<_>>(),
            [ServerId(0), ServerId(1)]
        );
        assert_eq!(servers[ServerId(1)], "B");
        servers[ServerId(0)] = "A2";
        assert_eq!(servers.get(ServerId(0)), Some(&"A2"));
        assert_eq!(servers.get(ServerId(2)), None);
        for (id, name) in servers.iter_mut() {
            if id == ServerId(1) {
                *name = "B2";
            }
        }
        assert_eq!(servers[ServerId(1)], "B2");
    }

    #[test]
    fn a_server_has_its_own_bit_and_ids_print_as_numbers() {
        assert_eq!(ServerId(0).bit(), 1);
        assert_eq!(ServerId(63).bit(), 1 << 63);
        assert_eq!(ServerId(5).bit().count_ones(), 1);
        assert_eq!(SessionId(17).to_string(), "17");
        assert_eq!(serde_json::to_string(&UserId(3)).unwrap(), "3");
    }

    #[test]
    fn a_pool_of_n_servers_is_numbered_0_to_n_minus_1() {
        assert_eq!(
            ServerId::first(3).collect::<Vec<_>>(),
            [ServerId(0), ServerId(1), ServerId(2)]
        );
        assert_eq!(ServerId::first(0).count(), 0);
        assert_eq!(ServerId::first(64).last(), Some(ServerId(63)));
    }
}
