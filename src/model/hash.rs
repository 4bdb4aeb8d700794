//! Small portable hashes: the balancer's key hashes and the running history hash (u64 arithmetic only, so
//! the same on every target).

/// SplitMix64 finaliser: a good 64-bit mix.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A running hash of everything that happened; folding is order-sensitive.
#[derive(Clone, Copy, Debug, Default)]
pub struct HistoryHash(u64);

impl HistoryHash {
    #[inline]
    pub fn fold(&mut self, word: u64) {
        self.0 = (self.0 ^ word)
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(23)
            ^ (self.0 >> 29);
    }

    /// Fold bytes in, eight at a time (the last word padded with zeros).
    pub fn fold_bytes(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.fold(u64::from_le_bytes(word));
        }
    }

    pub fn value(self) -> u64 {
        mix64(self.0)
    }
}
