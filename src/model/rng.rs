//! The run's only source of randomness: one seeded, portable generator (same stream on x86_64 and wasm32),
//! with floating-point sampling done through `libm` so native and wasm runs never diverge.

use super::config::Micros;
use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;

pub struct Rng(Pcg64Mcg);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(Pcg64Mcg::seed_from_u64(seed))
    }

    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in [0, 1) with 53 bits.
    #[inline]
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n (n > 0), without modulo bias worth mentioning and without platform-sized integers.
    #[inline]
    pub fn below(&mut self, n: u32) -> u32 {
        (((self.next_u64() >> 32) * u64::from(n)) >> 32) as u32
    }

    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Exponentially distributed duration with the given mean (microseconds), capped at a day so a
    /// pathological draw cannot push a user out of the run.
    #[inline]
    pub fn exp_micros(&mut self, mean: f64) -> Micros {
        let u = self.unit();
        let x = -mean * libm::log1p(-u);
        if x >= 86_400e6 {
            86_400_000_000
        } else {
            x as Micros
        }
    }
}
