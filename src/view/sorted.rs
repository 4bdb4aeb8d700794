//! A vector kept sorted by key: what the frame builders need from a `BTreeMap` (an entry per key, then
//! the entries in key order) for the few dozen keys a frame groups by, without a B-tree instantiation per
//! key type in the page's wasm (issue 4's size budget).

/// The value for `key`, made by `new` and inserted in key order when absent.
pub fn entry<K: Ord, V>(list: &mut Vec<(K, V)>, key: K, new: impl FnOnce() -> V) -> &mut V {
    let at = match list.binary_search_by(|(k, _)| k.cmp(&key)) {
        Ok(at) => at,
        Err(at) => {
            list.insert(at, (key, new()));
            at
        }
    };
    &mut list[at].1
}
